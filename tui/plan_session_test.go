package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// stretchProgram is phase 2's shape: a once-a-day hold, a stretch that
// may repeat every 2 hours up to 6 times a day, and a walk that builds up.
func stretchProgram() routine.Program {
	r := testRoutine()
	r.ID, r.Name, r.Phase = "phase2", "Static stabilization", 2
	r.Exercises[0].Repeat = routine.Repeat{} // the glide: once a day
	r.Exercises[1].Repeat = routine.Repeat{Every: 2 * time.Hour, MaxPerDay: 6}
	r.Exercises[1].Name, r.Exercises[1].Sides = "Calf stretch", true
	r.Exercises = append(r.Exercises, routine.Exercise{ID: "walking", Name: "Walking", Position: "Stand up.",
		Cues: []string{"Easy pace."}, Dose: routine.Dose{Duration: 5 * time.Minute},
		BuildUp: &routine.BuildUp{Start: 5 * time.Minute, Step: 2 * time.Minute, Target: 20 * time.Minute}})
	return routine.Program{Routines: []routine.Routine{r}}
}

// A second session an hour after the first asks first; Enter alone does
// not answer; n goes home with nothing stored; y goes on to the check-in.
func TestEarlySessionAsksFirst(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	newHarness(t, st, nil).runSession("2", "2", "2", "2")
	ended := sessionsOf(t, st)[0].EndedAt.Format("15:04")
	h := newHarnessAt(t, st, t0.Add(time.Hour), nil)
	h.expect("Press Enter to start.")
	h.keys("enter")
	if h.screen() != screenEarly {
		t.Fatalf("on %v, want the question before an early session:\n%s", h.screen(), h.view())
	}
	due := sessionsOf(t, st)[0].EndedAt.Add(2 * time.Hour).Format("15:04")
	h.expect("Your last session ended at " + ended + "; the next is due at " + due + ". Start anyway? y/n")
	h.keys("enter")
	h.expect("Enter alone does not answer: press y or n.")
	if h.screen() != screenEarly {
		t.Fatalf("Enter answered the question: on %v", h.screen())
	}
	h.keys("n")
	h.expect("Press Enter to start.")
	if n := len(sessionsOf(t, st)); n != 1 {
		t.Fatalf("%d sessions stored after n, want 1", n)
	}
	h.keys("enter", "y")
	if h.screen() != screenCheckin {
		t.Fatalf("on %v after y, want the check-in", h.screen())
	}
	// Two hours after the end, no question.
	h = newHarnessAt(t, st, sessionsOf(t, st)[0].EndedAt.Add(2*time.Hour), nil)
	h.startSession("2")
}

// Plain mode says the question and takes the same keys.
func TestEarlySessionAsksFirstInPlainMode(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	newHarness(t, st, nil).runSession("2", "2", "2", "2")
	var out bytes.Buffer
	narrator := NewNarrator(&out, "\n")
	h := newHarnessAt(t, st, t0.Add(time.Hour), func(c *Config) { c.Plain = narrator })
	h.keys("enter", "y")
	narrator.Close()
	if !strings.Contains(out.String(), "Start anyway? y/n") || !strings.Contains(out.String(), "Check-in.") {
		t.Errorf("plain mode transcript:\n%s", out.String())
	}
}

// Phase 2: after the morning routine, a session is a stretch break of the
// stretch alone, named on home; it is stored as a break and resumes as one.
func TestStretchBreakAfterTheRoutine(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	prog := func(c *Config) { c.Program = stretchProgram() }
	h := newHarness(t, st, prog)
	h.startSession("2")
	h.finishSession("2", "2", "2", "2", "2")
	h = newHarnessAt(t, st, t0.Add(4*time.Hour), prog)
	h.expect("Stretch break: 1 stretch, about 1 minute: only the stretches that may repeat")
	h.keys("enter")
	h.expect("Check-in · Stretch break")
	h.keys("2", "enter", "n")
	if p, _ := h.app.run.sess.Current(); p.Exercise.ID != "pumps" {
		t.Fatalf("the break starts with %s, want the stretch", p.Exercise.ID)
	}
	if _, all := h.app.run.sess.Progress(); all != 2 {
		t.Errorf("the break has %d sets, want the stretch's 2 sides", all)
	}
	rec := sessionsOf(t, st)[1]
	if !routine.IsBreakID(rec.RoutineID) || rec.Routine != "Stretch break" {
		t.Errorf("stored as %q %q", rec.RoutineID, rec.Routine)
	}
	h.keys("enter", "enter", "2", "enter") // the left side counted and scored, then leave
	h.expect("Saved: pain 2/10")
	h.keys("q", "y")
	h = newHarnessAt(t, st, t0.Add(4*time.Hour+5*time.Minute), prog)
	h.expect("An unfinished session")
	h.keys("enter", "y")
	if p, _ := h.app.run.sess.Current(); p.Exercise.ID != "pumps" || p.Side != routine.Right {
		t.Fatalf("resumed at %s %v, want the stretch's right side", p.Exercise.ID, p.Side)
	}
}

// start --stretch asks for a break before the routine; the day's build-up
// is stored at the first check-in and its sentence is on the walk's card.
func TestStartStretchAndTheBuildUpCard(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, func(c *Config) { c.Program, c.Start, c.Stretch = stretchProgram(), true, true })
	h.expect("Check-in · Stretch break")
	h.keys("2", "enter", "n")
	if _, all := h.app.run.sess.Progress(); all != 2 {
		t.Fatalf("start --stretch ran %d sets, want the stretch's 2", all)
	}
	ds, err := st.DecisionsOf(sessionsOf(t, st)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var ups []store.Decision
	for _, d := range ds {
		if routine.IsBuildUp(d.Rule) {
			ups = append(ups, d)
		}
	}
	if len(ups) != 1 || ups[0].Minutes != 5 || ups[0].ExerciseID != "walking" {
		t.Fatalf("build-ups stored at the check-in: %+v", ups)
	}
	h.keys("q", "y")
	h.expect("Session kept", "Walking · 5 min")
	// The routine the same day: the walk's card at 5 minutes, with its sentence.
	h = newHarnessAt(t, st, t0.Add(3*time.Hour), func(c *Config) { c.Program = stretchProgram() })
	h.expect("An unfinished session")
	h.keys("enter", "n") // discard the break
	h.keys("enter")
	h.keys("2", "enter", "n")
	h.finishUntil("walking")
	h.expect("Walking", "5 min", "Walking starts at 5 minutes: 2 more after each green day with it, up to 20.")
}

// finishUntil answers the session (pain 2) until the card of exercise id.
func (h *harness) finishUntil(id string) {
	h.t.Helper()
	for i := 0; i < 500; i++ {
		if p, ok := h.app.run.sess.Current(); ok && p.Exercise.ID == id && h.app.run.sess.Step() == routine.StepCard && h.screen() == screenExercise {
			return
		}
		switch st := h.app.run.sess.Step(); {
		case h.screen() == screenPain:
			h.keys("2", "enter")
		case st == routine.StepCard || st == routine.StepCounting:
			h.keys("enter")
		default:
			h.fire()
		}
	}
	h.t.Fatalf("never reached %s:\n%s", id, h.view())
}
