package store

import (
	"bytes"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The per-exercise week aggregates (schema 5). The 90-day per-exercise
// table read one exercise-day aggregate per exercise and day: about 900
// records on a full window, a tenth of them on a one-week history, and
// the main part of what ten years of history cost the trends beyond a
// week. A week aggregate is the sum of an exercise's seven day
// aggregates of one ISO week (Monday to Sunday), so a window reads day
// aggregates only for the part weeks at its two ends and the weeks not
// built yet (below: the last one or two), and one record per exercise
// for each other whole week inside it: on 90 days about 12 days, a week
// of days and 12 weeks of records, whatever the history.
//
// Key: the week's Monday, "/", the exercise ID ("2026-11-16/quad-pull"),
// so a run of weeks is one range scan. Value: encodeExerciseDay's, with
// the counts summed over the week and the name of the week's first day
// that has one (what the day-by-day read finds first).
//
// Weeks are built lazily, once complete: a week has aggregates only if
// it carries a marker, the record under its Monday alone ("2026-11-16",
// which sorts just before the week's own keys; value weekMarker). A week
// without one is read from its day aggregates. A check-in builds every
// week completed before its day that has day aggregates and no marker,
// walking back from the last one to the first that has a marker
// (buildWeeks): normally one week, once a week. The migration to schema
// 5 and an import build all the completed weeks. Writes into a marked
// week (an import of old days, a session left open for days, a session
// moved) keep its aggregates exact in the same transaction: every write
// of an exercise's day aggregate in a marked week sums its week again
// from the seven days (putExerciseWeek) or adds to it (addToWeek). A
// write into an unmarked week, today's as a rule, reads the marker and
// writes nothing here, so recording a set dirties no page of this
// bucket. Check compares the marked weeks with the days rebuilt from
// the records.

// bucketExerciseWeeks came with schema 5: a file of an older schema
// opened read-only lacks it, and the trends read the day aggregates only.
var bucketExerciseWeeks = []byte("exercise_weeks")

// weekMarker is the value of a week's marker: the format of its
// aggregates, should it ever change.
var weekMarker = []byte{1}

// builtWeek is the Monday of date's week, and whether that week has a
// marker: its aggregates are kept. ok is false, too, on a file without
// the bucket (a migration to schema 3, before the step to 5).
func builtWeek(tx *bolt.Tx, date string) (weeks *bolt.Bucket, monday time.Time, ok bool, err error) {
	weeks = tx.Bucket(bucketExerciseWeeks)
	if weeks == nil {
		return nil, monday, false, nil
	}
	d, err := time.Parse(dateLayout, date)
	if err != nil {
		return nil, monday, false, invalid("day %q is not YYYY-MM-DD", date)
	}
	monday = mondayOf(d)
	return weeks, monday, weeks.Get([]byte(dayOf(monday))) != nil, nil
}

// maxSetsPerWeek bounds a week's count as maxSetsPerDay a day's.
const maxSetsPerWeek = 7 * maxSetsPerDay

// weekday is date's day of the ISO week: 0 on a Monday, 6 on a Sunday.
func weekday(d time.Time) int { return (int(d.Weekday()) + 6) % 7 }

// mondayOf is the Monday of date's ISO week.
func mondayOf(d time.Time) time.Time { return d.AddDate(0, 0, -weekday(d)) }

// putExerciseWeek sums the day aggregates of exercise id over the week
// of date and writes the sum as the week's aggregate, or deletes it when
// the week has none, if the week is built (has a marker); else it only
// reads the marker. A day aggregate that does not decode counts as none
// (Check reports it). An unchanged sum is not written again, so a
// session put again dirties no page here.
func putExerciseWeek(tx *bolt.Tx, date, id string) error {
	weeks, monday, ok, err := builtWeek(tx, date)
	if err != nil || !ok {
		return err
	}
	sum, ok := sumWeek(tx.Bucket(bucketExerciseDays), monday, id)
	key := exerciseDayKey(dayOf(monday), id)
	old := weeks.Get(key)
	if !ok {
		if old == nil {
			return nil
		}
		return weeks.Delete(key)
	}
	val := encodeExerciseDay(sum)
	if bytes.Equal(old, val) {
		return nil
	}
	return weeks.Put(key, val)
}

// exerciseWas is what addToWeek needs of an exercise's day aggregate as it
// was before the sets were added: its name, and whether it had any score.
type exerciseWas struct {
	name   string
	scored bool
}

// addToWeek adds, if the week of date is built, the scores added (an exercise's new sets of date) to
// the exercise's week aggregate, now that its day aggregate is day: one
// read of the week's record where putExerciseWeek reads seven days. It
// sums the week again instead when adding cannot be sure to give the
// same: the week's record unreadable, or missing though the day had
// scores before, or the day's name new and not the week's (which name
// the week keeps then depends on the order of its days).
func addToWeek(tx *bolt.Tx, date string, day, added exerciseDay, was exerciseWas) error {
	weeks, monday, ok, err := builtWeek(tx, date)
	if err != nil || !ok {
		return err // not built: nothing to keep
	}
	key := exerciseDayKey(dayOf(monday), day.ExerciseID)
	week := exerciseDay{ExerciseID: day.ExerciseID, Name: day.Name}
	if v := weeks.Get(key); v != nil {
		if week, err = decodeAggregate(key, v, maxSetsPerWeek); err != nil {
			return putExerciseWeek(tx, date, day.ExerciseID)
		}
	} else if was.scored {
		return putExerciseWeek(tx, date, day.ExerciseID)
	}
	switch {
	case week.Name == "":
		week.Name = day.Name
	case day.Name != was.name && day.Name != week.Name:
		return putExerciseWeek(tx, date, day.ExerciseID)
	}
	tally := exerciseTally{day.ExerciseID: &week}
	tally.addDay(day.ExerciseID, added)
	return weeks.Put(key, encodeExerciseDay(tally.sorted()[0]))
}

// sumWeek adds up the day aggregates of exercise id over the seven days
// from monday; ok is false when none of them has one.
func sumWeek(days *bolt.Bucket, monday time.Time, id string) (sum exerciseDay, ok bool) {
	tally := exerciseTally{}
	for i := 0; i < 7; i++ {
		key := exerciseDayKey(dayOf(monday.AddDate(0, 0, i)), id)
		v := days.Get(key)
		if v == nil {
			continue
		}
		if e, err := decodeExerciseDay(key, v); err == nil {
			tally.addDay(id, e)
		}
	}
	e := tally[id]
	if e == nil {
		return exerciseDay{}, false
	}
	return tally.sorted()[0], true
}

// addDay adds a day aggregate to the tally of exercise id: its counts,
// and its name if the tally has none yet (days come in order, so the
// name is that of the first day that has one).
func (t exerciseTally) addDay(id string, day exerciseDay) {
	e := t[id]
	if e == nil {
		e = &exerciseDay{ExerciseID: id}
		t[id] = e
	}
	if e.Name == "" {
		e.Name = day.Name
	}
next:
	for _, s := range day.Scores {
		for i := range e.Scores {
			if e.Scores[i].Baseline == s.Baseline && e.Scores[i].Pain == s.Pain {
				e.Scores[i].N += s.N
				continue next
			}
		}
		e.Scores = append(e.Scores, s)
	}
}

// buildExerciseWeeks is the step to schema 5: it builds every week
// completed before the newest day that has an exercise aggregate. Not
// the clock's day: the step gives the same whatever the clock says (the
// tests compare it with what the writes make), and on any file the
// weeks it builds are complete, so a set recorded today, in a later
// week, does not touch them.
func buildExerciseWeeks(tx *bolt.Tx) error {
	if tx.Bucket(bucketExerciseWeeks) != nil { // none in a file of schema 4: start afresh all the same
		if err := tx.DeleteBucket(bucketExerciseWeeks); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketExerciseWeeks); err != nil {
		return err
	}
	return buildAllWeeks(tx)
}

// buildAllWeeks builds every week without a marker completed before the
// newest day that has an exercise aggregate (an import, the migration).
func buildAllWeeks(tx *bolt.Tx) error {
	k, _ := tx.Bucket(bucketExerciseDays).Cursor().Last()
	if k == nil || len(k) < len(dateLayout) {
		return nil
	}
	return buildWeeks(tx, string(k[:len(dateLayout)]), false)
}

// buildWeeks builds the weeks completed before today (their Sunday is
// before it) that have day aggregates and no marker, from the last one
// back: all of them, or (untilBuilt, a check-in) only those after the
// last week that has a marker.
func buildWeeks(tx *bolt.Tx, today string, untilBuilt bool) error {
	weeks := tx.Bucket(bucketExerciseWeeks)
	d, err := time.Parse(dateLayout, today)
	if weeks == nil || err != nil {
		return nil // no week aggregates, or no day to build up to
	}
	c := tx.Bucket(bucketExerciseDays).Cursor()
	before := func(day string) []byte { // the last day key before day
		if k, _ := c.Seek([]byte(day)); k != nil {
			k, _ = c.Prev()
			return k
		}
		k, _ := c.Last()
		return k
	}
	for k := before(dayOf(mondayOf(d))); k != nil; {
		day, err := time.Parse(dateLayout, string(k[:min(len(k), len(dateLayout))]))
		if err != nil { // not a day's key: Check reports it
			k, _ = c.Prev()
			continue
		}
		monday := dayOf(mondayOf(day))
		if weeks.Get([]byte(monday)) != nil {
			if untilBuilt {
				return nil
			}
		} else if err := buildWeek(weeks, c, mondayOf(day)); err != nil {
			return err
		}
		k = before(monday)
	}
	return nil
}

// buildWeek writes the aggregates of the week from monday, summed from
// its day aggregates (read with c), and its marker; it first deletes any
// aggregate the week had without a marker.
func buildWeek(weeks *bolt.Bucket, c *bolt.Cursor, monday time.Time) error {
	week := dayOf(monday)
	if _, err := deletePrefix(weeks, []byte(week+"/")); err != nil {
		return err
	}
	next := dayOf(monday.AddDate(0, 0, 7))
	tally := exerciseTally{}
	for k, v := c.Seek([]byte(week)); k != nil && string(k) < next; k, v = c.Next() {
		e, err := decodeExerciseDay(k, v)
		if err != nil {
			continue // as putExerciseWeek: Check reports it
		}
		tally.addDay(string(k[len(dateLayout)+1:]), e)
	}
	for _, e := range tally.sorted() {
		if err := weeks.Put(exerciseDayKey(week, e.ExerciseID), encodeExerciseDay(e)); err != nil {
			return err
		}
	}
	return weeks.Put([]byte(week), weekMarker)
}
