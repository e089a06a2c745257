package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// loadProgram is what the patient follows: the --routine-file given, else
// the prescription kept in the data file, else the shipped program.
func loadProgram(g *globals, profile store.Profile) (routine.Program, error) {
	switch {
	case g.routineFile != "":
		data, err := readInput(g.routineFile, routine.MaxFileSize)
		if err != nil {
			return routine.Program{}, usagef("cannot read the routine file %s: %v", g.routineFile, err)
		}
		return parsePrescription(g.routineFile, data)
	case profile.Prescription != "":
		p, err := parsePrescription(profile.PrescriptionName+" (kept in the data file)", []byte(profile.Prescription))
		if err != nil {
			return routine.Program{}, fmt.Errorf("%w; spinecoach routines reset goes back to the shipped routines", err)
		}
		return p, nil
	}
	// Parsed when the binary was built (shipped_gen.go, checked against
	// the files by TestShippedGenerated): start-up parses no TOML.
	return shippedProgram(), nil
}

// parsePrescription checks a prescription file: one routine.
func parsePrescription(name string, data []byte) (routine.Program, error) {
	r, err := routine.Parse(name, data)
	if err != nil {
		return routine.Program{}, usageError{firstProblem(err)}
	}
	return routine.Program{Routines: []routine.Routine{r}}, nil
}

// firstProblem keeps an error to one line: the first problem of a file,
// with a count of the others.
func firstProblem(err error) string {
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) < 2 {
		return err.Error()
	}
	errs := joined.Unwrap()
	more := "problem"
	if len(errs) > 2 {
		more = "problems"
	}
	return fmt.Sprintf("%s (and %d more %s in this file)", errs[0], len(errs)-1, more)
}

// windowOptions open the data file read-only for a command that reads a
// window of days (due, routines, remind sync): like the coach's home
// screen, it does not walk the whole file's pages first, so it costs the
// same on ten years as on a week. Each value read is still checked, and
// a fault on a damaged page is still an error (store.Options); the walk
// of every page is spinecoach check's, and every other command's.
var windowOptions = store.Options{ReadOnly: true, CheckInBackground: true}

func openStore(path string, readOnly bool) (*store.Store, error) {
	return openStoreWith(path, store.Options{ReadOnly: readOnly})
}

// openStoreWith opens the data file with opts, an empty file at the
// default path recovered (saying so on standard error).
func openStoreWith(path string, opts store.Options) (*store.Store, error) {
	opts.RecoverEmpty = path == xdgDB()
	st, err := store.Open(path, opts)
	if err == nil && st.Notice() != "" {
		fmt.Fprintln(os.Stderr, "spinecoach: "+st.Notice())
	}
	switch {
	case errors.Is(err, store.ErrLocked):
		return nil, lockedError{path}
	case errors.Is(err, store.ErrForeign), errors.Is(err, store.ErrCorrupt):
		return nil, fmt.Errorf("%w; it was left untouched: choose another file with --db", err)
	}
	return st, err
}

// lockedError says once that another spinecoach has the data file; it is
// store.ErrLocked for errors.Is (exit 3) without repeating its words.
type lockedError struct{ path string }

func (e lockedError) Error() string {
	return "spinecoach is already running with this data file (" + e.path + "); close it first, or use another file with --db"
}

func (e lockedError) Is(target error) bool { return target == store.ErrLocked }

// openProgram opens the data file and loads what the patient follows.
func openProgram(g *globals, readOnly bool) (*store.Store, store.Profile, routine.Program, error) {
	return openProgramWith(g, store.Options{ReadOnly: readOnly})
}

func openProgramWith(g *globals, opts store.Options) (*store.Store, store.Profile, routine.Program, error) {
	st, err := openStoreWith(g.db, opts)
	if err != nil {
		return nil, store.Profile{}, routine.Program{}, err
	}
	profile, err := st.Profile()
	if err == nil {
		var prog routine.Program
		if prog, err = loadProgram(g, profile); err == nil {
			return st, profile, prog, nil
		}
	}
	st.Close()
	return nil, store.Profile{}, routine.Program{}, err
}

//go:generate go run ../scripts/genroutines -assets ../assets -out shipped_gen.go

// shippedProgram is the shipped program, read without parsing TOML: each
// file of assets.RoutinesDir as routine.Parse made it when the binary was
// built (shipped_gen.go, written by go generate), static data that
// start-up does not build; TestShippedGenerated fails when a file and its
// values differ.
func shippedProgram() routine.Program { return routine.BuiltProgram(builtRoutineFiles) }

// shippedWarnings are the shipped warning signs, read likewise:
// routine.LoadWarnings of assets.WarningsFile when the binary was built.
func shippedWarnings() routine.Warnings { return builtWarningSigns }
