package store

import (
	"bytes"
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// The reads behind the trends. Each is a range scan over its window of
// local days, on the time-sortable session IDs that prefix every key, so
// its cost follows the window and never the length of the history.

// TrendInput reads, in one read transaction, what the trends need for a
// window of days ending on now's local day: the per-day aggregates of
// routine.TrendSpan(window) days (chart, verdict, adherence, streak), the
// per-exercise aggregates of the window from the day of surgery if it is
// later (the per-exercise table: its scored sets, counted), its latest cut-backs and stops at the check-in,
// and the surgery date of the profile.
func (s *Store) TrendInput(now time.Time, window int) (routine.TrendInput, error) {
	window = max(window, 1)
	today := dayOf(now)
	from := routine.WindowStart(now, window)
	var in routine.TrendInput
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if in.Surgery, err = s.surgeryDate(tx); err != nil {
			return err
		}
		var unfinished []string // days with a session not completed: where a stop at the check-in can be
		if in.Days, err = s.trendDays(tx, routine.WindowStart(now, routine.TrendSpan(window)), today, &unfinished); err != nil {
			return err
		}
		// routine.BuildTrends starts the window on the day of surgery when
		// it falls inside it, and drops the sets before: a week aggregate
		// must not reach across that day.
		setsFrom := from
		if in.Surgery > from && in.Surgery <= today {
			setsFrom = in.Surgery
		}
		if tx.Bucket(bucketExerciseDays) != nil {
			in.Sets, err = s.exerciseScores(tx, setsFrom, today)
		} else { // a file older than schema 3, opened read-only
			in.Sets, err = s.setScores(tx, setsFrom, today)
		}
		if err != nil {
			return err
		}
		if in.CutBacks, err = s.latestDecisions(tx, from, today, routine.MaxCutBacks, routine.IsCutBack); err != nil {
			return err
		}
		// A stop at the check-in ends its session unfinished, so only
		// those days are walked: most windows have none.
		for i := len(unfinished) - 1; i >= 0 && len(in.Stops) < routine.MaxCutBacks; i-- {
			if day := unfinished[i]; day >= from {
				stops, err := s.latestDecisions(tx, day, day, routine.MaxCutBacks-len(in.Stops), routine.IsCheckInStop)
				if err != nil {
					return err
				}
				in.Stops = append(in.Stops, stops...)
			}
		}
		return nil
	})
	return in, err
}

// TrendDaysBetween is DaysBetween in the terms of the trends.
func (s *Store) TrendDaysBetween(from, to string) ([]routine.TrendDay, error) {
	var out []routine.TrendDay
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.trendDays(tx, from, to, nil)
		return err
	})
	return out, err
}

// trendDays reads the day aggregates of from..to. With unfinished, it
// also lists the days on which some session was not completed (stopped,
// abandoned, open), oldest first.
func (s *Store) trendDays(tx *bolt.Tx, from, to string, unfinished *[]string) ([]routine.TrendDay, error) {
	days, err := s.daysBetween(tx, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]routine.TrendDay, 0, len(days))
	for _, d := range days {
		out = append(out, d.Trend())
		if unfinished != nil && d.Completed < d.Sessions {
			*unfinished = append(*unfinished, d.Date)
		}
	}
	return out, nil
}

// sessionKeyRange bounds the keys of the sessions started on the local
// days from..to: a day's sessions lie within dayReach of its UTC midnight.
func sessionKeyRange(from, to string) (lo, hi []byte, err error) {
	first, err := time.Parse(dateLayout, from)
	if err != nil {
		return nil, nil, invalid("day %q is not YYYY-MM-DD", from)
	}
	last, err := time.Parse(dateLayout, to)
	if err != nil {
		return nil, nil, invalid("day %q is not YYYY-MM-DD", to)
	}
	return []byte(timeKey(first.Add(-dayReach))), []byte(timeKey(last.Add(24*time.Hour + dayReach))), nil
}

// SetScoresBetween returns the scored sets (skipped ones left out) of the
// sessions started on the local days from..to (YYYY-MM-DD, both
// included), in session then plan order, each with its session's day and
// check-in score.
func (s *Store) SetScoresBetween(from, to string) ([]routine.SetScore, error) {
	var out []routine.SetScore
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.setScores(tx, from, to)
		return err
	})
	return out, err
}

func (s *Store) setScores(tx *bolt.Tx, from, to string) ([]routine.SetScore, error) {
	lo, hi, err := sessionKeyRange(from, to)
	if err != nil {
		return nil, err
	}
	sessions, sets := tx.Bucket(bucketSessions), tx.Bucket(bucketSets)
	if sessions == nil || sets == nil {
		return nil, nil
	}
	var out []routine.SetScore
	c, sc := sessions.Cursor(), sets.Cursor()
	for k, v := c.Seek(lo); k != nil && bytes.Compare(timePart(k), hi) < 0; k, v = c.Next() {
		sess, err := sessionDayOf(v)
		if err != nil {
			return nil, s.damaged("session", k, err)
		}
		if sess.day < from || sess.day > to {
			continue
		}
		for sk, sv := sc.Seek(k); sk != nil && bytes.HasPrefix(sk, k); sk, sv = sc.Next() {
			p, err := setScoreOf(sv)
			if err != nil {
				return nil, s.damaged("set", sk, err)
			}
			if p.Skipped || p.Pain < 0 {
				continue
			}
			out = append(out, routine.SetScore{Date: sess.day, ExerciseID: p.ExerciseID, Exercise: p.Exercise,
				Baseline: sess.Baseline, Pain: p.Pain})
		}
	}
	return out, nil
}

// setScoreJSON is the part of a stored set the trends read.
type setScoreJSON struct {
	ExerciseID string `json:"exercise_id"`
	Exercise   string `json:"exercise"`
	Pain       int    `json:"pain"`
	Skipped    bool   `json:"skipped"`
}

// sessionDayJSON is the part of a stored session the trends read; day is
// the date its start was written with, which is the local day (times are
// stored in their own offset).
type sessionDayJSON struct {
	StartedAt string `json:"started_at"`
	Baseline  int    `json:"baseline_pain"`
	day       string
}

func setScoreFields(p *setScoreJSON) []field {
	return []field{{name: "exercise_id", str: &p.ExerciseID}, {name: "exercise", str: &p.Exercise},
		{name: "pain", num: &p.Pain}, {name: "skipped", flag: &p.Skipped}}
}

// setScoreOf reads a stored set's exercise, pain and skip flag, with the
// quick field scan (fieldscan.go): the home screen and the trends read
// every set of their windows.
func setScoreOf(v []byte) (p setScoreJSON, err error) {
	if err := checkValue("set", v, maxRecordValue); err != nil {
		return p, err
	}
	defer func() { p.ExerciseID, p.Exercise = safetext.Line(p.ExerciseID), safetext.Line(p.Exercise) }()
	if scanFields(v, setScoreFields(&p)) {
		return p, nil
	}
	var full setScoreJSON // its own variable: p stays on the stack
	err = json.Unmarshal(v, &full)
	p = full
	return p, err
}

func sessionDayFields(p *sessionDayJSON) []field {
	return []field{{name: "started_at", str: &p.StartedAt}, {name: "baseline_pain", num: &p.Baseline}}
}

// sessionDayOf reads a stored session's local day and check-in score.
func sessionDayOf(v []byte) (sessionDayJSON, error) {
	var p sessionDayJSON
	if err := checkValue("session", v, maxRecordValue); err != nil {
		return p, err
	}
	if !scanFields(v, sessionDayFields(&p)) {
		var full sessionDayJSON // its own variable: p stays on the stack
		if err := json.Unmarshal(v, &full); err != nil {
			return full, err
		}
		p = full
	}
	start, err := parseTime(p.StartedAt)
	if err != nil {
		return p, err
	}
	p.day = dayOf(start)
	return p, nil
}

// CutBacksBetween returns the latest decisions, at most limit, that cut
// the routine back (routine.IsCutBack) in the sessions started on the
// local days from..to, newest first. It walks the window backwards from
// its end and stops at limit, so a long window costs no more than a short
// one once it holds limit cut-backs.
func (s *Store) CutBacksBetween(from, to string, limit int) ([]routine.CutBack, error) {
	var out []routine.CutBack
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.latestDecisions(tx, from, to, limit, routine.IsCutBack)
		return err
	})
	return out, err
}

// CheckInStopsBetween is CutBacksBetween for the stops at the check-in
// (routine.IsCheckInStop): warning signs and pain too high to start.
func (s *Store) CheckInStopsBetween(from, to string, limit int) ([]routine.CutBack, error) {
	var out []routine.CutBack
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.latestDecisions(tx, from, to, limit, routine.IsCheckInStop)
		return err
	})
	return out, err
}

// latestDecisions walks the decisions of the sessions started on the
// local days from..to backwards from the end, and returns the latest
// limit whose rule keep accepts, newest first. A decision's rule is read
// by the quick field scan; only the ones kept are decoded in full.
func (s *Store) latestDecisions(tx *bolt.Tx, from, to string, limit int, keep func(rule string) bool) ([]routine.CutBack, error) {
	lo, hi, err := sessionKeyRange(from, to)
	if err != nil {
		return nil, err
	}
	decisions, sessions := tx.Bucket(bucketDecisions), tx.Bucket(bucketSessions)
	if decisions == nil || sessions == nil || limit <= 0 {
		return nil, nil
	}
	var out []routine.CutBack
	days := map[string]string{} // session ID -> its local day
	c := decisions.Cursor()
	var k, v []byte
	if at, _ := c.Seek(hi); at == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev() // Seek lands on the first key at or after hi
	}
	for ; k != nil && bytes.Compare(timePart(k), lo) >= 0 && len(out) < limit; k, v = c.Prev() {
		if rule, ok := decisionRuleOf(v); ok && !keep(rule) {
			continue
		}
		d, err := decodeDecision(v)
		if err != nil {
			return nil, s.damaged("decision", k, err)
		}
		if !keep(d.Rule) {
			continue
		}
		day, err := s.sessionDay(sessions, d.SessionID, days)
		if err != nil {
			return nil, err
		}
		if day < from || day > to {
			continue
		}
		out = append(out, routine.CutBack{Date: day, At: d.At, Rule: d.Rule, Exercise: d.Exercise, Reason: d.Reason})
	}
	return out, nil
}

// decisionRuleOf reads a stored decision's rule by the quick field scan;
// false when the scan cannot tell (then the full decode decides).
func decisionRuleOf(v []byte) (string, bool) {
	rule, found := "", false
	ok := eachField(v, func(key, raw []byte, quoted bool) bool {
		if string(key) == "rule" {
			rule, found = string(raw), true
			return quoted
		}
		return !sameFold(key, field{name: "rule"})
	})
	return rule, ok && found
}

// sessionDay is the local day a session started on, remembered in seen;
// "" for a session that is not there (every write keeps a decision with
// its session, so only a damaged file has one).
func (s *Store) sessionDay(sessions *bolt.Bucket, id string, seen map[string]string) (string, error) {
	if day, ok := seen[id]; ok {
		return day, nil
	}
	day := ""
	if v := sessions.Get([]byte(id)); v != nil {
		sess, err := decodeSession(v)
		if err != nil {
			return "", s.damaged("session", []byte(id), err)
		}
		day = dayOf(sess.StartedAt)
	}
	seen[id] = day
	return day, nil
}
