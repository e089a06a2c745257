package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/internal/tempfile"
	"github.com/spinecoach/spinecoach/remind"
	"github.com/spinecoach/spinecoach/routine"
)

// remindCmd: spinecoach remind on|off|status|sync|ics. Nothing is enabled
// unless the patient runs `remind on`; `remind off` removes every file
// `remind on` wrote. Only on and off ever run systemctl, and only when the
// patient asked for that; the reminder itself is the timer's (or cron's)
// business: it runs the script, which runs `spinecoach due` and notify-send.
func remindCmd(g *globals, args []string, w io.Writer) error {
	if len(args) == 0 {
		return usagef("usage: spinecoach remind on [--at HH:MM] [--via systemd|cron] [--no-enable] | off | status | sync | ics [--at HH:MM] [--out FILE]")
	}
	sub := args[0]
	fs := flag.NewFlagSet("spinecoach remind "+sub, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	var at, via, out string
	var noEnable bool
	switch sub {
	case "on":
		fs.StringVar(&at, "at", "", "HH:MM, the first (or only) reminder of the day; default 09:00")
		fs.StringVar(&via, "via", "", "systemd or cron; default: systemd where it runs")
		fs.BoolVar(&noEnable, "no-enable", false, "write the timer, do not enable it")
	case "ics":
		fs.StringVar(&at, "at", "", "HH:MM; default the reminders' time, else 09:00")
		fs.StringVar(&out, "out", "", "file to write (default: standard output)")
	case "off", "status", "sync":
	default:
		return usagef("unknown remind command %q%s: use on, off, status, sync or ics", sub, didYouMean(sub, "on", "off", "status", "sync", "ics"))
	}
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(err, fs, w)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected %q (see spinecoach --help)", fs.Arg(0))
	}
	now, err := now()
	if err != nil {
		return err
	}
	switch sub {
	case "on":
		return remindOn(g, at, via, noEnable, now, w)
	case "off":
		return remindOff(w)
	case "status":
		return remindStatus(g, now, w)
	case "sync":
		return remindSync(g, now, w)
	}
	return remindICS(g, at, out, now, w)
}

// reminderTime is --at, else the time reminders are on at, else 09:00.
func reminderTime(flagAt string) (time.Duration, error) {
	if flagAt != "" {
		d, err := remind.ParseClock(flagAt)
		if err != nil {
			return 0, usagef("--at: %v", err)
		}
		return d, nil
	}
	if s, ok, _ := loadRemindState(); ok {
		if sch, err := s.Schedule(); err == nil {
			return sch.At, nil
		}
	}
	return routine.DefaultDueWindow.From, nil
}

// systemdRuns reports whether this machine booted with systemd (the test
// sd_booted makes) and has systemctl.
func systemdRuns() bool {
	if _, err := os.Stat("/run/systemd/system"); err != nil {
		return false
	}
	_, err := exec.LookPath("systemctl")
	return err == nil
}

// todaysPlan reads today's plan read-only, for the schedule.
func todaysPlan(g *globals, now time.Time) (routine.Plan, error) {
	st, profile, prog, err := openProgramWith(g, windowOptions)
	if err != nil {
		return routine.Plan{}, err
	}
	defer st.Close()
	return routine.PlanFor(prog, profile.Recovery(now), now)
}

// remindVia is how reminders are sent: --via, else systemd when it runs,
// else cron; never a second way while the first is on.
func remindVia(via string) (string, error) {
	switch via {
	case "":
		via = remind.ViaCron
		if systemdRuns() {
			via = remind.ViaSystemd
		}
	case remind.ViaSystemd, remind.ViaCron:
	default:
		return "", usagef("--via must be systemd or cron, got %q", via)
	}
	if old, ok, _ := loadRemindState(); ok && old.Via != via {
		return "", usagef("reminders are on by %s; run spinecoach remind off first, then remind on --via %s", old.Via, via)
	}
	return via, nil
}

// installedPaths are the absolute paths the reminder runs: this
// spinecoach, installed (not go run), and the data file.
func installedPaths(g *globals) (bin, db string, err error) {
	bin, err = os.Executable()
	if err == nil {
		bin, err = filepath.EvalSymlinks(bin)
	}
	if err != nil {
		return "", "", fmt.Errorf("cannot tell where this spinecoach is installed: %w", err)
	}
	if strings.Contains(bin, string(filepath.Separator)+"go-build") {
		return "", "", usagef("remind on needs an installed spinecoach, not go run: build it (go build -o ~/.local/bin/spinecoach .) and run remind on with that")
	}
	db, err = filepath.Abs(g.db)
	if err != nil {
		return "", "", fmt.Errorf("cannot tell where the data file is: %w", err)
	}
	return bin, db, nil
}

// remindOn writes the reminder files and enables the systemd timer, or
// prints the crontab lines to add.
func remindOn(g *globals, flagAt, via string, noEnable bool, now time.Time, w io.Writer) error {
	at, err := reminderTime(flagAt)
	if err != nil {
		return err
	}
	if via, err = remindVia(via); err != nil {
		return err
	}
	plan, err := todaysPlan(g, now)
	if err != nil {
		return err
	}
	bin, db, err := installedPaths(g)
	if err != nil {
		return err
	}
	p := remindPaths()
	sched := remind.ScheduleFor(plan.Routine, at)
	script, err := remind.Script(bin, db, via)
	if err != nil {
		return usageError{err.Error()}
	}
	files := []struct {
		path string
		data string
	}{{p.Script, script}}
	if via == remind.ViaSystemd {
		svc, err := remind.ServiceUnit(p)
		if err != nil {
			return usageError{err.Error()}
		}
		files = append(files, struct{ path, data string }{p.Service, svc}, struct{ path, data string }{p.Timer, remind.TimerUnit(sched)})
	}
	files = append(files, struct{ path, data string }{p.State, string(remind.NewState(via, sched, bin, db, now).Encode())})
	for _, f := range files {
		if err := writeConfigFile(f.path, []byte(f.data)); err != nil {
			return err
		}
	}
	what := fmt.Sprintf("phase %d, %s", plan.Routine.Phase, sched)
	if via == remind.ViaCron {
		lines, err := sched.CronLines(p.Script)
		if err != nil {
			return usageError{err.Error()}
		}
		fmt.Fprintf(w, "Reminders written for %s. This system has no systemd user timers, so add this to your crontab (crontab -e); spinecoach does not edit it:\n\n%s\n\n", what, strings.Join(lines, "\n"))
		fmt.Fprintf(w, "It runs %s, which shows a notification when a session is due. spinecoach remind off removes the script; then remove the line too.\n", p.Script)
		return nil
	}
	fmt.Fprintf(w, "Wrote %s, %s and %s.\n", p.Timer, p.Service, p.Script)
	enable := "systemctl --user daemon-reload && systemctl --user enable --now " + remind.TimerName
	if noEnable {
		fmt.Fprintf(w, "Reminders are written for %s, but not enabled (--no-enable): to enable them, run\n  %s\n", what, enable)
		return nil
	}
	for _, args := range [][]string{{"--user", "daemon-reload"}, {"--user", "enable", "--now", remind.TimerName}} {
		if err := systemctl(args...); err != nil {
			return fmt.Errorf("the reminder files are written, but systemctl %s failed (%v): run %s yourself in your desktop session, or spinecoach remind off to remove them", strings.Join(args, " "), err, enable)
		}
	}
	fmt.Fprintf(w, "Reminders on: %s, by the systemd user timer %s. spinecoach remind off turns them off.\n", what, remind.TimerName)
	return nil
}

// systemctl runs systemctl; the patient asked for it (remind on or off).
// Its output becomes one line of the error.
func systemctl(args ...string) error {
	var out bytes.Buffer
	cmd := exec.Command("systemctl", args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if line, _, _ := strings.Cut(strings.TrimSpace(out.String()), "\n"); line != "" {
			return errors.New(safetext.Line(line))
		}
		return err
	}
	return nil
}

// writeConfigFile writes through a temporary file and a rename, so a
// timer never reads half a file.
func writeConfigFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	tempfile.RemoveStale(path)        // an earlier remind on cut short by a kill
	tmp, err := tempfile.Create(path) // removed at a signal too
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer tempfile.Remove(tmp.Name()) // renamed into place by then, or not to be
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

func remindOff(w io.Writer) error {
	p := remindPaths()
	state, on, _ := loadRemindState() // a damaged state file is removed all the same
	var problem error
	_, linkErr := os.Lstat(p.Wants)
	enabled := linkErr == nil
	_, haveCtl := exec.LookPath("systemctl")
	if enabled && haveCtl == nil {
		if err := systemctl("--user", "disable", "--now", remind.TimerName); err != nil {
			problem = fmt.Errorf("systemctl --user disable --now %s failed (%v)", remind.TimerName, err)
		}
	}
	var removed []string
	for _, f := range p.Written() {
		// A file remind on was writing when it was killed, beside its target.
		removed = append(removed, tempfile.RemoveStale(f)...)
	}
	for _, f := range append([]string{p.Wants}, p.Written()...) {
		if f == p.Wants {
			// The link is systemctl's; remove it only if it is still ours.
			if target, err := os.Readlink(f); err != nil || filepath.Base(target) != remind.TimerName {
				continue
			}
		}
		err := os.Remove(f)
		switch {
		case err == nil:
			removed = append(removed, f)
		case !errors.Is(err, os.ErrNotExist):
			return fmt.Errorf("cannot remove %s: %w", f, err)
		}
	}
	if enabled && haveCtl == nil && problem == nil {
		if err := systemctl("--user", "daemon-reload"); err != nil {
			problem = fmt.Errorf("systemctl --user daemon-reload failed (%v)", err)
		}
	}
	if len(removed) == 0 {
		fmt.Fprintln(w, "Reminders are off; there was nothing to remove.")
	} else {
		fmt.Fprintf(w, "Reminders off. Removed %s.\n", strings.Join(removed, ", "))
	}
	if on && state.Via == remind.ViaCron {
		fmt.Fprintln(w, "Remove the spinecoach line from your crontab too (crontab -e): spinecoach never edited it.")
	}
	if problem != nil {
		return fmt.Errorf("the reminder files are removed, but %v: the timer stops at your next log-in", problem)
	}
	return nil
}

// remindSync follows a change of phase: under systemd it rewrites the
// timer and prints one line (the script then reloads systemd); with cron
// it prints how to get the new line. Nothing changed: nothing printed.
func remindSync(g *globals, now time.Time, w io.Writer) error {
	state, on, err := loadRemindState()
	if err != nil || !on {
		return err
	}
	sched, err := state.Schedule()
	if err != nil {
		return err
	}
	plan, err := todaysPlan(g, now)
	if err != nil {
		return err
	}
	want := remind.ScheduleFor(plan.Routine, sched.At)
	if want == sched {
		return nil
	}
	if state.Via == remind.ViaCron {
		fmt.Fprintf(w, "Your phase is now %d, so reminders should come %s, not %s: run spinecoach remind on for the new crontab line.\n", want.Phase, want, sched)
		return nil
	}
	p := remindPaths()
	if err := writeConfigFile(p.Timer, []byte(remind.TimerUnit(want))); err != nil {
		return err
	}
	if err := writeConfigFile(p.State, remind.NewState(state.Via, want, state.Bin, state.DB, now).Encode()); err != nil {
		return err
	}
	fmt.Fprintf(w, "Reminder schedule rewritten for phase %d: %s (was %s).\n", want.Phase, want, sched)
	return nil
}

func remindICS(g *globals, flagAt, out string, now time.Time, w io.Writer) error {
	at, err := reminderTime(flagAt)
	if err != nil {
		return err
	}
	plan, err := todaysPlan(g, now)
	if err != nil {
		return err
	}
	cal := remind.Calendar{Routine: plan.Routine, Schedule: remind.ScheduleFor(plan.Routine, at), From: now, Stamp: now}
	if !plan.NextOpens.IsZero() {
		cal.Until = plan.NextOpens.AddDate(0, 0, -1)
	}
	text := remind.ICS(cal)
	write := func(f io.Writer) error {
		_, err := io.WriteString(f, text)
		return err
	}
	if out == "" {
		// iCalendar lines end in CRLF: let the CR through the sanitiser
		// (remind.ICS folds and escapes the text, and the routine loader
		// has refused control characters in it already).
		if sw, ok := w.(*safetext.Writer); ok {
			crlf, err := sw.Keeping("\r")
			if err != nil {
				return err
			}
			return write(crlf)
		}
		return write(w)
	}
	if err := writeFileAtomic(out, "calendar file", write); err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote %s: %s, %s. Import it into your phone's calendar.\n", out, safetext.Line(plan.Headline), cal.Schedule)
	return nil
}
