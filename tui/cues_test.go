package tui

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
)

// The cues of a sided exercise of 3 holds of 30 s with 10 s rests, in
// order and on time (program time from the moment the card is confirmed).
func TestCueSequenceForASidedExercise(t *testing.T) {
	r := testRoutine()
	r.Exercises = r.Exercises[:1]
	r.Exercises[0].Dose = routine.Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, func(c *Config) { c.Program = routine.Program{Routines: []routine.Routine{r}} })
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("2", "enter") // the right side's card
	h.keys("enter")
	h.fireUntil("Pain check")

	var got []string
	for _, c := range h.cues.got {
		got = append(got, fmt.Sprintf("%v %s", c.at, c.text))
	}
	// One side: get ready at 0; hold 1 from 3 s, halfway at 18 s, 3-2-1 at
	// 30, 31, 32 s, relax at 33 s; rest to 43 s; holds 2 and 3 likewise.
	side := func(off time.Duration, name string) []string {
		var want []string
		at := func(d time.Duration, text string) { want = append(want, fmt.Sprintf("%v %s", off+d, text)) }
		at(0, name+" side. Get ready.")
		for rep := 0; rep < 3; rep++ {
			start := 3*time.Second + time.Duration(rep)*40*time.Second
			at(start, name+" side. Hold.")
			at(start+15*time.Second, "Halfway.")
			at(start+27*time.Second, "Three.")
			at(start+28*time.Second, "Two.")
			at(start+29*time.Second, "One.")
			at(start+30*time.Second, "Relax.")
		}
		at(113*time.Second, "Set done. How is your pain?")
		return want
	}
	want := side(0, "Left")
	want = append(want, "1m53s Switch to the right side.")
	want = append(want, side(113*time.Second, "Right")...)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cues\n got %q\nwant %q", got, want)
	}
}

func TestBellPatterns(t *testing.T) {
	var w strings.Builder
	b := BellCues{W: &w}
	for c, rings := range map[Cue]int{CueHoldStart: 1, CueHoldEnd: 2, CueSwitchSide: 3} {
		cmd := b.Cue(c, "")
		n := 1
		if batch, ok := cmd().(tea.BatchMsg); ok {
			n = len(batch)
		}
		if n != rings {
			t.Errorf("%v rings %d times, want %d", c, n, rings)
		}
	}
	if w.String() == "" {
		t.Error("no bell was written")
	}
	if (BellCues{}).Cue(CueHoldEnd, "") != nil {
		t.Error("a bell without a terminal should be silent")
	}
}

// A fake speech program on PATH records what it is asked to say; the test
// reads it from a named pipe, so nothing waits on a clock.
func TestVoiceSpeaksThroughALocalProgram(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "said")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	fake := filepath.Join(dir, "espeak-ng")
	script := "#!/bin/sh\nshift 2\necho \"$*\" > " + fifo + "\n"
	if err := os.WriteFile(fake, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	program, args, ok := FindVoice(execLookPath)
	if !ok || program != fake {
		t.Fatalf("FindVoice = %q, %v; want the fake espeak-ng", program, ok)
	}
	v := NewVoiceCues(program, args)
	said := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo) // blocks until the program writes
		if err != nil {
			said <- err.Error()
			return
		}
		defer f.Close()
		line, _ := bufio.NewReader(f).ReadString('\n')
		said <- strings.TrimSpace(line)
	}()
	start := time.Now()
	if cmd := v.Cue(CueSwitchSide, "Switch to the right side."); cmd != nil {
		t.Fatal("speaking returned work for the program loop")
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("starting speech took %v: it must not wait for the voice", d)
	}
	select {
	case got := <-said:
		if got != "Switch to the right side." {
			t.Errorf("the program was asked to say %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the speech program was never run")
	}
}

func TestNoSpeechProgram(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, _, ok := FindVoice(execLookPath); ok {
		t.Error("found a speech program on an empty PATH")
	}
}

var execLookPath = exec.LookPath
