package routine

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Region is the part of the spine that was fused. The empty Region means
// the patient has not said (or does not know).
type Region string

// The regions a patient can choose.
const (
	RegionCervical Region = "cervical" // the neck
	RegionThoracic Region = "thoracic" // the upper and middle back
	RegionLumbar   Region = "lumbar"   // the lower back
)

// Regions lists the regions a patient can choose, in the order to offer them.
var Regions = []Region{RegionCervical, RegionThoracic, RegionLumbar}

// ParseRegion reads a region as typed or stored. Case and surrounding
// spaces are ignored; the empty string is allowed and means "not known".
func ParseRegion(s string) (Region, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return "", nil
	}
	for _, r := range Regions {
		if t == string(r) {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown region %q: choose cervical (neck), thoracic (mid back) or lumbar (lower back), or leave it empty if you are not sure", s)
}

// Recovery is what the patient has told the program about their surgery.
type Recovery struct {
	// SurgeryDate is the day of the operation; the zero time means it has
	// not been set up. Only its calendar date counts (year, month and day
	// in its own location): the clock time and zone are ignored.
	SurgeryDate time.Time
	Region      Region
	// ClearedPhase is the highest phase the surgeon or therapist has
	// cleared the patient for. 0, 1 and 2 all mean "nothing beyond what
	// opens by date".
	ClearedPhase int
}

// Plan is the routine chosen for today and what the home screen says about it.
type Plan struct {
	Routine Routine // the routine for today
	// Week is whole weeks since surgery: the day of surgery and the six
	// days after it are week 0. -1 when there is no surgery date.
	Week int
	// Day is calendar days since surgery, 0 on the day itself; -1 when
	// there is no surgery date.
	Day int
	// Waiting is the next phase when it is open by date but the patient
	// has not recorded clearance for it yet; nil otherwise.
	Waiting *Routine
	// NextOpens is the date (midnight in now's location) the next phase
	// opens by date; zero when there is no next phase, no surgery date,
	// or the next phase is already open.
	NextOpens time.Time
	// Precautions are the routine's precautions with the ones for the
	// patient's region added.
	Precautions []string
	// Headline is one line for the top of the home screen.
	Headline string
	// Region is the patient's; "" when not set up (home asks for it).
	Region Region
}

// Precautions added for a neck (cervical) fusion, from CLINICAL.md.
const (
	NeckPrecaution     = "Do not bend your neck forwards and backwards over and over."
	UpperLimbCaution   = "Keep arm strength work light for the first 4 to 6 weeks after surgery."
	upperLimbWeeks     = 6
	maxSurgeryYearsAgo = 10
)

// ValidateSurgeryDate checks a surgery date entered by the patient against
// now: it may not be in the future and not more than 10 years ago. Both
// are compared as calendar dates in now's location (d's own calendar date).
func ValidateSurgeryDate(d, now time.Time) error {
	if d.IsZero() {
		return errors.New("the surgery date is missing: enter the day of your operation")
	}
	days := planDaysSince(d, now)
	if days < 0 {
		return fmt.Errorf("the surgery date %s is in the future: enter the day your operation took place", d.Format(time.DateOnly))
	}
	y, m, dd := now.Date()
	oldest := time.Date(y-maxSurgeryYearsAgo, m, dd, 0, 0, 0, 0, time.UTC)
	sy, sm, sd := d.Date()
	if time.Date(sy, sm, sd, 0, 0, 0, 0, time.UTC).Before(oldest) {
		return fmt.Errorf("the surgery date %s is more than %d years ago: check the year", d.Format(time.DateOnly), maxSurgeryYearsAgo)
	}
	return nil
}

// ParseSurgeryDate reads a surgery date in now's location, a slashed
// form day first (ParseSurgeryDateIn names the order), and checks it is
// a plausible one; errors are one sentence.
func ParseSurgeryDate(s string, now time.Time) (time.Time, error) {
	return ParseSurgeryDateIn(s, now, DayFirst)
}

// ParseSurgeryDateIn is ParseSurgeryDate with a slashed date read in the
// order o.
func ParseSurgeryDateIn(s string, now time.Time, o DateOrder) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, fmt.Errorf("no surgery date yet: type the day of your operation, %s", DateForms(o))
	}
	d, err := ParseDate(s, o, now.Location())
	if err != nil {
		return time.Time{}, err
	}
	return d, ValidateSurgeryDate(d, now)
}

// PlanFor chooses today's routine from p for the patient r.
//
// It picks the highest phase that is open by date (Week >= OpensWeek) and,
// when the phase needs clearance, cleared (r.ClearedPhase >= its Phase).
// It never picks a phase that needs clearance the patient has not recorded.
// With no surgery date it picks the lowest phase. When no cleared phase is
// open by date yet (possible only with a hand-made program) it picks the
// lowest cleared phase.
//
// Days and weeks are counted on the calendar, not from durations: the
// calendar date of now in now's location minus the calendar date of the
// surgery. A change of time zone or daylight-saving time therefore never
// moves a phase boundary; a new week starts at midnight, local time.
//
// A program of a single routine is a clinician's prescription and is
// always returned, whatever the date or clearance. p's routines must be
// sorted by phase, as LoadProgram and BuiltProgram leave them.
//
// The error is for an empty program, a surgery date in the future, or a
// program in which every phase needs clearance the patient does not have.
func PlanFor(p Program, r Recovery, now time.Time) (Plan, error) {
	if p.Len() == 0 {
		return Plan{}, errors.New("there are no routines to choose from")
	}
	plan := Plan{Week: -1, Day: -1}
	dated := !r.SurgeryDate.IsZero()
	if dated {
		plan.Day = planDaysSince(r.SurgeryDate, now)
		if plan.Day < 0 {
			return Plan{}, fmt.Errorf("the surgery date %s is in the future", r.SurgeryDate.Format(time.DateOnly))
		}
		plan.Week = plan.Day / 7
	}
	chosen, waiting, err := choosePhase(p.Headers(), r, plan.Week)
	if err != nil {
		return Plan{}, err
	}
	// Only the chosen routine, and the one waiting for clearance, are parsed.
	if plan.Routine, err = p.At(chosen); err != nil {
		return Plan{}, err
	}
	if waiting >= 0 {
		w, err := p.At(waiting)
		if err != nil {
			return Plan{}, err
		}
		plan.Waiting = &w
	}
	if next := chosen + 1; dated && p.Len() > 1 && next < p.Len() && waiting < 0 {
		if nr := p.Header(next); nr.OpensWeek > plan.Week {
			sy, sm, sd := r.SurgeryDate.Date()
			plan.NextOpens = time.Date(sy, sm, sd+7*nr.OpensWeek, 0, 0, 0, 0, now.Location())
		}
	}
	plan.Routine, plan.Region = plan.Routine.ForRegion(r.Region), r.Region
	plan.Precautions = PrecautionsFor(plan.Routine, r.Region, plan.Week)
	switch {
	case dated && plan.Day == 0:
		plan.Headline = "The day of surgery · " + plan.Routine.Name
	case dated && plan.Week == 0:
		// "Week 0" reads as a mistake: the first week counts days.
		plan.Headline = fmt.Sprintf("Day %d after surgery · %s", plan.Day, plan.Routine.Name)
	case dated:
		plan.Headline = fmt.Sprintf("Week %d after surgery · %s", plan.Week, plan.Routine.Name)
	default:
		plan.Headline = fmt.Sprintf("Phase %d · %s (set your surgery date to follow your recovery)", plan.Routine.Phase, plan.Routine.Name)
	}
	return plan, nil
}

// PrecautionsFor returns a fresh copy of the routine's precautions with
// those for the region added at the end. A neck fusion (or no region set)
// adds the neck
// precaution unless the routine already mentions the neck, and, before
// week 6 (or when the week is unknown), the arm-strength restriction
// unless the routine already has one.
func PrecautionsFor(rt Routine, region Region, week int) []string {
	out := append([]string(nil), rt.Precautions...)
	if region != RegionCervical && region != "" {
		return out // with no region set, every precaution shows
	}
	if !anyContains(out, "neck") {
		out = append(out, NeckPrecaution)
	}
	if week < upperLimbWeeks && !anyContains(out, "arm strength", "arm work", "upper-limb", "upper limb") {
		out = append(out, UpperLimbCaution)
	}
	return out
}

// anyContains reports whether any of ss contains any of words, ignoring case.
func anyContains(ss []string, words ...string) bool {
	for _, s := range ss {
		s = strings.ToLower(s)
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
	}
	return false
}

// planDaysSince counts calendar days from the calendar date of d (in d's
// own location) to the calendar date of now (in now's location).
func planDaysSince(d, now time.Time) int {
	return dayNumber(now.Date()) - dayNumber(d.Date())
}

// choosePhase picks today's routine from the headers (sorted by phase)
// for week (-1: no surgery date), as PlanFor says; waiting is the next
// one when it is open by date but not cleared, else -1.
func choosePhase(hs []Header, r Recovery, week int) (chosen, waiting int, err error) {
	if len(hs) == 1 {
		return 0, -1, nil
	}
	dated := week >= 0
	cleared := func(h Header) bool { return !h.NeedsClearance || r.ClearedPhase >= h.Phase }
	chosen, waiting = -1, -1
	if dated {
		for i, h := range hs {
			if h.OpensWeek <= week && cleared(h) {
				chosen = i
			}
		}
	}
	if chosen < 0 {
		for i, h := range hs {
			if cleared(h) {
				chosen = i
				break
			}
		}
	}
	if chosen < 0 {
		return 0, 0, fmt.Errorf("every routine needs clearance from your surgeon or therapist, and none has been recorded (lowest: phase %d, %s)", hs[0].Phase, hs[0].Name)
	}
	if next := chosen + 1; dated && next < len(hs) && hs[next].OpensWeek <= week && !cleared(hs[next]) {
		waiting = next
	}
	return chosen, waiting, nil
}
