package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/remind"
	"github.com/spinecoach/spinecoach/routine"
)

// fakeTools puts stand-ins for systemctl and crontab first on PATH. The
// systemctl answers as the state says: "none" (no user manager: nothing
// on standard output), or "ENABLED ACTIVE NEXT"; the crontab prints
// crontab, or "no crontab" when it is "".
func fakeTools(t *testing.T, systemctl, crontab string) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	state := strings.Fields(systemctl)
	if systemctl == "none" {
		write("systemctl", "echo 'Failed to connect to bus: No medium found' >&2\nexit 1\n")
	} else {
		write("systemctl", `for a in "$@"; do case $a in
is-enabled) echo `+state[0]+`; [ `+state[0]+` = enabled ]; exit $? ;;
is-active) echo `+state[1]+`; [ `+state[1]+` = active ]; exit $? ;;
show) echo '`+strings.ReplaceAll(state[2], "_", " ")+`'; exit 0 ;;
esac; done
exit 1
`)
	}
	if crontab == "" {
		write("crontab", "echo 'no crontab for patient' >&2\nexit 1\n")
	} else {
		write("crontab", "cat <<'EOF'\n"+crontab+"\nEOF\n")
	}
	t.Setenv("PATH", dir+":/usr/bin:/bin")
}

// reminders writes what remind on would have: the state, the script and,
// under systemd, the units; enabled adds the link systemctl enable makes.
func reminders(t *testing.T, via string, enabled bool) remind.Paths {
	t.Helper()
	p := remindPaths()
	sched := remind.ScheduleFor(routine.Routine{Phase: 2}, 9*time.Hour)
	files := map[string]string{p.State: string(remind.NewState(via, sched, "/usr/bin/spinecoach", "/tmp/a.db", time.Now()).Encode()), p.Script: "#!/bin/sh\n"}
	if via == remind.ViaSystemd {
		files[p.Timer], files[p.Service] = "[Timer]\n", "[Service]\n"
	}
	if enabled {
		files[p.Wants] = ""
	}
	for f, data := range files {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func TestRemindStatusTellsTheTruth(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	t.Setenv("SPINECOACH_NOW", "2026-11-28T07:00:00+01:00")
	if code, _, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-11-20"); code != 0 {
		t.Fatal(errOut)
	}
	for _, c := range []struct {
		name, via          string
		enabled            bool
		systemctl, crontab string
		want, not          []string
	}{
		{"systemd written, not enabled", remind.ViaSystemd, false, "disabled inactive n/a", "",
			[]string{"Reminders are written but off: the systemd user timer spinecoach-remind.timer is disabled"}, []string{"Reminders on"}},
		{"systemd enabled, not active", remind.ViaSystemd, true, "enabled inactive n/a", "",
			[]string{"Reminders are enabled but not running", "is inactive"}, []string{"Reminders on"}},
		{"systemd enabled and active", remind.ViaSystemd, true, "enabled active Sat_2026-11-28_09:00:00_CET", "",
			[]string{"Reminders on: daily at 09:00 (phase 2), by the systemd user timer spinecoach-remind.timer, enabled and active; next Sat 2026-11-28 09:00:00 CET."}, nil},
		{"systemd, no user manager, not enabled", remind.ViaSystemd, false, "none", "",
			[]string{"Reminders are written but not enabled"}, []string{"Reminders on"}},
		{"systemd, no user manager, enabled", remind.ViaSystemd, true, "none", "",
			[]string{"Reminders are enabled", "whether it runs cannot be told"}, []string{"Reminders on"}},
		{"cron line present", remind.ViaCron, false, "none", "# mine\n0 9 * * * '" + "SCRIPT" + "'",
			[]string{"Reminders on: daily at 09:00 (phase 2), by the crontab line that runs"}, []string{"spinecoach-remind.timer", ".service"}},
		{"cron line absent", remind.ViaCron, false, "none", "0 7 * * * backup.sh\n# 0 9 * * * SCRIPT",
			[]string{"Reminders are written but off: no line of crontab -l runs"}, []string{"Reminders on", "spinecoach-remind.timer", ".service"}},
		{"no crontab at all", remind.ViaCron, false, "none", "",
			[]string{"Reminders are written but off"}, []string{"Reminders on", "spinecoach-remind.timer"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			p := reminders(t, c.via, c.enabled)
			fakeTools(t, c.systemctl, strings.ReplaceAll(c.crontab, "SCRIPT", p.Script))
			code, out, errOut := runCLI(t, "--db", db, "remind", "status")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, want := range c.want {
				if !strings.Contains(out, want) {
					t.Errorf("status lacks %q:\n%s", want, out)
				}
			}
			for _, not := range c.not {
				if strings.Contains(out, not) {
					t.Errorf("status says %q:\n%s", not, out)
				}
			}
			// Only files that exist are listed.
			files := out[strings.Index(out, "Files: "):]
			for _, f := range p.Written() {
				_, err := os.Stat(f)
				if listed := strings.Contains(files, f); listed != (err == nil) {
					t.Errorf("%s listed %v, exists %v:\n%s", f, listed, err == nil, out)
				}
			}
		})
	}
}
