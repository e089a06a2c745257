package routine

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The pain rules of CLINICAL.md ("Pain: the scale and the rules") as pure
// functions: no clock, no I/O. Each returns a Decision carrying the one
// plain sentence the patient sees and the store keeps.

// Zone is the traffic light of one pain score. The zero value is no zone,
// so a missing record never reads as green.
type Zone int

const (
	Green Zone = iota + 1 // carry on as planned
	Amber                 // one step down for the rest of the session
	Red                   // stop this exercise, one step down
	Stop                  // end the session
)

var zoneNames = [...]string{Green: "green", Amber: "amber", Red: "red", Stop: "stop"}

func (z Zone) String() string {
	if z >= Green && z <= Stop {
		return zoneNames[z]
	}
	return fmt.Sprintf("Zone(%d)", int(z))
}

// ParseZone is the inverse of Zone.String, for the store.
func ParseZone(s string) (Zone, error) {
	for z := Green; z <= Stop; z++ {
		if zoneNames[z] == s {
			return z, nil
		}
	}
	return 0, fmt.Errorf("unknown pain zone %q", s)
}

// PainRules holds every threshold of the rules table, so that a
// prescription can override any of them. P is the pain after a set, B the
// baseline before the session, rise = P - B.
//
// The table's "P <= 5 with rise < 2" has no field of its own: with P = 5
// amber, that clause is simply what is left once no other row matches
// (see Classify), so a separate threshold could only open a gap.
type PainRules struct {
	GreenMax     int     `toml:"green_max"`      // 3: P <= 3 is green whatever the rise
	AmberPain    int     `toml:"amber_pain"`     // 5: P >= 5 is at least amber
	AmberRise    int     `toml:"amber_rise"`     // 2: rise >= 2 is at least amber
	RedPain      int     `toml:"red_pain"`       // 6: P >= 6 is at least red
	RedRise      int     `toml:"red_rise"`       // 3: rise >= 3 is at least red
	StopPain     int     `toml:"stop_pain"`      // 8: P >= 8 ends the session
	RedsToStop   int     `toml:"reds_to_stop"`   // 2: the second red of a session ends it
	MorningRise  int     `toml:"morning_rise"`   // 2: B up 2 on the last session day: one step down
	WeekHoldRise float64 `toml:"week_hold_rise"` // 1: weekly mean B up 1: no step up
	WeekDropRise float64 `toml:"week_drop_rise"` // 2: weekly mean B up 2: one step down
	WeekMinDays  int     `toml:"week_min_days"`  // 3: baselines each week needs before the week rule applies
	StepUpDays   int     `toml:"step_up_days"`   // 3: green session days in a row to step up
}

// DefaultPainRules gives the values of CLINICAL.md. WeekMinDays is ours:
// the table does not say how many baselines make a weekly mean, and a mean
// of one or two days is noise.
func DefaultPainRules() PainRules {
	return PainRules{
		GreenMax: 3, AmberPain: 5, AmberRise: 2, RedPain: 6, RedRise: 3, StopPain: 8,
		RedsToStop: 2, MorningRise: 2, WeekHoldRise: 1, WeekDropRise: 2, WeekMinDays: 3, StepUpDays: 3,
	}
}

// Validate checks that every threshold is in range and that the zones are
// ordered green < amber <= red <= stop. It names the first bad field.
func (r PainRules) Validate() error {
	checks := []struct {
		ok    bool
		field string
		msg   string
	}{
		{r.GreenMax >= 0 && r.GreenMax <= 9, "green_max", fmt.Sprintf("must be from 0 to 9, got %d", r.GreenMax)},
		{r.AmberPain > r.GreenMax && r.AmberPain <= r.RedPain, "amber_pain", fmt.Sprintf("must be above green_max (%d) and at most red_pain (%d), got %d", r.GreenMax, r.RedPain, r.AmberPain)},
		{r.RedPain <= r.StopPain, "red_pain", fmt.Sprintf("must be at most stop_pain (%d), got %d", r.StopPain, r.RedPain)},
		{r.StopPain >= 1 && r.StopPain <= 10, "stop_pain", fmt.Sprintf("must be from 1 to 10, got %d", r.StopPain)},
		{r.AmberRise >= 1 && r.AmberRise <= r.RedRise, "amber_rise", fmt.Sprintf("must be from 1 to red_rise (%d), got %d", r.RedRise, r.AmberRise)},
		{r.RedRise <= 10, "red_rise", fmt.Sprintf("must be at most 10, got %d", r.RedRise)},
		{r.RedsToStop >= 1 && r.RedsToStop <= 10, "reds_to_stop", fmt.Sprintf("must be from 1 to 10, got %d", r.RedsToStop)},
		{r.MorningRise >= 1 && r.MorningRise <= 10, "morning_rise", fmt.Sprintf("must be from 1 to 10, got %d", r.MorningRise)},
		{r.WeekHoldRise > 0 && r.WeekHoldRise <= r.WeekDropRise, "week_hold_rise", fmt.Sprintf("must be above 0 and at most week_drop_rise (%g), got %g", r.WeekDropRise, r.WeekHoldRise)},
		{r.WeekDropRise <= 10, "week_drop_rise", fmt.Sprintf("must be at most 10, got %g", r.WeekDropRise)},
		{r.WeekMinDays >= 1 && r.WeekMinDays <= 7, "week_min_days", fmt.Sprintf("must be from 1 to 7, got %d", r.WeekMinDays)},
		{r.StepUpDays >= 1 && r.StepUpDays <= 28, "step_up_days", fmt.Sprintf("must be from 1 to 28, got %d", r.StepUpDays)},
	}
	for _, c := range checks {
		if !c.ok {
			return &FieldError{Table: "pain rules", Field: c.field, Msg: c.msg}
		}
	}
	return nil
}

// FieldError names the setting of a prescription that is out of range, so
// the loader can point at its line.
type FieldError struct {
	Table string // "pain rules" or "dose ladder level N"
	Level int    // ladder level, 1-based; 0 for pain rules
	Field string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Table + ": " + e.Msg
	}
	return e.Table + ": " + e.Field + " " + e.Msg
}

// Classify gives the zone of pain P after a set against baseline B. The
// table's rows overlap; they are resolved so:
//
//   - P <= GreenMax is green whatever the rise. The clinic traffic light
//     puts 0-3 green, and the pain-monitoring model accepts up to 5; read
//     the other way, a patient starting from 0 would be stepped down for a
//     2/10 and stopped for a 3/10, and the "P <= 3" clause would do nothing.
//     A prescription wanting every rise to count sets green_max to 0.
//   - Above GreenMax the worst matching row wins: stop beats red beats amber
//     beats green. So P = 5 with rise 1 is amber (P = 5), P = 4 with rise 1
//     green, P = 4 with rise 3 red, P = 6 red even when it fell from 9.
//   - Green is what is left: P below AmberPain with rise below AmberRise.
//
// The stop row's "two reds in one session" needs the session, so AfterSet
// applies it; Classify returns Stop only for P >= StopPain.
func (r PainRules) Classify(baseline, pain int) Zone {
	rise := pain - baseline
	switch {
	case pain <= r.GreenMax:
		return Green
	case pain >= r.StopPain:
		return Stop
	case pain >= r.RedPain || rise >= r.RedRise:
		return Red
	case pain >= r.AmberPain || rise >= r.AmberRise:
		return Amber
	}
	return Green
}

// MaxLevel is the floor of the dose ladder; level 0 is the prescription.
const MaxLevel = 3

// LadderStep is one level below the prescription.
type LadderStep struct {
	RepsOff      int  `toml:"reps_off"`      // reps taken off a hold dose (never below 1)
	Percent      int  `toml:"percent"`       // percent of the prescribed hold, duration or count kept
	DropOptional bool `toml:"drop_optional"` // optional exercises are left out at this level
}

// Ladder is the dose ladder: Steps[i] is level i+1. A prescription gives
// all MaxLevel steps or none; none means DefaultLadder.
type Ladder struct {
	Steps []LadderStep
}

// DefaultLadder is CLINICAL.md's rule: each step takes one rep and a fifth
// of the prescribed hold off, and optional exercises drop from level 2.
//
// CLINICAL.md only states reps and holds. We extend the same fifth per
// step to Timed doses (rounded to whole minutes from 2 min, else to 5 s;
// never below 1 min, or below the prescription if that is shorter) and to
// Counted doses (rounded, never below 1), so every exercise gets lighter.
func DefaultLadder() Ladder {
	return Ladder{Steps: []LadderStep{
		{RepsOff: 1, Percent: 80},
		{RepsOff: 2, Percent: 60, DropOptional: true},
		{RepsOff: 3, Percent: 40, DropOptional: true},
	}}
}

// Validate checks a prescription's ladder: all levels given, in range, and
// each level no heavier than the one above it.
func (l Ladder) Validate() error {
	if len(l.Steps) == 0 {
		return nil
	}
	if len(l.Steps) != MaxLevel {
		return &FieldError{Table: "dose ladder", Msg: fmt.Sprintf("give all %d levels, got %d", MaxLevel, len(l.Steps))}
	}
	for i, s := range l.Steps {
		n := i + 1
		bad := func(field, format string, args ...any) error {
			return &FieldError{Table: fmt.Sprintf("dose ladder level %d", n), Level: n, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case s.RepsOff < 0 || s.RepsOff > MaxReps:
			return bad("reps_off", "must be from 0 to %d, got %d", MaxReps, s.RepsOff)
		case s.Percent < 1 || s.Percent > 100:
			return bad("percent", "must be from 1 to 100, got %d", s.Percent)
		case i == 0:
			continue
		}
		p := l.Steps[i-1]
		switch {
		case s.RepsOff < p.RepsOff:
			return bad("reps_off", "(%d) must be at least level %d's (%d)", s.RepsOff, n-1, p.RepsOff)
		case s.Percent > p.Percent:
			return bad("percent", "(%d) must be at most level %d's (%d)", s.Percent, n-1, p.Percent)
		case p.DropOptional && !s.DropOptional:
			return bad("drop_optional", "must stay true once level %d has it", n-1)
		}
	}
	return nil
}

// step is the step for level 1..MaxLevel.
func (l Ladder) step(level int) LadderStep {
	steps := l.Steps
	if len(steps) == 0 {
		steps = DefaultLadder().Steps
	}
	return steps[level-1]
}

func clampLevel(level int) int {
	return max(0, min(level, MaxLevel))
}

// Apply gives the dose at a level, always computed from the prescription d
// so that rounding never compounds. Levels outside 0..MaxLevel are clamped.
func (l Ladder) Apply(d Dose, level int) Dose {
	level = clampLevel(level)
	if level == 0 {
		return d
	}
	s := l.step(level)
	switch d.Kind() {
	case Holds:
		d.Reps = fewerReps(d.Reps, s.RepsOff)
		d.Hold = shorterHold(d.Hold, s.Percent)
	case Timed:
		d.Duration = shorterDuration(d.Duration, s.Percent)
	case Counted:
		d.Count = fewerCount(d.Count, s.Percent)
	}
	return d
}

// Drops reports whether an optional exercise is left out at this level.
func (l Ladder) Drops(e Exercise, level int) bool {
	level = clampLevel(level)
	return e.Optional && level > 0 && l.step(level).DropOptional
}

const (
	minHold     = 10 * time.Second
	holdGrain   = 5 * time.Second
	minDuration = time.Minute
)

func fewerReps(reps, off int) int {
	if reps <= 1 {
		return reps
	}
	return max(1, reps-off)
}

// shorterHold keeps pct% of the hold on a 5 s grain, never below 10 s; a
// hold already under 10 s is kept as it is rather than lengthened.
func shorterHold(h time.Duration, pct int) time.Duration {
	if h < minHold {
		return h
	}
	return min(h, max(minHold, percentOf(h, pct).Round(holdGrain)))
}

// shorterDuration keeps pct% of a timed activity, in whole minutes from
// 2 min, never below 1 min nor above the prescription.
func shorterDuration(d time.Duration, pct int) time.Duration {
	v := percentOf(d, pct)
	if v >= 2*time.Minute {
		v = v.Round(time.Minute)
	} else {
		v = v.Round(holdGrain)
	}
	return min(d, max(min(d, minDuration), v))
}

// fewerCount keeps pct% of a count, rounded half up, never below 1.
func fewerCount(n, pct int) int {
	return min(n, max(1, (n*pct+50)/100))
}

// percentOf is exact integer arithmetic, so 30 s at 60% is 18 s, not
// 17.999 s rounding the wrong way.
func percentOf(d time.Duration, pct int) time.Duration {
	return d * time.Duration(pct) / 100
}

// Rule ids of a Decision: stable, stored with it.
const (
	RuleGreen        = "green"
	RuleAmber        = "amber"
	RuleRed          = "red"
	RuleStopTwoReds  = "stop-two-reds"
	RuleStopHighPain = "stop-high-pain"
	RuleNextMorning  = "next-morning"
	RuleWeekHold     = "week-hold"
	RuleWeekDown     = "week-down"
	RuleStepUp       = "step-up"
	RuleNone         = "none"
	// Stops before the first exercise, decided at the check-in.
	RuleWarningSign  = "warning-sign"
	RuleBaselineStop = "baseline-stop"
)

// Decision is what a rule decided, with the sentence shown and stored.
type Decision struct {
	Rule         string // one of the Rule* ids
	At           time.Time
	ExerciseID   string // empty for a start-of-day decision
	Side         Side
	LevelBefore  int
	LevelAfter   int
	StopExercise bool   // red: stop this exercise for today
	EndSession   bool   // stop rule: end the session now
	HoldStepUp   bool   // week rule: no step up this week
	Reason       string // one plain sentence with the numbers
}

// Changed reports whether the plan differs from carrying on. An amber at
// the floor is not a change (the level cannot go lower), though its Reason
// still tells the patient.
func (d Decision) Changed() bool {
	return d.LevelAfter != d.LevelBefore || d.StopExercise || d.EndSession || d.HoldStepUp
}

// AfterSet applies the within-session rules to the pain score of one set.
// redsSoFar counts the reds earlier in this session. Every non-green
// decision steps the level down for the rest of the session; a stop does
// too, so the level stored for tomorrow is never higher after a stop than
// after a red.
func AfterSet(r PainRules, l Ladder, e Exercise, side Side, baseline, pain, level, redsSoFar int, at time.Time) Decision {
	level = clampLevel(level)
	d := Decision{At: at, ExerciseID: e.ID, Side: side, LevelBefore: level, LevelAfter: level}
	lead := setName(e, side) + ": " + painChange(baseline, pain)
	zone := r.Classify(baseline, pain)
	if zone == Red && redsSoFar+1 >= r.RedsToStop {
		zone = Stop
	}
	if zone != Green {
		d.LevelAfter = clampLevel(level + 1)
	}
	floor := d.LevelAfter == level && zone != Green
	switch zone {
	case Stop:
		d.Rule, d.StopExercise, d.EndSession = RuleStopHighPain, true, true
		if pain < r.StopPain {
			d.Rule = RuleStopTwoReds
			lead += fmt.Sprintf(", the %s time today it has gone this high", ordinal(r.RedsToStop))
		}
		d.Reason = lead + ", so end the session now and rest; if the pain stays up, call your care team."
	case Red:
		d.Rule, d.StopExercise = RuleRed, true
		rest := "do the rest of the session one step lighter"
		if floor {
			rest = "keep the rest of the session at the lightest dose"
		}
		d.Reason = lead + ", so stop this exercise for today and " + rest + "."
	case Amber:
		d.Rule = RuleAmber
		d.Reason = lead + ", so " + amberPlan(l, e, level, d.LevelAfter) + "."
	default:
		d.Rule = RuleGreen
		d.Reason = lead + ", so carry on as planned."
	}
	return d
}

// amberPlan says what the rest of today looks like after an amber.
func amberPlan(l Ladder, e Exercise, before, after int) string {
	dose := e.DoseText(l.Apply(e.Dose, after))
	switch {
	case after == before:
		return "stay at the lightest dose for the rest of today: " + dose
	case l.Drops(e, after):
		return "the rest of today is one step lighter and this optional exercise is left out"
	}
	return "the dose for the rest of today is " + dose
}

// setName is the exercise as the patient knows it, with the side.
func setName(e Exercise, side Side) string {
	name := e.Name
	if name == "" {
		name = e.ID
	}
	if side != NoSide {
		name += ", " + side.String() + " side"
	}
	return capitalize(name)
}

func painChange(baseline, pain int) string {
	switch {
	case pain > baseline:
		return fmt.Sprintf("pain went from %d to %d", baseline, pain)
	case pain < baseline:
		return fmt.Sprintf("pain went down from %d to %d", baseline, pain)
	}
	return fmt.Sprintf("pain stayed at %d", pain)
}

// DayRecord sums up one calendar day with a recorded baseline, for the
// rules that look across days.
type DayRecord struct {
	Date     string  // YYYY-MM-DD in the patient's local time
	Baseline float64 // the day's first baseline pain
	Sets     int     // sets scored that day; 0: no exercise (rest, warning signs)
	Worst    Zone    // worst zone of any set that day
	MaxPain  int     // highest pain score of any set that day
	EndLevel int     // dose level the day's last session ended at
}

// sessionDay reports a day on which the patient exercised.
func (d DayRecord) sessionDay() bool { return d.Sets > 0 }

// StartLevel decides the dose level of today's first session from the days
// before it and today's baseline. prevLevel is the level the last session
// day ended at. today is the calendar date of at, in at's location; days
// dated today or later, or with a malformed date, are ignored.
//
// One step down when the next-morning rule or the week's +WeekDropRise
// fires (one step, not two, when both do: they read the same rise).
// Otherwise one step up after StepUpDays green session days in a row at
// the current reduced level, unless the week rule holds step-ups.
func StartLevel(r PainRules, days []DayRecord, at time.Time, todayBaseline, prevLevel int) Decision {
	prev := clampLevel(prevLevel)
	d := Decision{Rule: RuleNone, At: at, LevelBefore: prev, LevelAfter: prev}
	today := dayNumber(at.Year(), at.Month(), at.Day())
	hist := history(days, today)
	morning := r.morningRule(hist, today, todayBaseline, at)
	week := r.weekTrend(hist, today, todayBaseline)
	run := r.greenRun(hist, prev)
	stepUpDue := prev > 0 && run >= r.StepUpDays
	d.HoldStepUp = week.ok && week.rise >= r.WeekHoldRise-epsilon

	var causes []string
	if morning != "" {
		causes = append(causes, morning)
	}
	if d.HoldStepUp {
		causes = append(causes, week.String())
	}
	drop := morning != "" || week.ok && week.rise >= r.WeekDropRise-epsilon
	switch {
	case drop:
		d.Rule = RuleWeekDown
		if morning != "" {
			d.Rule = RuleNextMorning
		}
		d.LevelAfter = clampLevel(prev + 1)
		plan := "today starts one step lighter"
		if d.LevelAfter == prev {
			plan = "today stays at the lightest dose"
		}
		if d.HoldStepUp {
			plan += ", with no step up this week"
		}
		d.Reason = sentence(strings.Join(causes, ", and "), plan)
	case d.HoldStepUp:
		d.Rule = RuleWeekHold
		plan := "no step up this week"
		if stepUpDue {
			plan += fmt.Sprintf(", although the last %d session days were all green", r.StepUpDays)
		}
		d.Reason = sentence(week.String(), plan)
	case stepUpDue:
		d.Rule = RuleStepUp
		d.LevelAfter = prev - 1
		plan := "today starts one step up"
		if d.LevelAfter == 0 {
			plan = "today goes back to the full prescribed dose"
		}
		d.Reason = sentence(fmt.Sprintf("the last %d session days were all green at a lighter dose", r.StepUpDays), plan)
	default:
		d.Reason = sentence(fmt.Sprintf("pain is %d/10 %s", todayBaseline, partOfDay(at)), r.steadyPlan(prev, run))
	}
	return d
}

// epsilon absorbs float error in means of whole numbers (7/3 - 4/3).
const epsilon = 1e-9

func (r PainRules) steadyPlan(level, run int) string {
	if level == 0 {
		return "today starts at the full prescribed dose"
	}
	return fmt.Sprintf("today keeps the same lighter dose (%d of the %d green session days needed to step up)", run, r.StepUpDays)
}

// dated is a DayRecord with its date as a day number.
type dated struct {
	DayRecord
	day int
}

// history keeps the valid records before today, oldest first.
func history(days []DayRecord, today int) []dated {
	var out []dated
	for _, d := range days {
		t, err := time.Parse(time.DateOnly, d.Date)
		if err != nil {
			continue
		}
		if n := dayNumber(t.Date()); n < today {
			out = append(out, dated{d, n})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].day < out[j].day })
	return out
}

// dayNumber counts calendar days, free of time zones and DST.
func dayNumber(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// morningRule returns the cause when the next-morning rule fires, else "".
// It compares with the last session day however long ago it was: a rest
// day does not reset the pain it left.
func (r PainRules) morningRule(hist []dated, today, b int, at time.Time) string {
	last, ok := lastSessionDay(hist)
	if !ok {
		return ""
	}
	when := dayLabel(last.day, today, last.Date)
	now := partOfDay(at)
	switch {
	case float64(b) >= last.Baseline+float64(r.MorningRise)-epsilon:
		return fmt.Sprintf("pain is %d/10 %s, up from %s %s", b, now, num(last.Baseline), when)
	case last.Worst >= Amber && float64(b) > last.Baseline+epsilon:
		peak := fmt.Sprintf("pain reached %d %s", last.MaxPain, when)
		if last.MaxPain == 0 { // not recorded: name the zone instead
			peak = fmt.Sprintf("pain ran %s %s", last.Worst, when)
		}
		return fmt.Sprintf("%s and %s is %d, not back to %s", peak, now, b, num(last.Baseline))
	}
	return ""
}

func lastSessionDay(hist []dated) (dated, bool) {
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].sessionDay() {
			return hist[i], true
		}
	}
	return dated{}, false
}

// trend compares the mean baseline of the last 7 calendar days (today-6 to
// today, today's baseline included) with the 7 before (today-13 to
// today-7). Days with no record are left out of the means, not counted as
// zero; ok is false when either week has fewer than WeekMinDays baselines.
type trend struct {
	recent, earlier, rise float64
	ok                    bool
}

func (t trend) String() string {
	return fmt.Sprintf("pain before sessions averaged %.1f over the last 7 days, up from %.1f the 7 days before", t.recent, t.earlier)
}

func (r PainRules) weekTrend(hist []dated, today, b int) trend {
	recent, earlier := []float64{float64(b)}, []float64(nil)
	for _, d := range hist {
		switch age := today - d.day; {
		case age <= 6:
			recent = append(recent, d.Baseline)
		case age <= 13:
			earlier = append(earlier, d.Baseline)
		}
	}
	if len(recent) < r.WeekMinDays || len(earlier) < r.WeekMinDays {
		return trend{}
	}
	t := trend{recent: mean(recent), earlier: mean(earlier), ok: true}
	t.rise = t.recent - t.earlier
	return t
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// greenRun counts the most recent records, newest first, that are all-green
// session days ended at level. Counting only the current level restarts the
// run after each step, so each step up needs its own green days; any other
// record (an amber day, a day without sets) ends the run, while days with
// no record at all (rest days) do not.
func (r PainRules) greenRun(hist []dated, level int) int {
	n := 0
	for i := len(hist) - 1; i >= 0; i-- {
		d := hist[i]
		if !d.sessionDay() || d.Worst != Green || d.EndLevel != level {
			break
		}
		n++
	}
	return n
}

// dayLabel names a past day the way a patient says it.
func dayLabel(day, today int, date string) string {
	if today-day == 1 {
		return "yesterday"
	}
	t, _ := time.Parse(time.DateOnly, date)
	return "on " + t.Format("2 January")
}

func partOfDay(at time.Time) string {
	switch h := at.Hour(); {
	case h < 12:
		return "this morning"
	case h < 18:
		return "this afternoon"
	}
	return "this evening"
}

// num writes a baseline without a useless ".0".
func num(x float64) string {
	if x == float64(int(x)) {
		return fmt.Sprintf("%d", int(x))
	}
	return fmt.Sprintf("%.1f", x)
}

func ordinal(n int) string {
	words := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if n >= 1 && n < len(words) {
		return words[n]
	}
	return fmt.Sprintf("%dth", n)
}

// sentence joins a cause and its consequence into one sentence.
func sentence(cause, plan string) string {
	return capitalize(cause) + ": " + plan + "."
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
