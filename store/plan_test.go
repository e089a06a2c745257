package store

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// The day plan over several days, through the real store: each day's
// check-in stores its build-up decisions as the app does, its sets are
// scored, and the next day reads them back.

func planRoutine() routine.Routine {
	stretch := routine.Repeat{Every: 2 * time.Hour, MaxPerDay: 6}
	return routine.Routine{ID: "phase2", Name: "Static stabilization", Phase: 2, Rules: routine.DefaultPainRules(), Exercises: []routine.Exercise{
		{ID: "tilt", Name: "Pelvic tilt", Dose: routine.Dose{Reps: 10, Hold: 5 * time.Second, Rest: 5 * time.Second}},
		{ID: "ham", Name: "Hamstring stretch", Sides: true, Dose: routine.Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}, Repeat: stretch},
		{ID: "walking", Name: "Walking", Dose: routine.Dose{Duration: 5 * time.Minute},
			BuildUp: &routine.BuildUp{Start: 5 * time.Minute, Step: 2 * time.Minute, Target: 20 * time.Minute}},
	}}
}

// session stores a session of rt begun at at with the check-in baseline,
// its build-ups decided as the app decides them, one scored set per pain
// given (exercise id -> pain), ended 30 minutes later. It returns the
// build-up decisions it stored.
func session(t *testing.T, st *Store, rt routine.Routine, at time.Time, baseline int, pains map[string]int) []routine.Decision {
	t.Helper()
	rules := rt.Rules
	_, h, err := st.Today(rules, at)
	if err != nil {
		t.Fatal(err)
	}
	ups := routine.BuildUps(rt, rules, h.Sessions, at, 0)
	rec := Session{ID: NewSessionID(at), StartedAt: at, RoutineID: rt.ID, Routine: rt.Name, Baseline: baseline, Status: StatusInProgress}
	var ds []Decision
	for i, d := range ups {
		ds = append(ds, NewDecision(rec, i, d))
	}
	if err := st.PutSessionWithDecisions(rec, ds); err != nil {
		t.Fatal(err)
	}
	i := 0
	for _, e := range rt.Exercises {
		p, ok := pains[e.ID]
		if !ok {
			continue
		}
		set := SetRecord{SessionID: rec.ID, Index: i, ExerciseID: e.ID, Exercise: e.Name, SetNo: 1, RepsPlanned: 1, RepsDone: 1, Pain: p, At: at.Add(time.Duration(i+1) * time.Minute)}
		if err := st.RecordScore(Score{Sets: []SetRecord{set}}); err != nil {
			t.Fatal(err)
		}
		i++
	}
	rec.Status, rec.EndedAt = StatusCompleted, at.Add(30*time.Minute)
	if err := st.PutSession(rec); err != nil {
		t.Fatal(err)
	}
	return ups
}

func TestBuildUpOverDaysThroughTheStore(t *testing.T) {
	st := mustOpen(t, filepath.Join(t.TempDir(), "plan.db"), Options{})
	defer st.Close()
	rt := planRoutine()
	cet := time.FixedZone("CET", 3600)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, cet) }
	all := map[string]int{"tilt": 2, "ham": 2, "walking": 2}
	for _, tc := range []struct {
		day     int
		pains   map[string]int
		minutes int
		reason  string
	}{
		{2, all, 5, "Walking starts at 5 minutes"},
		{3, all, 7, "Walking stayed green yesterday: 7 minutes today."},
		{4, map[string]int{"tilt": 4, "walking": 2}, 9, "9 minutes today"}, // amber on the tilt
		{5, all, 9, "Yesterday was amber: walking stays at 9 minutes today."},
		{6, map[string]int{"tilt": 2}, 11, "11 minutes today"}, // walking not done
		{7, map[string]int{"walking": 6}, 11, "Walking was not done yesterday"},
		// 8 and 9 missed; the 10th reads the 7th, red.
		{10, all, 9, "Walking goes back"},
	} {
		got := session(t, st, rt, day(tc.day), 2, tc.pains)
		if len(got) != 1 || got[0].Minutes != tc.minutes || !strings.Contains(strings.ToLower(got[0].Reason), strings.ToLower(tc.reason)) {
			t.Fatalf("March %d: %+v, want %d minutes, %q", tc.day, got, tc.minutes, tc.reason)
		}
		// Read back, the time in force is the one stored.
		_, h, err := st.Today(rt.Rules, day(tc.day).Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if m := routine.BuiltUp(rt.ID, h.Sessions)["walking"]; m != tc.minutes {
			t.Errorf("March %d: %d minutes in force, want %d", tc.day, m, tc.minutes)
		}
		// A second session the same day decides nothing again.
		if again := routine.BuildUps(rt, rt.Rules, h.Sessions, day(tc.day).Add(time.Hour), 0); len(again) != 0 {
			t.Errorf("March %d: decided twice: %+v", tc.day, again)
		}
	}
}

// Phase 2 through the store: the routine at 08:00, then at 12:00 a
// stretch break of only the stretches; at 09:00 it would ask first.
func TestStretchBreakAfterTheMorningRoutineThroughTheStore(t *testing.T) {
	st := mustOpen(t, filepath.Join(t.TempDir(), "plan.db"), Options{})
	defer st.Close()
	rt := planRoutine()
	cet := time.FixedZone("CET", 3600)
	at := func(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, cet) }
	next := func(now time.Time) routine.NextSession {
		day, h, err := st.Today(rt.Rules, now)
		if err != nil {
			t.Fatal(err)
		}
		return routine.Upcoming(rt, day, h.Sessions, now, false)
	}
	if n := next(at(7, 59)); n.Kind != routine.NextRoutine || n.Early {
		t.Fatalf("07:59: %v early=%v", n.Kind, n.Early)
	}
	session(t, st, rt, at(8, 0), 2, map[string]int{"tilt": 2, "ham": 2, "walking": 2}) // ends 08:30
	if n := next(at(9, 0)); n.Kind != routine.NextBreak || !n.Early || n.Confirm(at(9, 0)) != "Your last session ended at 08:30; the next is due at 10:30. Start anyway? y/n" {
		t.Errorf("09:00: %v early=%v %q", n.Kind, n.Early, n.Confirm(at(9, 0)))
	}
	n := next(at(12, 0))
	if n.Kind != routine.NextBreak || n.Early || len(n.Routine.Exercises) != 1 || n.Routine.Exercises[0].ID != "ham" {
		t.Fatalf("12:00: %v early=%v %+v", n.Kind, n.Early, n.Routine.Exercises)
	}
	// The break is stored under its own routine id and counts toward the 6.
	brk := n.Routine
	for i := 0; i < 5; i++ {
		session(t, st, brk, at(12+2*i, 0), 2, map[string]int{"ham": 2})
	}
	if n := next(at(22, 30)); n.Kind != routine.NextNone || !strings.Contains(n.Reason, "6 times today") {
		t.Errorf("after the routine and 5 breaks: %v %q", n.Kind, n.Reason)
	}
	// The next morning, the routine again.
	if n := next(time.Date(2026, 3, 3, 8, 0, 0, 0, cet)); n.Kind != routine.NextRoutine {
		t.Errorf("next morning: %v", n.Kind)
	}
}

// A build-up's minutes survive an export and an import: a restored file
// goes on from the same time.
func TestBuildUpMinutesSurviveExportAndImport(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, filepath.Join(dir, "a.db"), Options{})
	rt := planRoutine()
	cet := time.FixedZone("CET", 3600)
	for d := 2; d <= 4; d++ {
		session(t, st, rt, time.Date(2026, 3, d, 9, 0, 0, 0, cet), 2, map[string]int{"walking": 2})
	}
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	st.Close()
	other := mustOpen(t, filepath.Join(dir, "b.db"), Options{})
	defer other.Close()
	if _, err := other.ImportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 5, 9, 0, 0, 0, cet)
	_, h, err := other.Today(rt.Rules, at)
	if err != nil {
		t.Fatal(err)
	}
	if m := routine.BuiltUp(rt.ID, h.Sessions)["walking"]; m != 9 {
		t.Errorf("imported: walking at %d minutes, want 9 (5, 7, 9)", m)
	}
	if got := routine.BuildUps(rt, rt.Rules, h.Sessions, at, 0); len(got) != 1 || got[0].Minutes != 11 {
		t.Errorf("the day after the import: %+v, want 11 minutes", got)
	}
}
