package tui

import (
	"math/rand/v2"
	"testing"

	"github.com/NimbleMarkets/ntcharts/sparkline"
)

// ntchartsSparkline is how painSparkline drew before: ntcharts' sparkline.
func ntchartsSparkline(values []float64) string {
	sl := sparkline.New(len(values), 1, sparkline.WithMaxValue(10), sparkline.WithNoAutoMaxValue())
	sl.PushAll(values)
	sl.Draw()
	return sl.View()
}

// painSparkline draws what ntcharts' sparkline draws: every score of a
// check-in average (tenths from 0 to 10), the edges of each eighth of a
// cell, and random values, below 0 and above 10 too, up to 7 a line.
func TestPainSparklineIsNtcharts(t *testing.T) {
	check := func(values []float64) {
		t.Helper()
		if got, want := painSparkline(values), ntchartsSparkline(values); got != want {
			t.Fatalf("painSparkline(%v) = %q, ntcharts draws %q", values, got, want)
		}
	}
	for i := -10; i <= 110; i++ {
		check([]float64{float64(i) / 10})
	}
	for e := 0; e <= 16; e++ {
		for _, d := range []float64{-1e-9, 0, 1e-9} {
			check([]float64{float64(e)*0.625 + d, float64(e)*0.625/2 + d})
		}
	}
	rng := rand.New(rand.NewPCG(7, 10))
	for range 20000 {
		values := make([]float64, 1+rng.IntN(7))
		for i := range values {
			if rng.IntN(2) == 0 {
				values[i] = float64(rng.IntN(101)) / 10
			} else {
				values[i] = rng.Float64()*14 - 2
			}
		}
		check(values)
	}
}
