package tui

import (
	"testing"

	"github.com/spinecoach/spinecoach/store"
)

// streakOf counts the days with exercise in a row up to today, or up to
// yesterday while today has none yet; a day of only skipped sets, or no
// record, ends it; the order of the records does not matter (the trends'
// own count, routine.Streak, which the home screen now asks).
func TestStreakOf(t *testing.T) {
	did := func(date string) store.Day { return store.Day{Date: date, Sessions: 1, Sets: 4} }
	skipped := func(date string) store.Day { return store.Day{Date: date, Sessions: 1, Sets: 3, Skipped: 3} }
	for _, c := range []struct {
		name string
		days []store.Day
		want int
	}{
		{"none", nil, 0},
		{"today only", []store.Day{did("2026-03-10")}, 1},
		{"up to yesterday, none yet today", []store.Day{did("2026-03-08"), did("2026-03-09")}, 2},
		{"across a month's end, unsorted", []store.Day{did("2026-03-10"), did("2026-02-28"), did("2026-03-01"), did("2026-03-09"), did("2026-03-08"),
			did("2026-03-02"), did("2026-03-03"), did("2026-03-04"), did("2026-03-05"), did("2026-03-06"), did("2026-03-07")}, 11},
		{"a gap ends it", []store.Day{did("2026-03-06"), did("2026-03-08"), did("2026-03-09"), did("2026-03-10")}, 3},
		{"only skipped sets end it", []store.Day{did("2026-03-08"), skipped("2026-03-09"), did("2026-03-10")}, 1},
		{"two days ago is not a streak", []store.Day{did("2026-03-08")}, 0},
	} {
		if got := streakOf(c.days, "2026-03-10"); got != c.want {
			t.Errorf("%s: streakOf = %d, want %d", c.name, got, c.want)
		}
	}
}
