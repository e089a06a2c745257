package oneproc

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// This test binary imports the package, so its init has run as in the
// program's.
func TestTheProgramStartsOnOneP(t *testing.T) {
	want := 1
	if env := os.Getenv("GOMAXPROCS"); env != "" {
		want, _ = strconv.Atoi(env)
	}
	if got := runtime.GOMAXPROCS(0); got != want {
		t.Errorf("GOMAXPROCS is %d at the start, want %d", got, want)
	}
}

// A GOMAXPROCS the user set is theirs: the init leaves it.
func TestGOMAXPROCSFromTheEnvironmentIsKept(t *testing.T) {
	if os.Getenv("ONEPROC_REPORT") != "" {
		os.Stdout.WriteString(strconv.Itoa(runtime.GOMAXPROCS(0)))
		return
	}
	for _, env := range []string{"3", "2"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestGOMAXPROCSFromTheEnvironmentIsKept$")
		cmd.Env = append(os.Environ(), "ONEPROC_REPORT=1", "GOMAXPROCS="+env)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("GOMAXPROCS=%s: %v", env, err)
		}
		if got, _, _ := strings.Cut(string(out), "PASS"); strings.TrimSpace(got) != env {
			t.Errorf("GOMAXPROCS=%s in the environment: the program ran with %q", env, got)
		}
	}
}
