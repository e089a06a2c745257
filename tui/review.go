package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
)

// reviewModel asks the weekly function review (CLINICAL.md, "Function,
// week by week") through routine.ReviewForm: one question at a time, the
// answer typed then Enter. The field starts empty for every question:
// nothing is preselected that Enter alone would record. Esc skips the
// whole review (in a rename it keeps the old name instead); on a question
// that takes a number, s skips too.
type reviewModel struct {
	outbox // m.out: an outcome for the root, which takes it after Update
	theme  *Theme
	form   routine.ReviewForm
	// input is held by pointer: a textinput is 5 KB, and the root, which
	// holds every page, is copied on every message and every frame. It is
	// never changed in place (edit changes a copy), so an older root keeps
	// its own.
	input   *textinput.Model
	hint    string // why the last answer was refused
	offered bool   // asked after a session: a skip is recorded, to ask again next session day
	saving  bool   // answered: the root is writing it
	width   int
}

// reviewAnsweredMsg reports a complete review, for the root to store.
type reviewAnsweredMsg struct{ review routine.Review }

// reviewSkippedMsg reports the review skipped (offered: recorded as such).
type reviewSkippedMsg struct{ offered bool }

func newReviewModel(t *Theme, form routine.ReviewForm, offered bool) reviewModel {
	in := textinput.New()
	in.Prompt = "> "
	in.CharLimit = routine.MaxActivityName
	in.Focus()
	return reviewModel{theme: t, form: form, input: &in, offered: offered}
}

// edit changes a copy of the input, which then replaces it.
func (m *reviewModel) edit(change func(*textinput.Model)) {
	in := *m.input
	change(&in)
	m.input = &in
}

// reviewKeys is the page's key map, as the footer shows it.
var reviewKeys = struct{ answer, skip, skipS, back, erase key.Binding }{
	answer: withHelp(keyEnter, "enter", "answer"),
	skip:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip the review")),
	skipS:  withHelp(keySkip, "s", "skip the review"),
	back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "keep the old name")),
	erase:  keyErase,
}

// numeric reports a question answered by a number (or r/x): letters
// other than those are keys there, not text.
func (m reviewModel) numeric() bool {
	switch m.form.Step() {
	case routine.AskBackPain, routine.AskLimbPain, routine.AskKept, routine.AskNewScore:
		return true
	}
	return false
}

func (m reviewModel) keys() keyMap {
	k := reviewKeys
	switch {
	case m.form.Step() == routine.AskRename:
		return newKeyMap(k.answer, k.back).with(k.erase)
	case m.numeric():
		return newKeyMap(withHelp(keyDigits, "0-10", "rating"), k.answer, k.skipS).with(k.skip, k.erase)
	}
	return newKeyMap(k.answer, k.skip).with(k.erase)
}

func (m reviewModel) Update(msg tea.Msg) (reviewModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || m.saving {
		return m, nil
	}
	switch {
	case m.form.Done() && key.Matches(km, reviewKeys.answer):
		m.saving = true // a save that failed is tried again
		m.out = reviewAnsweredMsg{review: m.form.Review()}
		return m, nil
	case m.form.Step() == routine.AskRename && key.Matches(km, reviewKeys.back):
		m.form, m.hint = m.form.Back(), ""
		m.edit((*textinput.Model).Reset)
		return m, nil
	case key.Matches(km, reviewKeys.skip), m.numeric() && m.input.Value() == "" && key.Matches(km, reviewKeys.skipS):
		m.out = reviewSkippedMsg{offered: m.offered}
		return m, nil
	case key.Matches(km, reviewKeys.answer):
		return m.answer()
	}
	var cmd tea.Cmd
	m.edit(func(in *textinput.Model) { *in, cmd = in.Update(km) })
	return m, cmd
}

// answer gives the form what was typed.
func (m reviewModel) answer() (reviewModel, tea.Cmd) {
	next, why := m.form.Answer(m.input.Value())
	m.hint = why
	if why != "" {
		m.edit((*textinput.Model).Reset)
		return m, nil
	}
	m.form = next
	m.edit((*textinput.Model).Reset)
	if m.form.Done() {
		m.saving = true
		m.out = reviewAnsweredMsg{review: m.form.Review()}
	}
	return m, nil
}

func (m reviewModel) View() string {
	t := m.theme
	lines := []string{t.Title.Render("Weekly review") + t.Faint.Render(" · how your back has been this week"), ""}
	switch {
	case m.saving:
		lines = append(lines, "Saving your answers...")
	case m.form.Done():
		lines = append(lines, "Your answers are not saved yet. Press Enter to try again.")
	default:
		lines = append(lines, m.form.Question(), "", m.input.View())
		if m.hint != "" {
			lines = append(lines, t.Error.Render(m.hint))
		}
	}
	if rs := m.form.Review().Activities; len(rs) > 0 {
		lines = append(lines, "", t.Faint.Render("Rated so far:"))
		for _, a := range rs {
			lines = append(lines, t.Faint.Render(fmt.Sprintf("  %2d  %s", a.Score, a.Name)))
		}
	}
	return wrap(m.width, strings.Join(lines, "\n"))
}

func (m reviewModel) resized(w, _ int) reviewModel {
	m.width = w
	if m.input != nil { // nil until the review is offered
		m.edit(func(in *textinput.Model) { in.Width = max(w-4, 10) })
	}
	return m
}

// narration is what plain mode says when the page is entered, and again
// at each new question.
func (m reviewModel) narration() []string {
	if m.form.Done() {
		return nil
	}
	return []string{m.form.Question()}
}

// question: each of the form's questions is a new one, answered only by
// keys pressed once it is drawn.
func (m reviewModel) question() string {
	if m.form.Done() {
		return ""
	}
	return m.form.Question()
}
