//go:build crashtest

package tui

import tea "github.com/charmbracelet/bubbletea"

// A binary built with -tags crashtest panics on purpose, for the test of
// what a patient sees after a panic (TestPanicReport in package main):
// F5 panics in Update, F6 in a Cmd, F7 in every View from then on, F8 in
// a goroutine of ours. The app never has this file.

func init() { crashTest = &keyPanics{} }

type keyPanics struct{ inView bool }

func (k *keyPanics) update(g *Guard, msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch key.Type {
	case tea.KeyF5:
		panic("crash test: a panic in Update")
	case tea.KeyF6:
		return func() tea.Msg { panic("crash test: a panic in a command") }
	case tea.KeyF7:
		k.inView = true
		return func() tea.Msg { return nil }
	case tea.KeyF8:
		go func() {
			defer func() {
				if r := recover(); r != nil {
					g.caught("a worker", r)
				}
			}()
			panic("crash test: a panic in a goroutine")
		}()
		return func() tea.Msg { return nil }
	}
	return nil
}

func (k *keyPanics) view() {
	if k.inView {
		panic("crash test: a panic in View")
	}
}
