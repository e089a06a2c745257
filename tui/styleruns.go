package tui

import (
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
	if t.runs == nil || strings.ContainsAny(s, "\n\t\r") {
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
	out := st.Render("x")
	i := strings.IndexByte(out, 'x')
	if i < 0 {
		return styleRun{}
	}
	return styleRun{pre: out[:i], post: out[i+1:], ok: true}
}
