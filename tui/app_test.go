package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/spinecoach/spinecoach/store"
)

// startSession goes from home through the check-in to the first card.
func (h *harness) startSession(baseline string) {
	h.t.Helper()
	h.expect("Press Enter to start.")
	h.keys("enter")
	if h.screen() != screenCheckin {
		h.t.Fatalf("on %v, want check-in", h.screen())
	}
	h.keys(baseline, "enter")
	h.expect("Before you start: do any of these apply to you today?", "Chest pain", "A fall")
	h.keys("n")
	if h.screen() != screenExercise {
		h.t.Fatalf("on %v after the baseline, want exercise:\n%s", h.screen(), h.view())
	}
}

func TestWholeSession(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("2")
	h.expect("Straight-leg nerve glide", "LEFT SIDE", "2 holds of 30 s, each side", "Lie on your back", "Lift nothing heavy.")

	h.keys("enter")
	h.expect("GET READY", "then hold 1 of 2")
	start := h.clock.Now()
	h.fireUntil("HOLD  1 of 2")
	h.expect("then rest 10 s")
	if got := h.clock.Now().Sub(start); got != 3*time.Second {
		t.Errorf("get-ready lasted %v, want 3s", got)
	}
	holdStart := h.clock.Now()
	h.fireUntil("REST")
	h.expect("Hold done: relax")
	if n := h.cues.count(CueHoldEnd); n != 1 {
		t.Errorf("%d hold-end cues after one hold, want 1", n)
	}
	h.fireUntil("Pain check")
	if got := h.clock.Now().Sub(holdStart); got != 70*time.Second {
		t.Errorf("two holds and a rest took %v, want 70s", got)
	}
	if n := h.cues.count(CueHoldEnd); n != 2 {
		t.Errorf("%d hold-end cues after two holds, want 2", n)
	}
	h.expect("Straight-leg nerve glide, left side", "Before the session you said 2/10 mild")

	h.keys("3", "enter")
	h.expect("RIGHT SIDE", "Now the right side.", "Saved: pain 3/10 after Straight-leg nerve glide, left side.",
		"Pain went from 2 to 3 after the straight-leg nerve glide, left side: carry on")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("3", "enter")
	h.expect("Ankle pumps", "10 times, about 2 s each")
	h.keys("enter")
	h.expect("Press Enter when you have finished.")
	h.keys("enter", "1", "enter")

	if h.screen() != screenSummary {
		t.Fatalf("on %v, want summary:\n%s", h.screen(), h.view())
	}
	h.expect("Session done", "3 sets done, 0 skipped", "Pain before the session: 2/10 mild")

	sessions, err := st.SessionsBetween(t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions %v err %v", sessions, err)
	}
	s := sessions[0]
	if s.Status != store.StatusCompleted || s.Baseline != 2 {
		t.Errorf("session stored as %+v", s)
	}
	sets, _ := st.SetsOf(s.ID)
	var pains []int
	for _, r := range sets {
		pains = append(pains, r.Pain)
	}
	if len(pains) != 3 || pains[0] != 3 || pains[1] != 3 || pains[2] != 1 {
		t.Errorf("stored pains %v, want [3 3 1]", pains)
	}
	h.keys("enter")
	h.expect("1 session done today.")
	h.keys("q")
	if !h.quit {
		t.Error("q on home did not quit")
	}
}

func TestPainInputRefusesBadScores(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("0")
	h.keys("enter")
	h.fireUntil("Pain check")
	for _, tc := range []struct {
		keys []string
		hint string
	}{
		{[]string{"enter"}, "Type a number from 0 to 10"},
		{[]string{"1", "5", "enter"}, "15 is not on the scale"},
		{[]string{"15", "enter"}, "15 is not on the scale"}, // typed fast: one message
		{[]string{"x"}, "Only digits here"},
		{[]string{"-"}, "Only digits here"},
		{[]string{"100"}, "Two digits at most"},
	} {
		h.keys(tc.keys...)
		h.expect(tc.hint)
		if h.screen() != screenPain {
			t.Fatalf("keys %q left the pain prompt", tc.keys)
		}
		h.keys("backspace", "backspace")
	}
	if n := len(h.app.run.sess.Results()); n != 0 {
		t.Fatalf("%d results recorded from refused input", n)
	}
	h.keys("1", "0", "enter")
	h.expect("Session stopped", "0 → 10/10 severe", "end the")
}

func TestSavedOnlyAfterCommit(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	// Deliver the score without running the write: the footer must not
	// claim it is saved.
	next, cmd := h.app.Update(painEnteredMsg{score: 2})
	h.app = next.(App)
	if v := h.view(); !strings.Contains(v, "Saving…") || strings.Contains(v, "Saved:") {
		t.Fatalf("before the commit returned the screen says:\n%s", v)
	}
	h.run(cmd)
	h.expect("Saved: pain 2/10")
}

// A score whose write has not returned when the program ends is handed
// back to main to write before the file closes.
func TestUnsavedScoresAreHandedBack(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	next, _ := h.app.Update(painEnteredMsg{score: 3}) // the write's Cmd never runs
	// Leaving the session at once must not forget the write.
	next, _ = next.(App).Update(leaveSessionMsg{})
	h.app = next.(App)
	if h.app.run != nil {
		t.Fatal("still in the session after leaving")
	}
	unsaved := h.app.Unsaved()
	if len(unsaved) != 1 || unsaved[0].Sets[0].Pain != 3 {
		t.Fatalf("unsaved %+v", unsaved)
	}
	if err := st.RecordScore(unsaved[0]); err != nil {
		t.Fatal(err)
	}
	if sets, _ := st.SetsOf(unsaved[0].SessionID()); len(sets) != 1 || sets[0].Pain != 3 {
		t.Errorf("stored %+v", sets)
	}
}

func TestPauseFreezesTheHold(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("HOLD  1 of 2")
	h.fire() // 1 s into the hold
	remaining := h.app.run.sess.Remaining(h.clock.Now())
	h.keys("space")
	h.expect("PAUSED")
	h.clock.now = h.clock.now.Add(10 * time.Minute)
	if h.pendingTimers() > 0 {
		// A tick queued before the pause is stale: it must change nothing.
		h.fire()
	}
	if got := h.app.run.sess.Remaining(h.clock.Now()); got != remaining {
		t.Fatalf("remaining moved during a pause: %v, was %v", got, remaining)
	}
	h.keys("space")
	if strings.Contains(h.view(), "PAUSED") {
		t.Fatal("still paused after space")
	}
	resumed := h.clock.Now()
	h.fireUntil("REST")
	if got := h.clock.Now().Sub(resumed); got != remaining {
		t.Errorf("hold ran %v after resuming, want the %v that were left", got, remaining)
	}
}

// TestHoldWakesOncePerSecond: a 30 s hold wakes the program once per
// second shown, and its last wake-up lands exactly on the deadline.
func TestHoldWakesOncePerSecond(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("HOLD  1 of 2")
	start := h.clock.Now()
	wakes := 0
	for !strings.Contains(h.view(), "REST") {
		h.fire()
		wakes++
	}
	if wakes != 30 {
		t.Errorf("a 30 s hold woke the program %d times, want 30", wakes)
	}
	if got := h.clock.Now().Sub(start); got != 30*time.Second {
		t.Errorf("the hold ended after %v, want exactly 30s", got)
	}
}

func TestSkip(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("s") // skip the whole glide from its card
	h.expect("Ankle pumps")
	h.keys("enter", "enter", "2", "enter")
	h.expect("Session done", "1 set done, 2 skipped")
	sets, _ := st.SetsOf(h.app.summary.rec.ID)
	if len(sets) != 3 || !sets[0].Skipped || !sets[1].Skipped || sets[0].Pain != -1 || sets[2].Pain != 2 {
		t.Errorf("stored sets %+v", sets)
	}
}

func TestLeaveKeepsSessionAndResume(t *testing.T) {
	dir := t.TempDir()
	st := openTestStore(t, dir)
	h := newHarness(t, st, nil)
	h.startSession("3")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("2", "enter")
	h.keys("enter")
	h.fireUntil("HOLD  1 of 2")
	h.expect("RIGHT SIDE")
	h.keys("q")
	h.expect("Leave the session now?")
	h.expect("PAUSED")
	h.keys("n")
	if strings.Contains(h.view(), "PAUSED") || strings.Contains(h.view(), "Leave the session") {
		t.Fatalf("n did not go back to the running hold:\n%s", h.view())
	}
	h.keys("q", "y")
	if h.screen() != screenHome {
		t.Fatalf("on %v after leaving, want home", h.screen())
	}
	h.expect("Session kept", "An unfinished session from", "(1 set recorded)")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// A new start, as after a crash: offered, resumed at the right side.
	st = openTestStore(t, dir)
	defer st.Close()
	h = newHarness(t, st, nil)
	h.keys("enter")
	h.expect("Unfinished session", "and recorded", "1 set.", "3/10")
	h.keys("y")
	h.expect("RIGHT SIDE", "set 2 of 3")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("4", "enter", "enter", "enter", "1", "enter")
	h.expect("Session done", "3 sets done")
	sets, _ := st.SetsOf(h.app.summary.rec.ID)
	if len(sets) != 3 || sets[0].Pain != 2 || sets[1].Pain != 4 || sets[2].Pain != 1 {
		t.Errorf("sets after resume %+v", sets)
	}
}

func TestDiscardKeepsTheRecord(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("3")
	h.keys("q", "y", "enter")
	h.expect("Unfinished session")
	h.keys("n")
	h.expect("discarded", "Press Enter to start.")
	sessions, _ := st.SessionsBetween(t0.Add(-time.Hour), t0.Add(time.Hour))
	if len(sessions) != 1 || sessions[0].Status != store.StatusAbandoned {
		t.Fatalf("after discard: %+v", sessions)
	}
}

func TestStartGoesStraightIn(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), func(c *Config) { c.Start = true })
	if h.screen() != screenCheckin {
		t.Fatalf("start opened on %v, want check-in", h.screen())
	}
}

func TestCtrlCQuitsAtOnce(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("HOLD")
	h.keys("ctrl+c")
	if !h.quit {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestHelpShowsAllKeys(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("HOLD")
	h.keys("?")
	h.expect("ctrl+c", "leave at once")
	if got := strings.Count(h.view(), "\n") + 1; got > 24 {
		t.Errorf("view is %d lines with full help, want at most 24", got)
	}
}

// Golden views at 80x24, colours off (tests are not a terminal).
func TestGoldenViews(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("2")
	golden.RequireEqual(t, []byte(h.view()))
	t.Run("hold", func(t *testing.T) {
		h.keys("enter")
		h.fireUntil("HOLD")
		for i := 0; i < 12; i++ {
			h.fire()
		}
		golden.RequireEqual(t, []byte(h.view()))
	})
	t.Run("pain", func(t *testing.T) {
		h.fireUntil("Pain check")
		h.keys("3")
		golden.RequireEqual(t, []byte(h.view()))
	})
	t.Run("summary", func(t *testing.T) {
		h.keys("enter", "enter")
		h.fireUntil("Pain check")
		h.keys("3", "enter", "enter", "enter", "1", "enter")
		golden.RequireEqual(t, []byte(h.view()))
	})
}

// Every screen fits 80x24 exactly: no line wider, no more lines.
func TestViewsFit80x24(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	check := func(where string) {
		t.Helper()
		lines := strings.Split(h.view(), "\n")
		if len(lines) > 24 {
			t.Errorf("%s: %d lines", where, len(lines))
		}
		for i, l := range lines {
			if w := lipglossWidth(l); w > 80 {
				t.Errorf("%s: line %d is %d wide: %q", where, i+1, w, l)
			}
		}
	}
	check("home")
	h.keys("enter")
	check("check-in")
	h.keys("2", "enter")
	check("warning signs")
	h.keys("n")
	check("card")
	h.keys("enter")
	check("ready")
	h.fireUntil("HOLD")
	check("hold")
	h.fireUntil("Pain check")
	h.keys("3")
	check("pain")
	h.keys("enter", "enter")
	h.fireUntil("Pain check")
	h.keys("3", "enter", "enter", "enter", "1", "enter")
	h.expect("Session done")
	check("summary")
}
func lipglossWidth(s string) int { return lipgloss.Width(s) }

// A write that fails (here: the data file closed under the session) is
// said in the footer, kept in memory for main to write again, and never
// shown as saved.
func TestFailedSaveIsSaidAndKept(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	h.keys("2", "enter")
	h.expect("This score is NOT saved yet", "trying again")
	if strings.Contains(h.view(), "Saved: pain 2/10") {
		t.Fatal("a failed write is shown as saved")
	}
	if u := h.app.Unsaved(); len(u) != 1 || u[0].Sets[0].Pain != 2 {
		t.Errorf("unsaved %+v, want the score kept", u)
	}
}

// A window too small for the coach says so in full, wrapped to its width.
func TestTooSmallWindowShowsTheWholeMessage(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 15})
	v := h.view()
	for _, line := range strings.Split(v, "\n") {
		if w := lipgloss.Width(line); w > 40 {
			t.Errorf("a line %d wide in a 40-column window: %q", w, line)
		}
	}
	joined := strings.Join(strings.Fields(v), " ")
	for _, want := range []string{"The terminal is 40×15; spinecoach needs at least 60×18.", "Please make the window larger. Your session keeps running."} {
		if !strings.Contains(joined, want) {
			t.Errorf("the message lacks %q:\n%s", want, v)
		}
	}
}

// With ? the full help takes several lines, each with the screen's margin.
func TestFullHelpKeepsTheMargin(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.keys("?")
	lines := strings.Split(h.view(), "\n")
	help := lines[len(lines)-4:] // the full help's rows at the foot
	for _, l := range help {
		if l != "" && !strings.HasPrefix(l, " ") {
			t.Errorf("a help line without the margin: %q\n%s", l, strings.Join(lines, "\n"))
		}
	}
}
