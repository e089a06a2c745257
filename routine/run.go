package routine

import (
	"errors"
	"time"
)

// Run is one session as the rules see it: the state machine of its steps
// plus the state of the rules (the level in force, the reds so far, the
// exercises stopped today). The screens move it on and show what it
// decides; they never apply a rule themselves.
type Run struct {
	*Session
	rules    PainRules
	ladder   Ladder
	baseline int
	reds     []Decision // this session's reds, for the two-reds stop
	last     *Decision  // the newest decision, shown until the next pain check
	stop     *Decision  // the decision that ended the session; nil while it may go on
}

// ErrDayClosed is returned when today's rules allow no more exercise.
var ErrDayClosed = errors.New("the rules allow no more exercise today")

// ClosedError says why a session may not begin: the stop or warning sign
// that closed the day.
type ClosedError struct{ Decision Decision }

func (e *ClosedError) Error() string { return e.Decision.Reason }
func (e *ClosedError) Unwrap() error { return ErrDayClosed }

// RunOptions shape a run beyond what today allows.
type RunOptions struct {
	Short bool  // a short day: optional exercises left out
	Done  []int // set indexes already recorded, when resuming
	// Earlier are the decisions this session has already made, when
	// resuming: its reds still count towards the two-reds stop.
	Earlier []Decision
	// Leave lists exercises left out of this session beyond those the
	// rules stopped: a stretch break's stretches at their daily maximum.
	Leave []string
}

// NewRun begins (or resumes) a session of rt on day, with the check-in
// pain baseline. It refuses a day the rules have closed. The session runs
// at the level in force now and leaves out the exercises stopped today.
func NewRun(rt Routine, day Day, baseline int, opt RunOptions) (*Run, error) {
	if day.Closed != nil {
		return nil, &ClosedError{Decision: *day.Closed}
	}
	leave := append(make([]string, 0, len(day.Stopped)), opt.Leave...)
	for _, d := range day.Stopped {
		leave = append(leave, d.ExerciseID)
	}
	sess, err := NewSession(rt, rt.Ladder, Options{Level: day.Level, Short: opt.Short, Done: opt.Done, Leave: leave})
	if err != nil {
		return nil, err
	}
	r := &Run{Session: sess, rules: rt.Rules, ladder: rt.Ladder, baseline: baseline}
	for _, d := range opt.Earlier {
		if d = d.WithFlags(); d.Rule == RuleRed {
			r.reds = append(r.reds, d)
		}
	}
	return r, nil
}

// Scored is one pain score and all it caused, to be stored in one
// transaction: the set, the decision (stored unless green), and the sets
// the decision leaves undone.
type Scored struct {
	Set      SetResult
	Decision Decision
	Skipped  []SetResult
}

// Stored reports whether the decision is kept in the data file: every
// change of dose, stop and red, but not a green carry-on.
func (s Scored) Stored() bool { return s.Decision.Rule != RuleGreen }

// Ends reports whether the decision ended the session (and the day).
func (s Scored) Ends() bool { return s.Decision.EndSession }

// Score records the pain score of the set that just ended, applies the
// rules to it and moves on. A refused score (out of range, or none asked
// for) changes nothing and says why.
func (r *Run) Score(pain int, now time.Time) (Scored, string) {
	p, _ := r.Current()
	res, out := r.score(pain, now)
	if out.Refused != "" {
		return Scored{}, out.Refused
	}
	d := AfterSet(r.rules, r.ladder, p.Exercise, p.Side, r.baseline, pain, res.Level, r.reds, r.peek(p.Exercise.ID), now)
	sc := Scored{Set: res, Decision: d}
	r.last = &d
	if d.Rule == RuleGreen {
		return sc, ""
	}
	if d.Rule == RuleRed {
		r.reds = append(r.reds, d)
	}
	if d.EndSession {
		r.stop = &d
	}
	sc.Skipped = r.adjust(d.LevelAfter, d.StopExercise, d.EndSession, now)
	return sc, ""
}

// peek tells what the session would do next at a level, once the
// exercise just scored is stopped: for a red's sentence.
func (r *Run) peek(stopped string) Next {
	return func(level int) (Exercise, bool) {
		for i := r.cur; i >= 0 && i < len(r.sets); i++ {
			p := r.sets[i]
			if r.done[i] || p.Exercise.ID == stopped || r.leave[p.Exercise.ID] {
				continue
			}
			if p.Exercise.Optional && (r.short || r.rule.Drops(p.Exercise, level)) {
				continue
			}
			return p.Exercise, true
		}
		return Exercise{}, false
	}
}

// Baseline is the check-in pain the scores are compared with.
func (r *Run) Baseline() int { return r.baseline }

// Notice is the newest decision, to show until the next pain check; nil
// when none was made in this run.
func (r *Run) Notice() *Decision { return r.last }

// SetNotice shows d (the day's start decision) until the first pain check.
func (r *Run) SetNotice(d Decision) { r.last = &d }

// Stopped is the decision that ended the session early; nil when none.
func (r *Run) Stopped() *Decision { return r.stop }
