package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
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
	if n := strings.Count(h.view(), "\n██"); n == 0 && !strings.Contains(h.view(), "████████████████████") {
		t.Errorf("no large side label at 200x60:\n%s", h.view())
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
