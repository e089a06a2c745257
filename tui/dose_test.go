package tui

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on any machine, for the daylight-saving case

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// runSession answers a whole session: the check-in, no warning signs, and
// the given scores in turn, until the summary.
func (h *harness) runSession(baseline string, scores ...string) {
	h.t.Helper()
	h.startSession(baseline)
	h.finishSession(scores...)
}

// finishSession answers the rest of the session in progress.
func (h *harness) finishSession(scores ...string) {
	h.t.Helper()
	for i := 0; h.screen() != screenSummary; i++ {
		if i > 500 {
			h.t.Fatalf("session did not end:\n%s", h.view())
		}
		switch st := h.app.run.sess.Step(); {
		case h.screen() == screenPain:
			if len(scores) == 0 {
				h.t.Fatalf("more pain checks than scores:\n%s", h.view())
			}
			h.keys(scores[0], "enter")
			scores = scores[1:]
		case st == routine.StepCard || st == routine.StepCounting:
			h.keys("enter")
		default:
			h.fire()
		}
	}
}

// ruled is the decisions of a session without the day's start when no
// rule moved it.
func ruled(st *store.Store, id string) []store.Decision {
	all, _ := st.DecisionsOf(id)
	var out []store.Decision
	for _, d := range all {
		if d.Rule != routine.RuleNone {
			out = append(out, d)
		}
	}
	return out
}

func sessionsOf(t *testing.T, st *store.Store) []store.Session {
	t.Helper()
	all, err := st.SessionsBetween(time.Time{}, time.Now().AddDate(10, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestAmberCutsTheRestOfTheSession(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("4", "enter") // rise 2: amber
	h.expect("RIGHT SIDE", "1 hold of 25 s, each side", "cut back to level 1", "Pain went from 2 to 4", "the rest of today uses 1 hold of 25 s")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("3", "enter", "enter", "enter", "2", "enter")
	h.expect("Session done", "Changes to the dose today", "▲")
	rec := h.app.summary.rec
	sets, _ := st.SetsOf(rec.ID)
	if sets[1].DoseLevel != 1 || sets[1].Hold != 25*time.Second || sets[1].RepsPlanned != 1 || sets[2].RepsPlanned != 8 {
		t.Errorf("sets after the amber: %+v", sets[1:])
	}
	decisions := ruled(st, rec.ID)
	if len(decisions) != 1 || decisions[0].Rule != "amber" || decisions[0].LevelBefore != 0 || decisions[0].LevelAfter != 1 ||
		decisions[0].Exercise != "Straight-leg nerve glide" || !strings.Contains(decisions[0].Reason, "2 to 4") {
		t.Errorf("decisions %+v", decisions)
	}
}

func TestRedStopsTheExercise(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("6", "enter")                                                                       // red: the right side is not done today
	h.expect("Ankle pumps", "stop the straight-leg nerve glide for today", "Saved: pain 6/10") // the auto-skip does not hide the score
	h.keys("enter")
	h.expect("Do 8, counting") // one step down: 10 becomes 8
	h.keys("enter", "2", "enter")
	// The right side was not skipped by the patient: the rules left it out.
	h.expect("Session done", "2 sets done, 0 skipped by you, 1 left out by the pain rules",
		"Straight-leg nerve glide right left out: rules")
	decisions := ruled(st, h.app.summary.rec.ID)
	if len(decisions) != 1 || decisions[0].Rule != "red" {
		t.Errorf("decisions %+v", decisions)
	}
}

func TestTwoRedsEndTheSession(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.runSession("1", "4", "5") // rise 3 (red), then rise 4 (red again)
	h.expect("Session stopped", "stopped early", "the second too-high score of this session", "first: straight-leg nerve glide, left side, 1 to 4")
	s := sessionsOf(t, st)[0]
	if s.Status != store.StatusStopped || !strings.Contains(s.Note, "end the session") {
		t.Errorf("session %+v", s)
	}
	decisions := ruled(st, s.ID)
	if len(decisions) != 2 || decisions[1].Rule != "stop-two-reds" {
		t.Errorf("decisions %+v", decisions)
	}
}

func TestPainOfEightEndsTheSession(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.runSession("7", "8")
	h.expect("Session stopped", "call your care team")
	decisions := ruled(st, sessionsOf(t, st)[0].ID)
	if len(decisions) != 1 || decisions[0].Rule != "stop-high-pain" {
		t.Errorf("decisions %+v", decisions)
	}
}

func TestWarningSignStopsBeforeAnyExercise(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "2", "enter")
	h.expect("Chest pain")
	h.keys("y")
	if h.screen() != screenSign {
		t.Fatalf("on %v after a warning sign, want the question of which sign", h.screen())
	}
	// The day is closed before the question is drawn.
	all := sessionsOf(t, st)
	if len(all) != 1 || all[0].Status != store.StatusStopped || all[0].Baseline != 2 {
		t.Fatalf("sessions %+v", all)
	}
	if d := ruled(st, all[0].ID); len(d) != 1 || d[0].Rule != routine.RuleWarningSign || d[0].Tier != routine.TierNotGiven {
		t.Fatalf("before the sign is chosen: %+v", d)
	}
	h.expect("Which sign", "a Chest pain", "b Fever", "c A fall", "u Not sure which")
	h.keys("a")
	if h.screen() != screenStop {
		t.Fatalf("on %v after the sign, want its advice", h.screen())
	}
	h.expect("Call emergency services now", "Do not exercise. Call now.", "No exercise today", `"Chest pain"`)
	if strings.Contains(h.view(), "Call your surgeon today") {
		t.Errorf("an emergency sign shows the surgeon's advice too:\n%s", h.view())
	}
	if sets, _ := st.SetsOf(all[0].ID); len(sets) != 0 {
		t.Errorf("%d sets stored after a warning sign, want none", len(sets))
	}
	decisions := ruled(st, all[0].ID)
	if len(decisions) != 1 || decisions[0].Rule != routine.RuleWarningSign || decisions[0].Tier != "emergency" || decisions[0].Sign != "Chest pain" {
		t.Errorf("decisions %+v", decisions)
	}
	h.keys("enter")
	h.expect("A warning sign was reported today at 08:00", "Chest pain")
	h.keys("enter") // no exercise for the rest of the day: the advice again
	if h.screen() != screenStop || len(sessionsOf(t, st)) != 1 {
		t.Fatalf("a session started after a warning sign: %v", h.screen())
	}
	h.expect("Call emergency services now")
	if _, open, _ := st.OpenSession(); open {
		t.Error("a stopped session is offered for resuming")
	}
}

func TestHighBaselineStopsBeforeAnyExercise(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "8", "enter", "n")
	h.expect("No exercise today", "8/10 before starting", "call your surgeon's office")
	decisions := ruled(st, sessionsOf(t, st)[0].ID)
	if len(decisions) != 1 || decisions[0].Rule != routine.RuleBaselineStop {
		t.Errorf("decisions %+v", decisions)
	}
	// Just below the threshold, the session starts.
	h = newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.keys("enter", "7", "enter", "n")
	if h.screen() != screenExercise {
		t.Errorf("a check-in of 7 gave %v, want the first exercise", h.screen())
	}
}

// The rules across days, through the real store, with the clock moved
// from day to day across the end of summer time in Berlin (25 Oct 2026).
func TestNextMorningRuleAcrossDaylightSaving(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	st := openTestStore(t, t.TempDir())
	day := func(d int) time.Time { return time.Date(2026, 10, d, 9, 0, 0, 0, berlin) }

	newHarnessAt(t, st, day(24), nil).runSession("2", "3", "3", "2")
	// 24 hours and 1 minute later by the wall clock is 25 Oct 08:01.
	h := newHarnessAt(t, st, day(24).Add(24*time.Hour+time.Minute), nil)
	h.expect("Dose: the full prescription, unless your check-in pain says otherwise.")
	h.startSession("4") // up 2 on the last session day: one step down
	h.expect("1 hold of 25 s", "cut back to level 1", "today starts one step lighter")
	first := sessionsOf(t, st)
	if got := first[len(first)-1].DoseLevel; got != 1 {
		t.Fatalf("25 Oct started at level %d, want 1", got)
	}
	decisions, _ := st.DecisionsOf(first[len(first)-1].ID)
	if len(decisions) != 1 || decisions[0].Rule != routine.RuleNextMorning || decisions[0].ExerciseID != "" {
		t.Errorf("start decision %+v", decisions)
	}
	h.finishSession("3", "3", "3")
	h.keys("enter")
	h.expect("Dose now: lighter (step 1 of 3 down). Pain is 4/10 this morning",
		"Straight-leg nerve glide · 1 hold of 25 s, each side", "Ankle pumps · 8 times")

	// A second session the same day carries on at the level the day has,
	// with no second start decision.
	h = newHarnessAt(t, st, day(25).Add(3*time.Hour), nil)
	h.startSession("3")
	h.expect("cut back to level 1")
	all := sessionsOf(t, st)
	if d, _ := st.DecisionsOf(all[len(all)-1].ID); len(d) != 0 {
		t.Errorf("second session of the day has start decisions %+v", d)
	}
}

func TestStepUpAfterThreeGreenDays(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	at := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	newHarnessAt(t, st, at(1), nil).runSession("2", "2", "2", "2")
	// Day 2's check-in is up 2: one step down, and days 3 and 4 start
	// where day 2 did, all green.
	for d := 2; d <= 4; d++ {
		h := newHarnessAt(t, st, at(d), nil)
		h.runSession("4", "4", "4", "4")
		if got := h.app.summary.rec.DoseLevel; got != 1 {
			t.Fatalf("day %d started at level %d, want 1 until three green days", d, got)
		}
	}
	h := newHarnessAt(t, st, at(5), nil)
	h.startSession("4")
	h.expect("2 holds of 30 s, each side", "last 3 days in a row were all green")
	if strings.Contains(h.view(), "cut back") {
		t.Errorf("still cut back after the step up:\n%s", h.view())
	}
}

// A cut lasts the day: a second session the same day leaves out the
// exercise a red stopped and runs one step lighter; the next morning
// starts again from where the day started.
func TestCutsLastTheDayAcrossSessions(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("6", "enter") // red on the glide
	h.keys("enter", "enter", "2", "enter")
	h.expect("Session done")
	h.keys("enter")
	h.expect("Dose now: lighter (step 1 of 3 down)", "Stopped for today: Straight-leg nerve glide",
		"Straight-leg nerve glide · stopped for today by the pain rules")
	h = newHarnessAt(t, st, t0.Add(3*time.Hour), nil)
	h.startSession("1")
	h.expect("Ankle pumps", "8 times")
	if p, _ := h.app.run.sess.Current(); p.Exercise.ID != "pumps" {
		t.Errorf("the second session starts with %s, want the glide left out", p.Exercise.ID)
	}
	h = newHarnessAt(t, st, t0.AddDate(0, 0, 1), nil)
	h.keys("enter", "n") // yesterday's second session, left open, is closed
	h.startSession("1")
	if p, _ := h.app.run.sess.Current(); p.Exercise.ID != "glide" || h.app.run.sess.Level() != 0 {
		t.Errorf("next morning: %s at level %d, want the glide at the full dose", p.Exercise.ID, h.app.run.sess.Level())
	}
}

// A stop closes the day on every path: home Enter and start both show the
// advice, and no check-in is taken.
func TestStopClosesTheDay(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	newHarness(t, st, nil).keys("enter", "8", "enter", "n")
	for _, start := range []bool{false, true} {
		h := newHarnessAt(t, st, t0.Add(2*time.Hour), func(c *Config) { c.Start = start })
		if !start {
			h.expect("no more exercise today")
			h.keys("enter")
		}
		if h.screen() != screenStop {
			t.Errorf("start %v: on %v, want the stop advice", start, h.screen())
		}
		h.expect("8/10 before starting")
	}
	if n := len(sessionsOf(t, st)); n != 1 {
		t.Errorf("%d sessions stored, want the one that stopped", n)
	}
}

func TestWeekRuleHoldsTheStepUp(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	at := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	for d := 1; d <= 13; d++ {
		b := "2"
		if d >= 8 {
			b = "3" // a rise of 1 a day later is not the morning rule
		}
		newHarnessAt(t, st, at(d), nil).runSession(b, b, b, b)
	}
	h := newHarnessAt(t, st, at(14), nil)
	h.startSession("3")
	all := sessionsOf(t, st)
	decisions, _ := st.DecisionsOf(all[len(all)-1].ID)
	if len(decisions) != 1 || decisions[0].Rule != routine.RuleWeekHold || !strings.Contains(decisions[0].Reason, "no step up") {
		t.Errorf("day 14 decisions %+v, want the week rule holding step-ups", decisions)
	}
}
