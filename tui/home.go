package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// homeData is what the home screen shows from the data file.
type homeData struct {
	today       []store.Session     // sessions started today, oldest first
	open        *store.Session      // an unfinished session to offer for resuming
	openDone    int                 // sets it has results for
	days        []routine.DayRecord // the last two weeks, for the rules across days
	levelToday  int                 // where today's last session with exercise ended; -1: none yet
	startReason string              // why today started at its level
	warningAt   time.Time           // when a warning sign was reported today; zero: not today
}

// homeModel shows today's routine and starts the session.
type homeModel struct {
	out     tea.Msg // an outcome for the root, which reads and clears it after Update
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
		m.out = startMsg{}
		return m, nil
	}
	return m, nil
}

func (m homeModel) View() string {
	t := m.theme
	r := m.routine
	head := []string{t.Title.Render("Today: "+r.Name) + t.Faint.Render(fmt.Sprintf("  · phase %d", r.Phase))}
	if r.Summary != "" {
		head = append(head, wrap(m.width-2, t.Faint.Render(r.Summary)))
	}
	top := strings.Join(head, "\n")
	status := m.statusView()
	// The exercises get the room the rest leaves; the precautions whatever
	// is left after them.
	room := m.height - lipgloss.Height(top) - lipgloss.Height(status) - 2
	list := m.exerciseList(room)
	body := top + "\n\n" + list + "\n\n" + status
	return body + precautionsView(t, r.Precautions, m.width, m.height-lipgloss.Height(body)-2)
}

// exerciseList lists today's exercises with their doses in at most room
// lines, ending with a count of those left out.
func (m homeModel) exerciseList(room int) string {
	t := m.theme
	ex := m.routine.Exercises
	shown := ex
	if len(ex) > room {
		shown = ex[:max(room-1, 1)]
	}
	var lines []string
	for _, e := range shown {
		line := "  • " + e.Name + t.Faint.Render(" · "+e.DoseText(e.Dose))
		if e.Optional {
			line += t.Faint.Render(" (optional)")
		}
		lines = append(lines, lipgloss.NewStyle().MaxWidth(m.width).Render(line))
	}
	if n := len(ex) - len(shown); n > 0 {
		lines = append(lines, t.Faint.Render(fmt.Sprintf("  … and %d more: spinecoach routines show %s", n, m.routine.ID)))
	}
	return strings.Join(lines, "\n")
}

// levelView says at what dose today runs, and why.
func (m homeModel) levelView() string {
	d := m.data
	level := d.levelToday
	if level < 0 {
		level = routine.LastLevel(d.days)
	}
	line := "Dose: " + levelWords(level) + "."
	switch {
	case d.startReason != "":
		line += " " + d.startReason
	case d.levelToday < 0:
		line += " Your check-in score decides where today starts."
	}
	return line
}

// levelWords names a dose level for the patient.
func levelWords(level int) string {
	switch level {
	case 0:
		return "the full prescription"
	case routine.MaxLevel:
		return fmt.Sprintf("the lightest (step %d of %d down)", level, routine.MaxLevel)
	}
	return fmt.Sprintf("lighter (step %d of %d down)", level, routine.MaxLevel)
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
	if at := m.data.warningAt; !at.IsZero() {
		lines = append(lines, lipgloss.NewStyle().Bold(true).Foreground(t.Danger).Render(
			"■ A warning sign was reported today at "+at.Format("15:04")+": no exercise today. Follow the advice you were given, and call if you have not."))
	}
	lines = append(lines, m.levelView())
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
