package screen

import (
	"errors"
	"fmt"
)

// ErrTerminalGone is the failure when the terminal hangs up without a
// SIGHUP reaching the program (the window closed while the program was
// not its controlling process, an ssh link lost): nothing could be read
// or shown any more, and the program ends in order, releasing the file.
var ErrTerminalGone = errors.New("the terminal went away")

// release gives the terminal back before the process stops: the main
// screen, the cursor, the modes Open found. Frames are kept meanwhile.
// It reports false when there is nothing to give back.
func (r *Renderer) release() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || r.suspended || r.failed != nil {
		return false
	}
	r.suspended = true
	r.cancelTimer()
	if r.started {
		r.write(resetStyle + bracketedPasteOff + showCursor + exitAltScreen)
	}
	if r.giveBack != nil {
		if err := r.giveBack(); err != nil {
			r.fail(fmt.Errorf("cannot give the terminal back: %w", err))
		}
	}
	return true
}

// retake takes the terminal again after the process was stopped and
// continued, whoever stopped it (the shell may have reset the modes on
// the way): raw mode, the alternate screen, and a repaint of every line
// of the newest view, at the terminal's size now. Taking it when it was
// never given back does the same harmlessly.
func (r *Renderer) retake() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || r.failed != nil {
		return
	}
	r.suspended = false
	if r.takeRaw != nil {
		if err := r.takeRaw(); err != nil {
			r.fail(fmt.Errorf("cannot take the terminal again: %w", err))
			return
		}
	}
	if r.started {
		r.write(enterAltScreen + hideCursor + bracketedPasteOn)
	}
	if r.measure != nil {
		if w, h, err := r.measure(); err == nil {
			r.width, r.height = w, h
		}
	}
	if !r.waiting {
		r.pending = r.view
	}
	r.drawn = false
	r.flush()
	select {
	case r.resumed <- struct{}{}: // the model is told the size (awaitResize)
	default:
	}
}
