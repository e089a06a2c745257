// Package remind writes what reminds the patient when a session is due:
// a systemd user timer and service, a crontab line, the small shell script
// they both run, and an iCalendar file for a phone. Everything here is a
// pure function of its inputs (the text of each file), but for the paths
// under the XDG config directory and the encoding of the state file;
// main writes, enables and removes the files.
//
// spinecoach itself never talks to the desktop, D-Bus or systemd when a
// reminder fires: the timer (or cron) runs the script, the script runs
// `spinecoach due`, and the script runs notify-send when a session is due.
package remind

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// Names of the files written, under the XDG config directory.
const (
	TimerName   = "spinecoach-remind.timer"
	ServiceName = "spinecoach-remind.service"
	ScriptName  = "remind.sh"
	StateName   = "remind.json"
)

// Paths are where the reminder files live.
type Paths struct {
	Dir     string // $XDG_CONFIG_HOME/spinecoach: the script and the state
	UnitDir string // $XDG_CONFIG_HOME/systemd/user
	Timer   string
	Service string
	Script  string
	State   string
	// Wants is the link `systemctl --user enable` makes; not ours to
	// write, but `remind off` removes it if disabling left it behind.
	Wants string
}

// PathsIn lays the files out under configHome.
func PathsIn(configHome string) Paths {
	dir := filepath.Join(configHome, "spinecoach")
	units := filepath.Join(configHome, "systemd", "user")
	return Paths{
		Dir: dir, UnitDir: units,
		Timer: filepath.Join(units, TimerName), Service: filepath.Join(units, ServiceName),
		Script: filepath.Join(dir, ScriptName), State: filepath.Join(dir, StateName),
		Wants: filepath.Join(units, "timers.target.wants", TimerName),
	}
}

// Written lists every file `remind on` may write, for `remind off`.
func (p Paths) Written() []string { return []string{p.Timer, p.Service, p.Script, p.State} }

// How the reminders run.
const (
	ViaSystemd = "systemd"
	ViaCron    = "cron"
)

// ParseClock reads HH:MM (24-hour) as an offset from midnight.
func ParseClock(s string) (time.Duration, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(h) != 2 || len(m) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("the time must be HH:MM on the 24-hour clock, such as 09:00 or 18:30, got %q", s)
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
}

// FormatClock writes an offset from midnight as HH:MM.
func FormatClock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// Schedule is when reminders fire: at At and, for a routine that may
// repeat, every Every after it up to the end of the day's window, at
// most Max times a day (0: no limit). With Breaks, the first is the day's
// routine and the others are stretch breaks (phase 2).
type Schedule struct {
	At     time.Duration // from midnight
	Every  time.Duration // 0: once a day
	Phase  int           // the phase it was made for, for the comments
	Max    int           // reminders a day at most; 0: as many as the window holds
	Breaks bool          // the slots after the first are stretch breaks
}

// ScheduleFor is the schedule that follows the routine (routine.Upcoming's
// rules): every RepeatEvery from at until 21:00 for phase 1; the routine
// at at and stretch breaks after it for phase 2; once a day otherwise.
func ScheduleFor(r routine.Routine, at time.Duration) Schedule {
	_, breaks := r.StretchBreak()
	return Schedule{At: at, Every: r.RepeatEvery, Phase: r.Phase, Max: r.DailyMax(), Breaks: breaks}
}

// Window is the part of the day in which sessions are due.
func (s Schedule) Window() routine.DueWindow { return routine.WindowFrom(s.At) }

// Slots are the times of day the reminder fires, in order.
func (s Schedule) Slots() []time.Duration {
	if s.Every <= 0 {
		return []time.Duration{s.At}
	}
	var out []time.Duration
	for t := s.At; t <= s.Window().Until && (s.Max == 0 || len(out) < s.Max); t += s.Every {
		out = append(out, t)
	}
	return out
}

// String says the schedule in words: "daily at 09:00", "every 2 hours
// from 09:00 to 21:00".
func (s Schedule) String() string {
	if s.Every <= 0 {
		return "daily at " + FormatClock(s.At)
	}
	slots := s.Slots()
	if s.Breaks {
		if len(slots) == 1 {
			return "the routine daily at " + FormatClock(slots[0])
		}
		return fmt.Sprintf("the routine at %s, stretch breaks every %s to %s", FormatClock(slots[0]), routine.EveryText(s.Every), FormatClock(slots[len(slots)-1]))
	}
	return fmt.Sprintf("every %s from %s to %s", routine.EveryText(s.Every), FormatClock(slots[0]), FormatClock(slots[len(slots)-1]))
}

// byMinute groups the slots by their minute, each group's hours in order.
func (s Schedule) byMinute() (minutes []int, hours map[int][]int) {
	hours = map[int][]int{}
	for _, t := range s.Slots() {
		h, m := int(t/time.Hour), int(t%time.Hour/time.Minute)
		if _, ok := hours[m]; !ok {
			minutes = append(minutes, m)
		}
		hours[m] = append(hours[m], h)
	}
	sort.Ints(minutes)
	return minutes, hours
}

func joinInts(ns []int, format string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprintf(format, n)
	}
	return strings.Join(parts, ",")
}

// OnCalendar are the timer's OnCalendar= values, one per minute of the
// hour the slots fall on: "*-*-* 09,11,13:00:00".
func (s Schedule) OnCalendar() []string {
	minutes, hours := s.byMinute()
	var out []string
	for _, m := range minutes {
		out = append(out, fmt.Sprintf("*-*-* %s:%02d:00", joinInts(hours[m], "%02d"), m))
	}
	return out
}

// CronLines are the crontab lines that run the script at each slot.
func (s Schedule) CronLines(script string) ([]string, error) {
	if err := plainPath(script); err != nil {
		return nil, err
	}
	// cron hands the command to /bin/sh, and turns % into a newline.
	cmd := "/bin/sh " + strings.ReplaceAll(shellQuote(script), "%", `\%`)
	minutes, hours := s.byMinute()
	var out []string
	for _, m := range minutes {
		out = append(out, fmt.Sprintf("%d %s * * * %s", m, joinInts(hours[m], "%d"), cmd))
	}
	return out, nil
}

// header opens every file written, so the patient knows where it came from.
const header = "Written by `spinecoach remind on`; `spinecoach remind off` removes it."

// TimerUnit is the systemd user timer.
func TimerUnit(s Schedule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", header)
	fmt.Fprintf(&b, "# Phase %d: %s. `spinecoach remind sync` rewrites this file when the phase changes.\n", s.Phase, s)
	b.WriteString("[Unit]\nDescription=spinecoach: remind when an exercise session is due\n\n[Timer]\n")
	for _, c := range s.OnCalendar() {
		fmt.Fprintf(&b, "OnCalendar=%s\n", c)
	}
	b.WriteString("# A reminder missed while the computer was off fires when it is back.\nPersistent=true\nAccuracySec=1min\nUnit=" + ServiceName + "\n\n")
	b.WriteString("[Install]\nWantedBy=timers.target\n")
	return b.String()
}

// ServiceUnit is the systemd user service the timer starts: it runs the
// script.
func ServiceUnit(p Paths) (string, error) {
	if err := plainPath(p.Script); err != nil {
		return "", err
	}
	return fmt.Sprintf(`# %s
[Unit]
Description=spinecoach: show a notification when an exercise session is due

[Service]
Type=oneshot
ExecStart=/bin/sh %s
`, header, systemdQuote(p.Script)), nil
}

// Script is the shell script the timer or cron runs. It asks
// `spinecoach remind sync` to follow a change of phase (under systemd,
// reloading the rewritten timer), then `spinecoach due`; when that says
// due now (exit 0) it shows the line with notify-send if installed, else
// prints it (cron mails what a job prints).
func Script(bin, db, via string) (string, error) {
	for _, p := range []string{bin, db} {
		if err := plainPath(p); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/sh\n# %s\n", header)
	b.WriteString("# It asks spinecoach whether an exercise session is due and, when it is,\n" +
		"# shows a desktop notification with notify-send. spinecoach itself never\n" +
		"# talks to the desktop: this script does.\n")
	fmt.Fprintf(&b, "bin=%s\ndb=%s\n", shellQuote(bin), shellQuote(db))
	switch via {
	case ViaSystemd:
		b.WriteString("# After a change of phase, sync rewrites the timer and says so: reload it.\n" +
			"if [ -n \"$(\"$bin\" --db \"$db\" remind sync)\" ]; then\n\tsystemctl --user daemon-reload\nfi\n")
	default:
		b.WriteString("# After a change of phase, sync says how to replace the crontab line.\n" +
			"\"$bin\" --db \"$db\" remind sync\n" +
			"# cron starts jobs without the desktop session's bus address.\n" +
			": \"${DBUS_SESSION_BUS_ADDRESS:=unix:path=/run/user/$(id -u)/bus}\"\nexport DBUS_SESSION_BUS_ADDRESS\n")
	}
	b.WriteString("# due exits 0 only when a session is due now (see spinecoach --help).\n" +
		"msg=$(\"$bin\" --db \"$db\" due) || exit 0\n" +
		"if command -v notify-send >/dev/null 2>&1 && notify-send --app-name=spinecoach 'Time for your exercises' \"$msg\"; then\n" +
		"\texit 0\nfi\nprintf '%s\\n' \"$msg\"\n")
	return b.String(), nil
}

// State is what `remind on` wrote, kept in remind.json.
type State struct {
	Via      string    `json:"via"`       // systemd or cron
	At       string    `json:"at"`        // HH:MM
	EveryMin int       `json:"every_min"` // 0: once a day
	Phase    int       `json:"phase"`
	Max      int       `json:"max_per_day,omitempty"` // 0: no limit
	Breaks   bool      `json:"stretch_breaks,omitempty"`
	Bin      string    `json:"bin"`
	DB       string    `json:"db"`
	Written  time.Time `json:"written"`
}

// Schedule is the schedule the state was written for.
func (s State) Schedule() (Schedule, error) {
	at, err := ParseClock(s.At)
	if err != nil {
		return Schedule{}, err
	}
	return Schedule{At: at, Every: time.Duration(s.EveryMin) * time.Minute, Phase: s.Phase, Max: s.Max, Breaks: s.Breaks}, nil
}

// NewState records a schedule written for bin and db.
func NewState(via string, s Schedule, bin, db string, now time.Time) State {
	return State{Via: via, At: FormatClock(s.At), EveryMin: int(s.Every / time.Minute), Phase: s.Phase,
		Max: s.Max, Breaks: s.Breaks, Bin: bin, DB: db, Written: now}
}

// Encode is the state file's text.
func (s State) Encode() []byte {
	b, _ := json.MarshalIndent(s, "", "  ") // a struct of strings, ints and a time: never fails
	return append(b, '\n')
}

// DecodeState reads a state file.
func DecodeState(data []byte) (State, error) {
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return State{}, fmt.Errorf("the reminder settings are damaged (%v): spinecoach remind off removes them", err)
	}
	if _, err := s.Schedule(); err != nil || (s.Via != ViaSystemd && s.Via != ViaCron) || s.EveryMin < 0 || s.Max < 0 {
		return State{}, fmt.Errorf("the reminder settings are damaged: spinecoach remind off removes them")
	}
	return s, nil
}

// plainPath refuses a path that cannot be written safely into a unit
// file, a crontab line or a shell script.
func plainPath(p string) error {
	if !filepath.IsAbs(p) {
		return fmt.Errorf("%q is not an absolute path", p)
	}
	if i, _ := safetext.Find(p); i >= 0 {
		return fmt.Errorf("the path %q has a control character in it, which a unit file or crontab line cannot hold", p)
	}
	return nil
}

// shellQuote quotes s for sh in single quotes; a single quote inside
// closes the quotes, adds an escaped one and opens them again.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// systemdQuote quotes one word of a systemd command line: double quotes
// with C-style escapes, and % and $ doubled (specifiers and variables).
func systemdQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%", "$", "$$")
	return `"` + r.Replace(s) + `"`
}
