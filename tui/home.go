package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// homeData is what the home screen shows from the data file.
type homeData struct {
	today    []store.Session // sessions started today, oldest first
	open     *store.Session  // an unfinished session to offer for resuming
	openDone int             // sets it has results for
}

// homeModel shows today's routine and starts the session.
type homeModel struct {
	theme   *Theme
	routine routine.Routine
	data    *homeData // nil while loading
	notice  string    // one line from the last screen, e.g. "Session kept"
	width   int
	height  int
}

// startMsg asks the root to start (or resume) today's session.
type startMsg struct{}

func newHomeModel(t *Theme, r routine.Routine) homeModel {
	return homeModel{theme: t, routine: r}
}

func (m homeModel) keys() keyMap {
	start := "start today's session"
	if m.data != nil && m.data.open != nil {
		start = "resume or discard the unfinished session"
	}
	return newKeyMap(withHelp(keyEnter, "enter", start), keyQuit)
}

func (m homeModel) Update(msg tea.Msg) (homeModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, keyEnter) && m.data != nil {
		return m, emit(startMsg{})
	}
	return m, nil
}

func (m homeModel) View() string {
	t := m.theme
	r := m.routine
	parts := []string{t.Title.Render("Today: "+r.Name) + t.Faint.Render(fmt.Sprintf("  · phase %d", r.Phase))}
	if r.Summary != "" {
		parts = append(parts, lipgloss.NewStyle().Width(max(m.width-2, 20)).Render(t.Faint.Render(r.Summary)))
	}
	parts = append(parts, "")
	for _, e := range r.Exercises {
		line := "  • " + e.Name + t.Faint.Render(" · "+e.DoseText(e.Dose))
		if e.Optional {
			line += t.Faint.Render(" (optional)")
		}
		parts = append(parts, lipgloss.NewStyle().MaxWidth(m.width).Render(line))
	}
	parts = append(parts, "", m.statusView())
	body := strings.Join(parts, "\n")
	body += precautionsView(t, r.Precautions, m.width, m.height-lipgloss.Height(body)-2)
	return body
}

// statusView says what has happened today and what Enter will do.
func (m homeModel) statusView() string {
	t := m.theme
	if m.data == nil {
		return t.Faint.Render("Reading your records…")
	}
	var lines []string
	if m.notice != "" {
		lines = append(lines, t.Highlight.Render(m.notice))
	}
	done := 0
	for _, s := range m.data.today {
		if s.Status == store.StatusCompleted {
			done++
		}
	}
	switch done {
	case 0:
		lines = append(lines, "No session done yet today.")
	case 1:
		lines = append(lines, t.Strong.Render("1 session done today."))
	default:
		lines = append(lines, t.Strong.Render(fmt.Sprintf("%d sessions done today.", done)))
	}
	if o := m.data.open; o != nil {
		lines = append(lines, t.Highlight.Render(fmt.Sprintf("An unfinished session from %s (%s recorded) is waiting: Enter to resume or discard it.",
			o.StartedAt.Format("Mon 15:04"), plural(m.data.openDone, "set", "sets"))))
	} else {
		lines = append(lines, "Press Enter to start.")
	}
	return wrap(m.width, strings.Join(lines, "\n"))
}
