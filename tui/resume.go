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
	// earlier: the session began on an earlier day. The pain rules go by
	// the day, so it cannot be resumed: the page offers to close it.
	earlier bool
}

// resumeMsg and discardMsg report the patient's choice.
type resumeMsg struct{ id string }
type discardMsg struct{ id string }

func newResumeModel(t *Theme, open store.Session, done int) resumeModel {
	return resumeModel{theme: t, open: open, done: done}
}

// resumeKeys is the page's key map: the keys it matches, as the footer
// shows them.
var resumeKeys = struct{ resume, discard, close, back key.Binding }{
	resume:  key.NewBinding(key.WithKeys("y", "Y", "enter"), key.WithHelp("y/enter", "resume")),
	discard: key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "discard it")),
	close:   key.NewBinding(key.WithKeys("c", "C", "enter", "n", "N"), key.WithHelp("c/enter", "close it")),
	back:    withHelp(keyQuit, "q", "back"),
}

func (m resumeModel) keys() keyMap {
	if m.earlier {
		return newKeyMap(resumeKeys.close, resumeKeys.back)
	}
	return newKeyMap(resumeKeys.resume, resumeKeys.discard, resumeKeys.back)
}

func (m resumeModel) Update(msg tea.Msg) (resumeModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := resumeKeys
	switch {
	case m.earlier && key.Matches(km, k.close):
		m.out = discardMsg{id: m.open.ID} // kept in the records, marked not finished
		return m, nil
	case m.earlier && !key.Matches(km, k.back):
		return m, nil // nothing resumes an earlier day's session
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
	if m.earlier {
		return wrap(m.width, strings.Join([]string{
			t.Title.Render("Unfinished session of an earlier day"), "",
			fmt.Sprintf("You started %s on %s and recorded %s.", o.Routine, o.StartedAt.Format("Monday 2 January at 15:04"), plural(m.done, "set", "sets")),
			"The pain rules go by the day, so it cannot go on today.", "",
			t.Strong.Render("c") + " or " + t.Strong.Render("Enter") + ": close it. Its sets stay in your records; then start today's session.",
		}, "\n"))
	}
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
	if m.earlier {
		return []string{fmt.Sprintf("Unfinished session of an earlier day, with %s recorded. The pain rules go by the day, so it cannot go on today. Press c or Enter to close it; its sets stay in your records.", plural(m.done, "set", "sets"))}
	}
	return []string{fmt.Sprintf("Unfinished session with %s recorded. Press y or Enter to resume, n to discard it.", plural(m.done, "set", "sets"))}
}
