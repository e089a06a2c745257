package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// warningModel asks, before every session, whether any warning sign is
// present. One key answers: n or Enter for none, y for yes.
type warningModel struct {
	outbox   // m.out: an outcome for the root, which takes it after Update
	theme    *Theme
	warnings routine.Warnings
	width    int
}

// warningAnswerMsg reports the answer.
type warningAnswerMsg struct{ present bool }

func newWarningModel(t *Theme, w routine.Warnings) warningModel {
	return warningModel{theme: t, warnings: w}
}

// warningKeys is the page's key map: the keys it matches, as the footer
// shows them.
var warningKeys = struct{ none, yes, back key.Binding }{
	none: key.NewBinding(key.WithKeys("n", "N", "enter"), key.WithHelp("n/enter", "none of these")),
	yes:  withHelp(keyYes, "y", "yes, one or more"),
	back: withHelp(keyQuit, "q", "back"),
}

func (m warningModel) keys() keyMap {
	return newKeyMap(warningKeys.none, warningKeys.yes, warningKeys.back)
}

func (m warningModel) Update(msg tea.Msg) (warningModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := warningKeys
	switch {
	case key.Matches(km, k.none):
		m.out = warningAnswerMsg{present: false}
		return m, nil
	case key.Matches(km, k.yes):
		m.out = warningAnswerMsg{present: true}
		return m, nil
	case key.Matches(km, k.back):
		m.out = backMsg{}
		return m, nil
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
	parts = append(parts, "", t.Strong.Render("n")+" or "+t.Strong.Render("Enter")+": none of these.   "+
		t.Strong.Render("y")+": yes, one or more.")
	return strings.Join(parts, "\n")
}

func (m warningModel) resized(w, _ int) warningModel { m.width = w; return m }

// narration is what plain mode says when the page is entered.
func (m warningModel) narration() []string {
	lines := []string{"Before you start: do any of these apply to you today?"}
	for _, t := range m.warnings.Tiers {
		lines = append(lines, t.Title+" if: "+strings.Join(t.Signs, "; ")+".")
	}
	return append(lines, "Press n or Enter if none of these apply, y if one or more does.")
}

// question: the warning signs are one question, answered once drawn.
func (m warningModel) question() string { return screenWarning.String() }
