package tui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"

	"github.com/spinecoach/spinecoach/routine"
)

// coachNotice is said on first run and in --help: the app coaches, it does
// not replace the care team.
const coachNotice = "spinecoach coaches you through your exercises; it does not replace your surgeon or " +
	"physical therapist. Their advice comes first, and a prescription from them replaces the routines it ships."

// SetupAnswers are what the setup form asks.
type SetupAnswers struct {
	SurgeryDate  string // YYYY-MM-DD
	Region       string // "", cervical, thoracic or lumbar
	ClearedPhase int
}

// NewSetupForm builds the setup form over answers, checking the date
// against now; cleared is the phase already cleared, so a phase up to it
// is not said to need clearance. main runs it on its own for
// `spinecoach setup`; the setup screen embeds it on first run.
func NewSetupForm(p routine.Program, answers *SetupAnswers, now func() time.Time, cleared int) *huh.Form {
	var phases []huh.Option[int]
	for _, r := range p.Headers() {
		label := fmt.Sprintf("Phase %d · %s", r.Phase, r.Name)
		switch {
		case r.NeedsClearance && r.Phase <= cleared:
			label += " (cleared)"
		case r.NeedsClearance:
			label += " (needs clearance)"
		}
		phases = append(phases, huh.NewOption(label, r.Phase))
	}
	keys := huh.NewDefaultKeyMap()
	keys.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip setup"))
	// huh's note does not wrap: wrap the notice to fit an 80-column screen.
	notice := ansi.Wordwrap(coachNotice, 70, "")
	return huh.NewForm(huh.NewGroup(
		huh.NewNote().Title("Set up spinecoach").Description(notice),
		huh.NewInput().Title("When was your surgery? (YYYY-MM-DD)").
			Placeholder("YYYY-MM-DD").Value(&answers.SurgeryDate).
			Validate(func(s string) error { _, err := routine.ParseSurgeryDate(s, now()); return err }),
		huh.NewSelect[string]().Title("Where was the fusion?").Inline(true).Options(
			huh.NewOption("Lower back (lumbar)", string(routine.RegionLumbar)),
			huh.NewOption("Mid back (thoracic)", string(routine.RegionThoracic)),
			huh.NewOption("Neck (cervical)", string(routine.RegionCervical)),
			huh.NewOption("I am not sure", ""),
		).Value(&answers.Region),
		huh.NewSelect[int]().Title("Which phase has your surgeon or therapist cleared you for?").Inline(true).
			Options(phases...).Value(&answers.ClearedPhase),
	)).WithKeyMap(keys).WithShowHelp(false).WithShowErrors(true).
		// Its own default, built once: without a theme set, huh builds
		// the whole theme again for every field at every draw.
		WithTheme(huh.ThemeCharm())
}

// setupModel is the first-run setup screen: the form, skippable with esc.
type setupModel struct {
	outbox  // m.out: an outcome for the root, which takes it after Update
	form    *huh.Form
	answers *SetupAnswers
	width   int
}

// setupDoneMsg reports the answers, or that setup was skipped.
type setupDoneMsg struct {
	answers SetupAnswers
	skipped bool
}

func newSetupModel(p routine.Program, now func() time.Time) setupModel {
	answers := &SetupAnswers{Region: string(routine.RegionLumbar), ClearedPhase: 2}
	return setupModel{form: NewSetupForm(p, answers, now, 0), answers: answers}
}

func (m setupModel) keys() keyMap {
	return newKeyMap(withHelp(keyEnter, "enter", "next"), key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip setup")))
}

func (m setupModel) Init() tea.Cmd { return m.form.Init() }

func (m setupModel) Update(msg tea.Msg) (setupModel, tea.Cmd) {
	next, cmd := m.form.Update(msg)
	if f, ok := next.(*huh.Form); ok {
		m.form = f
	}
	switch m.form.State {
	case huh.StateCompleted:
		m.out = setupDoneMsg{answers: *m.answers}
	case huh.StateAborted:
		m.out = setupDoneMsg{skipped: true}
	}
	return m, cmd
}

// setSize lays the form out for the room the root gives it; huh would
// otherwise assume a size of its own and scroll its top out of view.
func (m *setupModel) setSize(w, h int) {
	m.width = w
	if m.form != nil {
		// huh sizes its fields for the height given and puts an error below
		// them: leave the lines that takes (a blank and up to two).
		m.form = m.form.WithWidth(w).WithHeight(h - 3)
	}
}

func (m setupModel) View() string { return m.form.View() }

func (m setupModel) resized(w, h int) setupModel { m.setSize(w, h); return m }

// narration is what plain mode says when the page is entered.
func (m setupModel) narration() []string {
	return []string{coachNotice, "Setup: this form is easiest with a screen; press Esc to skip it and run spinecoach setup --surgery-date YYYY-MM-DD instead."}
}
