package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// stopModel says that there is no exercise today and what to do instead:
// after a warning sign, or a check-in score too high to start. The call
// to make comes first, big, before the reason.
type stopModel struct {
	outbox // m.out: an outcome for the root, which takes it after Update
	theme  *Theme
	reason string
	tiers  []routine.WarningTier // the calls to make, most urgent first; none for a pain stop
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
	big := danger.Border(lipgloss.ThickBorder()).BorderForeground(t.Danger).Padding(0, 2)
	if len(m.tiers) > 1 {
		big = danger // two calls fit an 80x24 screen only without their boxes
	}
	var parts []string
	for i, tier := range m.tiers {
		parts = append(parts, big.Render(tierCall(i, len(m.tiers))+tier.Title), wrap(m.width, tier.Advice), "")
	}
	parts = append(parts, danger.Render("No exercise today"), "", wrap(m.width, m.reason))
	if m.advice != "" {
		parts = append(parts, "", wrap(m.width, m.advice))
	}
	parts = append(parts, "", t.Faint.Render("This has been noted in your records."))
	return strings.Join(parts, "\n")
}

// tierCall leads the i'th of n calls when the patient was not sure which
// sign it was: the emergency first, the other otherwise.
func tierCall(i, n int) string {
	switch {
	case n < 2:
		return ""
	case i == 0:
		return "If it could be an emergency: "
	}
	return "Otherwise: "
}

func (m stopModel) resized(w, _ int) stopModel { m.width = w; return m }

// narration is what plain mode says when the page is entered.
func (m stopModel) narration() []string {
	var lines []string
	for i, t := range m.tiers {
		lines = append(lines, tierCall(i, len(m.tiers))+t.Title+". "+t.Advice)
	}
	lines = append(lines, "No exercise today. "+m.reason)
	if m.advice != "" {
		lines = append(lines, m.advice)
	}
	return append(lines, "Press Enter to go home, or q to quit.")
}
