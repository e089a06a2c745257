package fakehistory

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// Recovery makes up a believable recovery for the report: its tests, its
// CI run and the README's picture. Unlike Days (six sessions a day, for
// the benchmarks) it has a session most days and a second on some, days
// off, check-in pain easing from about 5 to about 2, static
// stabilization until the clearance for dynamic stability in week 6,
// skipped sets, and every dose decision made by the real pain rules
// (routine.AfterSet and routine.StartLevel) with their sentences. Three
// days are scripted: a stop for pain 8 after a set, a check-in too
// painful to start, and a warning sign reported.
//
// The days run up to today's local date, sessions at 08:30 and 17:30 in
// today's location. The profile has the surgery 9 days before the first
// day, in the lower back, cleared for phase 3. The same arguments give
// the same history, ids apart (store.NewSessionID is random).
func Recovery(today time.Time, days int) ([]store.SessionHistory, store.Profile) {
	rng := rand.New(rand.NewPCG(14, uint64(days)))
	loc := today.Location()
	y, m, d := today.Date()
	first := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, 1-days)
	surgery := first.AddDate(0, 0, -9)
	cleared := surgery.AddDate(0, 0, 7*6+2)
	profile := store.Profile{SurgeryDate: surgery.Format(time.DateOnly), Region: string(routine.RegionLumbar),
		ClearedPhase: 3, ClearedAt: cleared.Add(10 * time.Hour)}

	r := &recovery{rules: routine.DefaultPainRules(), ladder: routine.DefaultLadder(), rng: rng}
	for day := 0; day < days; day++ {
		date := first.AddDate(0, 0, day)
		rt := staticRoutine
		if !date.Before(cleared) {
			rt = dynamicRoutine
		}
		// The check-in eases from about 4 to 1 over the days, give or take a point.
		trend := 3.8 - 2.6*float64(day)/float64(max(days-1, 1))
		baseline := min(7, max(0, int(math.Round(trend))+[]int{-1, 0, 0, 0, 1}[rng.IntN(5)]))
		script := ""
		switch days - day {
		case 55:
			script = "high-pain"
		case 40:
			script, baseline = "baseline-stop", 8
		case 25:
			script = "warning"
		}
		if script == "" && rng.IntN(6) == 0 {
			continue // a day off
		}
		r.session(date.Add(8*time.Hour+30*time.Minute), rt, baseline, script)
		if script == "" && rng.IntN(4) == 0 {
			r.session(date.Add(17*time.Hour+30*time.Minute), rt, min(10, baseline+rng.IntN(2)), "")
		}
	}
	return r.out, profile
}

// The two routines of the made-up recovery: phase 2, then phase 3.
var (
	staticRoutine = routine.Routine{ID: "phase2-static", Name: "Static stabilization", Phase: 2, Exercises: []routine.Exercise{
		{ID: "pelvic-tilt", Name: "Pelvic tilt", Dose: routine.Dose{Reps: 10, Hold: 5 * time.Second}},
		{ID: "bridge", Name: "Bridge", Dose: routine.Dose{Reps: 8, Hold: 5 * time.Second}},
		{ID: "leg-lift", Name: "Alternate leg lift", Sides: true, Dose: routine.Dose{Count: 10}},
		{ID: "hamstring-stretch", Name: "Hamstring stretch", Sides: true, Dose: routine.Dose{Reps: 3, Hold: 30 * time.Second}},
	}}
	dynamicRoutine = routine.Routine{ID: "phase3-dynamic", Name: "Dynamic stability", Phase: 3, Exercises: []routine.Exercise{
		{ID: "bird-dog", Name: "Bird dog", Sides: true, Dose: routine.Dose{Reps: 6, Hold: 10 * time.Second}},
		{ID: "curl-up", Name: "McGill curl-up", Dose: routine.Dose{Reps: 5, Hold: 10 * time.Second}},
		{ID: "band-pull", Name: "Diagonal band pull", Sides: true, Dose: routine.Dose{Count: 10}},
		{ID: "knee-to-chest", Name: "Knee-to-chest stretch", Sides: true, Dose: routine.Dose{Reps: 3, Hold: 30 * time.Second}},
	}}
)

// recovery is the history made so far.
type recovery struct {
	rules  routine.PainRules
	ladder routine.Ladder
	rng    *rand.Rand
	out    []store.SessionHistory
	logs   []routine.SessionLog
	start  int // the level the last day with exercise started at
}

// session records one session started at start, as the coach would: the
// day's starting level from the rules across days (or where the day has
// got to), a stop at the check-in when scripted, then a set per side of
// each exercise with the rules applied after each.
func (r *recovery) session(start time.Time, rt routine.Routine, baseline int, script string) {
	sess := store.Session{ID: store.NewSessionID(start), StartedAt: start, RoutineID: rt.ID, Routine: rt.Name,
		Baseline: baseline, Status: store.StatusCompleted}
	h := store.SessionHistory{Session: sess}
	decide := func(d routine.Decision, e routine.Exercise) {
		h.Decisions = append(h.Decisions, store.Decision{SessionID: sess.ID, Seq: len(h.Decisions), At: d.At, Rule: d.Rule,
			ExerciseID: d.ExerciseID, Exercise: e.Name, Side: d.Side, LevelBefore: d.LevelBefore, LevelAfter: d.LevelAfter,
			Reason: d.Reason})
	}
	days := routine.Days(r.rules, r.logs)
	date := start.Format(time.DateOnly)
	level := 0
	if n := len(days); n > 0 && days[n-1].Date == date {
		level = days[n-1].EndLevel // a later session carries on where the day got to
	} else {
		// Each day starts from the last session day's starting level, moved
		// only by the rules across days (CLINICAL.md).
		d := routine.StartLevel(r.rules, days, start, baseline, r.start)
		level = d.LevelAfter
		if d.Rule != routine.RuleNone && script == "" {
			decide(d, routine.Exercise{})
		}
	}
	h.Session.DoseLevel = level
	at := start.Add(2 * time.Minute)
	switch script {
	case "warning", "baseline-stop":
		d := routine.Decision{Rule: routine.RuleWarningSign, At: at, LevelBefore: level, LevelAfter: level,
			Reason: "You reported a warning sign before the session, so there is no exercise today."}
		if script == "baseline-stop" {
			d.Rule = routine.RuleBaselineStop
			d.Reason = "Your pain is 8/10 before starting, at or above 8, so there is no exercise today."
		}
		decide(d, routine.Exercise{})
		h.Session.Status, h.Session.EndedAt, h.Session.Note = store.StatusStopped, at, d.Reason
		r.keep(h)
		return
	}
	if n := len(days); n == 0 || days[n-1].Date != date {
		r.start = level
	}
	reds, ended := 0, false
	for _, e := range rt.Exercises {
		sides := []routine.Side{routine.NoSide}
		if e.Sides {
			sides = []routine.Side{routine.Left, routine.Right}
		}
		stopped := false
		for _, side := range sides {
			at = at.Add(3 * time.Minute)
			dose := r.ladder.Apply(e.Dose, level)
			set := store.SetRecord{SessionID: sess.ID, Index: len(h.Sets), ExerciseID: e.ID, Exercise: e.Name, Side: side,
				SetNo: 1, RepsPlanned: max(dose.Reps, dose.Count, 1), Hold: dose.Hold, DoseLevel: level, At: at}
			if stopped || ended || r.rng.IntN(25) == 0 {
				set.Pain, set.Skipped = -1, true
				h.Sets = append(h.Sets, set)
				continue
			}
			set.RepsDone = set.RepsPlanned
			set.Pain = min(10, max(0, baseline+[]int{-1, -1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 2}[r.rng.IntN(15)]))
			if script == "high-pain" && e.ID == rt.Exercises[1].ID {
				set.Pain = 8
			}
			h.Sets = append(h.Sets, set)
			d := routine.AfterSet(r.rules, r.ladder, e, side, baseline, set.Pain, level, reds, at)
			if d.Rule == routine.RuleGreen {
				continue
			}
			if d.Rule == routine.RuleRed {
				reds++
			}
			decide(d, e)
			level = d.LevelAfter
			stopped = stopped || d.StopExercise
			if d.EndSession {
				ended = true
				h.Session.Status, h.Session.Note = store.StatusStopped, d.Reason
			}
		}
	}
	h.Session.EndedAt = at.Add(2 * time.Minute)
	r.keep(h)
}

// keep adds a session to the history and to the logs the rules read.
func (r *recovery) keep(h store.SessionHistory) {
	r.out = append(r.out, h)
	r.logs = append(r.logs, store.Log(h.Session, h.Sets, h.Decisions))
}
