package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// dayBytes is what the file holds for date's aggregates: the Day's value
// and every exercise's key and value, in key order.
func dayBytes(tx *bolt.Tx, date string) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "day %s\n", tx.Bucket(bucketDays).Get([]byte(date)))
	prefix := []byte(date + "/")
	c := tx.Bucket(bucketExerciseDays).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		fmt.Fprintf(&b, "%s %x\n", k, v)
	}
	return b.String()
}

// TestAddedSetsGiveTheRebuiltDay records sets one at a time and in scores
// of several (new ones, ones scored again, skipped ones, the same
// exercise under another name, sessions of the same day with other
// check-ins, in other zones) and checks after every write that the
// aggregates the write left are, byte for byte, those a rebuild of the
// day from its records gives.
func TestAddedSetsGiveTheRebuiltDay(t *testing.T) {
	exercises := []string{"glide", "pull", "bridge", ""}
	zones := []*time.Location{zoneEast, zoneWest, time.UTC}
	for seed := uint64(1); seed <= 3; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		s := newStore(t)
		var sessions []Session
		for i := 0; i < 12; i++ {
			start := time.Date(2025, 3, 1+rng.IntN(3), rng.IntN(24), rng.IntN(60), 0, 0, zones[rng.IntN(len(zones))])
			sess := testSession(start, StatusInProgress)
			sess.Baseline = rng.IntN(7) - 1
			mustNil(t, s.PutSession(sess))
			sessions = append(sessions, sess)
		}
		for w := 0; w < 300; w++ {
			sess := sessions[rng.IntN(len(sessions))]
			set := scoredSet(sess.ID, rng.IntN(12), exercises[rng.IntN(len(exercises))], rng.IntN(12)-1)
			if rng.IntN(8) == 0 {
				set.Exercise = "Another name" // a prescription that calls it otherwise
			}
			if rng.IntN(2) == 0 {
				mustNil(t, s.RecordSet(set))
			} else {
				second := scoredSet(sess.ID, rng.IntN(12), exercises[rng.IntN(len(exercises))], -1)
				mustNil(t, s.RecordScore(Score{Sets: []SetRecord{set, second}}))
			}
			date := dayOf(sess.StartedAt)
			err := s.db.Update(func(tx *bolt.Tx) error {
				written := dayBytes(tx, date)
				if err := recomputeDay(tx, date); err != nil {
					return err
				}
				if rebuilt := dayBytes(tx, date); written != rebuilt {
					t.Fatalf("seed %d, write %d (%+v): the write left\n%s\na rebuild gives\n%s", seed, w, set, written, rebuilt)
				}
				return nil
			})
			mustNil(t, err)
		}
		mustNil(t, s.Check())
	}
}
