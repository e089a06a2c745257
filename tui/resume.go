package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/store"
)

// resumeModel offers an unfinished session: resume it at the first set with
// no score, or discard it (kept in the file as abandoned).
type resumeModel struct {
	outbox // m.out: an outcome for the root, which takes it after Update
	theme  *Theme
	open   store.Session
	done   int
	width  int
}

// resumeMsg and discardMsg report the patient's choice.
type resumeMsg struct{ id string }
type discardMsg struct{ id string }

func newResumeModel(t *Theme, open store.Session, done int) resumeModel {
	return resumeModel{theme: t, open: open, done: done}
}

// resumeKeys is the page's key map: the keys it matches, as the footer
// shows them.
var resumeKeys = struct{ resume, discard, back key.Binding }{
	resume:  key.NewBinding(key.WithKeys("y", "Y", "enter"), key.WithHelp("y/enter", "resume")),
	discard: key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "discard it")),
	back:    withHelp(keyQuit, "q", "back"),
}

func (m resumeModel) keys() keyMap {
	return newKeyMap(resumeKeys.resume, resumeKeys.discard, resumeKeys.back)
}

func (m resumeModel) Update(msg tea.Msg) (resumeModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := resumeKeys
	switch {
	case key.Matches(km, k.resume):
		m.out = resumeMsg{id: m.open.ID}
		return m, nil
	case key.Matches(km, k.discard):
		m.out = discardMsg{id: m.open.ID}
		return m, nil
	case key.Matches(km, k.back):
		m.out = backMsg{}
		return m, nil
	}
	return m, nil
}

func (m resumeModel) View() string {
	t := m.theme
	o := m.open
	return wrap(m.width, strings.Join([]string{
		t.Title.Render("Unfinished session"),
		"",
		fmt.Sprintf("You started %s on %s and recorded %s.", o.Routine, o.StartedAt.Format("Monday 2 January at 15:04"), plural(m.done, "set", "sets")),
		fmt.Sprintf("Your pain before it was %s.", t.Pain(o.Baseline)),
		"",
		t.Strong.Render("y") + " or " + t.Strong.Render("Enter") + ": resume at the first set with no pain score.",
		t.Strong.Render("n") + ": discard it. It stays in your records, marked as not finished.",
	}, "\n"))
}

func (m resumeModel) resized(w, _ int) resumeModel { m.width = w; return m }

// narration is what plain mode says when the page is entered.
func (m resumeModel) narration() []string {
	return []string{fmt.Sprintf("Unfinished session with %s recorded. Press y or Enter to resume, n to discard it.", plural(m.done, "set", "sets"))}
}
