package routine

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// How often, for whom, how far (CLINICAL.md, the section of that name):
// what an exercise carries beyond its dose, and how the loader checks it.

// Repeat is how often an exercise may be done. The zero Repeat is once a
// day.
type Repeat struct {
	Every     time.Duration // the least time from the end of the last session
	MaxPerDay int           // sessions a day that may hold it; 0: no limit but the spacing
}

// Repeats reports whether the exercise may be done more than once a day.
func (r Repeat) Repeats() bool { return r.Every > 0 }

// BuildUp is how a timed activity grows, one calendar day at a time.
type BuildUp struct {
	Start  time.Duration // the first day's time, and the least it comes back to
	Step   time.Duration // added after a green day, taken off after a red one
	Target time.Duration // the most it grows to
}

// Limits on the new fields.
const (
	MinRepeatEvery = 15 * time.Minute
	MaxRepeatEvery = 24 * time.Hour
	MaxPerDayLimit = 24
	MaxBuildUp     = 2 * time.Hour
)

// fileRepeat is `repeat = { every = "2h", max_per_day = 6 }`.
type fileRepeat struct {
	Every     string `toml:"every"`
	MaxPerDay int    `toml:"max_per_day"`
}

// fileBuildUp is `build_up = { start_min = 5, step_min = 2, target_min = 20 }`.
type fileBuildUp struct {
	StartMin  int `toml:"start_min"`
	StepMin   int `toml:"step_min"`
	TargetMin int `toml:"target_min"`
}

// repeat checks an exercise's repeat table; nil means once a day, unless
// the routine's repeat_every_min gives every exercise a spacing.
func (v *validator) repeat(i int, id string, f *fileRepeat, every int) Repeat {
	if f == nil {
		return Repeat{Every: time.Duration(every) * time.Minute}
	}
	d, err := time.ParseDuration(strings.TrimSpace(f.Every))
	switch {
	case err != nil:
		v.fail(i, "repeat", "exercise %q: repeat.every must be a time such as \"2h\" or \"90m\", got %q", id, f.Every)
		return Repeat{}
	case d < MinRepeatEvery || d > MaxRepeatEvery || d%time.Minute != 0:
		v.fail(i, "repeat", "exercise %q: repeat.every must be whole minutes from 15m to 24h, got %q", id, f.Every)
		return Repeat{}
	case f.MaxPerDay < 0 || f.MaxPerDay > MaxPerDayLimit:
		v.fail(i, "repeat", "exercise %q: repeat.max_per_day must be from 0 (no limit) to %d, got %d", id, MaxPerDayLimit, f.MaxPerDay)
		return Repeat{}
	case f.MaxPerDay == 1:
		v.fail(i, "repeat", "exercise %q: repeat.max_per_day = 1 is once a day: leave out repeat instead", id)
		return Repeat{}
	}
	return Repeat{Every: d, MaxPerDay: f.MaxPerDay}
}

// regions checks not_after: each a region a patient can choose, once.
func (v *validator) regions(i int, id string, names []string) []Region {
	var out []Region
	for _, n := range names {
		r, err := ParseRegion(n)
		if err != nil || r == "" {
			v.fail(i, "not_after", "exercise %q: not_after holds %q; use cervical, thoracic or lumbar", id, n)
			continue
		}
		if slices.Contains(out, r) {
			v.fail(i, "not_after", "exercise %q: not_after names %s twice", id, r)
			continue
		}
		out = append(out, r)
	}
	return out
}

// buildUp checks a build-up: whole minutes, start <= target, a step of at
// least a minute; it sets the dose (the start) of a timed exercise.
func (v *validator) buildUp(i int, id string, f *fileBuildUp) *BuildUp {
	if f == nil {
		return nil
	}
	limit := int(MaxBuildUp / time.Minute)
	bad := func(key string, n, lo, hi int) bool {
		if n < lo || n > hi {
			v.fail(i, "build_up", "exercise %q: build_up.%s must be from %d to %d, got %d", id, key, lo, hi, n)
			return true
		}
		return false
	}
	if bad("start_min", f.StartMin, 1, limit) || bad("step_min", f.StepMin, 1, 30) || bad("target_min", f.TargetMin, 1, limit) {
		return nil
	}
	if f.TargetMin <= f.StartMin {
		v.fail(i, "build_up", "exercise %q: build_up.target_min (%d) must be more than start_min (%d)", id, f.TargetMin, f.StartMin)
		return nil
	}
	return &BuildUp{Start: time.Duration(f.StartMin) * time.Minute, Step: time.Duration(f.StepMin) * time.Minute,
		Target: time.Duration(f.TargetMin) * time.Minute}
}

// ForRegion is the routine for a patient whose fusion was in region: the
// exercises marked not_after it left out. With no region (not set up),
// every exercise stays.
func (r Routine) ForRegion(region Region) Routine {
	if region == "" || !slices.ContainsFunc(r.Exercises, func(e Exercise) bool { return slices.Contains(e.NotAfter, region) }) {
		return r // nothing left out: no copy
	}
	out := r
	out.Exercises, out.Left = make([]Exercise, 0, len(r.Exercises)), nil
	for _, e := range r.Exercises {
		if slices.Contains(e.NotAfter, region) {
			out.Left = append(out.Left, e)
		} else {
			out.Exercises = append(out.Exercises, e)
		}
	}
	return out
}

// LeftOutText says which exercises the region left out, or "".
func (r Routine) LeftOutText() string {
	if len(r.Left) == 0 {
		return ""
	}
	names := make([]string, len(r.Left))
	for i, e := range r.Left {
		names[i] = e.Name
	}
	return fmt.Sprintf("Left out after a neck fusion: %s.", strings.Join(names, ", "))
}

// Repeatable lists the exercises that may be done more than once a day.
func (r Routine) Repeatable() []Exercise {
	var out []Exercise
	for _, e := range r.Exercises {
		if e.Repeat.Repeats() {
			out = append(out, e)
		}
	}
	return out
}

// spacing is the longest Every among the routine's repeatable exercises:
// what the reminders and `due` count with.
func (r Routine) spacing() time.Duration {
	var d time.Duration
	for _, e := range r.Repeatable() {
		d = max(d, e.Repeat.Every)
	}
	return d
}

// BreakSuffix marks the routine id of a stretch break: a session record
// of one keeps its own routine id, so resume rebuilds the same sets.
const BreakSuffix = "-stretch-break"

// IsBreakID reports whether a stored routine id is a stretch break's.
func IsBreakID(id string) bool { return strings.HasSuffix(id, BreakSuffix) }

// StretchBreak is the routine of a stretch break: only the exercises that
// may repeat, in their order. ok is false when none may.
func (r Routine) StretchBreak() (Routine, bool) {
	reps := r.Repeatable()
	if len(reps) == 0 || len(reps) == len(r.Exercises) {
		return Routine{}, false
	}
	b := r
	b.ID, b.Name, b.Exercises = r.ID+BreakSuffix, "Stretch break", reps
	b.Summary = "Only the stretches that may repeat through the day, at today's level."
	return b, true
}

// SessionRoutine is the routine a stored session of id runs: a routine of
// the program, or its stretch break, for the patient's region.
func (p Program) SessionRoutine(id string, region Region) (Routine, bool) {
	base := strings.TrimSuffix(id, BreakSuffix)
	r, ok := p.Routine(base)
	if !ok {
		return Routine{}, false
	}
	r = r.ForRegion(region)
	if base == id {
		return r, true
	}
	return r.StretchBreak()
}

// DailyMax is the fewest sessions a day any repeating exercise allows
// (0: no limit but the spacing): what the reminders count to.
func (r Routine) DailyMax() int {
	m := 0
	for _, e := range r.Repeatable() {
		if n := e.Repeat.MaxPerDay; n > 0 && (m == 0 || n < m) {
			m = n
		}
	}
	return m
}

// String says how often in words: "once a day", "may repeat every 2
// hours, up to 6 times a day".
func (r Repeat) String() string {
	switch {
	case !r.Repeats():
		return "once a day"
	case r.MaxPerDay > 0:
		return fmt.Sprintf("may repeat every %s, up to %d times a day", EveryText(r.Every), r.MaxPerDay)
	}
	return "may repeat every " + EveryText(r.Every)
}

// String says a build-up in words: "builds up from 5 to 20 min, 2 min
// after each green day".
func (b BuildUp) String() string {
	return fmt.Sprintf("builds up from %s to %s, %s after each green day", FormatDuration(b.Start), FormatDuration(b.Target), FormatDuration(b.Step))
}
