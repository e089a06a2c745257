package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// history names the warning sign a day was closed for, with its tier.
func TestHistoryNamesTheWarningSign(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	c, err := st.CheckIn(routine.DefaultPainRules(), routine.Routine{}, store.Session{StartedAt: at, RoutineID: "phase1", Routine: "Phase one", Baseline: 3})
	if err == nil {
		_, _, err = st.ReportWarning(c.Session.ID, at.Add(time.Minute), "surgeon", "You have had a fall")
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SPINECOACH_NOW", "2026-11-21T09:00:00Z")
	code, out, errOut := runCLI(t, "--db", db, "history")
	if code != 0 || !strings.Contains(out, "    the sign: You have had a fall (call the surgeon today)") {
		t.Errorf("history: exit %d %s\n%s", code, errOut, out)
	}
}
