package screen

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// Open takes the terminal for a full-screen program that reads keys from
// in and draws on out: raw mode on in (without its renderer Bubble Tea
// sets none), the alternate screen and a hidden cursor on out, and a watch
// on window size changes. Restore undoes all of it; call it on every path
// out of the program, a panic included.
func Open(in, out *os.File) (*Renderer, error) {
	outFd := int(out.Fd())
	var winch <-chan os.Signal
	stopWinch := func() {}
	if term.IsTerminal(outFd) {
		winch, stopWinch = notifyResize() // before the size is read: no resize falls between
	}
	w, h, err := term.GetSize(outFd)
	if err != nil {
		w, h = 0, 0 // not a terminal: lines are not cut to a width
	}
	r := New(out, w, h)
	if fd := int(in.Fd()); term.IsTerminal(fd) {
		old, err := term.MakeRaw(fd)
		if err != nil {
			stopWinch()
			return nil, fmt.Errorf("cannot read single keys from this terminal: %w", err)
		}
		r.undo = append(r.undo, func() { _ = term.Restore(fd, old) })
	}
	r.winch = winch
	r.measure = func() (int, int, error) { return term.GetSize(outFd) }
	r.undo = append(r.undo, stopWinch)
	r.Start()
	return r, nil
}
