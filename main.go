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
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"golang.org/x/term"

	"github.com/spinecoach/spinecoach/assets"
	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/tui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes are part of the command-line contract.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
	exitLocked  = 3
	// spinecoach due: a session is due later today, or not again today.
	exitDueLater = 4
	exitNotToday = 5
)

// exitStatus ends a command with a status that is not a failure (due's
// "not now"): nothing is printed on standard error.
type exitStatus struct{ code int }

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError is bad usage or a bad input file: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

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

// run is the whole program but for the process exit, so tests can call it.
// What the commands print goes through safetext: text from a file
// (a routine, an import, the data file) may not steer the terminal, even
// from a file written before such text was refused. The screen draws on
// the terminal itself, and keeps to the same rule (tui/screen).
func run(args []string, stdout, stderr io.Writer) int {
	out := safetext.NewWriter(stdout, "\n")
	err := dispatch(args, out, stderr)
	_ = out.Flush()
	if err == nil {
		return exitOK
	}
	var st exitStatus
	if errors.As(err, &st) {
		return st.code
	}
	fmt.Fprintln(stderr, "spinecoach: "+safetext.Text(err.Error()))
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, store.ErrLocked):
		return exitLocked
	case errors.Is(err, store.ErrForeign), errors.Is(err, store.ErrCorrupt), errors.Is(err, store.ErrNewerSchema):
		return exitUsage // a data file we cannot use is a bad input file
	}
	return exitRuntime
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
	p, err := routine.LoadProgram(assets.FS, assets.RoutinesDir)
	if err != nil {
		return routine.Program{}, fmt.Errorf("the shipped routines do not load: %w", err)
	}
	return p, nil
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

// now is the program's clock: SPINECOACH_NOW if set, else the time.
func now() (time.Time, error) {
	at, err := clockStart()
	if err != nil || !at.IsZero() {
		return at, err
	}
	return time.Now(), nil
}

// The range SPINECOACH_NOW may name: the records' keys hold times from
// 1970 to 2262, and the zero time would read as "not set".
var (
	clockMin = time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC)
	clockMax = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// clockStart reads SPINECOACH_NOW: the zero time when it is not set.
func clockStart() (time.Time, error) {
	v := os.Getenv("SPINECOACH_NOW")
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, usagef("SPINECOACH_NOW must be an RFC 3339 time such as 2026-11-22T08:00:00+01:00, got %q", v)
	}
	if t.Before(clockMin) || !t.Before(clockMax) {
		return time.Time{}, usagef("SPINECOACH_NOW must be a time from 1970-01-02 to 2199, got %q", v)
	}
	return t, nil
}

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

// accessibleEnv reports a terminal or user that asks for plain output:
// ACCESSIBLE set (as huh and other charm tools read it) or TERM=dumb.
func accessibleEnv() bool {
	return os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb"
}

// session is how the interface starts.
type session struct {
	start  bool // straight into today's session
	short  bool // only the exercises not marked optional
	plain  bool // a line per step instead of a screen
	trends int  // on the trends screen over this many days; 0: home
}

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

// crashTestWrap, set only in a binary built with -tags crashtest
// (crashtest.go), wraps the root in a model that panics on F5-F8.
var crashTestWrap func(tea.Model, *tui.Guard) tea.Model

func runTUI(g *globals, how session) error {
	at, err := clockStart()
	if err != nil {
		return err
	}
	// The screen shows at once; the walk of the file's pages (store/pages.go)
	// runs beside it. No write happens before it ends, and damage it
	// finds ends the program like any other damage (tui/run.go).
	st, profile, prog, err := openProgramWith(g, store.Options{CheckInBackground: true})
	if err != nil {
		return err
	}
	defer st.Close()
	warnings, err := routine.LoadWarnings(assets.FS, assets.WarningsFile)
	if err != nil {
		return fmt.Errorf("the shipped warning signs do not load: %w", err)
	}
	cues, note, err := chooseCues(g, profile)
	if err != nil {
		return err
	}
	if st.Notice() != "" {
		note = strings.TrimSpace(st.Notice() + " " + note)
	}
	theme, err := chooseTheme(g, profile)
	if err != nil {
		return err
	}
	cfg := tui.Config{
		Store: st, Program: prog, Warnings: warnings, Short: how.short, Theme: theme, Cues: cues, Notice: note,
		Clock: tui.NewRealClock(at, g.speed), Start: how.start, Trends: how.trends, Reminders: homeReminders,
	}
	ended, err := tui.Run(cfg, tui.RunOptions{Plain: how.plain, Wrap: crashTestWrap})
	if err != nil {
		return err
	}
	return endReport(ended, g.db)
}

// endReport is the sentence for what ended a session, or nil for an
// ending that needs none (a quit, SIGINT).
func endReport(e tui.Ended, db string) error {
	switch {
	case e.Crash != nil:
		return crashReport(e.Crash, db, len(e.Unsaved), e.SaveErr, time.Now())
	case e.SaveErr != nil:
		return fmt.Errorf("%s could not be saved as the program ended: %w", unsavedScores(e.Unsaved), e.SaveErr)
	case e.Damage != nil:
		return e.Damage
	case e.Terminal != nil:
		return fmt.Errorf("%w (%v); your recorded scores are safe in %s", errTerminal, e.Terminal, db)
	case errors.Is(e.Err, tea.ErrInterrupted):
		return nil // SIGINT: everything recorded is kept, the session can be resumed
	case e.Err != nil:
		return fmt.Errorf("the screen failed: %w (your recorded scores are safe in %s)", e.Err, db)
	case e.AppErr != nil:
		return fmt.Errorf("%w (your recorded scores are safe in %s; try spinecoach again)", e.AppErr, db)
	}
	return nil
}

// errTerminal is the end of a session whose terminal failed.
var errTerminal = errors.New("the session ended because its terminal stopped working")

// unsavedScores names the scores a failed save leaves only in memory,
// so the patient can note them: "the score of Bridge, left side (pain
// 3/10)".
func unsavedScores(scores []store.Score) string {
	var parts []string
	for _, sc := range scores {
		if len(sc.Sets) == 0 {
			continue
		}
		r := sc.Sets[0] // the scored set; the others are the ones its decision skipped
		what := routine.SetLabel(r.Exercise, r.Side)
		if r.Skipped {
			parts = append(parts, what+" (skipped)")
		} else {
			parts = append(parts, fmt.Sprintf("%s (pain %d/10)", what, r.Pain))
		}
	}
	if len(parts) == 1 {
		return "the score of " + parts[0]
	}
	return "the scores of " + strings.Join(parts, "; ")
}

// chooseCues is the sound of the session: --cues, else --no-bell, else
// the saved setting, else the bell. Without a speech program, voice falls
// back to the bell and note says so once.
func chooseCues(g *globals, p store.Profile) (cues tui.Cuer, note string, err error) {
	mode := p.Cues
	if g.noBell {
		mode = "off"
	}
	if g.cues != "" {
		mode = g.cues
	}
	bell := tui.BellCues{}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		bell.W = os.Stderr // the renderer owns stdout; both are the terminal
	}
	switch mode {
	case "", "bell":
		return bell, "", nil
	case "off":
		return tui.NoCues{}, "", nil
	case "voice":
		if program, args, ok := tui.FindVoice(exec.LookPath); ok {
			return tui.NewVoiceCues(program, args), "", nil
		}
		return bell, "No speech program (espeak-ng, spd-say or say) was found, so cues use the bell.", nil
	}
	return nil, "", usagef("--cues must be off, bell or voice, got %q", mode)
}

// chooseTheme is --theme, else the saved setting; --no-color and NO_COLOR
// turn colours off whatever the theme.
func chooseTheme(g *globals, p store.Profile) (*tui.Theme, error) {
	if g.noColor || os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	name := p.Theme
	if g.theme != "" {
		name = g.theme
	}
	switch name {
	case "", "default":
		return tui.DefaultTheme(), nil
	case "high-contrast":
		return tui.HighContrastTheme(), nil
	}
	return nil, usagef("--theme must be default or high-contrast, got %q", name)
}

// maxHistoryDays bounds history --days: a hundred years, far enough
// for any record and near enough for the calendar arithmetic.
const maxHistoryDays = 36500

func historyCmd(g *globals, days int, w io.Writer) error {
	if days < 1 || days > maxHistoryDays {
		return usagef("--days must be from 1 to %d, got %d", maxHistoryDays, days)
	}
	now, err := now()
	if err != nil {
		return err
	}
	st, err := openStore(g.db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	y, m, d := now.Date()
	to := time.Date(y, m, d, 0, 0, 0, 0, now.Location()).AddDate(0, 0, 1)
	sessions, err := st.SessionsBetween(to.AddDate(0, 0, -days), to)
	if err != nil {
		return err
	}
	if len(sessions) == 0 {
		fmt.Fprintf(w, "No sessions in the last %d days.\n", days)
		return nil
	}
	for _, s := range sessions {
		sets, err := st.SetsOf(s.ID)
		if err != nil {
			return err
		}
		decisions, err := st.DecisionsOf(s.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, historyLine(s, sets))
		for _, d := range decisions {
			if d.Rule != routine.RuleNone { // a day's start that no rule moved changed nothing
				fmt.Fprintf(w, "    %s: %s\n", d.Rule, d.Reason)
			}
		}
	}
	return nil
}

// historyLine is one session in plain words.
func historyLine(s store.Session, sets []store.SetRecord) string {
	done, skipped, worst := 0, 0, -1
	for _, r := range sets {
		if r.Skipped {
			skipped++
			continue
		}
		done++
		worst = max(worst, r.Pain)
	}
	parts := []string{
		s.StartedAt.Format("2006-01-02 15:04"), s.Routine, s.Status.String(),
		fmt.Sprintf("pain before %d", s.Baseline),
		fmt.Sprintf("%d sets done, %d skipped", done, skipped),
	}
	if worst >= 0 {
		parts = append(parts, fmt.Sprintf("highest pain %d", worst))
	}
	if s.DoseLevel > 0 {
		parts = append(parts, fmt.Sprintf("dose level %d", s.DoseLevel))
	}
	return strings.Join(parts, " · ")
}

func exportCmd(g *globals, format, out string, stdout io.Writer) error {
	if format != "csv" && format != "json" && format != "fhir" {
		return usagef("--format must be csv, json or fhir, got %q", format)
	}
	st, err := openStore(g.db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	write := st.ExportCSV
	switch format {
	case "json":
		write = st.ExportJSON
	case "fhir":
		write = st.ExportFHIR
	}
	if out == "" {
		return write(stdout)
	}
	return writeFileAtomic(out, write)
}

// writeFileAtomic writes through a temporary file and a rename, so a
// failed export never leaves a half-written file behind.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if _, err := os.Stat(path); err == nil {
		return usagef("%s already exists; choose another --out file", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".spinecoach-export-*")
	if err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write the export: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	return nil
}
