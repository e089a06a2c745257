package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// summaryModel shows the session as stored: every set with its pain beside
// the baseline, what was skipped, and the time it took.
type summaryModel struct {
	outbox    // m.out: an outcome for the root, which takes it after Update
	theme     *Theme
	rec       store.Session
	sets      []store.SetRecord
	decisions []store.Decision
	unsaved   int      // sets still not in the file when the summary was drawn
	leftOut   []string // exercises the plan left out of this session, with why
	// viewport is held by pointer: it is 1 KB, and the root, which holds
	// every page, is copied on every message. It is never changed in
	// place (scroll changes a copy), so an older root keeps its own.
	viewport *viewport.Model
	width    int
	height   int
}

func newSummaryModel(t *Theme, rec store.Session, sets []store.SetRecord, decisions []store.Decision, unsaved int, leftOut []string) summaryModel {
	vp := viewport.New(0, 0)
	vp.KeyMap.Up = summaryKeys.up
	vp.KeyMap.Down = summaryKeys.down
	return summaryModel{theme: t, rec: rec, sets: sets, decisions: decisions, unsaved: unsaved, leftOut: leftOut, viewport: &vp}
}

// scroll changes a copy of the viewport, which then replaces it.
func (m *summaryModel) scroll(change func(*viewport.Model)) {
	vp := *m.viewport
	change(&vp)
	m.viewport = &vp
}

// summaryKeys is the page's key map: the keys it matches (the viewport
// scrolls by up and down), as the footer shows them.
var summaryKeys = struct{ home, quit, up, down key.Binding }{
	home: withHelp(keyEnter, "enter", "home"), quit: keyQuit, up: keyUp, down: keyDown,
}

func (m summaryModel) keys() keyMap {
	k := summaryKeys
	return newKeyMap(k.home, k.quit).with(k.up, k.down)
}

func (m *summaryModel) setSize(w, h int) {
	m.width, m.height = w, h
	if m.viewport == nil {
		return // no session has ended yet
	}
	// The head and the table's column names stay; the rows scroll.
	head := lipgloss.Height(m.headView()) + 1
	content := m.tableView()
	m.scroll(func(vp *viewport.Model) {
		vp.Width, vp.Height = w, max(h-head-2, 3) // a line for "more below"
		vp.SetContent(content)
	})
}

func (m summaryModel) Update(msg tea.Msg) (summaryModel, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, summaryKeys.home):
			m.out = backMsg{}
			return m, nil
		case key.Matches(km, summaryKeys.quit):
			return m, tea.Quit
		}
	}
	var cmd tea.Cmd
	m.scroll(func(vp *viewport.Model) { *vp, cmd = vp.Update(msg) })
	return m, cmd
}

func (m summaryModel) View() string {
	v := m.headView() + "\n\n" + m.columns() + "\n" + m.viewport.View()
	if !m.viewport.AtBottom() {
		v += "\n" + m.theme.Highlight.Render("↓ more below: press j or ↓")
	}
	return v
}

func (m summaryModel) headView() string {
	t := m.theme
	done, skipped, byRules := 0, 0, 0
	for _, s := range m.sets {
		switch {
		case m.byRules(s):
			byRules++
		case s.Skipped:
			skipped++
		default:
			done++
		}
	}
	rulesPart := ""
	if byRules > 0 {
		rulesPart = fmt.Sprintf(", %d %s", byRules, store.LeftOutByRules)
	}
	title := "Session done"
	if m.rec.Status == store.StatusStopped {
		title = "Session stopped"
	}
	took := ""
	if !m.rec.EndedAt.IsZero() {
		took = " · took " + routine.FormatDuration(m.rec.EndedAt.Sub(m.rec.StartedAt).Round(time.Second))
	}
	lines := []string{
		t.Title.Render(title) + t.Faint.Render(" · "+m.rec.Routine+took),
		fmt.Sprintf("%s done, %d %s%s. Pain before the session: %s.", plural(done, "set", "sets"), skipped, store.SkippedByYou,
			rulesPart, t.Pain(m.rec.Baseline)),
	}
	if len(m.leftOut) > 0 {
		lines = append(lines, t.Faint.Render("Not in this session: "+strings.Join(m.leftOut, "; ")+"."))
	}
	if m.rec.Status == store.StatusStopped {
		lines = append(lines, lipgloss.NewStyle().Bold(true).Foreground(t.Danger).Render(
			"■ The session was stopped early to protect you: rest now, and if the pain stays up, call your care team."))
	}
	if m.unsaved > 0 {
		lines = append(lines, t.Error.Render(fmt.Sprintf("%s could not be saved to the data file.", plural(m.unsaved, "score", "scores"))))
	}
	return wrap(m.width, strings.Join(lines, "\n"))
}

// byRules: a set the pain rules left out, not one the patient skipped
// (store.LeftOut).
func (m summaryModel) byRules(s store.SetRecord) bool { return store.LeftOut(s, m.decisions) }

// nameWidth is the exercise column's width: what the other columns leave.
func (m summaryModel) nameWidth() int {
	return max(min(m.width-(1+6+1+15+1+22), 60), 16)
}

func (m summaryModel) row(name, side, done, pain string) string {
	n := m.nameWidth()
	return fmt.Sprintf("%-*s %-6s %-15s %s", n, truncate(name, n), side, done, pain)
}

// columns names the table's columns; it stays while the rows scroll.
func (m summaryModel) columns() string {
	return m.theme.Section.Render(m.row("Exercise", "Side", "Done", "Pain (before → after)"))
}

func (m summaryModel) tableView() string {
	t := m.theme
	row := m.row
	var lines []string
	for _, s := range m.sets {
		side := s.Side.String()
		if side == "" {
			side = "-"
		}
		var done, pain string
		switch {
		case m.byRules(s):
			done, pain = "left out: rules", t.Faint.Render("-")
		case s.Skipped:
			done, pain = "skipped", t.Faint.Render("-")
		case s.Hold > 0 && s.RepsPlanned > 1:
			done = fmt.Sprintf("%d/%d × %s", s.RepsDone, s.RepsPlanned, routine.FormatDuration(s.Hold))
		case s.Hold > 0:
			done = routine.FormatDuration(s.Hold)
		default:
			done = plural(s.RepsDone, "time", "times")
		}
		if !s.Skipped {
			pain = fmt.Sprintf("%d → %s", m.rec.Baseline, t.Pain(s.Pain))
			if rise := s.Pain - m.rec.Baseline; rise > 0 {
				pain += t.Faint.Render(fmt.Sprintf(" (+%d)", rise))
			}
		}
		lines = append(lines, row(s.Exercise, side, done, pain))
	}
	var changes []string
	for _, d := range m.decisions {
		if d.Rule != routine.RuleNone { // a start no rule moved is no change
			changes = append(changes, indented(m.width, routine.Rule(d.Rule).Mark(), d.Reason))
		}
	}
	if len(changes) > 0 {
		lines = append(lines, "", t.Section.Render("Changes to the dose today"))
		lines = append(lines, changes...)
	}
	return strings.Join(lines, "\n")
}

func (m summaryModel) resized(w, h int) summaryModel { m.setSize(w, h); return m }

// narration is what plain mode says when the page is entered: the
// stored session, a set a line.
func (m summaryModel) narration() []string {
	lines := []string{strings.TrimSpace(strings.Split(m.headView(), "\n")[0])}
	for _, r := range m.sets {
		if r.Skipped {
			lines = append(lines, routine.SetLabel(r.Exercise, r.Side)+": skipped.")
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: pain %d, before the session %d.", routine.SetLabel(r.Exercise, r.Side), r.Pain, m.rec.Baseline))
	}
	for _, d := range m.decisions {
		if d.Rule != routine.RuleNone { // a start no rule moved is no change
			lines = append(lines, d.Reason)
		}
	}
	return append(lines, "Press Enter to go home, or q to quit.")
}
