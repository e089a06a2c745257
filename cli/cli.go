// Package cli is spinecoach's command line: the command table, the global
// flags, one file per command, the exit codes, and the shared opening of the
// data file. main calls Run and exits with its code.
package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/adrg/xdg"
)

const usageText = `spinecoach: a coach for your daily exercises after spinal fusion surgery.

It coaches; it does not prescribe. The routines it ships are defaults: your
surgeon's or physical therapist's advice comes first, and a prescription file
from them (--routine-file) replaces the shipped routines.

Usage:
  spinecoach                 the home screen (on a new data file, setup first)
  spinecoach start [--short] [--plain]
                             straight into today's routine
  spinecoach start --stretch a stretch break: the stretches that may repeat
  spinecoach setup [--surgery-date DATE] [--region cervical|thoracic|lumbar]
                   [--cleared-phase N] [--plain]
                   [--patient-name NAME] [--patient-id ID]
                   [--patient-id-system URI]
                             your surgery date, where the fusion was and the
                             phase you are cleared for; no flags: questions;
                             name and record number only if you want them
                             in the FHIR export for your clinic
  spinecoach history [--days N]
                             one line per session
  spinecoach trends [--plain] [--days N]
                             pain trends, 90 days (--plain: as text)
  spinecoach report [--days N] [--out FILE]
                             a report for your care team, 90 days: a web page
                             to print, or save as PDF from a browser
  spinecoach review [--plain]
                             the weekly review now: back and leg pain, and
                             how well you do the activities you named
  spinecoach export [--format csv|json|fhir] [--out FILE]
                             every record; fhir: an HL7 FHIR R4 Bundle
  spinecoach import FILE     merge a JSON export (records are never doubled)
  spinecoach routines [show [ID]]
                             list the routines, or print one with today's doses
  spinecoach routines import FILE
                             keep a clinician's prescription in the data file
  spinecoach routines reset  go back to the shipped routines
  spinecoach check [--salvage --out FILE]
                             verify the data file; --salvage: what can be
                             read of a damaged one, into a new data file FILE
  spinecoach backup FILE     a consistent, checked copy of the data file
  spinecoach due             one line: is a session due now, later, or not
                             today and why (exit 0 now, 4 later today,
                             5 not today, 3 app open, 1 error)
  spinecoach remind on [--at HH:MM] [--via systemd|cron] [--no-enable]
                             desktop reminders: a systemd user timer, or a
                             crontab line to add
  spinecoach remind off | status | sync
                             remove what remind on wrote / say what is on /
                             follow the phase
  spinecoach remind ics [--at HH:MM] [--out FILE]
                             an iCalendar file for a phone calendar
  spinecoach version

DATE: 2026-11-01, 1 Nov 2026 or a slashed date in your locale's order.

Global flags (before or after the command):
  --db PATH            the data file (env SPINECOACH_DB); default:
                       %s
  --routine-file PATH  a prescription that replaces the shipped routines
  --speed N            time runs N times faster (demos and tests)
  --cues off|bell|voice
                       sound cues: bell patterns (the default) or a local
                       speech program
  --no-bell            the same as --cues off
  --theme default|light|dark|high-contrast
                       colours for a light or dark background (found out by
                       itself with default), or the strongest; remembered
  --no-color           no colours (also when NO_COLOR is set)
  --plain              (home, start, setup) a line per step, for screen
                       readers; also when ACCESSIBLE is set or TERM=dumb

Env SPINECOACH_NOW (RFC 3339) starts the clock at that instant.
Exit codes: 0 done, 1 runtime error, 2 bad usage or input file, 3 data file
in use; due also 4 and 5 (above).

Keys: press ? on any screen for all of its keys; the README lists them all.
The prescription file format: the README's "Routines and prescriptions" and
the shipped routines (spinecoach routines show ID prints one).
`

// maxSpeed bounds --speed: time a thousand times faster is already too
// fast to see, and beyond it the clock's arithmetic loses its meaning.
const maxSpeed = 10000

// globals are the flags every command takes.
type globals struct {
	db          string
	routineFile string
	speed       float64
	noBell      bool
	cues        string // off, bell, voice; "" for the saved setting
	theme       string // default, high-contrast; "" for the saved setting
	noColor     bool
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.db, "db", g.db, "data file")
	fs.StringVar(&g.routineFile, "routine-file", g.routineFile, "prescription file replacing the shipped routines")
	fs.Float64Var(&g.speed, "speed", g.speed, "time runs N times faster")
	fs.BoolVar(&g.noBell, "no-bell", g.noBell, "no terminal bell (the same as --cues off)")
	fs.StringVar(&g.cues, "cues", g.cues, "off, bell or voice")
	fs.StringVar(&g.theme, "theme", g.theme, "default, light, dark or high-contrast")
	fs.BoolVar(&g.noColor, "no-color", g.noColor, "no colours (also when NO_COLOR is set)")
}

func defaultDB() string {
	if p := os.Getenv("SPINECOACH_DB"); p != "" {
		return p
	}
	return xdgDB()
}

// xdgDB is the data file when none is named: the only one spinecoach may
// replace when it finds it empty (store.Options.RecoverEmpty).
func xdgDB() string { return filepath.Join(xdg.DataHome, "spinecoach", "spinecoach.db") }

// cmdline is a command line, parsed: the global flags, the ones the
// command takes, and the words left after them.
type cmdline struct {
	g            *globals
	name         string        // the command: "" for the home screen
	fs           *flag.FlagSet // the command's flags, for setup's "given"
	args         []string      // the words after the flags
	plain, short bool          // the session's own flags, also before the command
	stretch      bool          // start --stretch: a stretch break
	salvage      bool          // check --salvage
	days         int
	format, out  string
	setup        setupFlags
}

// command is a row of the command table.
type command struct {
	flags  func(fs *flag.FlagSet, c *cmdline) // the flags it takes beyond the global ones; nil: none
	noArgs bool                               // words after the flags are refused
	bulk   bool                               // it reads or writes a whole file: it runs on every CPU (useEveryCPU)
	run    func(c *cmdline, w io.Writer) error
}

// commands is the command table: every command by name.
var commands = map[string]command{
	"":         {flags: sessionFlags, noArgs: true, run: startCmd},
	"start":    {flags: sessionFlags, noArgs: true, run: startCmd},
	"routines": {run: func(c *cmdline, w io.Writer) error { return routinesCmd(c.g, c.args, w) }},
	"check": {flags: salvageFlags, noArgs: true, bulk: true, run: func(c *cmdline, w io.Writer) error {
		if c.salvage || c.out != "" {
			return salvageCmd(c.g, c.salvage, c.out, w)
		}
		return checkCmd(c.g, w)
	}},
	"backup": {bulk: true, run: func(c *cmdline, w io.Writer) error { return withFile(c, w, backupCmd) }},
	"import": {bulk: true, run: func(c *cmdline, w io.Writer) error { return withFile(c, w, importCmd) }},
	"setup": {flags: func(fs *flag.FlagSet, c *cmdline) {
		fs.StringVar(&c.setup.surgeryDate, "surgery-date", "", "YYYY-MM-DD")
		fs.StringVar(&c.setup.region, "region", "", "cervical, thoracic or lumbar")
		fs.IntVar(&c.setup.clearedPhase, "cleared-phase", -1, "the phase your clinician has cleared")
		fs.BoolVar(&c.setup.plain, "plain", c.plain, "ask the questions line by line")
		registerPatientFlags(fs, &c.setup.patient)
	}, noArgs: true, run: func(c *cmdline, w io.Writer) error {
		c.setup.given = map[string]bool{}
		c.fs.Visit(func(f *flag.Flag) { c.setup.given[f.Name] = true })
		return setupCmd(c.g, c.setup, w)
	}},
	"history": {flags: func(fs *flag.FlagSet, c *cmdline) {
		fs.IntVar(&c.days, "days", 30, "how many days back")
	}, run: func(c *cmdline, w io.Writer) error { return historyCmd(c.g, c.days, w) }},
	"trends": {flags: func(fs *flag.FlagSet, c *cmdline) {
		fs.BoolVar(&c.plain, "plain", c.plain, "print the trends as text")
		fs.IntVar(&c.days, "days", 90, "how many days back")
	}, noArgs: true, run: func(c *cmdline, w io.Writer) error { return trendsCmd(c.g, c.plain, c.days, w) }},
	"export": {flags: func(fs *flag.FlagSet, c *cmdline) {
		fs.StringVar(&c.format, "format", "csv", "csv, json or fhir")
		fs.StringVar(&c.out, "out", "", "file to write (default: standard output)")
	}, bulk: true, run: func(c *cmdline, w io.Writer) error { return exportCmd(c.g, c.format, c.out, w) }},
	"report": {flags: func(fs *flag.FlagSet, c *cmdline) {
		fs.IntVar(&c.days, "days", 90, "how many days back")
		fs.StringVar(&c.out, "out", "", "file to write (default: standard output)")
	}, noArgs: true, bulk: true, run: func(c *cmdline, w io.Writer) error { return reportCmd(c.g, c.days, c.out, w) }},
	"review":  {flags: reviewFlags, noArgs: true, run: reviewCmd},
	"due":     {noArgs: true, run: func(c *cmdline, w io.Writer) error { return dueCmd(c.g, w) }},
	"remind":  {run: func(c *cmdline, w io.Writer) error { return remindCmd(c.g, c.args, w) }},
	"version": {run: func(_ *cmdline, w io.Writer) error { return versionCmd(w) }},
	"help":    {run: func(_ *cmdline, w io.Writer) error { return printUsage(w) }},
}

// sessionFlags are the flags of the home screen and start.
func sessionFlags(fs *flag.FlagSet, c *cmdline) {
	fs.BoolVar(&c.short, "short", c.short, "only the exercises not marked optional")
	fs.BoolVar(&c.plain, "plain", c.plain, "a line per step instead of a screen, for screen readers")
	fs.BoolVar(&c.stretch, "stretch", false, "a stretch break: only the stretches that may repeat")
}

// withFile runs a command that takes one file: backup, import.
func withFile(c *cmdline, w io.Writer, cmd func(*globals, string, io.Writer) error) error {
	if len(c.args) != 1 {
		return usagef("usage: spinecoach %s FILE", c.name)
	}
	return cmd(c.g, c.args[0], w)
}

func printUsage(w io.Writer) error {
	fmt.Fprintf(w, usageText, defaultDB())
	return nil
}

// dispatch parses the command line and runs its command from the table.
func dispatch(args []string, stdout, stderr io.Writer) error {
	c := &cmdline{g: &globals{db: defaultDB(), speed: 1}}
	top := flag.NewFlagSet("spinecoach", flag.ContinueOnError)
	top.SetOutput(io.Discard)
	c.g.register(top)
	top.BoolVar(&c.plain, "plain", false, "a line per step, for screen readers")
	top.BoolVar(&c.short, "short", false, "only the exercises not marked optional")
	if err := top.Parse(args); err != nil {
		return flagError(err, top, stdout)
	}
	rest := top.Args()
	if len(rest) > 0 {
		c.name, rest = rest[0], rest[1:]
	}
	c.fs = flag.NewFlagSet("spinecoach "+c.name, flag.ContinueOnError)
	c.fs.SetOutput(io.Discard)
	c.g.register(c.fs)
	cmd, known := commands[c.name]
	if !known {
		return unknownCommand(c.name)
	}
	if cmd.flags != nil {
		cmd.flags(c.fs, c)
	}
	if err := c.fs.Parse(rest); err != nil {
		return flagError(err, c.fs, stdout)
	}
	if !(c.g.speed > 0 && c.g.speed <= maxSpeed) { // NaN fails both comparisons
		return usagef("--speed must be more than 0 and at most %d, got %v", maxSpeed, c.g.speed)
	}
	if c.g.db == "" {
		return usagef("--db needs the path of a data file (see spinecoach --help)")
	}
	c.args = c.fs.Args()
	if cmd.noArgs && len(c.args) > 0 {
		return usagef("unexpected %q (see spinecoach --help)", c.args[0])
	}
	if cmd.bulk {
		useEveryCPU()
	}
	return cmd.run(c, stdout)
}

// useEveryCPU gives the program back every CPU that internal/oneproc took
// at its start, unless the GOMAXPROCS environment variable set them: a
// command over a whole file then has the collector mark its heap on
// another core.
func useEveryCPU() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.SetDefaultGOMAXPROCS()
	}
}
