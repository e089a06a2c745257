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
// (routine.Today, routine.CheckIn and routine.AfterSet) with their sentences. Three
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
}

// history is what the day rules read: every session so far and each
// day's mean check-in.
func (r *recovery) history() routine.History {
	h := routine.History{Sessions: r.logs}
	sums := map[string][2]int{}
	var dates []string
	for _, l := range r.logs {
		date := l.Start.Format(time.DateOnly)
		if _, ok := sums[date]; !ok {
			dates = append(dates, date)
		}
		s := sums[date]
		sums[date] = [2]int{s[0] + l.Baseline, s[1] + 1}
	}
	for _, date := range dates {
		s := sums[date]
		h.Checkins = append(h.Checkins, routine.DayCheckin{Date: date, Mean: float64(s[0]) / float64(s[1])})
	}
	return h
}

// session records one session started at start, as the coach would: what
// today allows and the check-in's decisions from the day rules (a closed
// day takes no session; a warning sign or a check-in of 8 closes it), then
// a set per side of each exercise not stopped today, with the rules
// applied after each.
func (r *recovery) session(start time.Time, rt routine.Routine, baseline int, script string) {
	sess := store.Session{ID: store.NewSessionID(start), StartedAt: start, RoutineID: rt.ID, Routine: rt.Name,
		Baseline: baseline, Status: store.StatusCompleted}
	h := store.SessionHistory{Session: sess}
	decide := func(d routine.Decision) {
		h.Decisions = append(h.Decisions, store.NewDecision(sess, len(h.Decisions), d))
	}
	hist := r.history()
	day := routine.Today(r.rules, hist, start)
	if day.Closed != nil {
		return
	}
	c := routine.CheckIn(r.rules, hist, day, start, baseline, script == "warning")
	level := c.Level
	h.Session.DoseLevel = level
	for _, d := range c.Decisions {
		decide(d)
	}
	at := start.Add(2 * time.Minute)
	if c.Closed != nil {
		h.Session.Status, h.Session.EndedAt, h.Session.Note = store.StatusStopped, start, c.Closed.Reason
		r.keep(h)
		return
	}
	var reds []routine.Decision
	ended := false
	for _, e := range rt.Exercises {
		if day.StoppedToday(e.ID) {
			continue // left out for the rest of the day
		}
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
			d := routine.AfterSet(r.rules, r.ladder, e, side, baseline, set.Pain, level, reds, nil, at)
			if d.Rule == routine.RuleGreen {
				continue
			}
			if d.Rule == routine.RuleRed {
				reds = append(reds, d)
			}
			decide(d)
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
