package report

import (
	"fmt"
	"strings"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// The report's Function section: the weekly reviews (CLINICAL.md,
// "Function, week by week"), over all of them, not only the window: the
// first review is the reference every later one is read against.

// FunctionSection is the section's content.
type FunctionSection struct {
	Any        bool
	Limb       string // "leg" or "arm"
	LimbTitle  string // "Leg" or "Arm", for a heading
	Verdicts   []FunctionVerdict
	Rule       string
	Reviews    []ReviewRow
	Activities []ActivityRow
	Chart      FunctionChart
}

// FunctionVerdict is one measure's verdict sentence with its look.
type FunctionVerdict struct {
	Measure string
	Text    string
	CSS     string // better, worse, same, none
}

// ReviewRow is one review answered.
type ReviewRow struct {
	Date, Back, Limb, PSFS string
}

// ActivityRow is one PSFS activity, first and latest rating.
type ActivityRow struct {
	ID, Name            string
	First, Latest       int
	FirstDate, LastDate string
	Change              string // "+3", "0"; "" with one rating
	Status              string // "rated", "retired after 2 Nov"
}

// FunctionChart is the SVG of the reviews: back pain, leg pain and the
// PSFS mean, one column per review, 0-10 upwards.
type FunctionChart struct {
	W, H           int
	X0, X1, Y0, Y1 float64
	LabelY         float64
	YTicks, XTicks []Tick
	Lines          []FunctionLine
}

// FunctionLine is one series: its points and how it is told apart
// without colour (a dash pattern and a shape at each point).
type FunctionLine struct {
	Name, CSS, Dash, Shape string
	Points                 string // the polyline's points
	Marks                  []Point
}

func functionSection(f routine.Function) FunctionSection {
	if f.Limb == "" { // no review read: BuildFunction's default
		f.Limb = "leg"
	}
	s := FunctionSection{Any: len(f.Reviews) > 0, Limb: f.Limb, LimbTitle: strings.ToUpper(f.Limb[:1]) + f.Limb[1:],
		Rule: "A change in back or leg pain counts as real at 2 points or 30% of the first figure, never less than 1 point (Farrar et al. 2001); in the PSFS mean at 2 points (Stratford et al. 1995)."}
	for _, v := range []routine.FunctionVerdict{f.BackPain, f.LimbPain, f.PSFS} {
		s.Verdicts = append(s.Verdicts, FunctionVerdict{Measure: v.Measure, Text: v.Sentence(), CSS: verdictCSS(v.Kind)})
	}
	for _, r := range f.Reviews {
		row := ReviewRow{Date: day(r.Date).Format(shortDate + " 2006"), Back: fmt.Sprint(r.BackPain), Limb: fmt.Sprint(r.LimbPain), PSFS: "–"}
		if m, ok := r.PSFSMean(); ok {
			row.PSFS = fmt.Sprintf("%.1f", m)
		}
		s.Reviews = append(s.Reviews, row)
	}
	for _, a := range f.Activities {
		row := ActivityRow{ID: a.ID, Name: safetext.Spaced(a.Name), First: a.First, Latest: a.Latest,
			FirstDate: day(a.FirstDate).Format(shortDate), LastDate: day(a.LatestDate).Format(shortDate), Status: "rated"}
		if a.Ratings > 1 {
			row.Change = fmt.Sprintf("%+d", a.Latest-a.First)
		}
		if a.Retired {
			row.Status = "retired after " + row.LastDate
		}
		s.Activities = append(s.Activities, row)
	}
	s.Chart = functionChart(f)
	return s
}

// functionChart lays the reviews out on the SVG.
func functionChart(f routine.Function) FunctionChart {
	c := FunctionChart{W: 760, H: 230, X0: 34, X1: 750, Y0: 12, Y1: 190, LabelY: 212}
	n := max(len(f.Reviews), 1)
	x := func(i int) float64 { return c.X0 + (float64(i)+0.5)*(c.X1-c.X0)/float64(n) }
	y := func(v float64) float64 { return c.Y1 - v/10*(c.Y1-c.Y0) }
	for v := 0; v <= 10; v += 2 {
		c.YTicks = append(c.YTicks, Tick{At: y(float64(v)), Label: fmt.Sprint(v)})
	}
	step := max(1, (len(f.Reviews)+7)/8) // at most about 8 dates
	for i, r := range f.Reviews {
		if i%step == 0 {
			c.XTicks = append(c.XTicks, Tick{At: x(i), Label: day(r.Date).Format(shortDate), Anchor: "middle"})
		}
	}
	series := []struct {
		name, css, dash, shape string
		value                  func(routine.Review) (float64, bool)
	}{
		{"back pain", "back", "", "circle", func(r routine.Review) (float64, bool) { return float64(r.BackPain), true }},
		{f.Limb + " pain", "limb", "6 4", "square", func(r routine.Review) (float64, bool) { return float64(r.LimbPain), true }},
		{"activities (PSFS mean)", "psfs", "2 3", "diamond", routine.Review.PSFSMean},
	}
	for _, s := range series {
		l := FunctionLine{Name: s.name, CSS: s.css, Dash: s.dash, Shape: s.shape}
		var pts []string
		for i, r := range f.Reviews {
			v, ok := s.value(r)
			if !ok {
				continue
			}
			p := Point{X: x(i), Y: y(v), Size: 4, Date: r.Date, Value: strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0"),
				Title: fmt.Sprintf("%s: %s %.1f", day(r.Date).Format("2 Jan 2006"), s.name, v)}
			l.Marks = append(l.Marks, p)
			pts = append(pts, F(p.X)+","+F(p.Y))
		}
		l.Points = strings.Join(pts, " ")
		c.Lines = append(c.Lines, l)
	}
	return c
}
