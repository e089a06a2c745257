package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/remind"
)

// remindStatus says what is true of the reminders: which files exist,
// and whether anything will run them. Under systemd: the timer enabled
// and active (asked of the user manager when there is one) and its next
// run; on the crontab route, whether the line is in crontab -l. "On"
// only when something runs them.
func remindStatus(g *globals, now time.Time, w io.Writer) error {
	p := remindPaths()
	state, on, err := loadRemindState()
	if err != nil {
		return err
	}
	if !on {
		fmt.Fprintln(w, "Reminders are off. spinecoach remind on turns them on; spinecoach remind ics makes a calendar for your phone.")
		return nil
	}
	sched, _ := state.Schedule()
	what := fmt.Sprintf("%s (phase %d)", sched, sched.Phase)
	if state.Via == remind.ViaSystemd {
		fmt.Fprintln(w, systemdStatus(p, what))
	} else {
		fmt.Fprintln(w, cronStatus(p, what))
	}
	if plan, err := todaysPlan(g, now); err == nil {
		if want := remind.ScheduleFor(plan.Routine, sched.At); want != sched {
			fmt.Fprintf(w, "Your phase is now %d: the schedule becomes %s at the next reminder (spinecoach remind sync).\n", want.Phase, want)
		}
	}
	var have, missing []string
	for _, f := range p.Written() {
		switch _, err := os.Stat(f); {
		case err == nil:
			have = append(have, f)
		case state.Via == remind.ViaSystemd || (f != p.Timer && f != p.Service):
			missing = append(missing, f)
		}
	}
	fmt.Fprintf(w, "Files: %s\n", strings.Join(have, ", "))
	if len(missing) > 0 {
		fmt.Fprintf(w, "Missing: %s; spinecoach remind on writes them again.\n", strings.Join(missing, ", "))
	}
	return nil
}

// systemdStatus is the timer's line: enabled or not, active or not, and
// its next run, from systemctl --user when a user manager answers.
func systemdStatus(p remind.Paths, what string) string {
	active, manager := ask("systemctl", "--user", "is-active", remind.TimerName)
	if !manager {
		if _, err := os.Lstat(p.Wants); err == nil {
			return fmt.Sprintf("Reminders are enabled: %s, by the systemd user timer %s; no systemd user manager answers here, so whether it runs cannot be told.",
				what, remind.TimerName)
		}
		return fmt.Sprintf("Reminders are written but not enabled: %s, by the systemd user timer %s; systemctl --user enable --now %s enables it.",
			what, remind.TimerName, remind.TimerName)
	}
	enabled, _ := ask("systemctl", "--user", "is-enabled", remind.TimerName)
	switch {
	case enabled != "enabled":
		return fmt.Sprintf("Reminders are written but off: the systemd user timer %s is %s; systemctl --user enable --now %s turns it on.",
			remind.TimerName, orDefault(enabled, "not enabled"), remind.TimerName)
	case active != "active":
		return fmt.Sprintf("Reminders are enabled but not running: the timer %s is %s; systemctl --user start %s starts it.",
			remind.TimerName, active, remind.TimerName)
	}
	line := fmt.Sprintf("Reminders on: %s, by the systemd user timer %s, enabled and active", what, remind.TimerName)
	if next, _ := ask("systemctl", "--user", "show", "-p", "NextElapseUSecRealtime", "--value", remind.TimerName); next != "" && next != "n/a" && next != "0" {
		line += "; next " + next
	}
	return line + "."
}

// cronStatus is the crontab route's line: whether the line that runs the
// script is in crontab -l (spinecoach prints it; the patient adds it).
func cronStatus(p remind.Paths, what string) string {
	if _, err := exec.LookPath("crontab"); err != nil {
		return fmt.Sprintf("Reminders are written but off: %s needs a crontab line, and crontab is not installed here.", what)
	}
	var out bytes.Buffer
	cmd := exec.Command("crontab", "-l")
	cmd.Stdout = &out
	_ = cmd.Run() // "no crontab for you" is an exit of 1: no line
	for _, l := range strings.Split(out.String(), "\n") {
		if t := strings.TrimSpace(l); !strings.HasPrefix(t, "#") && strings.Contains(t, p.Script) {
			return fmt.Sprintf("Reminders on: %s, by the crontab line that runs %s.", what, p.Script)
		}
	}
	return fmt.Sprintf("Reminders are written but off: no line of crontab -l runs %s; spinecoach remind on prints the line to add with crontab -e.", p.Script)
}

// ask runs a query command and returns the first line of what it printed
// on standard output; answered is false when it printed nothing there
// (systemctl --user with no user manager prints only on standard error).
func ask(name string, args ...string) (line string, answered bool) {
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout = &out
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return "", false // not installed, or could not start
	}
	first, _, _ := strings.Cut(strings.TrimSpace(out.String()), "\n")
	return safetext.Line(strings.TrimSpace(first)), first != ""
}
