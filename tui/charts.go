package tui

import (
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas/runes"
)

// painSparkline draws pain scores (0-10) one column each, on a fixed 0-10
// scale so that a low week looks low: a lower block of eighths of a cell
// (ntcharts' runes), a full block from 10, a space for a score that
// rounds to no eighth. It is what ntcharts' sparkline one line high draws
// (TestPainSparklineIsNtcharts), without its canvas of styled cells: the
// home screen draws it on its first frame.
func painSparkline(values []float64) string {
	var b strings.Builder
	for _, f := range values {
		v := math.Max(f, 0) * (1.0 / 10) // the sparkline's scale: its height over its maximum
		r := runes.Null
		switch n := math.Floor(v); {
		case v <= 0:
		case n >= 1:
			r = runes.FullBlock // the column's first cell, the only one on a line
		default:
			r = runes.LowerBlockElementFromFloat64(v - n)
		}
		if r == runes.Null {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}
