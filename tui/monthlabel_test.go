package tui

import (
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
)

// A month named above the last week of the calendar keeps its three
// letters ("Dec", not "De").
func TestCalendarMonthLabelsWhole(t *testing.T) {
	weeks := []routine.AdherenceWeek{{Monday: "2026-11-23"}, {Monday: "2026-11-30"}, {Monday: "2026-12-07"}}
	for i := range weeks {
		for d := range weeks[i].Days {
			weeks[i].Days[d] = 1
		}
	}
	m := newTrendsModel(DefaultTheme(), trendsData{days: 90, trends: routine.Trends{Weeks: weeks}}, t0)
	first := strings.Split(m.adherenceView(), "\n")[1]
	if !strings.HasSuffix(strings.TrimRight(first, " "), "Dec") {
		t.Errorf("the month line is %q, want it to end with Dec", first)
	}
}
