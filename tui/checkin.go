package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// checkinModel asks for the pain before the session: the baseline every
// later score is compared with.
type checkinModel struct {
	outbox  // m.out: an outcome for the root, which takes it after Update
	theme   *Theme
	routine string
	input   scoreInput
	width   int
	sent    bool // the score is given and being stored: later keys wait
}

// baselineMsg reports the check-in score.
type baselineMsg struct{ score int }

func newCheckinModel(t *Theme, routineName string) checkinModel {
	return checkinModel{theme: t, routine: routineName}
}

// checkinKeys is the page's key map: the keys it matches (the score
// field takes the digits, Enter and Backspace), as the footer shows them.
var checkinKeys = struct{ digits, start, back, erase key.Binding }{
	digits: keyDigits, start: withHelp(keyEnter, "enter", "start"), back: withHelp(keyQuit, "q", "back"), erase: keyErase,
}

func (m checkinModel) keys() keyMap {
	k := checkinKeys
	return newKeyMap(k.digits, k.start, k.back).with(k.erase)
}

func (m checkinModel) Update(msg tea.Msg) (checkinModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if key.Matches(km, checkinKeys.back) {
		m.out = backMsg{}
		return m, nil
	}
	if m.sent {
		return m, nil // the score is being stored
	}
	var score int
	var done bool
	m.input, score, done = m.input.update(km)
	if done {
		m.sent, m.out = true, baselineMsg{score: score}
		return m, nil
	}
	return m, nil
}

func (m checkinModel) View() string {
	t := m.theme
	return wrap(m.width, strings.Join([]string{
		t.Title.Render("Check-in") + t.Faint.Render(" · "+m.routine),
		"",
		"Before you start: how much pain do you have right now, 0 to 10?",
		t.Faint.Render("Your score after each set is compared with this one."),
		"",
		m.input.viewWith(t, m.width, m.label),
	}, "\n"))
}

// label is a typed check-in score in its colour and words, or, at or
// above the rules' stop, what it will do: close the day.
func (m checkinModel) label(score int) string {
	stop := m.theme.zones.StopPain
	if stop == 0 {
		stop = routine.DefaultPainRules().StopPain
	}
	if score < stop {
		return m.theme.Pain(score)
	}
	return lipgloss.NewStyle().Bold(true).Foreground(m.theme.Danger).
		Render(fmt.Sprintf("%d/10 · stop: no exercise today", score))
}

func (m checkinModel) resized(w, _ int) checkinModel { m.width = w; return m }

// narration is what plain mode says when the page is entered.
func (m checkinModel) narration() []string {
	return []string{"Check-in. How much pain do you have right now? Type a number from 0 to 10, then press Enter."}
}

// question: the check-in is one question, answered once it is drawn.
func (m checkinModel) question() string { return screenCheckin.String() }
