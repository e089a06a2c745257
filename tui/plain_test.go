package tui

import (
	"bytes"
	"strings"
	"testing"
)

// TestPlainModeNarratesAWholeSession runs a routine in plain mode and reads
// the transcript: a line per step, in order, and no screen drawn.
func TestPlainModeNarratesAWholeSession(t *testing.T) {
	var out bytes.Buffer
	narrator := NewNarrator(&out, "\n")
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, func(c *Config) { c.Plain = narrator })
	h.keys("enter", "2", "enter", "n")
	h.keys("enter")
	h.fireUntilStep("pain")
	h.keys("3", "enter", "enter")
	h.fireUntilStep("pain")
	h.keys("2", "enter", "enter", "enter", "1", "enter")
	if h.view() != "" {
		t.Errorf("plain mode drew a screen:\n%s", h.view())
	}
	narrator.Close()
	want := []string{
		"Press Enter to start today's session",
		"Check-in. How much pain do you have right now?",
		"Before you start: do any of these apply to you today?",
		"Call emergency services now if:",
		"1. Chest pain.",
		"3. A fall.",
		"Press n if none of these apply, y if any does. Enter alone does not answer.",
		"Straight-leg nerve glide, left side: 2 holds of 30 s, each side.",
		"Position: Lie on your back, legs straight.",
		"Get ready: 3 seconds.",
		"Hold 1 of 2: 30 s.",
		"Halfway.",
		"Three.", "Two.", "One.",
		"Relax. Rest 10 s.",
		"Hold 2 of 2: 30 s.",
		"Pain check after Straight-leg nerve glide, left side. Before the session you said 2.",
		// Told once stored: a decision is never told before its transaction is synced.
		"Saved: pain 3/10 after Straight-leg nerve glide, left side.",
		"Pain went from 2 to 3 after the straight-leg nerve glide, left side: carry on as planned.",
		"Straight-leg nerve glide, right side: 2 holds of 30 s, each side.",
		"Pain check after Straight-leg nerve glide, right side.",
		"Ankle pumps: 10 times, about 2 s each.",
		"Do 10, counting to yourself. Press Enter when you have finished.",
		"Pain check after Ankle pumps.",
		"Session done",
		"Straight-leg nerve glide, left side: pain 3, before the session 2.",
		"Ankle pumps: pain 1, before the session 2.",
		"Press Enter to go home, or q to quit.",
	}
	text := out.String()
	inOrder(t, text, want)
	if strings.Contains(text, "\x1b[") {
		t.Error("the transcript has escape codes")
	}
}

// fireUntilStep fires timers until the session reaches step (by name).
func (h *harness) fireUntilStep(step string) {
	h.t.Helper()
	for i := 0; i < 500 && h.app.run != nil && h.app.run.sess.Step().String() != step; i++ {
		h.fire()
	}
}

// A whole routine in plain mode with q during a hold (and n to stay),
// digits typed and erased, and a pause: every line of the transcript, in
// order, and nothing else.
func TestPlainModeEveryLine(t *testing.T) {
	var out bytes.Buffer
	narrator := NewNarrator(&out, "\n")
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, func(c *Config) { c.Plain = narrator })
	h.keys("enter", "2", "enter", "n")
	h.keys("enter")
	h.fireUntilStep("hold")
	h.fire()
	h.keys("q") // the leave question, said; the hold waits
	h.keys("n")
	h.keys("space", "space")
	h.fireUntilStep("pain")
	h.keys("1", "backspace", "3", "enter", "enter")
	h.fireUntilStep("pain")
	h.keys("2", "enter", "enter", "enter", "1", "enter")
	narrator.Close()
	got := strings.TrimSpace(out.String())
	want := strings.TrimSpace(plainTranscript)
	if got != want {
		t.Errorf("transcript:\n%s\n\nwant:\n%s", got, want)
	}
}

const plainTranscript = `
Phase 1 · Nerve glides and pulls (set your surgery date to follow your recovery).
Dose: the full prescription, unless your check-in pain says otherwise.
No session done yet today.
Press Enter to start today's session, s for a short one, or q to quit.
Check-in. How much pain do you have right now? Type a number from 0 to 10, then press Enter.
Typed 2.
Before you start: do any of these apply to you today?
Call emergency services now if:
1. Chest pain.
Call your surgeon today if:
2. Fever.
3. A fall.
Press n if none of these apply, y if any does. Enter alone does not answer.
Straight-leg nerve glide, left side: 2 holds of 30 s, each side.
Position: Lie on your back, legs straight.
Remember: Knee straight. Toes up.
Press Enter when you are in position, or s to skip this exercise.
Get ready: 3 seconds.
Hold 1 of 2: 30 s.
Leave the session now? What you have recorded is kept, and you can resume later. Press y to leave, n to stay.
You stay: the session goes on.
Paused. Press space to go on.
Going on.
Halfway.
Three.
Two.
One.
Relax. Rest 10 s.
Hold 2 of 2: 30 s.
Halfway.
Three.
Two.
One.
Relax.
Pain check after Straight-leg nerve glide, left side. Before the session you said 2. Type a number from 0 to 10, then press Enter.
Typed 1.
Erased: the score is empty.
Typed 3.
Saved: pain 3/10 after Straight-leg nerve glide, left side.
Pain went from 2 to 3 after the straight-leg nerve glide, left side: carry on as planned.
Straight-leg nerve glide, right side: 2 holds of 30 s, each side.
Position: Lie on your back, legs straight.
Remember: Knee straight. Toes up.
Press Enter when you are in position, or s to skip this exercise.
Get ready: 3 seconds.
Hold 1 of 2: 30 s.
Halfway.
Three.
Two.
One.
Relax. Rest 10 s.
Hold 2 of 2: 30 s.
Halfway.
Three.
Two.
One.
Relax.
Pain check after Straight-leg nerve glide, right side. Before the session you said 2. Type a number from 0 to 10, then press Enter.
Typed 2.
Saved: pain 2/10 after Straight-leg nerve glide, right side.
Pain stayed at 2 after the straight-leg nerve glide, right side: carry on as planned.
Ankle pumps: 10 times, about 2 s each.
Position: Lie on your back.
Remember: Up and down. Steady.
Press Enter when you are in position, or s to skip this exercise.
Do 10, counting to yourself. Press Enter when you have finished.
Pain check after Ankle pumps. Before the session you said 2. Type a number from 0 to 10, then press Enter.
Typed 1.
Saved: pain 1/10 after Ankle pumps.
Pain went down from 2 to 1 after the ankle pumps: carry on as planned.
Session done · Nerve glides and pulls · took 2 min 26 s
Straight-leg nerve glide, left side: pain 3, before the session 2.
Straight-leg nerve glide, right side: pain 2, before the session 2.
Ankle pumps: pain 1, before the session 2.
Press Enter to go home, or q to quit.
`

// inOrder fails the test unless text holds each of want, one after the
// other: a plain-mode transcript read in the order it was said.
func inOrder(t *testing.T, text string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("after %q the transcript lacks %q:\n%s", text[:at], w, text)
		}
		at += i + len(w)
	}
}
