// Package tui is the Bubble Tea interface of spinecoach. The root model
// routes messages and lays out the frame; each screen is its own model and
// reports outcomes as messages; every store call is a Cmd in commands.go.
package tui

import (
	"fmt"
	"strings"
	"time"

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
	screenWarning
	screenStop
	screenSetup
	screenClearance
	screenTrends
	screenCount // not a screen: how many there are
)

func (s screen) String() string {
	if s >= 0 && s < screenCount {
		return pageTable[s].name
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
	Store    *store.Store
	Program  routine.Program  // the routines in force: shipped, or a prescription
	Warnings routine.Warnings // asked about before every session
	Short    bool             // a short day: optional exercises left out
	Clock    Clock
	Theme    *Theme
	Cues     Cuer      // sound for the moments of a set; nil for none
	Notice   string    // one line to show on the home screen at start
	Plain    *Narrator // plain mode: a line per step instead of a screen
	Start    bool      // go straight into today's session
	Trends   int       // open on the trends screen over this many days; 0: home
	Guard    *Guard    // where the voice and narration workers report a panic; nil: none
	// Reminders reads whether reminders are on, in the home screen's load
	// Cmd (it reads a file); nil: the home screen does not mention them.
	Reminders func() Reminders
}

// Reminders is what the home screen says about reminders.
type Reminders struct {
	Summary string            // "reminders on (daily at 09:00)", "reminders off"; "" says nothing
	Window  routine.DueWindow // the hours in which sessions are due
}

// sessionRun is the session in progress, shared by the screens that show
// it. The rules and their state live in the routine.Run; this holds what
// the screens add: the stored record and the state of its writes.
type sessionRun struct {
	rec    store.Session
	sess   *routine.Run
	saved  string // the last confirmed save, in words
	failed bool   // a write failed and is being retried
	saving bool   // a pain score is being written: the next step waits for it
	ending bool   // the session is over; waiting for the last writes
	seq    int    // decisions stored so far
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

	screens  // a page of each kind; pageTable finds them by screen
	run      *sessionRun
	writes   *pendingWrites // sets handed to the store whose commit has not come back
	heard    []cueMsg       // this update's cues, for the plain narration
	baseline int            // the check-in score, until the session is stored
	armed    bool           // the question on screen has been drawn: keys may answer it
	armGen   int            // which question the next armMsg is for
	short    bool           // this session is a short day
	plan     routine.Plan   // today's routine, from the surgery date and clearance
	profile  store.Profile
	asked    bool // setup was offered in this run
	scroll   int  // lines of the page scrolled past, when it is taller than the room
	ready    bool // the records have been read once: the first frame can be true
}

// New builds the root model.
func New(cfg Config) App {
	if cfg.Theme == nil {
		cfg.Theme = DefaultTheme()
	}
	if cfg.Cues == nil {
		cfg.Cues = NoCues{}
	}
	if v, ok := cfg.Cues.(*VoiceCues); ok {
		v.guard.set(cfg.Guard)
	}
	if cfg.Plain != nil {
		cfg.Plain.guard.set(cfg.Guard)
	}
	h := help.New()
	h.Styles = cfg.Theme.HelpStyles()
	// Until the profile is read, the plan is the one for no surgery date.
	plan, _ := routine.PlanFor(cfg.Program, routine.Recovery{}, cfg.Clock.Now())
	home := newHomeModel(cfg.Theme, plan)
	writes := &pendingWrites{scores: map[string]store.Score{}}
	home.now = cfg.Clock.Now
	home.notice = cfg.Notice
	return App{cfg: cfg, screen: screenHome, help: h, screens: screens{home: home},
		width: 80, height: 24, plan: plan, short: cfg.Short, writes: writes, armed: true}
}

// Err is the fatal error that ended the program, if any.
func (a App) Err() error { return a.fatal }

// Unsaved lists the scores (and what they caused) handed to the store
// whose commit the program did not see before it ended: main writes them
// again before closing the file, so a quit or a signal in the middle of a
// save loses nothing. Writing one twice is harmless: sets and decisions
// are keyed by session and position.
func (a App) Unsaved() []store.Score {
	return a.writes.all()
}

func (a App) Init() tea.Cmd { return a.reloadHome() }

func (a App) reloadHome() tea.Cmd {
	return loadHome(a.cfg.Store, a.plan.Routine.Rules, a.cfg.Clock.Now(), a.cfg.Reminders)
}

// routine is the routine on screen: the session's own while one runs,
// else today's.
func (a App) routine() routine.Routine {
	if a.run != nil {
		return a.run.sess.Routine()
	}
	return a.plan.Routine
}

// Update is update, with the narration of what changed when the session
// is narrated. (Panics are caught around it: main wraps the root with
// Guard.Wrap.)
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if a.cfg.Plain == nil {
		return a.update(msg)
	}
	before := a.snapshot()
	next, cmd := a.update(msg)
	n := next.(App)
	km, _ := msg.(tea.KeyMsg)
	n.cfg.Plain.Say(n.narrate(before, key.Matches(km, keyErase)))
	n.heard = nil
	return n, cmd
}

// update keeps the rule that a question is answered only by a key pressed
// while it was on screen: when a new question appears (a card, the
// warning signs, a pain prompt), keys wait for its armMsg, which the
// runtime queues behind every key already typed.
func (a App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before, was := a.question(), a.screen
	next, cmd := a.handle(msg)
	n := next.(App)
	if n.screen != was || n.question() != before {
		n.scroll = 0 // a new page starts at its top
	}
	if q := n.question(); q != before {
		n.armGen++
		n.armed = q == ""
		if q != "" {
			gen := n.armGen
			cmd = tea.Batch(cmd, func() tea.Msg { return armMsg{gen: gen} })
		}
	}
	return n, cmd
}

// question names the question on screen, "" when there is none: a new
// name is a new question, which keys typed before it must not answer.
func (a App) question() string {
	switch a.screen {
	case screenCheckin, screenWarning:
		return a.screen.String()
	case screenPain, screenExercise:
		if a.run == nil {
			return ""
		}
		if st := a.run.sess.Step(); a.screen == screenPain || st == routine.StepCard || st == routine.StepCounting {
			p, _ := a.run.sess.Current()
			return fmt.Sprintf("%s/%d/%s/%v", a.screen, p.Index, st, a.run.saving)
		}
	}
	return ""
}

// tooSmall reports a terminal smaller than the screens are laid out for.
func (a App) tooSmall() bool {
	return a.cfg.Plain == nil && (a.width < minWidth || a.height < minHeight)
}

func (a App) handle(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case armMsg:
		if msg.gen == a.armGen {
			a.armed = true
		}
		return a, nil
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return a, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keyForce):
			return a, tea.Quit
		case a.tooSmall():
			// Nothing on screen can be answered; leaving keeps everything.
			if key.Matches(msg, keyQuit) {
				return a, tea.Quit
			}
			return a, nil
		case !a.armed && !key.Matches(msg, keyQuit, keyHelp):
			return a, nil // typed before this question was drawn
		}
		a.footerErr = ""
		switch {
		case key.Matches(msg, keyHelp):
			a.help.ShowAll = !a.help.ShowAll
			a.resize()
			return a, nil
		case a.scrolls() && key.Matches(msg, keyDown):
			a.scroll = min(a.scroll+max(a.pageRoom()/2, 1), a.maxScroll())
			return a, nil
		case a.scrolls() && key.Matches(msg, keyUp):
			a.scroll = max(a.scroll-max(a.pageRoom()/2, 1), 0)
			return a, nil
		}
	case errMsg:
		if msg.fatal {
			a.fatal = msg.err
			return a, tea.Quit
		}
		a.footerErr = msg.err.Error()
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
		a.ready = true
		a.profile = msg.data.Profile
		plan, err := routine.PlanFor(a.cfg.Program, a.profile.Recovery(now), now)
		if err != nil {
			a.footerErr = err.Error()
		} else {
			a.plan = plan
			a.home.plan = plan
			// Pain scores take their colour from the zones of these rules.
			a.cfg.Theme = a.cfg.Theme.WithRules(plan.Routine.Rules)
			a.home.theme = a.cfg.Theme
		}
		a.home.data = &msg.data
		a.home.reminders = msg.reminders
		if days := a.cfg.Trends; days > 0 {
			a.cfg.Trends = 0
			return a, loadTrends(st, a.plan.Routine.Rules, now, days), true
		}
		if a.profile.SurgeryDate == "" && !a.profile.SetupSkipped && !a.asked && !a.cfg.Start {
			a.asked = true
			a.setup = newSetupModel(a.cfg.Program, a.cfg.Clock.Now)
			a.screen = screenSetup
			a.resize()
			return a, a.setup.Init(), true
		}
		if a.cfg.Start {
			a.cfg.Start = false
			a, cmd := a.startOrResume()
			if a.cfg.Notice != "" {
				// The home screen, which shows it, is skipped: the footer says it.
				a.footerErr = a.cfg.Notice
			}
			return a, cmd, true
		}
		return a, nil, true
	case startMsg:
		a.short = a.cfg.Short || msg.short
		a, cmd := a.startOrResume()
		return a, cmd, true
	case setupDoneMsg:
		p := a.profile
		if msg.skipped {
			p.SetupSkipped = true
		} else {
			p.SurgeryDate, p.Region, p.ClearedPhase = msg.answers.SurgeryDate, msg.answers.Region, msg.answers.ClearedPhase
			p.ClearedAt = now
		}
		notice := "Setup skipped: phase 1 runs. Run spinecoach setup when you know your surgery date."
		if !msg.skipped {
			notice = "Saved. Today's routine follows your surgery date."
		}
		return a.goHome(notice), saveProfile(st, p), true
	case clearMsg:
		a.clearance = clearanceModel{theme: a.cfg.Theme, phase: msg.phase}
		a.screen = screenClearance
		a.resize()
		return a, nil, true
	case clearedMsg:
		p := a.profile
		p.ClearedPhase, p.ClearedAt = msg.phase.Phase, now
		return a.goHome(fmt.Sprintf("Clearance for phase %d recorded.", msg.phase.Phase)), saveProfile(st, p), true
	case profileSavedMsg:
		return a, a.reloadHome(), true
	case openTrendsMsg:
		return a, loadTrends(st, a.plan.Routine.Rules, now, defaultTrendDays), true
	case trendsWindowMsg:
		return a, loadTrends(st, a.plan.Routine.Rules, now, msg.days), true
	case trendsLoadedMsg:
		if a.screen != screenHome && a.screen != screenTrends {
			return a, nil, true // the patient has moved on
		}
		a.trends = newTrendsModel(a.cfg.Theme, msg.data, now)
		a.screen = screenTrends
		a.resize()
		return a, nil, true
	case backMsg:
		if a.run != nil && !a.run.ending && a.writes.of(a.run.rec.ID) == 0 {
			a.run = nil // the session is over and stored: its save line goes too
		}
		return a.goHome(""), a.reloadHome(), true
	case baselineMsg:
		a.baseline = msg.score
		a.warning = newWarningModel(a.cfg.Theme, a.cfg.Warnings)
		a.screen = screenWarning
		a.resize()
		return a, nil, true
	case warningAnswerMsg:
		r := a.plan.Routine
		rec := store.Session{StartedAt: now, RoutineID: r.ID, Routine: r.Name, Baseline: a.baseline,
			Short: a.short, Status: store.StatusInProgress}
		return a, beginSession(st, r.Rules, rec, msg.present), true
	case dayClosedMsg:
		a.stop = a.stopScreen(msg.closed)
		a.screen = screenStop
		a.resize()
		return a, nil, true
	case sessionStartedMsg:
		if msg.rec.Status == store.StatusStopped {
			a.stop = a.stopScreen(msg.decisions[len(msg.decisions)-1].Domain())
			a.screen = screenStop
			a.resize()
			return a, nil, true
		}
		run, err := routine.NewRun(a.plan.Routine, msg.day, msg.rec.Baseline, routine.RunOptions{Short: msg.rec.Short})
		if err != nil {
			return a, emit(errMsg{err: err}), true
		}
		if len(msg.decisions) > 0 && msg.decisions[0].Rule != routine.RuleNone {
			run.SetNotice(msg.decisions[0].Domain())
		}
		a, cmd, _ := a.startRun(msg.rec, run)
		a.run.seq = len(msg.decisions)
		return a, cmd, true
	case resumeMsg:
		return a, loadResume(st, a.plan.Routine.Rules, msg.id, now), true
	case resumeLoadedMsg:
		return a.resumeRun(msg)
	case discardMsg:
		return a, discardSession(st, msg.id, now), true
	case discardedMsg:
		return a.goHome("The unfinished session was discarded; it stays in your records."), a.reloadHome(), true
	case leaveSessionMsg:
		a.run = nil
		return a.goHome("Session kept: press Enter to resume it when you are ready."), a.reloadHome(), true
	case setResultMsg:
		var cmds []tea.Cmd
		for _, r := range msg.results {
			cmds = append(cmds, a.save(store.Score{Sets: []store.SetRecord{setRecord(a.run.rec, r)}}))
		}
		a, cmd := a.afterStep()
		return a, tea.Batch(append(cmds, cmd)...), true
	case painEnteredMsg:
		if a.run.saving {
			return a, nil, true // the last score is still being written
		}
		sc, refused := a.run.sess.Score(msg.score, now)
		if refused != "" {
			a.footerErr = refused
			return a, nil, true
		}
		// "Set done. How is your pain?" is past once the score is typed.
		hush(a.cfg.Cues)
		// The next step shows once the score and its decision are stored.
		a.run.saving = true
		return a, a.save(a.storedScore(sc, now)), true
	case scoreSavedMsg:
		a.writes.done(msg.score)
		if a.run == nil || a.run.rec.ID != msg.score.SessionID() {
			return a, nil, true
		}
		if set := msg.score.Sets[0]; !set.Skipped {
			// A skip is plain on screen; the line keeps confirming the last score.
			a.run.saved = savedText(set)
		}
		a.run.failed = false
		if a.run.saving {
			a.run.saving = false
			a, cmd := a.afterStep()
			return a, tea.Batch(cmd, a.maybeEnd()), true
		}
		return a, a.maybeEnd(), true
	case scoreSaveFailedMsg:
		// What matters first: the footer is one line, and the cause is long.
		a.footerErr = "This score is NOT saved yet, trying again: " + msg.err.Error()
		if a.run != nil && a.run.rec.ID == msg.score.SessionID() {
			a.run.failed = true
			return a, tea.Batch(retrySave(msg.score), a.maybeEnd()), true
		}
		return a, retrySave(msg.score), true
	case retrySaveMsg:
		return a, saveScore(st, msg.score), true
	case sessionEndedMsg:
		a.summary = newSummaryModel(a.cfg.Theme, msg.rec, msg.sets, msg.decisions, a.writes.of(msg.rec.ID), a.leftOut(msg.sets))
		a.screen = screenSummary
		a.resize()
		return a, nil, true
	}
	return a, nil, false
}

// storedScore is a score as the store keeps it: the set, the sets the
// decision skipped, the decision unless green, and the session, ended,
// when a stop ended it.
func (a App) storedScore(sc routine.Scored, now time.Time) store.Score {
	run := a.run
	out := store.Score{Sets: []store.SetRecord{setRecord(run.rec, sc.Set)}}
	for _, r := range sc.Skipped {
		out.Sets = append(out.Sets, setRecord(run.rec, r))
	}
	if sc.Stored() {
		out.Decisions = append(out.Decisions, store.NewDecision(run.rec, run.seq, sc.Decision))
		run.seq++
	}
	if sc.Ends() {
		ended := run.rec
		ended.Status, ended.EndedAt, ended.Note = store.StatusStopped, now, sc.Decision.Reason
		out.Session = &ended
	}
	return out
}

// stopScreen is the advice after a check-in that closed the day, or on a
// day already closed.
func (a App) stopScreen(d routine.Decision) stopModel {
	m := stopModel{theme: a.cfg.Theme, reason: d.Reason, width: a.width - 2}
	if d.Rule == routine.RuleWarningSign {
		m.tiers = a.cfg.Warnings.Tiers
	} else {
		m.advice = "Rest today and take your pain medicine as prescribed. If the pain stays this high, gets worse, " +
			"or comes with any of the warning signs, call your surgeon's office or your care team."
	}
	return m
}

// startOrResume offers an unfinished session if there is one, or starts
// the check-in of a new one.
func (a App) startOrResume() (App, tea.Cmd) {
	if d := a.home.data; d != nil && d.Day.Closed != nil {
		// A closed day stays closed: the advice again, never a check-in.
		a.stop = a.stopScreen(*d.Day.Closed)
		a.screen = screenStop
	} else if d != nil && d.Open != nil {
		a.resume = newResumeModel(a.cfg.Theme, *d.Open, d.OpenDone)
		a.screen = screenResume
	} else {
		a.checkin = newCheckinModel(a.cfg.Theme, a.plan.Routine.Name)
		a.screen = screenCheckin
	}
	a.resize()
	return a, nil
}

func (a App) startRun(rec store.Session, sess *routine.Run) (App, tea.Cmd, bool) {
	a.run = &sessionRun{rec: rec, sess: sess}
	a.exercise = newExerciseModel(a.cfg.Theme, a.cfg.Clock, a.run)
	a.screen = screenExercise
	a.resize()
	card := a.cardCue() // the first card, read for a voice
	a, cmd := a.afterStep()
	return a, tea.Batch(card, cmd), true
}

// resumeRun rebuilds the run from what the file holds, at the first set
// with no result, at the level today's rules have in force, without the
// exercises they stopped today and with this session's reds still
// counting. A closed day, or a session of an earlier day, is not resumed.
func (a App) resumeRun(msg resumeLoadedMsg) (App, tea.Cmd, bool) {
	if msg.day.Closed != nil {
		a.stop = a.stopScreen(*msg.day.Closed)
		a.screen = screenStop
		a.resize()
		return a, nil, true
	}
	if dayOf := msg.rec.StartedAt.Format(time.DateOnly); dayOf != msg.day.Date {
		a.footerErr = "That session was of an earlier day, and the pain rules go by the day: press n to close it (its sets stay in your records), then start today's."
		return a, nil, true
	}
	// The session goes on with its own routine, even if today's has moved
	// to another phase since.
	r, ok := a.cfg.Program.Routine(msg.rec.RoutineID)
	if !ok {
		a.footerErr = fmt.Sprintf("That session was of the routine %q, which is no longer in your program; discard it to go on.", msg.rec.Routine)
		return a, nil, true
	}
	var done []int
	for _, s := range msg.sets {
		done = append(done, s.Index)
	}
	var earlier []routine.Decision
	for _, d := range msg.decisions {
		earlier = append(earlier, d.Domain())
	}
	run, err := routine.NewRun(r, msg.day, msg.rec.Baseline, routine.RunOptions{Short: msg.rec.Short, Done: done, Earlier: earlier})
	if err != nil {
		a.footerErr = err.Error() + "; discard it to go on."
		return a, nil, true
	}
	a, cmd, _ := a.startRun(msg.rec, run)
	a.run.seq = len(msg.decisions)
	return a, cmd, true
}

// save hands a score to the store and remembers it until the commit returns.
func (a App) save(sc store.Score) tea.Cmd {
	a.writes.add(sc)
	return saveScore(a.cfg.Store, sc)
}

// afterStep shows the screen for the session's current step.
func (a App) afterStep() (App, tea.Cmd) {
	switch a.run.sess.Step() {
	case routine.StepPain:
		if a.screen != screenPain {
			a.pain = newPainModel(a.cfg.Theme, a.run)
			a.screen = screenPain
			a.resize()
			return a, a.cfg.Cues.Cue(CueSetDone, cueWords(CueSetDone, "", 0))
		}
	case routine.StepDone:
		a.run.ending = true
		return a, a.maybeEnd()
	default:
		if a.screen != screenExercise {
			a.screen = screenExercise
			a.resize()
			return a, tea.Batch(a.exercise.start(), a.switchSideCue(), a.cardCue())
		}
	}
	return a, nil
}

// switchSideCue says "switch to the right side" when the set now due is
// the other side of the one just scored.
func (a App) switchSideCue() tea.Cmd {
	res := a.run.sess.Results()
	p, ok := a.run.sess.Current()
	if !ok || len(res) == 0 || p.Side == routine.NoSide {
		return nil
	}
	if last := res[len(res)-1]; last.ExerciseID == p.Exercise.ID && last.Side != p.Side && !last.Skipped {
		return a.cfg.Cues.Cue(CueSwitchSide, cueWords(CueSwitchSide, p.Side.String(), 0))
	}
	return nil
}

// cardCue reads the card now on screen, for a voice (the bell has no
// pattern for it): the patient lying down need not look.
func (a App) cardCue() tea.Cmd {
	s := a.run.sess
	p, ok := s.Current()
	if !ok || s.Step() != routine.StepCard {
		return nil
	}
	return a.cfg.Cues.Cue(CueCard, cardWords(p, p.Exercise.DoseText(s.Dose())))
}

// maybeEnd closes the session once its last writes have returned (or
// failed: the summary then says what is not saved).
func (a App) maybeEnd() tea.Cmd {
	r := a.run
	if !r.ending || (a.writes.of(r.rec.ID) > 0 && !r.failed) {
		return nil
	}
	r.ending = false
	if stop := r.sess.Stopped(); stop != nil {
		return endSession(a.cfg.Store, r.rec, store.StatusStopped, stop.Reason, a.cfg.Clock.Now())
	}
	return endSession(a.cfg.Store, r.rec, store.StatusCompleted, "", a.cfg.Clock.Now())
}

func (a App) goHome(notice string) App {
	a.home.notice = notice
	a.home.data = nil
	a.screen = screenHome
	a.resize()
	return a
}

// route passes a message to the active screen, then acts at once on the
// outcome it reports, so keys already queued reach the next screen.
func (a App) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	entry := pageTable[a.screen]
	if _, ok := msg.(tickMsg); ok && entry.noTicks {
		return a, nil
	}
	cmd, out := entry.slot.update(&a.screens, msg)
	if a.screen == screenExercise {
		// Cues go out in the order they happened, before the next screen's.
		for _, c := range a.exercise.takeCues() {
			cmd = tea.Batch(cmd, a.cfg.Cues.Cue(c.cue, c.text))
			a.heard = append(a.heard, c)
		}
		if a.run != nil && out == nil {
			var next tea.Cmd
			a, next = a.afterStep()
			cmd = tea.Batch(cmd, next)
		}
	}
	if out == nil {
		return a, cmd
	}
	next, more, _ := a.outcome(out)
	return next, tea.Batch(cmd, more)
}

// page is the active screen.
func (a App) page() page { return pageTable[a.screen].slot.page(&a.screens) }

// keys is the active screen's key map, for the footer.
func (a App) keys() keyMap { return a.page().keys() }

// resize gives the active screen the room left between header and footer:
// on every switch and every change of the window or the footer.
func (a *App) resize() {
	pageTable[a.screen].slot.resize(&a.screens, a.width-2, a.bodyHeight())
}

func (a App) bodyHeight() int {
	return a.height - lipgloss.Height(a.headerView()) - lipgloss.Height(a.footerView()) - 2
}

func (a App) View() string {
	if a.cfg.Plain != nil {
		return "" // the narrator speaks instead
	}
	if !a.ready && a.fatal == nil {
		// Nothing until the records are read: a first frame with the
		// phase and dose of no surgery date would not be true. The
		// renderer writes no empty first frame.
		return ""
	}
	if a.width < minWidth || a.height < minHeight {
		msg := fmt.Sprintf("The terminal is %d×%d; spinecoach needs at least %d×%d.\nPlease make the window larger. Your session keeps running.",
			a.width, a.height, minWidth, minHeight)
		return lipgloss.NewStyle().Width(max(a.width, 1)).Render(msg) // wrapped: a small window must show all of it
	}
	body := a.pageView()
	body = lipgloss.NewStyle().Padding(0, 1).Height(a.bodyHeight()).MaxHeight(a.bodyHeight()).Render(body)
	return a.headerView() + "\n\n" + body + "\n" + a.footerView()
}

// asking is a page that may put a question on screen (leave the
// session?): the root never cuts it, whatever else must give way.
type asking interface {
	asking() string
}

// pinned is the question of the page on screen, "" when there is none.
func (a App) pinned() string {
	if q, ok := a.page().(asking); ok {
		return q.asking()
	}
	return ""
}

// pageRoom is how many lines the page itself has: the body less the
// question pinned under it.
func (a App) pageRoom() int {
	room := a.bodyHeight()
	if q := a.pinned(); q != "" {
		room -= lipgloss.Height(q) + 1
	}
	return max(room, 1)
}

// ownScroll: the screens that scroll themselves (a viewport, a form).
func (a App) ownScroll() bool {
	return pageTable[a.screen].ownScroll
}

// scrolls reports a page taller than its room: the root then shows a
// window of it, says so, and j/k (or the arrows) move the window.
func (a App) scrolls() bool {
	return !a.ownScroll() && lipgloss.Height(a.page().View()) > a.pageRoom()
}

// maxScroll is the furthest the window can go: its last line (one is
// kept for the "more above" line) shows the page's last.
func (a App) maxScroll() int {
	return max(lipgloss.Height(a.page().View())-(a.pageRoom()-2), 0)
}

// pageView is the page as it fits the body: all of it when it fits, else
// the window at a.scroll with a line above and below saying what is cut
// and how to see it; the question, if any, under it in full.
func (a App) pageView() string {
	t := a.cfg.Theme
	view, q, room := a.page().View(), a.pinned(), a.pageRoom()
	lines := strings.Split(view, "\n")
	if !a.ownScroll() && len(lines) > room && room >= 3 {
		off := min(a.scroll, a.maxScroll())
		show := room - 1 // the line below
		top := ""
		if off > 0 {
			show--
			top = t.Highlight.Render(fmt.Sprintf("↑ %d more lines above: press k or ↑", off))
		}
		end := min(off+show, len(lines))
		window := lines[off:end]
		if top != "" {
			window = append([]string{top}, window...)
		}
		if rest := len(lines) - end; rest > 0 {
			window = append(window, t.Highlight.Render(fmt.Sprintf("↓ %d more lines below: press j or ↓ to read them", rest)))
		} else {
			window = append(window, "")
		}
		view = strings.Join(window, "\n")
	}
	if q != "" {
		view = lipgloss.NewStyle().Height(room).MaxHeight(room).Render(view) + "\n\n" + q
	}
	return view
}

func (a App) headerView() string {
	t := a.cfg.Theme
	left := t.Title.Render("spinecoach") + t.Faint.Render(" · "+a.routine().Name)
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
	case a.run != nil && a.writes.of(a.run.rec.ID) > 0:
		status = t.Faint.Render("Saving…")
	case a.run != nil && a.run.saved != "":
		status = lipgloss.NewStyle().Foreground(t.Calm).Render("✓ " + a.run.saved)
	}
	// The scroll keys are said on the page, by the line that is cut.
	keys := a.keys()
	a.help.Width = a.width - 2
	line := lipgloss.NewStyle().MaxWidth(a.width - 2).Render(status)
	help := a.help.View(keys)
	if !a.help.ShowAll {
		help = shortHelp(t, keys.ShortHelp(), a.width-2)
	}
	// Every line of the help (several with ? on) gets the margin.
	return " " + line + "\n " + strings.ReplaceAll(help, "\n", "\n ")
}

// leftOut names the exercises of the session's plan that it left out
// and have no record in sets: optional ones on a short day or at a
// lighter dose, and those the pain rules had stopped for today.
func (a App) leftOut(sets []store.SetRecord) []string {
	if a.run == nil {
		return nil
	}
	recorded := map[string]bool{}
	for _, s := range sets {
		recorded[s.ExerciseID] = true
	}
	plan, omitted := a.run.sess.Sets()
	seen := map[string]bool{}
	var out []string
	for i, p := range plan {
		e := p.Exercise
		if !omitted[i] || recorded[e.ID] || seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		why := "stopped for today by the pain rules"
		switch {
		case e.Optional && a.run.sess.Short():
			why = "optional, left out of a short session"
		case e.Optional:
			why = "optional, left out at this dose"
		}
		out = append(out, e.Name+" ("+why+")")
	}
	return out
}

// savedText confirms a stored set in words.
func savedText(r store.SetRecord) string {
	return fmt.Sprintf("Saved: pain %d/10 after %s.", r.Pain, routine.SetLabel(r.Exercise, r.Side))
}
