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
	// In the order json.Marshal writes them (scanFields takes a record
	// as written key by key). The list is made here, not returned by a
	// function: it stays on the stack, and so does j.
	id, routineID, routine, note := &j.ID, &j.RoutineID, &j.Routine, &j.Note
	if !text {
		id, routineID, routine, note = nil, nil, nil, nil
	}
	return scanFields(v, []field{{name: "id", str: id}, {name: "started_at", str: &j.StartedAt}, {name: "ended_at", str: &j.EndedAt},
		{name: "routine_id", str: routineID}, {name: "routine", str: routine},
		{name: "baseline_pain", num: &j.Baseline}, {name: "dose_level", num: &j.DoseLevel},
		{name: "short", flag: &j.Short}, {name: "status", status: &j.Status}, {name: "note", str: note}})
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
