package store

import "time"

// sessionTotals is what a day's aggregates need of a stored session.
type sessionTotals struct {
	StartedAt time.Time
	Baseline  int
	Status    Status
}

// sessionFields are the fields a stored session has (sessionJSON).
var sessionFields = []string{"id", "started_at", "ended_at", "routine_id", "routine", "baseline_pain", "dose_level", "short", "status", "note"}

// sessionTotalsOf reads a stored session's start, check-in and status for
// its day's aggregates with the quick field scan (trends.go), which
// rebuilding a day does for every session of three days, many times over
// in an import. It accepts exactly what decodeSession accepts: every
// field is checked for its type, the times must parse and the status be
// known; anything the scan does not take goes to decodeSession.
func sessionTotalsOf(v []byte) (sessionTotals, error) {
	if err := checkValue("session", v, maxRecordValue); err != nil {
		return sessionTotals{}, err
	}
	var t sessionTotals
	var started, ended string
	status := ""
	ok := eachField(v, func(key, raw []byte, quoted bool) bool {
		switch string(key) {
		case "id", "routine_id", "routine", "note":
			return quoted
		case "started_at":
			started = string(raw)
			return quoted
		case "ended_at":
			ended = string(raw)
			return quoted
		case "status":
			status = string(raw)
			return quoted
		case "baseline_pain":
			n, ok := jsonInt(raw)
			t.Baseline = n
			return !quoted && ok
		case "dose_level":
			_, ok := jsonInt(raw)
			return !quoted && ok
		case "short":
			return !quoted && (string(raw) == "true" || string(raw) == "false")
		}
		return !sameFold(key, sessionFields...)
	})
	if ok {
		var err error
		if t.StartedAt, err = parseTime(started); err == nil {
			if _, err = parseTime(ended); err == nil {
				err = t.Status.UnmarshalText([]byte(status))
			}
		}
		if err == nil {
			return t, nil
		}
	}
	sess, err := decodeSession(v)
	return sessionTotals{StartedAt: sess.StartedAt, Baseline: sess.Baseline, Status: sess.Status}, err
}
