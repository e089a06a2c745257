//go:build unix

package cli

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Plain mode started where no terminal can give it keys (its input a pipe,
// and no controlling terminal: a new session) says so in one sentence and
// exits 1, as the full screen does, instead of Bubble Tea's "could not
// open a new TTY" behind "the screen failed".
func TestNoTerminalForKeysIsOneSentence(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if r := runBin(t, 30*time.Second, nil, "--db", db, "setup", "--surgery-date", "2026-11-01"); r.code != 0 {
		t.Fatalf("setup: exit %d: %s", r.code, r.stderr)
	}
	for _, args := range [][]string{{"--plain"}, {"start", "--plain"}} {
		cmd := exec.Command(buildOnce(t), append([]string{"--db", db}, args...)...)
		cmd.Env = cleanEnv()
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
		cmd.Stdin = strings.NewReader("")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		done := make(chan error, 1)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("%v: still running after 30 s", args)
		}
		want := "spinecoach: there is no terminal to read keys from; run it at a terminal\n"
		if code := cmd.ProcessState.ExitCode(); code != 1 || errOut.String() != want {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", args, code, errOut.String(), want)
		}
	}
}
