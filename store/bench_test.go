package store_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

// The quality bar: the home screen and the trends cost the same with ten
// years of history as with one week, because every read is a range scan
// over its window. BenchmarkHomeAndTrends builds three histories through
// the real store and times what opening the coach costs: Open, the home
// screen's reads, and the 90-day trends.

// benchHistories are the histories compared, in days up to benchNow.
// 3months just fills the 90-day trends window (and the home screen's four
// weeks): from there on, more history must cost nothing more. 1week holds
// less than either window, so it reads less.
var benchHistories = []struct {
	name string
	days int
}{{"1week", 7}, {"3months", 90}, {"1year", 365}, {"10years", 3650}}

const (
	benchWindow    = 90   // the trends window timed
	benchChunkDays = 365  // days per Import: the history held in memory at once
	benchSeed      = 2026 // the same history every run
)

var (
	benchZone = time.FixedZone("CET", 3600)
	// benchNow is the evening of the last day of every history.
	benchNow = time.Date(2026, 11, 22, 21, 0, 0, 0, benchZone)
)

// benchDay is the midnight of the day age days before benchNow's.
func benchDay(age int) time.Time {
	y, m, d := benchNow.Date()
	return time.Date(y, m, d-age, 0, 0, 0, 0, benchZone)
}

// buildHistory writes days of history into a new data file through the
// real store: Import of a made-up history (store/fakehistory), a year
// per Import, instead of one synced write per set.
func buildHistory(b *testing.B, path string, days int) {
	b.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(benchSeed, uint64(days)))
	first := benchDay(days - 1)
	for from := 0; from < days; from += benchChunkDays {
		if _, err := st.Import(fakehistory.Days(rng, first, from, min(from+benchChunkDays, days))); err != nil {
			b.Fatal(err)
		}
	}
	in, err := st.TrendInput(benchNow, benchWindow)
	if err != nil {
		b.Fatal(err)
	}
	// A history shorter than the window fills what it has.
	scored := 0
	for _, s := range in.Sets {
		scored += max(s.Count, 1)
	}
	if want := min(days, benchWindow) * fakehistory.SessionsPerDay * fakehistory.SetsPerSession; scored < want*9/10 {
		b.Fatalf("%d days of history: %d scored sets in the window, want about %d", days, scored, want)
	}
}

// benchHome does the home screen's reads: the same call tui.loadHome makes.
func benchHome(st *store.Store, rules routine.PainRules, now time.Time) error {
	h, err := st.Home(rules, now)
	if err == nil && len(h.Days) == 0 {
		err = fmt.Errorf("no days")
	}
	return err
}

// benchTrends reads and computes the trends of the window.
func benchTrends(st *store.Store, rules routine.PainRules, now time.Time, window int) error {
	in, err := st.TrendInput(now, window)
	if err != nil {
		return err
	}
	if t := routine.BuildTrends(rules, in, now, window); len(t.Series) != window {
		return fmt.Errorf("%d points", len(t.Series))
	}
	return nil
}

// phases times one open of the coach, phase by phase.
type phases struct{ open, home, trends time.Duration }

func openHomeTrends(path string, rules routine.PainRules) (phases, error) {
	var p phases
	t0 := time.Now()
	// As the coach opens it: the walk of the pages runs beside the reads
	// (and Close stops it), so it is not on the way to the first screen.
	st, err := store.Open(path, store.Options{CheckInBackground: true})
	if err != nil {
		return p, err
	}
	defer st.Close()
	t1 := time.Now()
	if err := benchHome(st, rules, benchNow); err != nil {
		return p, err
	}
	t2 := time.Now()
	if err := benchTrends(st, rules, benchNow, benchWindow); err != nil {
		return p, err
	}
	t3 := time.Now()
	return phases{open: t1.Sub(t0), home: t2.Sub(t1), trends: t3.Sub(t2)}, nil
}

// BenchmarkHomeAndTrends times Open, the home screen's reads and the 90-day
// trends on 1 week, 3 months, 1 year and 10 years of history (6 sessions
// a day, 10 sets each). The histories are built once per run, outside the
// timing.
// Each size reports its phases (open-ns, home-ns, trends-ns per op) and,
// once the shorter ones have run, its time as a multiple of theirs
// (x1week, x3months, x1year).
func BenchmarkHomeAndTrends(b *testing.B) {
	dir := b.TempDir() // removed when the whole benchmark ends
	rules := routine.DefaultPainRules()
	paths := map[string]string{}
	perOp := map[string]float64{}
	for _, h := range benchHistories {
		b.Run(h.name, func(b *testing.B) {
			path, ok := paths[h.name]
			if !ok { // this function runs once per b.N tried: build once
				path = filepath.Join(dir, h.name+".db")
				start := time.Now()
				buildHistory(b, path, h.days)
				b.Logf("built %s: %d days, %d sessions, %d sets in %v", h.name, h.days,
					h.days*fakehistory.SessionsPerDay, h.days*fakehistory.SessionsPerDay*fakehistory.SetsPerSession, time.Since(start).Round(time.Millisecond))
				paths[h.name] = path
			}
			var total phases
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p, err := openHomeTrends(path, rules)
				if err != nil {
					b.Fatal(err)
				}
				total.open += p.open
				total.home += p.home
				total.trends += p.trends
			}
			b.StopTimer()
			n := float64(b.N)
			b.ReportMetric(float64(total.open.Nanoseconds())/n, "open-ns/op")
			b.ReportMetric(float64(total.home.Nanoseconds())/n, "home-ns/op")
			b.ReportMetric(float64(total.trends.Nanoseconds())/n, "trends-ns/op")
			ns := float64(b.Elapsed().Nanoseconds()) / n
			perOp[h.name] = ns
			for _, base := range []string{"1week", "3months", "1year"} {
				if v, ok := perOp[base]; ok && base != h.name && v > 0 {
					b.ReportMetric(ns/v, "x"+base)
				}
			}
		})
	}
}
