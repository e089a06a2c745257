package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/adrg/xdg"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/remind"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/tui"
)

// dueLockTimeout is how long `due` waits for a spinecoach that holds the
// data file. The app holds it for as long as it is open, so waiting
// longer would not help: due says it cannot read the file, at once.
const dueLockTimeout = 300 * time.Millisecond

// dueCmd prints one line: due now (exit 0), due at a time later today
// (exit 4), or not today and why (exit 5). It reads the data file
// read-only and draws no screen. While the app is open it holds the
// file's lock; due then says so and exits 3, and the reminder script
// stays quiet: the patient is in the app, whose home screen says when
// the next session is due.
func dueCmd(g *globals, w io.Writer) error {
	at, err := now()
	if err != nil {
		return err
	}
	facts, err := readDue(g, at)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s (%s)\n", facts.due.Line(), safetext.Line(facts.plan.Headline))
	switch facts.due.Kind {
	case routine.DueLater:
		return exitStatus{exitDueLater}
	case routine.NotToday:
		return exitStatus{exitNotToday}
	}
	return nil
}

// dueFacts are what due and the reminder commands read from the data file.
type dueFacts struct {
	plan routine.Plan
	due  routine.Due
}

// readDue opens the data file read-only, without waiting for a running
// app, and decides when the next session is due.
func readDue(g *globals, at time.Time) (dueFacts, error) {
	// A timer runs due every two hours: it reads its window only, with no
	// walk of the whole file first (see windowOptions).
	st, err := store.Open(g.db, store.Options{ReadOnly: true, LockTimeout: dueLockTimeout, CheckInBackground: true})
	switch {
	case errors.Is(err, store.ErrLocked):
		return dueFacts{}, dueLockedError{fmt.Sprintf("spinecoach is open with %s, so this cannot read it now; the app's home screen says when the next session is due", g.db)}
	case errors.Is(err, store.ErrForeign), errors.Is(err, store.ErrCorrupt):
		return dueFacts{}, fmt.Errorf("%w; it was left untouched: choose another file with --db", err)
	case err != nil:
		return dueFacts{}, err
	}
	defer st.Close()
	profile, err := st.Profile()
	if err != nil {
		return dueFacts{}, err
	}
	prog, err := loadProgram(g, profile)
	if err != nil {
		return dueFacts{}, err
	}
	plan, err := routine.PlanFor(prog, profile.Recovery(at), at)
	if err != nil {
		return dueFacts{}, err
	}
	day, h, err := st.Today(plan.Routine.Rules, at)
	if err != nil {
		return dueFacts{}, err
	}
	window := routine.DefaultDueWindow
	if state, ok, _ := loadRemindState(); ok {
		if s, err := state.Schedule(); err == nil {
			window = s.Window()
		}
	}
	return dueFacts{plan: plan, due: routine.NextDue(plan.Routine, day, h.Sessions, window, at)}, nil
}

// dueLockedError is a sentence of ours for store.ErrLocked (exit 3).
type dueLockedError struct{ msg string }

func (e dueLockedError) Error() string { return e.msg }
func (e dueLockedError) Unwrap() error { return store.ErrLocked }

// configHome is $XDG_CONFIG_HOME when it is an absolute path, else
// ~/.config (adrg/xdg's default).
func configHome() string {
	if v := os.Getenv("XDG_CONFIG_HOME"); v != "" && len(v) > 0 && v[0] == '/' {
		return v
	}
	return xdg.ConfigHome
}

func remindPaths() remind.Paths { return remind.PathsIn(configHome()) }

// loadRemindState reads what `remind on` wrote: ok is false when
// reminders are off; err when the file is there but unreadable.
func loadRemindState() (remind.State, bool, error) {
	data, err := os.ReadFile(remindPaths().State)
	if errors.Is(err, os.ErrNotExist) {
		return remind.State{}, false, nil
	}
	if err != nil {
		return remind.State{}, false, fmt.Errorf("cannot read the reminder settings: %w", err)
	}
	s, err := remind.DecodeState(data)
	if err != nil {
		return remind.State{}, false, err
	}
	return s, true, nil
}

// homeReminders is what the home screen says about reminders; the home
// screen's load Cmd calls it.
func homeReminders() tui.Reminders {
	state, on, err := loadRemindState()
	switch {
	case err != nil:
		return tui.Reminders{Summary: "reminder settings damaged: spinecoach remind off", Window: routine.DefaultDueWindow}
	case !on:
		return tui.Reminders{Summary: "reminders off", Window: routine.DefaultDueWindow}
	}
	sched, _ := state.Schedule() // DecodeState checked it
	return tui.Reminders{Summary: "reminders on (" + sched.String() + ")", Window: sched.Window()}
}
