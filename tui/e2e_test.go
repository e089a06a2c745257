package tui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/spinecoach/spinecoach/store"
)

// TestEndToEnd runs the real Bubble Tea program through a two-exercise
// routine. The fake clock jumps to each timer's deadline at once, so the
// test takes milliseconds yet every countdown runs its full program time.
func TestEndToEnd(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	skipSetup(t, st)
	clock := NewFakeClock(t0)
	app := New(Config{Store: st, Program: testProgram(), Warnings: testWarnings(), Clock: clock})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(80, 24))

	waitFor := func(want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	}
	typeKeys := func(keys ...string) {
		for _, k := range keys {
			tm.Send(keyMsg(k))
		}
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
	typeKeys("3", "enter")
	waitFor("Now the right side.")
	typeKeys("enter")
	waitFor("Pain check")
	typeKeys("4", "enter")
	waitFor("Ankle pumps")
	typeKeys("enter")
	waitFor("Press Enter when you have finished.")
	typeKeys("enter")
	waitFor("Pain check")
	typeKeys("1", "enter")
	waitFor("Session done")
	typeKeys("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	final := tm.FinalModel(t).(App)
	if final.Err() != nil {
		t.Fatalf("program ended with %v", final.Err())
	}
	sessions, err := st.SessionsBetween(t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil || len(sessions) != 1 || sessions[0].Status != store.StatusCompleted {
		t.Fatalf("sessions %+v, err %v", sessions, err)
	}
	sets, _ := st.SetsOf(sessions[0].ID)
	var got []string
	for _, s := range sets {
		got = append(got, fmt.Sprintf("%s/%s=%d", s.ExerciseID, s.Side, s.Pain))
	}
	if want := "glide/left=3 glide/right=4 pumps/=1"; strings.Join(got, " ") != want {
		t.Errorf("stored %q, want %q", strings.Join(got, " "), want)
	}
	// Two sides of 2 holds: 2 x (3 s ready + 30 + 10 + 30) of program time.
	if got := clock.Now().Sub(t0); got < 146*time.Second {
		t.Errorf("program time moved %v, want at least 146s of countdowns", got)
	}
}

var _ tea.Model = App{}
