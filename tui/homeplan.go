package tui

import (
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// What the home screen says about the day plan: the next session by name
// when it is a stretch break or early (routine.Upcoming, as start and
// due decide it), and, after a neck fusion, what was left out and that a
// clinician's prescription is advised.

// NeckAdvice is what home and setup say after a neck fusion.
const NeckAdvice = "The shipped routines were written for back fusions: after a neck fusion, a prescription from your surgeon or physical therapist is advised (spinecoach routines import FILE)."

// planLines are the home screen's lines about the day plan; none while
// the records load or when the next session is simply today's routine.
func (m homeModel) planLines() []string {
	var lines []string
	if m.plan.Region == routine.RegionCervical {
		lines = append(lines, strings.TrimSpace(NeckAdvice+" "+m.plan.Routine.LeftOutText()))
	}
	if m.plan.Region == "" && m.plan.Week >= 0 {
		lines = append(lines, "Where was your fusion? Every exercise and precaution shows until you say: spinecoach setup --region cervical, thoracic or lumbar.")
	}
	if m.data == nil || m.now == nil || m.data.Day.Closed != nil {
		return lines
	}
	now := m.now()
	lines = append(lines, todaysBuildUps(m.data.History.Sessions, now)...)
	if m.data.Open != nil {
		return lines
	}
	n := m.upcoming()
	if n.Kind == routine.NextBreak {
		lines = append(lines, n.BreakText(m.data.Day.Level)+": only the stretches that may repeat, at today's level.")
	}
	if n.Kind == routine.NextNone && m.data.Day.Sessions > 0 {
		lines = append(lines, "Nothing more today: "+n.Reason)
	}
	return lines
}

// builtUp is today's routine with each activity at its time in force.
func (m homeModel) builtUp() routine.Routine {
	if m.data == nil {
		return m.plan.Routine
	}
	return m.plan.Routine.WithBuildUps(routine.BuiltUp(m.plan.Routine.ID, m.data.History.Sessions))
}

// nextKind is what Enter would start, as routine.Upcoming decides it; 0
// while the records load.
func (m homeModel) nextKind() routine.NextKind {
	if m.data == nil || m.now == nil {
		return 0
	}
	return m.upcoming().Kind
}

// sessionRoutine is r as a session runs it: with the precautions the
// plan shows for the patient's region on each card, and each activity at
// its built-up time (the stored decisions, and extra: those a check-in
// just stored).
func (a App) sessionRoutine(r routine.Routine, extra ...routine.Decision) routine.Routine {
	if r.Phase == a.plan.Routine.Phase {
		r.Precautions = a.plan.Precautions
	}
	base := strings.TrimSuffix(r.ID, routine.BreakSuffix)
	var sessions []routine.SessionLog
	if a.home.data != nil {
		sessions = a.home.data.History.Sessions
	}
	if len(extra) > 0 {
		now := a.cfg.Clock.Now()
		sessions = append(sessions[:len(sessions):len(sessions)], routine.SessionLog{Start: now, Routine: base, Decisions: extra})
	}
	r = r.WithBuildUps(routine.BuiltUp(base, sessions))
	notes := buildUpNotes(base, sessions, a.cfg.Clock.Now())
	for i, e := range r.Exercises {
		r.Exercises[i].Note = notes[e.ID]
	}
	return r
}

// buildUpNotes are today's build-up sentences of the routine base, by
// exercise: what its card says about its time.
func buildUpNotes(base string, sessions []routine.SessionLog, now time.Time) map[string]string {
	today := now.Format(time.DateOnly)
	out := map[string]string{}
	for _, s := range sessions {
		if s.Routine != base || s.Start.Format(time.DateOnly) != today {
			continue
		}
		for _, d := range s.Decisions {
			if routine.IsBuildUp(d.Rule) {
				out[d.ExerciseID] = d.Reason
			}
		}
	}
	return out
}

// todaysBuildUps are the sentences of the build-ups that moved at today's
// check-in ("Walking stayed green yesterday: 14 minutes today"); one that
// held is said on its card.
func todaysBuildUps(sessions []routine.SessionLog, now time.Time) []string {
	today := now.Format(time.DateOnly)
	var out []string
	for _, s := range sessions {
		if s.Start.Format(time.DateOnly) != today {
			continue
		}
		for _, d := range s.Decisions {
			if d.Rule == routine.RuleBuildUp {
				out = append(out, d.Reason)
			}
		}
	}
	return out
}
