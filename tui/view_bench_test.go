package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/store"
)

// BenchmarkView draws every screen at 200x60; each must stay well under
// 1 ms, so a frame never waits on drawing.
func BenchmarkView(b *testing.B) {
	st := openTestStore(b, b.TempDir())
	h := newHarness(b, st, nil)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	views := map[string]func(){}
	screens := map[string]screen{"home": screenHome, "check-in": screenCheckin, "warning-signs": screenWarning,
		"card": screenExercise, "hold": screenExercise, "pain": screenPain, "summary": screenSummary,
		"resume": screenResume, "which-sign": screenSign, "stop": screenStop, "setup": screenSetup, "trends": screenTrends}
	bench := func(name string) {
		app := h.app
		if app.screen != screens[name] {
			b.Fatalf("%s: the %s screen is showing", name, app.screen)
		}
		views[name] = func() { _ = app.View() }
	}
	bench("home")
	h.send(keyMsg("enter"))
	bench("check-in")
	h.send(keyMsg("2"))
	h.send(keyMsg("enter"))
	bench("warning-signs")
	h.send(keyMsg("n"))
	bench("card")
	h.send(keyMsg("enter"))
	for i := 0; i < 6; i++ {
		h.fire()
	}
	bench("hold")
	for h.app.screen != screenPain {
		h.fire()
	}
	h.send(keyMsg("3"))
	bench("pain")
	h.send(keyMsg("enter"))
	h.send(keyMsg("enter"))
	for h.app.screen != screenPain {
		h.fire()
	}
	for _, k := range []string{"2", "enter", "enter", "enter", "1", "enter"} {
		h.send(keyMsg(k))
	}
	bench("summary")
	// Leaving a session midway: the home screen offers it, Enter shows the
	// resume screen.
	h = newHarness(b, openTestStore(b, b.TempDir()), nil)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	for _, k := range []string{"enter", "2", "enter", "n", "q", "y", "enter"} {
		h.send(keyMsg(k))
	}
	bench("resume")
	// A warning sign at the check-in stops the session before it starts:
	// y, then which one (u: not sure).
	h = newHarness(b, openTestStore(b, b.TempDir()), nil)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	for _, k := range []string{"enter", "2", "enter", "y"} {
		h.send(keyMsg(k))
	}
	bench("which-sign")
	h.send(keyMsg("u"))
	bench("stop")
	// The setup form, offered when the profile has no surgery date and
	// setup was never skipped.
	h = newHarness(b, openTestStore(b, b.TempDir()), nil)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	if err := h.st.PutProfile(store.Profile{}); err != nil {
		b.Fatal(err)
	}
	h.send(profileSavedMsg{}) // reads the profile again
	bench("setup")
	// Five weeks of history on the trends screen (t on home).
	hist := openTestStore(b, b.TempDir())
	trendsHistory(b, hist)
	h = newHarnessAt(b, hist, trendsNow, nil)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	h.send(keyMsg("t"))
	bench("trends")
	for _, name := range []string{"home", "check-in", "warning-signs", "card", "hold", "pain", "summary", "resume", "which-sign", "stop", "setup", "trends"} {
		view := views[name]
		b.Run(name, func(b *testing.B) {
			view() // once before the clock: a first draw fills caches a patient's screen has filled long since
			start := time.Now()
			for b.Loop() {
				view()
			}
			// The bar is for a timing: a run of one draw (CI's, which only
			// checks that every screen is reached) is one sample of noise.
			if per := time.Since(start) / time.Duration(b.N); b.N >= 10 && per > time.Millisecond {
				b.Errorf("%s takes %v to draw, over 1 ms", name, per)
			}
		})
	}
}
