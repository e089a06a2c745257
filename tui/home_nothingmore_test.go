package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// Once the day's routine is done and nothing in it may repeat, home offers
// no session: the key bar has neither start nor short session, s does
// nothing, and Enter only says why.
func TestHomeWithNothingMoreToday(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	onceADay := func(c *Config) {
		r := testRoutine()
		for i := range r.Exercises {
			r.Exercises[i].Repeat = routine.Repeat{}
		}
		c.Program = routine.Program{Routines: []routine.Routine{r}}
	}
	newHarness(t, st, onceADay).runSession("2", "2", "2", "2")
	h := newHarnessAt(t, st, t0.Add(4*time.Hour), onceADay)
	h.expect("No session is due now")
	if strings.Contains(h.view(), "Press Enter to start.") {
		t.Errorf("home offers a session when none is due:\n%s", h.view())
	}
	for _, b := range h.app.home.keys().ShortHelp() {
		if d := b.Help().Desc; d == "short session" || strings.HasPrefix(d, "start") {
			t.Errorf("the key bar offers %q when no session is due", d)
		}
	}
	h.keys("s")
	if h.screen() != screenHome {
		t.Fatalf("s started something on a day with nothing more: on %v", h.screen())
	}
	h.keys("enter")
	h.expect("Not now:")
	if n := len(sessionsOf(t, st)); n != 1 {
		t.Fatalf("%d sessions stored, want 1", n)
	}
}
