package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// sumExerciseScoresByGets is sumExerciseScores as it was before
// markerWalk: a Get per Monday. The reference the new read must equal.
func (s *Store) sumExerciseScoresByGets(tx *bolt.Tx, w *windowSum, from, to string) error {
	days, weeks := tx.Bucket(bucketExerciseDays), tx.Bucket(bucketExerciseWeeks)
	span, ok := wholeWeeks(from, to)
	if weeks == nil || !ok {
		return s.sumDays(w, days, from, to)
	}
	if err := s.sumDays(w, days, from, span.headTo); err != nil {
		return err
	}
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
		runTo := monday.AddDate(0, 0, -1)
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

// sumBoth reads from..to both ways, with what each read and its error.
func sumBoth(t *testing.T, s *Store, from, to string) (got, want *windowSum, gotErr, wantErr error) {
	t.Helper()
	got, want = newWindowSum(), newWindowSum()
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		gotErr = s.sumExerciseScores(tx, got, from, to)
		wantErr = s.sumExerciseScoresByGets(tx, want, from, to)
		return nil
	}))
	return got, want, gotErr, wantErr
}

// The marker walk reads what a Get per week reads, over random histories
// in zones from -12 h to +14 h, with weeks built and not in random
// patterns, nested buckets and empty values under a Monday's key, and
// damaged aggregates: the same scores, the same records read, the same
// refusals.
func TestMarkerWalkEqualsGets(t *testing.T) {
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) // a Wednesday
	const days = 120
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 92))
			s := newStore(t)
			for i := 0; i < 40; i++ {
				zone := time.FixedZone("", (rng.IntN(27)-12)*3600)
				weekHistory(t, s, rng, first.AddDate(0, 0, rng.IntN(days)).In(zone), 1+rng.IntN(9), 1+rng.IntN(4))
			}
			checkIn(t, s, first.AddDate(0, 0, days+20))
			mondays := mondaysOf(first.AddDate(0, 0, -7), days+14)
			mustNil(t, s.db.Update(func(tx *bolt.Tx) error {
				weeks := tx.Bucket(bucketExerciseWeeks)
				for _, m := range mondays {
					var err error
					switch rng.IntN(8) {
					case 0, 1: // not built
						err = weeks.Delete([]byte(m))
					case 2: // a nested bucket where a marker would be
						if err = weeks.Delete([]byte(m)); err == nil {
							_, err = weeks.CreateBucket([]byte(m))
						}
					case 3: // an empty value as the marker
						err = weeks.Put([]byte(m), []byte{})
					}
					if err != nil {
						return err
					}
				}
				if seed == 4 { // damage: a key not under a Monday, and an undecodable week
					if err := weeks.Put([]byte("2025-02-05/glide"), []byte{1}); err != nil {
						return err
					}
					return weeks.Put([]byte(mondays[9]+"/pull"), []byte{0xff})
				}
				return nil
			}))
			checked, refused := 0, 0
			for end := first; !end.After(first.AddDate(0, 0, days)); end = end.AddDate(0, 0, 1) {
				to := end.Format(dateLayout)
				for _, n := range []int{7, 8, 14, 15, 20, 30, 60, 90} {
					from := end.AddDate(0, 0, 1-n).Format(dateLayout)
					got, want, gotErr, wantErr := sumBoth(t, s, from, to)
					if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
						t.Fatalf("%s..%s: error %v, want %v", from, to, gotErr, wantErr)
					}
					if gotErr == nil && (got.records != want.records || !reflect.DeepEqual(got.scores(), want.scores())) {
						t.Fatalf("%s..%s: %d records %v\nwant %d records %v", from, to, got.records, got.scores(), want.records, want.scores())
					}
					checked++
					if gotErr != nil {
						refused++
					}
				}
			}
			if checked == 0 || (seed == 4) != (refused > 0) {
				t.Fatalf("%d windows checked, %d refused", checked, refused)
			}
		})
	}
}

// mondaysOf is the Mondays of the n days from first, as keys.
func mondaysOf(first time.Time, n int) []string {
	var out []string
	for d := first; d.Before(first.AddDate(0, 0, n)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Monday {
			out = append(out, d.Format(dateLayout))
		}
	}
	return out
}
