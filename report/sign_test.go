package report

import (
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The report names the warning sign a stop was for, with its tier, so a
// clinician can tell a fever from chest pain.
func TestReportNamesTheWarningSign(t *testing.T) {
	h := session(now.Add(-3*time.Hour), 2)
	h.Session.Status = store.StatusStopped
	d := routine.WarningStop(now.Add(-3*time.Hour), 2, 0, "emergency", "Pain in your chest, or you are short of breath")
	h.Decisions = []store.Decision{store.NewDecision(h.Session, 0, d)}
	page := render(t, input(7, []store.SessionHistory{h}))
	if !strings.Contains(page, "The sign: Pain in your chest, or you are short of breath (emergency: call now).") {
		t.Errorf("the report does not name the sign:\n%s", page)
	}
}
