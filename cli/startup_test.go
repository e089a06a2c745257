package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/tui"
)

// TestStartupParsesOnlyTodaysRoutine opens the coach as runTUI does (the
// data file and program of openProgramWith, the root model with the
// profile's recovery, its first load and its answer) for patients in
// several phases, and checks that no routine but today's (and the one
// waiting for clearance) was parsed.
func TestStartupParsesOnlyTodaysRoutine(t *testing.T) {
	const now = "2026-11-22T08:00:00+01:00"
	t.Setenv("SPINECOACH_NOW", now)
	at, _ := time.Parse(time.RFC3339, now)
	for _, tc := range []struct {
		name  string
		setup []string // setup's flags; none: no setup at all
		want  []string
	}{
		{"no setup yet", nil, []string{"phase1"}},
		{"day 4", []string{"--surgery-date", "2026-11-18"}, []string{"phase1"}},
		{"week 3", []string{"--surgery-date", "2026-11-01"}, []string{"phase2"}},
		{"week 7, waiting for clearance", []string{"--surgery-date", "2026-10-01"}, []string{"phase2", "phase3"}},
		{"week 7, cleared", []string{"--surgery-date", "2026-10-01", "--cleared-phase", "3"}, []string{"phase3"}},
		{"week 16, cleared for all", []string{"--surgery-date", "2026-08-01", "--cleared-phase", "5"}, []string{"phase5"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "a.db")
			if tc.setup != nil {
				if code, _, errOut := runCLI(t, append([]string{"--db", db, "setup"}, tc.setup...)...); code != 0 {
					t.Fatalf("setup: exit %d: %s", code, errOut)
				}
			}
			g := &globals{db: db, speed: 1}
			st, profile, prog, err := openProgramWith(g, store.Options{CheckInBackground: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			app := tui.New(tui.Config{Store: st, Program: prog, Recovery: profile.Recovery(at), Clock: tui.NewFakeClock(at)})
			if msg := app.Init()(); msg != nil {
				app.Update(msg)
			}
			if got := prog.Parsed(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("start-up parsed %v, want only %v", got, tc.want)
			}
		})
	}
}

// TestNoCodeOutsideRoutineReadsProgramRoutines: the shipped program is
// opened lazily (routine.OpenProgram), and its Routines field is then
// empty: code outside package routine reads a program through Len,
// Header, At, Routine and All, which serve both kinds. This catches a
// new use of the field, which would see no routine at all.
func TestNoCodeOutsideRoutineReadsProgramRoutines(t *testing.T) {
	use := regexp.MustCompile(`\.Routines\b`)
	const root = ".." // the module, from cli/
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != root && (path == filepath.Join(root, "routine") || strings.HasPrefix(d.Name(), ".")):
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if use.MatchString(line) {
				t.Errorf("%s:%d reads Program.Routines, empty in a program opened lazily: use Len, Header, At or All", path, i+1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
