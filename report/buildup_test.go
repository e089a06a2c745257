package report

import (
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// A build-up that moved is a decision row with its sentence; one that
// held changed nothing and is left out, like a day's unmoved start.
func TestReportListsBuildUpsThatMoved(t *testing.T) {
	at := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	sess := store.Session{ID: store.NewSessionID(at), StartedAt: at, RoutineID: "phase4", Routine: "Light-load endurance", Status: store.StatusCompleted}
	h := []store.SessionHistory{{Session: sess, Decisions: []store.Decision{
		{SessionID: sess.ID, Seq: 0, At: at, Rule: routine.RuleNone, Reason: "Start."},
		{SessionID: sess.ID, Seq: 1, At: at, Rule: routine.RuleBuildUp, ExerciseID: "walking", Exercise: "Walking", Minutes: 12,
			Reason: "Walking stayed green yesterday: 12 minutes today."},
		{SessionID: sess.ID, Seq: 2, At: at, Rule: routine.RuleBuildUpHold, ExerciseID: "stationary-cycling", Exercise: "Stationary cycling", Minutes: 10,
			Reason: "Stationary cycling was not done yesterday: it stays at 10 minutes today."},
	}}}
	rows := decisionRows(h)
	if len(rows) != 1 || rows[0].Reason != "Walking stayed green yesterday: 12 minutes today." || rows[0].Short != "build-up" || rows[0].Exercise != "Walking" {
		t.Fatalf("rows %+v", rows)
	}
}
