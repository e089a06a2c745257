// Package tui is the Bubble Tea interface of spinecoach. The root model
// routes messages and lays out the frame; each screen is its own model and
// reports outcomes as messages; every store call is a Cmd in commands.go.
package tui

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// screen is which screen the root shows.
type screen int

const (
	screenHome screen = iota
	screenResume
	screenCheckin
	screenExercise
	screenPain
	screenSummary
)

func (s screen) String() string {
	switch s {
	case screenHome:
		return "home"
	case screenResume:
		return "resume"
	case screenCheckin:
		return "check-in"
	case screenExercise:
		return "exercise"
	case screenPain:
		return "pain"
	case screenSummary:
		return "summary"
	}
	return fmt.Sprintf("screen(%d)", int(s))
}

// Smallest terminal the screens are laid out for.
const (
	minWidth  = 60
	minHeight = 18
)

// Config is what the program needs from main.
type Config struct {
	Store   *store.Store
	Routine routine.Routine  // today's routine
	Rule    routine.DoseRule // how dose levels change the prescription
	Level   int              // today's starting dose level
	Short   bool             // a short day: optional exercises left out
	Clock   Clock
	Theme   *Theme
	Bell    io.Writer // where the bell goes; nil for no bell
	Start   bool      // go straight into today's session
}

// sessionRun is the session in progress, shared by the screens that show it.
type sessionRun struct {
	rec     store.Session
	sess    *routine.Session
	unsaved map[int]routine.SetResult // handed to the store, commit not yet confirmed
	saved   string                    // the last confirmed save, in words
	failed  bool                      // a write failed and is being retried
	ending  bool                      // the session is over; waiting for the last writes
}

// App is the root model.
type App struct {
	cfg       Config
	screen    screen
	width     int
	height    int
	help      help.Model
	footerErr string
	fatal     error

	home     homeModel
	resume   resumeModel
	checkin  checkinModel
	exercise exerciseModel
	pain     painModel
	summary  summaryModel
	run      *sessionRun
}

// New builds the root model.
func New(cfg Config) App {
	if cfg.Theme == nil {
		cfg.Theme = DefaultTheme()
	}
	h := help.New()
	h.Styles.ShortKey = cfg.Theme.Strong
	h.Styles.FullKey = cfg.Theme.Strong
	return App{cfg: cfg, screen: screenHome, help: h, home: newHomeModel(cfg.Theme, cfg.Routine),
		width: 80, height: 24}
}

// Err is the fatal error that ended the program, if any.
func (a App) Err() error { return a.fatal }

func (a App) Init() tea.Cmd { return loadHome(a.cfg.Store, a.cfg.Clock.Now()) }

func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return a, nil
	case tea.KeyMsg:
		a.footerErr = ""
		switch {
		case key.Matches(msg, keyForce):
			return a, tea.Quit
		case key.Matches(msg, keyHelp):
			a.help.ShowAll = !a.help.ShowAll
			a.resize()
			return a, nil
		}
	case errMsg:
		if msg.fatal {
			a.fatal = msg.err
			return a, tea.Quit
		}
		a.footerErr = msg.err.Error()
		return a, nil
	case bellMsg:
		if a.cfg.Bell != nil {
			return a, ringBell(a.cfg.Bell)
		}
		return a, nil
	}
	if next, cmd, handled := a.outcome(msg); handled {
		return next, cmd
	}
	return a.route(msg)
}

// outcome handles what screens and Cmds report, deciding what comes next.
func (a App) outcome(msg tea.Msg) (App, tea.Cmd, bool) {
	st, now := a.cfg.Store, a.cfg.Clock.Now()
	switch msg := msg.(type) {
	case homeLoadedMsg:
		a.home.data = &msg.data
		if a.cfg.Start {
			a.cfg.Start = false
			a, cmd := a.startOrResume()
			return a, cmd, true
		}
		return a, nil, true
	case startMsg:
		a, cmd := a.startOrResume()
		return a, cmd, true
	case backMsg:
		if a.run != nil && !a.run.ending && len(a.run.unsaved) == 0 {
			a.run = nil // the session is over and stored: its save line goes too
		}
		return a.goHome(""), loadHome(st, now), true
	case baselineMsg:
		return a, startSession(st, a.cfg.Routine, msg.score, a.cfg.Level, a.cfg.Short, now), true
	case sessionStartedMsg:
		sess, err := routine.NewSession(a.cfg.Routine, a.cfg.Rule, routine.Options{Level: a.cfg.Level, Short: a.cfg.Short})
		if err != nil {
			return a, emit(errMsg{err: err}), true
		}
		return a.startRun(msg.rec, sess)
	case resumeMsg:
		return a, loadResume(st, msg.id), true
	case resumeLoadedMsg:
		return a.resumeRun(msg)
	case discardMsg:
		return a, discardSession(st, msg.id, now), true
	case discardedMsg:
		return a.goHome("The unfinished session was discarded; it stays in your records."), loadHome(st, now), true
	case leaveSessionMsg:
		a.run = nil
		return a.goHome("Session kept: press Enter to resume it when you are ready."), loadHome(st, now), true
	case setResultMsg:
		var cmds []tea.Cmd
		for _, r := range msg.results {
			cmds = append(cmds, a.save(r))
		}
		a, cmd := a.afterStep()
		return a, tea.Batch(append(cmds, cmd)...), true
	case painEnteredMsg:
		res, out := a.run.sess.Pain(msg.score, now)
		if out.Refused != "" {
			a.footerErr = out.Refused
			return a, nil, true
		}
		cmd := a.save(res)
		a, next := a.afterStep()
		return a, tea.Batch(cmd, next), true
	case setSavedMsg:
		if a.run != nil && a.run.rec.ID == msg.rec.ID {
			delete(a.run.unsaved, msg.res.Index)
			a.run.saved = savedText(msg.res)
			a.run.failed = false
			return a, a.maybeEnd(), true
		}
		return a, nil, true
	case setSaveFailedMsg:
		a.footerErr = "This score is NOT saved yet (" + msg.err.Error() + "); trying again."
		if a.run != nil && a.run.rec.ID == msg.rec.ID {
			a.run.failed = true
			return a, tea.Batch(retrySave(msg.rec, msg.res), a.maybeEnd()), true
		}
		return a, retrySave(msg.rec, msg.res), true
	case retrySaveMsg:
		return a, saveSet(st, msg.rec, msg.res), true
	case sessionEndedMsg:
		unsaved := 0
		if a.run != nil {
			unsaved = len(a.run.unsaved)
		}
		a.summary = newSummaryModel(a.cfg.Theme, msg.rec, msg.sets, unsaved)
		a.screen = screenSummary
		a.resize()
		return a, nil, true
	}
	return a, nil, false
}

// startOrResume offers an unfinished session if there is one, or starts
// the check-in of a new one.
func (a App) startOrResume() (App, tea.Cmd) {
	if d := a.home.data; d != nil && d.open != nil {
		a.resume = newResumeModel(a.cfg.Theme, *d.open, d.openDone)
		a.screen = screenResume
	} else {
		a.checkin = newCheckinModel(a.cfg.Theme, a.cfg.Routine.Name)
		a.screen = screenCheckin
	}
	a.resize()
	return a, nil
}

func (a App) startRun(rec store.Session, sess *routine.Session) (App, tea.Cmd, bool) {
	a.run = &sessionRun{rec: rec, sess: sess, unsaved: map[int]routine.SetResult{}}
	a.exercise = newExerciseModel(a.cfg.Theme, a.cfg.Clock, a.run)
	a.screen = screenExercise
	a.resize()
	a, cmd := a.afterStep()
	return a, cmd, true
}

// resumeRun rebuilds the state machine from what the file holds, at the
// first set with no result and at the dose level last in force.
func (a App) resumeRun(msg resumeLoadedMsg) (App, tea.Cmd, bool) {
	r := a.cfg.Routine
	if msg.rec.RoutineID != r.ID {
		a.footerErr = fmt.Sprintf("That session was of the routine %q, which is not today's routine; discard it to go on.", msg.rec.Routine)
		return a, nil, true
	}
	level := msg.rec.DoseLevel
	var done []int
	for _, s := range msg.sets {
		done = append(done, s.Index)
		level = max(level, s.DoseLevel)
	}
	sess, err := routine.NewSession(r, a.cfg.Rule, routine.Options{Level: level, Short: msg.rec.Short, Done: done})
	if err != nil {
		a.footerErr = err.Error() + "; discard it to go on."
		return a, nil, true
	}
	return a.startRun(msg.rec, sess)
}

// save hands one set to the store and remembers it until the commit returns.
func (a App) save(r routine.SetResult) tea.Cmd {
	a.run.unsaved[r.Index] = r
	return saveSet(a.cfg.Store, a.run.rec, r)
}

// afterStep shows the screen for the session's current step.
func (a App) afterStep() (App, tea.Cmd) {
	switch a.run.sess.Step() {
	case routine.StepPain:
		if a.screen != screenPain {
			a.pain = newPainModel(a.cfg.Theme, a.run)
			a.screen = screenPain
			a.resize()
		}
	case routine.StepDone:
		a.run.ending = true
		return a, a.maybeEnd()
	default:
		if a.screen != screenExercise {
			a.screen = screenExercise
			a.resize()
			return a, a.exercise.start()
		}
	}
	return a, nil
}

// maybeEnd closes the session once its last writes have returned (or
// failed: the summary then says what is not saved).
func (a App) maybeEnd() tea.Cmd {
	r := a.run
	if !r.ending || (len(r.unsaved) > 0 && !r.failed) {
		return nil
	}
	r.ending = false
	return endSession(a.cfg.Store, r.rec, store.StatusCompleted, a.cfg.Clock.Now())
}

func (a App) goHome(notice string) App {
	a.home.notice = notice
	a.home.data = nil
	a.screen = screenHome
	a.resize()
	return a
}

// route passes a message to the active screen.
func (a App) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch a.screen {
	case screenHome:
		if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, keyQuit) {
			return a, tea.Quit
		}
		a.home, cmd = a.home.Update(msg)
	case screenResume:
		a.resume, cmd = a.resume.Update(msg)
	case screenCheckin:
		a.checkin, cmd = a.checkin.Update(msg)
	case screenExercise:
		a.exercise, cmd = a.exercise.Update(msg)
		if a.run != nil {
			var next tea.Cmd
			a, next = a.afterStep()
			cmd = tea.Batch(cmd, next)
		}
	case screenPain:
		if _, ok := msg.(tickMsg); ok {
			return a, nil // no countdown runs during the pain prompt
		}
		a.pain, cmd = a.pain.Update(msg)
	case screenSummary:
		a.summary, cmd = a.summary.Update(msg)
	}
	return a, cmd
}

// keys is the active screen's key map, for the footer.
func (a App) keys() keyMap {
	switch a.screen {
	case screenHome:
		return a.home.keys()
	case screenResume:
		return a.resume.keys()
	case screenCheckin:
		return a.checkin.keys
	case screenExercise:
		return a.exercise.keys()
	case screenPain:
		return a.pain.keys
	case screenSummary:
		return a.summary.keys()
	}
	return newKeyMap()
}

// resize gives the active screen the room left between header and footer.
func (a *App) resize() {
	w, h := a.width-2, a.bodyHeight()
	a.home.width, a.home.height = w, h
	a.checkin.width = w
	a.resume.width = w
	a.exercise.width, a.exercise.height = w, h
	a.pain.width, a.pain.height = w, h
	if a.screen == screenSummary {
		a.summary.setSize(w, h)
	}
}

func (a App) bodyHeight() int {
	return a.height - lipgloss.Height(a.headerView()) - lipgloss.Height(a.footerView()) - 2
}

func (a App) View() string {
	if a.width < minWidth || a.height < minHeight {
		return fmt.Sprintf("The terminal is %d×%d; spinecoach needs at least %d×%d.\nPlease make the window larger. Your session keeps running.",
			a.width, a.height, minWidth, minHeight)
	}
	var body string
	switch a.screen {
	case screenHome:
		body = a.home.View()
	case screenResume:
		body = a.resume.View()
	case screenCheckin:
		body = a.checkin.View()
	case screenExercise:
		body = a.exercise.View()
	case screenPain:
		body = a.pain.View()
	case screenSummary:
		body = a.summary.View()
	}
	body = lipgloss.NewStyle().Padding(0, 1).Height(a.bodyHeight()).MaxHeight(a.bodyHeight()).Render(body)
	return a.headerView() + "\n\n" + body + "\n" + a.footerView()
}

func (a App) headerView() string {
	t := a.cfg.Theme
	left := t.Title.Render("spinecoach") + t.Faint.Render(" · "+a.cfg.Routine.Name)
	right := ""
	if a.run != nil && (a.screen == screenExercise || a.screen == screenPain) {
		done, total := a.run.sess.Progress()
		right = t.Faint.Render(fmt.Sprintf("set %d of %d", min(done+1, total), total))
	}
	gap := max(a.width-2-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return " " + left + strings.Repeat(" ", gap) + right
}

func (a App) footerView() string {
	t := a.cfg.Theme
	status := ""
	switch {
	case a.footerErr != "":
		status = t.Error.Render(a.footerErr)
	case a.run != nil && len(a.run.unsaved) > 0:
		status = t.Faint.Render("Saving…")
	case a.run != nil && a.run.saved != "":
		status = lipgloss.NewStyle().Foreground(t.Calm).Render("✓ " + a.run.saved)
	}
	a.help.Width = a.width - 2
	line := lipgloss.NewStyle().MaxWidth(a.width - 2).Render(status)
	return " " + line + "\n " + a.help.View(a.keys())
}

// savedText confirms a stored set in words.
func savedText(r routine.SetResult) string {
	what := r.Exercise
	if r.Side != routine.NoSide {
		what += ", " + r.Side.String() + " side"
	}
	if r.Skipped {
		return "Saved: " + what + " skipped."
	}
	return fmt.Sprintf("Saved: pain %d/10 after %s.", r.Pain, what)
}
