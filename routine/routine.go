// Package routine is the pure domain of spinecoach: exercises, doses,
// routines and phases, the pain rules, and the session state machine.
// It does no I/O except parsing routine files from an fs.FS.
package routine

import (
	"fmt"
	"time"
)

// DoseKind says how an exercise is measured.
type DoseKind int

const (
	// Holds are repetitions of a timed hold with rests between them.
	Holds DoseKind = iota + 1
	// Timed is one continuous activity of a set duration (walking, breathing).
	Timed
	// Counted is a number of movements the patient counts, pressing Enter when done.
	Counted
)

func (k DoseKind) String() string {
	switch k {
	case Holds:
		return "holds"
	case Timed:
		return "timed"
	case Counted:
		return "counted"
	}
	return fmt.Sprintf("DoseKind(%d)", int(k))
}

// Dose is how much of an exercise to do on one side.
type Dose struct {
	Reps     int           // Holds: repetitions per side
	Hold     time.Duration // Holds: length of each hold
	Rest     time.Duration // Holds: rest between repetitions
	Duration time.Duration // Timed: length of the activity
	Count    int           // Counted: movements per side
	Pace     time.Duration // Counted: suggested time per movement (0: none)
}

// Kind derives the dose kind from which fields are set.
func (d Dose) Kind() DoseKind {
	switch {
	case d.Duration > 0:
		return Timed
	case d.Count > 0:
		return Counted
	default:
		return Holds
	}
}

// String gives the dose in words, e.g. "3 holds of 30 s".
func (d Dose) String() string {
	switch d.Kind() {
	case Timed:
		return FormatDuration(d.Duration)
	case Counted:
		s := plural(d.Count, "time", "times")
		if d.Pace > 0 {
			s += fmt.Sprintf(", about %s each", FormatDuration(d.Pace))
		}
		return s
	default:
		return fmt.Sprintf("%s of %s", plural(d.Reps, "hold", "holds"), FormatDuration(d.Hold))
	}
}

// Exercise is one movement of a routine.
type Exercise struct {
	ID       string
	Name     string
	Position string   // how to get into position
	Cues     []string // 2-4 short reminders shown during the exercise
	Sides    bool     // done once on the left, then once on the right
	Optional bool     // dropped on short days and at low dose levels
	Source   string   // seed document the content comes from
	Dose     Dose     // the prescription: dose level 0
	Repeat   Repeat   // how often a day; zero: once a day
	NotAfter []Region // the fusions it is not for (frequency.go)
	Differs  string   // what sets it apart from a precaution it seems to clash with; "" for none
	BuildUp  *BuildUp // a timed activity that grows day by day; nil for a fixed dose
	Note     string   // today's build-up sentence, set for a session (not from the file)
}

// DoseText is the exercise's dose in words with its sides, e.g.
// "3 holds of 30 s, each side".
func (e Exercise) DoseText(d Dose) string {
	if e.Sides {
		return d.String() + ", each side"
	}
	return d.String()
}

// Routine is the list of exercises of one phase (or of a prescription).
type Routine struct {
	ID             string
	Name           string
	Phase          int
	OpensWeek      int  // weeks after surgery when the phase opens by date
	NeedsClearance bool // the clinician must clear the patient for it
	Summary        string
	Precautions    []string
	RepeatEvery    time.Duration // the spacing of the exercises that repeat; 0: all once a day
	Exercises      []Exercise
	Left           []Exercise // left out for the patient's region (ForRegion)
	Rules          PainRules  // the pain thresholds; defaults unless prescribed
	Ladder         Ladder     // the dose ladder; empty means DefaultLadder
	File           string     // where it was loaded from, for messages
}

// Exercise returns the exercise with that id.
func (r Routine) Exercise(id string) (Exercise, bool) {
	for _, e := range r.Exercises {
		if e.ID == id {
			return e, true
		}
	}
	return Exercise{}, false
}

// Program is the set of routines in force, ordered by phase.
// LoadProgram fills Routines; BuiltProgram (lazy.go) leaves it nil and
// counts each routine as taken on first use: read them through Len,
// Header, At and All, which serve both.
type Program struct {
	Routines []Routine
	lazy     []*lazyRoutine
}

// Routine returns the routine with that id, parsed; false when there is
// none, or when it does not parse.
func (p Program) Routine(id string) (Routine, bool) {
	for i := 0; i < p.Len(); i++ {
		if p.Header(i).ID == id {
			r, err := p.At(i)
			return r, err == nil
		}
	}
	return Routine{}, false
}

// Side of the body an exercise set is done on.
type Side int

const (
	NoSide Side = iota
	Left
	Right
)

func (s Side) String() string {
	switch s {
	case Left:
		return "left"
	case Right:
		return "right"
	}
	return ""
}

// ParseSide is the inverse of Side.String.
func ParseSide(s string) (Side, error) {
	switch s {
	case "left":
		return Left, nil
	case "right":
		return Right, nil
	case "":
		return NoSide, nil
	}
	return NoSide, fmt.Errorf("unknown side %q", s)
}

// FormatDuration writes a duration the way a patient reads it: "30 s",
// "2 min", "1 min 30 s".
func FormatDuration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	default:
		return fmt.Sprintf("%d min %d s", s/60, s%60)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
