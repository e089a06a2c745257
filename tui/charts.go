package tui

import "github.com/NimbleMarkets/ntcharts/sparkline"

// painSparkline draws pain scores (0-10) one column each, on a fixed 0-10
// scale so that a low week looks low.
func painSparkline(values []float64) string {
	sl := sparkline.New(len(values), 1, sparkline.WithMaxValue(10), sparkline.WithNoAutoMaxValue())
	sl.PushAll(values)
	sl.Draw()
	return sl.View()
}
