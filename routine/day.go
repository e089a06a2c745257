package routine

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// What today allows, decided from the stored records alone (CLINICAL.md,
// "Pain: the scale and the rules", and the paragraph under its table).
//
// The unit of a cut is the patient's local calendar day. A day starts from
// the previous session day's starting level, moved only by the
// next-morning, week and step-up rules; an amber or red during the day
// lowers the dose for the rest of that day and is never carried into the
// next. A stop or a warning sign closes the day. Every entry point into
// exercise asks Today, and nothing else derives these facts.

// SetLog is one stored set as the day rules read it.
type SetLog struct {
	ExerciseID string
	Pain       int // 0-10; -1 when skipped
	Skipped    bool
}

// SessionLog is one stored session as the day rules read it.
type SessionLog struct {
	Start      time.Time // the check-in, in the patient's local time then
	Baseline   int       // the check-in pain; -1 when unknown
	StartLevel int       // the dose level the session started at
	Open       bool      // still in progress
	Done       bool      // completed (not stopped, not discarded)
	End        time.Time // when it ended; zero while open
	Break      bool      // a stretch break (next.go)
	Routine    string    // the routine's id, without a stretch break's suffix
	Sets       []SetLog
	Decisions  []Decision // in the order they were made
}

// DayCheckin is the mean check-in pain of one calendar day.
type DayCheckin struct {
	Date string // YYYY-MM-DD
	Mean float64
}

// History is what the day rules read. Sessions must hold every session of
// today and of the WeekDays days before it, and those of the last day with
// a session before that; Checkins the mean check-in of each day of the
// 2*WeekDays days before today that had one. Older records change nothing.
type History struct {
	Sessions []SessionLog
	Checkins []DayCheckin
}

// WeekDays is the length of the week rule's two windows, of its hold on
// step-ups and of its limit of one step down.
const WeekDays = 7

// Day is what today allows.
type Day struct {
	Date        string // today, YYYY-MM-DD
	Started     bool   // today's first check-in has set where today starts
	StartLevel  int    // where today started; before the check-in, the level it starts from
	StartRule   string // the rule that set it (a Rule* id); "" before the check-in
	StartReason string // why, in one sentence; "" before the check-in
	Level       int    // in force now: StartLevel lowered by today's cuts
	// LastReason is the newest decision of today, in one sentence: what
	// the home screen says about the dose in force now.
	LastReason string
	Stopped    []Decision // the exercises the rules stopped for the rest of today, one decision each
	Closed     *Decision  // the stop or warning sign that closed today; nil while open
	Sessions   int        // sessions begun today (check-ins)
}

// Allows reports whether a session may begin today.
func (d Day) Allows() bool { return d.Closed == nil }

// StoppedToday reports whether the rules stopped the exercise for today.
func (d Day) StoppedToday(exerciseID string) bool {
	for _, s := range d.Stopped {
		if s.ExerciseID == exerciseID {
			return true
		}
	}
	return false
}

// closesDay reports the rules that end the day: no more exercise today.
func closesDay(rule string) bool {
	switch rule {
	case RuleStopTwoReds, RuleStopHighPain, RuleBaselineStop, RuleWarningSign:
		return true
	}
	return false
}

// stopsExercise reports the rules that stop one exercise for the day.
func stopsExercise(rule string) bool {
	return rule == RuleRed || rule == RuleStopTwoReds || rule == RuleStopHighPain
}

// startRule reports the rules decided at a day's first check-in.
func startRule(rule string) bool {
	switch rule {
	case RuleNone, RuleNextMorning, RuleWeekHold, RuleWeekDown, RuleStepUp, RuleBuildUp, RuleBuildUpHold:
		return true
	}
	return false
}

// WithFlags fills in what a stored decision's rule implies, for a decision
// read back from the store.
func (d Decision) WithFlags() Decision {
	d.EndSession = closesDay(d.Rule)
	d.StopExercise = stopsExercise(d.Rule)
	if d.Rule == RuleWeekDown || d.Rule == RuleWeekHold {
		d.HoldStepUp = true
	}
	return d
}

// summary is one past day with sessions, as the rules across days read it.
type summary struct {
	date       string
	day        int  // dayNumber of date
	baseline   int  // the day's first check-in
	startLevel int  // the level its first session started at
	sets       int  // scored sets
	worst      Zone // worst zone of its sets; Stop when the day was closed
	weekDown   bool // the week rule stepped the dose down that morning
	holdStepUp bool // the week rule held step-ups from that morning
}

// summarize groups sessions by the local date of their check-in, oldest
// first.
func summarize(r PainRules, sessions []SessionLog) []summary {
	sessions = append([]SessionLog(nil), sessions...)
	sort.SliceStable(sessions, func(i, j int) bool { return sessions[i].Start.Before(sessions[j].Start) })
	var days []summary
	for _, s := range sessions {
		date := DateOf(s.Start)
		if len(days) == 0 || days[len(days)-1].date != date {
			days = append(days, summary{date: date, day: dayNumber(s.Start.Date()),
				baseline: s.Baseline, startLevel: clampLevel(s.StartLevel)})
		}
		d := &days[len(days)-1]
		if d.baseline < 0 {
			d.baseline = s.Baseline
		}
		for _, set := range s.Sets {
			if set.Skipped {
				continue
			}
			d.sets++
			if s.Baseline >= 0 {
				d.worst = max(d.worst, r.Classify(s.Baseline, set.Pain))
			}
		}
		for _, dec := range s.Decisions {
			switch {
			case closesDay(dec.Rule):
				d.worst = Stop
			case dec.Rule == RuleRed:
				d.worst = max(d.worst, Red)
			case dec.Rule == RuleAmber:
				d.worst = max(d.worst, Amber)
			}
			d.weekDown = d.weekDown || dec.Rule == RuleWeekDown
			d.holdStepUp = d.holdStepUp || dec.WithFlags().HoldStepUp
		}
	}
	return days
}

// Today decides what today allows at now.
func Today(r PainRules, h History, now time.Time) Day {
	today := DateOf(now)
	d := Day{Date: today}
	var todays []SessionLog
	past := make([]SessionLog, 0, len(h.Sessions)) // most are past: one array, not a doubling
	for _, s := range h.Sessions {
		var b [len(time.DateOnly)]byte
		switch date := string(AppendDate(b[:0], s.Start)); {
		case date == today:
			todays = append(todays, s)
		case date < today:
			past = append(past, s)
		}
	}
	sort.SliceStable(todays, func(i, j int) bool { return todays[i].Start.Before(todays[j].Start) })
	d.Sessions = len(todays)
	if len(todays) == 0 {
		if last, ok := lastDay(summarize(r, past)); ok {
			d.StartLevel = last.startLevel
		}
		d.Level = d.StartLevel
		return d
	}
	first := todays[0]
	d.Started, d.StartLevel, d.Level = true, clampLevel(first.StartLevel), clampLevel(first.StartLevel)
	for _, dec := range first.Decisions {
		if dec.ExerciseID == "" && startRule(dec.Rule) {
			d.StartRule, d.StartReason, d.LastReason = dec.Rule, dec.Reason, dec.Reason
			break
		}
	}
	for _, s := range todays {
		for _, dec := range s.Decisions {
			dec = dec.WithFlags()
			if startRule(dec.Rule) {
				continue
			}
			d.LastReason = dec.Reason
			if dec.ExerciseID != "" {
				d.Level = max(d.Level, clampLevel(dec.LevelAfter))
			}
			if dec.StopExercise && dec.ExerciseID != "" && !d.StoppedToday(dec.ExerciseID) {
				d.Stopped = append(d.Stopped, dec)
			}
			// A warning sign speaks over a pain stop: its advice is the urgent one.
			if dec.EndSession && (d.Closed == nil || dec.Rule == RuleWarningSign && d.Closed.Rule != RuleWarningSign) {
				closed := dec
				d.Closed = &closed
			}
		}
	}
	return d
}

func lastDay(days []summary) (summary, bool) {
	if len(days) == 0 {
		return summary{}, false
	}
	return days[len(days)-1], true
}

// StartOfDay decides where today starts at its first check-in, with
// baseline the pain then: from the previous session day's starting level,
// one step down when the next-morning rule or the week rule's larger rise
// fires (one step, not two, when both do: they read the same rise), else
// one step up after StepUpDays green days in a row at that level, unless
// the week rule holds step-ups. Cuts made on earlier days are not carried.
func StartOfDay(r PainRules, h History, at time.Time, baseline int) Decision {
	today := dayNumber(at.Date())
	var past []SessionLog
	for _, s := range h.Sessions {
		if dayNumber(s.Start.Date()) < today {
			past = append(past, s)
		}
	}
	days := summarize(r, past)
	prev, hadDay := lastDay(days)
	base := prev.startLevel
	d := Decision{Rule: RuleNone, At: at, Pain: -1, Baseline: baseline, LevelBefore: base, LevelAfter: base}

	morning := ""
	if hadDay {
		morning = r.morningRule(prev, today, baseline, at)
	}
	week := r.weekTrend(h.Checkins, today, baseline)
	weekHold := week.ok && week.rise >= r.WeekHoldRise-epsilon
	weekDown := week.ok && week.rise >= r.WeekDropRise-epsilon && !recently(days, today, func(s summary) bool { return s.weekDown })
	d.HoldStepUp = weekHold
	heldSince, held := heldFrom(days, today)
	run := greenRun(days, today, base)
	stepUpDue := base > 0 && run >= r.StepUpDays

	var causes []string
	if morning != "" {
		causes = append(causes, morning)
	}
	if weekHold {
		causes = append(causes, week.String())
	}
	switch {
	case morning != "" || weekDown:
		d.Rule = RuleNextMorning
		if weekDown {
			d.Rule = RuleWeekDown
		}
		d.LevelAfter = clampLevel(base + 1)
		plan := "today starts one step lighter"
		if d.LevelAfter == base {
			plan = "today stays at the lightest dose"
		}
		if weekHold {
			plan += fmt.Sprintf(", with no step up until %s", holdEnd(at, 0))
		}
		d.Reason = sentence(strings.Join(causes, ", and "), plan)
	case weekHold:
		d.Rule = RuleWeekHold
		plan := fmt.Sprintf("no step up until %s", holdEnd(at, 0))
		if stepUpDue {
			plan += fmt.Sprintf(", although the last %d days were all green", r.StepUpDays)
		}
		d.Reason = sentence(week.String(), plan+"; "+levelPlan(base))
	case stepUpDue && held:
		d.Reason = sentence(fmt.Sprintf("the last %d days in a row were all green, but the week rule of %s still holds step-ups",
			r.StepUpDays, dayName(heldSince)), fmt.Sprintf("no step up until %s; %s", holdEnd(at, today-heldSince), levelPlan(base)))
	case stepUpDue:
		d.Rule = RuleStepUp
		d.LevelAfter = base - 1
		plan := "today starts one step up"
		if d.LevelAfter == 0 {
			plan = "today goes back to the full prescribed dose"
		}
		d.Reason = sentence(fmt.Sprintf("the last %d days in a row were all green at a lighter dose", r.StepUpDays), plan)
	default:
		plan := levelPlan(base)
		if base > 0 {
			plan += fmt.Sprintf(" (%d of the %d green days in a row needed to step up)", run, r.StepUpDays)
		}
		d.Reason = sentence(fmt.Sprintf("pain is %d/10 %s", baseline, partOfDay(at)), plan)
	}
	return d
}

// levelPlan says where today starts when no rule moves it.
func levelPlan(level int) string {
	if level == 0 {
		return "today starts at the full prescribed dose"
	}
	return fmt.Sprintf("today starts at the same lighter dose as the last session day (step %d of %d down)", level, MaxLevel)
}

// recently reports a day in the WeekDays-1 days before today for which f
// holds: the week rule's limit of one step down, and its hold, both count
// WeekDays days from the morning the rule fired.
func recently(days []summary, today int, f func(summary) bool) bool {
	for _, d := range days {
		if today-d.day < WeekDays && today-d.day > 0 && f(d) {
			return true
		}
	}
	return false
}

// heldFrom is the most recent morning, within the hold, on which the week
// rule held step-ups.
func heldFrom(days []summary, today int) (int, bool) {
	for i := len(days) - 1; i >= 0; i-- {
		d := days[i]
		if today-d.day >= WeekDays {
			break
		}
		if today-d.day > 0 && d.holdStepUp {
			return d.day, true
		}
	}
	return 0, false
}

// holdEnd names the first day a step up may come again: WeekDays days
// after the morning the week rule fired, age days ago.
func holdEnd(at time.Time, age int) string {
	return at.AddDate(0, 0, WeekDays-age).Format("Mon 2 January")
}

func dayName(day int) string {
	return time.Unix(int64(day)*86400, 0).UTC().Format("2 January")
}

// morningRule returns the cause when the next-morning rule fires, else "".
// It compares with the last session day however long ago it was: a rest
// day does not reset the pain it left. A day closed by a stop or a warning
// sign counts as ended red.
func (r PainRules) morningRule(last summary, today, b int, at time.Time) string {
	if last.baseline < 0 || b < 0 {
		return ""
	}
	when := dayLabel(last.day, today, last.date)
	now := partOfDay(at)
	switch {
	case b >= last.baseline+r.MorningRise:
		return fmt.Sprintf("pain is %d/10 %s, up from %d %s", b, now, last.baseline, when)
	case last.worst >= Amber && b > last.baseline:
		how := map[Zone]string{Amber: "pain rose during exercise", Red: "pain went too high during exercise",
			Stop: "exercise was stopped"}[last.worst]
		return fmt.Sprintf("%s %s and pain %s is %d, not back to %d", how, when, now, b, last.baseline)
	}
	return ""
}

// trend compares the mean check-in of the last WeekDays calendar days
// (today's included) with the WeekDays before. Each day counts once, with
// its mean check-in; days without one are left out of the means, and
// either week with fewer than WeekMinDays such days makes ok false.
type trend struct {
	recent, earlier, rise float64
	ok                    bool
}

func (t trend) String() string {
	return fmt.Sprintf("pain before sessions averaged %.1f over the last 7 days, up from %.1f the 7 days before", t.recent, t.earlier)
}

func (r PainRules) weekTrend(checkins []DayCheckin, today, b int) trend {
	var recent, earlier []float64
	if b >= 0 {
		recent = append(recent, float64(b))
	}
	for _, c := range checkins {
		t, err := time.Parse(time.DateOnly, c.Date)
		if err != nil {
			continue
		}
		switch age := today - dayNumber(t.Date()); {
		case age <= 0:
		case age < WeekDays:
			recent = append(recent, c.Mean)
		case age < 2*WeekDays:
			earlier = append(earlier, c.Mean)
		}
	}
	if len(recent) < r.WeekMinDays || len(earlier) < r.WeekMinDays {
		return trend{}
	}
	t := trend{recent: mean(recent), earlier: mean(earlier), ok: true}
	t.rise = t.recent - t.earlier
	return t
}

// greenRun counts the calendar days in a row before today, newest first,
// that had scored sets, all green, at level. A day without exercise ends
// the run, so a step up never counts across a break; counting only days
// at level restarts the run after each step, so each step up needs its
// own green days.
func greenRun(days []summary, today, level int) int {
	n := 0
	want := today - 1
	for i := len(days) - 1; i >= 0; i-- {
		d := days[i]
		if d.day != want || d.sets == 0 || d.worst != Green || d.startLevel != level {
			break
		}
		n++
		want--
	}
	return n
}

// Checkin is what a check-in decides before the first exercise.
type Checkin struct {
	Level     int        // the dose level the session runs at
	Decisions []Decision // to store with the session: the day's start at its first check-in, then a stop if the day closes here
	Closed    *Decision  // the day closes here: a warning sign, or pain at or above the stop threshold
}

// CheckIn applies the rules to a check-in: at today's first, where today
// starts (decided even when the day then closes, so that tomorrow starts
// from it); a warning sign, or a check-in at or above StopPain, closes the
// day before any exercise.
func CheckIn(r PainRules, h History, day Day, at time.Time, baseline int, warning bool) Checkin {
	c := Checkin{Level: day.Level}
	if day.Closed != nil {
		c.Closed = day.Closed
		return c
	}
	if !day.Started {
		start := StartOfDay(r, h, at, baseline)
		c.Level = start.LevelAfter
		c.Decisions = append(c.Decisions, start)
	}
	stop := Decision{At: at, Pain: -1, Baseline: baseline, LevelBefore: c.Level, LevelAfter: c.Level, EndSession: true}
	switch {
	case warning:
		stop.Rule = RuleWarningSign
		stop.Reason = "You reported a warning sign before the session, so there is no exercise today: follow the advice on the screen, and call today."
	case baseline >= r.StopPain:
		stop.Rule = RuleBaselineStop
		stop.Reason = fmt.Sprintf("Your pain is %d/10 before starting, at or above %d, so there is no exercise today: rest, and call your care team if it stays this high.", baseline, r.StopPain)
	default:
		return c
	}
	c.Decisions = append(c.Decisions, stop)
	c.Closed = &stop
	return c
}
