package tui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// withColors runs the test with lipgloss drawing in p, as on a terminal.
func withColors(t testing.TB, p termenv.Profile) {
	t.Helper()
	was := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(p)
	t.Cleanup(func() { lipgloss.SetColorProfile(was) })
}

var sgr = regexp.MustCompile("\x1b\\[([0-9;]*)m")

// styledCell is one cell as the terminal shows it: the colour codes in
// force and the rune.
type styledCell struct {
	codes string
	r     rune
}

// cells reads s as a terminal would, cell by cell.
func cells(s string) []styledCell {
	var out []styledCell
	codes := ""
	for s != "" {
		if loc := sgr.FindStringSubmatchIndex(s); loc != nil && loc[0] == 0 {
			codes = s[loc[2]:loc[3]]
			if codes == "0" {
				codes = ""
			}
			s = s[loc[1]:]
			continue
		}
		r := []rune(s)[0]
		out = append(out, styledCell{codes, r})
		s = s[len(string(r)):]
	}
	return out
}

// The bar looks cell for cell as the bubbles bar it replaces, in both
// themes, but is two styled runs at most.
func TestBarLooksAsBefore(t *testing.T) {
	withColors(t, termenv.TrueColor)
	for name, theme := range map[string]*Theme{"default": DefaultTheme(), "high contrast": HighContrastTheme()} {
		for _, width := range []int{10, 37, 60} {
			for _, frac := range []float64{0, 0.01, 0.3, 0.5, 0.99, 1} {
				t.Run(fmt.Sprintf("%s/%d/%v", name, width, frac), func(t *testing.T) {
					old := progress.New(progress.WithSolidFill(theme.Accent.Dark.TrueColor), progress.WithoutPercentage(),
						progress.WithColorProfile(termenv.TrueColor), progress.WithWidth(width))
					want, got := old.ViewAs(frac), theme.Bar(width, frac)
					if !slices.Equal(cells(got), cells(want)) {
						t.Errorf("bar %q, the bubbles bar was %q", got, want)
					}
					if n := len(sgr.FindAllString(got, -1)); n > 4 {
						t.Errorf("%d colour codes in %q, want two runs (4 codes) at most", n, got)
					}
				})
			}
		}
	}
}

// With colours off (--no-color, NO_COLOR) the bar has none either.
func TestBarNoColor(t *testing.T) {
	withColors(t, termenv.Ascii)
	if got := DefaultTheme().Bar(10, 0.3); got != "███░░░░░░░" {
		t.Errorf("bar without colours: %q", got)
	}
}

// On the hold screen, with colours on, each second's frame draws the bar
// as two coloured runs, and the bar moves.
func TestHoldBarRuns(t *testing.T) {
	h := newHarness(t, openTestStore(t, t.TempDir()), nil)
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("HOLD  1 of 2")
	withColors(t, termenv.TrueColor)
	barLine := func() string {
		for _, l := range strings.Split(h.view(), "\n") {
			if strings.Contains(l, "░") { // the big digits are drawn with █ too
				return l
			}
		}
		t.Fatalf("no bar on the hold screen:\n%s", h.view())
		return ""
	}
	var frames []string
	for i := 0; i < 5; i++ {
		h.fire()
		l := barLine()
		// Part done and part to go: each opened and reset once.
		if n := len(sgr.FindAllString(l, -1)); n != 4 {
			t.Errorf("second %d: %d colour codes on the bar's line, want 4: %q", i+1, n, l)
		}
		frames = append(frames, l)
	}
	if strings.Count(frames[4], "█") <= strings.Count(frames[0], "█") {
		t.Errorf("the bar did not move in 4 s: %q then %q", frames[0], frames[4])
	}
}
