package tui

import "strings"

// wrapPlain is lipgloss.NewStyle().Width(width).Render(text) for text of
// printable ASCII: the home screen wraps its longer
// paragraphs (the routine's summary, the dose) on every first frame, and
// the style's way goes through an escape-sequence parser and two passes
// for what is a plain greedy fill here. ok is false for any other text,
// which the style must wrap. Every line is padded to the width (or to
// the widest line, should one be wider), as the style pads it.
//
// It follows the style's wrapping rule (x/cellbuf's Wrap) for such text:
// spaces wait until a word follows them on the same line and are dropped
// at a line's end, unless the text ends with them and they fit; a word
// longer than the width is cut at the width; a line may also break after
// a hyphen that fits on it.
func wrapPlain(width int, text string) (string, bool) {
	lines, ok := wrapPlainLines(width, text)
	if !ok {
		return "", false
	}
	return padLines(lines, width), true
}

// wrapPlainLines is wrapPlain's lines before they are padded.
func wrapPlainLines(width int, text string) (string, bool) {
	if width < 1 {
		return "", false
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < ' ' || c > '~' {
			return "", false
		}
	}
	var (
		out            strings.Builder
		line, word     int // the cells of the line written so far, of the word being read
		wordAt, spaces int // where the word being read starts in text; the spaces waiting before it
	)
	out.Grow(len(text) + len(text)/width + 1)
	writeSpaces := func(n int) { out.WriteString(strings.Repeat(" ", n)) }
	endLine := func() {
		out.WriteByte('\n')
		line, spaces = 0, 0
	}
	addWord := func(end int) {
		if word == 0 {
			return
		}
		writeSpaces(spaces)
		line += spaces + word
		spaces = 0
		out.WriteString(text[wordAt:end])
		word = 0
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case ' ':
			addWord(i)
			spaces++
			continue
		case '-':
			// A break after the hyphen: the spaces before its word are
			// written whether or not it fits, as the style does.
			writeSpaces(spaces)
			line += spaces
			spaces = 0
			if line+word+1 <= width {
				addWord(i)
				out.WriteByte('-')
				line++
				continue
			}
			// Else it is one more character of its word.
		}
		if word+1 > width { // a word as wide as the line: cut it here
			addWord(i)
		}
		if word == 0 {
			wordAt = i
		}
		word++
		if line+word+spaces > width {
			// The word goes on the next line; what of it was read is
			// still to be written, after the line break.
			endLine()
		}
	}
	if word == 0 {
		if line+spaces <= width {
			writeSpaces(spaces) // trailing spaces that fit are kept
		}
		spaces = 0
	}
	addWord(len(text))
	return out.String(), true
}

// padLines pads every line of s (plain ASCII) with spaces to the widest
// of them, or to width if that is wider, as the style aligns them.
func padLines(s string, width int) string {
	lines := strings.Split(s, "\n")
	for _, l := range lines {
		width = max(width, len(l))
	}
	var b strings.Builder
	b.Grow(len(lines) * (width + 1))
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		b.WriteString(strings.Repeat(" ", width-len(l)))
	}
	return b.String()
}
