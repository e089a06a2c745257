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

func (m clearanceModel) keys() keyMap {
	return newKeyMap(withHelp(keyYes, "y", "yes, I am cleared"), withHelp(keyNo, "n", "not yet"))
}

func (m clearanceModel) Update(msg tea.Msg) (clearanceModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, keyYes):
			m.out = clearedMsg{phase: m.phase}
		case key.Matches(km, keyNo), key.Matches(km, keyQuit):
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
