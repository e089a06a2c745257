package routine

import (
	"fmt"
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
	Amber                 // one step down for the rest of today
	Red                   // stop this exercise for today, one step down
	Stop                  // end the session; no more exercise today
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
	if v >= 2*time.Minute || d%time.Minute == 0 {
		// Whole minutes stay whole minutes (a built-up walk): never below 1.
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

// Rule ids of a Decision: stable, stored with it and in exports. They
// are untyped constants so that the store and exports, which keep them as
// plain strings, compare and copy them as they are; Rule(id) gives the
// rule with its zone and mark.
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

// Rule is the rule that made a Decision, by its stable id (a Rule*
// constant). Its zone is the traffic light it stands for, which the
// screens show as a colour and, so that the meaning never rests on colour
// alone, as a mark.
type Rule string

// Zone is the rule's traffic light: Green for a green set or a step up,
// Amber for a cut back of the dose, Red for an exercise stopped, Stop for
// a session ended or a day closed. "none" and unknown ids have no zone.
func (r Rule) Zone() Zone {
	switch r {
	case RuleGreen, RuleStepUp:
		return Green
	case RuleAmber, RuleNextMorning, RuleWeekHold, RuleWeekDown:
		return Amber
	case RuleRed:
		return Red
	case RuleStopTwoReds, RuleStopHighPain, RuleWarningSign, RuleBaselineStop:
		return Stop
	}
	return 0
}

// Mark is the rule as a symbol: ✓ green, ↑ a step up, ▲ a cut back, ■ a
// stop (and an unknown rule), • a timed activity's time for the day.
func (r Rule) Mark() string {
	switch {
	case r == RuleStepUp:
		return "↑"
	case IsBuildUp(string(r)):
		return "•"
	case r.Zone() == Green:
		return "✓"
	case r.Zone() == Amber:
		return "▲"
	}
	return "■"
}

// Of is the rule that made the decision.
func (d Decision) Of() Rule { return Rule(d.Rule) }

// Decision is what a rule decided, with the sentence shown and stored.
type Decision struct {
	Rule         string // one of the Rule* ids
	At           time.Time
	ExerciseID   string // empty for a start-of-day decision
	Exercise     string // the exercise's name, for sentences that refer back to it
	Side         Side
	Pain         int // the score that caused it; -1 when not known (a decision read back from the store)
	Baseline     int // that session's check-in; -1 when not known
	LevelBefore  int
	LevelAfter   int
	StopExercise bool   // red: stop this exercise for today
	EndSession   bool   // stop rule: end the session now, no more exercise today
	HoldStepUp   bool   // week rule: no step up for WeekDays days from this morning
	Minutes      int    // build-up: the activity's time today (buildup.go); 0 otherwise
	Reason       string // one plain sentence with the numbers
	// Sign and Tier: for a warning sign, which sign the patient chose and
	// its tier (a WarningTier ID, TierNotSure or TierNotGiven).
	Sign string
	Tier string
}

// Changed reports whether the plan differs from carrying on. An amber at
// the floor is not a change (the level cannot go lower), though its Reason
// still tells the patient.
func (d Decision) Changed() bool {
	return d.LevelAfter != d.LevelBefore || d.StopExercise || d.EndSession || d.HoldStepUp
}

// Next is the exercise a session does next at a dose level, once a
// decision has been applied: what a red's sentence names.
type Next func(level int) (Exercise, bool)

// AfterSet applies the rules to the pain score of one set. reds are the
// earlier reds of this session, for the two-reds stop; next tells what
// comes after this set once the decision is applied. Every non-green
// decision lowers the dose one step for the rest of today (never below
// the floor); a red also stops this exercise for today, and a stop ends
// the session and the day.
func AfterSet(r PainRules, l Ladder, e Exercise, side Side, baseline, pain, level int, reds []Decision, next Next, at time.Time) Decision {
	level = clampLevel(level)
	if e.Name == "" {
		e.Name = e.ID
	}
	d := Decision{At: at, ExerciseID: e.ID, Exercise: e.Name, Side: side, Pain: pain, Baseline: baseline,
		LevelBefore: level, LevelAfter: level}
	lead := fmt.Sprintf("%s after %s", capitalize(painChange(baseline, pain)), the(SetLabel(e.Name, side)))
	zone := r.Classify(baseline, pain)
	if zone == Red && len(reds)+1 >= r.RedsToStop {
		zone = Stop
	}
	if zone != Green {
		d.LevelAfter = clampLevel(level + 1)
	}
	const stopNow = "end the session now and rest, with no more exercise today; if the pain stays up, call your care team."
	switch zone {
	case Stop:
		d.Rule, d.StopExercise, d.EndSession = RuleStopHighPain, true, true
		if pain < r.StopPain {
			d.Rule = RuleStopTwoReds
			lead += fmt.Sprintf(", the %s too-high score of this session", ordinal(len(reds)+1))
			if len(reds) > 0 {
				lead += " (" + redsText(reds) + ")"
			}
		} else {
			lead += fmt.Sprintf(", at or above %d", r.StopPain)
		}
		d.Reason = lead + ": " + stopNow
	case Red:
		d.Rule, d.StopExercise = RuleRed, true
		d.Reason = fmt.Sprintf("%s: stop %s for today; %s.", lead, the(lowerFirst(e.Name)), redPlan(l, next, level, d.LevelAfter))
	case Amber:
		d.Rule = RuleAmber
		d.Reason = lead + ": " + amberPlan(l, e, level, d.LevelAfter) + "."
	default:
		d.Rule = RuleGreen
		d.Reason = lead + ": carry on as planned."
	}
	return d
}

// redsText names the earlier reds of a session with their scores.
func redsText(reds []Decision) string {
	var parts []string
	for _, d := range reds {
		s := "first: " + lowerFirst(SetLabel(d.Exercise, d.Side))
		if d.Pain >= 0 && d.Baseline >= 0 {
			s += fmt.Sprintf(", %d to %d", d.Baseline, d.Pain)
		}
		parts = append(parts, s)
	}
	if len(parts) > 1 {
		for i := range parts {
			parts[i] = strings.Replace(parts[i], "first", ordinal(i+1), 1)
		}
	}
	return strings.Join(parts, "; ")
}

// amberPlan says what the rest of today looks like after an amber.
func amberPlan(l Ladder, e Exercise, before, after int) string {
	dose := l.Apply(e.Dose, after).String()
	switch {
	case after == before:
		return "the rest of today stays at the lightest dose, " + dose
	case l.Drops(e, after):
		return "the rest of today is one step lighter, and this optional exercise is left out"
	}
	return "the rest of today uses " + dose
}

// redPlan says what the rest of today looks like after a red.
func redPlan(l Ladder, next Next, before, after int) string {
	rest := "the rest of today is one step lighter"
	if after == before {
		rest = "the rest of today stays at the lightest dose"
	}
	if next == nil {
		return rest
	}
	n, ok := next(after)
	if !ok {
		return rest + ", though nothing is left in this session"
	}
	return fmt.Sprintf("%s (next, %s: %s)", rest, lowerFirst(n.Name), l.Apply(n.Dose, after))
}

// SetLabel is a set as the patient knows it: "Bridge", or "Straight-leg
// nerve glide, left side".
func SetLabel(name string, side Side) string {
	if side != NoSide {
		return name + ", " + side.String() + " side"
	}
	return name
}

// the puts "the" before an exercise named in a sentence.
func the(name string) string { return "the " + lowerFirst(name) }

// lowerFirst lowers the first letter of a name unless the word is an
// abbreviation or a name of its own ("QL hang", "McGill").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || !unicode.IsUpper(r[0]) || !unicode.IsLower(r[1]) {
		return s
	}
	for _, c := range r[1:] {
		if c == ' ' || c == '-' {
			break
		}
		if unicode.IsUpper(c) {
			return s
		}
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
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

// dayNumber counts calendar days, free of time zones and DST.
func dayNumber(y int, m time.Month, d int) int {
	if time.January <= m && m <= time.December && 1 <= d && d <= daysIn(m, y) {
		return civilDay(y, m, d) // a valid date (every t.Date()): no time.Date
	}
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// epsilon absorbs float error in means of whole numbers (7/3 - 4/3).
const epsilon = 1e-9

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
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
