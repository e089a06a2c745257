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
// noisy machine: it builds the one-week and the ten-year histories once,
// then times an open of the coach (Open, the home screen's reads, the
// 90-day trends) on each in turn, round after round (which goes first
// alternates), each round's time the median of benchRoundOpens opens.
// It reports the median of the rounds' ratios (x10years-p50) with the
// 25th and 75th percentiles (x10years-p25, -p75), and the medians of the
// times themselves. Run it with -benchtime 1x.
func BenchmarkHomeAndTrendsRounds(b *testing.B) {
	const benchRoundOpens = 15
	dir := b.TempDir()
	rules := routine.DefaultPainRules()
	week, years := filepath.Join(dir, "1week.db"), filepath.Join(dir, "10years.db")
	buildHistory(b, week, 7)
	buildHistory(b, years, 3650)
	one := func(path string) time.Duration {
		ds := make([]time.Duration, benchRoundOpens)
		for i := range ds {
			t := time.Now()
			if _, err := openHomeTrends(path, rules); err != nil {
				b.Fatal(err)
			}
			ds[i] = time.Since(t)
		}
		return medianDuration(ds)
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		var ratios []float64
		var weeks, yearsTimes []time.Duration
		for r := 0; r < *benchRounds; r++ {
			var w, y time.Duration
			if r%2 == 0 {
				w, y = one(week), one(years)
			} else {
				y, w = one(years), one(week)
			}
			weeks, yearsTimes = append(weeks, w), append(yearsTimes, y)
			ratios = append(ratios, float64(y)/float64(w))
		}
		sort.Float64s(ratios)
		at := func(p float64) float64 { return ratios[int(p*float64(len(ratios)-1)+0.5)] }
		b.ReportMetric(at(0.5), "x10years-p50")
		b.ReportMetric(at(0.25), "x10years-p25")
		b.ReportMetric(at(0.75), "x10years-p75")
		b.ReportMetric(float64(medianDuration(weeks).Microseconds())/1000, "1week-ms")
		b.ReportMetric(float64(medianDuration(yearsTimes).Microseconds())/1000, "10years-ms")
	}
}

func medianDuration(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
