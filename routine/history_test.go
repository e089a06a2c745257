package routine

import (
	"testing"
	"time"
	_ "time/tzdata" // the DST case needs Europe/Berlin on any machine
)

func TestDays(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, berlin) }
	logs := []SessionLog{
		{Start: at(25, 20), Baseline: 3, EndLevel: 1, Pains: []int{3, 6}}, // evening of the DST change
		{Start: at(24, 9), Baseline: 2, EndLevel: 0, Pains: []int{2, 3}},
		{Start: at(25, 1), Baseline: 4, EndLevel: 0, Pains: []int{4}}, // 01:00, before the clocks go back
		{Start: at(26, 8), Baseline: 5, EndLevel: 1},                  // warning signs: no sets
	}
	days := Days(DefaultPainRules(), logs)
	want := []DayRecord{
		{Date: "2026-10-24", Baseline: 2, Sets: 2, Worst: Green, MaxPain: 3, EndLevel: 0},
		{Date: "2026-10-25", Baseline: 4, Sets: 3, Worst: Red, MaxPain: 6, EndLevel: 1},
		{Date: "2026-10-26", Baseline: 5, Sets: 0, MaxPain: -1, EndLevel: 1},
	}
	if len(days) != len(want) {
		t.Fatalf("got %d days, want %d: %+v", len(days), len(want), days)
	}
	for i := range want {
		if days[i] != want[i] {
			t.Errorf("day %d\n got %+v\nwant %+v", i, days[i], want[i])
		}
	}
	if got := LastLevel(days); got != 1 {
		t.Errorf("last level %d, want 1 (from the last day with sets)", got)
	}
	if got := LastLevel(nil); got != 0 {
		t.Errorf("last level of no history %d, want 0", got)
	}
}
