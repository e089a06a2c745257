package store_test

import (
	"encoding/binary"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

var latencyDir = flag.String("latency-dir", "",
	"where BenchmarkRecordSetLatency writes (default: a temporary directory); on tmpfs a sync costs nothing and the figures mean little")

const (
	latencySessions   = 100 // of fakehistory.SetsPerSession sets: 1000 sets
	latencyFloorValue = 256 // bytes, about a stored set
)

// BenchmarkRecordSetLatency records 1000 sets, each in its own synced
// transaction as the coach does after every pain score, into a data file
// that already holds a year of history (6 sessions a day, 10 sets each),
// and reports the p50 and p99 of one write. Beside each set it times the
// floor on the same disk: one key of the same size put in a bbolt file of
// its own, the least a synced bbolt transaction costs. Set and floor
// alternate, so both see the same moments of a shared, noisy machine;
// x-floor-p50 is the ratio. Run with -benchtime=1x (each op is 1000 sets).
func BenchmarkRecordSetLatency(b *testing.B) {
	dir := b.TempDir()
	if *latencyDir != "" {
		d, err := os.MkdirTemp(*latencyDir, "spinecoach-latency-")
		if err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	path := filepath.Join(dir, "spinecoach.db")
	buildHistory(b, path, 365)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	floor, err := bolt.Open(filepath.Join(dir, "floor.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer floor.Close()
	bucket := []byte("floor")
	if err := floor.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucketIfNotExists(bucket); return err }); err != nil {
		b.Fatal(err)
	}
	value := make([]byte, latencyFloorValue)

	rng := rand.New(rand.NewPCG(benchSeed, 1000))
	var sets, floors []time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := 0; i < latencySessions; i++ {
			// Sessions go on after the history, two hours apart, as in it.
			k := n*latencySessions + i + 1
			h := fakehistory.Session(rng, benchNow.Add(time.Duration(k*fakehistory.HoursApart)*time.Hour))
			sess := h.Session
			sess.Status, sess.EndedAt = store.StatusInProgress, time.Time{}
			b.StopTimer()
			if err := st.PutSession(sess); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for _, r := range h.Sets {
				t := time.Now()
				if err := st.RecordSet(r); err != nil {
					b.Fatal(err)
				}
				sets = append(sets, time.Since(t))

				key := binary.BigEndian.AppendUint64(nil, uint64(len(floors)))
				t = time.Now()
				if err := floor.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, value) }); err != nil {
					b.Fatal(err)
				}
				floors = append(floors, time.Since(t))
			}
			b.StopTimer()
			sess.Status, sess.EndedAt = store.StatusCompleted, sess.StartedAt.Add(40*time.Minute)
			if err := st.PutSession(sess); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	p50, p99 := latencyPercentile(sets, 50), latencyPercentile(sets, 99)
	f50, f99 := latencyPercentile(floors, 50), latencyPercentile(floors, 99)
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(ms(f50), "floor-p50-ms")
	b.ReportMetric(ms(f99), "floor-p99-ms")
	b.ReportMetric(float64(p50)/float64(f50), "x-floor-p50")
	b.ReportMetric(float64(len(sets)), "sets")
}

// latencyPercentile is the p-th percentile of ds by the nearest-rank method.
func latencyPercentile(ds []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[max(int(math.Ceil(p/100*float64(len(s))))-1, 0)]
}
