package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// textWidth is lipgloss.Width, for random text of one line or several:
// styled runs of every theme's styles, narrow symbols, wide letters,
// emoji, combining marks and control characters.
func TestTextWidthIsLipglossWidth(t *testing.T) {
	withColors(t, termenv.TrueColor)
	th := HighContrastTheme()
	parts := []string{"a", "Enter", " ", " • ", " · ", "…", "✓ Saved", "█░", "日本", "🙂", "e\u0301", "\u200d", "\n", "\t", "\r",
		"\x1b[2J", "×", th.Title.Render("spinecoach"), th.Faint.Render(" · set 2 of 6"), th.HelpKey.Render("q"), th.Error.Render("full")}
	rng := rand.New(rand.NewPCG(91, 24))
	for range 50000 {
		var b strings.Builder
		for n := rng.IntN(10); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		if s := b.String(); textWidth(s) != lipgloss.Width(s) {
			t.Fatalf("textWidth(%q) = %d, lipgloss.Width says %d", s, textWidth(s), lipgloss.Width(s))
		}
	}
}

// hasAny is strings.ContainsAny for the sets the views ask of, over random
// text with and without each of their characters, and wide runes.
func TestHasAnyIsContainsAny(t *testing.T) {
	parts := []string{"a", " ", "\n", "\t", "\r", "\x1b", "\x1b[1m", "日本", "🙂", "·", strings.Repeat("word ", 20)}
	rng := rand.New(rand.NewPCG(5, 5))
	for range 50000 {
		var b strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		for _, chars := range []string{"\n\t\r\x1b", "\n\t\r", "\t\r", ""} {
			if got, want := hasAny(s, chars), strings.ContainsAny(s, chars); got != want {
				t.Fatalf("hasAny(%q, %q) = %v, strings.ContainsAny says %v", s, chars, got, want)
			}
		}
	}
}

// The precautions' heading is drawn in the theme's Care style, from its
// run of codes (Theme.line), as the style it was drawn in before: bold in
// the caution colour, in each theme, profile and background.
func TestCareIsTheCautionHeading(t *testing.T) {
	wasDark := lipgloss.HasDarkBackground()
	t.Cleanup(func() { lipgloss.SetHasDarkBackground(wasDark) })
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			withColors(t, p)
			lipgloss.SetHasDarkBackground(dark)
			for _, th := range []*Theme{DefaultTheme(), HighContrastTheme(), DefaultTheme().WithoutColour()} {
				if got, want := th.line(&th.Care, "Take care"), lipgloss.NewStyle().Foreground(th.Caution).Bold(true).Render("Take care"); got != want {
					t.Errorf("%s, dark %v: the heading is %q, was %q", p.Name(), dark, got, want)
				}
			}
		}
	}
}
