package tui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// keyBurst answers keys that arrived together (a held j, typed faster
// than the terminal is read) as the keys they are, one after another:
// Bubble Tea hands them over as one message of several runes, which no
// key binding matches. Each key is a key of its own for the arming rule
// too: once the first brings a new question, the rest wait for it to be
// drawn, as keys typed ahead always do.
func (a App) keyBurst(km tea.KeyMsg) (tea.Model, tea.Cmd) {
	var m tea.Model = a
	cmds := make([]tea.Cmd, 0, len(km.Runes))
	for _, r := range km.Runes {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: km.Alt})
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}
