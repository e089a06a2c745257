package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
)

// clearanceModel asks the patient to confirm that their clinician has
// cleared them for the next phase before it is recorded.
type clearanceModel struct {
	outbox // m.out: an outcome for the root, which takes it after Update
	theme  *Theme
	phase  routine.Routine
	width  int
}

// clearMsg asks for the confirmation; clearedMsg records it.
type clearMsg struct{ phase routine.Routine }
type clearedMsg struct{ phase routine.Routine }

// clearanceKeys is the page's key map: the keys it matches, as the footer
// shows them (q, like n, answers not yet).
var clearanceKeys = struct{ yes, notYet key.Binding }{
	yes:    withHelp(keyYes, "y", "yes, I am cleared"),
	notYet: key.NewBinding(key.WithKeys("n", "N", "q"), key.WithHelp("n", "not yet")),
}

func (m clearanceModel) keys() keyMap { return newKeyMap(clearanceKeys.yes, clearanceKeys.notYet) }

func (m clearanceModel) Update(msg tea.Msg) (clearanceModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, clearanceKeys.yes):
			m.out = clearedMsg{phase: m.phase}
		case key.Matches(km, clearanceKeys.notYet):
			m.out = backMsg{}
		}
	}
	return m, nil
}

func (m clearanceModel) View() string {
	t, p := m.theme, m.phase
	var moves []string
	for _, e := range p.Exercises {
		moves = append(moves, e.Name)
	}
	return strings.Join([]string{
		t.Title.Render(fmt.Sprintf("Phase %d · %s", p.Phase, p.Name)),
		"",
		wrap(m.width, p.Summary),
		"",
		wrap(m.width, t.Faint.Render("It brings: "+strings.Join(moves, ", ")+".")),
		"",
		t.Strong.Render("Has your surgeon or physical therapist told you that you may start this phase?"),
		wrap(m.width, "Only answer yes if they have. Until then spinecoach keeps you in the phase you are cleared for."),
		"",
		t.Strong.Render("y") + " yes, I have been cleared   " + t.Strong.Render("n") + " not yet",
	}, "\n")
}

func (m clearanceModel) resized(w, _ int) clearanceModel { m.width = w; return m }

// narration is what plain mode says when the page is entered.
func (m clearanceModel) narration() []string {
	return []string{fmt.Sprintf("Has your surgeon or physical therapist cleared you for phase %d, %s? Press y for yes, n for not yet.",
		m.phase.Phase, m.phase.Name)}
}
