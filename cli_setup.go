package main

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
	given        map[string]bool
}

// setupCmd records the surgery date, region and cleared phase: from the
// flags, or from a form when none is given and this is a terminal.
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
	answers := tui.SetupAnswers{SurgeryDate: p.SurgeryDate, Region: p.Region, ClearedPhase: p.ClearedPhase}
	if err := saveSettings(g, &p); err != nil {
		return err
	}
	settingsOnly := (g.cues != "" || g.theme != "") && p.SurgeryDate != ""
	answered := f.given["surgery-date"] || f.given["region"] || f.given["cleared-phase"]
	if !answered && settingsOnly {
		if err := st.PutProfile(p); err != nil {
			return err
		}
		fmt.Fprintf(w, "Saved: cues %s, theme %s.\n", orDefault(p.Cues, "bell"), orDefault(p.Theme, "default"))
		return nil
	}
	if !answered {
		if !term.IsTerminal(int(os.Stdin.Fd())) {
			return usagef("setup needs --surgery-date YYYY-MM-DD when it is not run in a terminal")
		}
		clock := func() time.Time { return at }
		// With ACCESSIBLE or TERM=dumb the form asks line by line.
		if err := tui.NewSetupForm(prog, &answers, clock, p.ClearedPhase).WithAccessible(accessibleEnv()).Run(); err != nil {
			if errors.Is(err, huh.ErrUserAborted) {
				fmt.Fprintln(w, "Setup cancelled; nothing was changed.")
				return nil
			}
			return fmt.Errorf("the setup form failed: %w", err)
		}
	} else {
		if !f.given["surgery-date"] && p.SurgeryDate == "" {
			return usagef("setup needs --surgery-date YYYY-MM-DD")
		}
		if f.given["surgery-date"] {
			answers.SurgeryDate = f.surgeryDate
		}
		if f.given["region"] {
			answers.Region = f.region
		}
		if f.given["cleared-phase"] {
			answers.ClearedPhase = f.clearedPhase
		}
	}
	if _, err := routine.ParseSurgeryDate(answers.SurgeryDate, at); err != nil {
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
	p.SurgeryDate, p.Region, p.ClearedPhase, p.SetupSkipped = answers.SurgeryDate, string(region), answers.ClearedPhase, false
	if err := st.PutProfile(p); err != nil {
		return err
	}
	plan, err := routine.PlanFor(prog, p.Recovery(at), at)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Saved. %s.\n", plan.Headline)
	if plan.Waiting != nil {
		fmt.Fprintf(w, "Phase %d · %s is open by date: once your clinician clears you, press c on the home screen or run spinecoach setup --cleared-phase %d.\n",
			plan.Waiting.Phase, plan.Waiting.Name, plan.Waiting.Phase)
	}
	return nil
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
func readState(g *globals, at time.Time) (store.Profile, routine.Day, error) {
	if _, err := os.Stat(g.db); errors.Is(err, os.ErrNotExist) {
		return store.Profile{}, routine.Day{Date: at.Format(time.DateOnly)}, nil
	}
	st, err := openStoreWith(g.db, windowOptions)
	if err != nil {
		return store.Profile{}, routine.Day{}, err
	}
	defer st.Close()
	p, err := st.Profile()
	if err != nil {
		return p, routine.Day{}, err
	}
	prog, err := loadProgram(g, p)
	if err != nil {
		return p, routine.Day{}, err
	}
	plan, err := routine.PlanFor(prog, p.Recovery(at), at)
	if err != nil {
		return p, routine.Day{}, err
	}
	day, _, err := st.Today(plan.Routine.Rules, at)
	return p, day, err
}

func routinesCmd(g *globals, args []string, w io.Writer) error {
	if len(args) > 0 && (args[0] == "import" || args[0] == "reset") {
		return prescriptionCmd(g, args, w)
	}
	at, err := now()
	if err != nil {
		return err
	}
	p, day, err := readState(g, at)
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
		all, err := prog.All() // the list checks every routine file
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
				return usagef("no routine %q; spinecoach routines lists them", args[1])
			}
		}
		// The region's precautions, the neck's after a neck fusion, go with any routine shown.
		printRoutine(w, r, routine.PrecautionsFor(r, p.Recovery(at).Region, plan.Week), day)
		return nil
	}
	return usagef("usage: spinecoach routines [show [ID] | import FILE | reset]")
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
		for _, c := range e.Cues {
			fmt.Fprintf(w, "   - %s\n", c)
		}
	}
}
