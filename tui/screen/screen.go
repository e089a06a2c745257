// Package screen draws Bubble Tea views on the terminal in place of Bubble
// Tea v1's standard renderer, which flushes on a 60 Hz ticker that runs
// even while nothing changes (and, at a lower rate, delays the first
// frame). Here a frame is written only when the view changes: at once when
// the screen has been quiet, after a key and after a resize; under a burst
// of changes, at most Rate frames a second, by a timer armed only while a
// frame waits. Only the lines that differ from the last frame are written.
//
// The program runs with tea.WithoutRenderer and its model wrapped by Wrap;
// Open takes the terminal (raw mode, alternate screen, hidden cursor) and
// Renderer.Restore gives it back, on every exit path including a panic.
package screen

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// Rate is the most frames a second written under a burst of changes, the
// standard renderer's default.
const Rate = 60

// burst is how many frames may be written back to back before Rate
// applies: at start the first view, the sized one and the one with the
// data loaded come within a few milliseconds, and each should show at once.
const burst = 3

// Terminal sequences. Rows are addressed absolutely, so a frame does not
// depend on where the last one left the cursor.
const (
	enterAltScreen    = "\x1b[?1049h"
	exitAltScreen     = "\x1b[?1049l"
	hideCursor        = "\x1b[?25l"
	showCursor        = "\x1b[?25h"
	bracketedPasteOn  = "\x1b[?2004h" // as Bubble Tea's renderer does by default
	bracketedPasteOff = "\x1b[?2004l"
	resetStyle        = "\x1b[m"
	eraseLineRight    = "\x1b[K"
	eraseBelow        = "\x1b[J"
)

// Renderer writes frames to out. Its methods are safe to call from any
// goroutine: Bubble Tea's loop, the frame timer, a signal or panic handler.
type Renderer struct {
	mu  sync.Mutex
	out io.Writer
	buf bytes.Buffer

	width, height int         // 0 when unknown: lines are then not cut
	view          string      // the view on screen
	shown         []string    // its lines, as the view gave them
	drawn         bool        // a frame has been written since the last repaint request
	pending       string      // the newest view not yet written
	waiting       bool        // pending is to be written when the timer fires
	stop          func() bool // stops the armed timer; nil when none is armed

	// A token bucket: each frame written spends one; they come back at
	// Rate a second, up to burst.
	tokens   float64
	refilled time.Time
	interval time.Duration

	started, closed bool
	undo            []func()                     // what Open changed beyond the output: raw mode, signals
	winch           <-chan os.Signal             // SIGWINCH; nil when out is not a terminal
	measure         func() (w, h int, err error) // reads the size after one
	done            chan struct{}                // closed by Restore: ends the resize watch

	onPanic func(value any) // a panic in fire, after Restore

	// afterFirstFrame are started once the first frame is written, in
	// order, on a goroutine of their own; what they return is undone by
	// Restore (AfterFirstFrame).
	afterFirstFrame []func() (stop func())
	firstWritten    bool // the first frame is written: AfterFirstFrame starts at once

	// The terminal can fail or go away: the first write error (or a
	// hangup seen on the input, hangup_unix.go) is kept in failed, nothing
	// more is written, and onFail is told once, on a goroutine of its own
	// (it ends the program, and may wait for the loop that draws).
	failed error
	onFail func(error)

	// Suspension (ctrl+z, SIGTSTP: suspend_unix.go): while the terminal is
	// given back, frames are kept, not written; taking it again repaints.
	suspended bool
	takeRaw   func() error  // raw mode on the input again; nil when not a terminal
	giveBack  func() error  // the input's modes as Open found them
	resumed   chan struct{} // a resume happened: the size may have changed

	// Injected so that tests control time without sleeping.
	now       func() time.Time
	afterFunc func(time.Duration, func()) (stop func() bool)
}

// New returns a renderer writing to out, for a screen of width×height
// cells (0 if unknown). It writes nothing until Start or a frame. onPanic
// is given a panic of the renderer's own timer goroutine, after the
// terminal is restored; it must end the program.
func New(out io.Writer, width, height int, onPanic func(value any)) *Renderer {
	return &Renderer{
		out: out, width: width, height: height, onPanic: onPanic,
		tokens: burst, interval: time.Second / Rate,
		done:    make(chan struct{}),
		resumed: make(chan struct{}, 1),
		now:     time.Now,
		afterFunc: func(d time.Duration, f func()) func() bool {
			return time.AfterFunc(d, f).Stop
		},
	}
}

// Start switches to the alternate screen and hides the cursor.
func (r *Renderer) Start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started || r.closed {
		return
	}
	r.started = true
	r.write(enterAltScreen + hideCursor + bracketedPasteOn)
}

// OnFail sets what to do when the terminal fails or goes away: end the
// program. It is called at most once, on a goroutine of its own.
func (r *Renderer) OnFail(f func(error)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.onFail = f
	if r.failed != nil && f != nil {
		go f(r.failed)
	}
}

// Err is the terminal's failure, or nil.
func (r *Renderer) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

// fail records the terminal's first failure and reports it. r.mu is held.
func (r *Renderer) fail(err error) {
	if r.failed != nil || r.closed {
		return
	}
	r.failed = err
	r.cancelTimer()
	if r.onFail != nil {
		go r.onFail(err)
	}
}

// write writes s to the terminal unless it has failed. r.mu is held.
func (r *Renderer) write(s string) {
	if r.failed != nil {
		return
	}
	if _, err := io.WriteString(r.out, s); err != nil {
		r.fail(fmt.Errorf("cannot write to the terminal: %w", err))
	}
}

// Restore gives the terminal back as it was: a pending frame is dropped,
// the cursor shown, the main screen back, raw mode undone. It may be
// called more than once and from any goroutine, so a deferred call and a
// panic handler can both make it; only the first does anything.
func (r *Renderer) Restore() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.cancelTimer()
	if r.started && !r.suspended && r.failed == nil {
		_, _ = io.WriteString(r.out, resetStyle+bracketedPasteOff+showCursor+exitAltScreen)
	}
	r.closed = true
	close(r.done)
	for i := len(r.undo) - 1; i >= 0; i-- {
		r.undo[i]()
	}
}

// Size is the screen's size as last known.
func (r *Renderer) Size() (width, height int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.width, r.height
}

// Resize records a new screen size; the next frame repaints every line,
// as the terminal may have reflowed or cut what was there.
func (r *Renderer) Resize(width, height int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.width, r.height = width, height
	r.drawn = false
}

// Frame hands the renderer the program's view. It is written at once if
// urgent (the answer to a key), if nothing has been drawn since start or
// a resize, or if the frame budget allows; else it waits for the timer,
// and a later view replaces it. A view equal to the one on screen writes
// nothing and arms nothing.
func (r *Renderer) Frame(view string, urgent bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	if !r.drawn && r.view == "" && view == "" {
		return // nothing to show yet: the first frame is the first real view
	}
	if r.drawn && view == r.view {
		r.waiting = false // what was pending is superseded by what is shown
		r.cancelTimer()
		return
	}
	r.pending, r.waiting = view, true
	if r.suspended || r.failed != nil {
		return // written when the terminal is ours again; never, once it failed
	}
	r.refill()
	switch {
	case urgent || !r.drawn || r.tokens >= 1:
		r.flush()
	case r.stop == nil:
		r.stop = r.afterFunc(time.Duration((1-r.tokens)*float64(r.interval)), r.fire)
	}
}

// fire writes the frame that waited for the budget. It runs on the
// timer's goroutine, where Bubble Tea recovers nothing: a panic gives the
// terminal back, then goes to onPanic, which ends the program.
func (r *Renderer) fire() {
	defer func() {
		if p := recover(); p != nil {
			r.Restore() // runs after the deferred Unlock below
			r.onPanic(p)
		}
	}()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stop = nil
	if r.closed || !r.waiting || r.suspended || r.failed != nil {
		return
	}
	r.refill()
	r.flush()
}

func (r *Renderer) refill() {
	now := r.now()
	if !r.refilled.IsZero() {
		r.tokens = min(burst, r.tokens+float64(now.Sub(r.refilled))/float64(r.interval))
	}
	r.refilled = now
}

func (r *Renderer) cancelTimer() {
	if r.stop != nil {
		r.stop()
		r.stop = nil
	}
}

// flush writes the pending view: on a repaint every line, else only the
// lines that differ from those on screen, then clears what is left below.
func (r *Renderer) flush() {
	r.cancelTimer()
	r.waiting = false
	r.tokens = max(r.tokens-1, 0)

	lines := strings.Split(r.pending, "\n")
	if r.height > 0 && len(lines) > r.height {
		lines = lines[:r.height] // keep the top: the header says where we are
	}
	b := &r.buf
	b.Reset()
	for i, line := range lines {
		if r.drawn && i < len(r.shown) && r.shown[i] == line {
			continue
		}
		b.WriteString("\x1b[")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteByte('H')
		line = safeLine(line) // only text and colours reach the terminal (safe.go)
		w := Width(line)
		if r.width > 0 && w > r.width {
			// Measured again: a wide character across the edge is dropped
			// whole, leaving the line a cell short, and that cell is erased.
			line = ansi.Truncate(line, r.width, "")
			w = ansi.StringWidth(line)
		}
		b.WriteString(line)
		if strings.IndexByte(line, '\x1b') >= 0 && !strings.HasSuffix(line, "\x1b[0m") && !strings.HasSuffix(line, resetStyle) {
			b.WriteString(resetStyle) // a style left open must not colour the erase or the next line
		}
		if r.width == 0 || w < r.width {
			b.WriteString(eraseLineRight)
		}
	}
	// Only when there is a row below the frame: the cursor cannot go past
	// the last row, so the erase would wipe out the frame's last line.
	if (!r.drawn || len(lines) < len(r.shown)) && (r.height == 0 || len(lines) < r.height) {
		b.WriteString("\x1b[")
		b.WriteString(strconv.Itoa(len(lines) + 1))
		b.WriteString("H" + eraseBelow)
	}
	r.view, r.shown, r.drawn = r.pending, lines, true
	if b.Len() > 0 && r.failed == nil {
		if _, err := r.out.Write(b.Bytes()); err != nil {
			r.fail(fmt.Errorf("cannot write to the terminal: %w", err))
		}
	}
	if !r.firstWritten && r.failed == nil {
		r.firstWritten = true
		if starts := r.afterFirstFrame; len(starts) > 0 {
			r.afterFirstFrame = nil
			go r.startWatches(starts)
		}
	}
}

// AfterFirstFrame has start run once the first frame is on the screen
// (at once if it is already), on a goroutine of its own, and what it
// returns run by Restore. It is for what the first frame does not need
// and that costs the start: the watches of signals, each of which the Go
// runtime enables with a round trip to a thread of its own (about 0.2 ms
// of CPU on a busy 2-core machine), and the hang-up watch's second open
// of the terminal. A signal before then has its default effect; no score
// can have been typed yet.
func (r *Renderer) AfterFirstFrame(start func() (stop func())) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closed:
	case r.firstWritten:
		go r.startWatches([]func() (stop func()){start})
	default:
		r.afterFirstFrame = append(r.afterFirstFrame, start)
	}
}

// startWatches starts what waited for the first frame, and leaves their
// undo to Restore; any that Restore has missed meanwhile is undone at once.
func (r *Renderer) startWatches(starts []func() (stop func())) {
	for _, start := range starts {
		stop := start()
		r.mu.Lock()
		closed := r.closed
		if !closed {
			r.undo = append(r.undo, stop)
		}
		r.mu.Unlock()
		if closed {
			stop()
		}
	}
}
