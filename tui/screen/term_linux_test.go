package screen

import (
	"errors"
	"os"
	"strconv"
	"testing"

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
