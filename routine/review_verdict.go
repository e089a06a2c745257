package routine

import "fmt"

// The function verdicts compare the first answered review with the
// latest, in the style of the pain verdict (trends.go): the two figures,
// the change, and whether it is a real one. Back and leg pain use the pain
// rule (2 points or 30% of the first figure, never under 1 point:
// thresholdTenths); the PSFS mean uses its own, PSFSChange points. Pain
// going down is better; the PSFS going up is.

// FunctionVerdict is one measure's verdict.
type FunctionVerdict struct {
	Measure        string // "back pain", "leg pain", "arm pain", "PSFS mean"
	Kind           VerdictKind
	Reviews        int // answered reviews with this measure
	First, Latest  float64
	FirstDate      string
	LatestDate     string
	Change         float64 // Latest - First
	Threshold      float64 // the smallest change that counts from First
	HigherIsBetter bool
}

// ActivityHistory is one PSFS activity over the reviews that rated it.
type ActivityHistory struct {
	ID            string
	Name          string // as last named
	First, Latest int
	FirstDate     string
	LatestDate    string
	Ratings       int
	Retired       bool // the latest review no longer rates it
}

// Function is everything the trends and the report show of the reviews.
type Function struct {
	Limb       string   // "leg" or "arm": what the latest review asked
	Reviews    []Review // answered, oldest first
	BackPain   FunctionVerdict
	LimbPain   FunctionVerdict
	PSFS       FunctionVerdict
	Activities []ActivityHistory // in the order first named
}

// BuildFunction sums up the reviews (any order, skips included).
func BuildFunction(reviews []Review) Function {
	a := Answered(reviews)
	f := Function{Limb: "leg", Reviews: a}
	if len(a) > 0 {
		f.Limb = a[len(a)-1].Limb
	}
	var back, limb, psfs []point
	for _, r := range a {
		back = append(back, point{r.Date, float64(r.BackPain)})
		limb = append(limb, point{r.Date, float64(r.LimbPain)})
		if m, ok := r.PSFSMean(); ok {
			psfs = append(psfs, point{r.Date, m})
		}
	}
	f.BackPain = painVerdict("back pain", back)
	f.LimbPain = painVerdict(f.Limb+" pain", limb)
	f.PSFS = psfsVerdict(psfs)
	f.Activities = activityHistories(a)
	return f
}

type point struct {
	date  string
	value float64
}

func painVerdict(measure string, pts []point) FunctionVerdict {
	return judge(FunctionVerdict{Measure: measure}, pts, thresholdTenths)
}

func psfsVerdict(pts []point) FunctionVerdict {
	fixed := func(int) int { return tenths(PSFSChange) }
	return judge(FunctionVerdict{Measure: "PSFS mean", HigherIsBetter: true}, pts, fixed)
}

// judge fills v from the first and last points; threshold gives the
// smallest real change, in tenths, from a first figure in tenths.
func judge(v FunctionVerdict, pts []point, threshold func(int) int) FunctionVerdict {
	v.Reviews = len(pts)
	if len(pts) == 0 {
		return v
	}
	first, last := pts[0], pts[len(pts)-1]
	f, l := tenths(first.value), tenths(last.value)
	v.First, v.Latest = float64(f)/10, float64(l)/10
	v.FirstDate, v.LatestDate = first.date, last.date
	v.Threshold = float64(threshold(f)) / 10
	if len(pts) < 2 {
		return v // NotEnough: one review shows no change
	}
	delta := l - f
	v.Change = float64(delta) / 10
	improved := delta < 0
	if v.HigherIsBetter {
		improved = delta > 0
	}
	switch {
	case abs(delta) < threshold(f):
		v.Kind = NoChange
	case improved:
		v.Kind = Better
	default:
		v.Kind = Worse
	}
	return v
}

// Sentence is the verdict in one plain sentence.
func (v FunctionVerdict) Sentence() string {
	name := capitalise(v.Measure)
	fig := func(x float64) string {
		if v.HigherIsBetter {
			return fmt.Sprintf("%.1f", x)
		}
		return fmt.Sprintf("%.0f", x)
	}
	switch v.Reviews {
	case 0:
		return fmt.Sprintf("%s: no review answered yet.", name)
	case 1:
		return fmt.Sprintf("%s: %s at the first review (%s); the next review will show the change.", name, fig(v.First), v.FirstDate)
	}
	move := "the same as"
	switch {
	case v.Change < 0:
		move = "down " + fig(-v.Change) + " from"
	case v.Change > 0:
		move = "up " + fig(v.Change) + " from"
	}
	end := "no real change"
	switch v.Kind {
	case Better:
		end = "a real improvement"
	case Worse:
		end = "a real change for the worse, so consider telling your care team"
	}
	return fmt.Sprintf("%s: %s at the latest review (%s), %s %s at the first (%s): %s.",
		name, fig(v.Latest), v.LatestDate, move, fig(v.First), v.FirstDate, end)
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// activityHistories follows each activity by its ID through the answered
// reviews (oldest first).
func activityHistories(a []Review) []ActivityHistory {
	var out []ActivityHistory
	at := map[string]int{}
	for _, r := range a {
		for _, act := range r.Activities {
			i, ok := at[act.ID]
			if !ok {
				at[act.ID] = len(out)
				out = append(out, ActivityHistory{ID: act.ID, First: act.Score, FirstDate: r.Date})
				i = len(out) - 1
			}
			h := &out[i]
			h.Name, h.Latest, h.LatestDate = act.Name, act.Score, r.Date
			h.Ratings++
		}
	}
	if len(a) > 0 {
		latest := map[string]bool{}
		for _, act := range a[len(a)-1].Activities {
			latest[act.ID] = true
		}
		for i := range out {
			out[i].Retired = !latest[out[i].ID]
		}
	}
	return out
}
