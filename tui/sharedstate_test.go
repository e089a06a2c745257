package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/viewport"

	tea "github.com/charmbracelet/bubbletea"
)

// The help model and the review's input are held by pointer, to keep the
// root small: a root from before a message still draws as it did, as the
// Guard needs (a panic keeps the model from before the message).
func TestAnOlderRootKeepsItsHelpAndReviewInput(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	before := h.app
	was := before.View()
	h.keys("?")
	if !h.app.help.ShowAll || before.help.ShowAll {
		t.Fatalf("? toggled the full help in the older root too (now %v, before %v)", h.app.help.ShowAll, before.help.ShowAll)
	}
	if before.View() != was || h.view() == was {
		t.Errorf("the older root's frame changed, or the new one did not show all keys:\n%s", h.view())
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if before.View() != was {
		t.Error("a resize changed the older root's frame")
	}

	st := openTestStore(t, t.TempDir())
	h = newReviewHarness(t, st, t0, nil)
	h.toSummary()
	h.keys("enter")
	h.expect("Weekly review")
	h.keys("6", "enter")
	typed := h.app
	h.keys("1", "2")
	if typed.review.input.Value() != "" || h.app.review.input.Value() != "12" {
		t.Fatalf("typing reached the older root: %q, now %q", typed.review.input.Value(), h.app.review.input.Value())
	}
	h.keys("enter") // refused: the field is emptied
	if typed.review.input.Value() != "" || h.app.review.input.Value() != "" {
		t.Fatalf("after a refused answer: %q, now %q", typed.review.input.Value(), h.app.review.input.Value())
	}
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	if typed.review.input.Width == h.app.review.input.Width {
		t.Errorf("the input's width did not follow the resize, or the older root's did too: %d", typed.review.input.Width)
	}
}

// screens.page reads each screen's own page, as its slot in pageTable
// does: the same type, and the state an update through the slot left.
func TestPagesReadAsTheTableDoes(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	s := *h.app.screens
	s.home.notice = "read through the slot"
	for sc := screen(0); sc < screenCount; sc++ {
		got, want := s.page(sc), pageTable[sc].slot.page(&s)
		if got == nil || fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
			t.Errorf("%s: screens.page gives %T, the table %T", sc, got, want)
		}
	}
	if home, ok := s.page(screenHome).(homeModel); !ok || home.notice != "read through the slot" {
		t.Errorf("the home page read is not the one in the screens: %#v", s.page(screenHome))
	}
	if s.page(screenCount) != nil {
		t.Error("a screen that is none has a page")
	}
}

// The summary's viewport too: scrolling and a resize change the new
// root's, not an older one's.
func TestAnOlderRootKeepsItsSummaryScroll(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.toSummary()
	// Rows enough to scroll: the session's own three fit.
	h.app.summary.scroll(func(vp *viewport.Model) { vp.SetContent(strings.Repeat("a row\n", 40)) })
	before := h.app
	was := before.View()
	h.keys("j")
	if h.app.summary.viewport.YOffset == 0 || before.summary.viewport.YOffset != 0 {
		t.Fatalf("j scrolled the older root's summary, or not the new one's: %d, before %d",
			h.app.summary.viewport.YOffset, before.summary.viewport.YOffset)
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if before.View() != was || before.summary.viewport.Width == h.app.summary.viewport.Width {
		t.Errorf("a resize reached the older root's summary:\n%s", before.View())
	}
}
