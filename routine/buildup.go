package routine

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// How far: timed activities that build up day by day (CLINICAL.md, "How
// far", and its readings). At the first check-in of each session day the
// time of each activity is decided from the last session day before it:
// if the activity was done that day (a scored set), the day's worst zone
// over all its scored sets moves it (green +step up to the target, amber
// holds, red or a stop -step, never below the start); if it was not done,
// it holds. The time is stored as a decision of its own every session
// day (RuleBuildUp when it moved, RuleBuildUpHold when it did not), so
// each day reads only the day before it. The dose ladder cuts on top.

// Rule ids of the build-up decisions.
const (
	RuleBuildUp     = "build-up"      // the time moved (or started)
	RuleBuildUpHold = "build-up-hold" // the time stays as it was
)

// IsBuildUp reports the build-up rules.
func IsBuildUp(rule string) bool { return rule == RuleBuildUp || rule == RuleBuildUpHold }

// BuildUps decides today's time of each activity of rt that builds up,
// at the first check-in at at. sessions are the rules' history (History);
// their Routine ids tell one routine's build-up from another's (phase 4
// starts its own walking at 10 minutes). It returns nothing for an
// activity already decided today.
func BuildUps(rt Routine, r PainRules, sessions []SessionLog, at time.Time, level int) []Decision {
	today := dayNumber(at.Date())
	var past []SessionLog
	decidedToday := map[string]bool{}
	for _, s := range sessions {
		switch day := dayNumber(s.Start.Date()); {
		case day < today:
			past = append(past, s)
		case day == today:
			for _, d := range s.Decisions {
				if IsBuildUp(d.Rule) && s.Routine == rt.ID {
					decidedToday[d.ExerciseID] = true
				}
			}
		}
	}
	sort.SliceStable(past, func(i, j int) bool { return past[i].Start.Before(past[j].Start) })
	var last []SessionLog // the last session day before today
	for i := len(past) - 1; i >= 0; i-- {
		if len(last) > 0 && past[i].Start.Format(time.DateOnly) != last[0].Start.Format(time.DateOnly) {
			break
		}
		last = append([]SessionLog{past[i]}, last...)
	}
	var out []Decision
	for _, e := range rt.Exercises {
		if e.BuildUp == nil || decidedToday[e.ID] {
			continue
		}
		out = append(out, buildUpOf(e, rt.ID, r, last, at, level))
	}
	return out
}

// buildUpOf decides one activity's time today from the last session day.
func buildUpOf(e Exercise, routineID string, r PainRules, last []SessionLog, at time.Time, level int) Decision {
	b := *e.BuildUp
	d := Decision{Rule: RuleBuildUpHold, At: at, ExerciseID: e.ID, Exercise: e.Name, Pain: -1, Baseline: -1,
		LevelBefore: level, LevelAfter: level}
	prev, ok := minutesOn(last, routineID, e.ID)
	if !ok {
		d.Rule, d.Minutes = RuleBuildUp, minutesOf(b.Start)
		d.Reason = fmt.Sprintf("%s starts at %d minutes: %d more after each green day with it, up to %d.",
			e.Name, d.Minutes, minutesOf(b.Step), minutesOf(b.Target))
		return d
	}
	// when is "yesterday" or "on Monday 2 March"; subject starts a sentence with the day.
	when, subject := "yesterday", "Yesterday"
	if len(last) > 0 && dayNumber(at.Date())-dayNumber(last[0].Start.Date()) > 1 {
		subject = last[0].Start.Format("Monday 2 January")
		when = "on " + subject
	}
	d.Minutes = prev
	zone, done := dayZone(r, last, e.ID)
	step, start, target := minutesOf(b.Step), minutesOf(b.Start), minutesOf(b.Target)
	switch {
	case !done || zone < Green: // not done, or no check-in to score it against
		d.Reason = fmt.Sprintf("%s was not done %s: it stays at %d minutes today.", e.Name, when, prev)
	case zone == Green && prev >= target:
		d.Reason = fmt.Sprintf("%s stayed green %s: it stays at the full %d minutes.", e.Name, when, prev)
	case zone == Green:
		d.Rule, d.Minutes = RuleBuildUp, min(prev+step, target)
		d.Reason = fmt.Sprintf("%s stayed green %s: %d minutes today.", e.Name, when, d.Minutes)
	case zone == Amber:
		d.Reason = fmt.Sprintf("%s was amber: %s stays at %d minutes today.", subject, strings.ToLower(e.Name), prev)
	case prev <= start:
		d.Reason = fmt.Sprintf("%s %s: %s stays at its start, %d minutes.", subject, redWords(zone), strings.ToLower(e.Name), prev)
	default:
		d.Rule, d.Minutes = RuleBuildUp, max(prev-step, start)
		d.Reason = fmt.Sprintf("%s %s: %s goes back to %d minutes today.", subject, redWords(zone), strings.ToLower(e.Name), d.Minutes)
	}
	return d
}

// redWords says how a red or stopped day went.
func redWords(z Zone) string {
	if z == Stop {
		return "ended with a stop"
	}
	return "was red"
}

// minutesOn is the activity's time stored on those sessions' day.
func minutesOn(day []SessionLog, routineID, exerciseID string) (int, bool) {
	for _, s := range day {
		if s.Routine != routineID {
			continue
		}
		for _, d := range s.Decisions {
			if IsBuildUp(d.Rule) && d.ExerciseID == exerciseID && d.Minutes > 0 {
				return d.Minutes, true
			}
		}
	}
	return 0, false
}

// dayZone is the worst zone of the day's scored sets (Stop when the day
// was closed) and whether the activity had a scored set.
func dayZone(r PainRules, day []SessionLog, exerciseID string) (Zone, bool) {
	days := summarize(r, day)
	done := false
	for _, s := range day {
		for _, set := range s.Sets {
			done = done || set.ExerciseID == exerciseID && !set.Skipped
		}
	}
	if len(days) == 0 {
		return Green, done
	}
	return days[0].worst, done
}

func minutesOf(d time.Duration) int { return int(d / time.Minute) }

// BuiltUp is each activity's time in force: today's decision when there
// is one, else the last one stored (shown before today's check-in), for
// the routine of id routineID.
func BuiltUp(routineID string, sessions []SessionLog) map[string]int {
	sorted := append([]SessionLog(nil), sessions...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start.Before(sorted[j].Start) })
	out := map[string]int{}
	for _, s := range sorted {
		if s.Routine != routineID {
			continue
		}
		for _, d := range s.Decisions {
			if IsBuildUp(d.Rule) && d.Minutes > 0 {
				out[d.ExerciseID] = d.Minutes
			}
		}
	}
	return out
}

// WithBuildUps is rt with each activity's dose at its built-up time,
// never outside its start and target.
func (rt Routine) WithBuildUps(minutes map[string]int) Routine {
	out := rt
	out.Exercises = append([]Exercise(nil), rt.Exercises...)
	for i, e := range out.Exercises {
		m, ok := minutes[e.ID]
		if e.BuildUp == nil || !ok {
			continue
		}
		d := time.Duration(m) * time.Minute
		out.Exercises[i].Dose.Duration = min(max(d, e.BuildUp.Start), e.BuildUp.Target)
	}
	return out
}
