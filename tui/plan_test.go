package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// phasedProgram is three phases: day 1, week 1, and week 6 once cleared.
func phasedProgram() routine.Program {
	one := testRoutine()
	two := testRoutine()
	two.ID, two.Name, two.Phase, two.OpensWeek = "phase2", "Static stabilization", 2, 1
	two.Exercises = append(two.Exercises, routine.Exercise{ID: "extra", Name: "Tiptoe rise", Optional: true,
		Position: "Stand.", Cues: []string{"Slowly."}, Dose: routine.Dose{Count: 10}})
	three := testRoutine()
	three.ID, three.Name, three.Phase, three.OpensWeek, three.NeedsClearance = "phase3", "Dynamic stability", 3, 6, true
	three.Summary = "Controlled movement with bands and a ball."
	return routine.Program{Routines: []routine.Routine{one, two, three}}
}

// newPhasedHarness starts on a fresh data file with the given profile.
func newPhasedHarness(t *testing.T, p store.Profile) (*harness, *store.Store) {
	t.Helper()
	st := openTestStore(t, t.TempDir())
	if err := st.PutProfile(p); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, func(c *Config) { c.Program = phasedProgram() })
	return h, st
}

func TestFirstRunOffersSetupAndEscSkipsIt(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	app := New(Config{Store: st, Program: phasedProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0}})
	h := &harness{t: t, app: app, clock: app.cfg.Clock.(*manualClock), st: st}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.app.Init())
	if h.screen() != screenSetup {
		t.Fatalf("first run opened on %v, want setup", h.screen())
	}
	h.expect("it does not replace your surgeon or physical therapist", "When was your surgery?")
	h.send(tea.KeyMsg{Type: tea.KeyEsc})
	if h.screen() != screenHome {
		t.Fatalf("esc left setup for %v, want home", h.screen())
	}
	h.expect("Setup skipped", "Phase 1 · Nerve glides and pulls", "run spinecoach setup")
	if p, _ := st.Profile(); !p.SetupSkipped {
		t.Error("skipping setup was not stored")
	}
}

func TestSetupFormChoosesThePhase(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	app := New(Config{Store: st, Program: phasedProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0}})
	h := &harness{t: t, app: app, clock: app.cfg.Clock.(*manualClock), st: st}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.app.Init())
	h.keys("enter") // nothing typed: says what to type
	h.expect("no surgery date yet: type the day of your operation")
	h.keys("2026-02-30", "enter")
	h.expect("there is no 30 February")
	for range "2026-02-30" {
		h.keys("backspace")
	}
	h.keys("2026-12-01", "enter") // in the future: refused
	h.expect("future")
	for range "2026-12-01" {
		h.keys("backspace")
	}
	h.keys("2026-11-08", "enter") // two weeks ago
	// Nothing is preselected: Enter alone on the region says what to do.
	h.keys("enter")
	h.expect("Choose one", "no answer yet: choose where the fusion was")
	h.keys("right", "enter") // lumbar
	h.keys("enter")
	h.expect("no answer yet: choose the phase you are cleared for")
	h.keys("right", "right", "right", "enter") // none yet, phase 1, phase 2
	if h.screen() != screenHome {
		t.Fatalf("after the form: %v\n%s", h.screen(), h.view())
	}
	h.expect("Week 2 after surgery · Static stabilization", "The next phase opens on Sunday 20 December")
	p, _ := st.Profile()
	if p.SurgeryDate != "2026-11-08" || p.Region != "lumbar" || p.ClearedPhase != 2 {
		t.Errorf("profile %+v", p)
	}
}

func TestSetupFormReadsOtherDateForms(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	app := New(Config{Store: st, Program: phasedProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0},
		DateOrder: routine.MonthFirst})
	h := &harness{t: t, app: app, clock: app.cfg.Clock.(*manualClock), st: st}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(h.app.Init())
	h.expect("11/01/2026", "(month/day/year)")
	h.keys("11/08/2026", "enter", "right", "right", "right", "enter", "right", "enter")
	p, _ := st.Profile()
	if p.SurgeryDate != "2026-11-08" || p.Region != "cervical" || p.ClearedPhase != 0 {
		t.Errorf("profile %+v", p)
	}
}

// start on a file without a profile runs setup first, with the notice,
// and goes on to today's check-in after it.
func TestStartRunsSetupFirst(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	app := New(Config{Store: st, Program: phasedProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0}, Start: true})
	h := &harness{t: t, app: app, clock: app.cfg.Clock.(*manualClock), st: st}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.app.Init())
	if h.screen() != screenSetup {
		t.Fatalf("start on a new file opened on %v, want setup", h.screen())
	}
	h.expect("it does not replace your surgeon or physical therapist")
	h.send(tea.KeyMsg{Type: tea.KeyEsc})
	if h.screen() != screenCheckin {
		t.Fatalf("after setup, start went to %v, want the check-in", h.screen())
	}
}

func TestClearanceIsAskedAndRecorded(t *testing.T) {
	h, st := newPhasedHarness(t, store.Profile{SurgeryDate: "2026-10-01", Region: "lumbar", ClearedPhase: 2})
	h.expect("Week 7 after surgery · Static stabilization", "Phase 3 · Dynamic stability is open by date", "press c")
	h.keys("c")
	h.expect("Has your surgeon or physical therapist told you that you may start this phase?", "Controlled movement")
	h.keys("n")
	if p, _ := st.Profile(); p.ClearedPhase != 2 {
		t.Fatalf("n recorded clearance %d", p.ClearedPhase)
	}
	h.expect("Static stabilization")
	h.keys("c", "y")
	h.expect("Clearance for phase 3 recorded.", "Week 7 after surgery · Dynamic stability")
	p, _ := st.Profile()
	if p.ClearedPhase != 3 || !p.ClearedAt.Equal(t0) {
		t.Errorf("profile %+v", p)
	}
	h.keys("enter", "1", "enter", "n")
	if got := h.app.run.rec.RoutineID; got != "phase3" {
		t.Errorf("the session runs %q, want phase3", got)
	}
}

func TestNeverAnUnclearedPhase(t *testing.T) {
	// 400 days after surgery with nothing cleared: phase 2, and c offers 3.
	h, _ := newPhasedHarness(t, store.Profile{SurgeryDate: t0.AddDate(0, 0, -400).Format(time.DateOnly)})
	h.expect("Week 57 after surgery · Static stabilization", "Phase 3 · Dynamic stability is open by date")
}

func TestShortDayLeavesOutOptionalExercises(t *testing.T) {
	h, st := newPhasedHarness(t, store.Profile{SurgeryDate: "2026-11-08", ClearedPhase: 2})
	h.expect("Tiptoe rise", "(optional)", "short session")
	h.keys("s", "2", "enter", "n")
	h.finishSession("2", "2", "2")
	sets, _ := st.SetsOf(h.app.summary.rec.ID)
	for _, s := range sets {
		if s.ExerciseID == "extra" {
			t.Fatal("an optional exercise ran on a short day")
		}
	}
	if len(sets) != 3 || !h.app.summary.rec.Short {
		t.Errorf("%d sets, short %v", len(sets), h.app.summary.rec.Short)
	}
}

// Moving to another time zone between sessions keeps the calendar day
// and the week: a session late at night in one zone and early next
// morning in another are two days, and the week follows the local date.
func TestTimeZoneChangeBetweenSessions(t *testing.T) {
	h, st := newPhasedHarness(t, store.Profile{SurgeryDate: "2026-11-08", ClearedPhase: 2})
	ny := time.FixedZone("EST", -5*3600)
	h.clock.now = time.Date(2026, 11, 21, 23, 30, 0, 0, ny)
	h.runSession("2", "2", "2", "2", "2")
	tokyo := time.FixedZone("JST", 9*3600)
	h = newHarnessAt(t, st, time.Date(2026, 11, 22, 23, 0, 0, 0, tokyo), func(c *Config) { c.Program = phasedProgram() })
	h.expect("Week 2 after surgery", "No session done yet today.")
	// A session that Tokyo evening is 22 Nov; back in New York on the 23rd,
	// the 21st (New York) and the 22nd (Tokyo) make two days in a row.
	h.runSession("2", "2", "2", "2", "2")
	h = newHarnessAt(t, st, time.Date(2026, 11, 23, 8, 0, 0, 0, ny), func(c *Config) { c.Program = phasedProgram() })
	h.expect("No session done yet today.", "2 days in a row", "pain before sessions, last 7 days")
}

// After a neck fusion home says once, under the headline, that the
// shipped routines were written for back fusions, with what was left out;
// setup's own notice does not say it again.
func TestNeckAdviceOnceOnHome(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	prog := phasedProgram()
	prog.Routines[1].Exercises[2].NotAfter = []routine.Region{routine.RegionCervical}
	app := New(Config{Store: st, Program: prog, Warnings: testWarnings(), Clock: &manualClock{now: t0}})
	h := &harness{t: t, app: app, clock: app.cfg.Clock.(*manualClock), st: st}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 60})
	h.run(h.app.Init())
	h.keys("2026-11-08", "enter", "right", "right", "right", "enter", "right", "enter")
	flat := strings.Join(strings.Fields(h.view()), " ")
	if n := strings.Count(flat, strings.Join(strings.Fields(NeckAdvice), " ")); n != 1 || !strings.Contains(flat, "Tiptoe rise") {
		t.Errorf("home says the neck advice %d times, want once with what was left out:\n%s", n, h.view())
	}
}
