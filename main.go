// Command spinecoach is an offline terminal coach for the daily home
// exercise routine after spinal fusion surgery. It coaches; it does not
// prescribe: the shipped routines are defaults that a clinician's own
// prescription file replaces.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usageText = `spinecoach: a coach for your daily exercises after spinal fusion surgery.

It coaches; it does not prescribe. The routines it ships are defaults: your
surgeon's or physical therapist's advice comes first, and a prescription file
from them (--routine-file) replaces the shipped routines.

Usage:
  spinecoach                     home screen
  spinecoach start [--short] [--plain]  straight into today's routine
                                 (--plain: a line per step, for screen readers)
  spinecoach history [--days N]  one line per session
  spinecoach trends [--plain] [--days N]  pain trends, 90 days (--plain: as text)
  spinecoach report [--days N] [--out FILE]  a report for your care team, 90 days:
                                 a web page to print or save as PDF from a browser
  spinecoach export [--format csv|json|fhir] [--out FILE]
                                 every record; fhir: an HL7 FHIR R4 Bundle of the pain scores
  spinecoach setup [--surgery-date YYYY-MM-DD] [--region cervical|thoracic|lumbar] [--cleared-phase N]
                                 your surgery date, fusion region and the phase you are cleared for
  spinecoach routines [show [ID]] list the routines, or print one with today's doses
  spinecoach routines import FILE  keep a clinician's prescription in the data file
  spinecoach routines reset        go back to the shipped routines
  spinecoach import FILE         merge a JSON export (the same records are never doubled)
  spinecoach check               verify the data file
  spinecoach backup FILE         a consistent, checked copy of the data file
  spinecoach due                 one line: is a session due now, at what time, or not today and why
                                 (exit 0 due now, 4 due later today, 5 not today, 3 app open, 1 error)
  spinecoach remind on [--at HH:MM] [--via systemd|cron] [--no-enable]
                                 desktop reminders: a systemd user timer, or a crontab line to add
  spinecoach remind off | status | sync
                                 remove every file remind on wrote / say what is on / follow the phase
  spinecoach remind ics [--at HH:MM] [--out FILE]  an iCalendar file for a phone calendar
  spinecoach version

Global flags (before or after the command):
  --db PATH            data file (env SPINECOACH_DB; default %s)
  --routine-file PATH  a prescription that replaces the shipped routines
  --speed N            time runs N times faster (demos and tests)
  --cues off|bell|voice  sound cues: bell patterns (default) or a local speech program
  --no-bell            the same as --cues off
  --theme default|high-contrast
  --no-color           no colours (also when NO_COLOR is set)
  --plain              (home, start) a line per step, for screen readers;
                       also when ACCESSIBLE is set or TERM=dumb

Env SPINECOACH_NOW (RFC 3339) starts the clock at that instant.
Exit codes: 0 done, 1 runtime error, 2 bad usage or input file, 3 data file in use;
due also 4 and 5 (above).
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
	fs.StringVar(&g.theme, "theme", g.theme, "default or high-contrast")
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

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) error {
	g := &globals{db: defaultDB(), speed: 1}
	var plain, short bool // the session's own flags, also before the command
	top := flag.NewFlagSet("spinecoach", flag.ContinueOnError)
	top.SetOutput(io.Discard)
	g.register(top)
	top.BoolVar(&plain, "plain", false, "a line per step, for screen readers")
	top.BoolVar(&short, "short", false, "only the exercises not marked optional")
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, usageText, defaultDB())
			return nil
		}
		return usagef("%v (see spinecoach --help)", err)
	}
	rest := top.Args()
	cmd := ""
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	fs := flag.NewFlagSet("spinecoach "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	var setup setupFlags
	var (
		days   = 30
		format = "csv"
		out    = ""
	)
	switch cmd {
	case "", "start":
		fs.BoolVar(&short, "short", short, "only the exercises not marked optional")
		fs.BoolVar(&plain, "plain", plain, "a line per step instead of a screen, for screen readers")
	case "history":
		fs.IntVar(&days, "days", days, "how many days back")
	case "trends":
		days = 90
		fs.BoolVar(&plain, "plain", plain, "print the trends as text")
		fs.IntVar(&days, "days", days, "how many days back")
	case "export":
		fs.StringVar(&format, "format", format, "csv, json or fhir")
		fs.StringVar(&out, "out", out, "file to write (default: standard output)")
	case "report":
		days = 90
		fs.IntVar(&days, "days", days, "how many days back")
		fs.StringVar(&out, "out", out, "file to write (default: standard output)")
	case "setup":
		fs.StringVar(&setup.surgeryDate, "surgery-date", "", "YYYY-MM-DD")
		fs.StringVar(&setup.region, "region", "", "cervical, thoracic or lumbar")
		fs.IntVar(&setup.clearedPhase, "cleared-phase", -1, "the phase your clinician has cleared")
	}
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, usageText, defaultDB())
			return nil
		}
		return usagef("%v (see spinecoach --help)", err)
	}
	if !(g.speed > 0 && g.speed <= maxSpeed) { // NaN fails both comparisons
		return usagef("--speed must be more than 0 and at most %d, got %v", maxSpeed, g.speed)
	}
	if g.db == "" {
		return usagef("--db needs the path of a data file (see spinecoach --help)")
	}
	rest = fs.Args()
	switch cmd {
	case "", "start":
		if len(rest) > 0 {
			return usagef("unexpected %q (see spinecoach --help)", rest[0])
		}
		return runTUI(g, session{start: cmd == "start", short: short, plain: plain || accessibleEnv()})
	case "routines":
		return routinesCmd(g, rest, stdout)
	case "check":
		if len(rest) > 0 {
			return usagef("unexpected %q (see spinecoach --help)", rest[0])
		}
		return checkCmd(g, stdout)
	case "backup", "import":
		if len(rest) != 1 {
			return usagef("usage: spinecoach %s FILE", cmd)
		}
		if cmd == "backup" {
			return backupCmd(g, rest[0], stdout)
		}
		return importCmd(g, rest[0], stdout)
	case "setup":
		if len(rest) > 0 {
			return usagef("unexpected %q (see spinecoach --help)", rest[0])
		}
		setup.given = map[string]bool{}
		fs.Visit(func(f *flag.Flag) { setup.given[f.Name] = true })
		return setupCmd(g, setup, stdout)
	case "history":
		return historyCmd(g, days, stdout)
	case "trends":
		if len(rest) > 0 {
			return usagef("unexpected %q (see spinecoach --help)", rest[0])
		}
		return trendsCmd(g, plain, days, stdout)
	case "export":
		return exportCmd(g, format, out, stdout)
	case "report":
		if len(rest) > 0 {
			return usagef("unexpected %q (see spinecoach --help)", rest[0])
		}
		return reportCmd(g, days, out, stdout)
	case "due":
		if len(rest) > 0 {
			return usagef("unexpected %q (see spinecoach --help)", rest[0])
		}
		return dueCmd(g, stdout)
	case "remind":
		return remindCmd(g, rest, stdout)
	case "version":
		fmt.Fprintln(stdout, "spinecoach", version)
		return nil
	case "help":
		fmt.Fprintf(stdout, usageText, defaultDB())
		return nil
	}
	return usagef("unknown command %q (see spinecoach --help)", cmd)
}
