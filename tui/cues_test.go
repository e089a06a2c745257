package tui

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
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
	card := func(at, side string) string {
		return at + " Straight-leg nerve glide, " + side + " side. 3 holds of 30 s, each side. Lie on your back, legs straight. Knee straight. Toes up."
	}
	want := []string{card("0s", "left")}
	want = append(want, side(0, "Left")...)
	want = append(want, "1m53s Switch to the right side.", card("1m53s", "right"))
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

// A fake speech program that takes 0.8 s a phrase, and cues that come
// faster than that (a hold's last seconds under load, then the score
// typed): no phrase is spoken after its moment has passed (the next cue,
// or the score typed, ends it), none is spoken twice, and the voice
// never holds up the caller.
func TestVoiceDropsPhrasesWhoseMomentPassed(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "said.log")
	fake := filepath.Join(dir, "slow-voice")
	// The script notes when it starts from /proc/uptime with the shell's
	// own read: running date for it took hundreds of milliseconds on a
	// loaded machine, which the test then blamed on the cues.
	script := "#!/bin/sh\nread up _ </proc/uptime\necho \"$up $*\" >> " + log + "\nsleep 0.8\n"
	if err := os.WriteFile(fake, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	v := NewVoiceCues(fake, nil)
	type moment struct {
		at   time.Duration // after the start
		cue  Cue
		text string
	}
	moments := []moment{
		{0, CueHoldStart, "Left side. Hold."},
		{300 * time.Millisecond, CueHalfway, "Halfway."},
		{600 * time.Millisecond, CueCount, "Three."},
		{900 * time.Millisecond, CueCount, "Two."},
		{1200 * time.Millisecond, CueCount, "One."},
		{1500 * time.Millisecond, CueHoldEnd, "Relax."},
		{1550 * time.Millisecond, CueSetDone, "Set done. How is your pain?"},
	}
	hushAt := 2000 * time.Millisecond // the score typed
	start := time.Now()
	base := uptime(t)
	for _, m := range moments {
		time.Sleep(time.Until(start.Add(m.at)))
		before := time.Now()
		v.Cue(m.cue, m.text)
		if d := time.Since(before); d > 50*time.Millisecond {
			t.Errorf("Cue(%q) took %v", m.text, d)
		}
	}
	time.Sleep(time.Until(start.Add(hushAt)))
	v.Hush()
	time.Sleep(2 * time.Second) // what is being said ends; nothing more may start
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	// A moment ends with the next cue; the last with the hush.
	ends := map[string]time.Duration{}
	for i, m := range moments {
		end := hushAt
		if i+1 < len(moments) {
			end = moments[i+1].at
		}
		ends[m.text] = end
	}
	seen := map[string]bool{}
	var said []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		up, text, _ := strings.Cut(line, " ")
		secs, err := strconv.ParseFloat(up, 64)
		if err != nil {
			t.Fatalf("log line %q", line)
		}
		// /proc/uptime counts hundredths: a phrase may read up to 10 ms early or late.
		at := time.Duration((secs-base)*float64(time.Second)) - 10*time.Millisecond
		said = append(said, fmt.Sprintf("%q at %v", text, at.Round(time.Millisecond)))
		end, ok := ends[text]
		switch {
		case !ok:
			t.Errorf("said %q, which no cue asked for", text)
		case at > end:
			t.Errorf("%q was said at %v, after its moment ended at %v", text, at.Round(time.Millisecond), end)
		case seen[text]:
			t.Errorf("%q was said twice", text)
		}
		seen[text] = true
	}
	if !seen["Left side. Hold."] {
		t.Errorf("the first phrase was not said")
	}
	t.Logf("said: %s", strings.Join(said, ", "))
}

// uptime reads /proc/uptime: seconds since boot, in hundredths.
func uptime(t *testing.T) float64 {
	t.Helper()
	data, err := os.ReadFile("/proc/uptime")
	if err != nil {
		t.Skipf("no /proc/uptime: %v", err)
	}
	up, _, _ := strings.Cut(string(data), " ")
	secs, err := strconv.ParseFloat(up, 64)
	if err != nil {
		t.Fatalf("/proc/uptime: %q", data)
	}
	return secs
}
