package tui

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/store"
)

// panicker wraps a model and panics where a test asks it to, as the
// binary built with -tags crashtest does (cli/crashtest.go);
// under Guard.Wrap, as main runs the root.
type panicker struct {
	tea.Model
	onKey   string  // the key whose update panics, or returns cmd
	cmd     tea.Cmd // returned for onKey instead of panicking, if set
	inView  bool    // every frame panics
	message string
}

func (p panicker) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == p.onKey {
		if p.cmd != nil {
			return p, p.cmd
		}
		panic(p.message)
	}
	next, cmd := p.Model.Update(msg)
	p.Model = next
	return p, cmd
}

func (p panicker) View() string {
	if p.inView {
		panic(p.message)
	}
	return p.Model.View()
}

// isQuit reports whether cmd quits the program.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// runAll runs a Cmd and, for a batch, the Cmds in it, and lists the
// messages they give.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runAll(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// assertCrash checks the Guard kept a panic, where and what.
func assertCrash(t *testing.T, g *Guard, where, value string) {
	t.Helper()
	c := g.Crash()
	if c == nil {
		t.Fatal("no panic was kept")
	}
	if c.Where != where || c.Value != value || !strings.Contains(string(c.Stack), "guard_test.go") {
		t.Errorf("kept %q in %q with stack\n%s\nwant %q in %q from this test", c.Value, c.Where, c.Stack, value, where)
	}
}

// atPainCheck is the root on a pain prompt with one save whose commit has
// not come back.
func atPainCheck(t *testing.T) (App, store.Score) {
	t.Helper()
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("Pain check")
	pending := store.Score{Sets: []store.SetRecord{{SessionID: h.app.run.rec.ID, Index: 0, Pain: 4}}}
	h.app.writes.add(h.app.cfg.Store, pending) // its write is not run: the commit never comes back
	return h.app, pending
}

// A panic in Update keeps the model from before the message, with the
// scores still being saved, and quits; every later message quits too.
func TestPanicInUpdateKeepsTheModelAndQuits(t *testing.T) {
	app, pending := atPainCheck(t)
	g := NewGuard()
	m := g.Wrap(panicker{Model: app, onKey: "f5", message: "boom in update"})
	before := m.View()
	next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyF5})
	if !isQuit(cmd) {
		t.Fatal("a panic in Update did not quit the program")
	}
	assertCrash(t, g, "the screen's update", "boom in update")
	if next.View() != before {
		t.Errorf("the model after the panic is not the one before it:\n%s\nwant\n%s", next.View(), before)
	}
	if u := Unwrap(next).(panicker).Model.(App).Unsaved(); len(u) != 1 || u[0].Sets[0] != pending.Sets[0] {
		t.Errorf("unsaved after the panic: %+v, want the pending save", u)
	}
	if _, cmd := next.Update(keyMsg("3")); !isQuit(cmd) {
		t.Error("a message after the panic did not quit")
	}
	if Unwrap(app).(App).View() != app.View() {
		t.Error("Unwrap of a model not wrapped changed it")
	}
}

// A panic in a Cmd, alone or in a batch, is kept and comes back as the
// message that quits.
func TestPanicInCommandQuits(t *testing.T) {
	for name, panicky := range map[string]tea.Cmd{
		"alone":      func() tea.Msg { panic("boom in a command") },
		"in a batch": tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("boom in a command") }),
	} {
		t.Run(name, func(t *testing.T) {
			app, _ := atPainCheck(t)
			g := NewGuard()
			m := g.Wrap(panicker{Model: app, onKey: "f6", cmd: panicky})
			m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyF6})
			var crashed bool
			for _, msg := range runAll(cmd) {
				if _, ok := msg.(crashMsg); ok {
					crashed = true
					if _, cmd := m.Update(msg); !isQuit(cmd) {
						t.Error("the crash message did not quit")
					}
				}
			}
			if !crashed {
				t.Error("the panicking command gave no crash message")
			}
			assertCrash(t, g, "a background task", "boom in a command")
		})
	}
}

// A panic in View shows a sentence instead of the screen and ends the
// program through its Send.
func TestPanicInViewEndsTheProgram(t *testing.T) {
	app, _ := atPainCheck(t)
	g := NewGuard()
	sent := make(chan tea.Msg, 1)
	g.Attach(func(m tea.Msg) { sent <- m })
	m := g.Wrap(panicker{Model: app, inView: true, message: "boom in view"})
	if got := m.View(); got != crashScreen {
		t.Errorf("the screen after a panic in View: %q", got)
	}
	assertCrash(t, g, "drawing the screen", "boom in view")
	select {
	case msg := <-sent:
		if _, cmd := m.Update(msg); !isQuit(cmd) {
			t.Errorf("%T did not quit the program", msg)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("nothing was sent to the program")
	}
}

// A panic in a worker of ours (the voice, the narration) is kept and ends
// the program; the narration no longer blocks Update once its worker is gone.
func TestPanicInOurGoroutineEndsTheProgram(t *testing.T) {
	w := &panickyWriter{}
	n := NewNarrator(w, "\n")
	g := NewGuard()
	sent := make(chan tea.Msg, 1)
	g.Attach(func(m tea.Msg) { sent <- m })
	New(Config{Store: openTestStore(t, t.TempDir()), Program: testProgram(), Warnings: testWarnings(),
		Clock: NewFakeClock(t0), Plain: n, Guard: g})
	n.Say([]string{"first line"})
	select {
	case m := <-sent:
		if _, ok := m.(crashMsg); !ok {
			t.Errorf("sent %T, want crashMsg", m)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the narration's panic did not reach the program")
	}
	if c := g.Crash(); c == nil || c.Where != "the narration" || !errors.Is(c.Value.(error), errWriterBroke) {
		t.Fatalf("kept %+v", c)
	}
	done := make(chan struct{})
	go func() {
		n.Say(make([]string, 1000)) // more than its queue holds
		n.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Say blocked after the narration's worker ended")
	}
}

var errWriterBroke = errors.New("writer broke")

type panickyWriter struct{}

func (panickyWriter) Write([]byte) (int, error) { panic(errWriterBroke) }

// Only the first panic is kept: it is the cause, later ones its echoes.
func TestGuardKeepsTheFirstPanic(t *testing.T) {
	g := NewGuard()
	g.caught("view", "first")
	g.caught("update", "second")
	if c := g.Crash(); c.Value != "first" || c.Where != "view" {
		t.Errorf("kept %+v, want the first", c)
	}
}

// A panic in a Cmd run by tea.Sequence is the Guard's too: Bubble Tea
// runs a sequence's Cmds itself (its message type is unexported), and
// would otherwise recover the panic on its own, print the trace over the
// screen and kill the program, leaving main no crash to report.
func TestPanicInSequencedCommandQuitsInOrder(t *testing.T) {
	g := NewGuard()
	sequence := tea.Sequence(
		func() tea.Msg { return nil },
		func() tea.Msg {
			return tea.Batch(func() tea.Msg { return nil }, tea.Sequence(nil, func() tea.Msg { panic("boom in a sequence") }))()
		},
		func() tea.Msg { panic("second in the sequence") },
	)
	app := New(Config{Store: openTestStore(t, t.TempDir()), Program: testProgram(), Warnings: testWarnings(),
		Clock: NewFakeClock(t0), Guard: g})
	p := tea.NewProgram(g.Wrap(panicker{Model: app, onKey: "f6", cmd: sequence}), tea.WithInput(nil),
		tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignalHandler())
	g.Attach(p.Send)
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	p.Send(tea.KeyMsg{Type: tea.KeyF6})
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the program ended with %v, want an orderly quit", err)
		}
	case <-time.After(5 * time.Second):
		p.Kill()
		t.Fatal("the program did not end")
	}
	c := g.Crash()
	if c == nil || c.Where != "a background task" || c.Value != "boom in a sequence" {
		t.Fatalf("kept %+v, want the sequence's first panic", c)
	}
}

// A panic in a worker before the Guard is attached to the program (while
// main is still setting up) ends the program as soon as it is attached,
// not at some later message.
func TestPanicBeforeAttachEndsTheProgramOnAttach(t *testing.T) {
	g := NewGuard()
	var slot guardSlot
	slot.set(g)
	func() {
		defer slot.recover("the narration")
		panic("boom before attach")
	}()
	sent := make(chan tea.Msg, 1)
	g.Attach(func(m tea.Msg) { sent <- m })
	select {
	case m := <-sent:
		if _, ok := m.(crashMsg); !ok {
			t.Errorf("sent %T, want crashMsg", m)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a panic kept before Attach never reached the program")
	}
}

// Run reads the home screen's records before the program starts and
// gives them to the Guard's Wrap: the first view shows them and Init reads
// nothing more. (What the message returns runs at Init: the next test.)
func TestPreloadedRecordsAreOnTheFirstFrame(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	reviewAnswered(t, st, t0)
	skipSetup(t, st)
	app := New(Config{Store: st, Program: testProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0}})
	g := NewGuard()
	if g.Wrap(app).View() != "" {
		t.Fatal("a frame was drawn before the records were read")
	}
	// The size first, as screen.Wrap gives it.
	m := g.Wrap(app, tea.WindowSizeMsg{Width: 80, Height: 24}, app.reloadHome()())
	if v := m.View(); !strings.Contains(v, "Press Enter to start.") {
		t.Errorf("the first frame after the preload is not the home screen:\n%s", v)
	}
	if msgs := runAll(m.Init()); len(msgs) > 0 {
		t.Errorf("Init did more after the preload: %#v", msgs)
	}
	// Without the preload, Init reads them.
	msgs := runAll(g.Wrap(app).Init())
	if len(msgs) != 1 {
		t.Fatalf("Init of a program started without the records gave %#v", msgs)
	}
	if _, read := msgs[0].(homeLoadedMsg); !read {
		t.Errorf("Init of a program started without the records gave %#v, not them", msgs[0])
	}
}

// A panic in the update a preloaded message runs is kept, and the
// program ends in order as it starts.
func TestPanicInAPreloadedUpdateQuitsAtInit(t *testing.T) {
	app, _ := atPainCheck(t)
	g := NewGuard()
	m := g.Wrap(panicker{Model: app, onKey: "f5", message: "boom before the start"}, tea.KeyMsg{Type: tea.KeyF5})
	assertCrash(t, g, "the screen's update", "boom before the start")
	var quits bool
	for _, msg := range runAll(m.Init()) {
		if _, ok := msg.(tea.QuitMsg); ok {
			quits = true
		}
	}
	if !quits {
		t.Error("the program would start after a panic before it")
	}
}

// A panic in the read Run makes before the program starts is kept; the
// program quits as it starts, and the records are not read again.
func TestPanicInThePreStartReadQuitsWithoutReadingAgain(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	skipSetup(t, st)
	g := NewGuard()
	app := New(Config{Store: st, Program: testProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0}, Guard: g})
	msg := g.cmd(func() tea.Msg { panic("boom in the read") })()
	m := g.Wrap(app, msg)
	if c := g.Crash(); c == nil || c.Value != "boom in the read" {
		t.Fatalf("the panic was not kept: %+v", c)
	}
	var quits bool
	for _, msg := range runAll(m.Init()) {
		switch msg.(type) {
		case tea.QuitMsg:
			quits = true
		case homeLoadedMsg:
			t.Error("Init read the records again after the read panicked")
		}
	}
	if !quits {
		t.Error("the program would start after the read panicked")
	}
}
