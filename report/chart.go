package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The chart of the window, drawn as SVG by the template from these
// figures: a column per day, pain 0-10 upwards. It comes in two shapes,
// in the SVG's own units (each scales to its box): a wide one for a
// screen and paper, and a narrow one for a phone, with larger type.
type geometry struct {
	w, h                  int
	x0, x1, y0, y1        float64
	eventY, labelY        float64 // the row of cut-back and stop marks; the dates
	xLabels               int     // at most
	mark, font, labelFont float64
}

var (
	wideChart   = geometry{w: 760, h: 300, x0: 34, x1: 750, y0: 12, y1: 232, eventY: 248, labelY: 278, xLabels: 8, mark: 5, font: 12, labelFont: 11}
	narrowChart = geometry{w: 380, h: 260, x0: 26, x1: 374, y0: 12, y1: 196, eventY: 211, labelY: 238, xLabels: 4, mark: 4, font: 13, labelFont: 12}
)

// Chart is the figures of the SVG chart.
type Chart struct {
	W, H            int
	X0, X1, Y0, Y1  float64
	EventY, LabelY  float64
	Font, LabelFont float64
	Days            int
	YTicks          []Tick
	XTicks          []Tick
	Zones           []Zone
	Band            *Band
	CheckInLine     string // the polyline's points
	CheckIns        []Point
	Highs           []Point
	Phases          []Phase
	Events          []Point
	Empty           bool // no check-in and no scored set in the window
}

// Tick is a labelled place on an axis.
type Tick struct {
	At     float64
	Label  string
	Anchor string // how its label lines up with it: start, middle, end
}

// Zone is a traffic-light band of the pain scale behind the data.
type Zone struct {
	Y, H float64
	CSS  string
}

// Band is the range of no real change around the earlier verdict period's
// mean, over the recent period it judges.
type Band struct {
	X, Y, W, H float64
	Label      string
	LabelY     float64
}

// Point is a mark on the chart with what it stands for.
type Point struct {
	X, Y  float64
	Size  float64
	Date  string // YYYY-MM-DD
	Value string // the figure it draws
	CSS   string // green, amber, red; cut, stop
	Title string // said on hover and by screen readers
}

// Phase is where the routine of the sessions changed.
type Phase struct {
	X     float64
	Label string
}

func (c Chart) x(i int) float64 {
	return c.X0 + (float64(i)+0.5)*(c.X1-c.X0)/float64(c.Days)
}

func (c Chart) y(v float64) float64 {
	return c.Y1 - v/10*(c.Y1-c.Y0)
}

// F formats a coordinate for the SVG.
func F(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", v), "0"), ".")
}

// drawChart works out the figures of the chart of the window: the axes,
// the bands behind the data, the series and the markers over them.
func drawChart(g geometry, tr routine.Trends, history []store.SessionHistory, rules routine.PainRules) Chart {
	c := Chart{W: g.w, H: g.h, X0: g.x0, X1: g.x1, Y0: g.y0, Y1: g.y1, EventY: g.eventY, LabelY: g.labelY,
		Font: g.font, LabelFont: g.labelFont, Days: max(len(tr.Series), 1), Empty: true}
	c.drawAxes(g, tr.Series)
	c.drawZones(rules)
	c.drawNoChangeBand(tr)
	c.drawSeries(g, tr.Series, rules)
	index := dayIndex(tr.Series)
	c.drawPhaseChanges(index, history)
	c.drawCutsAndStops(g, tr.Series, index, history)
	return c
}

// drawAxes labels pain every 2 points upwards and the dates along.
func (c *Chart) drawAxes(g geometry, series []routine.DayPoint) {
	for v := 0; v <= 10; v += 2 {
		c.YTicks = append(c.YTicks, Tick{At: c.y(float64(v)), Label: fmt.Sprint(v)})
	}
	c.XTicks = dateTicks(*c, series, g.xLabels)
}

// drawZones lays the traffic-light bands behind the data, as whole scores
// fall in them: green 0..GreenMax, red RedPain..10, amber between.
func (c *Chart) drawZones(rules routine.PainRules) {
	edge := func(v float64) float64 { return c.y(min(10, max(0, v))) }
	green, red := float64(rules.GreenMax)+0.5, float64(rules.RedPain)-0.5
	c.Zones = []Zone{
		{Y: edge(green), H: edge(0) - edge(green), CSS: "green"},
		{Y: edge(red), H: edge(green) - edge(red), CSS: "amber"},
		{Y: edge(10), H: edge(red) - edge(10), CSS: "red"},
	}
}

// drawNoChangeBand shades the range of no real change around the earlier
// period's mean check-in over the recent days the verdict judges, with its
// label above the band, or below it when there is no room above.
func (c *Chart) drawNoChangeBand(tr routine.Trends) {
	v := tr.Verdict
	if !v.HasReference {
		return
	}
	start := max(0, len(tr.Series)-v.Days)
	lo, hi := max(0, v.Earlier-v.Threshold), min(10, v.Earlier+v.Threshold)
	b := &Band{X: c.x(start) - (c.X1-c.X0)/float64(c.Days)/2, Y: c.y(hi), H: c.y(lo) - c.y(hi),
		Label: fmt.Sprintf("no real change: %.1f ± %.1f", v.Earlier, v.Threshold)}
	b.W = c.X1 - b.X
	b.LabelY = b.Y - 3
	if b.LabelY < c.Y0+8 {
		b.LabelY = b.Y + b.H + 11
	}
	c.Band = b
}

// drawSeries places each day's check-in (a dot on a line) and its highest
// pain after a set (a marker shaped by its zone).
func (c *Chart) drawSeries(g geometry, series []routine.DayPoint, rules routine.PainRules) {
	var line []string
	for i, p := range series {
		d := day(p.Date).Format("Mon 2 Jan")
		if p.HasBaseline {
			pt := Point{X: c.x(i), Y: c.y(p.Baseline), Size: g.mark * 0.5, Date: p.Date, Value: fmt.Sprintf("%.1f", p.Baseline),
				Title: fmt.Sprintf("%s: check-in %.1f", d, p.Baseline)}
			c.CheckIns = append(c.CheckIns, pt)
			line = append(line, F(pt.X)+","+F(pt.Y))
			c.Empty = false
		}
		if p.MaxPain >= 0 {
			c.Highs = append(c.Highs, Point{X: c.x(i), Y: c.y(float64(p.MaxPain)), Size: g.mark, Date: p.Date, Value: fmt.Sprint(p.MaxPain),
				CSS: painCSS(rules, p.MaxPain), Title: fmt.Sprintf("%s: highest after a set %d", d, p.MaxPain)})
			c.Empty = false
		}
	}
	c.CheckInLine = strings.Join(line, " ")
}

// dayIndex is each day's column.
func dayIndex(series []routine.DayPoint) map[string]int {
	index := map[string]int{}
	for i, p := range series {
		index[p.Date] = i
	}
	return index
}

// drawPhaseChanges marks the days in the window where the sessions'
// routine changed, named by the new routine.
func (c *Chart) drawPhaseChanges(index map[string]int, history []store.SessionHistory) {
	prev := ""
	for _, h := range history {
		i, ok := index[h.Session.StartedAt.Format(time.DateOnly)]
		if !ok {
			continue
		}
		if id := h.Session.RoutineID; id != prev {
			if prev != "" {
				name := safetext.Spaced(h.Session.Routine)
				if name == "" {
					name = safetext.Spaced(id)
				}
				c.Phases = append(c.Phases, Phase{X: c.x(i), Label: name})
			}
			prev = id
		}
	}
}

// drawCutsAndStops puts a mark under each day with cut-backs or stops,
// from the records' decisions: a stop's mark when the day had one.
func (c *Chart) drawCutsAndStops(g geometry, series []routine.DayPoint, index map[string]int, history []store.SessionHistory) {
	cuts, stops := map[int]int{}, map[int]int{}
	for _, h := range history {
		i, ok := index[h.Session.StartedAt.Format(time.DateOnly)]
		if !ok {
			continue
		}
		for _, d := range h.Decisions {
			switch {
			case isStop(d.Rule):
				stops[i]++
			case routine.IsCutBack(d.Rule):
				cuts[i]++
			}
		}
	}
	for i, p := range series {
		d := day(p.Date).Format("Mon 2 Jan")
		switch {
		case stops[i] > 0:
			title := fmt.Sprintf("%s: %s", d, plural(stops[i], "stop", "stops"))
			if cuts[i] > 0 {
				title += ", " + plural(cuts[i], "cut-back", "cut-backs")
			}
			c.Events = append(c.Events, Point{X: c.x(i), Y: g.eventY, Size: g.mark * 0.8, Date: p.Date, Value: fmt.Sprint(stops[i] + cuts[i]), CSS: "stop", Title: title})
		case cuts[i] > 0:
			c.Events = append(c.Events, Point{X: c.x(i), Y: g.eventY, Size: g.mark * 0.8, Date: p.Date, Value: fmt.Sprint(cuts[i]), CSS: "cut",
				Title: fmt.Sprintf("%s: %s", d, plural(cuts[i], "cut-back", "cut-backs"))})
		}
	}
}

// dateTicks labels at most labels days, today always, the others a
// whole number of days (or weeks) apart.
func dateTicks(c Chart, series []routine.DayPoint, labels int) []Tick {
	n := len(series)
	step := 1
	for _, s := range []int{1, 2, 3, 7, 14, 28, 56, 91, 182, 365, 730} {
		step = s
		if (n+s-1)/s <= labels {
			break
		}
	}
	var out []Tick
	for i := n - 1; i >= 0; i -= step {
		t := Tick{At: c.x(i), Label: day(series[i].Date).Format(shortDate), Anchor: "middle"}
		switch room := 2.2 * c.LabelFont; { // half a label's width, about
		case t.At+room > c.X1+4:
			t.Anchor = "end"
		case t.At-room < c.X0-4:
			t.Anchor = "start"
		}
		out = append([]Tick{t}, out...)
	}
	return out
}

// Marker paths: a circle for green, a triangle for amber, a square for
// red, so the traffic light does not rest on colour alone.
func (p Point) Shape() string {
	x, y, s := p.X, p.Y, p.Size
	switch p.CSS {
	case "amber", "cut":
		return fmt.Sprintf("M%s %sL%s %sL%s %sZ", F(x), F(y-s), F(x+s), F(y+s*0.8), F(x-s), F(y+s*0.8))
	case "red", "stop":
		return fmt.Sprintf("M%s %sH%sV%sH%sZ", F(x-s*0.85), F(y-s*0.85), F(x+s*0.85), F(y+s*0.85), F(x-s*0.85))
	}
	return fmt.Sprintf("M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 %s 0Z", F(x-s*0.9), F(y), F(s*0.9), F(s*0.9), F(s*1.8),
		F(s*0.9), F(s*0.9), F(-s*1.8))
}
