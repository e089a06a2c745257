package tui

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sync/atomic"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/store"
	tuiscreen "github.com/spinecoach/spinecoach/tui/screen"
)

// RunOptions are how Run meets the terminal.
type RunOptions struct {
	Plain bool // a line per step on standard output instead of a screen
	// Wrap, when set, wraps the root inside the Guard: the crash test's
	// keys that panic on purpose. The app leaves it nil.
	Wrap func(tea.Model, *Guard) tea.Model
}

// Ended is what ended a run. Run fills every field that applies; main
// reports the first one set, in this order.
type Ended struct {
	Crash    *Crash        // a panic the Guard caught
	Unsaved  []store.Score // scores still being saved as the program ended, written again after it; with SaveErr, those not written
	SaveErr  error         // why writing them again failed
	Damage   error         // damage found by the walk of the file's pages, run beside the screen
	Terminal error         // the terminal failed or hung up (tui/screen.ErrTerminalGone)
	Err      error         // what the program's Run returned: tea.ErrInterrupted for SIGINT
	AppErr   error         // the fatal error the app ended on
}

// Run runs the interface over cfg on the terminal until it ends, then
// writes the scores whose save was still under way. Its error is a
// terminal it could not set up; what ended a run that started is in
// Ended. cfg.Guard is Run's own: a panic ends the program in order
// (guard.go), and Ended.Crash says so.
func Run(cfg Config, opts RunOptions) (Ended, error) {
	guard := NewGuard()
	cfg.Guard = guard
	// On a screen the home screen's records are read here, before the
	// terminal is taken (a signal meanwhile finds it as it was, before
	// Bubble Tea's handlers are in place), and handed to the model once it
	// is sized: the first frame shows them, and no goroutine, hand-over or
	// empty frame comes first (about 5% of start-up's CPU). Plain mode
	// reads them in Init. A panic in the read is kept by the Guard as in
	// any Cmd, and the program quits as it starts.
	var app App
	var records tea.Msg
	if !opts.Plain {
		app = New(cfg) // openTerminal gives cfg nothing on a screen
		records = guard.cmd(app.reloadHome())()
	}
	t, err := openTerminal(&cfg, opts.Plain, guard)
	if err != nil {
		return Ended{}, err
	}
	defer t.close()
	if opts.Plain {
		app = New(cfg) // with the narrator openTerminal made
	}
	var model tea.Model = app
	if opts.Wrap != nil {
		model = opts.Wrap(model, guard)
	}
	if t.scr != nil {
		model = tuiscreen.Wrap(model, t.scr)
	}
	var first []tea.Msg
	if records != nil {
		first = append(first, records) // after the size, which the screen's Wrap gave
	}
	model = guard.Wrap(model, first...) // all of it: the root and the renderer's model
	p := tea.NewProgram(model, t.opts...)
	guard.Attach(p.Send)
	if t.hangupFd >= 0 {
		// A terminal that hangs up without a SIGHUP ends the program
		// in order here too (its keys would otherwise just stop).
		t.undo = append(t.undo, tuiscreen.WatchHangup(t.hangupFd, func() { t.hungUp.Store(true); p.Quit() }))
	}
	if t.scr != nil {
		// A terminal that fails or hangs up without a SIGHUP ends the
		// program like a quit: what was recorded is kept, the file closed.
		t.scr.OnFail(func(error) { p.Quit() })
	}
	stop := func() {}
	if t.scr != nil {
		// With the screen's other signal watches, after the first frame
		// (screen.AfterFirstFrame): a SIGHUP before it ends the program
		// as the Go runtime does by default, before anything was typed.
		t.scr.AfterFirstFrame(func() func() { return quitOnHangup(p) })
	} else {
		stop = quitOnHangup(p)
	}
	damage := watchChecked(cfg.Store, p)
	final, err := p.Run()
	stop()
	// Scores whose save was still under way when the program ended are
	// written now, before the caller closes the file: nothing typed is
	// lost. The pending saves are shared by every copy of the model, so
	// the first copy has them even when Run hands back no model (a panic
	// Bubble Tea recovered).
	e := Ended{Unsaved: app.Unsaved(), Err: err}
	for i, sc := range e.Unsaved {
		if e.SaveErr = cfg.Store.RecordScore(sc); e.SaveErr != nil {
			// In order, as typed: this one and those after it are not
			// in the file, and only they are named.
			e.Unsaved = e.Unsaved[i:]
			break
		}
	}
	// What ended it is read after the saves and before the terminal is
	// given back, as the caller reports it.
	a, _ := tuiscreen.Unwrap(Unwrap(final)).(App)
	e.Crash, e.Damage, e.Terminal, e.AppErr = guard.Crash(), damage(), t.err(), a.Err()
	return e, nil
}

// terminal is what Run set up on the terminal, undone by close.
type terminal struct {
	opts     []tea.ProgramOption
	scr      *tuiscreen.Renderer // the renderer on a screen; nil in plain mode
	hangupFd int                 // plain mode on a terminal: where a hang-up is watched for; -1: none
	hungUp   atomic.Bool         // that terminal hung up
	undo     []func()            // run last first, as deferred calls would be
}

// openTerminal sets the terminal up for the mode: Bubble Tea runs
// without its renderer in both. On a screen, tui/screen draws instead,
// writing only when a view changes (Bubble Tea's renderer wakes 60 times
// a second, idle or not). In plain mode cfg.Plain narrates.
func openTerminal(cfg *Config, plain bool, guard *Guard) (*terminal, error) {
	t := &terminal{opts: []tea.ProgramOption{tea.WithoutRenderer()}, hangupFd: -1}
	if plain {
		// Without a renderer Bubble Tea leaves the terminal cooked: keys
		// would wait for a newline. Raw mode is ours to set and restore, and
		// in it a line needs its carriage return spelt out.
		eol := "\n"
		if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
			old, err := term.MakeRaw(fd)
			if err != nil {
				return nil, fmt.Errorf("cannot read single keys from this terminal: %w", err)
			}
			t.undo = append(t.undo, func() { term.Restore(fd, old) })
			eol = "\r\n"
			t.hangupFd = fd
		} else if !ttyReachable() {
			// Bubble Tea would look for the terminal itself and fail in
			// its own words ("could not open a new TTY").
			return nil, tuiscreen.ErrInputNotTerminal
		}
		cfg.Plain = NewNarrator(safetext.NewWriter(os.Stdout, eol), eol)
		t.undo = append(t.undo, cfg.Plain.Close)
		return t, nil
	}
	in := os.Stdin
	if !term.IsTerminal(int(in.Fd())) {
		// Keys come from the terminal even when stdin is redirected,
		// as Bubble Tea's renderer would arrange.
		if tty, err := os.Open("/dev/tty"); err == nil {
			t.undo = append(t.undo, func() { tty.Close() })
			in = tty
		}
	}
	scr, err := tuiscreen.Open(in, os.Stdout, func(v any) { guard.Caught("drawing the screen", v) })
	if err != nil {
		t.close()
		return nil, err
	}
	// Every way out of the program comes back here: a quit, SIGINT or
	// SIGTERM (Bubble Tea turns them into a return), our SIGHUP quit, an
	// error, a panic (the Guard's orderly quit, or one Bubble Tea
	// recovered). The caller reports after this has run.
	t.scr = scr
	t.undo = append(t.undo, scr.Restore)
	t.opts = append(t.opts, tea.WithInput(in))
	return t, nil
}

// err is why the terminal stopped working, or nil.
func (t *terminal) err() error {
	switch {
	case t.scr != nil && t.scr.Err() != nil:
		return t.scr.Err()
	case t.hungUp.Load():
		return tuiscreen.ErrTerminalGone
	}
	return nil
}

func (t *terminal) close() {
	for i := len(t.undo) - 1; i >= 0; i-- {
		t.undo[i]()
	}
}

// watchChecked ends the program when the walk of the file's pages, run
// beside the screen, finds damage; damage then reports it.
func watchChecked(st *store.Store, p *tea.Program) (damage func() error) {
	var found error
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-st.CheckDone() // the walk starts a moment after the first screen
		// Damage ends the program; a walk stopped by Close does not count.
		if err := st.Checked(); errors.Is(err, store.ErrCorrupt) {
			found = err
			p.Quit()
		}
	}()
	return func() error {
		select {
		case <-done:
			return found
		default: // the program ended first: the walk found nothing yet
			return nil
		}
	}
}

// quitOnHangup ends the program cleanly when the terminal goes away:
// Bubble Tea v1 handles SIGINT and SIGTERM but not SIGHUP, whose default
// would kill the process with the terminal raw and the file open.
func quitOnHangup(p *tea.Program) (stop func()) {
	hup := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(hup)
		close(done)
	}
}

// ttyReachable reports whether keys can come from the process's terminal
// when standard input is not one: Bubble Tea then opens /dev/tty (on
// Windows, the console, which it finds by other means).
func ttyReachable() bool {
	if runtime.GOOS == "windows" {
		return true
	}
	f, err := os.Open("/dev/tty")
	if err != nil {
		return false
	}
	f.Close()
	return true
}
