package store

import (
	"bytes"
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// Recording a set updates its day's aggregates (the Day and the
// exercise's scores) by adding that one set to them, instead of
// rebuilding them from every session and set of the day: the rebuild
// decoded the sessions of three days as JSON and rewrote every exercise
// of the day, and cost recording a set about as much as its fsync.
// Adding gives what recomputeDay gives only for a set the day did not
// have before; a set recorded again, an aggregate missing or a name that
// differs from the one the day keeps for the exercise (which then depends
// on the order of the sets) take the rebuild instead. Check compares the
// aggregates with the records, and the tests compare both ways. If the
// day's week is built (exerciseweeks.go: not today's, as a rule), the
// week aggregate of each exercise whose day changed is added to in the
// same way (addToWeek), or summed again from its seven days by the
// rebuild; if not, it costs one Get of the week's marker.

// newSet is a set about to be written: its key and its encoded value.
type newSet struct{ key, val []byte }

// putSets writes sets of sess, drops its set digest (setdigests.go) and
// brings the day they count on up to date, in tx.
func putSets(tx *bolt.Tx, sess Session, sets []newSet) error {
	if err := dropDigest(tx, sess.ID); err != nil {
		return err
	}
	b := tx.Bucket(bucketSets)
	add := true
	for i := range sets {
		if b.Get(sets[i].key) != nil {
			add = false // recorded again: the old set must leave the sums
		}
		for _, earlier := range sets[:i] { // the same key twice: the last counts
			if bytes.Equal(earlier.key, sets[i].key) {
				add = false
			}
		}
	}
	for _, s := range sets {
		if err := b.Put(s.key, s.val); err != nil {
			return err
		}
	}
	date := dayOf(sess.StartedAt)
	if add {
		done, err := addToDay(tx, date, sess.Baseline, sets)
		if err != nil || done {
			return err
		}
	}
	return recomputeDay(tx, date)
}

// addToDay adds new sets to date's aggregates; done is false when it
// cannot be sure to give what recomputeDay would (it then writes nothing).
func addToDay(tx *bolt.Tx, date string, baseline int, sets []newSet) (done bool, err error) {
	days := tx.Bucket(bucketDays)
	v := days.Get([]byte(date))
	if v == nil {
		return false, nil
	}
	day, err := decodeDay(v)
	if err != nil {
		return false, nil // the rebuild writes a sound one
	}
	day.Date = date
	// Only a built week's aggregates are kept (exerciseweeks.go): today's
	// week is not built, and the set costs one Get more than without them.
	_, _, weekly, err := builtWeek(tx, date)
	if err != nil {
		return false, err
	}
	tally, added := exerciseTally{}, exerciseTally(nil)
	var before map[string]exerciseWas // each exercise's day aggregate as it was
	if weekly {
		added, before = exerciseTally{}, map[string]exerciseWas{}
	}
	for _, s := range sets {
		p, err := setScoreOf(s.val)
		if err != nil {
			return false, nil
		}
		if !day.countSet(p) {
			continue
		}
		if ok, err := loadExercise(tx, tally, date, p.ExerciseID); err != nil || !ok {
			return false, err
		}
		if _, seen := before[p.ExerciseID]; weekly && !seen {
			e := tally[p.ExerciseID]
			before[p.ExerciseID] = exerciseWas{name: e.Name, scored: len(e.Scores) > 0}
		}
		if e := tally[p.ExerciseID]; e.Name != "" && e.Name != p.Exercise {
			return false, nil
		}
		tally.add(p.ExerciseID, p.Exercise, baseline, p.Pain)
		if weekly {
			added.add(p.ExerciseID, p.Exercise, baseline, p.Pain)
		}
	}
	val, err := json.Marshal(day)
	if err != nil {
		return false, err
	}
	if err := days.Put([]byte(date), val); err != nil {
		return false, err
	}
	ex := tx.Bucket(bucketExerciseDays)
	for _, e := range tally.sorted() {
		if err := ex.Put(exerciseDayKey(date, e.ExerciseID), encodeExerciseDay(e)); err != nil {
			return false, err
		}
		if !weekly {
			continue
		}
		if err := addToWeek(tx, date, e, *added[e.ExerciseID], before[e.ExerciseID]); err != nil {
			return false, err
		}
	}
	return true, nil
}

// loadExercise puts date's stored aggregate of an exercise in tally, once
// (an empty one when the day has none); ok is false when it is unreadable.
func loadExercise(tx *bolt.Tx, tally exerciseTally, date, id string) (ok bool, err error) {
	if _, have := tally[id]; have {
		return true, nil
	}
	key := exerciseDayKey(date, id)
	v := tx.Bucket(bucketExerciseDays).Get(key)
	if v == nil {
		tally[id] = &exerciseDay{ExerciseID: id}
		return true, nil
	}
	e, err := decodeExerciseDay(key, v)
	if err != nil || e.ExerciseID != id {
		return false, nil
	}
	tally[id] = &e
	return true, nil
}
