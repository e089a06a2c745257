package tui

import (
	"strings"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// The trends' second chart: the weekly reviews, back and leg pain and the
// PSFS mean, one column per review, each with its verdict. Every series
// has a letter of its own at its points, so it reads without colour.

// functionChartHeight is the chart's lines: a row per point of 0-10 and
// the axis with its labels, as the pain chart.
const functionChartHeight = 10 + 2

// functionSeries is one line of the chart.
type functionSeries struct {
	mark  rune
	name  string
	color lipgloss.CompleteAdaptiveColor
	value func(routine.Review) (float64, bool)
}

func (m trendsModel) functionSeries() []functionSeries {
	t, limb := m.theme, m.data.function.Limb
	return []functionSeries{
		{'B', "back pain", t.Caution, func(r routine.Review) (float64, bool) { return float64(r.BackPain), true }},
		{rune(strings.ToUpper(limb)[0]), limb + " pain", t.Danger, func(r routine.Review) (float64, bool) { return float64(r.LimbPain), true }},
		{'F', "activities (PSFS mean; 10 = as before the problem)", t.Calm, routine.Review.PSFSMean},
	}
}

// functionView is the section: title, verdicts, chart and legend.
func (m trendsModel) functionView() string {
	t, f := m.theme, m.data.function
	head := t.Section.Render("Function, week by week")
	if len(f.Reviews) == 0 {
		return head + "\n" + wrap(m.width, t.Faint.Render("No weekly review answered yet: it is asked after a session once a week, or run spinecoach review."))
	}
	var lines []string
	for _, v := range []routine.FunctionVerdict{f.BackPain, f.LimbPain, f.PSFS} {
		mark, color := functionMark(t, v)
		mark = lipgloss.NewStyle().Bold(true).Foreground(color).Render(mark) + " "
		lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, mark, wrap(m.width-lipgloss.Width(mark), v.Sentence())))
	}
	var legend []string
	for _, s := range m.functionSeries() {
		legend = append(legend, lipgloss.NewStyle().Bold(true).Foreground(s.color).Render(string(s.mark))+" "+s.name)
	}
	return head + "\n" + strings.Join(lines, "\n") + "\n" + m.functionChart() + "\n" + wrap(m.width, strings.Join(legend, "   "))
}

// functionMark is a verdict as an arrow the way the figure moved and a
// colour for better or worse; the sentence says which.
func functionMark(t *Theme, v routine.FunctionVerdict) (string, lipgloss.CompleteAdaptiveColor) {
	arrow := "▼"
	if v.Change > 0 {
		arrow = "▲"
	}
	switch v.Kind {
	case routine.Better:
		return arrow, t.Calm
	case routine.Worse:
		return arrow, t.Danger
	case routine.NoChange:
		return "=", t.Muted
	}
	return "…", t.Muted
}

// functionChart draws each series as its letter at each review, the
// three side by side where the columns leave room, so that none hides
// another: a figure shared by two series shows both letters.
func (m trendsModel) functionChart() string {
	t, rs := m.theme, m.data.function.Reviews
	n := len(rs)
	lc := linechart.New(max(m.width, 20), functionChartHeight, -0.5, float64(n)-0.5, 0, 10,
		linechart.WithXYSteps(max(n/6, 1), 2),
		linechart.WithStyles(t.Faint, t.Faint, t.Faint),
		linechart.WithXLabelFormatter(reviewLabels(rs)))
	lc.DrawXYAxisAndLabel()
	spread := 0
	if lc.GraphWidth()/max(n, 1) >= 4 {
		spread = 1 // one column apart: B L F
	}
	for k, s := range m.functionSeries() {
		style := lipgloss.NewStyle().Bold(true).Foreground(s.color)
		for i, r := range rs {
			if v, ok := s.value(r); ok {
				p := at(&lc, i, v)
				p.X += (k - 1) * spread
				lc.Canvas.SetCell(p, canvas.NewCellWithStyle(s.mark, style))
			}
		}
	}
	return lc.View()
}

// reviewLabels names a column by its review's day.
func reviewLabels(rs []routine.Review) linechart.LabelFormatter {
	return func(_ int, v float64) string {
		i := int(v + 0.5)
		if i < 0 || i >= len(rs) {
			return ""
		}
		d, _ := time.Parse(time.DateOnly, rs[i].Date)
		return d.Format("2 Jan")
	}
}
