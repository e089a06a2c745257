// Package safetext keeps text that came from a file (a routine or
// prescription, an imported export, the data file itself) from steering
// the terminal it is shown on. A control character in such text is a
// command to the terminal, not a letter: ESC ] 52 writes the clipboard,
// ESC [ 2 J clears the screen, a carriage return overwrites the line
// already shown. So:
//
//   - the loaders refuse them: Check says which one and where;
//   - every path to a terminal or a text output replaces any that got
//     through (from a file written before they were refused) with U+FFFD:
//     Line for one field, Writer for a whole stream.
//
// What counts, everywhere: the C0 controls (U+0000-U+001F, tab and newline
// included), DEL (U+007F), the C1 controls (U+0080-U+009F, which some
// terminals obey as ESC sequences), every bidirectional control (the
// Arabic letter mark U+061C, the marks U+200E-U+200F, the embeddings and
// overrides U+202A-U+202E, the isolates U+2066-U+2069: they reorder what
// is shown, so a name could read as another), and bytes that are not
// UTF-8.
package safetext

import (
	"fmt"
	"io"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Replacement is what a refused character becomes on output.
const Replacement = '\uFFFD'

// Bad reports whether r is a character that must not reach a terminal.
func Bad(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r <= 0x9f:
		return true
	case r >= 0x061c && unicode.Is(unicode.Bidi_Control, r):
		// U+061C, U+200E-F, U+202A-E, U+2066-9: each reorders or
		// re-directs the text around it.
		return true
	}
	return false
}

// Find returns the byte offset of the first character of s that Line
// would replace, and that character (utf8.RuneError for a byte that is
// not UTF-8), or -1 when there is none.
func Find(s string) (int, rune) {
	for i := 0; i < len(s); {
		i += PrintableRun(s[i:]) // ASCII letters and punctuation: the common case
		if i == len(s) {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i, utf8.RuneError
		}
		if Bad(r) {
			return i, r
		}
		i += n
	}
	return -1, 0
}

// PrintableRun is the length of the run of printable ASCII (0x20-0x7e)
// that s begins with. The text read at every start (the data file's, a
// frame's lines) is mostly that: it is passed eight bytes at a time, one
// word of a test each, up to the first byte that is not.
func PrintableRun(s string) int {
	i := 0
	for len(s)-i >= 8 {
		if m := unprintable8(s[i : i+8]); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		i += 8
	}
	for i < len(s) && s[i]-0x20 < 0x5f {
		i++
	}
	return i
}

// unprintable8 marks, in the high bit of each of its bytes, the bytes of
// w that are not printable ASCII (0x20-0x7e): below 0x20, 0x7f or past
// ASCII; 0 when there are none. Each test is the word-wide "has a zero
// byte" one: a byte's borrow can mark the byte after it, but only when
// that byte was marked itself, so the lowest mark is always the first
// such byte.
func unprintable8(w string) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	del := x ^ (ones * 0x7f)
	return ((x-ones*0x20)&^x | (del-ones)&^del | x) & highs
}

// Describe names a character the way an error message should: by its
// code, never by itself.
func Describe(r rune) string {
	switch r {
	case utf8.RuneError:
		return "a byte that is not UTF-8"
	case '\t':
		return "a tab (U+0009)"
	case '\n':
		return "a line break (U+000A)"
	case '\r':
		return "a carriage return (U+000D)"
	case 0x1b:
		return "an escape character (U+001B)"
	}
	return fmt.Sprintf("a control character (U+%04X)", r)
}

// Check returns nil, or why s is not fit to be shown: a refused character
// (named by its code and byte offset) or more than max bytes (max <= 0:
// no limit). what names the field, e.g. `exercise "bridge": name`.
func Check(what, s string, max int) error {
	if max > 0 && len(s) > max {
		return fmt.Errorf("%s is %d bytes long; at most %d are allowed", what, len(s), max)
	}
	if i, r := Find(s); i >= 0 {
		return fmt.Errorf("%s has %s at byte %d; text may not hold control characters", what, Describe(r), i)
	}
	return nil
}

// Line returns s with every refused character replaced by U+FFFD. A
// string with none is returned as it is, without copying.
func Line(s string) string { return clean(s, "") }

// Text is Line, but keeps line breaks: for text of several lines, such as
// an error that lists problems one per line.
func Text(s string) string { return clean(s, "\n") }

func clean(s, keep string) string {
	i, _ := find(s, keep)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		// Ranging turns a byte that is not UTF-8 into RuneError, which is
		// the replacement already.
		if Bad(r) && !strings.ContainsRune(keep, r) {
			r = Replacement
		}
		b.WriteRune(r)
	}
	return b.String()
}

// find is Find, skipping the characters in keep.
func find(s, keep string) (int, rune) {
	for off := 0; ; {
		i, r := Find(s[off:])
		if i < 0 {
			return -1, 0
		}
		if !strings.ContainsRune(keep, r) || r == utf8.RuneError {
			return off + i, r
		}
		off += i + 1 // the kept characters are all ASCII
	}
}

// Writer passes a stream on with every refused character, but those in
// keep, replaced by U+FFFD. A character split across two writes is held
// back until it is whole; Flush writes what is held back at the end.
type Writer struct {
	w    io.Writer
	keep string
	held []byte // the start of a character cut off by the end of a write
	buf  []byte
}

// NewWriter returns a Writer to w that lets the control characters in
// keep through ("\n" for plain text, "\r\n" for a terminal in raw mode).
func NewWriter(w io.Writer, keep string) *Writer { return &Writer{w: w, keep: keep} }

// Write cleans p and writes it on. It reports len(p) when everything was
// written, whatever the cleaning changed in length.
func (w *Writer) Write(p []byte) (int, error) {
	data := p
	if len(w.held) > 0 {
		data = append(w.held, p...)
		w.held = nil
	}
	// Hold back an incomplete character at the very end.
	cut := len(data)
	for back := 1; back <= utf8.UTFMax-1 && back <= len(data); back++ {
		c := data[len(data)-back]
		if utf8.RuneStart(c) {
			if !utf8.FullRune(data[len(data)-back:]) {
				cut = len(data) - back
			}
			break
		}
	}
	out := clean(string(data[:cut]), w.keep)
	if cut < len(data) {
		w.held = append([]byte(nil), data[cut:]...)
	}
	w.buf = append(w.buf[:0], out...)
	if _, err := w.w.Write(w.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Keeping is a Writer to the same place that lets the control characters
// in keep through as well, for a format that needs them (an iCalendar
// file's CRLF line ends). What w holds back is written first.
func (w *Writer) Keeping(keep string) (*Writer, error) {
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return &Writer{w: w.w, keep: w.keep + keep}, nil
}

// Flush writes a character still held back, which can only be cut short:
// each of its bytes becomes U+FFFD, as in Line.
func (w *Writer) Flush() error {
	if len(w.held) == 0 {
		return nil
	}
	held := w.held
	w.held = nil
	_, err := io.WriteString(w.w, clean(string(held), w.keep))
	return err
}

// Spaced is for a field of a document that is not shown on a terminal
// (the report's HTML, a FHIR resource): every control character, bidi
// controls included, becomes a space, bytes that are not UTF-8 become
// U+FFFD, and the ends are trimmed.
func Spaced(s string) string { return strings.TrimSpace(mapControls(s, ' ')) }

// Marked is Spaced that keeps the ends and marks each such character with
// U+FFFD, so a reader sees that something was there.
func Marked(s string) string { return mapControls(s, Replacement) }

func mapControls(s string, with rune) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return with
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}
