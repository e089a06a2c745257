package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// signModel asks which warning sign it was, once the day is closed for
// it: one key per sign, u for "not sure", q to leave without saying
// (the day stays closed, with the sign "not given").
type signModel struct {
	outbox // m.out: an outcome for the root, which takes it after Update
	theme  *Theme
	signs  []routine.Sign
	width  int
	chosen bool // a key answered: the choice is being stored
}

// signChosenMsg reports the sign chosen: its tier and text ("" when not
// sure).
type signChosenMsg struct{ tier, sign string }

func newSignModel(t *Theme, w routine.Warnings) signModel {
	return signModel{theme: t, signs: w.Signs()}
}

// signKeys is the page's key map, as the footer shows it; the signs' own
// letters are on the page beside each sign.
var signKeys = struct{ sign, unsure, leave key.Binding }{
	sign:   key.NewBinding(key.WithKeys(strings.Split(routine.SignKeys, "")...), key.WithHelp("a-"+routine.SignKeys[len(routine.SignKeys)-1:], "that sign")),
	unsure: key.NewBinding(key.WithKeys(routine.NotSureKey), key.WithHelp(routine.NotSureKey, "not sure which")),
	leave:  withHelp(keyQuit, "q", "leave without saying"),
}

func (m signModel) keys() keyMap {
	k := signKeys
	k.sign.SetHelp("a-"+m.signs[len(m.signs)-1].Key, "that sign")
	return newKeyMap(k.sign, k.unsure, k.leave)
}

func (m signModel) Update(msg tea.Msg) (signModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || m.chosen {
		return m, nil
	}
	switch {
	case key.Matches(km, signKeys.unsure):
		m.chosen, m.out = true, signChosenMsg{tier: routine.TierNotSure}
	case key.Matches(km, signKeys.leave):
		m.out = backMsg{}
	default:
		for _, s := range m.signs {
			if km.String() == s.Key {
				m.chosen, m.out = true, signChosenMsg{tier: s.Tier.ID, sign: s.Text}
			}
		}
	}
	return m, nil
}

func (m signModel) View() string {
	t := m.theme
	danger := lipgloss.NewStyle().Bold(true).Foreground(t.Danger)
	parts := []string{danger.Render("You said yes: no exercise today."), "",
		t.Title.Render("Which sign is it? Press its letter."), ""}
	tier := ""
	for _, s := range m.signs {
		if s.Tier.ID != tier {
			tier = s.Tier.ID
			parts = append(parts, t.Strong.Render(s.Tier.Title+":"))
		}
		parts = append(parts, indented(m.width, t.Strong.Render(s.Key), s.Text))
	}
	parts = append(parts, "", indented(m.width, t.Strong.Render(routine.NotSureKey), "Not sure which"))
	if m.chosen {
		parts = append(parts, "", t.Faint.Render("Saving…"))
	}
	return strings.Join(parts, "\n")
}

func (m signModel) resized(w, _ int) signModel { m.width = w; return m }

// narration is what plain mode says when the page is entered: each sign
// with its number and its key.
func (m signModel) narration() []string {
	lines := []string{"You said yes: no exercise today. Which sign is it? Press its letter."}
	for i, s := range m.signs {
		lines = append(lines, signLine(i+1, s))
	}
	return append(lines, "Press "+routine.NotSureKey+" if you are not sure which, q to leave without saying.")
}

func signLine(n int, s routine.Sign) string {
	return fmt.Sprintf("%d. Press %s: %s.", n, s.Key, strings.TrimRight(s.Text, "."))
}

// question: which sign is one question, answered once drawn.
func (m signModel) question() string { return screenSign.String() }
