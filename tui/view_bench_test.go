package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkView draws every screen at 200x60; each must stay well under
// 1 ms, so a frame never waits on drawing.
func BenchmarkView(b *testing.B) {
	st := openTestStore(b, b.TempDir())
	h := newHarness(b, st, nil)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	views := map[string]func(){}
	bench := func(name string) {
		app := h.app
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
	for _, name := range []string{"home", "check-in", "warning-signs", "card", "hold", "pain", "summary"} {
		view := views[name]
		b.Run(name, func(b *testing.B) {
			start := time.Now()
			for b.Loop() {
				view()
			}
			if per := time.Since(start) / time.Duration(b.N); per > time.Millisecond {
				b.Errorf("%s takes %v to draw, over 1 ms", name, per)
			}
		})
	}
}
