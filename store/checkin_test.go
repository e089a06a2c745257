package store_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

func openAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func checkinRec(at time.Time, b int) store.Session {
	return store.Session{StartedAt: at, RoutineID: "r", Routine: "R", Baseline: b}
}

// A check-in of 8 is stored, with the stop, before the warning signs are
// asked: with no answer to them (a quit, or a crash, at that screen) the
// day stays closed, and a second check-in stores nothing.
func TestCheckinOf8ClosesDayWithNoWarningAnswer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	rules := dayRoutine().Rules
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	st := openAt(t, path)
	c, err := st.CheckIn(rules, routine.Routine{}, checkinRec(at, 8))
	if err != nil {
		t.Fatal(err)
	}
	if c.Closed != nil || c.Session.Status != store.StatusStopped || c.Day.Allows() || len(c.Decisions) != 2 ||
		c.Decisions[1].Rule != routine.RuleBaselineStop {
		t.Fatalf("check-in of 8: %+v", c)
	}
	st.Close() // the program ends at the warning screen
	st = openAt(t, path)
	defer st.Close()
	day, _, err := st.Today(rules, at.Add(time.Hour))
	if err != nil || day.Allows() || day.Closed.Rule != routine.RuleBaselineStop {
		t.Fatalf("the day after a quit at the warning screen: %+v %v", day, err)
	}
	again, err := st.CheckIn(rules, routine.Routine{}, checkinRec(at.Add(2*time.Hour), 2))
	if err != nil || again.Closed == nil {
		t.Fatalf("a second check-in on the closed day: %+v %v", again, err)
	}
	if ss, _ := st.SessionsBetween(at.Add(-time.Hour), at.Add(24*time.Hour)); len(ss) != 1 {
		t.Errorf("%d sessions stored, want the first only", len(ss))
	}
}

// A crash between the check-in and the warning answer leaves the
// check-in stored and open, for resuming; a check-in-only session counts
// for the rules: the next morning compares with it.
func TestCrashBetweenCheckinAndWarningAnswer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	rules := dayRoutine().Rules
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	st := openAt(t, path)
	c, err := st.CheckIn(rules, routine.Routine{}, checkinRec(at, 2))
	if err != nil || c.Session.Status != store.StatusInProgress || !c.Day.Allows() {
		t.Fatalf("check-in of 2: %+v %v", c, err)
	}
	st.Close()
	st = openAt(t, path)
	defer st.Close()
	open, ok, err := st.OpenSession()
	if err != nil || !ok || open.ID != c.Session.ID || open.Baseline != 2 {
		t.Fatalf("the check-in is not offered for resuming: %+v %v %v", open, ok, err)
	}
	day, _, _ := st.Today(rules, at.Add(time.Hour))
	if !day.Started || day.Sessions != 1 || !day.Allows() {
		t.Errorf("today after the crash: %+v", day)
	}
	next, err := st.CheckIn(rules, routine.Routine{}, checkinRec(at.AddDate(0, 0, 1), 4))
	if err != nil || next.Decisions[0].Rule != routine.RuleNextMorning || next.Session.DoseLevel != 1 {
		t.Errorf("the next morning after a check-in-only day: %+v %v", next, err)
	}
}

// y closes the day at once with the sign "not given"; the sign chosen
// then replaces it in its place, with its tier, and export and import
// carry it.
func TestWarningSignRecordedWithTier(t *testing.T) {
	dir := t.TempDir()
	rules := dayRoutine().Rules
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	st := openAt(t, filepath.Join(dir, "a.db"))
	defer st.Close()
	c, err := st.CheckIn(rules, routine.Routine{}, checkinRec(at, 3))
	if err != nil {
		t.Fatal(err)
	}
	sess, d, err := st.ReportWarning(c.Session.ID, at.Add(time.Minute), routine.TierNotGiven, "")
	if err != nil || sess.Status != store.StatusStopped || d.Seq != 1 || d.Tier != routine.TierNotGiven {
		t.Fatalf("y: %+v %+v %v", sess, d, err)
	}
	if day, _, _ := st.Today(rules, at.Add(2*time.Minute)); day.Allows() || day.Closed.SignText() != "not given" {
		t.Fatalf("after y the day is %+v", day.Closed)
	}
	_, d, err = st.ReportWarning(c.Session.ID, at.Add(2*time.Minute), "surgeon", "You have had a fall")
	if err != nil || d.Seq != 1 || !d.At.Equal(at.Add(time.Minute)) {
		t.Fatalf("the sign: %+v %v", d, err)
	}
	ds, _ := st.DecisionsOf(c.Session.ID)
	if len(ds) != 2 || ds[1].Sign != "You have had a fall" || ds[1].Tier != "surgeon" || !strings.Contains(ds[1].Reason, "surgeon's office today") {
		t.Fatalf("stored decisions %+v", ds)
	}
	day, _, _ := st.Today(rules, at.Add(3*time.Minute))
	if day.Closed == nil || day.Closed.SignText() != "You have had a fall (call the surgeon today)" {
		t.Errorf("today closed by %+v", day.Closed)
	}
	var js bytes.Buffer
	if err := st.ExportJSON(&js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"sign": "You have had a fall"`) || !strings.Contains(js.String(), `"tier": "surgeon"`) {
		t.Errorf("the JSON export does not name the sign:\n%s", js.String())
	}
	other := openAt(t, filepath.Join(dir, "b.db"))
	defer other.Close()
	if _, err := other.ImportJSON(bytes.NewReader(js.Bytes())); err != nil {
		t.Fatal(err)
	}
	back, _ := other.DecisionsOf(c.Session.ID)
	if len(back) != 2 || back[1].Sign != ds[1].Sign || back[1].Tier != ds[1].Tier {
		t.Errorf("import lost the sign: %+v", back)
	}
	var again bytes.Buffer
	if err := other.ExportJSON(&again); err != nil || again.String() != js.String() {
		t.Errorf("the round trip changed the export (%v)", err)
	}
}
