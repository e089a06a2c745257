package tui

import (
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// A style that only colours and weights text draws a line of it as the
// same codes before and after any text. lipgloss works that out on every
// Render, with its layout steps (wrapping, padding, borders, margins,
// each measuring the text) run for nothing; the footer's keys, the
// header and the home screen's exercise lines draw about thirty such
// runs a frame. The theme reads the codes once per colour profile and
// background, and puts them around the text.

// runCache keeps the codes of a theme's styles, for the colour profile
// and background they were read in. A theme and its copies share one.
type runCache struct {
	mu      sync.Mutex
	profile termenv.Profile
	dark    bool
	runs    map[*lipgloss.Style]styleRun
}

// styleRun is what a style writes around a line of text; ok is false for
// a style that does more than that, whose Render must run.
type styleRun struct {
	pre, post string
	ok        bool
}

// line is st.Render(s), st being one of t's styles (by address): for a
// line with no newline, tab or carriage return (which lipgloss converts)
// in a style that only colours and weights text, the style's codes
// around s.
func (t *Theme) line(st *lipgloss.Style, s string) string {
	if t.runs == nil || hasAny(s, "\n\t\r") {
		return st.Render(s)
	}
	r := t.runs.get(st)
	if !r.ok {
		return st.Render(s)
	}
	return r.pre + s + r.post
}

// get reads st's codes, again when the colour profile or the background
// changed since (setup and the tests change them).
func (c *runCache) get(st *lipgloss.Style) styleRun {
	p, dark := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.runs == nil || c.profile != p || c.dark != dark {
		c.runs, c.profile, c.dark = map[*lipgloss.Style]styleRun{}, p, dark
	}
	r, seen := c.runs[st]
	if !seen {
		r = runOf(*st)
		c.runs[st] = r
	}
	return r
}

// runOf reads the codes st writes around a letter, if it only colours and
// weights text: no size, padding, margins, border, transform or string of
// its own, and no underline or strike-through (drawn space by space).
func runOf(st lipgloss.Style) styleRun {
	pt, pr, pb, pl := st.GetPadding()
	mt, mr, mb, ml := st.GetMargin()
	b, bt, br, bb, bl := st.GetBorder()
	layout := pt+pr+pb+pl != 0 || mt+mr+mb+ml != 0 || b != (lipgloss.Border{}) || bt || br || bb || bl ||
		st.GetWidth() != 0 || st.GetHeight() != 0 || st.GetMaxWidth() != 0 || st.GetMaxHeight() != 0 ||
		st.GetInline() || st.GetTransform() != nil || st.Value() != "" ||
		st.GetUnderline() || st.GetStrikethrough() || st.GetUnderlineSpaces() || st.GetStrikethroughSpaces()
	if layout {
		return styleRun{}
	}
	if r, ok := termRun(st); ok {
		return r
	}
	return renderedRun(st)
}

// renderedRun reads the codes st writes around a letter from what its
// Render writes.
func renderedRun(st lipgloss.Style) styleRun {
	out := st.Render("x")
	i := strings.IndexByte(out, 'x')
	if i < 0 {
		return styleRun{}
	}
	return styleRun{pre: out[:i], post: out[i+1:], ok: true}
}

// termRun is renderedRun for a style of weights and colours only (runOf
// has ruled out the rest), its colours of lipgloss's own kinds: the
// codes Render would write, asked of termenv as Render asks them, in its
// order, without Render's reading and layout of every other setting (a
// sixth of the instructions). ok is false for a colour of another kind.
// TestTermRunIsRendered compares the two for random styles in every
// profile, on dark and light backgrounds.
func termRun(st lipgloss.Style) (styleRun, bool) {
	p := lipgloss.ColorProfile()
	fg, okFg := termColor(st.GetForeground(), p)
	bg, okBg := termColor(st.GetBackground(), p)
	if !okFg || !okBg {
		return styleRun{}, false
	}
	te := p.String()
	if st.GetBold() {
		te = te.Bold()
	}
	if st.GetItalic() {
		te = te.Italic()
	}
	if st.GetReverse() {
		te = te.Reverse()
	}
	if st.GetBlink() {
		te = te.Blink()
	}
	if st.GetFaint() {
		te = te.Faint()
	}
	if fg != nil {
		te = te.Foreground(fg)
	}
	if bg != nil {
		te = te.Background(bg)
	}
	out := te.Styled("x")
	i := strings.IndexByte(out, 'x')
	return styleRun{pre: out[:i], post: out[i+1:], ok: true}, true
}

// termColor is the termenv colour lipgloss draws c as in profile p: nil
// for none (lipgloss.NoColor, which Render leaves out); ok is false for a
// kind of colour this does not know.
func termColor(c lipgloss.TerminalColor, p termenv.Profile) (col termenv.Color, ok bool) {
	dark := lipgloss.HasDarkBackground()
	switch c := c.(type) {
	case lipgloss.NoColor:
		return nil, true
	case lipgloss.Color:
		return p.Color(string(c)), true
	case lipgloss.ANSIColor:
		return p.Color(strconv.FormatUint(uint64(c), 10)), true
	case lipgloss.AdaptiveColor:
		if dark {
			return p.Color(c.Dark), true
		}
		return p.Color(c.Light), true
	case lipgloss.CompleteAdaptiveColor:
		if dark {
			return completeColor(c.Dark, p), true
		}
		return completeColor(c.Light, p), true
	case lipgloss.CompleteColor:
		return completeColor(c, p), true
	}
	return nil, false
}

// completeColor is c's colour for profile p, as lipgloss picks it.
func completeColor(c lipgloss.CompleteColor, p termenv.Profile) termenv.Color {
	switch p {
	case termenv.TrueColor:
		return p.Color(c.TrueColor)
	case termenv.ANSI256:
		return p.Color(c.ANSI256)
	case termenv.ANSI:
		return p.Color(c.ANSI)
	}
	return termenv.NoColor{}
}
