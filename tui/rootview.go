package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"

	tuiscreen "github.com/spinecoach/spinecoach/tui/screen"
)

// The root's frame: the header, the page in the room between header and
// footer (a window of it when it is taller, with the question pinned under
// it), and the footer with the save line, errors and the active keys.

// tooSmall reports a terminal smaller than the screens are laid out for.
func (a App) tooSmall() bool {
	return a.cfg.Plain == nil && (a.width < minWidth || a.height < minHeight)
}

// bodyHeight is the room between the header and the footer, measured on
// the two drawn without styles: the theme's styles colour and embolden
// text but add no lines and no cells (TestUnstyledFrameMeasuresAsStyled),
// and drawing them styled for every resize was most of the work of the
// first size message at start.
func (a App) bodyHeight() int {
	a.cfg.Theme = unstyled
	if a.screen == screenHome {
		a.homeAt = a.home.instantNow() // the footer's keys ask what comes next (homeModel.at)
	}
	return a.bodyHeightFor(a.headerView(), a.footerView())
}

// unstyled is a theme whose styles draw text as it is, for measuring.
var unstyled = &Theme{}

func (a App) bodyHeightFor(header, footer string) int {
	return a.height - lipgloss.Height(header) - lipgloss.Height(footer) - 2
}

// View draws one frame. The header, the footer and the page are each
// rendered once, and the body's room is measured from those same
// strings: a frame used to render the header and the footer five times,
// and the page twice, to measure them again.
func (a App) View() string {
	if a.cfg.Plain != nil {
		return "" // the narrator speaks instead
	}
	if !a.ready && a.fatal == nil {
		// Nothing until the records are read: a first frame with the
		// phase and dose of no surgery date would not be true. The
		// renderer writes no empty first frame.
		return ""
	}
	if a.width < minWidth || a.height < minHeight {
		msg := fmt.Sprintf("The terminal is %d×%d; spinecoach needs at least %d×%d.\nPlease make the window larger. Your session keeps running.",
			a.width, a.height, minWidth, minHeight)
		return lipgloss.NewStyle().Width(max(a.width, 1)).Render(msg) // wrapped: a small window must show all of it
	}
	if a.screen == screenHome {
		// The home page's view and its keys in the footer: one instant.
		a.homeAt = a.home.instantNow()
	}
	header, footer := a.headerView(), a.footerView()
	bodyH := a.bodyHeightFor(header, footer)
	q := a.pinned()
	body := a.fitPage(a.page().View(), q, roomFor(bodyH, q))
	return header + "\n\n" + bodyBlock(body, bodyH) + "\n" + footer
}

// bodyBlock is lipgloss.NewStyle().Padding(0, 1).Height(height).
// MaxHeight(height).Render(body), done directly for a body without tabs
// or carriage returns (which the style converts first): a space either
// side of each line, empty lines below up to height, every line padded
// to the widest, then the lines past height cut. It runs on every frame;
// the style's way takes a parse of every line more.
func bodyBlock(body string, height int) string {
	if height <= 0 || hasAny(body, "\t\r") {
		return lipgloss.NewStyle().Padding(0, 1).Height(height).MaxHeight(height).Render(body)
	}
	lines := strings.Split(body, "\n")
	for len(lines) < height {
		lines = append(lines, "")
	}
	widths, widest := make([]int, len(lines)), 0
	for i, l := range lines {
		widths[i] = tuiscreen.Width(l) + 2
		widest = max(widest, widths[i])
	}
	var b strings.Builder
	b.Grow(height * (widest + 16))
	for i, l := range lines[:height] {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteByte(' ')
		b.WriteString(l)
		b.WriteString(strings.Repeat(" ", 1+widest-widths[i]))
	}
	return b.String()
}

// asking is a page that may put a question on screen (leave the
// session?): the root never cuts it, whatever else must give way.
type asking interface {
	asking() string
}

// pinned is the question of the page on screen, "" when there is none.
func (a App) pinned() string {
	if q, ok := a.page().(asking); ok {
		return q.asking()
	}
	return ""
}

// pageRoom is how many lines the page itself has: the body less the
// question pinned under it.
func (a App) pageRoom() int {
	return roomFor(a.bodyHeight(), a.pinned())
}

func roomFor(bodyHeight int, question string) int {
	room := bodyHeight
	if question != "" {
		room -= lipgloss.Height(question) + 1
	}
	return max(room, 1)
}

// ownScroll: the screens that scroll themselves (a viewport, a form).
func (a App) ownScroll() bool {
	return pageTable[a.screen].ownScroll
}

// scrolls reports a page taller than its room: the root then shows a
// window of it, says so, and j/k (or the arrows) move the window.
func (a App) scrolls() bool {
	return !a.ownScroll() && lipgloss.Height(a.page().View()) > a.pageRoom()
}

// maxScroll is the furthest the window can go: its last line (one is
// kept for the "more above" line) shows the page's last.
func (a App) maxScroll() int {
	return maxScrollOf(lipgloss.Height(a.page().View()), a.pageRoom())
}

func maxScrollOf(pageLines, room int) int {
	return max(pageLines-(room-2), 0)
}

// fitPage is the page's view as it fits its room: all of it when it
// fits, else the window at a.scroll with a line above and below saying
// what is cut and how to see it; the question q, if any, under it in full.
func (a App) fitPage(view, q string, room int) string {
	t := a.cfg.Theme
	lines := strings.Split(view, "\n")
	if !a.ownScroll() && len(lines) > room && room >= 3 {
		off := min(a.scroll, maxScrollOf(len(lines), room))
		show := room - 1 // the line below
		top := ""
		if off > 0 {
			show--
			top = t.line(&t.Highlight, fmt.Sprintf("↑ %d more lines above: press k or ↑", off))
		}
		end := min(off+show, len(lines))
		window := lines[off:end]
		if top != "" {
			window = append([]string{top}, window...)
		}
		if rest := len(lines) - end; rest > 0 {
			window = append(window, t.line(&t.Highlight, fmt.Sprintf("↓ %d more lines below: press j or ↓ to read them", rest)))
		} else {
			window = append(window, "")
		}
		view = strings.Join(window, "\n")
	}
	if q != "" {
		view = lipgloss.NewStyle().Height(room).MaxHeight(room).Render(view) + "\n\n" + q
	}
	return view
}

func (a App) headerView() string {
	t := a.cfg.Theme
	left := t.line(&t.Title, "spinecoach") + t.line(&t.Faint, " · "+a.routine().Name)
	right := ""
	if a.run != nil && (a.screen == screenExercise || a.screen == screenPain) {
		done, total := a.run.sess.Progress()
		right = t.line(&t.Faint, fmt.Sprintf("set %d of %d", min(done+1, total), total))
	}
	gap := max(a.width-2-textWidth(left)-textWidth(right), 1)
	return " " + left + strings.Repeat(" ", gap) + right
}

func (a App) footerView() string {
	t := a.cfg.Theme
	status := ""
	switch {
	case a.footerErr != "":
		status = t.line(&t.Error, a.footerErr)
	case a.run != nil && a.writes.of(a.run.rec.ID) > 0:
		status = t.line(&t.Faint, "Saving…")
	case a.run != nil && a.run.saved != "":
		status = lipgloss.NewStyle().Foreground(t.Calm).Render("✓ " + a.run.saved)
	}
	// The scroll keys are said on the page, by the line that is cut.
	keys := a.keys()
	line := status // "" draws as "": the style's work is skipped
	if status != "" {
		line = cutTo(a.width-2, status)
	}
	help := shortHelp(t, keys.ShortHelp(), a.width-2)
	if a.help.ShowAll { // only then: its short view would be drawn for nothing
		help = fullHelp(a.help, a.width-2, keys)
	}
	// Every line of the help (several with ? on) gets the margin.
	return " " + line + "\n " + strings.ReplaceAll(help, "\n", "\n ")
}

// fullHelp is the full key list at width. The help model is 4 KB, and
// its copy (the width is this frame's, not kept) is made here, not in
// footerView: the stack of every frame drawn (the first one too) would
// hold it, for the few with the full list on.
//
//go:noinline
func fullHelp(m *help.Model, width int, keys keyMap) string {
	h := *m
	h.Width = width
	return h.View(keys)
}
