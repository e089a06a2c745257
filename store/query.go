package store

import (
	"bytes"
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// Day is the aggregate of one local calendar day: the sessions that started
// on it and every set recorded in them.
type Day struct {
	Date        string `json:"date"`         // YYYY-MM-DD, local
	Sessions    int    `json:"sessions"`     // sessions started that day
	Sets        int    `json:"sets"`         // sets recorded, skipped ones included
	Skipped     int    `json:"skipped"`      // sets skipped
	BaselineSum int    `json:"baseline_sum"` // sum of known baseline pains
	Baselines   int    `json:"baselines"`    // sessions with a known baseline
	MaxPain     int    `json:"max_pain"`     // highest pain after a set; -1 none
	Completed   int    `json:"completed"`    // sessions completed
}

// Trend is the day in the terms of the trends.
func (d Day) Trend() routine.TrendDay {
	return routine.TrendDay{Date: d.Date, Sessions: d.Sessions, Scored: d.Sets - d.Skipped,
		BaselineSum: d.BaselineSum, Baselines: d.Baselines, MaxPain: d.MaxPain}
}

// BaselineAvg is the mean baseline pain of the day, if any was given.
func (d Day) BaselineAvg() (float64, bool) {
	if d.Baselines == 0 {
		return 0, false
	}
	return float64(d.BaselineSum) / float64(d.Baselines), true
}

func dayFields(d *Day) []field {
	return []field{{name: "date", str: &d.Date}, {name: "sessions", num: &d.Sessions},
		{name: "sets", num: &d.Sets}, {name: "skipped", num: &d.Skipped}, {name: "baseline_sum", num: &d.BaselineSum},
		{name: "baselines", num: &d.Baselines}, {name: "max_pain", num: &d.MaxPain}, {name: "completed", num: &d.Completed}}
}

// decodeDay reads a stored Day. The home screen and the trends read a
// Day for every day of their windows, so the quick field scan of
// setScoreOf (trends.go) comes first; anything it does not expect goes to
// encoding/json, which gives the same Day.
func decodeDay(v []byte) (Day, error) {
	var d Day
	if err := checkValue("day", v, maxRecordValue); err != nil {
		return d, err
	}
	if dayAsWritten(v, &d) || scanFields(v, dayFields(&d)) {
		return d, nil
	}
	d = Day{}
	err := json.Unmarshal(v, &d)
	return d, err
}

// dayAsWritten reads v into d if it is laid out exactly as json.Marshal
// writes a Day: its fields in order, a date of digits and dashes, whole
// numbers as JSON writes them, no space. Anything else is left to the
// field scan. The home screen and the trends read a Day per day of their
// windows, ninety and more, and the fixed layout takes a tenth of the
// scan's time: every byte is checked, but no key is looked up.
func dayAsWritten(v []byte, d *Day) bool {
	out, date, ok := dayLayout(v)
	if ok {
		out.Date = string(date)
		*d = out
	}
	return ok
}

// dayLayout is dayAsWritten leaving the date as the record's bytes.
func dayLayout(v []byte) (out Day, date []byte, ok bool) {
	rest, ok := bytes.CutPrefix(v, []byte(`{"date":"`))
	if !ok || len(rest) < len(dateLayout)+1 || rest[len(dateLayout)] != '"' {
		return out, nil, false
	}
	for _, c := range rest[:len(dateLayout)] {
		if (c < '0' || c > '9') && c != '-' {
			return out, nil, false
		}
	}
	date, rest = rest[:len(dateLayout)], rest[len(dateLayout)+1:]
	for _, f := range [...]struct {
		key string
		n   *int
	}{{`,"sessions":`, &out.Sessions}, {`,"sets":`, &out.Sets}, {`,"skipped":`, &out.Skipped},
		{`,"baseline_sum":`, &out.BaselineSum}, {`,"baselines":`, &out.Baselines},
		{`,"max_pain":`, &out.MaxPain}, {`,"completed":`, &out.Completed}} {
		if rest, ok = bytes.CutPrefix(rest, []byte(f.key)); !ok {
			return out, nil, false
		}
		end := 0
		for end < len(rest) && (rest[end] == '-' || '0' <= rest[end] && rest[end] <= '9') {
			end++
		}
		if *f.n, ok = jsonInt(rest[:end]); !ok {
			return out, nil, false
		}
		rest = rest[end:]
	}
	return out, date, string(rest) == "}"
}

// dayReach bounds how far (in UTC) a session starting on a local day can
// lie from that day's UTC midnight: offsets stay within ±24 h.
const dayReach = 24 * time.Hour

// recomputeDay rebuilds one day's aggregates, the Day and its exercises',
// from that day's records inside the write transaction, so re-putting a
// session or re-recording a set can never count twice.
func recomputeDay(tx *bolt.Tx, date string) error {
	day, exercises, err := computeDay(tx, date)
	if err != nil {
		return err
	}
	if err := putExerciseDays(tx, date, exercises); err != nil {
		return err
	}
	days := tx.Bucket(bucketDays)
	if day.Sessions == 0 && day.Sets == 0 {
		return days.Delete([]byte(date))
	}
	val, err := json.Marshal(day)
	if err != nil {
		return err
	}
	return days.Put([]byte(date), val)
}

// computeDay aggregates the sessions that started on date and their sets:
// the Day, and the scored sets of each exercise. The scan covers the
// sessions of three UTC days: a few records.
func computeDay(tx *bolt.Tx, date string) (Day, []exerciseDay, error) {
	d0, err := time.Parse(dateLayout, date)
	if err != nil {
		return Day{}, nil, invalid("day %q is not YYYY-MM-DD", date)
	}
	lo := []byte(timeKey(d0.Add(-dayReach)))
	hi := []byte(timeKey(d0.Add(24*time.Hour + dayReach)))

	day := Day{Date: date, MaxPain: -1}
	tally := exerciseTally{}
	sets := tx.Bucket(bucketSets)
	c := tx.Bucket(bucketSessions).Cursor()
	for k, v := c.Seek(lo); k != nil && bytes.Compare(timePart(k), hi) < 0; k, v = c.Next() {
		sess, err := sessionTotalsOf(v)
		if err != nil || dayOf(sess.StartedAt) != date {
			continue // an undecodable record is reported by Check, not here
		}
		day.Sessions++
		if sess.Baseline >= 0 {
			day.BaselineSum += sess.Baseline
			day.Baselines++
		}
		if sess.Status == StatusCompleted {
			day.Completed++
		}
		sc := sets.Cursor()
		for sk, sv := sc.Seek(k); sk != nil && bytes.HasPrefix(sk, k); sk, sv = sc.Next() {
			p, err := setScoreOf(sv)
			if err != nil {
				continue
			}
			if day.countSet(p) {
				tally.add(p.ExerciseID, p.Exercise, sess.Baseline, p.Pain)
			}
		}
	}
	return day, tally.sorted(), nil
}

// countSet counts a set in its day: done, skipped, or scored (the day's
// highest pain); true when it was scored, for the exercise tally.
func (d *Day) countSet(p setScoreJSON) (scored bool) {
	d.Sets++
	switch {
	case p.Skipped:
		d.Skipped++
	case p.Pain >= 0:
		d.MaxPain = max(d.MaxPain, p.Pain)
		return true
	}
	return false
}

func timePart(k []byte) []byte {
	if len(k) > idTimeLen {
		return k[:idTimeLen]
	}
	return k
}

// SessionsBetween returns the sessions with StartedAt in [from, to), in
// time order: a range scan on the time-sortable ID.
func (s *Store) SessionsBetween(from, to time.Time) ([]Session, error) {
	var out []Session
	if !from.Before(to) {
		return out, nil
	}
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.sessionsBetween(tx, from, to, 0)
		return err
	})
	return out, err
}

// sessionsBetween is SessionsBetween inside a transaction.
func (s *Store) sessionsBetween(tx *bolt.Tx, from, to time.Time, capacity int) ([]Session, error) {
	out := make([]Session, 0, capacity)
	b := tx.Bucket(bucketSessions)
	if b == nil || !from.Before(to) {
		return out, nil
	}
	lo, hi := []byte(timeKey(from)), []byte(timeKey(to))
	c := b.Cursor()
	for k, v := c.Seek(lo); k != nil && bytes.Compare(timePart(k), hi) < 0; k, v = c.Next() {
		sess, err := decodeSession(v)
		if err != nil {
			return nil, s.damaged("session", k, err)
		}
		out = append(out, sess)
	}
	return out, nil
}

// DaysBetween returns the aggregates of the days from..to, both included
// (YYYY-MM-DD), ascending. Days without sessions are absent.
func (s *Store) DaysBetween(from, to string) ([]Day, error) {
	for _, d := range []string{from, to} {
		if _, err := time.Parse(dateLayout, d); err != nil {
			return nil, invalid("day %q is not YYYY-MM-DD", d)
		}
	}
	var out []Day
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.daysBetween(tx, from, to)
		return err
	})
	return out, err
}

// daysBetween is DaysBetween inside a transaction, for dates known to be
// well formed. Each Day's date is its key, and the window's dates share
// one string: a read of ninety days makes a few allocations, not a few
// per day.
func (s *Store) daysBetween(tx *bolt.Tx, from, to string) ([]Day, error) {
	b := tx.Bucket(bucketDays)
	if b == nil {
		return nil, nil
	}
	var out []Day
	var keys []byte // the keys, one after another
	if f, err1 := time.Parse(dateLayout, from); err1 == nil {
		if t, err2 := time.Parse(dateLayout, to); err2 == nil && !t.Before(f) {
			n := min(int(t.Sub(f)/(24*time.Hour))+1, 366) // at most a day per key
			out, keys = make([]Day, 0, n), make([]byte, 0, n*len(dateLayout))
		}
	}
	c := b.Cursor()
	end := []byte(to)
	for k, v := c.Seek([]byte(from)); k != nil && bytes.Compare(k, end) <= 0; k, v = c.Next() {
		d, _, ok := dayLayout(v)
		if !ok || len(v) > maxRecordValue {
			var err error
			if d, err = decodeDay(v); err != nil {
				return nil, s.damaged("day", k, err)
			}
		}
		d.Date = "" // a date's key: from keys below
		if len(k) == len(dateLayout) {
			keys = append(keys, k...)
		} else {
			d.Date = string(k) // not a date (Check reports it)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, nil // as a read that found nothing always was
	}
	dates := string(keys)
	for i := range out {
		if out[i].Date == "" {
			out[i].Date, dates = dates[:len(dateLayout)], dates[len(dateLayout):]
		}
	}
	return out, nil
}
