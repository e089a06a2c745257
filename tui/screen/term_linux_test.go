package screen

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// openPty returns both ends of a new pseudo-terminal.
func openPty(t *testing.T) (ptmx, pts *os.File) {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	fd := int(ptmx.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	pts, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pts.Close() })
	return ptmx, pts
}

func TestOpenRefusesInputThatIsNotATerminal(t *testing.T) {
	_, pts := openPty(t)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	// As with echo | setsid spinecoach: the screen is a terminal but no
	// key can come, so nothing could end the program.
	r, err := Open(pr, pts, ignorePanic)
	if r != nil {
		r.Restore()
	}
	if !errors.Is(err, ErrInputNotTerminal) {
		t.Errorf("Open with keys from a pipe returned %v, want ErrInputNotTerminal", err)
	}
}

func TestOpenAndRestoreOnATerminal(t *testing.T) {
	_, pts := openPty(t)
	before, err := term.GetState(int(pts.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(pts, pts, ignorePanic)
	if err != nil {
		t.Fatalf("Open on a terminal: %v", err)
	}
	r.Restore()
	after, err := term.GetState(int(pts.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	if *after != *before {
		t.Error("the terminal modes were not given back")
	}
}

// TestTheHangupWatchWaitsForTheFirstFrame: the watch opens the terminal
// once more; the first frame does not need it, so it is not opened before.
func TestTheHangupWatchWaitsForTheFirstFrame(t *testing.T) {
	_, pts := openPty(t)
	name, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(int(pts.Fd())))
	if err != nil {
		t.Fatal(err)
	}
	opened := func() int {
		n := 0
		entries, _ := os.ReadDir("/proc/self/fd")
		for _, e := range entries {
			if to, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && to == name {
				n++
			}
		}
		return n
	}
	r, err := Open(pts, pts, ignorePanic)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Restore()
	if n := opened(); n != 1 {
		t.Fatalf("before the first frame the terminal is open %d times, want 1", n)
	}
	r.Frame("first", true)
	deadline := time.Now().Add(5 * time.Second)
	for opened() != 2 {
		if time.Now().After(deadline) {
			t.Fatal("the watch did not start after the first frame")
		}
		time.Sleep(time.Millisecond)
	}
	r.Restore()
	// The watch's file closes once its waiting read has woken.
	for deadline = time.Now().Add(5 * time.Second); opened() != 1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after Restore the terminal is still open %d times, want 1", opened())
		}
	}
}

// TestAWatchOfATerminalGoneAlreadySaysSo: the terminal hung up before the
// watch could open it again.
func TestAWatchOfATerminalGoneAlreadySaysSo(t *testing.T) {
	ptmx, pts := openPty(t)
	ptmx.Close()
	gone := make(chan struct{})
	stop := WatchHangup(int(pts.Fd()), func() { close(gone) })
	defer stop()
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("a terminal gone before the watch went unseen")
	}
}

// TestTheStopWatchWaitsForTheFirstFrame: the handlers of SIGTSTP and
// SIGCONT are put in place once the first frame is on screen (each costs
// the start a round trip to the Go runtime's signal thread). The kernel
// lists the signals a process catches; the Go runtime keeps a handler it
// put in place, so the test runs in a process of its own.
func TestTheStopWatchWaitsForTheFirstFrame(t *testing.T) {
	if os.Getenv("SCREEN_TEST_STOP_WATCH") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTheStopWatchWaitsForTheFirstFrame$", "-test.v")
		cmd.Env = append(os.Environ(), "SCREEN_TEST_STOP_WATCH=1")
		if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "--- PASS") {
			t.Fatalf("in a process of its own: %v\n%s", err, out)
		}
		return
	}
	_, pts := openPty(t)
	caught := func(sig unix.Signal) bool {
		status, err := os.ReadFile("/proc/self/status")
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(status), "\n") {
			if mask, ok := strings.CutPrefix(line, "SigCgt:"); ok {
				bits, err := strconv.ParseUint(strings.TrimSpace(mask), 16, 64)
				if err != nil {
					t.Fatal(err)
				}
				return bits&(1<<(uint(sig)-1)) != 0
			}
		}
		t.Fatal("no SigCgt line in /proc/self/status")
		return false
	}
	if caught(unix.SIGTSTP) || caught(unix.SIGCONT) {
		t.Fatal("SIGTSTP or SIGCONT is caught before the test opened the screen")
	}
	r, err := Open(pts, pts, ignorePanic)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Restore()
	if caught(unix.SIGTSTP) || caught(unix.SIGCONT) {
		t.Fatal("SIGTSTP or SIGCONT is caught before the first frame")
	}
	r.Frame("first", true)
	deadline := time.Now().Add(5 * time.Second)
	for !caught(unix.SIGTSTP) || !caught(unix.SIGCONT) {
		if time.Now().After(deadline) {
			t.Fatal("the stop watch did not start after the first frame")
		}
		time.Sleep(time.Millisecond)
	}
	// What asks after the first frame starts at once.
	started := make(chan struct{})
	r.AfterFirstFrame(func() func() { close(started); return func() {} })
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("AfterFirstFrame after the first frame did not start")
	}
}

// TestWhatWaitsForTheFirstFrameIsUndoneByRestore: a watch that starts
// after Restore (the program ended before its first frame was out, or
// as it came) is undone at once.
func TestWhatWaitsForTheFirstFrameIsUndoneByRestore(t *testing.T) {
	_, pts := openPty(t)
	r, err := Open(pts, pts, ignorePanic)
	if err != nil {
		t.Fatal(err)
	}
	undone := make(chan struct{})
	r.Restore()
	r.AfterFirstFrame(func() func() { return func() { close(undone) } })
	r.Frame("after the end", true)
	select {
	case <-undone:
		t.Fatal("a watch asked for after Restore was started")
	case <-time.After(50 * time.Millisecond):
	}
}
