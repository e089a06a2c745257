package routine

import (
	"reflect"
	"testing"
)

func TestWeekRows(t *testing.T) {
	// 2026-11-25 is a Wednesday; the window runs from Thursday the 12th.
	sessions := []SessionSummary{
		{Date: "2026-11-11", Baseline: 9, Done: 9, MaxPain: 9, StartLevel: 3, EndLevel: 3}, // before the window
		{Date: "2026-11-12", Baseline: 2, Done: 4, Skipped: 1, MaxPain: 4, StartLevel: 0, EndLevel: 1},
		{Date: "2026-11-12", Baseline: 4, Done: 2, MaxPain: 6, StartLevel: 1, EndLevel: 2},
		{Date: "2026-11-15", Baseline: 5, Done: 0, MaxPain: -1, StartLevel: 1, EndLevel: 1}, // a stop at the check-in
		// nothing in the week of the 16th
		{Date: "2026-11-24", Baseline: -1, Done: 3, MaxPain: 2, StartLevel: -1, EndLevel: -1},
		{Date: "2026-11-25", Baseline: 1, Done: 3, Skipped: 2, MaxPain: 3, StartLevel: 0, EndLevel: 0},
		{Date: "2026-11-26", Baseline: 9, Done: 9, MaxPain: 9, StartLevel: 3, EndLevel: 3}, // after today
	}
	got := WeekRows(sessions, "2026-11-12", "2026-11-25")
	want := []WeekRow{
		// days 12th (mean 3) and 15th (5): 4.0 over 2 days
		{From: "2026-11-12", To: "2026-11-15", CheckIn: 4, CheckInDay: 2, MaxPain: 6, Sessions: 3, Done: 6, Skipped: 1, MinLevel: 0, MaxLevel: 2},
		{From: "2026-11-16", To: "2026-11-22", MaxPain: -1, MinLevel: -1, MaxLevel: -1},
		{From: "2026-11-23", To: "2026-11-25", CheckIn: 1, CheckInDay: 1, MaxPain: 3, Sessions: 2, Done: 6, Skipped: 2, MinLevel: 0, MaxLevel: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
	if got[1].HasCheckIn() || !got[0].HasCheckIn() {
		t.Error("HasCheckIn")
	}
	if got[0].Levels() != "0-2" || got[1].Levels() != "-" || got[2].Levels() != "0" {
		t.Errorf("levels %q %q %q", got[0].Levels(), got[1].Levels(), got[2].Levels())
	}
	for _, bad := range [][2]string{{"2026-11-26", "2026-11-25"}, {"x", "2026-11-25"}, {"2026-11-12", ""}} {
		if rows := WeekRows(sessions, bad[0], bad[1]); rows != nil {
			t.Errorf("%v: %+v", bad, rows)
		}
	}
	// A one-day window on a Monday is one row of that day.
	if rows := WeekRows(sessions, "2026-11-23", "2026-11-23"); len(rows) != 1 || rows[0].From != "2026-11-23" || rows[0].To != "2026-11-23" {
		t.Errorf("one day: %+v", rows)
	}
}
