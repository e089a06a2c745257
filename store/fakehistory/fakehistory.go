// Package fakehistory makes up a long history of sessions for the
// benchmarks and for scripts/genhistory: six sessions a day, ten sets
// each, check-in pain drifting between 1 and 5, sets a little above it,
// about one set in 23 skipped, and an amber decision when a set rises 2.
// The same seed gives the same history.
//
// It sits beside the store it fills; only tests and scripts/genhistory may
// import it (internal/structure's test says so), never the program.
package fakehistory

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

const (
	SessionsPerDay = 6
	SetsPerSession = 10
	FirstHour      = 7  // the first session of a day, local time
	HoursApart     = 2  // between sessions
	skipEvery      = 23 // about one set in 23 is skipped
)

// exercises are a session's 10 sets: five exercises, some with two sides.
var exercises = []struct {
	id, name string
	side     routine.Side
}{
	{"straight-leg-glide", "Straight-leg nerve glide", routine.Left},
	{"straight-leg-glide", "Straight-leg nerve glide", routine.Right},
	{"quad-pull", "Quadriceps pull", routine.Left},
	{"quad-pull", "Quadriceps pull", routine.Right},
	{"deep-breathing", "Deep breathing", routine.NoSide},
	{"ankle-pumps", "Ankle pumps", routine.Left},
	{"ankle-pumps", "Ankle pumps", routine.Right},
	{"glute-squeeze", "Glute squeeze", routine.NoSide},
	{"leg-sweeps", "Leg sweeps", routine.Left},
	{"leg-sweeps", "Leg sweeps", routine.Right},
}

// Days is the sessions of the days [from, to) after the midnight first,
// in time order.
func Days(rng *rand.Rand, first time.Time, from, to int) []store.SessionHistory {
	var out []store.SessionHistory
	for d := from; d < to; d++ {
		day := first.AddDate(0, 0, d)
		for i := 0; i < SessionsPerDay; i++ {
			out = append(out, Session(rng, day.Add(time.Duration(FirstHour+HoursApart*i)*time.Hour)))
		}
	}
	return out
}

// Session is one completed session started at start.
func Session(rng *rand.Rand, start time.Time) store.SessionHistory {
	baseline := 1 + rng.IntN(5)
	sess := store.Session{ID: store.NewSessionID(start), StartedAt: start, EndedAt: start.Add(40 * time.Minute),
		RoutineID: "phase1", Routine: "Nerve glides and pulls", Baseline: baseline, Status: store.StatusCompleted}
	h := store.SessionHistory{Session: sess}
	for i := 0; i < SetsPerSession; i++ {
		ex := exercises[i%len(exercises)]
		at := start.Add(time.Duration(i+1) * 3 * time.Minute)
		r := store.SetRecord{SessionID: sess.ID, Index: i, ExerciseID: ex.id, Exercise: ex.name, Side: ex.side,
			SetNo: 1, RepsPlanned: 3, RepsDone: 3, Hold: 30 * time.Second, Pain: min(10, max(0, baseline+rng.IntN(5)-1)), At: at}
		if rng.IntN(skipEvery) == 0 {
			r.Pain, r.Skipped, r.RepsDone = -1, true, 0
		}
		h.Sets = append(h.Sets, r)
		if !r.Skipped && r.Pain-baseline >= 2 && len(h.Decisions) == 0 {
			h.Decisions = append(h.Decisions, store.Decision{SessionID: sess.ID, Seq: 0, At: at, Rule: routine.RuleAmber,
				ExerciseID: ex.id, Exercise: ex.name, Side: ex.side, LevelBefore: 0, LevelAfter: 1,
				Reason: fmt.Sprintf("%s: pain went from %d to %d, so the dose for the rest of today is 2 holds of 25 s.", ex.name, baseline, r.Pain)})
		}
	}
	return h
}
