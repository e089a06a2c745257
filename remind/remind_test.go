package remind

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/assets"
	"github.com/spinecoach/spinecoach/routine"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./remind -update after a deliberate change)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func phase(t *testing.T, n int) routine.Routine {
	t.Helper()
	p, err := routine.LoadProgram(assets.FS, assets.RoutinesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Routines {
		if r.Phase == n {
			return r
		}
	}
	t.Fatalf("no phase %d", n)
	return routine.Routine{}
}

func clockOf(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := ParseClock(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestScheduleFollowsThePhase(t *testing.T) {
	p1 := ScheduleFor(phase(t, 1), clockOf(t, "09:00"))
	if got := p1.String(); got != "every 2 hours from 09:00 to 21:00" {
		t.Errorf("phase 1: %q", got)
	}
	if got := strings.Join(p1.OnCalendar(), " | "); got != "*-*-* 09,11,13,15,17,19,21:00:00" {
		t.Errorf("phase 1 OnCalendar: %q", got)
	}
	// Phase 2: the routine, then stretch breaks 2 hours apart, 6 in all
	// at most (the routine's own stretches are one of them).
	p2 := ScheduleFor(phase(t, 2), clockOf(t, "09:00"))
	if got := p2.String(); got != "the routine at 09:00, stretch breaks every 2 hours to 19:00" {
		t.Errorf("phase 2: %q", got)
	}
	if got := strings.Join(p2.OnCalendar(), " | "); got != "*-*-* 09,11,13,15,17,19:00:00" {
		t.Errorf("phase 2 OnCalendar: %q", got)
	}
	late := ScheduleFor(phase(t, 2), clockOf(t, "18:30"))
	if got := late.String(); got != "the routine at 18:30, stretch breaks every 2 hours to 20:30" {
		t.Errorf("phase 2 late: %q", got)
	}
	if got := ScheduleFor(phase(t, 3), clockOf(t, "18:30")).String(); got != "daily at 18:30" {
		t.Errorf("phase 3: %q", got)
	}
	// A repeat that is not whole hours falls on two minutes of the hour.
	odd := Schedule{At: clockOf(t, "17:00"), Every: 90 * time.Minute}
	if got := strings.Join(odd.OnCalendar(), " | "); got != "*-*-* 17,20:00:00 | *-*-* 18:30:00" {
		t.Errorf("every 90 min: %q", got)
	}
	lines, err := odd.CronLines("/home/pat/.config/spinecoach/remind.sh")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lines, "\n"); got != "0 17,20 * * * /bin/sh '/home/pat/.config/spinecoach/remind.sh'\n30 18 * * * /bin/sh '/home/pat/.config/spinecoach/remind.sh'" {
		t.Errorf("cron lines:\n%s", got)
	}
	// A late reminder: the window ends with it.
	if got := (Schedule{At: clockOf(t, "22:15"), Every: 2 * time.Hour}).String(); got != "every 2 hours from 22:15 to 22:15" {
		t.Errorf("late: %q", got)
	}
}

func TestParseClock(t *testing.T) {
	for _, bad := range []string{"", "9:00", "09:0", "24:00", "12:60", "-1:00", "noon", "09:00:00", "09-00"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if d := clockOf(t, "23:59"); FormatClock(d) != "23:59" {
		t.Errorf("round trip: %s", FormatClock(d))
	}
}

func TestGoldenFiles(t *testing.T) {
	paths := PathsIn("/home/pat/.config")
	golden(t, "phase1.timer", TimerUnit(ScheduleFor(phase(t, 1), clockOf(t, "09:00"))))
	golden(t, "phase2.timer", TimerUnit(ScheduleFor(phase(t, 2), clockOf(t, "18:30"))))
	svc, err := ServiceUnit(paths)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "spinecoach-remind.service", svc)
	for _, via := range []string{ViaSystemd, ViaCron} {
		s, err := Script("/home/pat/bin/spinecoach", "/home/pat/.local/share/spinecoach/spinecoach.db", via)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "remind-"+via+".sh", s)
	}
	cal := Calendar{Routine: phase(t, 1), Schedule: ScheduleFor(phase(t, 1), clockOf(t, "09:00")),
		From:  time.Date(2026, 11, 22, 14, 0, 0, 0, time.FixedZone("", 3600)),
		Until: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC),
		Stamp: time.Date(2026, 11, 22, 14, 0, 0, 0, time.FixedZone("", 3600))}
	golden(t, "phase1.ics", ICS(cal))
}

func TestUnsafePathsAreQuotedOrRefused(t *testing.T) {
	p := PathsIn("/home/pat/My 100% $HOME \"config\"")
	svc, err := ServiceUnit(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := `ExecStart=/bin/sh "/home/pat/My 100%% $$HOME \"config\"/spinecoach/remind.sh"`; !strings.Contains(svc, want+"\n") {
		t.Errorf("service:\n%s\nwant %s", svc, want)
	}
	s, err := Script("/opt/it's/spinecoach", "/data/a b.db", ViaSystemd)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s, `bin='/opt/it'\''s/spinecoach'`+"\n") || !strings.Contains(s, "db='/data/a b.db'\n") {
		t.Errorf("script:\n%s", s)
	}
	lines, err := Schedule{At: clockOf(t, "09:00")}.CronLines("/home/pat/100%/remind.sh")
	if err != nil || lines[0] != `0 9 * * * /bin/sh '/home/pat/100\%/remind.sh'` {
		t.Errorf("cron: %q %v", lines, err)
	}
	for _, bad := range []string{"/home/pat/x\ny", "relative/spinecoach", "/tmp/\x1b[2J"} {
		if _, err := Script(bad, "/data/a.db", ViaCron); err == nil {
			t.Errorf("script with bin %q accepted", bad)
		}
		if _, err := ServiceUnit(Paths{Script: bad}); err == nil {
			t.Errorf("service with script %q accepted", bad)
		}
	}
}

func TestICSIsCRLFFoldedAndClean(t *testing.T) {
	r := phase(t, 2)
	r.Name = "Evil\x1b]0;title\x07 name; with, commas and a very long tail that must be folded somewhere ééééééééé"
	out := ICS(Calendar{Routine: r, Schedule: ScheduleFor(r, clockOf(t, "09:00")), From: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), Stamp: time.Unix(0, 0)})
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Error("does not end with END:VCALENDAR CRLF")
	}
	for i, line := range strings.SplitAfter(out, "\r\n") {
		if line == "" {
			continue
		}
		if len(line) > 77 {
			t.Errorf("line %d is %d octets long: %q", i, len(line)-2, line)
		}
		body := strings.TrimSuffix(line, "\r\n")
		if strings.ContainsAny(body, "\r\n\x1b\x07") {
			t.Errorf("line %d has a control character: %q", i, body)
		}
	}
	if strings.Contains(out, "UNTIL") {
		t.Error("no end date given, but the rule has an UNTIL")
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	if !strings.Contains(unfolded, "SUMMARY:Exercises: Evil\uFFFD]0\\;title\uFFFD name\\; with\\, commas") {
		t.Errorf("summary not escaped:\n%s", unfolded)
	}
	if !strings.Contains(unfolded, "ééééééééé\r\n") {
		t.Error("a folded UTF-8 sequence was split")
	}
	// Phase 2: the routine at 09:00, then 5 stretch breaks.
	if n := strings.Count(out, "BEGIN:VEVENT"); n != 6 {
		t.Errorf("%d events for phase 2, want 6", n)
	}
	if n := strings.Count(unfolded, "SUMMARY:Stretch break: "); n != 5 {
		t.Errorf("%d stretch breaks, want 5:\n%s", n, unfolded)
	}
	if !strings.Contains(unfolded, "Hamstring stretch on your back\\, Wall calf stretch") {
		t.Errorf("a stretch break does not name its stretches:\n%s", unfolded)
	}
	r3 := phase(t, 3)
	if n := strings.Count(ICS(Calendar{Routine: r3, Schedule: ScheduleFor(r3, clockOf(t, "09:00")), From: time.Unix(0, 0)}), "BEGIN:VEVENT"); n != 1 {
		t.Errorf("%d events for a daily routine, want 1", n)
	}
}

func TestStateRoundTrip(t *testing.T) {
	s := NewState(ViaSystemd, ScheduleFor(phase(t, 1), clockOf(t, "08:15")), "/bin/spinecoach", "/d.db", time.Unix(1e9, 0).UTC())
	got, err := DecodeState(s.Encode())
	if err != nil || got != s {
		t.Fatalf("%+v %v, want %+v", got, err, s)
	}
	sch, err := got.Schedule()
	if err != nil || sch.String() != "every 2 hours from 08:15 to 20:15" {
		t.Errorf("%v %v", sch, err)
	}
	for _, bad := range []string{"", "{", `{"via":"mail","at":"09:00"}`, `{"via":"cron","at":"9am"}`} {
		if _, err := DecodeState([]byte(bad)); err == nil || !strings.Contains(err.Error(), "remind off") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestSessionLength(t *testing.T) {
	for n := 1; n <= 5; n++ {
		if d := SessionLength(phase(t, n)); d < 10*time.Minute || d > 90*time.Minute || d%(5*time.Minute) != 0 {
			t.Errorf("phase %d: %v", n, d)
		}
	}
}
