package screen

import (
	"strings"
	"unicode/utf8"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// safeLine keeps a line of a view to what a frame may hold: text, and
// the colour and style sequences the styles write (SGR: ESC [ parameters
// m). Any other control character, and any other escape sequence, is
// shown as U+FFFD instead of being obeyed: text from a file (a routine's
// name, an imported note) reaches the views, and an OSC 52 in it would
// write the clipboard, an ESC [ 2 J clear the screen. The loaders refuse
// such text already (internal/safetext); this is the last guard, on the
// one path to the terminal.
func safeLine(line string) string {
	if clean(line) {
		return line
	}
	var b strings.Builder
	b.Grow(len(line) + 8)
	for i := 0; i < len(line); {
		if n := sgrLen(line[i:]); n > 0 {
			b.WriteString(line[i : i+n])
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		if safetext.Bad(r) || (r == utf8.RuneError && n == 1) {
			r = safetext.Replacement
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// clean reports whether line holds nothing but text and SGR sequences.
func clean(line string) bool {
	for i := 0; i < len(line); {
		i += safetext.PrintableRun(line[i:]) // printable ASCII, as Width passes it
		if i == len(line) {
			break
		}
		switch c := line[i]; {
		case c == 0x1b:
			n := sgrLen(line[i:])
			if n == 0 {
				return false
			}
			i += n
		case c < 0x80: // a control character or DEL
			return false
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

// sgrLen is the length of the SGR sequence s starts with (ESC [, digits,
// ';' or ':', then m), or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s) && i < 64; i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c >= '0' && c <= '9', c == ';', c == ':':
		default:
			return 0
		}
	}
	return 0
}
