package store

import "time"

// sessionTotals is what a day's aggregates need of a stored session.
type sessionTotals struct {
	StartedAt time.Time
	Baseline  int
	Status    Status
}

// scanSession reads a stored session with the quick field scan
// (fieldscan.go) into j, or reports false for what encoding/json must
// read. With text false the ID, routine and note are checked but not
// copied out, for a reader that needs only the start, check-in and status.
func scanSession(v []byte, j *sessionJSON, text bool) bool {
	// In the order json.Marshal writes them (scanFields looks for each
	// key from the last one found).
	fields := []field{{name: "id", str: &j.ID}, {name: "started_at", str: &j.StartedAt}, {name: "ended_at", str: &j.EndedAt},
		{name: "routine_id", str: &j.RoutineID}, {name: "routine", str: &j.Routine},
		{name: "baseline_pain", num: &j.Baseline}, {name: "dose_level", num: &j.DoseLevel},
		{name: "short", flag: &j.Short}, {name: "status", status: &j.Status}, {name: "note", str: &j.Note}}
	if !text {
		for _, i := range [...]int{0, 3, 4, 9} { // id, routine_id, routine, note
			fields[i].str = nil
		}
	}
	return scanFields(v, fields)
}

// sessionTotalsOf reads a stored session's start, check-in and status for
// its day's aggregates, which rebuilding a day does for every session of
// three days, many times over in an import. It accepts exactly what
// decodeSession accepts: the times must parse and the status be known.
func sessionTotalsOf(v []byte) (sessionTotals, error) {
	if err := checkValue("session", v, maxRecordValue); err != nil {
		return sessionTotals{}, err
	}
	var j sessionJSON
	if scanSession(v, &j, false) {
		started, err := parseTime(j.StartedAt)
		if err == nil {
			_, err = parseTime(j.EndedAt)
		}
		if err == nil {
			return sessionTotals{StartedAt: started, Baseline: j.Baseline, Status: j.Status}, nil
		}
	}
	sess, err := decodeSession(v)
	return sessionTotals{StartedAt: sess.StartedAt, Baseline: sess.Baseline, Status: sess.Status}, err
}
