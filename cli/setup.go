package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/huh"
	"golang.org/x/term"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/tui"
)

// setupFlags are the answers of `spinecoach setup` given as flags.
type setupFlags struct {
	surgeryDate  string
	region       string
	clearedPhase int
	plain        bool // ask line by line, as with ACCESSIBLE or TERM=dumb
	patient      patientFlags
	given        map[string]bool
}

// setupCmd records the surgery date, region and cleared phase: from the
// flags, or, when none is given and this is a terminal, from the form on
// a screen or the written-out questions in plain mode.
func setupCmd(g *globals, f setupFlags, w io.Writer) error {
	at, err := now()
	if err != nil {
		return err
	}
	st, p, prog, err := openProgram(g, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := saveSettings(g, &p); err != nil {
		return err
	}
	patientGiven, err := applyPatient(f.patient, f.given, &p)
	if err != nil {
		return err
	}
	settingsOnly := (g.cues != "" || g.theme != "" || patientGiven) && p.SurgeryDate != ""
	answered := f.given["surgery-date"] || f.given["region"] || f.given["cleared-phase"]
	switch {
	case !answered && settingsOnly:
		if err := st.PutProfile(p); err != nil {
			return err
		}
		fmt.Fprintf(w, "Saved: cues %s, theme %s.\n", orDefault(p.Cues, "bell"), orDefault(p.Theme, "default"))
		if patientGiven {
			patientSaved(w, p)
		}
		return nil
	case !answered && !term.IsTerminal(int(os.Stdin.Fd())):
		return usagef("setup needs --surgery-date YYYY-MM-DD when it is not run in a terminal")
	case !answered && (f.plain || accessibleEnv()):
		return askSetupLines(st, p, prog, at, os.Stdin, w)
	case !answered:
		return setupForm(st, p, prog, at, w)
	}
	if !f.given["surgery-date"] && p.SurgeryDate == "" {
		return usagef("setup needs --surgery-date YYYY-MM-DD")
	}
	answers := tui.SetupAnswers{SurgeryDate: p.SurgeryDate, Region: p.Region, ClearedPhase: p.ClearedPhase}
	if f.given["surgery-date"] {
		answers.SurgeryDate = f.surgeryDate
	}
	if f.given["region"] {
		answers.Region = f.region
	}
	if f.given["cleared-phase"] {
		answers.ClearedPhase = f.clearedPhase
	}
	return saveSetup(st, p, prog, answers, at, w)
}

// setupForm runs the full-screen form: the saved answers shown when there
// are some, else nothing chosen.
func setupForm(st *store.Store, p store.Profile, prog routine.Program, at time.Time, w io.Writer) error {
	answers := tui.NewSetupAnswers()
	if p.SurgeryDate != "" {
		answers = tui.SetupAnswers{SurgeryDate: p.SurgeryDate, Region: p.Region, ClearedPhase: p.ClearedPhase}
	}
	clock := func() time.Time { return at }
	if err := tui.NewSetupForm(prog, &answers, clock, p.ClearedPhase, localeDateOrder()).Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			fmt.Fprintln(w, "Setup cancelled; nothing was changed.")
			return nil
		}
		return fmt.Errorf("the setup form failed: %w", err)
	}
	return saveSetup(st, p, prog, answers, at, w)
}

// askSetupLines asks the setup questions line by line on standard input
// (in) and saves the answers, or that setup was skipped.
func askSetupLines(st *store.Store, p store.Profile, prog routine.Program, at time.Time, in io.Reader, w io.Writer) error {
	q := tui.SetupQuestion{In: in, Out: w, Program: prog, Now: at, Order: localeDateOrder()}
	answers, err := q.Ask()
	switch {
	case errors.Is(err, tui.ErrSetupSkipped):
		p.SetupSkipped = true
		if err := st.PutProfile(p); err != nil {
			return err
		}
		fmt.Fprintln(w, "Setup skipped: phase 1 runs. Run spinecoach setup when you know your surgery date.")
		return nil
	case err != nil:
		return err
	}
	return saveSetup(st, p, prog, answers, at, w)
}

// saveSetup checks the answers, stores them and says what today's routine is.
func saveSetup(st *store.Store, p store.Profile, prog routine.Program, answers tui.SetupAnswers, at time.Time, w io.Writer) error {
	d, err := routine.ParseSurgeryDateIn(answers.SurgeryDate, at, localeDateOrder())
	if err != nil {
		return usageError{err.Error()}
	}
	region, err := routine.ParseRegion(answers.Region)
	if err != nil {
		return usageError{err.Error()}
	}
	if top := prog.Header(prog.Len() - 1).Phase; answers.ClearedPhase < 0 || answers.ClearedPhase > top {
		return usagef("--cleared-phase must be from 0 to %d, got %d", top, answers.ClearedPhase)
	}
	if answers.ClearedPhase != p.ClearedPhase {
		p.ClearedAt = at
	}
	p.SurgeryDate, p.Region, p.ClearedPhase, p.SetupSkipped = d.Format(time.DateOnly), string(region), answers.ClearedPhase, false
	if err := st.PutProfile(p); err != nil {
		return err
	}
	plan, err := routine.PlanFor(prog, p.Recovery(at), at)
	if err != nil {
		return err
	}
	printSaved(w, plan)
	if plan.Waiting != nil {
		fmt.Fprintf(w, "Phase %d · %s is open by date: once your clinician clears you, press c on the home screen or run spinecoach setup --cleared-phase %d.\n",
			plan.Waiting.Phase, plan.Waiting.Name, plan.Waiting.Phase)
	}
	return nil
}

// localeDateOrder is how a slashed date is read: the order of LC_ALL,
// LC_TIME or LANG, the first one set.
func localeDateOrder() routine.DateOrder {
	for _, v := range []string{"LC_ALL", "LC_TIME", "LANG"} {
		if l := os.Getenv(v); l != "" {
			return routine.DateOrderFor(l)
		}
	}
	return routine.DayFirst
}

// saveSettings keeps --cues and --theme in the profile, so they need no
// flags next time.
func saveSettings(g *globals, p *store.Profile) error {
	if err := checkCues(g.cues); err != nil {
		return err
	}
	if err := checkTheme(g.theme); err != nil {
		return err
	}
	if g.cues != "" {
		p.Cues = g.cues
	}
	if g.theme != "" {
		p.Theme = g.theme
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// readState is what the read-only commands need of the data file: the
// profile and what today allows. A data file not made yet is an empty one.
func readState(g *globals, at time.Time) (store.Profile, routine.Day, routine.History, error) {
	var h routine.History
	if _, err := os.Stat(g.db); errors.Is(err, os.ErrNotExist) {
		return store.Profile{}, routine.Day{Date: at.Format(time.DateOnly)}, h, nil
	}
	st, err := openStoreWith(g.db, windowOptions)
	if err != nil {
		return store.Profile{}, routine.Day{}, h, err
	}
	defer st.Close()
	p, err := st.Profile()
	if err != nil {
		return p, routine.Day{}, h, err
	}
	prog, err := loadProgram(g, p)
	if err != nil {
		return p, routine.Day{}, h, err
	}
	plan, err := routine.PlanFor(prog, p.Recovery(at), at)
	if err != nil {
		return p, routine.Day{}, h, err
	}
	day, h, err := st.Today(plan.Routine.Rules, at)
	return p, day, h, err
}

func routinesCmd(g *globals, args []string, w io.Writer) error {
	if len(args) > 0 && (args[0] == "import" || args[0] == "reset") {
		return prescriptionCmd(g, args, w)
	}
	at, err := now()
	if err != nil {
		return err
	}
	p, day, h, err := readState(g, at)
	if err != nil {
		return err
	}
	prog, err := loadProgram(g, p)
	if err != nil {
		return err
	}
	plan, err := routine.PlanFor(prog, p.Recovery(at), at)
	if err != nil {
		return err
	}
	switch {
	case len(args) == 0:
		all, err := prog.All() // every routine: a prescription parsed and checked now, the shipped ones when built (TestShippedGenerated)
		if err != nil {
			return fmt.Errorf("the shipped routines do not load: %w", err)
		}
		for _, r := range all {
			opens := "day 1"
			if r.OpensWeek > 0 {
				opens = "week " + strconv.Itoa(r.OpensWeek)
			}
			if r.NeedsClearance {
				opens += ", once cleared"
			}
			mark := " "
			if r.ID == plan.Routine.ID {
				mark = "*"
			}
			fmt.Fprintf(w, "%s %-8s phase %d  %-26s opens %-20s %d exercises\n", mark, r.ID, r.Phase, r.Name, opens, len(r.Exercises))
		}
		fmt.Fprintln(w, "* today's routine")
		return nil
	case args[0] == "show" && len(args) <= 2:
		r := plan.Routine
		if len(args) == 2 {
			var ok bool
			if r, ok = prog.Routine(args[1]); !ok {
				var ids []string
				for _, r := range prog.Headers() {
					ids = append(ids, r.ID)
				}
				return usagef("no routine %q: spinecoach routines lists them%s", args[1], didYouMean(args[1], ids...))
			}
			r = r.ForRegion(p.Recovery(at).Region) // after a neck fusion, without what is not for it
		}
		// The region's precautions, the neck's after a neck fusion, go with
		// any routine shown; an activity that builds up, at its time in force.
		r = r.WithBuildUps(routine.BuiltUp(r.ID, h.Sessions))
		printRoutine(w, r, routine.PrecautionsFor(r, p.Recovery(at).Region, plan.Week), day)
		return nil
	}
	return usagef("usage: spinecoach routines [show [ID] | import FILE | reset]%s", didYouMean(args[0], "show", "import", "reset"))
}

// prescriptionCmd keeps a clinician's prescription in the data file, or
// goes back to the shipped routines.
func prescriptionCmd(g *globals, args []string, w io.Writer) error {
	var data []byte
	switch {
	case args[0] == "import" && len(args) == 2:
		var err error
		if data, err = readInput(args[1], routine.MaxFileSize); err != nil {
			return usagef("cannot read the prescription %s: %v", args[1], err)
		}
		if _, err := parsePrescription(args[1], data); err != nil {
			return err
		}
	case args[0] == "reset" && len(args) == 1:
	default:
		return usagef("usage: spinecoach routines import FILE, or spinecoach routines reset")
	}
	st, err := openStore(g.db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.Profile()
	if err != nil {
		return err
	}
	p.Prescription, p.PrescriptionName = string(data), ""
	if data != nil {
		// A name to show: its control characters shown as U+FFFD, cut to
		// what the profile keeps.
		p.PrescriptionName = safetext.Line(filepath.Base(args[1]))
		for len(p.PrescriptionName) > 255 {
			_, n := utf8.DecodeLastRuneInString(p.PrescriptionName)
			p.PrescriptionName = p.PrescriptionName[:len(p.PrescriptionName)-n]
		}
	}
	if err := st.PutProfile(p); err != nil {
		return err
	}
	if data == nil {
		fmt.Fprintln(w, "Back to the shipped routines.")
		return nil
	}
	prog, _ := parsePrescription(args[1], data)
	r, _ := prog.At(0) // parsed and checked above
	n := fmt.Sprintf("%d exercises", len(r.Exercises))
	if len(r.Exercises) == 1 {
		n = "1 exercise"
	}
	fmt.Fprintf(w, "Imported %s: %s, %s. It replaces the shipped routines until spinecoach routines reset.\n",
		p.PrescriptionName, r.Name, n)
	return nil
}

// printSaved says what setup saved; after a neck fusion, that a
// clinician's prescription is advised.
func printSaved(w io.Writer, plan routine.Plan) {
	fmt.Fprintf(w, "Saved. %s.\n", plan.Headline)
	if plan.Region == routine.RegionCervical {
		fmt.Fprintln(w, tui.NeckAdvice)
	}
}

// printRoutine prints a routine with its doses at the level today's rules
// have in force.
func printRoutine(w io.Writer, r routine.Routine, precautions []string, day routine.Day) {
	level := day.Level
	fmt.Fprintf(w, "%s (phase %d): %s\n", r.Name, r.Phase, r.ID)
	if r.Summary != "" {
		fmt.Fprintf(w, "%s\n", r.Summary)
	}
	switch {
	case day.Closed != nil:
		fmt.Fprintf(w, "No more exercise today: %s\n", day.Closed.Reason)
	case level > 0:
		fmt.Fprintf(w, "Doses at today's level %d (one step down per level, from the prescription at 0).\n", level)
	}
	if left := r.LeftOutText(); left != "" {
		fmt.Fprintf(w, "%s %s\n", tui.NeckAdvice, left)
	}
	if len(precautions) > 0 {
		fmt.Fprintln(w, "\nTake care:")
		for _, p := range precautions {
			fmt.Fprintf(w, "  ! %s\n", p)
		}
	}
	for i, e := range r.Exercises {
		opt := ""
		if e.Optional {
			opt = " (optional)"
		}
		dose := e.DoseText(r.Ladder.Apply(e.Dose, level))
		switch {
		case day.StoppedToday(e.ID):
			dose = "stopped for today by the pain rules"
		case r.Ladder.Drops(e, level):
			dose = "left out at this level"
		}
		fmt.Fprintf(w, "\n%d. %s%s: %s\n", i+1, e.Name, opt, dose)
		fmt.Fprintf(w, "   Position: %s\n", e.Position)
		if e.Differs != "" {
			fmt.Fprintf(w, "   Why this one is allowed: %s\n", e.Differs)
		}
		if e.Repeat.Repeats() {
			fmt.Fprintf(w, "   How often: %s.\n", e.Repeat)
		}
		if e.BuildUp != nil {
			fmt.Fprintf(w, "   Time: %s.\n", *e.BuildUp)
		}
		for _, c := range e.Cues {
			fmt.Fprintf(w, "   - %s\n", c)
		}
	}
}
