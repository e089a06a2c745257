package tui

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// wrapPlain wraps as the Width style it stands for, on every text it
// takes, at every width: random words and runs of spaces (leading,
// doubled, trailing), words longer than the line, and the shipped
// routines' summaries; and it refuses what it must leave to the style.
func TestWrapPlainWrapsAsTheStyle(t *testing.T) {
	rng := rand.New(rand.NewSource(24))
	var texts []string
	for _, r := range testProgram().Routines {
		texts = append(texts, r.Summary, r.Name)
	}
	texts = append(texts, "", " ", "   ", "a", "a ", " a", "a  b", strings.Repeat("x", 70), "-", "--", " - ", "a -b", "well-known", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z", strings.Repeat("ab- ", 20), "Dose: the full prescription, unless your check-in pain says otherwise.",
		"A daily routine to keep your back strong, steady and mobile for the long run; on a short day a few of the moves are plenty.")
	letters := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?()'\"/+*=_#%&@~----"
	for range 400 {
		var b strings.Builder
		for range rng.Intn(25) {
			b.WriteString(strings.Repeat(" ", rng.Intn(3)))
			n := 1 + rng.Intn(12)
			if rng.Intn(10) == 0 {
				n = 20 + rng.Intn(50) // longer than many lines
			}
			for range n {
				b.WriteByte(letters[rng.Intn(len(letters))])
			}
		}
		b.WriteString(strings.Repeat(" ", rng.Intn(3)))
		texts = append(texts, b.String())
	}
	checked := 0
	for _, text := range texts {
		for w := 1; w <= 90; w++ {
			got, ok := wrapPlain(w, text)
			if !ok {
				t.Fatalf("wrapPlain refused %q", text)
			}
			if want := lipgloss.NewStyle().Width(w).Render(text); got != want {
				t.Fatalf("wrapPlain(%d, %q) =\n%q\nthe style gives\n%q", w, text, got, want)
			}
			checked++
		}
	}
	for _, text := range []string{"tab\there", "two\nlines", "café", "a · b", "\x1b[1mbold", "cr\rhere", "del\x7f"} {
		if _, ok := wrapPlain(40, text); ok {
			t.Errorf("wrapPlain took %q, which the style must wrap", text)
		}
	}
	if checked < 30000 {
		t.Errorf("only %d cases checked", checked)
	}
}
