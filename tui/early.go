package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// earlyModel asks before a session that starts before its spacing has
// passed (routine.NextSession.Early). Nothing is preselected: only y
// starts, only n or q goes back; Enter alone answers nothing.
type earlyModel struct {
	outbox  // m.out: an outcome for the root, which takes it after Update
	theme   *Theme
	ask     string // "Your last session ended at 09:05; the next is due at 11:05. Start anyway? y/n"
	what    string // the session it would start, e.g. "Stretch break: 2 stretches, about 4 minutes"
	refused bool   // Enter was pressed: say which keys answer
	width   int
}

// earlyYesMsg: the patient chose to start early.
type earlyYesMsg struct{}

var earlyKeys = struct{ yes, no, enter key.Binding }{
	yes:   key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "start anyway")),
	no:    key.NewBinding(key.WithKeys("n", "N", "q", "esc"), key.WithHelp("n", "not now")),
	enter: keyEnter,
}

func newEarlyModel(t *Theme, question, what string) earlyModel {
	return earlyModel{theme: t, ask: question, what: what}
}

func (m earlyModel) keys() keyMap { return newKeyMap(earlyKeys.yes, earlyKeys.no) }

func (m earlyModel) Update(msg tea.Msg) (earlyModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(km, earlyKeys.yes):
		m.out = earlyYesMsg{}
	case key.Matches(km, earlyKeys.no):
		m.out = backMsg{}
	case key.Matches(km, earlyKeys.enter):
		m.refused = true
	}
	return m, nil
}

func (m earlyModel) View() string {
	t := m.theme
	lines := []string{t.Title.Render("Before its time"), ""}
	if m.what != "" {
		lines = append(lines, m.what, "")
	}
	lines = append(lines, m.ask, "",
		t.Strong.Render("y")+": start it now. "+t.Strong.Render("n")+": not now, back to the home screen.")
	if m.refused {
		lines = append(lines, "", t.Error.Render("Enter alone does not answer: press y or n."))
	}
	return wrap(m.width, strings.Join(lines, "\n"))
}

func (m earlyModel) resized(w, _ int) earlyModel { m.width = w; return m }

// question makes keys typed before the page was drawn wait.
func (m earlyModel) question() string { return screenEarly.String() }

// narration is what plain mode says when the page is entered.
func (m earlyModel) narration() []string {
	if m.what != "" {
		return []string{m.what + ".", m.ask}
	}
	return []string{m.ask}
}
