package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/store"
)

// A counted exercise done once reads "1 time" in the summary, as any
// other count reads "8 times".
func TestSummaryCountsInWords(t *testing.T) {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	rec := store.Session{ID: store.NewSessionID(at), StartedAt: at, EndedAt: at.Add(10 * time.Minute), Baseline: 2, Status: store.StatusCompleted}
	sets := []store.SetRecord{
		{SessionID: rec.ID, Index: 0, ExerciseID: "pumps", Exercise: "Ankle pumps", SetNo: 1, RepsPlanned: 1, RepsDone: 1, Pain: 2, At: at},
		{SessionID: rec.ID, Index: 1, ExerciseID: "tilt", Exercise: "Pelvic tilt", SetNo: 1, RepsPlanned: 8, RepsDone: 8, Pain: 2, At: at},
	}
	m := newSummaryModel(DefaultTheme().WithoutColour(), rec, sets, nil, 0, nil)
	m.setSize(100, 40)
	view := m.tableView()
	for _, want := range []string{"1 time ", "8 times"} {
		if !strings.Contains(view, want) {
			t.Errorf("the summary has no %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "1 times") {
		t.Errorf("the summary says \"1 times\":\n%s", view)
	}
}
