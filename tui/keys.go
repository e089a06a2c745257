package tui

import "github.com/charmbracelet/bubbles/key"

// The keys the root matches (force, quit, help, scroll) and the bindings
// the pages build their own key maps from: each page matches its own map
// and the footer shows that same map.
var (
	keyEnter  = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue"))
	keyQuit   = key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit"))
	keyLeave  = key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "leave"))
	keyForce  = key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "leave at once"))
	keyHelp   = key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys"))
	keyYes    = key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes"))
	keyPause  = key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "pause/resume"))
	keySkip   = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip"))
	keyDigits = key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-10", "pain score"))
	keyErase  = key.NewBinding(key.WithKeys("backspace"), key.WithHelp("⌫", "erase"))
	keyUp     = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up"))
	keyDown   = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down"))
)

// keyMap is a screen's keys: the short list shows in the footer, the full
// one after `?`. It implements help.KeyMap.
type keyMap struct {
	short []key.Binding
	extra []key.Binding
}

func (k keyMap) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, k.short...), keyHelp)
}

func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.short, append(append([]key.Binding{}, k.extra...), keyHelp, keyForce)}
}

func newKeyMap(short ...key.Binding) keyMap { return keyMap{short: short} }

func (k keyMap) with(extra ...key.Binding) keyMap {
	k.extra = append(append([]key.Binding{}, k.extra...), extra...)
	return k
}

// withHelp is a binding with a screen's own words for it.
func withHelp(b key.Binding, keyText, desc string) key.Binding {
	b.SetHelp(keyText, desc)
	return b
}
