package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// digitBlock measures the countdown's block digits on a view: how many
// rows they take (the rows with █ above the bar's line) and the columns
// left and right of them.
func digitBlock(view string) (rows, left, right int) {
	lines := strings.Split(view, "\n")
	left, right = -1, -1
	for _, l := range lines {
		if strings.Contains(l, "░") {
			break // the bar: the digits are above it
		}
		if !strings.Contains(l, "█") || strings.Contains(l, "SIDE") {
			continue
		}
		rows++
		r := []rune(l)
		first := strings.IndexRune(l, '█')
		lw := lipgloss.Width(l[:first])
		last := len(r) - 1
		for last >= 0 && r[last] != '█' {
			last--
		}
		rw := len(r) - 1 - last
		if left < 0 || lw < left {
			left = lw
		}
		if right < 0 || rw < right {
			right = rw
		}
	}
	return rows, left, right
}

// blockRuns counts the runs of lines drawn in block glyphs.
func blockRuns(v string) int {
	runs, in := 0, false
	for _, l := range strings.Split(v, "\n") {
		big := strings.Contains(l, "█")
		if big && !in {
			runs++
		}
		in = big
	}
	return runs
}

// The countdown grows with the terminal, in height and in width, stays
// centred, and keeps its size when ? opens the full help.
func TestBigDigitsScaleWithTheTerminal(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("HOLD  1 of 2")
	for _, c := range []struct {
		w, h, minRows int
	}{
		{80, 24, 5}, {120, 40, 15}, {200, 60, 30}, {60, 18, 5},
	} {
		h.send(tea.WindowSizeMsg{Width: c.w, Height: c.h})
		v := h.view()
		rows, left, right := digitBlock(v)
		if rows < c.minRows {
			t.Errorf("%dx%d: the digits and the side are %d rows high, want at least %d:\n%s", c.w, c.h, rows, c.minRows, v)
		}
		if d := left - right; d < -3 || d > 3 {
			t.Errorf("%dx%d: the digits are not centred: %d columns left of them, %d right", c.w, c.h, left, right)
		}
		if n := len(strings.Split(v, "\n")); n > c.h {
			t.Errorf("%dx%d: the view has %d lines", c.w, c.h, n)
		}
	}
	// At 200x60 the digits use the width too, and the side is drawn large.
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	if _, left, right := digitBlock(h.view()); 200-left-right < 100 {
		t.Errorf("at 200x60 the countdown is %d columns wide, want 100 or more", 200-left-right)
	}
	// The side and the hold's number are words under the digits, not
	// block glyphs: "2/10" in them would read as a pain score.
	h.expect("Left side · Hold 1 of 2")
	if blocks := blockRuns(h.view()); blocks != 1 {
		t.Errorf("at 200x60 %d runs of block glyphs, want the countdown's alone:\n%s", blocks, h.view())
	}
	for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: 200, Height: 60}} {
		h.send(size)
		before, _, _ := digitBlock(h.view())
		h.keys("?")
		after, _, _ := digitBlock(h.view())
		h.keys("?")
		if after == 0 || after < before-glyphRows*2 {
			t.Errorf("%dx%d: ? took the digits from %d rows to %d:\n%s", size.Width, size.Height, before, after, h.view())
		}
	}
}

// The block glyphs scale cell for cell.
func TestBigTextScaled(t *testing.T) {
	got := bigTextScaled("1", 2, 3)
	lines := strings.Split(got, "\n")
	if len(lines) != glyphRows*3 {
		t.Fatalf("%d rows, want %d", len(lines), glyphRows*3)
	}
	if lines[0] != "      ██  " || lines[2] != lines[0] || lines[3] != "    ████  " {
		t.Errorf("scaled 1:\n%s", got)
	}
	if bigWidth("4:05") != 23 || bigScale("30", 198, 44) != 8 {
		t.Errorf("width %d, scale %d", bigWidth("4:05"), bigScale("30", 198, 44))
	}
}

// fits checks that a view is at most w×h: no line wider, no more lines.
func fits(t *testing.T, where string, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines in a %dx%d terminal", where, len(lines), w, h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s: line %d is %d wide in a %dx%d terminal: %q", where, i+1, lw, w, h, l)
		}
	}
}

// Golden views of every screen of a session at 80x24, 120x40 and
// 200x60, colours off; each fits its terminal. (The trends screen has
// its own, TestTrendsGolden.)
func TestGoldenScreens(t *testing.T) {
	routineWithOptional := func(c *Config) {
		r := testRoutine()
		r.Precautions = append(r.Precautions, "Repeat the session every 2 hours only if the last one went well.",
			"Bend at the knees and hips, not at the waist.", "No sit-ups, crunches or leg raises.")
		r.Exercises = append(r.Exercises, routine.Exercise{ID: "sweeps", Name: "Leg sweeps", Sides: false, Optional: true,
			Position: "Lie on your back.", Cues: []string{"Knee straight."}, Dose: routine.Dose{Count: 5, Pace: 2 * time.Second}})
		c.Program = routine.Program{Routines: []routine.Routine{r}}
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		w, hh := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, hh), func(t *testing.T) {
			h := newHarness(t, openTestStore(t, t.TempDir()), routineWithOptional)
			h.send(tea.WindowSizeMsg{Width: w, Height: hh})
			shot := func(name string) {
				t.Helper()
				v := h.view()
				fits(t, name, v, w, hh)
				t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(v)) })
			}
			shot("home")
			h.keys("s") // a short session: the optional leg sweeps are left out
			shot("checkin")
			h.keys("2", "enter")
			shot("warning")
			h.keys("n")
			shot("card")
			h.keys("q")
			shot("card-leave")
			h.keys("n", "enter")
			h.fireUntil("HOLD  1 of 2")
			for i := 0; i < 12; i++ {
				h.fire()
			}
			shot("hold")
			h.keys("q")
			shot("hold-leave")
			h.keys("n")
			h.fireUntil("Pain check")
			h.keys("6")
			shot("pain")
			h.keys("enter") // red: the right side is left out, the rest is lighter
			h.expect("Saved: pain 6/10")
			h.keys("enter")
			shot("counting")
			h.keys("enter", "1", "enter")
			h.expect("Session done", "left out by the pain rules", "Leg sweeps (optional, left out of a short session)")
			shot("summary")
			h.keys("enter")
			h.expect("1 session done today")
			h.keys("enter")
			h.expect("Start anyway? y/n") // a second session within the 2 hours asks first
			h.keys("y")
			h.keys("9", "enter", "n")
			h.expect("No exercise today")
			shot("stop")
		})
	}
}

// At 60x18 a card too long for the window says so, j scrolls to the
// precautions, and the leave question is shown whole with its keys.
func TestSmallWindowScrollsAndNeverCutsTheQuestion(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 18})
	h.expect("more lines below: press j")
	h.startSession("2")
	h.expect("more lines below: press j")
	if strings.Contains(h.view(), "Take care") {
		t.Fatalf("the card fits after all; the test needs a longer one:\n%s", h.view())
	}
	h.keys("j", "j", "j")
	h.expect("Take care", "Lift nothing heavy.", "Do not twist.", "more lines above: press k")
	fits(t, "scrolled card", h.view(), 60, 18)
	h.keys("k", "k", "k")
	h.expect("Straight-leg nerve glide")
	h.keys("q")
	h.expect("Leave the session now?", "y leave · n stay")
	fits(t, "leave question", h.view(), 60, 18)
	h.keys("n", "enter")
	h.fireUntil("HOLD")
	h.keys("q")
	h.expect("Leave the session now?", "y leave · n stay")
	fits(t, "leave question on a hold", h.view(), 60, 18)
}

// Until the records are read the root draws nothing: the plan of "no
// surgery date" and a "reading" line would be a first frame that is not
// true for a patient with a profile.
func TestNoFrameBeforeTheRecordsAreRead(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	skipSetup(t, st)
	a := New(Config{Store: st, Program: testProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0}})
	next, _ := a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := next.View(); v != "" {
		t.Fatalf("a frame before the records were read:\n%s", v)
	}
	msg := a.Init()()
	next, _ = next.Update(msg)
	if v := next.View(); !strings.Contains(v, "Press Enter to start.") || strings.Contains(v, "Reading your records") {
		t.Errorf("the first frame after the read:\n%s", v)
	}
}

// `start` skips the home screen, so its notice (no speech program: the
// bell instead) is said in the footer of the first screen.
func TestStartSaysTheNotice(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), func(c *Config) {
		c.Start = true
		c.Notice = "No speech program (espeak-ng, spd-say or say) was found, so cues use the bell."
	})
	if h.screen() != screenCheckin {
		t.Fatalf("start opened on %s", h.screen())
	}
	h.expect("No speech program (espeak-ng, spd-say or say) was found, so cues use the bell.")
}

// The screens TestGoldenScreens does not reach, at the same three sizes:
// the first-run setup form, the clearance question, an unfinished session
// offered for resuming, a closed day's home screen, and the trends.
func TestGoldenMoreScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		w, hh := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, hh), func(t *testing.T) {
			shot := func(h *harness, name string) {
				t.Helper()
				v := h.view()
				fits(t, name, v, w, hh)
				t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(v)) })
			}
			// First run: the setup form.
			st := openTestStore(t, t.TempDir())
			app := New(Config{Store: st, Program: phasedProgram(), Warnings: testWarnings(), Clock: &manualClock{now: t0}})
			h := &harness{t: t, app: app, clock: app.cfg.Clock.(*manualClock), st: st}
			h.send(tea.WindowSizeMsg{Width: w, Height: hh})
			h.run(h.app.Init())
			h.expect("When was your surgery?")
			shot(h, "setup")

			// A phase open by date, waiting for clearance.
			h, _ = newPhasedHarness(t, store.Profile{SurgeryDate: "2026-10-01", Region: "lumbar", ClearedPhase: 2})
			h.send(tea.WindowSizeMsg{Width: w, Height: hh})
			h.keys("c")
			h.expect("Has your surgeon or physical therapist told you")
			shot(h, "clearance")

			// A session left unfinished, then offered again.
			st = openTestStore(t, t.TempDir())
			h = newHarness(t, st, nil)
			h.send(tea.WindowSizeMsg{Width: w, Height: hh})
			h.startSession("2")
			h.keys("enter")
			h.fireUntil("Pain check")
			h.keys("3", "enter", "q", "y")
			h.keys("enter")
			h.expect("Unfinished session")
			shot(h, "resume")

			// A day closed by a check-in of 8, and the trends of it.
			h.keys("n")                                      // discard it
			h.keys("enter", "y", "8", "enter", "n", "enter") // y: start within the 2 hours
			h.expect("no more exercise today")
			shot(h, "home-closed")
			h.keys("t")
			h.expect("Pain trends")
			shot(h, "trends")
		})
	}
}
