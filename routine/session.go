package routine

import (
	"fmt"
	"time"
)

// Step is where a session is: which screen the patient sees and which
// input it waits for.
type Step int

const (
	StepCard     Step = iota + 1 // exercise card: Enter when in position
	StepReady                    // get-ready countdown before the first hold
	StepHold                     // a hold is running
	StepRest                     // rest between holds
	StepActive                   // a timed activity is running
	StepCounting                 // counted movements: Enter when done
	StepPain                     // waiting for the pain score of the set
	StepDone                     // nothing left to do
)

func (s Step) String() string {
	switch s {
	case StepCard:
		return "card"
	case StepReady:
		return "ready"
	case StepHold:
		return "hold"
	case StepRest:
		return "rest"
	case StepActive:
		return "active"
	case StepCounting:
		return "counting"
	case StepPain:
		return "pain"
	case StepDone:
		return "done"
	}
	return fmt.Sprintf("Step(%d)", int(s))
}

// Timed reports whether the step is a countdown.
func (s Step) Timed() bool {
	return s == StepReady || s == StepHold || s == StepRest || s == StepActive
}

// ReadyTime is the get-ready countdown before the first hold of a set.
const ReadyTime = 3 * time.Second

// minActive is the shortest timed activity that counts as done when the
// patient stops it early; anything shorter is recorded as skipped.
const minActive = 5 * time.Second

// SetPlan is one set of a session: all reps of one exercise on one side
// (or on both for an exercise without sides).
type SetPlan struct {
	Index    int // position in the session; stable across resumes
	Exercise Exercise
	Side     Side
	SetNo    int // 1-based set number within the exercise
}

// Label is the set as the patient knows it: "Bridge", or "Straight-leg
// nerve glide, left side".
func (p SetPlan) Label() string { return SetLabel(p.Exercise.Name, p.Side) }

// SetResult is what the session hands out to be stored when a set ends.
type SetResult struct {
	Index       int
	ExerciseID  string
	Exercise    string
	Side        Side
	SetNo       int
	RepsPlanned int
	RepsDone    int
	Hold        time.Duration // hold length, or the time spent on a timed activity
	Pain        int           // 0-10; -1 when skipped
	Skipped     bool
	Level       int
	At          time.Time
}

// DoseRule turns the prescription into the dose at a level; Ladder is the
// one the program uses.
type DoseRule interface {
	Apply(d Dose, level int) Dose
	Drops(e Exercise, level int) bool
}

// Outcome tells the caller what an event changed.
type Outcome struct {
	Bell       bool        // a hold or timed activity just ended
	Skipped    []SetResult // sets skipped by this event, to store now (scored sets come from Pain)
	Finished   bool        // the session has nothing left
	Refused    string      // the event made no sense here: a short hint
	StepBefore Step
}

// Session is the state machine of one session. It is pure: every event
// takes the current time, and it never reads a clock itself. Remaining
// time is always deadline - now, so a late tick never makes a hold drift.
type Session struct {
	routine Routine
	rule    DoseRule
	level   int
	short   bool
	leave   map[string]bool // exercises stopped for today by the rules

	sets    []SetPlan
	omitted []bool // not done in this session: short day or dropped at this level
	done    []bool // a result exists (scored or skipped)
	cur     int

	step      Step
	rep       int           // 1-based rep within the set
	repsDone  int           // completed holds in this set
	deadline  time.Time     // end of the running countdown
	remaining time.Duration // frozen remaining time while paused
	paused    bool
	spent     time.Duration // time spent on a timed activity

	results []SetResult
}

// Options shape a new session.
type Options struct {
	Level int  // starting dose level
	Short bool // a short day: optional exercises are left out
	// Done lists the set indexes that already have a result, when resuming
	// a session after a crash or a quit.
	Done []int
	// Leave lists the exercises the rules stopped for the rest of today:
	// left out, like optional exercises on a short day.
	Leave []string
}

// NewSession plans the sets of r and stands at the first set with no
// result, on its exercise card.
func NewSession(r Routine, rule DoseRule, opt Options) (*Session, error) {
	if len(r.Exercises) == 0 {
		return nil, fmt.Errorf("routine %q has no exercises", r.ID)
	}
	s := &Session{routine: r, rule: rule, level: opt.Level, short: opt.Short, leave: map[string]bool{}}
	for _, id := range opt.Leave {
		s.leave[id] = true
	}
	for _, e := range r.Exercises {
		sides := []Side{NoSide}
		if e.Sides {
			sides = []Side{Left, Right}
		}
		for n, side := range sides {
			s.sets = append(s.sets, SetPlan{Index: len(s.sets), Exercise: e, Side: side, SetNo: n + 1})
		}
	}
	s.done = make([]bool, len(s.sets))
	for _, i := range opt.Done {
		if i < 0 || i >= len(s.sets) {
			return nil, fmt.Errorf("recorded set %d does not exist in routine %q (it has %d sets): the routine has changed since", i+1, r.ID, len(s.sets))
		}
		s.done[i] = true
	}
	s.omitted = make([]bool, len(s.sets))
	s.markOmitted()
	s.cur = -1
	s.advanceSet()
	return s, nil
}

// markOmitted leaves out optional exercises on short days and at the
// levels where the rule drops them, and exercises stopped for today.
func (s *Session) markOmitted() {
	for i, p := range s.sets {
		if s.leave[p.Exercise.ID] || p.Exercise.Optional && (s.short || s.rule.Drops(p.Exercise, s.level)) {
			s.omitted[i] = true
		}
	}
}

// advanceSet moves to the card of the next set that still needs doing.
func (s *Session) advanceSet() {
	for s.cur++; s.cur < len(s.sets); s.cur++ {
		if !s.done[s.cur] && !s.omitted[s.cur] {
			s.step = StepCard
			s.rep, s.repsDone, s.paused, s.spent = 1, 0, false, 0
			return
		}
	}
	s.step = StepDone
}

// Step is the current step.
func (s *Session) Step() Step { return s.step }

// Routine is the routine being done.
func (s *Session) Routine() Routine { return s.routine }

// Level is the dose level in force now.
func (s *Session) Level() int { return s.level }

// Short reports a short day.
func (s *Session) Short() bool { return s.short }

// Paused reports a paused countdown.
func (s *Session) Paused() bool { return s.paused }

// Rep is the 1-based rep of the current set.
func (s *Session) Rep() int { return s.rep }

// Current is the set in progress; ok is false when the session is done.
func (s *Session) Current() (SetPlan, bool) {
	if s.cur < 0 || s.cur >= len(s.sets) {
		return SetPlan{}, false
	}
	return s.sets[s.cur], true
}

// Dose is the dose of the current set at the level in force.
func (s *Session) Dose() Dose {
	p, ok := s.Current()
	if !ok {
		return Dose{}
	}
	return s.rule.Apply(p.Exercise.Dose, s.level)
}

// DoseOf is the dose of e at the level in force.
func (s *Session) DoseOf(e Exercise) Dose { return s.rule.Apply(e.Dose, s.level) }

// Sets is the whole plan, with which sets are left out today.
func (s *Session) Sets() (plan []SetPlan, omitted []bool) { return s.sets, s.omitted }

// Results lists the sets finished in this run of the session, in order.
func (s *Session) Results() []SetResult { return s.results }

// Progress counts the sets of today's plan and those with a result.
func (s *Session) Progress() (done, total int) {
	// A set counts once done, even if a later cut-back leaves its exercise
	// out, so the count never goes backwards.
	for i := range s.sets {
		if s.omitted[i] && !s.done[i] {
			continue
		}
		total++
		if s.done[i] {
			done++
		}
	}
	return done, total
}

// Length is the full length of the running countdown.
func (s *Session) Length() time.Duration {
	d := s.Dose()
	switch s.step {
	case StepReady:
		return ReadyTime
	case StepHold:
		return d.Hold
	case StepRest:
		return d.Rest
	case StepActive:
		return d.Duration
	}
	return 0
}

// Remaining is the time left on the running countdown at now.
func (s *Session) Remaining(now time.Time) time.Duration {
	if !s.step.Timed() {
		return 0
	}
	if s.paused {
		return s.remaining
	}
	if r := s.deadline.Sub(now); r > 0 {
		return r
	}
	return 0
}

// Deadline is when the running countdown ends; zero when paused or when
// nothing is counting down.
func (s *Session) Deadline() time.Time {
	if !s.step.Timed() || s.paused {
		return time.Time{}
	}
	return s.deadline
}

// Confirm is Enter: "I'm in position" on the card, "done" when counting.
func (s *Session) Confirm(now time.Time) Outcome {
	out := Outcome{StepBefore: s.step}
	switch s.step {
	case StepCard:
		switch s.Dose().Kind() {
		case Counted:
			s.step = StepCounting
		default:
			s.startCountdown(StepReady, ReadyTime, now)
		}
	case StepCounting:
		s.repsDone = s.Dose().Count
		s.step = StepPain
	default:
		out.Refused = "Nothing to confirm here."
	}
	return out
}

func (s *Session) startCountdown(step Step, d time.Duration, now time.Time) {
	s.step = step
	s.paused = false
	s.deadline = now.Add(d)
}

// Tick moves the session on when the running countdown has reached its
// deadline. Ticks before the deadline change nothing.
func (s *Session) Tick(now time.Time) Outcome {
	out := Outcome{StepBefore: s.step}
	if !s.step.Timed() || s.paused || now.Before(s.deadline) {
		return out
	}
	s.endCountdown(now, true, &out)
	return out
}

// endCountdown finishes the running countdown; completed says whether it
// ran its full length (a skipped hold does not count as a rep done).
func (s *Session) endCountdown(now time.Time, completed bool, out *Outcome) {
	d := s.Dose()
	switch s.step {
	case StepReady:
		if d.Kind() == Timed {
			s.startCountdown(StepActive, d.Duration, now)
		} else {
			s.startCountdown(StepHold, d.Hold, now)
		}
	case StepHold:
		if completed {
			s.repsDone++
			out.Bell = true
		}
		if s.rep >= d.Reps {
			s.endSet(now, out)
			return
		}
		if d.Rest > 0 {
			s.startCountdown(StepRest, d.Rest, now)
		} else {
			s.rep++
			s.startCountdown(StepHold, d.Hold, now)
		}
	case StepRest:
		s.rep++
		s.startCountdown(StepHold, d.Hold, now)
	case StepActive:
		s.spent = d.Duration - s.Remaining(now)
		if completed {
			out.Bell = true
		}
		if s.spent >= minActive {
			s.repsDone = 1
		}
		s.endSet(now, out)
	}
}

// endSet asks for the pain score, or records the set as skipped when
// nothing of it was done.
func (s *Session) endSet(now time.Time, out *Outcome) {
	s.paused = false
	if s.repsDone == 0 {
		s.finishSet(-1, true, now, out)
		return
	}
	s.step = StepPain
}

// TogglePause pauses or resumes the running countdown.
func (s *Session) TogglePause(now time.Time) Outcome {
	out := Outcome{StepBefore: s.step}
	if !s.step.Timed() {
		out.Refused = "There is no timer running to pause."
		return out
	}
	if s.paused {
		s.deadline = now.Add(s.remaining)
		s.paused = false
		return out
	}
	s.remaining = s.Remaining(now)
	s.paused = true
	return out
}

// Skip is `s`: on the card it skips the whole exercise (what is left of
// it), during a countdown it ends that countdown now (a skipped hold is not
// a rep done), and when counting it skips the set.
func (s *Session) Skip(now time.Time) Outcome {
	out := Outcome{StepBefore: s.step}
	switch s.step {
	case StepCard:
		id := s.sets[s.cur].Exercise.ID
		for s.cur < len(s.sets) && s.sets[s.cur].Exercise.ID == id {
			if !s.done[s.cur] && !s.omitted[s.cur] {
				s.record(s.sets[s.cur], 0, -1, true, now, &out)
			}
			s.cur++
		}
		s.cur--
		s.advanceSet()
		out.Finished = s.step == StepDone
	case StepReady, StepHold, StepRest, StepActive:
		if s.paused {
			s.paused = false
			s.deadline = now.Add(s.remaining)
		}
		s.endCountdown(now, false, &out)
	case StepCounting:
		s.finishSet(-1, true, now, &out)
	default:
		out.Refused = "Nothing to skip here."
	}
	return out
}

// score records the pain score of the set that just ended and moves to the
// next set. Scores outside 0-10 are refused and change nothing. Only a Run
// calls it, so that no score escapes the rules.
func (s *Session) score(score int, now time.Time) (SetResult, Outcome) {
	out := Outcome{StepBefore: s.step}
	if s.step != StepPain {
		out.Refused = "No pain score is asked for now."
		return SetResult{}, out
	}
	if score < 0 || score > 10 {
		out.Refused = "Pain is a whole number from 0 (none) to 10 (worst imaginable)."
		return SetResult{}, out
	}
	s.finishSet(score, false, now, &out)
	return s.results[len(s.results)-1], out
}

func (s *Session) finishSet(pain int, skipped bool, now time.Time, out *Outcome) {
	s.record(s.sets[s.cur], s.repsDone, pain, skipped, now, out)
	s.advanceSet()
	out.Finished = s.step == StepDone
}

func (s *Session) record(p SetPlan, repsDone, pain int, skipped bool, now time.Time, out *Outcome) {
	d := s.rule.Apply(p.Exercise.Dose, s.level)
	r := SetResult{
		Index: p.Index, ExerciseID: p.Exercise.ID, Exercise: p.Exercise.Name, Side: p.Side, SetNo: p.SetNo,
		RepsDone: repsDone, Pain: pain, Skipped: skipped, Level: s.level, At: now,
	}
	switch d.Kind() {
	case Holds:
		r.RepsPlanned, r.Hold = d.Reps, d.Hold
	case Timed:
		r.RepsPlanned, r.Hold = 1, d.Duration
		if !skipped {
			r.Hold = s.spent.Round(time.Second)
		}
	case Counted:
		r.RepsPlanned = d.Count
	}
	s.done[p.Index] = true
	s.results = append(s.results, r)
	if skipped {
		out.Skipped = append(out.Skipped, r)
	}
}

// adjust applies a dose decision made after a set: a new level for the
// rest of the session, stopping the current exercise (its remaining sides
// are recorded as skipped and it is left out of the rest of the session),
// or ending the session. It returns the skipped sets to store.
func (s *Session) adjust(level int, stopExercise, end bool, now time.Time) []SetResult {
	if level > s.level {
		s.level = level
		s.markOmitted()
	}
	var out Outcome
	skipRest := func(keep func(SetPlan) bool) {
		for i := s.cur; i >= 0 && i < len(s.sets); i++ {
			if !s.done[i] && !s.omitted[i] && !keep(s.sets[i]) {
				s.record(s.sets[i], 0, -1, true, now, &out)
			}
		}
	}
	switch {
	case end:
		skipRest(func(SetPlan) bool { return false })
	case stopExercise && len(s.results) > 0:
		id := s.results[len(s.results)-1].ExerciseID
		skipRest(func(p SetPlan) bool { return p.Exercise.ID != id })
		s.leave[id] = true
	}
	// The current card may now be done or left out.
	if s.step == StepCard && (s.done[s.cur] || s.omitted[s.cur]) {
		s.advanceSet()
	}
	return out.Skipped
}

// Next says in a few words what follows the current step, for the screen.
func (s *Session) Next() string {
	p, ok := s.Current()
	if !ok {
		return ""
	}
	d := s.Dose()
	switch s.step {
	case StepReady:
		if d.Kind() == Timed {
			return "then " + FormatDuration(d.Duration) + " of " + p.Exercise.Name
		}
		return fmt.Sprintf("then hold %d of %d", s.rep, d.Reps)
	case StepHold:
		if s.rep < d.Reps {
			if d.Rest > 0 {
				return "then rest " + FormatDuration(d.Rest)
			}
			return fmt.Sprintf("then hold %d of %d", s.rep+1, d.Reps)
		}
		return "then a pain check"
	case StepRest:
		return fmt.Sprintf("then hold %d of %d", s.rep+1, d.Reps)
	case StepActive, StepCounting:
		return "then a pain check"
	case StepPain:
		if n, ok := s.following(); ok {
			if n.Exercise.ID == p.Exercise.ID {
				return "then the " + n.Side.String() + " side"
			}
			return "then " + n.Exercise.Name
		}
		return "then the summary"
	}
	return ""
}

// following is the set after the current one that still needs doing.
func (s *Session) following() (SetPlan, bool) {
	for i := s.cur + 1; i < len(s.sets); i++ {
		if !s.done[i] && !s.omitted[i] {
			return s.sets[i], true
		}
	}
	return SetPlan{}, false
}
