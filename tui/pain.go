package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// scoreInput takes a 0-10 pain score typed as digits then Enter. Anything
// else is refused with a hint; nothing leaves it but a valid score.
type scoreInput struct {
	digits string
	hint   string
}

const scoreHint = "Type a number from 0 to 10, then press Enter."

// update handles one key message; ok is true when Enter confirmed a valid
// score. Typed characters may arrive several to a message (fast typing,
// paste), so runes are taken one by one.
func (s scoreInput) update(msg tea.KeyMsg) (next scoreInput, score int, ok bool) {
	s.hint = ""
	switch {
	case msg.Type == tea.KeyRunes:
		for _, r := range msg.Runes {
			switch {
			case r < '0' || r > '9':
				s.hint = "Only digits here. " + scoreHint
				return s, 0, false
			case len(s.digits) >= 2:
				s.hint = "Two digits at most. " + scoreHint
				return s, 0, false
			}
			s.digits += string(r)
		}
	case key.Matches(msg, keyErase):
		if s.digits != "" {
			s.digits = s.digits[:len(s.digits)-1]
		}
	case key.Matches(msg, keyEnter):
		if s.digits == "" {
			s.hint = scoreHint
			return s, 0, false
		}
		n, err := strconv.Atoi(s.digits)
		if err != nil || n < 0 || n > 10 {
			s.hint = s.digits + " is not on the scale. " + scoreHint
			s.digits = ""
			return s, 0, false
		}
		return scoreInput{}, n, true
	default:
		s.hint = "Only digits here. " + scoreHint
	}
	return s, 0, false
}

// pending is the typed score if it is a valid one.
func (s scoreInput) pending() (int, bool) {
	n, err := strconv.Atoi(s.digits)
	return n, err == nil && n >= 0 && n <= 10
}

// view draws the scale with the typed score marked, the words for it, the
// field and any hint.
func (s scoreInput) view(t *Theme, width int) string { return s.viewWith(t, width, t.Pain) }

// viewWith is view with label saying what a valid typed score means.
func (s scoreInput) viewWith(t *Theme, width int, label func(int) string) string {
	n, valid := s.pending()
	var cells []string
	for i := 0; i <= 10; i++ {
		// The chosen score is bracketed, so it shows without colour too.
		c := " " + lipgloss.NewStyle().Foreground(t.PainColor(i)).Render(strconv.Itoa(i)) + " "
		if valid && i == n {
			c = lipgloss.NewStyle().Bold(true).Foreground(t.PainColor(i)).Render("[" + strconv.Itoa(i) + "]")
		}
		cells = append(cells, c)
	}
	scale := strings.Join(cells, "")
	legend := t.Faint.Render("0 none · 1-3 mild · 4-6 moderate · 7-10 severe · 10 worst imaginable")
	field := "Your score: " + t.Strong.Render(s.digits+"▏")
	if valid {
		field += "  " + label(n)
	}
	lines := []string{scale, legend, t.Faint.Render(t.ZoneLegend()), "", field}
	if s.hint != "" {
		lines = append(lines, t.Error.Render(s.hint))
	} else {
		lines = append(lines, t.Faint.Render(scoreHint))
	}
	return lipgloss.NewStyle().MaxWidth(width).Render(strings.Join(lines, "\n"))
}

// painModel asks for the pain score after a set.
type painModel struct {
	outbox   // m.out: an outcome for the root, which takes it after Update
	theme    *Theme
	run      *sessionRun
	input    scoreInput
	width    int
	height   int
	quitting bool
}

// painEnteredMsg reports a valid score for the set that just ended.
type painEnteredMsg struct{ score int }

func newPainModel(t *Theme, run *sessionRun) painModel {
	return painModel{theme: t, run: run}
}

// painKeys is the page's key map: the keys it matches (the score field
// takes the digits, Enter and Backspace), as the footer shows them; yes
// and stay answer the leave question.
var painKeys = struct{ digits, save, leave, erase, yes, stay key.Binding }{
	digits: keyDigits, save: withHelp(keyEnter, "enter", "save score"), leave: keyLeave, erase: keyErase,
	yes: keyYes, stay: key.NewBinding(key.WithKeys("n", "N", "enter"), key.WithHelp("n", "no")),
}

func (m painModel) keys() keyMap {
	k := painKeys
	return newKeyMap(k.digits, k.save, k.leave).with(k.erase)
}

func (m painModel) Update(msg tea.Msg) (painModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if m.quitting {
		return m.confirmUpdate(km)
	}
	if key.Matches(km, painKeys.leave) {
		m.quitting = true
		return m, nil
	}
	var score int
	var done bool
	m.input, score, done = m.input.update(km)
	if done {
		m.out = painEnteredMsg{score: score}
		return m, nil
	}
	return m, nil
}

func (m painModel) confirmUpdate(km tea.KeyMsg) (painModel, tea.Cmd) {
	switch {
	case key.Matches(km, painKeys.yes):
		m.quitting = false
		m.out = leaveSessionMsg{}
		return m, nil
	case key.Matches(km, painKeys.stay):
		m.quitting = false
	}
	return m, nil
}

func (m painModel) View() string {
	t := m.theme
	p, _ := m.run.sess.Current()
	what := p.Label()
	lines := []string{
		t.Title.Render("Pain check") + t.Faint.Render(" · "+what),
		"",
		"How much pain do you feel right now, 0 to 10?",
		t.Faint.Render("Before the session you said ") + t.Pain(m.run.rec.Baseline) + t.Faint.Render("."),
		"",
		m.input.viewWith(t, m.width, m.zoned),
	}
	if n, ok := m.input.pending(); ok {
		if rise := n - m.run.rec.Baseline; rise > 0 {
			lines = append(lines, "", t.Faint.Render("That is "+strconv.Itoa(rise)+" above your score before the session."))
		}
	}
	if wait := m.run.waitLines(t, m.width); wait != nil {
		lines = append(append(lines, ""), wait...)
	}
	return strings.Join(lines, "\n")
}

// zoned is a typed score in the colour and words of the zone the rules
// will give it, with the rise from the check-in: "5/10 · red: this
// exercise stops for today", before Enter.
func (m painModel) zoned(score int) string {
	z := m.run.sess.Preview(score)
	return lipgloss.NewStyle().Bold(true).Foreground(m.theme.ZoneColor(z)).
		Render(strconv.Itoa(score) + "/10 · " + routine.ZoneOutcome(z))
}

// asking is the leave question while it is asked; the root pins it.
func (m painModel) asking() string {
	if !m.quitting {
		return ""
	}
	return wrap(m.width, confirmLeaveView(m.theme))
}

func (m painModel) resized(w, h int) painModel { m.width, m.height = w, h; return m }

// narration is what plain mode says when the page is entered.
func (m painModel) narration() []string {
	p, _ := m.run.sess.Current()
	return []string{fmt.Sprintf("Pain check after %s. Before the session you said %d. Type a number from 0 to 10, then press Enter.",
		p.Label(), m.run.rec.Baseline)}
}

// question: each pain prompt is a question of its own, and so is the
// same prompt once its score is being written.
func (m painModel) question() string { return runQuestion(screenPain, m.run) }
