package routine

import "fmt"

// What the screens say about a decision away from the moment it was made:
// the zone a score will get before it is entered, and a decision about one
// exercise as the card of another shows it (whose own dose differs).

// Preview is the zone the rules will give pain after the current set,
// with the rise from the check-in and this session's earlier reds: what
// the pain prompt shows before Enter.
func (r *Run) Preview(pain int) Zone {
	z := r.rules.Classify(r.baseline, pain)
	if z == Red && len(r.reds)+1 >= r.rules.RedsToStop {
		return Stop
	}
	return z
}

// ZoneOutcome says in a few words what a zone does to the session.
func ZoneOutcome(z Zone) string {
	switch z {
	case Green:
		return "green: carry on as planned"
	case Amber:
		return "amber: one step lighter for the rest of today"
	case Red:
		return "red: this exercise stops for today"
	}
	return "stop: the session ends here"
}

// Elsewhere is the decision's sentence for the card of another exercise:
// an amber's sentence names the dose of the exercise it was about, so
// there it says the day is one step lighter instead. Other decisions
// (a red names what comes next; a day's start names no exercise) read
// the same everywhere.
func (d Decision) Elsewhere() string {
	if d.Rule != RuleAmber || d.ExerciseID == "" {
		return d.Reason
	}
	what := "After " + the(SetLabel(d.Exercise, d.Side))
	if d.Pain >= 0 && d.Baseline >= 0 {
		what = fmt.Sprintf("%s after %s", capitalize(painChange(d.Baseline, d.Pain)), the(SetLabel(d.Exercise, d.Side)))
	}
	if d.LevelAfter == d.LevelBefore {
		return what + ": the rest of today stays at the lightest dose."
	}
	return what + ": the rest of today is one step lighter."
}

// LighterBecause is the note beside another exercise's dose once a score
// cut the day: "lighter today: pain rose after the leg lift"; "" for a
// decision that did not lower the dose.
func (d Decision) LighterBecause() string {
	if d.ExerciseID == "" || d.LevelAfter <= d.LevelBefore {
		return ""
	}
	why := "pain rose after "
	if d.Rule != RuleAmber {
		why = "pain went too high after "
	}
	return "lighter today: " + why + the(d.Exercise)
}
