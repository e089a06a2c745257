package tui

import (
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
	SurgeryDate  string // YYYY-MM-DD once checked; as typed while the form runs
	Region       string // "", cervical, thoracic or lumbar; regionNotChosen until chosen
	ClearedPhase int    // phaseNotChosen until chosen
}

// NewSetupAnswers are the answers of a setup nothing has been chosen in.
func NewSetupAnswers() SetupAnswers {
	return SetupAnswers{Region: regionNotChosen, ClearedPhase: phaseNotChosen}
}

// NewSetupForm builds the setup form over answers, checking the date
// against now and reading a slashed one in the order o; cleared is the
// phase already cleared, so a phase up to it is not said to need
// clearance. main runs it on its own for `spinecoach setup`; the setup
// screen embeds it on first run. A select whose answer is not chosen yet
// shows "Choose one" and refuses Enter with what to do.
func NewSetupForm(p routine.Program, answers *SetupAnswers, now func() time.Time, cleared int, o routine.DateOrder) *huh.Form {
	regions := []huh.Option[string]{huh.NewOption("Choose one", regionNotChosen)}
	for _, c := range regionChoices() {
		regions = append(regions, huh.NewOption(c.label, c.value))
	}
	phases := []huh.Option[int]{huh.NewOption("Choose one", phaseNotChosen)}
	for _, c := range phaseChoices(p, cleared) {
		phases = append(phases, huh.NewOption(c.label, c.value))
	}
	keys := huh.NewDefaultKeyMap()
	keys.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip setup"))
	// huh's note does not wrap: wrap the notice to fit an 80-column screen.
	notice := ansi.Wordwrap(coachNotice, 70, "")
	return huh.NewForm(huh.NewGroup(
		huh.NewNote().Title("Set up spinecoach").Description(notice),
		huh.NewInput().Title(questionDate).Description(ansi.Wordwrap(dateHint(o), 70, "")).
			Placeholder("type the date").Value(&answers.SurgeryDate).
			Validate(func(s string) error { _, err := checkDate(s, now(), o); return err }),
		huh.NewSelect[string]().Title(questionRegion).Inline(true).Options(regions...).Value(&answers.Region).
			Validate(func(s string) error {
				if s == regionNotChosen {
					return errRegionNotChosen
				}
				return nil
			}),
		huh.NewSelect[int]().Title(questionPhase).Inline(true).Options(phases...).Value(&answers.ClearedPhase).
			Validate(func(n int) error {
				if n == phaseNotChosen {
					return errPhaseNotChosen
				}
				return nil
			}),
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
	now     func() time.Time
	order   routine.DateOrder
}

// setupDoneMsg reports the answers, or that setup was skipped.
type setupDoneMsg struct {
	answers SetupAnswers
	skipped bool
}

func newSetupModel(p routine.Program, now func() time.Time, o routine.DateOrder) setupModel {
	answers := NewSetupAnswers()
	return setupModel{form: NewSetupForm(p, &answers, now, 0, o), answers: &answers, now: now, order: o}
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
		done := *m.answers
		// The form checked the date; its answer is kept as YYYY-MM-DD.
		done.SurgeryDate, _ = checkDate(done.SurgeryDate, m.now(), m.order)
		m.out = setupDoneMsg{answers: done}
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
	return []string{coachNotice, "Setup: press Esc to skip it here, then run spinecoach setup --plain to answer its questions line by line."}
}
