// Package tui is the Bubble Tea interface of spinecoach. The root model
// routes messages and lays out the frame; each screen is a page of its own
// type, found through pageTable (pages.go), that reports outcomes the root
// answers (outcomes.go); every store call is a Cmd in commands.go (Run
// calls the home screen's first one itself, before the program starts).
package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

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
	Stretch  bool             // a stretch break rather than what comes next (start --stretch)
	Clock    Clock
	Theme    *Theme
	Cues     Cuer      // sound for the moments of a set; nil for none
	Notice   string    // one line to show on the home screen at start
	Plain    *Narrator // plain mode: a line per step instead of a screen
	Start    bool      // go straight into today's session
	Trends   int       // open on the trends screen over this many days; 0: home
	// DateOrder is how setup reads a slashed date: the locale's order.
	DateOrder routine.DateOrder
	Review    bool   // open on the weekly function review (spinecoach review)
	Guard     *Guard // where the voice and narration workers report a panic; nil: none
	// Reminders reads whether reminders are on, in the home screen's load
	// Cmd (it reads a file); nil: the home screen does not mention them.
	Reminders func() Reminders
	// Recovery is the profile's, as read when the file was opened: the
	// first plan is today's, so start-up parses only today's routine and
	// the home screen's first read uses its rules. Zero: no surgery date.
	Recovery routine.Recovery
}

// Reminders is what the home screen says about reminders.
type Reminders struct {
	Summary string            // "reminders on (daily at 09:00)", "reminders off"; "" says nothing
	Window  routine.DueWindow // the hours in which sessions are due
}

// App is the root model.
type App struct {
	cfg    Config
	screen screen
	width  int
	height int
	// help is the full key list's model (? toggles it). It is 4 KB of
	// styles, and the root is copied whole on every message and every
	// frame, so it is held by pointer and never changed in place: a
	// change is made to a copy, and an older root keeps its own.
	help      *help.Model
	footerErr string
	fatal     error

	// screens has a page of each kind; pageTable finds them by screen.
	// They are most of the root (2 KB), which is copied whole on every
	// message and every frame, through frames that each hold a few
	// copies: held by pointer, the root is small, and the stack of the
	// first frame's Update and View stays small. Never changed in place:
	// a.pages() is a copy of its own to change, and an older root keeps
	// its pages.
	*screens
	run     *sessionRun
	writes  *pendingWrites // sets handed to the store whose commit has not come back
	heard   []cueMsg       // this update's cues, for the plain narration
	pending *pendingStart  // a stored check-in waiting for the warning signs' answer
	armed   bool           // the question on screen has been drawn: keys may answer it
	armGen  int            // which question the next armMsg is for
	short   bool           // this session is a short day
	plan    *routine.Plan  // today's routine, from the surgery date and clearance; by pointer, never changed in place (the root is copied on every message)
	profile store.Profile
	asked   bool // setup was offered in this run
	scroll  int  // lines of the page scrolled past, when it is taller than the room
	ready   bool // the records have been read once: the first frame can be true

	offer *reviewOfferMsg // the weekly review this session day ends with, if due; nil: none (replaced whole)
	// next is the session being started: what routine.Upcoming decided;
	// nil before the first. By pointer, and replaced whole, as the root is
	// copied on every message.
	next *routine.NextSession
	// homeAt is the instant the home page draws this frame at: set only
	// on the copy of the root drawing a frame (View, bodyHeight), nil in
	// the root kept (homeModel.at).
	homeAt *homeInstant
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
	// Until the home screen's read of the profile, the plan is the one
	// for the profile read at open.
	plan, err := routine.PlanFor(cfg.Program, cfg.Recovery, cfg.Clock.Now())
	if err != nil { // the home screen's read says why; its rules come from somewhere
		plan, _ = routine.PlanFor(cfg.Program, routine.Recovery{}, cfg.Clock.Now())
	}
	home := newHomeModel(cfg.Theme, &plan)
	writes := &pendingWrites{}
	home.now = cfg.Clock.Now
	home.notice = cfg.Notice
	return App{cfg: cfg, screen: screenHome, help: &h, screens: &screens{home: home},
		width: 80, height: 24, plan: &plan, short: cfg.Short, writes: writes, armed: true}
}

// Err is the fatal error that ended the program, if any.
func (a App) Err() error { return a.fatal }

// Unsaved lists the scores (and what they caused) handed to the store
// whose commit the program did not see before it ended: Run writes them
// again before the file is closed, so a quit or a signal in the middle of a
// save loses nothing. Writing one twice is harmless: sets and decisions
// are keyed by session and position.
func (a App) Unsaved() []store.Score {
	return a.writes.all()
}

// Init reads the home screen's records, unless Run read them before the
// program started (Guard.Wrap), or that read ended in a panic: the
// Guard then quits as the program starts, and it is not read again.
func (a App) Init() tea.Cmd {
	if a.ready || a.fatal != nil || a.cfg.Guard != nil && a.cfg.Guard.Crash() != nil {
		return nil
	}
	return a.reloadHome()
}

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
	if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyRunes && len(km.Runes) > 1 && !km.Paste {
		return a.keyBurst(km)
	}
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
	if q, ok := a.page().(questioner); ok {
		return q.question()
	}
	return ""
}

// questioner is a page that may put a question on screen: the check-in,
// the warning signs, a card, a count, a pain prompt.
type questioner interface {
	question() string
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
			h := *a.help
			h.ShowAll = !h.ShowAll
			a.help = &h
			a.resize()
			return a, nil
		// The key first: scrolls draws the page to measure it.
		case key.Matches(msg, keyDown) && a.scrolls():
			a.scroll = min(a.scroll+max(a.pageRoom()/2, 1), a.maxScroll())
			return a, nil
		case key.Matches(msg, keyUp) && a.scrolls():
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

// route passes a message to the active screen, then acts at once on the
// outcome it reports, so keys already queued reach the next screen.
func (a App) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	entry := pageTable[a.screen]
	if _, ok := msg.(tickMsg); ok && entry.noTicks {
		return a, nil
	}
	cmd, out := entry.slot.update(a.pages(), msg)
	if entry.drivesRun {
		a, cmd = a.stepped(cmd, out)
	}
	if out == nil {
		return a, cmd
	}
	next, more, _ := a.outcome(out)
	return next, tea.Batch(cmd, more)
}

// pages is the root's screens to change: a copy of its own, the older
// root keeping its pages (App.screens).
func (a *App) pages() *screens {
	s := *a.screens
	a.screens = &s
	return a.screens
}

// page is the active screen.
func (a App) page() page {
	if a.homeAt != nil && a.screen == screenHome {
		return a.home.with(a.homeAt)
	}
	return a.screens.page(a.screen)
}

// keys is the active screen's key map, for the footer.
func (a App) keys() keyMap { return a.page().keys() }

// resize gives the active screen the room left between header and footer:
// on every switch and every change of the window or the footer.
//
// Until the records are read nothing is drawn, and the home page needs
// only the width: its room, measured by drawing the header and the
// footer, is left out (0) until then.
func (a *App) resize() {
	height := 0
	if a.ready || a.screen != screenHome {
		height = a.bodyHeight()
	}
	pageTable[a.screen].slot.resize(a.pages(), a.width-2, height)
}
