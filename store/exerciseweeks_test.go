package store

import (
	"errors"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// weekHistory writes a random history to s over the days from first,
// as the coach does: sessions in several time zones (some across
// midnight into another local day), sets recorded one by one, some
// skipped, names that change or are empty (the name a week keeps is
// the first its days have).
func weekHistory(t *testing.T, s *Store, rng *rand.Rand, first time.Time, days, sessions int) []Session {
	t.Helper()
	exercises := []string{"glide", "pull", "bridge", ""} // "" is a valid ID
	zones := []*time.Location{zoneEast, zoneWest, time.UTC, time.FixedZone("", 13*3600)}
	var out []Session
	for i := 0; i < sessions; i++ {
		start := first.AddDate(0, 0, rng.IntN(days)).Add(time.Duration(rng.IntN(24*60)) * time.Minute).In(zones[rng.IntN(len(zones))])
		sess := testSession(start, StatusInProgress)
		sess.Baseline = rng.IntN(7) - 1
		mustNil(t, s.PutSession(sess))
		for n := 0; n < 1+rng.IntN(5); n++ {
			r := scoredSet(sess.ID, n, exercises[rng.IntN(len(exercises))], rng.IntN(12)-1)
			switch rng.IntN(8) {
			case 0:
				r.Exercise = ""
			case 1:
				r.Exercise = "Renamed " + r.ExerciseID
			}
			mustNil(t, s.RecordSet(r))
		}
		out = append(out, sess)
	}
	return out
}

// weekKey is the key of the week aggregate of an exercise that holds day.
func weekKey(t *testing.T, day, id string) []byte {
	d, err := time.Parse(dateLayout, day)
	mustNil(t, err)
	return exerciseDayKey(mondayOf(d).Format(dateLayout), id)
}

// A week aggregate that is stale, missing, left over, not under a Monday
// or undecodable is reported by Check.
func TestCheckFindsExerciseWeekDamage(t *testing.T) {
	glide := func(name string, s ...score) []byte {
		return encodeExerciseDay(exerciseDay{ExerciseID: "glide", Name: name, Scores: s})
	}
	for name, damage := range map[string]func(t *testing.T, b *bolt.Bucket) error{
		"stale": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-04", "glide"), glide("The glide", score{3, 4, 2}))
		},
		"another name": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-04", "glide"), glide("Glide", score{3, 4, 1}, score{3, 6, 1}))
		},
		"undecodable": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-04", "glide"), []byte{1, 0})
		},
		"missing": func(t *testing.T, b *bolt.Bucket) error { return b.Delete(weekKey(t, "2025-03-04", "glide")) },
		"no sets": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-11", "glide"), glide("The glide", score{1, 1, 1}))
		},
		"not a Monday": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(exerciseDayKey("2025-03-04", "glide"), glide("The glide", score{3, 4, 1}))
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			for i, day := range []int{4, 6} { // Tuesday and Thursday
				sess := testSession(time.Date(2025, 3, day, 9, 0, 0, 0, zoneEast), StatusCompleted)
				mustNil(t, s.PutSession(sess))
				mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "glide", 4+2*i)))
			}
			mustNil(t, s.Check())
			mustNil(t, s.Close())
			db, err := bolt.Open(path, 0o600, nil)
			mustNil(t, err)
			mustNil(t, db.Update(func(tx *bolt.Tx) error { return damage(t, tx.Bucket(bucketExerciseWeeks)) }))
			mustNil(t, db.Close())

			s = openTest(t, path, Options{ReadOnly: true})
			if err := s.Check(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "exercise week") {
				t.Errorf("Check: %v, want a damaged exercise week", err)
			}
		})
	}
}
