package tui

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/spinecoach/spinecoach/routine"
)

// writeGate holds back the store write of every set (saveSet's Cmd)
// before it runs, so the data file is untouched until the test lets the
// write go: a disk that takes as long as the test likes. Every other Cmd
// runs as it would.
type writeGate struct {
	held chan chan struct{} // one per write held, in the order they came; close it to let the write run
}

// isSetWrite reports whether cmd is the Cmd of saveScore, by the name of its
// function (saveSet.func1, or with a prefix where saveSet was inlined).
func isSetWrite(cmd tea.Cmd) bool {
	f := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer())
	return f != nil && strings.Contains(f.Name(), "saveScore.func")
}

// wrap returns cmd with every set write in it, at any depth of batches,
// held at the gate.
func (g *writeGate) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	if isSetWrite(cmd) {
		return func() tea.Msg {
			release := make(chan struct{})
			g.held <- release
			<-release
			return cmd()
		}
	}
	return func() tea.Msg {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			gated := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				gated[i] = g.wrap(c)
			}
			return gated
		}
		return msg
	}
}

// gatedApp is the real root model whose set writes go through a gate.
type gatedApp struct {
	App
	gate *writeGate
}

func (g gatedApp) Init() tea.Cmd { return g.gate.wrap(g.App.Init()) }

func (g gatedApp) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := g.App.Update(msg)
	g.App = next.(App)
	return g, g.gate.wrap(cmd)
}

// TestNextStepWaitsForTheScoreWrite runs the real program while the write
// of a pain score (and the decision it caused) is held: the pain prompt
// stays, says "Saving…", and keys typed meanwhile answer nothing, since
// the next card is not on screen; nothing is shown of a decision that is
// not in the file. Once the write is let go the card comes, confirmed,
// and needs its own Enter.
func TestNextStepWaitsForTheScoreWrite(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	skipSetup(t, st)
	gate := &writeGate{held: make(chan chan struct{}, 16)}
	app := gatedApp{App: New(Config{Store: st, Program: testProgram(), Warnings: testWarnings(), Clock: NewFakeClock(t0)}), gate: gate}
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(80, 24))
	var released []chan struct{}
	defer func() { // a failed test must not leave writes blocked
		for _, r := range released {
			close(r)
		}
	}()

	// waitFor reads the output until every text has come (each read
	// consumes what it saw, so texts of one frame go in one call).
	waitFor := func(want ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			for _, w := range want {
				if !bytes.Contains(b, []byte(w)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	}
	typeKeys := func(keys ...string) {
		for _, k := range keys {
			tm.Send(keyMsg(k))
		}
	}
	heldWrite := func() {
		t.Helper()
		select {
		case r := <-gate.held:
			released = append(released, r)
		case <-time.After(5 * time.Second):
			t.Fatal("no set write reached the store")
		}
	}
	setsInFile := func() int {
		t.Helper()
		n := 0
		for _, s := range sessionsOf(t, st) {
			sets, err := st.SetsOf(s.ID)
			if err != nil {
				t.Fatal(err)
			}
			n += len(sets)
		}
		return n
	}

	waitFor("Press Enter to start.")
	typeKeys("enter")
	waitFor("Check-in")
	typeKeys("2", "enter")
	waitFor("do any of these apply")
	typeKeys("n")
	waitFor("I'm in position")
	typeKeys("enter")
	waitFor("Pain check")
	typeKeys("4", "enter") // amber: a decision rides with this score
	heldWrite()

	// The prompt stays while the write is held, and an Enter typed now
	// does not reach the card that is not there yet.
	waitFor("Saving…")
	typeKeys("enter")
	if n := setsInFile(); n != 0 {
		t.Fatalf("%d sets in the file while the write is held", n)
	}
	for _, r := range released {
		close(r)
	}
	released = nil
	waitFor("Now the right side.", "the rest of today uses", "Saved: pain 4/10")
	typeKeys("ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(gatedApp)
	if final.Err() != nil {
		t.Fatalf("program ended with %v", final.Err())
	}
	if u := final.Unsaved(); len(u) != 0 {
		t.Errorf("%d writes still pending after they were let go", len(u))
	}
	if final.run == nil || final.run.sess.Step() != routine.StepCard {
		t.Errorf("the Enter typed during the write answered the next card")
	}
	var got []string
	for _, s := range sessionsOf(t, st) {
		sets, _ := st.SetsOf(s.ID)
		for _, r := range sets {
			got = append(got, fmt.Sprintf("%s/%s=%d", r.ExerciseID, r.Side, r.Pain))
		}
		decisions, _ := st.DecisionsOf(s.ID)
		for _, d := range decisions {
			got = append(got, d.Rule)
		}
	}
	if want := "glide/left=4 none amber"; strings.Join(got, " ") != want {
		t.Errorf("stored %q, want %q", strings.Join(got, " "), want)
	}
}
