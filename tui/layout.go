package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/spinecoach/spinecoach/routine"
	tuiscreen "github.com/spinecoach/spinecoach/tui/screen"
)

// View helpers shared by the pages: wrapping, indents, lists, counts and
// the blocks more than one page shows.

// noticeView shows a dose decision with its traffic light as colour and
// as a symbol.
func noticeView(t *Theme, width int, rule routine.Rule, reason string) string {
	c := t.ZoneColor(rule.Zone())
	return lipgloss.NewStyle().Foreground(c).Bold(true).Render(indented(width-2, rule.Mark(), reason))
}

// wrap fits a paragraph to the screen's width; the renderer would cut it.
// A plain line that fits needs none of the style's work: it is padded to
// the width, as the style pads it (the home screen wraps a few a frame).
// Styled text goes to the style, which closes a style left open.
func wrap(width int, text string) string {
	width = max(width, 20)
	if s, ok := plainBody(width, text); ok {
		return s
	}
	return lipgloss.NewStyle().Width(width).Render(text)
}

// wrapIn is wrap(width, t.line(st, text)): a paragraph in one of the
// theme's styles, fitted to the width. For text of no escape, tab or line
// break in a style that only colours and weights it, the style's codes
// are put around each line as lipgloss's Width style puts them: its
// wrapping (x/cellbuf's Wrap) closes the style at each break and writes
// it again on the next line, as it reads it, which for every style of the
// themes is the same codes (TestWrapInWrapsAsTheStyle compares them all,
// byte for byte). It spares the first frame Wrap's escape-sequence parser
// (from a pool whose parsers hold a 64 KB buffer) and its passes; the
// home screen wraps its headline, summary and plan lines so.
func (t *Theme) wrapIn(st *lipgloss.Style, width int, text string) string {
	width = max(width, 20)
	if t.runs == nil || text == "" || hasAny(text, "\n\t\r\x1b") {
		return wrap(width, t.line(st, text))
	}
	r := t.runs.get(st)
	if !r.ok || r.pre == "" {
		return wrap(width, t.line(st, text))
	}
	if w := tuiscreen.Width(text); w <= width {
		return r.pre + text + r.post + strings.Repeat(" ", width-w)
	}
	lines, ok := wrapPlainLines(width, text)
	if !ok {
		return wrap(width, t.line(st, text))
	}
	return runLines(strings.Split(lines, "\n"), width, r)
}

// runLines puts r's codes around each line of a wrapped paragraph (plain
// ASCII) and pads them to the widest, or to width, as the style does.
func runLines(lines []string, width int, r styleRun) string {
	for _, l := range lines {
		width = max(width, len(l))
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r.pre)
		b.WriteString(l)
		if i < len(lines)-1 {
			b.WriteString(ansi.ResetStyle)
		} else {
			b.WriteString(r.post)
		}
		b.WriteString(strings.Repeat(" ", width-len(l)))
	}
	return b.String()
}

// plainBody is lipgloss.NewStyle().Width(width).Render(text) for a text
// that fits on one line and has no escape, tab or line break, or one of
// printable ASCII (wrapPlain); ok is false for any other.
func plainBody(width int, text string) (string, bool) {
	if !hasAny(text, "\n\t\r\x1b") {
		if w := tuiscreen.Width(text); w <= width {
			return text + strings.Repeat(" ", width-w), true
		}
	}
	return wrapPlain(width, text)
}

// cutTo is lipgloss.NewStyle().MaxWidth(width).Render(line), without the
// style's work for a line it would only cut: one with no newline, tab or
// carriage return (which the style converts) is cut by ansi.Truncate, as
// the style does last. The home screen cuts a line per exercise.
func cutTo(width int, line string) string {
	if width <= 0 || hasAny(line, "\n\t\r") {
		return lipgloss.NewStyle().MaxWidth(width).Render(line)
	}
	if tuiscreen.Width(line) <= width {
		return line // what Truncate gives a line that fits, measured faster
	}
	return ansi.Truncate(line, width, "")
}

// plural is "1 set" or "3 sets".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// indented wraps text to width with a hanging indent after a marker.
func indented(width int, marker, text string) string {
	if marker != "" {
		marker += " "
	}
	markerWidth := lipgloss.Width(marker)
	bodyWidth := max(width-4-markerWidth, 20)
	if !hasAny(marker, "\n\t\r\x1b") {
		// What the styles below make of a plain marker and a paragraph
		// that fits or wraps plainly: the marker before the first line,
		// as many spaces before the others, two more before each.
		if body, ok := plainBody(bodyWidth, text); ok {
			return "  " + marker + strings.ReplaceAll(body, "\n", "\n  "+strings.Repeat(" ", markerWidth))
		}
	}
	body := lipgloss.NewStyle().Width(bodyWidth).Render(text)
	return lipgloss.NewStyle().PaddingLeft(2).Render(lipgloss.JoinHorizontal(lipgloss.Top, marker, body))
}

// bullets is a wrapped list, one item a line.
func bullets(width int, marker string, items []string) string {
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = indented(width, marker, it)
	}
	return strings.Join(lines, "\n")
}

// precautionsView lists as many precautions as fit in room lines, or
// nothing when not even one fits.
func precautionsView(t *Theme, pre []string, width, room int) string {
	var lines []string
	room-- // the heading
	for _, c := range pre {
		l := indented(width, "!", c)
		if room-lipgloss.Height(l) < 0 {
			break
		}
		room -= lipgloss.Height(l)
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n\n" + t.line(&t.Care, "Take care") + "\n" + strings.Join(lines, "\n")
}

// truncate cuts s to n cells with an ellipsis.
func truncate(s string, n int) string {
	if lipgloss.Width(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > n {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// confirmLeaveView is the question asked before leaving a session.
func confirmLeaveView(t *Theme) string {
	return t.Highlight.Render("Leave the session now?") + " What you have recorded is kept, and you can resume later.\n" +
		t.Strong.Render("y") + " leave · " + t.Strong.Render("n") + " stay"
}

// shortHelp is the footer's line of keys, wrapped onto a second line
// rather than cut when the screen is narrow.
func shortHelp(t *Theme, bindings []key.Binding, width int) string {
	sep := t.line(&t.HelpSep, " • ")
	var lines []string
	cur := ""
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		item := t.line(&t.HelpKey, b.Help().Key) + " " + t.line(&t.HelpDesc, b.Help().Desc)
		switch {
		case cur == "":
			cur = item
		case textWidth(cur+sep+item) <= width:
			cur += sep + item
		default:
			lines = append(lines, cur)
			cur = item
		}
	}
	return strings.Join(append(lines, cur), "\n")
}

// textWidth is lipgloss.Width(s): the widest of its lines, each measured
// by screen.Width.
func textWidth(s string) int {
	if strings.IndexByte(s, '\n') < 0 {
		return tuiscreen.Width(s)
	}
	return lipgloss.Width(s)
}

// hasAny is strings.ContainsAny(s, chars) for chars of ASCII: a search
// for each (IndexByte, which is vectorised), where ContainsAny tests every
// byte of s against the set. A frame asks it of each line it styles,
// wraps or cuts, and of the whole body, for a tab, a return or a break.
func hasAny(s, chars string) bool {
	for i := 0; i < len(chars); i++ {
		if strings.IndexByte(s, chars[i]) >= 0 {
			return true
		}
	}
	return false
}
