package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
)

// A key typed before a question was drawn never answers it: the check-in,
// the warning signs, the card after a pain score.
func TestKeysTypedBeforeAQuestionIsDrawnAnswerNothing(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.holdArms = true
	h.keys("enter")
	if h.app.screen != screenCheckin {
		t.Fatalf("on %s, want the check-in", h.app.screen)
	}
	h.keys("2", "enter") // typed ahead with the Enter that opened the check-in
	if h.app.screen != screenCheckin || h.app.checkin.input.digits != "" {
		t.Fatalf("a check-in was taken before it was drawn: on %s, digits %q", h.app.screen, h.app.checkin.input.digits)
	}
	h.drawn()
	h.keys("2", "enter")
	if h.app.screen != screenWarning {
		t.Fatalf("on %s after a check-in on screen, want the warning signs", h.app.screen)
	}
	h.keys("n")
	if h.app.screen != screenWarning {
		t.Fatal("the warning signs were answered before they were drawn")
	}
	h.drawn()
	h.keys("n")
	h.drawn()
	h.keys("enter")
	h.fireUntil("Pain check")
	h.drawn()
	// The score, and a second Enter in the same burst: the next card
	// comes once the score is stored, and the Enter must not pass it.
	h.keys("3", "enter", "enter")
	if st := h.app.run.sess.Step(); h.app.screen != screenExercise || st != routine.StepCard {
		t.Fatalf("the second Enter went past the next card: %s, %s", h.app.screen, st)
	}
	h.drawn()
	h.keys("enter")
	if st := h.app.run.sess.Step(); st != routine.StepReady {
		t.Errorf("an Enter on the drawn card: step %s, want ready", st)
	}
}

// While the terminal is too small to show anything, no key but quit acts.
func TestTooSmallTakesOnlyQuit(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	h.keys("enter", "2", "enter")
	if h.app.screen != screenHome || h.quit {
		t.Fatalf("keys acted on a hidden screen: %s", h.app.screen)
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.keys("enter")
	if h.app.screen != screenCheckin {
		t.Fatalf("Enter at full size: %s", h.app.screen)
	}
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	h.keys("3", "enter")
	if h.app.screen != screenCheckin {
		t.Fatal("a check-in was stored unseen")
	}
	h.keys("q")
	if !h.quit {
		t.Error("q did not quit at a small size")
	}
}
