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
// aggregates only for the part weeks at its two ends and one record per
// exercise for each whole week inside it: at most 12 days and 13 weeks
// of records on 90 days, whatever the history.
//
// Key: the week's Monday, "/", the exercise ID ("2026-11-16/quad-pull"),
// so a run of weeks is one range scan. Value: encodeExerciseDay's, with
// the counts summed over the week and the name of the week's first day
// that has one (what the day-by-day read finds first). They are kept in
// step with the day aggregates in the same write transaction: every
// write of an exercise's day aggregate sums its week again from the
// seven days (putExerciseWeek), and Check compares them with the days
// rebuilt from the records.

// bucketExerciseWeeks came with schema 5: a file of an older schema
// opened read-only lacks it, and the trends read the day aggregates only.
var bucketExerciseWeeks = []byte("exercise_weeks")

// maxSetsPerWeek bounds a week's count as maxSetsPerDay a day's.
const maxSetsPerWeek = 7 * maxSetsPerDay

// weekday is date's day of the ISO week: 0 on a Monday, 6 on a Sunday.
func weekday(d time.Time) int { return (int(d.Weekday()) + 6) % 7 }

// mondayOf is the Monday of date's ISO week.
func mondayOf(d time.Time) time.Time { return d.AddDate(0, 0, -weekday(d)) }

// putExerciseWeek sums the day aggregates of exercise id over the week
// of date and writes the sum as the week's aggregate, or deletes it when
// the week has none. A day aggregate that does not decode counts as none
// (Check reports it). A file without the bucket (a migration to schema 3,
// before the step to 5 builds the weeks) is left alone. An unchanged sum
// is not written again, so a session put again dirties no page here.
func putExerciseWeek(tx *bolt.Tx, date, id string) error {
	weeks := tx.Bucket(bucketExerciseWeeks)
	if weeks == nil {
		return nil
	}
	d, err := time.Parse(dateLayout, date)
	if err != nil {
		return invalid("day %q is not YYYY-MM-DD", date)
	}
	monday := mondayOf(d)
	sum, ok := sumWeek(tx.Bucket(bucketExerciseDays), monday, id)
	key := exerciseDayKey(monday.Format(dateLayout), id)
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

// addToWeek adds the scores added (an exercise's new sets of date) to
// the exercise's week aggregate, now that its day aggregate is day: one
// read of the week's record where putExerciseWeek reads seven days. It
// sums the week again instead when adding cannot be sure to give the
// same: the week's record unreadable, or missing though the day had
// scores before, or the day's name new and not the week's (which name
// the week keeps then depends on the order of its days).
func addToWeek(tx *bolt.Tx, date string, day, added exerciseDay, was exerciseWas) error {
	weeks := tx.Bucket(bucketExerciseWeeks)
	if weeks == nil {
		return nil
	}
	d, err := time.Parse(dateLayout, date)
	if err != nil {
		return invalid("day %q is not YYYY-MM-DD", date)
	}
	key := exerciseDayKey(mondayOf(d).Format(dateLayout), day.ExerciseID)
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
		key := exerciseDayKey(monday.AddDate(0, 0, i).Format(dateLayout), id)
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

// buildExerciseWeeks writes the week aggregates of every day aggregate
// the file has, in one pass over them (the step to schema 5): the day
// keys come date by date, so each week's tally is complete, and written,
// when the first key of the next week comes.
func buildExerciseWeeks(tx *bolt.Tx) error {
	if tx.Bucket(bucketExerciseWeeks) != nil { // none in a file of schema 4: start afresh all the same
		if err := tx.DeleteBucket(bucketExerciseWeeks); err != nil {
			return err
		}
	}
	weeks, err := tx.CreateBucket(bucketExerciseWeeks)
	if err != nil {
		return err
	}
	week, tally := "", exerciseTally{}
	flush := func() error {
		for _, e := range tally.sorted() {
			if err := weeks.Put(exerciseDayKey(week, e.ExerciseID), encodeExerciseDay(e)); err != nil {
				return err
			}
		}
		tally = exerciseTally{}
		return nil
	}
	c := tx.Bucket(bucketExerciseDays).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		e, err := decodeExerciseDay(k, v)
		if err != nil {
			continue // as putExerciseWeek: Check reports it
		}
		d, err := time.Parse(dateLayout, string(k[:len(dateLayout)]))
		if err != nil {
			continue
		}
		if monday := mondayOf(d).Format(dateLayout); monday != week {
			if err := flush(); err != nil {
				return err
			}
			week = monday
		}
		tally.addDay(string(k[len(dateLayout)+1:]), e)
	}
	return flush()
}
