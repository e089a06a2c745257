package tui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/internal/numtext"
	"github.com/spinecoach/spinecoach/routine"
)

// defaultTrendDays is the window the trends open on.
const defaultTrendDays = 90

// trendsWindowMsg asks the root to read the trends of another window.
type trendsWindowMsg struct{ days int }

// trendsKeys is the page's key map: the keys it matches, as the footer
// shows them.
var trendsKeys = struct{ windows, next, back, up, down, pageUp, pageDown key.Binding }{
	windows:  key.NewBinding(key.WithKeys("1", "2", "3", "4"), key.WithHelp("1-4", "7/30/90/365 days")),
	next:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "next window")),
	back:     key.NewBinding(key.WithKeys("q", "esc", "enter"), key.WithHelp("q", "back")),
	up:       keyUp,
	down:     keyDown,
	pageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
	pageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
}

// trendsModel shows how pain and the routine have gone: a verdict, a chart
// of the window, and below it, scrolling, the exercises, the adherence
// grid and the recent cut-backs.
type trendsModel struct {
	outbox  // m.out: an outcome for the root, which takes it after Update
	theme   *Theme
	data    *trendsData // nil or days 0: not read yet; by pointer, as the root is copied on every message
	now     time.Time   // the clock when the data was read
	pending int         // a window asked for and not read yet; 0: none
	offset  int         // lines scrolled in the lower part
	width   int
	height  int
	body    trendsBody // drawn by setSize; data and theme are fixed for the model's life
}

// trendsBody is the costly part of the screen (the chart, the table, the
// grid) drawn once for a size, so that a frame only picks the lines in
// view. Copies of the model share the lines, which are never changed.
type trendsBody struct {
	width, height int
	lines         []string
}

func newTrendsModel(t *Theme, d trendsData, now time.Time) trendsModel {
	return trendsModel{theme: t, data: &d, now: now}
}

// days is the window read, 0 while none is.
func (m trendsModel) days() int {
	if m.data == nil {
		return 0
	}
	return m.data.days
}

// setSize lays the screen out in the room the root gives it. With the
// constructor, it is where every input of the body changes, so the body
// is drawn here and only here.
func (m *trendsModel) setSize(w, h int) {
	m.width, m.height = w, h
	if m.days() != 0 && (m.body.lines == nil || m.body.width != w || m.body.height != h) {
		m.body = trendsBody{width: w, height: h, lines: m.drawBody()}
	}
}

func (m trendsModel) keys() keyMap {
	k := trendsKeys
	return newKeyMap(k.windows, k.next, k.back).with(k.up, k.down, k.pageUp, k.pageDown)
}

func (m trendsModel) Update(msg tea.Msg) (trendsModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := trendsKeys
	switch {
	case key.Matches(km, k.back):
		m.out = backMsg{}
	case key.Matches(km, k.windows):
		m = m.ask(routine.TrendWindows[int(km.String()[0]-'1')])
	case key.Matches(km, k.next):
		m = m.ask(nextWindow(m.window()))
	case key.Matches(km, k.down):
		m.offset = min(m.offset+1, m.maxOffset())
	case key.Matches(km, k.up):
		m.offset = max(m.offset-1, 0)
	case key.Matches(km, k.pageDown):
		m.offset = min(m.offset+m.room(m.topView())-1, m.maxOffset())
	case key.Matches(km, k.pageUp):
		m.offset = max(m.offset-m.room(m.topView())+1, 0)
	}
	return m, nil
}

// window is the window on screen, or the one being read.
func (m trendsModel) window() int {
	if m.pending != 0 {
		return m.pending
	}
	return m.days()
}

// ask reports a new window for the root to read; the same one is a no-op.
func (m trendsModel) ask(days int) trendsModel {
	if days != m.window() {
		m.pending = days
		m.out = trendsWindowMsg{days: days}
	}
	return m
}

// nextWindow is the window after days, round to the shortest.
func nextWindow(days int) int {
	for _, w := range routine.TrendWindows {
		if w > days {
			return w
		}
	}
	return routine.TrendWindows[0]
}

func (m trendsModel) View() string {
	if m.days() == 0 {
		return m.theme.Faint.Render("Reading your records…")
	}
	top := m.topView()
	return top + "\n\n" + m.scrolled(m.bodyLines(), m.room(top))
}

// chartHeight is the chart's lines: a graph row per point of the scale
// above 0 (which is the axis), so that no two scores share a row (5 and 6
// are amber and red), plus the axis and its labels. On a short screen the
// chart scrolls with the rest.
const chartHeight = 10 + 2

// room is the lines left below the top: the verdict stays in view, the
// chart and everything after it scroll beneath it.
func (m trendsModel) room(top string) int {
	return max(m.height-lipgloss.Height(top)-1, 2)
}

// bodyLines are the body as drawn for the current size. A size set
// without setSize is drawn afresh, slow but never stale.
func (m trendsModel) bodyLines() []string {
	if b := m.body; b.lines != nil && b.width == m.width && b.height == m.height {
		return b.lines
	}
	return m.drawBody()
}

// drawBody is the chart, its legend and the sections below, in order of
// importance: what does not fit is a scroll away.
func (m trendsModel) drawBody() []string {
	body := m.chartView(chartHeight) + "\n" + m.legendView() + "\n\n" + m.functionView() + "\n\n" + m.lowerContent()
	return trimRight(strings.Split(body, "\n"))
}

// maxOffset is how far the body scrolls: until its last line shows above
// the "more" line.
func (m trendsModel) maxOffset() int {
	if m.days() == 0 {
		return 0
	}
	lines, room := m.bodyLines(), m.room(m.topView())
	if len(lines) <= room {
		return 0
	}
	return len(lines) - (room - 1)
}

// scrolled shows room lines of the body from the offset; when it does not
// all fit, the last line says where the rest is.
func (m trendsModel) scrolled(lines []string, room int) string {
	if len(lines) <= room {
		return strings.Join(lines, "\n")
	}
	show := room - 1
	offset := min(m.offset, len(lines)-show)
	hint := m.theme.Highlight.Render("↓ more below: press j or ↓")
	if offset+show >= len(lines) {
		hint = m.theme.Faint.Render("↑ the chart is above: press k or ↑")
	}
	return strings.Join(lines[offset:offset+show], "\n") + "\n" + hint
}

// topView is the title and the verdict.
func (m trendsModel) topView() string {
	t, tr := m.theme, m.data.trends
	title := t.Title.Render("Pain trends · " + tr.Span())
	// The count follows the title, or has a line of its own where the two
	// do not fit: cut at the edge it would lose its last word.
	count := fmt.Sprintf("%s on %s", plural(tr.Sessions, "session", "sessions"), plural(tr.SessionDays, "day", "days"))
	if lipgloss.Width(title)+3+len(count) <= m.width {
		title += t.Faint.Render(" · " + count)
	} else {
		title += "\n" + t.Faint.Render(count)
	}
	if m.pending != 0 {
		title = t.Title.Render(fmt.Sprintf("Pain trends · reading the last %d days…", m.pending))
	}
	mark, color := verdictMark(t, tr.Verdict.Kind)
	mark = lipgloss.NewStyle().Bold(true).Foreground(color).Render(mark) + " "
	verdict := lipgloss.JoinHorizontal(lipgloss.Top, mark, wrap(m.width-lipgloss.Width(mark), tr.Verdict.Sentence()))
	return lipgloss.NewStyle().MaxWidth(m.width).Render(title) + "\n" + verdict
}

// verdictMark is the verdict as a symbol and a colour: the symbol alone
// carries the meaning.
func verdictMark(t *Theme, k routine.VerdictKind) (string, lipgloss.CompleteAdaptiveColor) {
	switch k {
	case routine.Better:
		return "▼", t.Calm
	case routine.Worse:
		return "▲", t.Danger
	case routine.NoChange:
		return "=", t.Muted
	}
	return "…", t.Muted
}

// legendView names the marks of the chart and states the band.
func (m trendsModel) legendView() string {
	t, v := m.theme, m.data.trends.Verdict
	parts := []string{
		lipgloss.NewStyle().Foreground(t.Accent).Render("──") + " before sessions",
		"• highest after a set",
	}
	if v.HasReference {
		parts = append(parts, t.Faint.Render("┄┄")+fmt.Sprintf(" no real change: %.1f ± %.1f", v.Earlier, v.Threshold))
	}
	return wrap(m.width, strings.Join(parts, "   "))
}

// chartView draws the window: the daily check-in pain as a line, the
// highest pain after a set as a dot per column, and the band of no
// meaningful change around the earlier verdict period's mean.
func (m trendsModel) chartView(height int) string {
	t, tr := m.theme, m.data.trends
	n := len(tr.Series)
	yStep := 1
	if height-2 >= 10 {
		yStep = 2
	}
	lc := linechart.New(max(m.width, 20), height, -0.5, float64(n)-0.5, 0, 10,
		linechart.WithXYSteps(12, yStep),
		linechart.WithStyles(t.Faint, t.Faint, lipgloss.NewStyle().Foreground(t.Accent)),
		linechart.WithXLabelFormatter(dateLabels(tr.From, n)))
	lc.DrawXYAxisAndLabel()
	drawBaseline(&lc, tr.Series, lc.Style)
	drawBand(&lc, tr.Verdict, t.Faint)
	drawPeaks(&lc, t, tr.Series)
	return lc.View()
}

// dateLabels names the day under a column: "22 Nov", or "Nov 2026" on a
// year's chart.
func dateLabels(from string, n int) linechart.LabelFormatter {
	first, _ := time.Parse(time.DateOnly, from)
	layout := "2 Jan"
	if n > 180 {
		layout = "Jan 2006"
	}
	return func(_ int, v float64) string {
		return first.AddDate(0, 0, int(math.Floor(v+0.5))).Format(layout)
	}
}

// at is the canvas cell of day i at pain v, on the scale the lines use.
func at(lc *linechart.Model, i int, v float64) canvas.Point {
	f := lc.ScaleFloat64PointForLine(canvas.Float64Point{X: float64(i), Y: v})
	return canvas.CanvasPointFromFloat64Point(lc.Origin(), f)
}

// drawBaseline joins the days with a check-in score, across days
// without, as a line of steps: one row per graph column, the mean of the
// days in it, straight between them.
func drawBaseline(lc *linechart.Model, series []routine.DayPoint, style lipgloss.Style) {
	sum, n := map[int]float64{}, map[int]int{}
	var cols []int
	for i, p := range series {
		if !p.HasBaseline {
			continue
		}
		x := at(lc, i, 0).X
		if n[x] == 0 {
			cols = append(cols, x)
		}
		sum[x] += p.Baseline
		n[x]++
	}
	if len(cols) == 0 {
		return
	}
	// Heights above the axis in rows, rounded as the axis labels are.
	up := func(x int) float64 { return sum[x] / float64(n[x]) * float64(lc.GraphHeight()) / 10 }
	row := func(h float64) int { return lc.Origin().Y - int(math.Round(h)) }
	ys := []int{row(up(cols[0]))}
	for i := 1; i < len(cols); i++ {
		a, b := cols[i-1], cols[i]
		for x := a + 1; x <= b; x++ { // straight from column a to column b
			f := float64(x-a) / float64(b-a)
			ys = append(ys, row(up(a)+f*(up(b)-up(a))))
		}
	}
	graph.DrawLineSequence(&lc.Canvas, cols[0] == lc.Origin().X, cols[0], ys, runes.ArcLineStyle, style)
}

// drawBand draws the edges of the band of no meaningful change on the
// cells the data left empty.
func drawBand(lc *linechart.Model, v routine.Verdict, style lipgloss.Style) {
	if !v.HasReference {
		return
	}
	for _, y := range []float64{v.Earlier - v.Threshold, v.Earlier + v.Threshold} {
		row := at(lc, 0, y).Y
		if y < 0 || y > 10 || row >= lc.Origin().Y {
			continue
		}
		for x := lc.Origin().X + 1; x < lc.Canvas.Width(); x++ {
			p := canvas.Point{X: x, Y: row}
			if lc.Canvas.Cell(p).Rune == runes.Null {
				lc.Canvas.SetCell(p, canvas.NewCellWithStyle('┄', style))
			}
		}
	}
}

// drawPeaks puts a dot at each column's highest pain after a set, in its
// traffic-light colour (the height says the number).
func drawPeaks(lc *linechart.Model, t *Theme, series []routine.DayPoint) {
	peak := map[int]int{}
	for i, p := range series {
		if p.MaxPain < 0 {
			continue
		}
		x := at(lc, i, 0).X
		if old, ok := peak[x]; !ok || p.MaxPain > old {
			peak[x] = p.MaxPain
		}
	}
	for x, v := range peak {
		p := canvas.Point{X: x, Y: at(lc, 0, float64(v)).Y}
		lc.Canvas.SetCell(p, canvas.NewCellWithStyle('•', lipgloss.NewStyle().Foreground(t.PainColor(v))))
	}
}

// lowerContent is everything below the chart: the exercises and the
// adherence grid (side by side when there is room), then the cut-backs
// and the stops at the check-in.
func (m trendsModel) lowerContent() string {
	table, grid := m.exercisesView(), m.adherenceView()
	var top string
	if lipgloss.Width(table)+4+lipgloss.Width(grid) <= m.width {
		top = lipgloss.JoinHorizontal(lipgloss.Top, table, "    ", grid)
	} else {
		top = table + "\n\n" + grid
	}
	return top + "\n\n" + m.cutBacksView() + "\n\n" + m.stopsView()
}

// exercisesView is the per-exercise table of the window.
func (m trendsModel) exercisesView() string {
	t, tr := m.theme, m.data.trends
	head := t.Section.Render("Exercises, " + tr.Span())
	if len(tr.Exercises) == 0 {
		return head + "\n" + t.Faint.Render("No scored sets in this window.")
	}
	nameW := 26
	if m.width >= 110 {
		nameW = 30
	}
	row := func(mark, name, sets, rise, note string) string {
		return fmt.Sprintf("%-1s %-*s %5s %9s  %s", mark, nameW, truncate(name, nameW), sets, rise, note)
	}
	lines := []string{head, t.Faint.Render(strings.TrimRight(row("", "Exercise", "Sets", "Avg rise", ""), " "))}
	for _, e := range tr.Exercises {
		rise := "–"
		if e.HasRise {
			rise = numtext.Signed(e.AvgRise)
		}
		mark, note := "", ""
		if e.Often {
			mark = lipgloss.NewStyle().Bold(true).Foreground(t.Caution).Render("▲")
			note = fmt.Sprintf("often amber or red (%d of %d)", e.AmberOrWorse, e.Sets)
		}
		lines = append(lines, strings.TrimRight(row(mark, e.Exercise, fmt.Sprint(e.Sets), rise, note), " "))
	}
	return strings.Join(lines, "\n")
}

// adherenceView is the grid of sessions per day over the last weeks,
// Monday at the top, drawn on an ntcharts canvas: a digit per day, so the
// count never rests on colour; and the streak.
func (m trendsModel) adherenceView() string {
	t, tr := m.theme, m.data.trends
	head := t.Section.Render(fmt.Sprintf("Sessions per day, last %d weeks", len(tr.Weeks)))
	const labelW = 4
	// One column more than the cells: a month named above the last week
	// keeps its three letters.
	c := canvas.New(labelW+2*len(tr.Weeks)+1, 8)
	for i, w := range tr.Weeks {
		// A month is named above the week of its first Monday.
		if d, err := time.Parse(time.DateOnly, w.Monday); err == nil && d.Day() <= 7 {
			c.SetStringWithStyle(canvas.Point{X: labelW + 2*i, Y: 0}, d.Format("Jan"), t.Faint)
		}
	}
	for d, name := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		c.SetStringWithStyle(canvas.Point{X: 0, Y: d + 1}, name, t.Faint)
		for i, w := range tr.Weeks {
			r, style := dayCell(t, w.Days[d], w.Dates[d] == tr.Today)
			c.SetRuneWithStyle(canvas.Point{X: labelW + 2*i, Y: d + 1}, r, style)
		}
	}
	grid := strings.Join(trimRight(strings.Split(c.View(), "\n")), "\n")
	legend := t.Faint.Render("· none  1-9 sessions  + 10 or more")
	return head + "\n" + grid + "\n" + legend + "\n" + streakLine(tr)
}

// dayCell is one day of the grid: · for none, the count, + for 10 or more,
// blank for days to come; today in bold.
func dayCell(t *Theme, n int, today bool) (rune, lipgloss.Style) {
	style := lipgloss.NewStyle().Foreground(t.Calm).Bold(today)
	switch {
	case n < 0:
		return ' ', style
	case n == 0:
		return '·', lipgloss.NewStyle().Foreground(t.Muted).Bold(today)
	case n < 10:
		return rune('0' + n), style
	}
	return '+', style
}

// streakLine says how many days in a row had exercise.
func streakLine(tr routine.Trends) string {
	switch {
	case tr.Streak == 0:
		return "No streak yet: a session today starts one."
	case tr.StreakAtLeast:
		return fmt.Sprintf("Streak: %d+ days in a row.", tr.Streak)
	}
	return fmt.Sprintf("Streak: %s in a row.", plural(tr.Streak, "day", "days"))
}

// cutBacksView lists the latest cut-backs with the sentence each gave.
func (m trendsModel) cutBacksView() string {
	return m.decisionsView("Recent cut-backs", m.data.trends.CutBacks)
}

// stopsView lists the latest warning signs and check-ins too painful to
// start, which closed their day before any exercise.
func (m trendsModel) stopsView() string {
	return m.decisionsView("Warning signs and stops at the check-in", m.data.trends.Stops)
}

// decisionsView is a section of decisions, newest first, each with its
// mark, time and sentence.
func (m trendsModel) decisionsView(title string, list []routine.CutBack) string {
	t := m.theme
	head := t.Section.Render(title)
	if len(list) == 0 {
		return head + "\n" + t.Faint.Render("None in the "+m.data.trends.Span()+".")
	}
	lines := []string{head}
	for _, c := range list {
		when := t.Faint.Render(c.At.Format("Mon 2 Jan 15:04"))
		lines = append(lines, indented(m.width, routine.Rule(c.Rule).Mark(), when+" "+c.Reason))
	}
	return strings.Join(lines, "\n")
}

func trimRight(lines []string) []string {
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

func (m trendsModel) resized(w, h int) trendsModel { m.setSize(w, h); return m }

// narration: plain mode reads the trends with spinecoach trends --plain.
func (m trendsModel) narration() []string { return nil }
