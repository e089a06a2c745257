package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// daysByDecode is daysBetween as it was: every record of the range
// decoded by decodeDay, its date its key.
func daysByDecode(t *testing.T, tx *bolt.Tx, from, to string) []Day {
	t.Helper()
	var out []Day
	c := tx.Bucket(bucketDays).Cursor()
	for k, v := c.Seek([]byte(from)); k != nil && string(k) <= to; k, v = c.Next() {
		d, err := decodeDay(v)
		mustNil(t, err)
		d.Date = string(k)
		out = append(out, d)
	}
	return out
}

// daysBetween reads what decodeDay reads, record by record, over random
// histories and ranges: records as the writes lay them out, records in
// another layout (indented, fields reordered), and a key that is not a
// date among them. Home shows those of its four weeks.
func TestDaysBetweenEqualsDecode(t *testing.T) {
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 81))
			s := newStore(t)
			weekHistory(t, s, rng, first, 60, 150)
			mustNil(t, s.db.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketDays)
				var rewrite [][2][]byte
				mustNil(t, b.ForEach(func(k, v []byte) error {
					if rng.IntN(4) == 0 {
						var d Day
						mustNil(t, json.Unmarshal(v, &d))
						var other []byte
						if rng.IntN(2) == 0 {
							other, _ = json.MarshalIndent(d, "", " ")
						} else {
							other = []byte(fmt.Sprintf(`{"sets":%d,"date":%q,"sessions":%d,"skipped":%d,"baseline_sum":%d,"baselines":%d,"max_pain":%d,"completed":%d}`,
								d.Sets, d.Date, d.Sessions, d.Skipped, d.BaselineSum, d.Baselines, d.MaxPain, d.Completed))
						}
						rewrite = append(rewrite, [2][]byte{append([]byte(nil), k...), other})
					}
					return nil
				}))
				for _, kv := range rewrite {
					mustNil(t, b.Put(kv[0], kv[1]))
				}
				return b.Put([]byte("2025-01-20x"), []byte(`{"date":"2025-01-20","sessions":1,"sets":2,"skipped":0,"baseline_sum":3,"baselines":1,"max_pain":4,"completed":1}`))
			}))
			mustNil(t, s.view(func(tx *bolt.Tx) error {
				for i := 0; i < 300; i++ {
					from := first.AddDate(0, 0, rng.IntN(70)-5).Format(dateLayout)
					to := first.AddDate(0, 0, rng.IntN(70)-5).Format(dateLayout)
					got, err := s.daysBetween(tx, from, to)
					mustNil(t, err)
					if want := daysByDecode(t, tx, from, to); !reflect.DeepEqual(got, want) {
						t.Fatalf("%s..%s:\n got %+v\nwant %+v", from, to, got, want)
					}
				}
				return nil
			}))
			// Home shows the days of its last four weeks.
			for i := 0; i < 60; i++ {
				now := first.Add(time.Duration(rng.IntN(80*24)) * time.Hour).In(zoneWest)
				h, err := s.Home(routine.DefaultPainRules(), now)
				mustNil(t, err)
				var want []Day
				mustNil(t, s.view(func(tx *bolt.Tx) error {
					want = daysByDecode(t, tx, dayBefore(now, HomeDays), now.Format(dateLayout))
					return nil
				}))
				if !reflect.DeepEqual(h.Days, want) {
					t.Fatalf("Home at %v shows days\n%+v\nwant %+v", now, h.Days, want)
				}
			}
		})
	}
}
