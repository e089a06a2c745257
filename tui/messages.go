package tui

import tea "github.com/charmbracelet/bubbletea"

// Messages more than one part of the tui sends or handles.

// backMsg asks the root to go back to the home screen.
type backMsg struct{}

// errMsg is a failure from a Cmd. A fatal one ends the program and main
// prints it; any other shows in the footer until the next key.
type errMsg struct {
	err   error
	fatal bool
}

// armMsg says that the question of generation gen has been drawn.
type armMsg struct{ gen int }

// emit wraps a message in a Cmd, for screens reporting an outcome.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
