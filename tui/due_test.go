package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The home screen says when the next session is due, as spinecoach due
// does, and whether reminders are on: read by the load Cmd, not by View.
func TestHomeSaysWhenTheNextSessionIsDue(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	defer st.Close()
	start := t0.Add(-time.Hour) // 07:00
	sess := store.Session{ID: store.NewSessionID(start), StartedAt: start, EndedAt: start.Add(20 * time.Minute),
		RoutineID: "phase1", Routine: "Nerve glides and pulls", Baseline: 2, Status: store.StatusCompleted}
	if err := st.PutSession(sess); err != nil {
		t.Fatal(err)
	}
	// Spacing runs from a session that did some exercise: one scored set.
	set := store.SetRecord{SessionID: sess.ID, ExerciseID: "pumps", Exercise: "Ankle pumps", SetNo: 1,
		RepsPlanned: 10, RepsDone: 10, Pain: 2, At: start.Add(10 * time.Minute)}
	if err := st.RecordSet(set); err != nil {
		t.Fatal(err)
	}
	reads := 0
	repeating := func(c *Config) {
		c.Program = testProgram() // the whole routine may repeat every 2 hours
		c.Reminders = func() Reminders {
			reads++
			return Reminders{Summary: "reminders on (every 2 hours from 07:00 to 21:00)", Window: routine.WindowFrom(7 * time.Hour)}
		}
	}
	h := newHarness(t, st, repeating)
	h.expect("Next session due at 09:20 · reminders on (every 2 hours from 07:00 to 21:00).")
	if reads != 1 {
		t.Errorf("the reminder settings were read %d times, want once (by the load Cmd)", reads)
	}
	view := h.view()
	if n := strings.Count(view, "\n") + 1; n > 24 {
		t.Errorf("the home screen is %d lines high at 80x24", n)
	}
	for _, line := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("a line is %d wide: %q", w, line)
		}
	}
	h.clock.now = t0.Add(80 * time.Minute) // 09:20: View asks the clock, no reload needed
	h.expect("A session is due now · reminders on")

	// Once a day, reminders off: the routine was done at 07:20.
	h = newHarness(t, st, func(c *Config) {
		r := testRoutine()
		for i := range r.Exercises {
			r.Exercises[i].Repeat = routine.Repeat{}
		}
		c.Program = routine.Program{Routines: []routine.Routine{r}}
		c.Reminders = func() Reminders { return Reminders{Summary: "reminders off", Window: routine.DefaultDueWindow} }
	})
	h.expect("No more sessions due today · reminders off.")
}
