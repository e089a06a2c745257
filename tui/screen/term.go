package screen

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/term"
)

// Errors of Open when there is no terminal to draw on or to read keys
// from: the program would otherwise run unseen, or wait for keys that
// cannot come, with no way to end it.
var (
	ErrOutputNotTerminal = errors.New("the screen needs a terminal, but the output goes to a file or a pipe; run it at a terminal, or add --plain for plain text")
	ErrInputNotTerminal  = errors.New("there is no terminal to read keys from; run it at a terminal")
)

// Open takes the terminal for a full-screen program that reads keys from
// in and draws on out: raw mode on in (without its renderer Bubble Tea
// sets none), the alternate screen and a hidden cursor on out, and a watch
// on window size changes, on stops (ctrl+z, SIGTSTP: the terminal is given
// back, and taken again on SIGCONT) and on the terminal hanging up (the
// renderer fails with ErrTerminalGone). Restore undoes all of it; call it
// on every path out of the program, a panic included. Both must be terminals. onPanic
// is as for New.
func Open(in, out *os.File, onPanic func(value any)) (*Renderer, error) {
	outFd, inFd := int(out.Fd()), int(in.Fd())
	switch {
	case !term.IsTerminal(outFd):
		return nil, ErrOutputNotTerminal
	case !term.IsTerminal(inFd):
		return nil, ErrInputNotTerminal
	}
	winch, stopWinch := notifyResize() // before the size is read: no resize falls between
	w, h, err := term.GetSize(outFd)
	if err != nil {
		w, h = 0, 0 // unknown: lines are not cut to a width
	}
	r := New(out, w, h, onPanic)
	old, err := term.MakeRaw(inFd)
	if err != nil {
		stopWinch()
		return nil, fmt.Errorf("cannot read single keys from this terminal: %w", err)
	}
	r.undo = append(r.undo, func() { _ = term.Restore(inFd, old) })
	r.giveBack = func() error { return term.Restore(inFd, old) }
	r.takeRaw = func() error { _, err := term.MakeRaw(inFd); return err }
	r.winch = winch
	r.measure = func() (int, int, error) { return term.GetSize(outFd) }
	// The hang-up watch (a second open of the terminal and a goroutine)
	// and the stop watch (SIGTSTP, SIGCONT) wait until the first frame is
	// on screen, which needs neither. A hang-up before then fails that
	// frame's write.
	r.afterFirstFrame = []func() func(){func() func() { return r.watchHangup(inFd) }, r.watchStops}
	r.undo = append(r.undo, stopWinch)
	r.Start()
	return r, nil
}
