// Command genhistory writes a spinecoach data file holding a long made-up
// history, for the startup and memory measurements of scripts/bench.sh:
// six sessions a day, ten sets each, the way store/bench_test.go builds its
// histories. It goes through store.ImportJSON, a year per transaction, so
// ten years take seconds rather than the 219,000 synced writes the coach
// would make one set at a time. The documents it imports are in the JSON
// export format (spinecoach export --format json), the file's public form.
//
//	go run ./scripts/genhistory -db /tmp/10y.db -years 10
//
// The history ends the day before -end (default: today), so today is
// free for a session; the profile has a surgery date just before the
// first day and every phase cleared.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"time"

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
var exercises = []struct{ id, name, side string }{
	{"straight-leg-glide", "Straight-leg nerve glide", "left"},
	{"straight-leg-glide", "Straight-leg nerve glide", "right"},
	{"quad-pull", "Quadriceps pull", "left"},
	{"quad-pull", "Quadriceps pull", "right"},
	{"deep-breathing", "Deep breathing", ""},
	{"ankle-pumps", "Ankle pumps", "left"},
	{"ankle-pumps", "Ankle pumps", "right"},
	{"glute-squeeze", "Glute squeeze", ""},
	{"leg-sweeps", "Leg sweeps", "left"},
	{"leg-sweeps", "Leg sweeps", "right"},
}

// The JSON export format, as ImportJSON reads it.
type (
	exportFile struct {
		Format   string    `json:"format"`
		Version  int       `json:"version"`
		Sessions []session `json:"sessions"`
	}
	session struct {
		ID        string  `json:"id"`
		StartedAt string  `json:"started_at"`
		EndedAt   string  `json:"ended_at"`
		RoutineID string  `json:"routine_id"`
		Routine   string  `json:"routine"`
		Baseline  int     `json:"baseline_pain"`
		DoseLevel int     `json:"dose_level"`
		Short     bool    `json:"short"`
		Status    string  `json:"status"`
		Note      string  `json:"note"`
		Sets      []set   `json:"sets"`
		Events    []event `json:"events"`
	}
	set struct {
		SessionID   string  `json:"session_id"`
		Index       int     `json:"index"`
		ExerciseID  string  `json:"exercise_id"`
		Exercise    string  `json:"exercise"`
		Side        string  `json:"side"`
		SetNo       int     `json:"set"`
		RepsPlanned int     `json:"reps_planned"`
		RepsDone    int     `json:"reps_done"`
		HoldS       float64 `json:"hold_s"`
		Pain        int     `json:"pain"`
		Skipped     bool    `json:"skipped"`
		DoseLevel   int     `json:"dose_level"`
		At          string  `json:"at"`
	}
	event struct {
		SessionID   string `json:"session_id"`
		Seq         int    `json:"seq"`
		At          string `json:"at"`
		Rule        string `json:"rule"`
		ExerciseID  string `json:"exercise_id"`
		Exercise    string `json:"exercise"`
		Side        string `json:"side"`
		LevelBefore int    `json:"level_before"`
		LevelAfter  int    `json:"level_after"`
		Reason      string `json:"reason"`
	}
)

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
		doc, err := export(rng, first, from, min(from+chunkDays, days))
		if err != nil {
			return err
		}
		if _, err := st.ImportJSON(bytes.NewReader(doc)); err != nil {
			return err
		}
	}
	surgery := first.AddDate(0, 0, -2).Format(time.DateOnly)
	return st.PutProfile(store.Profile{SurgeryDate: surgery, Region: "lumbar", ClearedPhase: 5, ClearedAt: first})
}

// export is the JSON export of days [from, to) after first.
func export(rng *rand.Rand, first time.Time, from, to int) ([]byte, error) {
	f := exportFile{Format: "spinecoach-export", Version: 1}
	for d := from; d < to; d++ {
		day := first.AddDate(0, 0, d)
		for i := 0; i < sessionsPerDay; i++ {
			f.Sessions = append(f.Sessions, genSession(rng, day.Add(time.Duration(firstHour+hoursApart*i)*time.Hour)))
		}
	}
	return json.Marshal(f)
}

// genSession is one session: a baseline pain, ten sets a little above it,
// an amber decision when a set rises 2.
func genSession(rng *rand.Rand, start time.Time) session {
	baseline := 1 + rng.IntN(5)
	s := session{ID: store.NewSessionID(start), StartedAt: stamp(start), EndedAt: stamp(start.Add(40 * time.Minute)),
		RoutineID: "phase1", Routine: "Nerve glides and pulls", Baseline: baseline, Status: "completed",
		Sets: []set{}, Events: []event{}}
	for i := 0; i < setsPerSession; i++ {
		ex := exercises[i%len(exercises)]
		at := start.Add(time.Duration(i+1) * 3 * time.Minute)
		r := set{SessionID: s.ID, Index: i, ExerciseID: ex.id, Exercise: ex.name, Side: ex.side,
			SetNo: 1, RepsPlanned: 3, RepsDone: 3, HoldS: 30, Pain: min(10, max(0, baseline+rng.IntN(5)-1)), At: stamp(at)}
		if rng.IntN(skipEvery) == 0 {
			r.Pain, r.Skipped, r.RepsDone = -1, true, 0
		}
		s.Sets = append(s.Sets, r)
		if !r.Skipped && r.Pain-baseline >= 2 && len(s.Events) == 0 {
			s.Events = append(s.Events, event{SessionID: s.ID, Seq: 0, At: stamp(at), Rule: "amber",
				ExerciseID: ex.id, Exercise: ex.name, Side: ex.side, LevelBefore: 0, LevelAfter: 1,
				Reason: fmt.Sprintf("%s: pain went from %d to %d, so the dose for the rest of today is 2 holds of 25 s.", ex.name, baseline, r.Pain)})
		}
	}
	return s
}

func stamp(t time.Time) string { return t.Format(time.RFC3339Nano) }
