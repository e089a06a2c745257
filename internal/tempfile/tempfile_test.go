package tempfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// deadPid is the id of a process that has ended.
func deadPid(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run true: %v", err) // no process to borrow an id from
	}
	return cmd.Process.Pid
}

// Only this package's files of a process that is gone are stale, and only
// those of the target named; a file of this process, another target's,
// and names that merely look alike are all left.
func TestRemoveStaleTakesOnlyItsOwnOrphans(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "export.csv")
	dead := strconv.Itoa(deadPid(t))
	mine, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer Remove(mine.Name())
	stale := filepath.Join(dir, ".export.csv.spinecoach-tmp-"+dead+"-0123456789ab")
	keep := []string{
		filepath.Join(dir, ".other.csv.spinecoach-tmp-"+dead+"-0123456789ab"),  // another target's
		filepath.Join(dir, ".export.csv.spinecoach-tmp-"+dead+"-notrandomhex"), // not a name we make
		filepath.Join(dir, ".export.csv.spinecoach-tmp-x-0123456789ab"),
		filepath.Join(dir, "export.csv"),
		filepath.Join(dir, "notes.txt"),
	}
	for _, name := range append([]string{stale}, keep...) {
		if err := os.WriteFile(name, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got := RemoveStale(target)
	if len(got) != 1 || got[0] != stale {
		t.Fatalf("removed %q, want only %q", got, stale)
	}
	for _, name := range append(keep, mine.Name()) {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
}

// A signal while a file is being written removes it and exits with 128
// plus the signal's number; once none is live, signals are left alone.
func TestSignalRemovesLiveFiles(t *testing.T) {
	codes := make(chan int, 1)
	exit = func(code int) { codes <- code }
	defer func() { exit = os.Exit }()
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if !strings.Contains(filepath.Base(f.Name()), ".report.html.spinecoach-tmp-"+strconv.Itoa(os.Getpid())+"-") {
		t.Fatalf("the name %s does not say whose it is", f.Name())
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-codes:
		if code != 128+int(syscall.SIGTERM) {
			t.Errorf("exit %d, want %d", code, 128+int(syscall.SIGTERM))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM did not end the program")
	}
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Errorf("the temporary file is still there after SIGTERM: %v", err)
	}
	Done(f.Name())
}
