package screen

import (
	"github.com/spinecoach/spinecoach/internal/safetext"

	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width is ansi.StringWidth(s): the cells s takes on the terminal, its
// escape sequences taking none. Most lines of a frame are printable
// ASCII, colour codes (SGR) and a few narrow symbols (•, ·, …, ✓, the
// bars' blocks); those are counted byte by byte here, and any other
// string goes to ansi.StringWidth, whose parser and grapheme tables cost
// about ten times as much. (A frame measures each of its lines two or
// three times: the body's block, the cut to the width, the renderer.)
func Width(s string) int {
	if w, ok := simpleWidth(s); ok {
		return w
	}
	return ansi.StringWidth(s)
}

// simpleWidth counts the cells of s when it holds nothing but printable
// ASCII, SGR sequences (ESC [, digits, ';' or ':', then m) and the runes
// of narrow; ok is false for any other string. Each of those runes is a
// grapheme cluster of its own one cell wide, whatever is beside it
// (TestWidthIsStringWidth checks every one and every pair against
// ansi.StringWidth): nothing that joins a cluster (a combining mark, a
// variation selector, a joiner) is among them.
func simpleWidth(s string) (int, bool) {
	w := 0
	for i := 0; i < len(s); {
		n := safetext.PrintableRun(s[i:]) // printable ASCII, most of a frame: a cell a byte
		w += n
		i += n
		if i == len(s) {
			break
		}
		switch c := s[i]; {
		case c == 0x1b:
			n := sgrLen(s[i:])
			if n == 0 {
				return 0, false
			}
			i += n
		case c < 0x80:
			return 0, false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !narrow(r) {
				return 0, false
			}
			w++
			i += n
		}
	}
	return w, true
}

// narrow reports the runes besides ASCII that simpleWidth counts: one cell
// each, and a grapheme cluster of their own. The Latin-1 letters and
// signs (not the soft hyphen), the dashes, quotes, bullet and ellipsis of
// general punctuation, the arrows, the box-drawing and block characters,
// the check and the cross: what the screens draw.
func narrow(r rune) bool {
	switch {
	case r >= 0xa1 && r <= 0xff:
		return r != 0xad
	case r >= 0x2500 && r <= 0x259f, r >= 0x2190 && r <= 0x2193:
		return true
	}
	switch r {
	case 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x2713, 0x2717:
		return true
	}
	return false
}
