package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// The trends' per-exercise table reads the exercise aggregates of its
// window: the day aggregates (exercisedays.go) of the days at its two
// ends that do not make a whole ISO week, and the week aggregates
// (exerciseweeks.go) of every whole week between them that is built; a
// week not built yet (the last one or two, as a rule) is read by its
// days, as the window's ends are. A file without
// week aggregates (older than schema 5, opened read-only) is read day by
// day; both reads give the same scores.

// exerciseScores sums up the exercise aggregates of the days from..to:
// one SetScore per exercise and (check-in, pain) pair, with its count,
// the name of the exercise (the first the window has), and the last day
// of the window it came on (for a week's aggregate, the week's Sunday),
// in the order of exercise ID, check-in, pain. The table needs no more,
// and a few hundred entries cost the trends far less than one per set.
func (s *Store) exerciseScores(tx *bolt.Tx, from, to string) ([]routine.SetScore, error) {
	w := newWindowSum()
	if err := s.sumExerciseScores(tx, w, from, to); err != nil {
		return nil, err
	}
	return w.scores(), nil
}

// sumExerciseScores adds the aggregates of from..to to w: each whole
// week that is built (has a marker) by its week aggregates, the others
// and the part weeks at the ends by their day aggregates.
func (s *Store) sumExerciseScores(tx *bolt.Tx, w *windowSum, from, to string) error {
	days, weeks := tx.Bucket(bucketExerciseDays), tx.Bucket(bucketExerciseWeeks)
	span, ok := wholeWeeks(from, to)
	if weeks == nil || !ok {
		return s.sumDays(w, days, from, to)
	}
	if err := s.sumDays(w, days, from, span.headTo); err != nil {
		return err
	}
	// Runs of weeks alike, built or not, each read as one range scan,
	// in order: w counts the days it reads on in ascending order.
	first, err := time.Parse(dateLayout, span.firstMonday)
	if err != nil {
		return s.sumDays(w, days, span.firstMonday, to)
	}
	runFrom, runBuilt := first, weeks.Get([]byte(span.firstMonday)) != nil
	for monday := first; ; monday = monday.AddDate(0, 0, 7) {
		key := dayOf(monday)
		built := key <= span.lastMonday && weeks.Get([]byte(key)) != nil
		if key <= span.lastMonday && built == runBuilt {
			continue
		}
		runTo := monday.AddDate(0, 0, -1) // the run's last Sunday
		if err := s.sumRun(w, days, weeks, runFrom, runTo, runBuilt); err != nil {
			return err
		}
		if key > span.lastMonday {
			break
		}
		runFrom, runBuilt = monday, built
	}
	return s.sumDays(w, days, span.tailFrom, to)
}

// sumRun adds the weeks from..to (a Monday, a Sunday): by their week
// aggregates if built, else by their days.
func (s *Store) sumRun(w *windowSum, days, weeks *bolt.Bucket, from, to time.Time, built bool) error {
	if !built {
		return s.sumDays(w, days, dayOf(from), dayOf(to))
	}
	lastMonday := dayOf(to.AddDate(0, 0, -6))
	if err := w.scan(weeks, dayOf(from), lastMonday, true); err != nil {
		return s.damagedAggregate("exercise week", err)
	}
	return nil
}

// sumDays adds the day aggregates of from..to (none if from is after to).
func (s *Store) sumDays(w *windowSum, days *bolt.Bucket, from, to string) error {
	if err := w.scan(days, from, to, false); err != nil {
		return s.damagedAggregate("exercise day", err)
	}
	return nil
}

// badAggregate is the error of a scan: the aggregate under key is damaged.
type badAggregate struct {
	key []byte
	err error
}

func (e *badAggregate) Error() string { return e.err.Error() }

func (s *Store) damagedAggregate(what string, err error) error {
	var bad *badAggregate
	if errors.As(err, &bad) {
		return s.damaged(what, bad.key, bad.err)
	}
	return err
}

// weekSpan splits a window of days: the days from..headTo before its
// first Monday, the whole weeks of the Mondays firstMonday..lastMonday,
// and the days tailFrom..to after the last Sunday. A part may be empty
// (headTo before from, tailFrom after to).
type weekSpan struct{ headTo, firstMonday, lastMonday, tailFrom string }

// wholeWeeks splits from..to; ok is false when the window holds no whole
// week, or a day that is not YYYY-MM-DD.
func wholeWeeks(from, to string) (span weekSpan, ok bool) {
	first, err1 := time.Parse(dateLayout, from)
	last, err2 := time.Parse(dateLayout, to)
	if err1 != nil || err2 != nil {
		return span, false
	}
	monday := first.AddDate(0, 0, (7-weekday(first))%7)
	sunday := last.AddDate(0, 0, -(weekday(last)+1)%7)
	if monday.AddDate(0, 0, 6).After(sunday) {
		return span, false
	}
	day := dayOf
	return weekSpan{headTo: day(monday.AddDate(0, 0, -1)), firstMonday: day(monday),
		lastMonday: day(sunday.AddDate(0, 0, -6)), tailFrom: day(sunday.AddDate(0, 0, 1))}, true
}

// windowSum adds aggregates up, each exercise's pairs looked up once per
// record by the key's own bytes: only a new exercise copies out its ID
// and allocates, nothing else does, so the cost is that of the scores
// read.
type windowSum struct {
	dates     []string // the day each record read counts on, once each, ascending
	exercises map[string]*exerciseSum
	cur       *exerciseSum
	pairs     int // pairs seen, all exercises
	records   int // aggregates read: what the tests count
}

type exerciseSum struct {
	id, name string
	pairs    [12][11]pairSum // [check-in+1][pain]
}

// pairSum is one (check-in, pain) pair's count, and the day it last came
// on as an index in dates plus one (0: it has not come).
type pairSum struct{ n, last int }

func newWindowSum() *windowSum {
	return &windowSum{dates: make([]string, 0, 32), exercises: map[string]*exerciseSum{}}
}

// addScores counts the scores of an aggregate of the current record's
// exercise: eachScore(key, v, maxCount, ...) in one loop, with its
// checks in its order. The trends read a few thousand scores, and a call
// through a function value for each was some two fifths of eachScore's
// time.
func (w *windowSum) addScores(key, v []byte, maxCount uint64) error {
	_, name, v, err := aggregateParts(key, v)
	if err != nil {
		return err
	}
	e := w.cur
	if e.name == "" && len(name) > 0 && len(v) > 0 {
		e.name = safetext.Line(string(name))
	}
	last, on := -1, len(w.dates) // the last score's place in e.pairs, row by row
	for len(v) > 0 {
		// A score of the usual shape (in range, a one-byte count) is read
		// here; nextScore reads the others, or refuses them.
		var s score
		n := 3
		if len(v) >= 3 && v[0] <= 11 && v[1] <= 10 && v[2] != 0 && v[2] < 0x80 && uint64(v[2]) <= maxCount {
			s = score{Baseline: int(v[0]) - 1, Pain: int(v[1]), N: int(v[2])}
		} else if s, n, err = nextScore(v, maxCount); err != nil {
			return err
		}
		at := (s.Baseline+1)*len(e.pairs[0]) + s.Pain
		if at <= last {
			return fmt.Errorf("%w: the scores are out of order", errExerciseDay)
		}
		p := &e.pairs[s.Baseline+1][s.Pain]
		if p.last == 0 {
			w.pairs++
		}
		p.n += s.N
		p.last = on
		last, v = at, v[n:]
	}
	if last < 0 {
		return fmt.Errorf("%w: no scores", errExerciseDay)
	}
	return nil
}

// scan adds the aggregates of b whose keys' days lie in lo..hi. A day
// aggregate counts on its day, a week's (weeks) on its Sunday; a week's
// marker is passed over.
func (w *windowSum) scan(b *bolt.Bucket, lo, hi string, weeks bool) error {
	if lo > hi {
		return nil
	}
	maxCount := uint64(maxSetsPerDay)
	if weeks {
		maxCount = maxSetsPerWeek
	}
	var day []byte // the key's day of the last record
	c := b.Cursor()
	for k, v := c.Seek([]byte(lo)); k != nil; k, v = c.Next() {
		// eachScore checks the key's shape: "day/id".
		d, id := k[:min(len(k), len(dateLayout))], k[min(len(k), len(dateLayout)+1):]
		if string(d) > hi {
			break
		}
		if weeks && len(k) == len(dateLayout) {
			continue // a week's marker
		}
		if !bytes.Equal(d, day) { // the keys come day by day
			at, err := countsOn(d, weeks)
			if err != nil {
				return &badAggregate{key: k, err: err}
			}
			day = d
			w.dates = append(w.dates, at)
		}
		if w.cur = w.exercises[string(id)]; w.cur == nil {
			w.cur = &exerciseSum{id: safetext.Line(string(id))}
			w.exercises[string(id)] = w.cur
		}
		w.records++
		if err := w.addScores(k, v, maxCount); err != nil {
			return &badAggregate{key: k, err: err}
		}
	}
	return nil
}

// countsOn is the day an aggregate under day counts on: the day itself,
// or for a week's the Sunday of that week, which must start on a Monday.
func countsOn(day []byte, week bool) (string, error) {
	if !week {
		return string(day), nil
	}
	if sunday, ok := sundayInMonth(day); ok {
		return sunday, nil
	}
	d, err := time.Parse(dateLayout, string(day))
	if err != nil || weekday(d) != 0 {
		return "", errors.New("not an exercise-week aggregate: the key is not Monday/exercise")
	}
	return dayOf(d.AddDate(0, 0, 6)), nil
}

// sundayInMonth is countsOn's answer for a week's key without time.Parse
// and Format, which took some 7% of the trends' read of the exercise
// sums: when day is a date (routine.DayOfDate reads exactly what
// time.Parse reads) of a Monday whose Sunday falls in the same month,
// that Sunday. ok is false for anything else, which countsOn reads as
// before.
func sundayInMonth(day []byte) (string, bool) {
	n, ok := routine.DayOfDate(string(day))
	if !ok || ((n%7)+7+3)%7 != 0 { // day 0, 1970-01-01, was a Thursday: 3 days after a Monday
		return "", false
	}
	d := int(day[8]-'0')*10 + int(day[9]-'0') + 6
	sunday := []byte(string(day))
	sunday[8], sunday[9] = byte('0'+d/10), byte('0'+d%10)
	if _, ok := routine.DayOfDate(string(sunday)); !ok { // the Sunday is in the next month
		return "", false
	}
	return string(sunday), true
}

// scores is the sum: each pair with its exercise's name and last day, by
// exercise ID, check-in and pain (the order of the table of pairs).
func (w *windowSum) scores() []routine.SetScore {
	type exercise struct {
		raw string // the key's own: two may clean to one ID
		*exerciseSum
	}
	exercises := make([]exercise, 0, len(w.exercises))
	for raw, e := range w.exercises {
		exercises = append(exercises, exercise{raw, e})
	}
	slices.SortFunc(exercises, func(a, b exercise) int {
		return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.raw, b.raw))
	})
	out := make([]routine.SetScore, 0, w.pairs)
	for _, e := range exercises {
		for b := range e.pairs {
			for pain, p := range e.pairs[b] {
				if p.last > 0 {
					out = append(out, routine.SetScore{Date: w.dates[p.last-1], ExerciseID: e.id, Exercise: e.name,
						Baseline: b - 1, Pain: pain, Count: p.n})
				}
			}
		}
	}
	return out
}
