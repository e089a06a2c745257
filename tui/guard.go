package tui

import (
	"fmt"
	"reflect"
	"runtime/debug"
	"sync"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"
)

// A panic must not leave a patient with a raw terminal, an open file and
// a screenful of stack trace. Bubble Tea v1 catches panics in Update and
// in Cmds, but then prints the whole trace, and after one in Update it
// hands back no model, so the scores still being saved would be lost.
// The Guard catches them first, everywhere ours can panic: in Update (the
// model from before the message is kept), in View, in the Cmds returned
// (Wrap) and in goroutines of ours (the workers, the renderer's timer).
// The first panic is kept and the program quits in the ordinary way, so
// the terminal is restored; main then writes the unsaved scores, closes
// the file and prints a short report (Crash), with the trace in a file
// for the developers.

// Crash is a panic caught by the Guard.
type Crash struct {
	Where string // where it happened, in words: "the screen's update", "the voice cues"
	Value any    // what was passed to panic
	Stack []byte // the panicking goroutine's stack
}

func (c *Crash) Error() string { return fmt.Sprintf("%v, in %s", c.Value, c.Where) }

// Guard keeps the first panic of a program and ends the program on it.
// One Guard serves one program; its methods are safe for concurrent use.
type Guard struct {
	mu    sync.Mutex
	crash *Crash
	send  func(tea.Msg)
}

// NewGuard returns a Guard with nothing caught yet.
func NewGuard() *Guard { return &Guard{} }

// Attach gives the Guard the program's Send, so that a panic outside
// Update (in View, in a goroutine) can end the program at once.
// A panic kept before (a worker's, while main was still setting up)
// ends the program now: nothing else would tell it to.
func (g *Guard) Attach(send func(tea.Msg)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.send = send
	if g.crash != nil && send != nil {
		go send(crashMsg{}) // Send blocks until the program runs
	}
}

// Crash is the first panic caught, or nil.
func (g *Guard) Crash() *Crash {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.crash
}

// keep records a panic (the first one only) and reports whether it was
// the first.
func (g *Guard) keep(where string, value any) bool {
	c := &Crash{Where: where, Value: value, Stack: debug.Stack()}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.crash != nil {
		return false
	}
	g.crash = c
	return true
}

// crashMsg tells the root model a panic was caught: it quits.
type crashMsg struct{}

// Caught keeps a panic recovered by a goroutine of another package (the
// renderer's timer) and, if it is the first, ends the program.
func (g *Guard) Caught(where string, value any) { g.caught(where, value) }

// caught keeps a recovered panic and, if it is the first, ends the program.
func (g *Guard) caught(where string, r any) {
	if !g.keep(where, r) {
		return
	}
	g.mu.Lock()
	send := g.send
	g.mu.Unlock()
	if send != nil {
		go send(crashMsg{}) // not on this stack: Send waits for the program's loop
	}
}

// guardSlot is where a worker started before the program (the voice, the
// narration) finds the Guard it reports to, once New has put it there.
type guardSlot struct{ g atomic.Pointer[Guard] }

func (s *guardSlot) set(g *Guard) { s.g.Store(g) }

// recover is deferred by the worker itself (so recover() works): a panic
// goes to the Guard, or, before there is one, ends only the worker.
func (s *guardSlot) recover(where string) {
	if r := recover(); r != nil {
		if g := s.g.Load(); g != nil {
			g.caught(where, r)
		}
	}
}

// sequenceType is the type of tea.Sequence's message, which Bubble Tea
// does not export: it runs the Cmds in it itself, so they are wrapped
// like a batch's, or a panic in one would be Bubble Tea's to recover
// (the trace printed over the screen, the program killed, no Crash).
var sequenceType = reflect.TypeOf(tea.Sequence(func() tea.Msg { return nil }, func() tea.Msg { return nil })())

// cmd wraps a Cmd so that a panic in it is kept and becomes a crashMsg.
// The Cmds of a batch or a sequence are wrapped in turn when it comes
// back, each keeping its message type so Bubble Tea runs them as before.
func (g *Guard) cmd(c tea.Cmd) tea.Cmd {
	if c == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.keep("a background task", r)
				msg = crashMsg{}
			}
		}()
		msg = c()
		switch m := msg.(type) {
		case tea.BatchMsg:
			wrapped := make(tea.BatchMsg, len(m))
			for i, c := range m {
				wrapped[i] = g.cmd(c)
			}
			msg = wrapped
		default:
			if v := reflect.ValueOf(msg); msg != nil && v.Type() == sequenceType {
				wrapped := reflect.MakeSlice(sequenceType, v.Len(), v.Len())
				for i := range v.Len() {
					wrapped.Index(i).Set(reflect.ValueOf(g.cmd(v.Index(i).Interface().(tea.Cmd))))
				}
				msg = wrapped.Interface()
			}
		}
		return msg
	}
}

// update runs the update of model m under the Guard: after a panic kept
// anywhere, any message quits; a panic in it keeps m, the model from
// before the message, and quits; the Cmds it returns are guarded.
func (g *Guard) update(m tea.Model, msg tea.Msg, f func(tea.Msg) (tea.Model, tea.Cmd)) (next tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(crashMsg); ok || g.Crash() != nil {
		return m, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.keep("the screen's update", r)
			next, cmd = m, tea.Quit
		}
	}()
	next, cmd = f(msg)
	return next, g.cmd(cmd)
}

// view runs a View under the Guard: a panic in it is kept and ends the
// program; until it has, the screen says what happened.
func (g *Guard) view(f func() string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			g.caught("drawing the screen", r)
			s = crashScreen
		}
	}()
	return f()
}

// Wrap puts a model under the Guard: main wraps the whole stack (the
// renderer's model around the root), so a panic in any of their Update,
// View, Init or the Cmds they return ends the program in order. Unwrap
// gives the model back.
//
// The model is given the messages first before the program starts, in
// order, under the Guard as any update; what they return runs at Init.
// Run gives it the home screen's records so, and they are on the first
// frame.
func (g *Guard) Wrap(m tea.Model, first ...tea.Msg) tea.Model {
	w := guarded{inner: m, g: g}
	for _, msg := range first {
		next, cmd := w.Update(msg)
		if n, ok := next.(guarded); ok { // always: Update gives back a guarded model, after a panic too
			w = n
		}
		w.first = tea.Batch(w.first, cmd)
	}
	return w
}

// Unwrap is the model Wrap was given; any other model is returned as is.
func Unwrap(m tea.Model) tea.Model {
	if w, ok := m.(guarded); ok {
		return w.inner
	}
	return m
}

type guarded struct {
	inner tea.Model
	g     *Guard
	first tea.Cmd // what the messages given to Wrap returned: run by Init
}

func (w guarded) Init() tea.Cmd { return tea.Batch(w.g.cmd(w.inner.Init()), w.first) }

func (w guarded) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	return w.g.update(w, msg, func(msg tea.Msg) (tea.Model, tea.Cmd) {
		next, cmd := w.inner.Update(msg)
		w.inner = next
		return w, cmd
	})
}

func (w guarded) View() string { return w.g.view(w.inner.View) }

// crashScreen is shown for the moment between a panic in View and the end.
const crashScreen = "spinecoach hit an unexpected error and is closing. Every score shown as saved is safe."
