package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

// The quality bar: what a timer runs every two hours (due, the reminders'
// remind sync), the home screen and routines show read only their window
// of days, so they cost the same on ten years of history as on one week.
// These tests count what each touches of the data file: the bytes read
// with read and pread (the walk of the file's pages reads that way) and
// the page faults (bbolt reads through a memory map, mapped anew by every
// open; Linux maps up to 16 pages around each fault), on a ten-year file and on a one-week file whose last two
// weeks are the same sessions.

const windowNow = "2026-11-22T20:00:00+01:00"

// touched is what a call cost: bytes read by read(2)/pread(2), and page
// faults, of the calling thread (cost locks the test to it): the other
// tests of the package, and the runtime's own threads, do not count.
type touched struct{ bytes, faults int64 }

func (a touched) String() string {
	return fmt.Sprintf("%d KiB read, %d pages faulted in", a.bytes>>10, a.faults)
}

func readTouched(t *testing.T) touched {
	t.Helper()
	data, err := os.ReadFile("/proc/thread-self/io")
	if err != nil {
		t.Fatalf("this test needs Linux's /proc/thread-self/io: %v", err)
	}
	var c touched
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "rchar: "); ok {
			c.bytes, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		t.Fatal(err)
	}
	c.faults = ru.Minflt + ru.Majflt
	return c
}

// rusageThread is Linux's RUSAGE_THREAD, which package syscall does not name.
const rusageThread = 1

// cost runs fn once to warm up (the heap, the page cache), then five
// times, on one thread, and keeps the smallest of each count: on a busy
// machine a page may leave the page cache between two runs.
func cost(t *testing.T, fn func() error) touched {
	t.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := fn(); err != nil {
		t.Fatal(err)
	}
	best := touched{bytes: 1 << 62, faults: 1 << 62}
	for i := 0; i < 5; i++ {
		before := readTouched(t)
		if err := fn(); err != nil {
			t.Fatal(err)
		}
		after := readTouched(t)
		best.bytes = min(best.bytes, after.bytes-before.bytes)
		best.faults = min(best.faults, after.faults-before.faults)
	}
	return best
}

// windowFile writes a data file set up in week 7 after surgery whose last
// 15 days are those of every such file (six sessions a day), after
// olderDays days of one session a day.
func windowFile(t *testing.T, path string, olderDays int) {
	t.Helper()
	if code, _, errOut := runCLI(t, "--db", path, "setup", "--surgery-date", "2026-10-01"); code != 0 {
		t.Fatalf("setup: %s", errOut)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at, _ := time.Parse(time.RFC3339, windowNow)
	y, m, d := at.Date()
	recent := time.Date(y, m, d-15, 0, 0, 0, 0, at.Location())
	older := rand.New(rand.NewPCG(1, 2))
	var batch []store.SessionHistory
	for day := olderDays; day > 0; day-- {
		batch = append(batch, fakehistory.Session(older, recent.AddDate(0, 0, -day).Add(9*time.Hour)))
		if len(batch) == 365 || day == 1 {
			if _, err := st.Import(batch); err != nil {
				t.Fatal(err)
			}
			batch = nil
		}
	}
	if _, err := st.Import(fakehistory.Days(rand.New(rand.NewPCG(3, 4)), recent, 0, 15)); err != nil {
		t.Fatal(err)
	}
}

func TestWindowedReadsCostTheSameOnTenYears(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", windowNow)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	at, _ := time.Parse(time.RFC3339, windowNow)
	dir := t.TempDir()
	week, years := filepath.Join(dir, "week.db"), filepath.Join(dir, "years.db")
	windowFile(t, week, 0)
	windowFile(t, years, 3650)
	for _, f := range []string{week, years} {
		info, _ := os.Stat(f)
		t.Logf("%s: %d KiB", filepath.Base(f), info.Size()>>10)
	}
	cli := func(db string, args ...string) func() error {
		return func() error {
			if code, _, errOut := runCLI(t, append([]string{"--db", db}, args...)...); code != 0 && code != exitDueLater && code != exitNotToday {
				return fmt.Errorf("%v: exit %d: %s", args, code, errOut)
			}
			return nil
		}
	}
	home := func(db string) func() error {
		return func() error { // as the coach opens it: tui.loadHome's read
			st, err := store.Open(db, store.Options{CheckInBackground: true})
			if err != nil {
				return err
			}
			defer st.Close()
			_, err = st.Home(routine.DefaultPainRules(), at)
			return err
		}
	}
	for _, tc := range []struct {
		name string
		run  func(db string) func() error
	}{
		{"due", func(db string) func() error { return cli(db, "due") }},
		{"routines show", func(db string) func() error { return cli(db, "routines", "show") }},
		{"the reminders' plan (remind sync)", func(db string) func() error {
			return func() error { _, err := todaysPlan(&globals{db: db, speed: 1}, at); return err }
		}},
		{"home", home},
	} {
		t.Run(tc.name, func(t *testing.T) {
			small, big := cost(t, tc.run(week)), cost(t, tc.run(years))
			t.Logf("one week: %v; ten years: %v", small, big)
			// A deeper tree may add a page or two on each path, and a page
			// evicted from the cache faults alone, not in a block of 16;
			// a walk of the file reads tens of megabytes, and a scan of
			// its sessions alone faults in over 150 blocks where a window
			// takes about 15.
			if big.bytes > small.bytes+small.bytes/10+64<<10 {
				t.Errorf("on ten years it read %d KiB, on one week %d KiB", big.bytes>>10, small.bytes>>10)
			}
			if big.faults > 2*small.faults+64 {
				t.Errorf("on ten years it touched %d pages, on one week %d", big.faults, small.faults)
			}
		})
	}
}

// TestWindowedCommandsOnADamagedFile: due and routines read a window of
// days without walking the file, so damage outside it is not theirs to
// find (check finds it) and they answer; damage inside it they refuse in
// one sentence. Neither changes the file.
func TestWindowedCommandsOnADamagedFile(t *testing.T) {
	dir := t.TempDir()
	env := []string{"SPINECOACH_NOW=2026-11-22T08:00:00+01:00", "XDG_CONFIG_HOME=" + dir}
	windowed := [][]string{{"due"}, {"routines"}, {"routines", "show"}}
	outside := filepath.Join(dir, "outside.db")
	flipValueLength(t, outside, []byte(history(t, outside, 365)), 29) // a session of May 2026
	inside := filepath.Join(dir, "inside.db")
	history(t, inside, 365)
	// The last session of that history: on the day the rules read as the
	// last session day.
	st, err := store.Open(inside, store.Options{ReadOnly: true})
	must(t, err)
	last, err := st.SessionsBetween(time.Date(2026, 10, 30, 0, 0, 0, 0, time.Local), time.Date(2026, 11, 2, 0, 0, 0, 0, time.Local))
	must(t, err)
	must(t, st.Close())
	if len(last) == 0 {
		t.Fatal("the history has no session at its end")
	}
	flipValueLength(t, inside, []byte(last[len(last)-1].ID), 29)
	for _, db := range []string{outside, inside} {
		before, err := os.ReadFile(db)
		must(t, err)
		for _, args := range windowed {
			r := runBin(t, 20*time.Second, env, append([]string{"--db", db}, args...)...)
			name := filepath.Base(db) + ": " + strings.Join(args, " ")
			switch {
			case db == outside && r.code != 0 && r.code != exitDueLater && r.code != exitNotToday:
				t.Errorf("%s: exit %d, %q", name, r.code, r.stderr)
			case db == inside && (r.code != 2 || !strings.Contains(r.stderr, db+" is damaged: ") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0):
				t.Errorf("%s: exit %d, %q", name, r.code, r.stderr)
			}
		}
		if now, _ := os.ReadFile(db); !bytes.Equal(now, before) {
			t.Errorf("%s: a windowed command changed the damaged file", filepath.Base(db))
		}
	}
}
