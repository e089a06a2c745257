package routine

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/spinecoach/spinecoach/internal/numtext"
)

// The trends: pure analytics over what the store has summed up, with the
// clock passed in. Nothing here reads a file.

// Trend windows and periods, in calendar days.
const (
	VerdictDays    = 14 // the verdict compares the last 14 days with the 14 before
	AdherenceWeeks = 12 // the adherence grid: 12 weeks, Monday to Sunday
	MaxCutBacks    = 8  // the most recent cut-backs listed
)

// TrendWindows are the chart windows the patient can choose, shortest first.
var TrendWindows = []int{7, 30, 90, 365}

// TrendSpan is how many days, today included, the day aggregates must
// cover for a chart window: the window itself, the two verdict periods
// and the adherence grid, whichever reaches furthest back.
func TrendSpan(window int) int {
	return max(window, 2*VerdictDays, 7*AdherenceWeeks)
}

// TrendDay is one local calendar day as the store sums it up.
type TrendDay struct {
	Date        string // YYYY-MM-DD
	Sessions    int    // sessions started that day, stops before any exercise included
	Scored      int    // sets with a pain score
	BaselineSum int    // sum of the known check-in scores
	Baselines   int    // sessions with a known check-in score
	MaxPain     int    // highest pain after a set; -1: none
}

// baseline is the mean check-in score of the day, if any was given.
func (d TrendDay) baseline() (float64, bool) {
	if d.Baselines == 0 {
		return 0, false
	}
	return float64(d.BaselineSum) / float64(d.Baselines), true
}

// SetScore is one scored set with its session's check-in score, or, with
// a Count, that many sets of one exercise and day scored alike (how the
// store's per-day aggregates come).
type SetScore struct {
	Date       string // the local day its session started
	ExerciseID string
	Exercise   string // the name the patient knows
	Baseline   int    // the session's check-in score; -1 unknown
	Pain       int    // 0..10 after the set
	Count      int    // how many sets these are; 0 is read as 1
}

// sets is how many sets s stands for.
func (s SetScore) sets() int { return max(s.Count, 1) }

// CutBack is a stored decision that made the routine lighter or stopped
// it, with the sentence the patient was shown.
type CutBack struct {
	Date     string // the local day its session started
	At       time.Time
	Rule     string
	Exercise string // "" for a decision about the whole session
	Reason   string
}

// IsCutBack reports whether a stored decision's rule cut the routine back:
// every rule but carrying on, stepping up and the stops at the check-in
// (which end the day before any exercise: IsCheckInStop).
func IsCutBack(rule string) bool {
	switch rule {
	case RuleGreen, RuleStepUp, RuleNone, "":
		return false
	}
	return !IsCheckInStop(rule)
}

// IsCheckInStop reports whether a stored decision's rule stopped a
// session at its check-in, before any exercise: a warning sign reported,
// or pain too high to start.
func IsCheckInStop(rule string) bool {
	return rule == RuleWarningSign || rule == RuleBaselineStop
}

// TrendInput is what the store reads for the trends.
type TrendInput struct {
	Days     []TrendDay // TrendSpan(window) days up to today; days without sessions may be absent
	Sets     []SetScore // the scored sets of the window
	CutBacks []CutBack  // the latest cut-backs of the window, newest first
	Stops    []CutBack  // the latest stops at the check-in of the window (IsCheckInStop), newest first
	// Surgery is the day of the operation (YYYY-MM-DD), "" when not set
	// up: the days before it are left out of the window.
	Surgery string
}

// DayPoint is one calendar day of the chart.
type DayPoint struct {
	Date        string
	Baseline    float64 // mean check-in score of the day
	HasBaseline bool
	MaxPain     int // highest pain after a set; -1: no scored set
	Sessions    int
}

// VerdictKind is what the verdict concludes.
type VerdictKind int

const (
	NotEnough VerdictKind = iota // too few check-ins in one of the periods
	NoChange                     // a change smaller than one a patient feels
	Better                       // down by a meaningful change
	Worse                        // up by a meaningful change
)

func (k VerdictKind) String() string {
	switch k {
	case NotEnough:
		return "not enough data"
	case NoChange:
		return "no meaningful change"
	case Better:
		return "a real improvement"
	case Worse:
		return "a real rise"
	}
	return fmt.Sprintf("VerdictKind(%d)", int(k))
}

// Verdict compares the mean check-in (baseline) pain of the last
// VerdictDays days, today included, with the VerdictDays days before.
//
// Each day counts once, as the mean of its check-in scores, so a day of
// six sessions weighs no more than a day of one; days with no check-in are
// left out, not counted as zero. Each period needs MinDays days with a
// score, or there is no verdict.
//
// The two means are rounded to one decimal before anything else, so the
// verdict follows from the figures shown. The change is meaningful when it
// is at least 2 points, or at least 30% of the earlier mean; "2 points or
// 30%" read as either one suffices, which is what the example "4.5 down to
// 3.1: a real improvement" (1.4 points, 31%) needs. The 30% rule alone
// would call 1.0 to 1.3 a real change, well inside the noise of a 0-10
// scale that moves in whole points, so a change also needs at least 1
// point. Put together, the smallest meaningful change from an earlier
// mean E is min(2, 30% of E), but never under 1: 1 point up to E = 3.3,
// then 30% of E (rounded up to a tenth, as the change is in tenths: 1.4
// from 4.5), and 2 points from E = 6.6. The arithmetic is in whole tenths,
// so the thresholds are exact.
type Verdict struct {
	Kind         VerdictKind
	Days         int     // days in each period (VerdictDays)
	MinDays      int     // days with a check-in score each period needs
	Recent       float64 // mean of the last Days days, rounded to 0.1
	Earlier      float64 // mean of the Days before, rounded to 0.1
	RecentDays   int     // days with a check-in score in the recent period
	EarlierDays  int     // and in the earlier one
	Change       float64 // Recent - Earlier
	Threshold    float64 // the smallest change that counts from Earlier
	HasReference bool    // the earlier period has enough days: the band can be drawn
}

// thresholdTenths is the smallest meaningful change, in tenths of a point,
// from an earlier mean of e tenths: 30% of it rounded up to a whole tenth,
// at least 10 (1 point) and at most 20 (2 points).
func thresholdTenths(e int) int {
	pct := (3*e + 9) / 10 // ceil(0.3 e) for e >= 0
	return min(20, max(10, pct))
}

// tenths rounds x to whole tenths.
func tenths(x float64) int { return int(math.Round(x * 10)) }

// NewVerdict compares the two periods ending on today (YYYY-MM-DD). days
// may hold any dates; those outside the two periods are ignored.
func NewVerdict(days []TrendDay, today string, minDays int) Verdict {
	v := Verdict{Days: VerdictDays, MinDays: minDays}
	end, ok := DayOfDate(today)
	if !ok {
		return v
	}
	var recent, earlier []float64
	for _, d := range days {
		b, ok := d.baseline()
		day, okDate := DayOfDate(d.Date)
		if !ok || !okDate {
			continue
		}
		switch age := end - day; {
		case age >= 0 && age < VerdictDays:
			recent = append(recent, b)
		case age >= VerdictDays && age < 2*VerdictDays:
			earlier = append(earlier, b)
		}
	}
	v.RecentDays, v.EarlierDays = len(recent), len(earlier)
	r, e := 0, 0
	if len(recent) > 0 {
		r = tenths(mean(recent))
		v.Recent = float64(r) / 10
	}
	if len(earlier) > 0 {
		e = tenths(mean(earlier))
		v.Earlier = float64(e) / 10
	}
	if len(earlier) >= minDays {
		v.HasReference = true
		v.Threshold = float64(thresholdTenths(e)) / 10
	}
	if len(recent) < minDays || !v.HasReference {
		return v
	}
	delta := r - e
	v.Change = float64(delta) / 10
	switch {
	case abs(delta) < thresholdTenths(e):
		v.Kind = NoChange
	case delta < 0:
		v.Kind = Better
	default:
		v.Kind = Worse
	}
	return v
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// daysApart counts calendar days from a to b (b later is positive). Both
// are dates parsed in UTC, so every day is 24 hours long.
func daysApart(a, b time.Time) int {
	return int(b.Sub(a) / (24 * time.Hour))
}

// Sentence is the verdict in one plain sentence.
func (v Verdict) Sentence() string {
	lead := fmt.Sprintf("Baseline pain over the last %d days", v.Days)
	switch {
	case v.RecentDays < v.MinDays:
		return fmt.Sprintf("%s: not enough check-ins yet to see a trend (%s with a score; %d needed).",
			lead, plural(v.RecentDays, "day", "days"), v.MinDays)
	case !v.HasReference:
		return fmt.Sprintf("%s: %.1f; the %d days before have too few check-ins to compare (%s with a score; %d needed).",
			lead, v.Recent, v.Days, plural(v.EarlierDays, "day", "days"), v.MinDays)
	}
	move := fmt.Sprintf("the same as the %d days before", v.Days)
	// By the figure shown: a change that rounds to 0.0 is no change.
	switch change := numtext.Signed(v.Change); {
	case change[0] == '-':
		move = fmt.Sprintf("down %s from the %d days before", numtext.One(-v.Change), v.Days)
	case change[0] == '+':
		move = fmt.Sprintf("up %s from the %d days before", numtext.One(v.Change), v.Days)
	}
	end := "no meaningful change"
	switch v.Kind {
	case Better:
		end = "a real improvement"
	case Worse:
		end = "a real rise, so consider telling your care team"
	}
	return fmt.Sprintf("%s: %.1f, %s (%.1f): %s.", lead, v.Recent, move, v.Earlier, end)
}

// Rule says in one sentence how a change is judged, with this verdict's
// threshold when it has one.
func (v Verdict) Rule() string {
	s := "A change counts as real when it is at least 2 points, or at least 30% of the earlier figure, and never less than 1 point"
	if v.HasReference {
		s += fmt.Sprintf(": from %.1f, a change of %.1f or more", v.Earlier, v.Threshold)
	}
	return s + "."
}

// ExerciseStat sums up one exercise's scored sets over the window.
type ExerciseStat struct {
	ExerciseID   string
	Exercise     string
	Sets         int     // scored sets
	AvgRise      float64 // mean of pain after the set minus the check-in score
	HasRise      bool    // some set had a known check-in score
	AmberOrWorse int     // sets the pain rules put at amber or worse
	Often        bool    // flagged: often goes amber or red
}

// often is the flag rule: at least 2 sets, and at least a third of the
// exercise's scored sets, went amber or worse. Two keeps one bad day from
// flagging an exercise done once; a third is "often" and not "ever".
func often(bad, sets int) bool {
	return bad >= 2 && 3*bad >= sets
}

// ExerciseStats sums the scored sets up by exercise, with each set's zone
// from the pain rules (a set with no check-in score is judged on its pain
// alone). Flagged exercises come first, then by name.
func ExerciseStats(r PainRules, sets []SetScore) []ExerciseStat {
	type acc struct {
		ExerciseStat
		riseSum, rises int
	}
	by := map[string]*acc{}
	var order []string
	for _, s := range sets {
		a := by[s.ExerciseID]
		if a == nil {
			a = &acc{ExerciseStat: ExerciseStat{ExerciseID: s.ExerciseID, Exercise: s.Exercise}}
			by[s.ExerciseID] = a
			order = append(order, s.ExerciseID)
		}
		if a.Exercise == "" {
			a.Exercise = s.Exercise
		}
		n := s.sets()
		a.Sets += n
		baseline := s.Baseline
		if baseline < 0 {
			baseline = s.Pain
		} else {
			a.riseSum += n * (s.Pain - s.Baseline)
			a.rises += n
		}
		if r.Classify(baseline, s.Pain) >= Amber {
			a.AmberOrWorse += n
		}
	}
	out := make([]ExerciseStat, 0, len(order))
	for _, id := range order {
		a := by[id]
		if a.rises > 0 {
			a.HasRise = true
			a.AvgRise = float64(a.riseSum) / float64(a.rises)
		}
		if a.Exercise == "" {
			a.Exercise = id
		}
		a.Often = often(a.AmberOrWorse, a.Sets)
		out = append(out, a.ExerciseStat)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Often != out[j].Often {
			return out[i].Often
		}
		return out[i].Exercise < out[j].Exercise
	})
	return out
}

// AdherenceWeek is one column of the adherence grid: Monday to Sunday.
type AdherenceWeek struct {
	Monday string // YYYY-MM-DD
	Days   [7]int // sessions with exercise each day; -1 after today
	Dates  [7]string
}

// exercised is the day's sessions when it has a scored set, else 0: a stop
// before any exercise (a warning sign) is not a session done.
func (d TrendDay) exercised() int {
	if d.Scored == 0 {
		return 0
	}
	return d.Sessions
}

// Adherence lays the days out as AdherenceWeeks weeks, Monday first,
// ending with the week of today.
func Adherence(days []TrendDay, today string) []AdherenceWeek {
	end, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return nil
	}
	by := newDayLookup(days)
	weekday := (int(end.Weekday()) + 6) % 7 // Monday 0
	monday := end.AddDate(0, 0, -weekday-7*(AdherenceWeeks-1))
	weeks := make([]AdherenceWeek, AdherenceWeeks)
	for w := range weeks {
		start := monday.AddDate(0, 0, 7*w)
		weeks[w].Monday = start.Format(time.DateOnly)
		for i := 0; i < 7; i++ {
			day := start.AddDate(0, 0, i)
			date := day.Format(time.DateOnly)
			weeks[w].Dates[i] = date
			if day.After(end) {
				weeks[w].Days[i] = -1
				continue
			}
			d, _ := by.get(date)
			weeks[w].Days[i] = d.exercised()
		}
	}
	return weeks
}

// dayLookup finds days by date, asked in ascending order of date: by a
// walk along days when they are in strictly ascending order (as the store
// reads them), through byDate otherwise. The trends look up every day of
// their window twice, and a map of ninety days built twice cost more
// than the rest of the lookups.
type dayLookup struct {
	days []TrendDay
	by   map[string]TrendDay
}

func newDayLookup(days []TrendDay) dayLookup {
	if !ascending(days) {
		return dayLookup{by: byDate(days)}
	}
	return dayLookup{days: days}
}

// ascending reports whether the days' dates are in strictly ascending
// order: no date twice.
func ascending(days []TrendDay) bool {
	for i := 1; i < len(days); i++ {
		if days[i].Date <= days[i-1].Date {
			return false
		}
	}
	return true
}

// get is the day of date (byDate's: the last of a date); each date asked
// must come after the one asked before.
func (l *dayLookup) get(date string) (TrendDay, bool) {
	if l.by != nil {
		d, ok := l.by[date]
		return d, ok
	}
	for len(l.days) > 0 && l.days[0].Date < date {
		l.days = l.days[1:]
	}
	if len(l.days) > 0 && l.days[0].Date == date {
		return l.days[0], true
	}
	return TrendDay{}, false
}

func byDate(days []TrendDay) map[string]TrendDay {
	m := make(map[string]TrendDay, len(days))
	for _, d := range days {
		m[d.Date] = d
	}
	return m
}

// Streak counts the days with exercise in a row up to today, or up to
// yesterday while today has none yet. It cannot see past the first day in
// days; atLeast says the run reached it, so the true streak may be longer.
func Streak(days []TrendDay, today string, first string) (n int, atLeast bool) {
	end, ok := DayOfDate(today)
	if !ok {
		return 0, false
	}
	start, ok := DayOfDate(first)
	if !ok {
		start = math.MinInt // no first day: the run goes back as far as days do
	}
	exercised := exercisedOn(days)
	day := end
	if !exercised(end) {
		day--
	}
	for ; day >= start && exercised(day); day-- {
		n++
	}
	return n, day < start && n > 0
}

// exercisedOn says whether the day of number k had exercise, k asked in
// descending order. By day number: ten years' trends walk a streak of
// ninety days, and a date written out and looked up by name for each was
// most of their cost. Days in strictly ascending order of date (as the
// store reads them) are walked back along; others go through a map, the
// last of a date counting as byDate keeps it.
func exercisedOn(days []TrendDay) func(k int) bool {
	if !ascending(days) {
		exercised := make(map[int]bool, len(days))
		for _, d := range days {
			if k, ok := DayOfDate(d.Date); ok {
				exercised[k] = d.exercised() > 0
			}
		}
		return func(k int) bool { return exercised[k] }
	}
	j := len(days) - 1
	return func(k int) bool {
		for ; j >= 0; j-- {
			if n, ok := DayOfDate(days[j].Date); ok && n <= k {
				return n == k && days[j].exercised() > 0
			}
		}
		return false
	}
}

// DayOfDate is the day number of a YYYY-MM-DD date (dayNumber's: 0 for
// 1970-01-01), read without time.Parse; false for anything else. The
// store's read of the exercise weeks asks it too.
func DayOfDate(s string) (int, bool) {
	if len(s) != len(time.DateOnly) || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	var v [3]int
	for i, part := range []string{s[:4], s[5:7], s[8:]} {
		for _, c := range []byte(part) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v[i] = v[i]*10 + int(c-'0')
		}
	}
	y, m, d := v[0], time.Month(v[1]), v[2]
	if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return 0, false
	}
	return civilDay(y, m, d), true
}

// DateOf is t.Format(time.DateOnly), the date of t in its own offset,
// written without the layout's parse: the day rules and the store take
// the date of every session they read, some of them twice.
func DateOf(t time.Time) string {
	var b [len(time.DateOnly)]byte
	return string(AppendDate(b[:0], t))
}

// AppendDate appends DateOf(t) to b.
func AppendDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 { // Format's other widths
		return t.AppendFormat(b, time.DateOnly)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// daysIn is the number of days in month m (1..12) of year y, in the
// proleptic Gregorian calendar time.Date counts in.
func daysIn(m time.Month, y int) int {
	if m == time.February && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return int(monthDays[m-1])
}

var monthDays = [12]uint8{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// civilDay is dayNumber for a valid date (month 1..12, day within it)
// counted without time.Date: the days before the year's March, by whole
// 400, 100 and 4 years, plus those since. The trends number every day of
// their window twice.
func civilDay(y int, m time.Month, d int) int {
	if m <= time.February {
		y-- // the year counted from March: the leap day comes last
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era-- // floor division
	}
	yoe := y - era*400                       // 0..399
	doy := (153*((int(m)+9)%12)+2)/5 + d - 1 // days since the 1st of March
	doe := yoe*365 + yoe/4 - yoe/100 + doy   // days since the era began
	return era*146097 + doe - 719468         // 1970-01-01 is day 0
}

// Series is one point per calendar day of the window, oldest first, today
// last; days without sessions are there with no values.
func Series(days []TrendDay, today string, window int) []DayPoint {
	end, err := time.Parse(time.DateOnly, today)
	if err != nil || window < 1 {
		return nil
	}
	by := newDayLookup(days)
	out := make([]DayPoint, window)
	for i := range out {
		date := end.AddDate(0, 0, i-window+1).Format(time.DateOnly)
		d, ok := by.get(date)
		p := DayPoint{Date: date, MaxPain: -1}
		if ok {
			p.Baseline, p.HasBaseline = d.baseline()
			p.Sessions = d.Sessions
			if d.Scored > 0 {
				p.MaxPain = d.MaxPain
			}
		}
		out[i] = p
	}
	return out
}

// Trends is everything the trends screen, `spinecoach trends --plain` and
// the report show.
type Trends struct {
	Today         string // YYYY-MM-DD
	Window        int    // days asked for, today included
	From          string // first day of the window (the surgery date if later)
	Series        []DayPoint
	Verdict       Verdict
	Exercises     []ExerciseStat
	Weeks         []AdherenceWeek
	Streak        int
	StreakAtLeast bool // the streak runs back past the days read
	CutBacks      []CutBack
	Stops         []CutBack // warning signs and check-ins too painful to start, newest first
	Sessions      int       // sessions started on the window's days, stops at the check-in included
	SessionDays   int       // days of the window with a session
	ActiveDays    int       // days of the window with a scored set
	// Since is the surgery date when it falls inside the window asked
	// for: the window then starts on it (From), and Series, Sessions,
	// the exercises and the lists cover only the days from it.
	Since string
}

// WindowStart is the first day (YYYY-MM-DD) of a window of days ending on
// now's local day.
func WindowStart(now time.Time, days int) string {
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1-days).Format(time.DateOnly)
}

// BuildTrends computes the trends for a window of days ending on now's
// local day. in may hold more than the window; it is cut to it.
//
// A window that reaches back past the day of surgery starts on that day:
// the days before it are no part of the recovery and would only take
// room on the chart.
func BuildTrends(r PainRules, in TrendInput, now time.Time, window int) Trends {
	window = max(window, 1)
	today := now.Format(time.DateOnly)
	t := Trends{Today: today, Window: window, From: WindowStart(now, window)}
	shown := window
	if s := in.Surgery; s > t.From && s <= today {
		if first, err := time.Parse(time.DateOnly, s); err == nil {
			end, _ := time.Parse(time.DateOnly, today)
			t.From, t.Since, shown = s, s, daysApart(first, end)+1
		}
	}
	t.Series = Series(in.Days, today, shown)
	for _, p := range t.Series {
		if p.Sessions > 0 {
			t.SessionDays++
			t.Sessions += p.Sessions
		}
		if p.MaxPain >= 0 {
			t.ActiveDays++
		}
	}
	t.Verdict = NewVerdict(in.Days, today, max(r.WeekMinDays, 1))
	var sets []SetScore
	for _, s := range in.Sets {
		if s.Date >= t.From && s.Date <= today {
			sets = append(sets, s)
		}
	}
	t.Exercises = ExerciseStats(r, sets)
	t.Weeks = Adherence(in.Days, today)
	t.Streak, t.StreakAtLeast = Streak(in.Days, today, WindowStart(now, TrendSpan(window)))
	for _, c := range in.CutBacks {
		if len(t.CutBacks) == MaxCutBacks {
			break
		}
		if c.Date >= t.From && c.Date <= today && IsCutBack(c.Rule) {
			t.CutBacks = append(t.CutBacks, c)
		}
	}
	for _, c := range in.Stops {
		if len(t.Stops) == MaxCutBacks {
			break
		}
		if c.Date >= t.From && c.Date <= today && IsCheckInStop(c.Rule) {
			t.Stops = append(t.Stops, c)
		}
	}
	return t
}

// Days is how many days the window covers: Window, or fewer when it
// starts on the day of surgery.
func (t Trends) Days() int { return len(t.Series) }

// Span says which days the window covers, in words: "last 90 days", or
// "since surgery on 3 March 2026 (40 days)" when it starts on that day.
func (t Trends) Span() string {
	if t.Since != "" {
		d, _ := time.Parse(time.DateOnly, t.Since)
		return fmt.Sprintf("since surgery on %s (%s)", d.Format("2 January 2006"), plural(t.Days(), "day", "days"))
	}
	return fmt.Sprintf("last %d days", t.Window)
}
