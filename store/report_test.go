package store

import (
	"reflect"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
)

// HistoryBetween and SessionSummariesBetween read the sessions of local
// days, each with its sets and decisions; Summary sums one up.
func TestHistoryAndSummariesBetween(t *testing.T) {
	s := newStore(t)
	fill(t, s) // sessions on the 4th (east), the 5th (west, 23:00 UTC) and the 6th (east)
	tests := []struct {
		from, to string
		want     []routine.SessionSummary
	}{
		{"2025-03-04", "2025-03-04", []routine.SessionSummary{
			// three sets scored 2, 3 and 1; an amber and a red took it from 0 to 2
			{Date: "2025-03-04", Baseline: 3, Done: 3, MaxPain: 3, StartLevel: 0, EndLevel: 2},
		}},
		{"2025-03-05", "2025-03-06", []routine.SessionSummary{
			// no check-in, no level at the start, one set skipped; the stop took it to 3
			{Date: "2025-03-05", Baseline: -1, Skipped: 1, MaxPain: -1, StartLevel: -1, EndLevel: 3},
			{Date: "2025-03-06", Baseline: 3, MaxPain: -1, StartLevel: 0, EndLevel: 0},
		}},
		{"2025-03-07", "2025-03-31", nil},
	}
	for _, tt := range tests {
		got, err := s.SessionSummariesBetween(tt.from, tt.to)
		mustNil(t, err)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s..%s:\n got %+v\nwant %+v", tt.from, tt.to, got, tt.want)
		}
		h, err := s.HistoryBetween(tt.from, tt.to)
		mustNil(t, err)
		if len(h) != len(tt.want) {
			t.Fatalf("%s..%s: %d sessions of history", tt.from, tt.to, len(h))
		}
		for i := range h {
			if Summary(h[i]) != tt.want[i] {
				t.Errorf("%s..%s: summary %d of the history %+v", tt.from, tt.to, i, Summary(h[i]))
			}
		}
	}
	h, err := s.HistoryBetween("2025-03-04", "2025-03-05")
	mustNil(t, err)
	if len(h) != 2 || len(h[0].Sets) != 3 || len(h[0].Decisions) != 2 || h[0].Decisions[1].Rule != "red" ||
		len(h[1].Sets) != 1 || len(h[1].Decisions) != 1 || h[1].Session.Note != "pain rose" {
		t.Errorf("history %+v", h)
	}
	if _, err := s.HistoryBetween("2025-3-4", "2025-03-05"); err == nil {
		t.Error("a bad day was taken")
	}
}
