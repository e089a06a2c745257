package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// The per-exercise day aggregates (schema 3). The trends' per-exercise
// table needs, for every exercise of its window, each scored set's pain
// and its session's check-in score. Read set by set, a 90-day window of a
// full history is 5,400 records; read from these aggregates it is one
// small record per exercise and day, so the table costs what the window
// holds and nothing more as years of history pile up.
//
// Key: the local day, "/", the exercise ID ("2026-11-22/quad-pull"), so a
// window is one range scan. Value: how many of that day's sets of the
// exercise were scored with each (check-in score, pain) pair. They are
// rebuilt with the day's Day aggregate by recomputeDay, in the transaction
// of every write, and Check compares them with the records. Since schema
// 5 they are also summed up by week once the week is over
// (exerciseweeks.go), and the trends read them (exercisescores.go) only
// at the ends of their window and in weeks not summed yet.

// exerciseDay is one exercise's scored sets on one day.
type exerciseDay struct {
	ExerciseID string
	Name       string  // the name on the day's first scored set of it
	Scores     []score // ascending by (Baseline, Pain), each pair once
}

// score is how many sets were scored Pain after a check-in of Baseline
// (-1: none given).
type score struct {
	Baseline, Pain, N int
}

// maxExerciseIDLen is the longest exercise ID a key can hold: bbolt
// refuses a key over MaxKeySize bytes.
const maxExerciseIDLen = bolt.MaxKeySize - len(dateLayout) - 1

// exerciseDayKey is the key of date's aggregate of an exercise.
func exerciseDayKey(date, exerciseID string) []byte {
	return []byte(date + "/" + exerciseID)
}

// The value's layout, chosen for a decode of well under a microsecond
// (encoding/json takes several, times every exercise of every day of the
// window): a format byte, the name as a uvarint length and its bytes, then
// for each score its check-in score plus one (0: none), its pain (one
// byte each) and its count (a uvarint).
const exerciseDayFormat = 1

func encodeExerciseDay(e exerciseDay) []byte {
	b := make([]byte, 0, 2+len(e.Name)+3*len(e.Scores))
	b = append(b, exerciseDayFormat)
	b = binary.AppendUvarint(b, uint64(len(e.Name)))
	b = append(b, e.Name...)
	for _, s := range e.Scores {
		b = append(b, byte(s.Baseline+1), byte(s.Pain))
		b = binary.AppendUvarint(b, uint64(s.N))
	}
	return b
}

var errExerciseDay = errors.New("not an exercise-day aggregate")

// decodeExerciseDay reads a value of encodeExerciseDay's, refusing any
// byte out of place: a score out of range, a zero count, pairs out of
// order or twice, a name that is not UTF-8, bytes left over.
func decodeExerciseDay(key, v []byte) (exerciseDay, error) {
	return decodeAggregate(key, v, maxSetsPerDay)
}

// decodeAggregate is decodeExerciseDay for a count of at most maxCount:
// a week's aggregate (exerciseweeks.go) sums seven days.
func decodeAggregate(key, v []byte, maxCount uint64) (exerciseDay, error) {
	var e exerciseDay
	err := eachScore(key, v, maxCount, func(id, name []byte, s score) {
		if e.Scores == nil {
			e.ExerciseID, e.Name = safetext.Line(string(id)), safetext.Line(string(name))
		}
		e.Scores = append(e.Scores, s)
	})
	if err != nil {
		return exerciseDay{}, err
	}
	return e, nil
}

// eachScore checks an aggregate as decodeAggregate does and calls fn
// with each of its scores, the exercise ID and the name as the record's
// own bytes (valid only during the call, and not yet cleaned): the
// trends read a few hundred of these, and copy out only what they keep.
// On an error, fn may have seen some of the scores. maxCount bounds a
// count: maxSetsPerDay for a day's aggregate, maxSetsPerWeek for a
// week's (exerciseweeks.go).
func eachScore(key, v []byte, maxCount uint64, fn func(id, name []byte, s score)) error {
	id, name, v, err := aggregateParts(key, v)
	if err != nil {
		return err
	}
	var last score
	for seen := false; len(v) > 0; seen = true {
		s, w, err := nextScore(v, maxCount)
		if err != nil {
			return err
		}
		if seen && !scoreBefore(last, s) {
			return fmt.Errorf("%w: the scores are out of order", errExerciseDay)
		}
		fn(id, name, s)
		last, v = s, v[w:]
	}
	if last.N == 0 {
		return fmt.Errorf("%w: no scores", errExerciseDay)
	}
	return nil
}

// aggregateParts checks an aggregate's key and the head of its value (the
// format, the name), and returns the key's exercise ID, the name and the
// scores' bytes.
func aggregateParts(key, v []byte) (id, name, scores []byte, err error) {
	date, id, ok := bytes.Cut(key, []byte("/"))
	if !ok || len(date) != len(dateLayout) { // an empty ID is a valid one
		return nil, nil, nil, fmt.Errorf("%w: the key is not day/exercise", errExerciseDay)
	}
	if err := checkValue("exercise day", v, maxRecordValue); err != nil {
		return nil, nil, nil, err
	}
	if len(v) == 0 || v[0] != exerciseDayFormat {
		return nil, nil, nil, fmt.Errorf("%w: unknown format", errExerciseDay)
	}
	v = v[1:]
	n, w := uvarint(v)
	if w <= 0 || n > uint64(len(v)-w) {
		return nil, nil, nil, fmt.Errorf("%w: the name's length is wrong", errExerciseDay)
	}
	name = v[w : w+int(n)]
	if !utf8.Valid(name) {
		return nil, nil, nil, fmt.Errorf("%w: the name is not UTF-8", errExerciseDay)
	}
	return id, name, v[w+int(n):], nil
}

// nextScore reads the score at the head of v, and how many bytes it
// takes: a check-in score and a pain within 0..10, a count within
// 1..maxCount.
func nextScore(v []byte, maxCount uint64) (s score, w int, err error) {
	if len(v) < 3 {
		return s, 0, fmt.Errorf("%w: a score is cut short", errExerciseDay)
	}
	s = score{Baseline: int(v[0]) - 1, Pain: int(v[1])}
	count, w := uint64(v[2]), 1
	if count >= 0x80 { // a count of more than one byte
		count, w = uvarint(v[2:])
	}
	if w <= 0 || count == 0 || count > maxCount {
		return s, 0, fmt.Errorf("%w: a count is wrong", errExerciseDay)
	}
	s.N = int(count)
	if s.Baseline > 10 || s.Pain > 10 {
		return s, 0, fmt.Errorf("%w: a score is out of 0..10", errExerciseDay)
	}
	return s, 2 + w, nil
}

// uvarint is binary.Uvarint refusing (w = 0) a number written in more
// bytes than it needs, so a value has one encoding only.
func uvarint(b []byte) (n uint64, w int) {
	n, w = binary.Uvarint(b)
	if w > 1 && b[w-1] == 0 {
		return 0, 0
	}
	return n, w
}

// maxSetsPerDay bounds a count: far above any real day, low enough that a
// damaged count cannot pass for one.
const maxSetsPerDay = 1 << 20

func scoreBefore(a, b score) bool {
	return a.Baseline < b.Baseline || a.Baseline == b.Baseline && a.Pain < b.Pain
}

// exerciseTally builds a day's exercise aggregates set by set.
type exerciseTally map[string]*exerciseDay

// add counts one scored set.
func (t exerciseTally) add(exerciseID, name string, baseline, pain int) {
	e := t[exerciseID]
	if e == nil {
		e = &exerciseDay{ExerciseID: exerciseID}
		t[exerciseID] = e
	}
	if e.Name == "" {
		e.Name = name
	}
	for i := range e.Scores {
		if e.Scores[i].Baseline == baseline && e.Scores[i].Pain == pain {
			e.Scores[i].N++
			return
		}
	}
	e.Scores = append(e.Scores, score{Baseline: baseline, Pain: pain, N: 1})
}

// sorted lists the aggregates by exercise ID, each with its scores in
// order: the order of their keys and of their encoding.
func (t exerciseTally) sorted() []exerciseDay {
	out := make([]exerciseDay, 0, len(t))
	for _, e := range t {
		sort.Slice(e.Scores, func(i, j int) bool { return scoreBefore(e.Scores[i], e.Scores[j]) })
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ExerciseID < out[j].ExerciseID })
	return out
}

// deletePrefix deletes every key of b that begins with prefix, and
// returns them.
func deletePrefix(b *bolt.Bucket, prefix []byte) ([][]byte, error) {
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys { // deleting under a cursor skips keys
		if err := b.Delete(k); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// putExerciseDays replaces date's exercise aggregates with those given,
// and, if date's week is built, sums up again the week of each exercise
// it had or has.
func putExerciseDays(tx *bolt.Tx, date string, days []exerciseDay) error {
	b := tx.Bucket(bucketExerciseDays)
	prefix := []byte(date + "/")
	stale, err := deletePrefix(b, prefix)
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	for _, k := range stale {
		ids[string(k[len(prefix):])] = true
	}
	for _, e := range days {
		if err := b.Put(exerciseDayKey(date, e.ExerciseID), encodeExerciseDay(e)); err != nil {
			return err
		}
		ids[e.ExerciseID] = true
	}
	if _, _, built, err := builtWeek(tx, date); err != nil || !built {
		return err // the week's aggregates are not kept (yet): nothing to write
	}
	for id := range ids { // each week is written on its own: the order does not matter
		if err := putExerciseWeek(tx, date, id); err != nil {
			return err
		}
	}
	return nil
}
