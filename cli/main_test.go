package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/tui"
)

// runCLI runs the program in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBadInputExitsWithOneSentence(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("id = \"x\"\nname = \"X\"\nphase = 1\nbogus = 1\n"), 0o600)
	t.Setenv("SPINECOACH_NOW", "")
	for _, tc := range []struct {
		name string
		args []string
		env  string
		code int
		want string
	}{
		{"unknown command", []string{"dance"}, "", 2, `unknown command "dance"`},
		{"unknown flag", []string{"--colour"}, "", 2, "unknown flag --colour; did you mean --no-color?"},
		{"bad routine file", []string{"--routine-file", bad, "routines"}, "", 2, bad + `:4: unknown key "bogus" (and 1 more problem in this file)`},
		{"missing routine file", []string{"--routine-file", filepath.Join(dir, "none.toml"), "routines"}, "", 2, "cannot read the routine file"},
		{"unknown routine", []string{"routines", "show", "phase9"}, "", 2, `no routine "phase9"`},
		{"bad export format", []string{"--db", filepath.Join(dir, "a.db"), "export", "--format", "xml"}, "", 2, "--format must be csv, json or fhir"},
		{"bad speed", []string{"--speed", "0", "start"}, "", 2, "--speed must be more than 0"},
		{"bad clock", []string{"--db", filepath.Join(dir, "a.db"), "history"}, "yesterday", 2, "SPINECOACH_NOW must be an RFC 3339 time"},
		{"no data file yet", []string{"--db", filepath.Join(dir, "none.db"), "history"}, "", 1, "no data file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SPINECOACH_NOW", tc.env)
			code, _, errOut := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tc.code, tc.want)
			}
			if n := strings.Count(strings.TrimSpace(errOut), "\n"); n > 0 {
				t.Errorf("stderr has %d lines, want one sentence: %q", n+1, errOut)
			}
		})
	}
}

func TestUnusableDataFilesExit2Untouched(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"empty.db": {},
		"text.db":  []byte("my shopping list\neggs\n"),
		"short.db": bytes.Repeat([]byte{0xAB}, 5000),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			os.WriteFile(path, data, 0o600)
			code, _, errOut := runCLI(t, "--db", path, "history")
			if code != 2 || !strings.Contains(errOut, "left untouched") {
				t.Errorf("exit %d, stderr %q", code, errOut)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
				t.Error("the file was changed")
			}
		})
	}
}

func TestSecondInstanceExits3(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	code, _, errOut := runCLI(t, "--db", db, "export")
	if code != 3 || !strings.Contains(errOut, "spinecoach is already running with this data file ("+db+")") ||
		strings.Contains(errOut, "in use by another spinecoach") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to give up, want under 2 s", d)
	}
}

func TestRoutinesListAndShow(t *testing.T) {
	code, out, _ := runCLI(t, "routines")
	if code != 0 || strings.Count(out, "\n") != 6 || !strings.Contains(out, "* phase1") || !strings.Contains(out, "once cleared") {
		t.Errorf("routines: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "routines", "show", "phase1")
	if code != 0 || !strings.Contains(out, "Straight-leg nerve glide: 3 holds of 30 s, each side") || !strings.Contains(out, "Position:") {
		t.Errorf("routines show: exit %d\n%s", code, out)
	}
}

func TestExportAndHistoryOfAnEmptyFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, _ := runCLI(t, "--db", db, "export", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "session_id,started_at,routine,exercise_id") || strings.Count(out, "\n") != 1 {
		t.Errorf("export of an empty file: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "--db", db, "history")
	if code != 0 || !strings.Contains(out, "No sessions in the last 30 days.") {
		t.Errorf("history: exit %d\n%s", code, out)
	}
	outFile := filepath.Join(t.TempDir(), "x.json")
	if code, _, errOut := runCLI(t, "--db", db, "export", "--format", "json", "--out", outFile); code != 0 {
		t.Fatalf("export --out: %s", errOut)
	}
	if code, _, errOut := runCLI(t, "--db", db, "export", "--out", outFile); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("export over an existing file: exit %d %q", code, errOut)
	}
}

func TestHistoryShowsDecisions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 22, 8, 0, 0, 0, time.Local)
	sess := store.Session{ID: store.NewSessionID(at), StartedAt: at, EndedAt: at.Add(20 * time.Minute), RoutineID: "phase1",
		Routine: "Nerve glides and pulls", Baseline: 3, Status: store.StatusCompleted}
	dec := store.Decision{SessionID: sess.ID, At: at.Add(5 * time.Minute), Rule: "amber", ExerciseID: "glide", LevelAfter: 1,
		Reason: "Straight-leg nerve glide, left side: pain went from 3 to 5, so the dose for the rest of today is 2 holds of 25 s."}
	if err := st.PutSessionWithDecisions(sess, []store.Decision{dec}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	t.Setenv("SPINECOACH_NOW", "2026-11-23T09:00:00Z")
	code, out, errOut := runCLI(t, "--db", db, "history", "--days", "7")
	if code != 0 || !strings.Contains(out, "Nerve glides and pulls · completed · pain before 3") ||
		!strings.Contains(out, "    amber: Straight-leg nerve glide, left side: pain went from 3 to 5") {
		t.Errorf("history: exit %d %s\n%s", code, errOut, out)
	}
}

func TestSetupValidation(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	db := filepath.Join(t.TempDir(), "a.db")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad date", []string{"--surgery-date", "yesterday"}, `"yesterday" is not a date I can read`},
		{"impossible date", []string{"--surgery-date", "2026-02-30"}, "there is no 30 February"},
		{"future date", []string{"--surgery-date", "2026-11-23"}, "is in the future"},
		{"too long ago", []string{"--surgery-date", "2016-11-21"}, "more than 10 years ago"},
		{"unknown region", []string{"--surgery-date", "2026-10-01", "--region", "hip"}, `unknown region "hip"`},
		{"phase out of range", []string{"--surgery-date", "2026-10-01", "--cleared-phase", "6"}, "--cleared-phase must be from 0 to 5"},
		{"no date", []string{"--region", "lumbar"}, "setup needs --surgery-date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"--db", db, "setup"}, tc.args...)...)
			if code != 2 || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errOut, tc.want)
			}
		})
	}
}

func TestSetupAndRoutinesFollowTheRecovery(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	db := filepath.Join(t.TempDir(), "a.db")
	code, out, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-10-01", "--region", "cervical")
	if code != 0 || !strings.Contains(out, "Week 7 after surgery · Static stabilization") || !strings.Contains(out, "--cleared-phase 3") {
		t.Fatalf("setup: exit %d %s\n%s", code, errOut, out)
	}
	code, out, _ = runCLI(t, "--db", db, "routines")
	if code != 0 || !strings.Contains(out, "* phase2") {
		t.Errorf("routines does not mark phase 2 as today's:\n%s", out)
	}
	code, out, _ = runCLI(t, "--db", db, "routines", "show")
	if code != 0 || !strings.Contains(out, "Static stabilization (phase 2)") || !strings.Contains(out, "neck") {
		t.Errorf("routines show (cervical, phase 2):\n%s", out)
	}
	if code, out, _ = runCLI(t, "--db", db, "setup", "--cleared-phase", "3"); code != 0 || !strings.Contains(out, "Dynamic stability") {
		t.Errorf("clearing phase 3: exit %d\n%s", code, out)
	}

	rx := filepath.Join(t.TempDir(), "rx.toml")
	os.WriteFile(rx, []byte("id = \"rx\"\nname = \"Dr Lee's routine\"\nphase = 1\n\n[[exercise]]\nid = \"walk\"\nname = \"Walk\"\nposition = \"Stand tall.\"\ncues = [\"Easy pace.\"]\nduration_s = 600\n"), 0o600)
	if code, out, errOut = runCLI(t, "--db", db, "routines", "import", rx); code != 0 || !strings.Contains(out, "Imported rx.toml: Dr Lee's routine, 1 exercise.") {
		t.Fatalf("import: exit %d %s %s", code, out, errOut)
	}
	os.Remove(rx) // kept in the data file: the file is no longer needed
	if code, out, _ = runCLI(t, "--db", db, "routines", "show"); code != 0 || !strings.Contains(out, "Walk: 10 min") {
		t.Errorf("show after import:\n%s", out)
	}
	if code, out, _ = runCLI(t, "--db", db, "routines", "reset"); code != 0 || !strings.Contains(out, "Back to the shipped routines") {
		t.Errorf("reset: %s", out)
	}
	if code, out, _ = runCLI(t, "--db", db, "routines"); code != 0 || !strings.Contains(out, "* phase3") {
		t.Errorf("after reset:\n%s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("id = \"x\"\n"), 0o600)
	if code, _, errOut = runCLI(t, "--db", db, "routines", "import", bad); code != 2 || !strings.Contains(errOut, "bad.toml") {
		t.Errorf("a bad prescription: exit %d %q", code, errOut)
	}
}

func TestExportImportRoundTripAndCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.FixedZone("CET", 3600))
	for i := 0; i < 3; i++ {
		start := at.AddDate(0, 0, i)
		sess := store.Session{ID: store.NewSessionID(start), StartedAt: start, EndedAt: start.Add(15 * time.Minute),
			RoutineID: "phase1", Routine: "Nerve glides and pulls", Baseline: 2 + i, Status: store.StatusCompleted}
		dec := store.Decision{SessionID: sess.ID, At: start, Rule: "amber", ExerciseID: "glide", LevelAfter: 1, Reason: "Pain went up."}
		if err := st.PutSessionWithDecisions(sess, []store.Decision{dec}); err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 4; j++ {
			r := store.SetRecord{SessionID: sess.ID, Index: j, ExerciseID: "glide", Exercise: "Glide", Side: 1, SetNo: 1,
				RepsPlanned: 3, RepsDone: 3, Hold: 30 * time.Second, Pain: j, At: start.Add(time.Duration(j) * time.Minute)}
			if err := st.RecordSet(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	st.Close()

	first := filepath.Join(dir, "first.json")
	if code, _, errOut := runCLI(t, "--db", db, "export", "--format", "json", "--out", first); code != 0 {
		t.Fatal(errOut)
	}
	empty := filepath.Join(dir, "b.db")
	for i := 0; i < 2; i++ { // twice: the second import adds nothing
		code, out, errOut := runCLI(t, "--db", empty, "import", first)
		if code != 0 || (i == 0 && !strings.Contains(out, "Imported 3 sessions, 12 sets and 3 dose changes")) ||
			(i == 1 && !strings.Contains(out, "Imported 0 sessions, 0 sets and 0 dose changes")) {
			t.Fatalf("import %d: exit %d %s %s", i, code, out, errOut)
		}
	}
	second := filepath.Join(dir, "second.json")
	if code, _, errOut := runCLI(t, "--db", empty, "export", "--format", "json", "--out", second); code != 0 {
		t.Fatal(errOut)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if !bytes.Equal(a, b) {
		t.Error("export, import, export is not byte-identical")
	}

	// A bad record anywhere: nothing is imported, and the file says so.
	bad := bytes.Replace(a, []byte(`"pain": 3`), []byte(`"pain": 11`), 1)
	badFile := filepath.Join(dir, "bad.json")
	os.WriteFile(badFile, bad, 0o600)
	fresh := filepath.Join(dir, "c.db")
	code, _, errOut := runCLI(t, "--db", fresh, "import", badFile)
	if code != 2 || !strings.Contains(errOut, "bad.json") || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("bad import: exit %d %q", code, errOut)
	}
	if code, out, _ := runCLI(t, "--db", fresh, "export"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("a rejected import left rows:\n%s", out)
	}

	if code, out, _ := runCLI(t, "--db", empty, "check"); code != 0 || !strings.Contains(out, "is sound") {
		t.Errorf("check: %d %s", code, out)
	}
	backup := filepath.Join(dir, "backup.db")
	if code, out, _ := runCLI(t, "--db", empty, "backup", backup); code != 0 || !strings.Contains(out, "checked the copy") {
		t.Errorf("backup: %d %s", code, out)
	}
	if code, _, errOut := runCLI(t, "--db", empty, "backup", backup); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over a file: %d %q", code, errOut)
	}
}

func TestNoColorLeavesNoEscapeCodes(t *testing.T) {
	defer lipgloss.SetColorProfile(lipgloss.ColorProfile())
	lipgloss.SetColorProfile(termenv.TrueColor)
	theme, _ := chooseTheme(&globals{}, store.Profile{})
	if !strings.Contains(theme.Pain(7), "\x1b[") {
		t.Fatal("the test cannot tell: colours were off already")
	}
	t.Setenv("NO_COLOR", "1")
	for _, name := range []string{"default", "high-contrast"} {
		theme, err := chooseTheme(&globals{theme: name}, store.Profile{})
		if err != nil {
			t.Fatal(err)
		}
		if got := theme.Pain(7) + theme.Title.Render("Title") + theme.Flash.Render("Hold done"); strings.Contains(got, "\x1b[") {
			t.Errorf("%s theme with NO_COLOR: %q", name, got)
		}
		if got := theme.Pain(7); !strings.Contains(got, "7/10 severe") {
			t.Errorf("the score lost its words: %q", got)
		}
	}
	if _, err := chooseTheme(&globals{theme: "neon"}, store.Profile{}); err == nil {
		t.Error("an unknown theme was accepted")
	}
}

func TestVoiceFallsBackToTheBell(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no speech program anywhere
	cues, note, err := chooseCues(&globals{cues: "voice"}, store.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cues.(tui.BellCues); !ok || !strings.Contains(note, "No speech program") {
		t.Errorf("cues %T, note %q; want the bell and a note saying why", cues, note)
	}
	if cues, _, _ := chooseCues(&globals{noBell: true}, store.Profile{Cues: "voice"}); cues != (tui.NoCues{}) {
		t.Errorf("--no-bell gave %T", cues)
	}
	if cues, _, _ := chooseCues(&globals{}, store.Profile{Cues: "off"}); cues != (tui.NoCues{}) {
		t.Errorf("the saved setting off gave %T", cues)
	}
}

// TestNumbersAndNamesAreRangeChecked: flags and the clock refuse what
// would pass a comparison by accident (NaN) or mean something else (the
// zero time, an empty path).
func TestNumbersAndNamesAreRangeChecked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	for _, tc := range []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"speed NaN", []string{"--db", db, "--speed", "NaN", "history"}, "", "--speed must be more than 0 and at most 10000, got NaN"},
		{"speed +Inf", []string{"--db", db, "--speed", "+Inf", "history"}, "", "--speed must be more than 0 and at most 10000, got +Inf"},
		{"speed -Inf", []string{"--db", db, "--speed", "-Inf", "history"}, "", "--speed must be more than 0"},
		{"empty db", []string{"--db", "", "history"}, "", "--db needs the path of a data file"},
		{"year 1", []string{"--db", db, "history"}, "0001-01-01T00:00:00Z", `SPINECOACH_NOW must be a time from 1970-01-02 to 2199, got "0001-01-01T00:00:00Z"`},
		{"year 9999", []string{"--db", db, "routines"}, "9999-12-31T23:59:59Z", "SPINECOACH_NOW must be a time from 1970-01-02 to 2199"},
		{"history days", []string{"--db", db, "history", "--days", "9223372036854775807"}, "", "--days must be from 1 to 36500"},
		{"trends days", []string{"--db", db, "trends", "--plain", "--days", "-1"}, "", "--days must be from 1 to 3650"},
		{"routine file is a directory", []string{"--routine-file", dir, "routines"}, "", "cannot read the routine file " + dir + ": it is a directory"},
		{"routine file is a device", []string{"--routine-file", "/dev/zero", "routines"}, "", "cannot read the routine file /dev/zero: it is not a regular file"},
		{"import of a directory", []string{"--db", db, "import", dir}, "", "cannot read the export " + dir + ": it is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SPINECOACH_NOW", tc.env)
			code, _, errOut := runCLI(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errOut, tc.want)
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused command created the data file")
	}
}
