package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The program starts on one P (internal/oneproc). The commands over a
// whole file take every CPU back; the others keep the one.
func TestBulkCommandsUseEveryCPU(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	os.Unsetenv("GOMAXPROCS")
	t.Setenv("SPINECOACH_NOW", "2026-12-01T08:00:00Z")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.SetDefaultGOMAXPROCS()
	every := runtime.GOMAXPROCS(0)

	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if code, _, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-11-01"); code != 0 {
		t.Fatalf("setup: exit %d: %s", code, errOut)
	}
	for _, tc := range []struct {
		args []string
		want int
		code int
	}{
		{[]string{"export", "--format", "json", "--out", filepath.Join(dir, "x.json")}, every, exitOK},
		{[]string{"report", "--out", filepath.Join(dir, "r.html")}, every, exitOK},
		{[]string{"check"}, every, exitOK},
		{[]string{"due"}, 1, exitDueLater},
		{[]string{"history"}, 1, exitOK},
		{[]string{"routines"}, 1, exitOK},
	} {
		runtime.GOMAXPROCS(1)
		if code, _, errOut := runCLI(t, append([]string{"--db", db}, tc.args...)...); code != tc.code {
			t.Fatalf("%s: exit %d: %s", tc.args[0], code, errOut)
		}
		if got := runtime.GOMAXPROCS(0); got != tc.want {
			t.Errorf("%s ran on %d Ps, want %d", strings.Join(tc.args, " "), got, tc.want)
		}
	}
}
