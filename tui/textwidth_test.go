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
