// Command genhistory writes a spinecoach data file holding a long made-up
// history, for the startup and memory measurements of scripts/bench.sh:
// six sessions a day, ten sets each, the way store/bench_test.go builds its
// histories. It goes through store.Import (the import of an export, with
// its validation), a year per transaction, so ten years take seconds
// rather than the 219,000 synced writes the coach would make one set at a
// time.
//
//	go run ./scripts/genhistory -db /tmp/10y.db -years 10
//
// The history ends the day before -end (default: today), so today is
// free for a session; the profile has a surgery date just before the
// first day and every phase cleared.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

const (
	sessionsPerDay = 6
	setsPerSession = 10
	chunkDays      = 365 // days per ImportJSON: one transaction each, memory bounded
	skipEvery      = 23  // about one set in 23 is skipped
	firstHour      = 7   // the first session of a day, local time
	hoursApart     = 2   // between sessions
)

// exercises are 10 sets: five exercises, some with two sides.
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

func main() {
	db := flag.String("db", "", "data file to create (must not exist)")
	years := flag.Int("years", 0, "years of history")
	days := flag.Int("days", 0, "days of history (added to -years)")
	end := flag.String("end", "", "the day after the last day of history, YYYY-MM-DD (default today)")
	seed := flag.Uint64("seed", 2026, "random seed: the same pains every run")
	flag.Parse()
	if err := run(*db, *years*365+*days, *end, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "genhistory:", err)
		os.Exit(1)
	}
}

func run(path string, days int, end string, seed uint64) error {
	switch {
	case path == "" || flag.NArg() > 0:
		return errors.New("usage: genhistory -db FILE [-years N] [-days N] [-end YYYY-MM-DD]")
	case days < 1:
		return errors.New("-years or -days must give at least one day")
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s already exists: genhistory only writes a new file", path)
	}
	now := time.Now()
	endDay := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	if end != "" {
		t, err := time.ParseInLocation(time.DateOnly, end, time.Local)
		if err != nil {
			return fmt.Errorf("-end: %w", err)
		}
		endDay = t
	}
	first := endDay.AddDate(0, 0, -days)

	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(seed, uint64(days)))
	for from := 0; from < days; from += chunkDays {
		if _, err := st.Import(history(rng, first, from, min(from+chunkDays, days))); err != nil {
			return err
		}
	}
	surgery := first.AddDate(0, 0, -2).Format(time.DateOnly)
	return st.PutProfile(store.Profile{SurgeryDate: surgery, Region: "lumbar", ClearedPhase: 5, ClearedAt: first})
}

// history is the sessions of days [from, to) after first.
func history(rng *rand.Rand, first time.Time, from, to int) []store.SessionHistory {
	var out []store.SessionHistory
	for d := from; d < to; d++ {
		day := first.AddDate(0, 0, d)
		for i := 0; i < sessionsPerDay; i++ {
			out = append(out, genSession(rng, day.Add(time.Duration(firstHour+hoursApart*i)*time.Hour)))
		}
	}
	return out
}

// genSession is one session: a baseline pain, ten sets a little above it,
// an amber decision when a set rises 2.
func genSession(rng *rand.Rand, start time.Time) store.SessionHistory {
	baseline := 1 + rng.IntN(5)
	sess := store.Session{ID: store.NewSessionID(start), StartedAt: start, EndedAt: start.Add(40 * time.Minute),
		RoutineID: "phase1", Routine: "Nerve glides and pulls", Baseline: baseline, Status: store.StatusCompleted}
	h := store.SessionHistory{Session: sess}
	for i := 0; i < setsPerSession; i++ {
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
