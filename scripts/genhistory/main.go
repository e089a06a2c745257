// Command genhistory writes a spinecoach data file holding a long made-up
// history (store/fakehistory, as the store's benchmarks use), for the
// startup and memory measurements of scripts/bench.sh. It goes through
// store.Import (the import of an export, with its validation), a year per
// Import, each written in transactions of a few megabytes, so ten years
// take seconds rather than the 219,000 synced writes the coach would make
// one set at a time.
//
//	go run ./scripts/genhistory -db /tmp/10y.db -years 10
//
// The history ends the day before -end (default: today), so today is
// free for a session; the profile has a surgery date just before the
// first day and every phase cleared.
//
// With -recovery it writes instead fakehistory.Recovery, a believable
// recovery of -days days with stops and a warning sign (for the report's
// CI run and the README's picture), ending on the day before -end.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"time"

	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

// chunkDays is the days per Import: the history held in memory at once.
const chunkDays = 365

func main() {
	db := flag.String("db", "", "data file to create (must not exist)")
	years := flag.Int("years", 0, "years of history")
	days := flag.Int("days", 0, "days of history (added to -years)")
	end := flag.String("end", "", "the day after the last day of history, YYYY-MM-DD (default today)")
	seed := flag.Uint64("seed", 2026, "random seed: the same pains every run")
	recovery := flag.Bool("recovery", false, "a believable recovery with stops and a warning sign, not the benchmarks' history")
	flag.Parse()
	if err := run(*db, *years*365+*days, *end, *seed, *recovery); err != nil {
		fmt.Fprintln(os.Stderr, "genhistory:", err)
		os.Exit(1)
	}
}

func run(path string, days int, end string, seed uint64, recovery bool) error {
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
	if recovery {
		h, profile := fakehistory.Recovery(endDay.Add(-4*time.Hour), days)
		if _, err := st.Import(h); err != nil {
			return err
		}
		return st.PutProfile(profile)
	}
	rng := rand.New(rand.NewPCG(seed, uint64(days)))
	for from := 0; from < days; from += chunkDays {
		if _, err := st.Import(fakehistory.Days(rng, first, from, min(from+chunkDays, days))); err != nil {
			return err
		}
	}
	surgery := first.AddDate(0, 0, -2).Format(time.DateOnly)
	return st.PutProfile(store.Profile{SurgeryDate: surgery, Region: "lumbar", ClearedPhase: 5, ClearedAt: first})
}
