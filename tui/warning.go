package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// warningModel asks, before every session, whether any warning sign is
// present. n answers none, y yes; Enter alone does not answer: it is the
// key a tired patient presses by habit, so it only says which keys do.
type warningModel struct {
	outbox   // m.out: an outcome for the root, which takes it after Update
	theme    *Theme
	warnings routine.Warnings
	width    int
	nudged   bool // Enter was pressed: the screen says that it does not answer
	answered bool // n or y: later keys wait for the next screen
}

// warningAnswerMsg reports the answer.
type warningAnswerMsg struct{ present bool }

// warningEnterHint is what Enter gets on the warning screen.
const warningEnterHint = "Enter does not answer this question: press n if none of these apply, y if any does."

func newWarningModel(t *Theme, w routine.Warnings) warningModel {
	return warningModel{theme: t, warnings: w}
}

// warningKeys is the page's key map: the keys it matches, as the footer
// shows them.
var warningKeys = struct{ none, yes, back, enter key.Binding }{
	none:  key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "none of these")),
	yes:   withHelp(keyYes, "y", "yes, one or more"),
	back:  withHelp(keyQuit, "q", "back"),
	enter: keyEnter,
}

func (m warningModel) keys() keyMap {
	return newKeyMap(warningKeys.none, warningKeys.yes, warningKeys.back)
}

func (m warningModel) Update(msg tea.Msg) (warningModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	k := warningKeys
	switch {
	case !ok:
	case key.Matches(km, k.back):
		m.out = backMsg{} // starts nothing: the check-in stays stored
	case m.answered: // the answer is being stored
	case key.Matches(km, k.none):
		m.answered, m.out = true, warningAnswerMsg{present: false}
	case key.Matches(km, k.yes):
		m.answered, m.out = true, warningAnswerMsg{present: true}
	case key.Matches(km, k.enter):
		m.nudged = true
	}
	return m, nil
}

func (m warningModel) View() string {
	t := m.theme
	parts := []string{t.Title.Render("Before you start: do any of these apply to you today?"), ""}
	for i, tier := range m.warnings.Tiers {
		style := lipgloss.NewStyle().Bold(true).Foreground(t.Caution)
		if i == 0 {
			style = style.Foreground(t.Danger)
		}
		parts = append(parts, style.Render(tier.Title+" if:"), bullets(m.width, "•", tier.Signs))
	}
	answer := "Press " + t.Strong.Render("n") + " if none of these, " + t.Strong.Render("y") + " if any."
	if m.nudged {
		answer = lipgloss.NewStyle().Bold(true).Foreground(t.Caution).Render(warningEnterHint)
	}
	return strings.Join(append(parts, "", wrap(m.width, answer)), "\n")
}

func (m warningModel) resized(w, _ int) warningModel { m.width = w; return m }

// hint is what plain mode says after Enter: that it does not answer.
func (m warningModel) hint() string {
	if m.nudged && !m.answered {
		return warningEnterHint
	}
	return ""
}

// narration is what plain mode says when the page is entered: the signs
// numbered, so that a screen reader's listener can tell them apart.
func (m warningModel) narration() []string {
	lines := []string{"Before you start: do any of these apply to you today?"}
	n := 0
	for _, t := range m.warnings.Tiers {
		lines = append(lines, t.Title+" if:")
		for _, s := range t.Signs {
			n++
			lines = append(lines, fmt.Sprintf("%d. %s.", n, strings.TrimRight(s, ".")))
		}
	}
	return append(lines, "Press n if none of these apply, y if any does. Enter alone does not answer.")
}

// question: the warning signs are one question, answered once drawn.
func (m warningModel) question() string { return screenWarning.String() }
