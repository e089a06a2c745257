// Package report makes the report a patient brings to the care team: one
// self-contained HTML page (html/template, inline CSS, an SVG chart drawn
// here; no script and nothing fetched) that reads on a phone and prints
// to A4 or Letter. It shows the same facts as `spinecoach trends --plain`
// for a window of days, and every decision and stop with its sentence.
//
// It reads nothing itself: the caller passes what the store read. Text
// that came from a file (routine, exercise and prescription names, the
// sentences that quote them) is untrusted: html/template escapes it, and
// Build takes its control characters out first.
package report

import (
	"fmt"
	"sort"
	"time"

	"github.com/spinecoach/spinecoach/internal/numtext"
	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// Input is what the report is made of.
type Input struct {
	Now     time.Time
	Version string // the app's version
	Profile store.Profile
	// Plan is today's plan: the routine in force, its phase and rules, and
	// the week after surgery.
	Plan routine.Plan
	// Prescription names the prescription file that replaces the shipped
	// routines; "" when the shipped routines are in force.
	Prescription string
	// Trends are the trends of the window, as the trends screen builds
	// them (routine.BuildTrends).
	Trends routine.Trends
	// History is every session started on the window's days (Trends.From
	// to Trends.Today), in time order, with its sets and decisions.
	History []store.SessionHistory
	// Function is every weekly review, summed up (routine.BuildFunction).
	Function routine.Function
}

// Fact is a labelled line of the report's head.
type Fact struct{ Label, Value string }

// WeekRow is a calendar week in words and figures.
type WeekRow struct {
	routine.WeekRow
	Start   string // "25 Aug"
	End     string // "30 Aug"
	CheckIn string // "3.5", or "–"
	High    string // "6", or "–"
	HighCSS string // its traffic light: green, amber, red; "" none
}

// ExerciseRow is one exercise of the window.
type ExerciseRow struct {
	routine.ExerciseStat
	Rise     string   // "+1.5", or "–" with no check-in
	Bad      string   // amber or worse: "4 of 12 (33%)"
	Stopped  []string // the days the rules stopped it, "3 Sep"
	StopDays int      // how many days
}

// DecisionRow is a stored decision with what the patient was told.
type DecisionRow struct {
	When     string // "3 Sep 08:45"
	Date     string // YYYY-MM-DD, its session's day
	Rule     string // the stable id
	Short    string // "amber"
	Label    string // "Amber: one step down for the day"
	Mark     string // ▲ ■ ↑: the meaning without colour
	CSS      string // amber, red, stop, up
	Exercise string // with the side; "" for the whole day
	Levels   string // "0 → 1", or "1"
	Reason   string
}

// CalendarDay is one day of the adherence calendar.
type CalendarDay struct {
	Date     string
	Day      int  // of the month
	Sessions int  // sessions on a day with exercise (as the trends count them)
	Stop     bool // a stop at the check-in that day
	Out      bool // outside the window (before it, or after today)
	Today    bool
}

// CalendarWeek is a row of the calendar, Monday first.
type CalendarWeek struct {
	Label string // "25 Aug"
	Days  [7]CalendarDay
}

// RuleRow is one rule in force, for "how to read this".
type RuleRow struct{ When, Rule, Action string }

// Report is the report's content, ready for the template.
type Report struct {
	Generated    string // "22 November 2026 20:00"
	Version      string
	Patient      []Fact
	Covered      string // "25 August 2026 to 22 November 2026 (90 days)"
	Span         string // Trends.Span()
	From, Today  string // YYYY-MM-DD
	Summary      []Fact
	Verdict      string
	VerdictRule  string
	VerdictCSS   string // better, worse, same, none
	Chart        Chart  // wide: a screen and paper
	PhoneChart   Chart  // narrow: a phone
	Weeks        []WeekRow
	Exercises    []ExerciseRow
	Calendar     []CalendarWeek
	Decisions    []DecisionRow
	Stops        int // stops of the session (rules) and at the check-in, among Decisions
	CutBacks     int // the other cut-backs
	StepUps      int
	Rules        []RuleRow
	RulesSource  string
	RuleNames    []RuleName
	Ladder       []string
	Prescription string
	Function     FunctionSection
}

const (
	longDate  = "2 January 2006"
	shortDate = "2 Jan"
)

func day(date string) time.Time {
	t, _ := time.Parse(time.DateOnly, date)
	return t
}

// Build computes the report's content.
func Build(in Input) Report {
	tr := in.Trends
	rules := in.Plan.Routine.Rules
	if rules == (routine.PainRules{}) {
		rules = routine.DefaultPainRules()
	}
	r := Report{
		Generated: in.Now.Format("2 January 2006 15:04"),
		Version:   safetext.Spaced(in.Version),
		Covered: fmt.Sprintf("%s to %s (%s)", day(tr.From).Format(longDate), day(tr.Today).Format(longDate),
			plural(tr.Days(), "day", "days")),
		Span: tr.Span(), From: tr.From, Today: tr.Today,
		Verdict: tr.Verdict.Sentence(), VerdictRule: tr.Verdict.Rule(), VerdictCSS: verdictCSS(tr.Verdict.Kind),
		Prescription: safetext.Spaced(in.Prescription),
	}
	r.Patient = patientFacts(in)
	r.Summary = summaryFacts(tr)
	r.Chart = drawChart(wideChart, tr, in.History, rules)
	r.PhoneChart = drawChart(narrowChart, tr, in.History, rules)

	sums := make([]routine.SessionSummary, 0, len(in.History))
	for _, h := range in.History {
		sums = append(sums, store.Summary(h))
	}
	for _, w := range routine.WeekRows(sums, tr.From, tr.Today) {
		row := WeekRow{WeekRow: w, Start: day(w.From).Format(shortDate), End: day(w.To).Format(shortDate),
			CheckIn: "–", High: "–"}
		if w.HasCheckIn() {
			row.CheckIn = fmt.Sprintf("%.1f", w.CheckIn)
		}
		if w.MaxPain >= 0 {
			row.High = fmt.Sprint(w.MaxPain)
			row.HighCSS = painCSS(rules, w.MaxPain)
		}
		r.Weeks = append(r.Weeks, row)
	}

	r.Exercises = exerciseRows(tr, in.History)
	r.Calendar = calendar(tr, in.History)
	r.Decisions = decisionRows(in.History)
	for _, d := range r.Decisions {
		switch {
		case isStop(d.Rule):
			r.Stops++
		case routine.IsCutBack(d.Rule):
			r.CutBacks++
		case d.Rule == routine.RuleStepUp:
			r.StepUps++
		}
	}
	r.Rules, r.RulesSource = rulesInForce(rules, in)
	r.RuleNames = RuleNames
	r.Ladder = ladderLines(in.Plan.Routine.Ladder)
	r.Function = functionSection(in.Function)
	return r
}

func verdictCSS(k routine.VerdictKind) string {
	switch k {
	case routine.Better:
		return "better"
	case routine.Worse:
		return "worse"
	case routine.NoChange:
		return "same"
	}
	return "none"
}

// painCSS is a score's traffic light by the clinic's bands as the rules in
// force draw them: green up to GreenMax, red from RedPain.
func painCSS(r routine.PainRules, pain int) string {
	switch {
	case pain <= r.GreenMax:
		return "green"
	case pain >= r.RedPain:
		return "red"
	}
	return "amber"
}

var regionWords = map[string]string{
	"cervical": "neck (cervical)",
	"thoracic": "upper and middle back (thoracic)",
	"lumbar":   "lower back (lumbar)",
}

func patientFacts(in Input) []Fact {
	p, plan := in.Profile, in.Plan
	var out []Fact
	if s, err := time.Parse(time.DateOnly, p.SurgeryDate); err == nil {
		out = append(out, Fact{"Surgery", s.Format(longDate)})
	} else {
		out = append(out, Fact{"Surgery", "date not set up"})
	}
	if plan.Week >= 0 {
		out = append(out, Fact{"Now", fmt.Sprintf("week %d after surgery (day %d)", plan.Week, plan.Day)})
	}
	region := "not given"
	if w, ok := regionWords[p.Region]; ok {
		region = w
	}
	out = append(out, Fact{"Fusion", region})
	out = append(out, Fact{"Phase", fmt.Sprintf("%d · %s", plan.Routine.Phase, safetext.Spaced(plan.Routine.Name))})
	clearance := "none recorded"
	if p.ClearedPhase > 2 {
		clearance = fmt.Sprintf("phase %d", p.ClearedPhase)
		if !p.ClearedAt.IsZero() {
			clearance += ", recorded " + p.ClearedAt.Format(longDate)
		}
	}
	out = append(out, Fact{"Cleared for", clearance})
	if in.Prescription != "" {
		out = append(out, Fact{"Prescription", safetext.Spaced(in.Prescription)})
	} else {
		out = append(out, Fact{"Routines", "spinecoach's defaults (no prescription)"})
	}
	return out
}

func summaryFacts(tr routine.Trends) []Fact {
	out := []Fact{
		{"Sessions", fmt.Sprintf("%d on %d of the %d days", tr.Sessions, tr.SessionDays, tr.Days())},
		{"Days with exercise", fmt.Sprintf("%d (a set scored)", tr.ActiveDays)},
	}
	streak := "none"
	switch {
	case tr.StreakAtLeast:
		streak = fmt.Sprintf("%d or more days in a row", tr.Streak)
	case tr.Streak > 0:
		streak = plural(tr.Streak, "day", "days") + " in a row"
	}
	return append(out, Fact{"Streak", streak})
}

// stopRules end a session or the day: the rules' stops and the stops at
// the check-in.
func isStop(rule string) bool {
	switch rule {
	case routine.RuleStopTwoReds, routine.RuleStopHighPain:
		return true
	}
	return routine.IsCheckInStop(rule)
}

// stopsExercise is a rule that stops an exercise for the rest of the day.
func stopsExercise(rule string) bool {
	switch rule {
	case routine.RuleRed, routine.RuleStopTwoReds, routine.RuleStopHighPain:
		return true
	}
	return false
}

func exerciseRows(tr routine.Trends, history []store.SessionHistory) []ExerciseRow {
	stopped := map[string][]string{} // exercise id -> days stopped
	for _, h := range history {
		date := h.Session.StartedAt.Format(time.DateOnly)
		for _, d := range h.Decisions {
			if d.ExerciseID == "" || !stopsExercise(d.Rule) {
				continue
			}
			days := stopped[d.ExerciseID]
			if len(days) == 0 || days[len(days)-1] != date {
				stopped[d.ExerciseID] = append(days, date)
			}
		}
	}
	var out []ExerciseRow
	for _, e := range tr.Exercises {
		days := stopped[e.ExerciseID]
		e.Exercise, e.ExerciseID = safetext.Spaced(e.Exercise), safetext.Spaced(e.ExerciseID)
		row := ExerciseRow{ExerciseStat: e, Rise: "–",
			Bad: fmt.Sprintf("%d of %d (%d%%)", e.AmberOrWorse, e.Sets, percent(e.AmberOrWorse, e.Sets))}
		if e.HasRise {
			row.Rise = numtext.Signed(e.AvgRise)
		}
		for _, d := range days {
			row.Stopped = append(row.Stopped, day(d).Format(shortDate))
		}
		row.StopDays = len(row.Stopped)
		out = append(out, row)
	}
	return out
}

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (200*n + of) / (2 * of) // rounded half up
}

// calendar lays the window out in weeks, Monday first: each day's
// sessions as the trends' adherence grid counts them (every session of a
// day with a scored set), and whether a stop at the check-in closed it.
func calendar(tr routine.Trends, history []store.SessionHistory) []CalendarWeek {
	if len(tr.Series) == 0 {
		return nil
	}
	stops := map[string]bool{}
	for _, h := range history {
		for _, d := range h.Decisions {
			if routine.IsCheckInStop(d.Rule) {
				stops[h.Session.StartedAt.Format(time.DateOnly)] = true
			}
		}
	}
	points := map[string]routine.DayPoint{}
	for _, p := range tr.Series {
		points[p.Date] = p
	}
	first, last := day(tr.From), day(tr.Today)
	monday := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
	var out []CalendarWeek
	for start := monday; !start.After(last); start = start.AddDate(0, 0, 7) {
		w := CalendarWeek{Label: start.Format(shortDate)}
		for i := range w.Days {
			t := start.AddDate(0, 0, i)
			date := t.Format(time.DateOnly)
			d := CalendarDay{Date: date, Day: t.Day(), Today: date == tr.Today, Out: date < tr.From || date > tr.Today}
			if p, ok := points[date]; ok && !d.Out {
				if p.MaxPain >= 0 {
					d.Sessions = p.Sessions
				}
				d.Stop = stops[date]
			}
			w.Days[i] = d
		}
		out = append(out, w)
	}
	return out
}

// RuleName is how the report names a stored rule: a short name for the
// list, a longer one for "how to read this", a mark that carries the
// meaning without colour, and a class.
type RuleName struct{ Rule, Short, Label, Mark, CSS string }

// RuleNames are the rules the report names, in the order it explains them.
var RuleNames = []RuleName{
	{routine.RuleAmber, "amber", "one step down for the rest of the day", "▲", "amber"},
	{routine.RuleRed, "red", "that exercise stopped for the day, one step down for the rest", "▲", "red"},
	{routine.RuleStopTwoReds, "stop: 2nd red", "a second red in one session ended it", "■", "stop"},
	{routine.RuleStopHighPain, "stop: high pain", "pain after a set at the stop level ended the session", "■", "stop"},
	{routine.RuleNextMorning, "next morning", "the day started one step down after a harder day", "▲", "amber"},
	{routine.RuleWeekHold, "week: hold", "the week's check-ins rose: no step up for 7 days", "▲", "amber"},
	{routine.RuleWeekDown, "week: down", "the week's check-ins rose more: the day started one step down", "▲", "amber"},
	{routine.RuleStepUp, "step up", "green days in a row at a lighter dose: one step up", "↑", "up"},
	{routine.RuleBuildUp, "build-up", "an activity's time moved: +2 min after a green day with it, -2 after a red one", "↕", "up"},
	{routine.RuleWarningSign, "warning sign", "a warning sign reported at the check-in: no exercise that day", "■", "stop"},
	{routine.RuleBaselineStop, "check-in stop", "check-in pain at the stop level: no exercise that day", "■", "stop"},
}

func ruleName(rule string) RuleName {
	for _, n := range RuleNames {
		if n.Rule == rule {
			return n
		}
	}
	return RuleName{Rule: rule, Short: safetext.Spaced(rule), Label: safetext.Spaced(rule), Mark: "•", CSS: "other"}
}

func decisionRows(history []store.SessionHistory) []DecisionRow {
	var out []DecisionRow
	for _, h := range history {
		date := h.Session.StartedAt.Format(time.DateOnly)
		decisions := append([]store.Decision(nil), h.Decisions...)
		sort.SliceStable(decisions, func(i, j int) bool { return decisions[i].Seq < decisions[j].Seq })
		for _, d := range decisions {
			if d.Rule == routine.RuleNone || d.Rule == routine.RuleBuildUpHold {
				continue // a day's start that no rule moved, a build-up held: kept in the record, no change of dose
			}
			at := d.At
			if at.IsZero() {
				at = h.Session.StartedAt
			}
			n := ruleName(d.Rule)
			row := DecisionRow{When: at.Format("2 Jan 15:04"), Date: date, Rule: safetext.Spaced(d.Rule), Short: n.Short, Label: n.Label, Mark: n.Mark, CSS: n.CSS,
				Exercise: safetext.Spaced(d.Exercise), Levels: fmt.Sprint(d.LevelAfter), Reason: safetext.Spaced(d.Reason)}
			if row.Exercise == "" && d.ExerciseID != "" {
				row.Exercise = safetext.Spaced(d.ExerciseID)
			}
			if row.Exercise != "" && d.Side != routine.NoSide {
				row.Exercise += ", " + d.Side.String()
			}
			if d.LevelBefore != d.LevelAfter {
				row.Levels = fmt.Sprintf("%d → %d", d.LevelBefore, d.LevelAfter)
			}
			if sign := d.Domain().SignText(); sign != "" {
				row.Reason = "The sign: " + safetext.Spaced(sign) + ". " + row.Reason
			}
			out = append(out, row)
		}
	}
	return out
}

// rulesInForce lists the pain rules the window's sets were judged by,
// with where they come from.
func rulesInForce(r routine.PainRules, in Input) ([]RuleRow, string) {
	rows := []RuleRow{
		{"After each set (pain P, check-in B, rise P − B)", "green",
			fmt.Sprintf("P ≤ %d, or P < %d with a rise under %d: carry on as planned", r.GreenMax, r.AmberPain, r.AmberRise)},
		{"", "amber", fmt.Sprintf("rise ≥ %d, or P ≥ %d: one dose step down for the rest of the day", r.AmberRise, r.AmberPain)},
		{"", "red", fmt.Sprintf("P ≥ %d, or rise ≥ %d: that exercise stops for the day, one step down for the rest", r.RedPain, r.RedRise)},
		{"", "stop", fmt.Sprintf("P ≥ %d after a set, or red %s in one session: the session ends", r.StopPain, plural(r.RedsToStop, "time", "times"))},
		{"At the check-in", "stop", fmt.Sprintf("B ≥ %d, or a warning sign reported: no exercise that day", r.StopPain)},
		{"The first session of a day", "next morning",
			fmt.Sprintf("B ≥ the last session day's B + %d, or that day ended amber, red or stopped and B is not back to its check-in: one step down", r.MorningRise)},
		{"", "week", fmt.Sprintf("mean B of the last 7 days ≥ the 7 before + %s (each with %d check-ins or more): no step up for 7 days; + %s: one step down",
			num(r.WeekHoldRise), r.WeekMinDays, num(r.WeekDropRise))},
		{"", "step up", fmt.Sprintf("%d session days in a row, all green, at a lighter dose: one step up, never above the prescription", r.StepUpDays)},
	}
	source := "These are the defaults of the pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007, Am J Sports Med 35:897): " +
		"pain during and after exercise may reach 5/10, must settle by the next morning, and must not climb from week to week; " +
		"the clinic's traffic lights put 0-3 green, 4-5 amber, 6 and above red."
	if r != routine.DefaultPainRules() {
		source = "These thresholds differ from spinecoach's defaults: they come from the prescription"
		if p := safetext.Spaced(in.Prescription); p != "" {
			source += " " + p
		}
		source += ". The defaults follow the pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007, Am J Sports Med 35:897)."
	} else if in.Prescription != "" {
		source += " The prescription in force keeps these defaults."
	}
	return rows, source
}

func num(x float64) string {
	if x == float64(int(x)) {
		return fmt.Sprint(int(x))
	}
	return fmt.Sprintf("%.1f", x)
}

// ladderLines says what each dose level is.
func ladderLines(l routine.Ladder) []string {
	if len(l.Steps) == 0 {
		l = routine.DefaultLadder()
	}
	out := []string{"Level 0 is the prescribed dose."}
	for i, s := range l.Steps {
		line := fmt.Sprintf("Level %d: %s off, %d%% of the prescribed hold, duration or count", i+1,
			plural(s.RepsOff, "rep", "reps"), s.Percent)
		if s.DropOptional {
			line += "; optional exercises left out"
		}
		out = append(out, line+".")
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
