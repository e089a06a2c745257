package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// stopModel says that there is no exercise today and what to do instead:
// after a warning sign, or a check-in score too high to start.
type stopModel struct {
	outbox // m.out: an outcome for the root, which takes it after Update
	theme  *Theme
	reason string
	tiers  []routine.WarningTier // the advice to show; none for a pain stop
	advice string                // advice when no tier applies
	width  int
}

// stopKeys is the page's key map: the keys it matches, as the footer
// shows them.
var stopKeys = struct{ home, quit key.Binding }{home: withHelp(keyEnter, "enter", "home"), quit: keyQuit}

func (m stopModel) keys() keyMap { return newKeyMap(stopKeys.home, stopKeys.quit) }

func (m stopModel) Update(msg tea.Msg) (stopModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, stopKeys.home):
			m.out = backMsg{}
			return m, nil
		case key.Matches(km, stopKeys.quit):
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m stopModel) View() string {
	t := m.theme
	danger := lipgloss.NewStyle().Bold(true).Foreground(t.Danger)
	parts := []string{danger.Render("No exercise today"), "", wrap(m.width, m.reason)}
	lists := []string{"first", "second", "third"}
	for i, tier := range m.tiers {
		which := ""
		if i < len(lists) && len(m.tiers) > 1 {
			which = "If it is on the " + lists[i] + " list: "
		}
		parts = append(parts, "", danger.Render("■ "+which+tier.Title), wrap(m.width, tier.Advice))
	}
	if m.advice != "" {
		parts = append(parts, "", wrap(m.width, m.advice))
	}
	parts = append(parts, "", t.Faint.Render("This has been noted in your records."))
	return strings.Join(parts, "\n")
}

func (m stopModel) resized(w, _ int) stopModel { m.width = w; return m }

// narration is what plain mode says when the page is entered.
func (m stopModel) narration() []string {
	lines := []string{"No exercise today. " + m.reason}
	for _, t := range m.tiers {
		lines = append(lines, t.Title+": "+t.Advice)
	}
	if m.advice != "" {
		lines = append(lines, m.advice)
	}
	return append(lines, "Press Enter to go home, or q to quit.")
}
