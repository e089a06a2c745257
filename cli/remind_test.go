package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// putSession stores a finished session of phase 1 from start to end, with
// the decisions given, through the real store.
func putSession(t *testing.T, db, start, end string, status store.Status, decisions ...routine.Decision) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, e := mustParse(t, start), mustParse(t, end)
	sess := store.Session{ID: store.NewSessionID(s), StartedAt: s, EndedAt: e, RoutineID: "phase1", Routine: "Nerve glides and pulls",
		Baseline: 2, Status: status}
	var ds []store.Decision
	for i, d := range decisions {
		ds = append(ds, store.NewDecision(sess, i, d))
	}
	if err := st.PutSessionWithDecisions(sess, ds); err != nil {
		t.Fatal(err)
	}
	// One scored set: a session with exercise in it, as spacing counts them.
	set := store.SetRecord{SessionID: sess.ID, ExerciseID: "ankle-pumps", Exercise: "Ankle pumps", Side: routine.Left,
		SetNo: 1, RepsPlanned: 10, RepsDone: 10, Pain: 2, At: s.Add(time.Minute)}
	if err := st.RecordSet(set); err != nil {
		t.Fatal(err)
	}
}

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// dueAt runs spinecoach due at now.
func dueAt(t *testing.T, db, now string) (int, string, string) {
	t.Helper()
	t.Setenv("SPINECOACH_NOW", now)
	return runCLI(t, "--db", db, "due")
}

func TestDueCommandOverADay(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	db := filepath.Join(t.TempDir(), "a.db")
	t.Setenv("SPINECOACH_NOW", "2026-11-22T07:00:00+01:00")
	if code, _, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-11-20"); code != 0 {
		t.Fatal(errOut)
	}
	check := func(now string, code int, want string) {
		t.Helper()
		got, out, errOut := dueAt(t, db, now)
		if got != code || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 1 || errOut != "" {
			t.Errorf("due at %s: exit %d, %q %q; want exit %d and %q", now, got, out, errOut, code, want)
		}
	}
	check("2026-11-22T07:00:00+01:00", 4, "Due at 09:00: today's routine. (Day 2 after surgery · Nerve glides and pulls)")
	check("2026-11-22T09:15:00+01:00", 0, "Due now: no session done yet today.")
	putSession(t, db, "2026-11-22T09:20:00+01:00", "2026-11-22T09:41:00+01:00", store.StatusCompleted)
	check("2026-11-22T10:00:00+01:00", 4, "Due at 11:41: the last session ended at 09:41, and the routine again may follow 2 hours after it")
	check("2026-11-22T11:41:00+01:00", 0, "Due now: the last session ended at 09:41")
	// The patient flew from +01:00 to +03:00: 11:41 there is 13:41 here.
	check("2026-11-22T13:00:00+03:00", 4, "Due at 13:41: the last session ended at 11:41")
	putSession(t, db, "2026-11-22T19:30:00+01:00", "2026-11-22T19:50:00+01:00", store.StatusCompleted)
	check("2026-11-22T20:00:00+01:00", 5, "Not today: the last session ended at 19:50")
	// A warning sign closes the next day.
	putSession(t, db, "2026-11-23T08:00:00+01:00", "2026-11-23T08:01:00+01:00", store.StatusStopped,
		routine.Decision{Rule: routine.RuleWarningSign, At: mustParse(t, "2026-11-23T08:01:00+01:00"), Reason: "Warning sign."})
	check("2026-11-23T12:00:00+01:00", 5, "Not today: a warning sign was reported at 08:01, so there is no exercise today.")
	// Week 1: phase 2, the routine once a day; done by 09:58, then
	// stretch breaks 2 hours apart.
	check("2026-11-27T08:00:00+01:00", 4, "Due at 09:00: today's routine. (Week 1 after surgery · Static stabilization)")
	putSession(t, db, "2026-11-27T09:30:00+01:00", "2026-11-27T09:58:00+01:00", store.StatusCompleted)
	check("2026-11-27T10:00:00+01:00", 4, "Due at 11:58: Stretch break: 2 stretches, about")
	check("2026-11-27T11:58:00+01:00", 0, "Due now: Stretch break: 2 stretches, about")
}

func TestDueWhileTheAppIsOpen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	code, out, errOut := dueAt(t, db, "2026-11-22T10:00:00+01:00")
	if code != 3 || out != "" || !strings.Contains(errOut, "spinecoach is open with "+db+", so this cannot read it now; the app's home screen says when the next session is due\n") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v to give up, want under a second", d)
	}
}

func TestRemindOnStatusSyncOff(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	db := filepath.Join(t.TempDir(), "a.db")
	t.Setenv("SPINECOACH_NOW", "2026-11-22T07:00:00+01:00")
	if code, _, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-11-20"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := runCLI(t, "--db", db, "remind", "on", "--via", "systemd", "--no-enable", "--at", "08:30")
	// The test binary runs from go test's build directory: like go run,
	// it is no installed spinecoach, and remind on says so.
	if code != 2 || !strings.Contains(errOut, "needs an installed spinecoach") {
		t.Fatalf("remind on from a go-build binary: exit %d %q %q", code, out, errOut)
	}
	for _, bad := range [][]string{
		{"remind"}, {"remind", "dance"}, {"remind", "on", "--at", "9am"}, {"remind", "on", "--via", "mail"}, {"remind", "off", "now"},
	} {
		if code, _, errOut := runCLI(t, append([]string{"--db", db}, bad...)...); code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d %q", bad, code, errOut)
		}
	}
	if code, out, _ := runCLI(t, "--db", db, "remind", "status"); code != 0 || !strings.HasPrefix(out, "Reminders are off.") {
		t.Errorf("status: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "--db", db, "remind", "off"); code != 0 || out != "Reminders are off; there was nothing to remove.\n" {
		t.Errorf("off: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "--db", db, "remind", "sync"); code != 0 || out != "" {
		t.Errorf("sync with reminders off: %d %q", code, out)
	}
	if entries, _ := os.ReadDir(cfg); len(entries) != 0 {
		t.Errorf("status, off and sync wrote %d entries into the config dir", len(entries))
	}
}

func TestRemindICS(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	db := filepath.Join(t.TempDir(), "a.db")
	t.Setenv("SPINECOACH_NOW", "2026-11-22T07:00:00+01:00")
	if code, _, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-11-20"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := runCLI(t, "--db", db, "remind", "ics", "--at", "08:00")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d %q", code, errOut)
	}
	// Phase 1 ends when phase 2 opens (week 1, 27 November): every 2
	// hours from 08:00 to 20:00, the last day the 26th.
	if n := strings.Count(out, "BEGIN:VEVENT\r\n"); n != 7 {
		t.Errorf("%d events, want 7", n)
	}
	for _, want := range []string{"DTSTART:20261122T080000\r\n", "DTSTART:20261122T200000\r\n", "RRULE:FREQ=DAILY;UNTIL=20261126T235959\r\n", "BEGIN:VALARM\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	file := filepath.Join(t.TempDir(), "r.ics")
	if code, out, _ := runCLI(t, "--db", db, "remind", "ics", "--out", file); code != 0 || !strings.HasPrefix(out, "Wrote "+file) {
		t.Errorf("--out: %d %q", code, out)
	}
	if code, _, errOut := runCLI(t, "--db", db, "remind", "ics", "--out", file); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("--out over a file: %d %q", code, errOut)
	}
}
