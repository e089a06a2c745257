package screen

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// narrowRunes are the runes narrow accepts, found by asking it of every
// rune up to U+FFFF.
func narrowRunes() []rune {
	var out []rune
	for r := rune(0x80); r <= 0xffff; r++ {
		if narrow(r) {
			out = append(out, r)
		}
	}
	return out
}

// Width is ansi.StringWidth: for each rune narrow counts, alone and beside
// every other (and beside ASCII), and for random lines of ASCII, colour
// codes, those runes, other escape sequences, control characters, wide
// letters, emoji, combining marks and joiners.
func TestWidthIsStringWidth(t *testing.T) {
	runes := narrowRunes()
	if len(runes) < 100 {
		t.Fatalf("narrow accepts only %d runes", len(runes))
	}
	check := func(s string) {
		t.Helper()
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth says %d", s, got, want)
		}
	}
	for _, a := range runes {
		if w, ok := simpleWidth(string(a)); !ok || w != 1 || ansi.StringWidth(string(a)) != 1 {
			t.Fatalf("%U: counted %d (%v), ansi.StringWidth says %d", a, w, ok, ansi.StringWidth(string(a)))
		}
		for _, b := range runes {
			check(string(a) + string(b))
		}
		check("a" + string(a) + "b")
	}
	parts := []string{"a", "Z", " ", "~", "0", "\x1b[m", "\x1b[0m", "\x1b[1;38;2;86;211;100m", "\x1b[38:5:77m",
		"\x1b]52;c;aGk=\x07", "\x1b[2J", "\x1b[", "\x1b", "\t", "\n", "\r", "\x7f", "\x9b", "日本", "🙂", "\u0301", "\u200d",
		"\ufe0f", "\u00ad", "\u200b", "🇫🇷", "\xff", "é", "e\u0301", "❤", "♥", "✓\ufe0f",
		"Leg sweeps", "  press c once you are cleared. ", "0123456789 ~}|{", " !\"#$%&'()*+,-./:;<=>?@[\\]^_`"}
	rng := rand.New(rand.NewPCG(24, 91))
	for range 200000 {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			if rng.IntN(3) == 0 {
				b.WriteRune(runes[rng.IntN(len(runes))])
			} else {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
		}
		check(b.String())
	}
}

func BenchmarkWidth(b *testing.B) {
	line := " \x1b[1;38;2;121;192;255mspinecoach\x1b[m\x1b[38;2;139;148;158m · Phase 3 · Strength\x1b[m  • Leg sweeps … ✓"
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			Width(line)
		}
	})
	b.Run("ansi", func(b *testing.B) {
		for b.Loop() {
			ansi.StringWidth(line)
		}
	})
}

// oldClean is clean as it was, one test per byte: the reference for the
// one that passes printable ASCII in one comparison.
func oldClean(line string) bool {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == 0x1b:
			n := sgrLen(line[i:])
			if n == 0 {
				return false
			}
			i += n
		case c < 0x20 || c == 0x7f:
			return false
		case c < 0x80:
			i++
		default:
			r, n := utf8.DecodeRuneInString(line[i:])
			if safetext.Bad(r) || (r == utf8.RuneError && n == 1) {
				return false
			}
			i += n
		}
	}
	return true
}

// clean decides as it did for every byte alone, and for random lines of
// text, colour codes, other sequences, controls, C1 and bidi controls,
// and bytes that are not UTF-8.
func TestCleanIsAsBefore(t *testing.T) {
	for b := 0; b < 256; b++ {
		for _, s := range []string{string([]byte{byte(b)}), "a" + string([]byte{byte(b)}) + "z"} {
			if clean(s) != oldClean(s) {
				t.Fatalf("clean(%q) = %v, was %v", s, clean(s), oldClean(s))
			}
		}
	}
	parts := []string{"a", " ", "~", "\x7f", "\x1b[1;38;2;1;2;3m", "\x1b[m", "\x1b]52;c;x\x07", "\x1b[2J", "\t", "\n", "\x00",
		"\u0085", "\u202e", "\u2066", "·", "•", "日本", "🙂", "\xff", "\xc3",
		"Leg sweeps", "  press c once you are cleared. ", "0123456789 ~}|{", " !\"#$%&'()*+,-./:;<=>?@[\\]^_`"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		var b strings.Builder
		for n := rng.IntN(10); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		if s := b.String(); clean(s) != oldClean(s) {
			t.Fatalf("clean(%q) = %v, was %v", s, clean(s), oldClean(s))
		}
	}
}

func BenchmarkWidthSentence(b *testing.B) {
	line := " Dose: the full prescription, unless your check-in pain says otherwise.        "
	for b.Loop() {
		Width(line)
	}
}
