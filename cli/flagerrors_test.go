package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every bad command line gets one sentence of ours, exit 2, and the
// nearest command or flag when one was mistyped.
func TestCommandLineErrorsAreOurSentences(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	db := filepath.Join(t.TempDir(), "a.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"strat"}, `unknown command "strat"; did you mean start? (see spinecoach --help)`},
		{[]string{"reprot"}, `unknown command "reprot"; did you mean report?`},
		{[]string{"dance"}, `unknown command "dance" (see spinecoach --help)`},
		{[]string{"--colour"}, "unknown flag --colour; did you mean --no-color?"},
		{[]string{"start", "--shrot"}, "unknown flag --shrot; did you mean --short?"},
		{[]string{"history", "--dyas", "3"}, "unknown flag --dyas; did you mean --days?"},
		{[]string{"history", "--zzz"}, "unknown flag --zzz (see spinecoach --help)"},
		{[]string{"history", "--days", "abc"}, `--days needs a whole number, got "abc" (see spinecoach --help)`},
		{[]string{"history", "--days"}, "--days needs a value: a whole number"},
		{[]string{"--speed", "fast"}, `--speed needs a number, got "fast"`},
		{[]string{"--plain=maybe"}, `--plain needs no value, or true or false, got "maybe"`},
		{[]string{"--db"}, "--db needs a value (see spinecoach --help)"},
		{[]string{"---x"}, `"---x" is not a flag I can read`},
		{[]string{"remind", "stauts"}, `unknown remind command "stauts"; did you mean status?`},
		{[]string{"remind", "on", "--att", "09:00"}, "unknown flag --att; did you mean --at?"},
		{[]string{"--theme", "sepia", "start"}, `--theme must be default, light, dark or high-contrast, got "sepia"`},
		{[]string{"setup", "--surgery-date", "2026-02-30"}, "there is no 30 February"},
		{[]string{"routines", "shwo"}, "did you mean show?"},
		{[]string{"routines", "show", "phas2"}, `no routine "phas2": spinecoach routines lists them; did you mean phase2?`},
	} {
		code, out, errOut := runCLI(t, append([]string{"--db", db}, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, errOut, tc.want)
		}
		if n := strings.Count(strings.TrimSpace(errOut), "\n"); n > 0 {
			t.Errorf("%v: stderr has %d lines, want one sentence: %q", tc.args, n+1, errOut)
		}
		for _, theirs := range []string{"flag provided but not defined", "invalid value", "parse error", "flag needs an argument"} {
			if strings.Contains(errOut, theirs) {
				t.Errorf("%v: the flag library's words %q: %q", tc.args, theirs, errOut)
			}
		}
	}
}

// --help fits 80 columns and ends with where the keys and the
// prescription format are found.
func TestHelpFitsEightyColumns(t *testing.T) {
	t.Setenv("SPINECOACH_DB", "")
	t.Setenv("XDG_DATA_HOME", "/home/patient/.local/share")
	for _, args := range [][]string{{"--help"}, {"help"}, {"history", "-h"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		for i, line := range strings.Split(out, "\n") {
			if n := len([]rune(line)); n > 80 {
				t.Errorf("%v: line %d is %d columns: %q", args, i+1, n, line)
			}
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		tail := strings.Join(lines[len(lines)-3:], " ")
		if !strings.Contains(tail, "press ? on any screen for all of its keys") || !strings.Contains(tail, "prescription file format") {
			t.Errorf("%v: the help does not end with the keys and the prescription format: %q", args, tail)
		}
	}
}

// An output file the user names that cannot be written: the error names
// the kind of file and the path they gave, never a temporary file.
func TestOutputPathErrorsNameTheFile(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if code, _, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-11-01"); code != 0 {
		t.Fatal(errOut)
	}
	missing := filepath.Join(dir, "no-such-folder")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--out", filepath.Join(missing, "r.html")}, "cannot write the report to " + filepath.Join(missing, "r.html") + ": there is no folder " + missing},
		{[]string{"export", "--out", filepath.Join(missing, "r.csv")}, "cannot write the export to " + filepath.Join(missing, "r.csv") + ": there is no folder " + missing},
		{[]string{"remind", "ics", "--out", filepath.Join(missing, "r.ics")}, "cannot write the calendar file to " + filepath.Join(missing, "r.ics")},
		{[]string{"report", "--out", dir}, dir + " is a folder; give --out the name of a new file for the report"},
		{[]string{"report", "--out", filepath.Join(db, "r.html")}, "cannot write the report to " + filepath.Join(db, "r.html") + ": " + db + " is not a folder"},
	} {
		code, _, errOut := runCLI(t, append([]string{"--db", db}, tc.args...)...)
		if code == 0 || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, ".spinecoach-") {
			t.Errorf("%v: exit %d, stderr %q; want %q", tc.args, code, errOut, tc.want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a folder was made")
	}
}
