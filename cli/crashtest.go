//go:build crashtest

package cli

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/tui"
)

// A binary built with -tags crashtest panics on purpose, for
// scripts/tmux-panic.sh, which checks what a patient is left with after a
// panic: F5 panics in Update, F6 in a Cmd, F7 in every View from then on,
// F8 in a goroutine of ours. The app never has this file.

func init() {
	crashTestWrap = func(m tea.Model, g *tui.Guard) tea.Model { return keyPanics{Model: m, guard: g} }
}

// keyPanics wraps the root, inside the Guard as all of it is.
type keyPanics struct {
	tea.Model
	guard  *tui.Guard
	inView bool
}

func (k keyPanics) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if key, ok := msg.(tea.KeyMsg); ok {
		switch key.Type {
		case tea.KeyF5:
			panic("crash test: a panic in Update")
		case tea.KeyF6:
			return k, func() tea.Msg { panic("crash test: a panic in a command") }
		case tea.KeyF7:
			k.inView = true
			return k, nil
		case tea.KeyF8:
			go func() {
				defer func() {
					if r := recover(); r != nil {
						k.guard.Caught("a worker", r)
					}
				}()
				panic("crash test: a panic in a goroutine")
			}()
			return k, nil
		}
	}
	next, cmd := k.Model.Update(msg)
	k.Model = next
	return k, cmd
}

func (k keyPanics) View() string {
	if k.inView {
		panic("crash test: a panic in View")
	}
	return k.Model.View()
}
