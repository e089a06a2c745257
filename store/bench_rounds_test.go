package store_test

import (
	"flag"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

var benchRounds = flag.Int("rounds", 15, "BenchmarkHomeAndTrendsRounds: rounds of one week beside ten years")

// BenchmarkHomeAndTrendsRounds is BenchmarkHomeAndTrends for a shared,
// noisy machine: it builds the one-week, three-month and ten-year
// histories once, then times an open of the coach (Open, the home
// screen's reads, the 90-day trends; not the Close after them) on each in turn, round after round
// (which goes first rotates), each round's time the median of
// benchRoundOpens opens. It reports the median of the rounds' ratios of
// ten years to one week (x10years-p50) with the 25th and 75th
// percentiles (x10years-p25, -p75), the same against three months, the
// shortest history that fills every window (x3months-p50, -p25, -p75),
// and the medians of the times themselves. Run it with -benchtime 1x.
func BenchmarkHomeAndTrendsRounds(b *testing.B) {
	const benchRoundOpens = 15
	dir := b.TempDir()
	rules := routine.DefaultPainRules()
	paths := []string{filepath.Join(dir, "1week.db"), filepath.Join(dir, "3months.db"), filepath.Join(dir, "10years.db")}
	for i, days := range []int{7, 90, 3650} {
		buildHistory(b, paths[i], days)
	}
	one := func(path string) time.Duration {
		ds := make([]time.Duration, benchRoundOpens)
		for i := range ds {
			// The three phases the row names; not the Close after them,
			// which comes when the patient quits (its munmap takes longer
			// the more of a large file was mapped).
			p, err := openHomeTrends(path, rules)
			if err != nil {
				b.Fatal(err)
			}
			ds[i] = p.open + p.home + p.trends
		}
		return medianDuration(ds)
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		var byWeek, byMonths []float64
		times := make([][]time.Duration, len(paths))
		for r := 0; r < *benchRounds; r++ {
			var t [3]time.Duration
			for k := range paths {
				i := (k + r) % len(paths)
				t[i] = one(paths[i])
				times[i] = append(times[i], t[i])
			}
			byWeek = append(byWeek, float64(t[2])/float64(t[0]))
			byMonths = append(byMonths, float64(t[2])/float64(t[1]))
		}
		for _, x := range []struct {
			name   string
			ratios []float64
		}{{"x10years", byWeek}, {"x3months", byMonths}} {
			sort.Float64s(x.ratios)
			at := func(p float64) float64 { return x.ratios[int(p*float64(len(x.ratios)-1)+0.5)] }
			b.ReportMetric(at(0.5), x.name+"-p50")
			b.ReportMetric(at(0.25), x.name+"-p25")
			b.ReportMetric(at(0.75), x.name+"-p75")
		}
		for i, name := range []string{"1week-ms", "3months-ms", "10years-ms"} {
			b.ReportMetric(float64(medianDuration(times[i]).Microseconds())/1000, name)
		}
	}
}

func medianDuration(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
