package screen

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/term"
)

// TestOnlyTextAndColoursReachTheTerminal: a view carrying what a hostile
// file could put in a name (a clipboard write, a screen clear, a C1
// control, a bidi override, a bare carriage return) is drawn with each
// shown as U+FFFD; the colours of the styles pass.
func TestOnlyTextAndColoursReachTheTerminal(t *testing.T) {
	r, out, _ := newTestRenderer(80, 24)
	view := "\x1b[1;38;5;42mGlide\x1b]52;c;aGVsbG8=\x07\x1b[0m\n" +
		"Bridge\x1b[2J\x1b[H!\n" +
		"C1 \u009b31m, \u202eevil, a\rb, \x1bP+q\x1b\\, bad \xff"
	r.Frame(view, true)
	got := out.String()
	for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\x1b[H!", "\u009b", "\u202e", "\r", "\x1bP", "\xff"} {
		if strings.Contains(got, bad) {
			t.Errorf("the frame carries %q:\n%q", bad, got)
		}
	}
	for _, want := range []string{"\x1b[1;38;5;42mGlide\uFFFD]52;c;aGVsbG8=\uFFFD\x1b[0m", "Bridge\uFFFD[2J\uFFFD[H!",
		"C1 \uFFFD31m, \uFFFDevil, a\uFFFDb, \uFFFDP+q\uFFFD\\, bad \uFFFD"} {
		if !strings.Contains(got, want) {
			t.Errorf("the frame lacks %q:\n%q", want, got)
		}
	}
	if safeLine("plain · ▲ \x1b[31mred\x1b[m") != "plain · ▲ \x1b[31mred\x1b[m" {
		t.Error("a clean line was changed")
	}
}

type failingWriter struct {
	n   int
	err error
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, w.err
}

// TestAWriteErrorEndsTheProgramOnce: the terminal refuses a write (EIO
// once it is gone): the renderer says so once, and writes nothing more.
func TestAWriteErrorEndsTheProgramOnce(t *testing.T) {
	w := &failingWriter{err: errors.New("input/output error")}
	r := New(w, 80, 24, ignorePanic)
	got := make(chan error, 4)
	r.OnFail(func(err error) { got <- err })
	r.Start()
	r.Frame("a", true)
	r.Frame("b", true)
	select {
	case err := <-got:
		if !strings.Contains(err.Error(), "cannot write to the terminal: input/output error") {
			t.Errorf("reported %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the failure was not reported")
	}
	if w.n != 1 {
		t.Errorf("%d writes, want the one that failed", w.n)
	}
	r.Restore()
	select {
	case err := <-got:
		t.Errorf("reported twice: %v", err)
	default:
	}
	if r.Err() == nil {
		t.Error("Err is nil after a failure")
	}
}

// TestSuspendGivesTheTerminalBackAndTakesItAgain: on a pseudo-terminal,
// release restores the modes Open found and leaves the alternate screen;
// frames meanwhile are kept, not written; retake makes the terminal raw
// again and repaints the newest view in full.
func TestSuspendGivesTheTerminalBackAndTakesItAgain(t *testing.T) {
	ptmx, pts := openPty(t)
	before, err := term.GetState(int(pts.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(pts, pts, ignorePanic)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Restore()
	var out bytes.Buffer
	r.mu.Lock()
	r.out = &out // what the terminal would be sent
	r.mu.Unlock()
	r.Frame("first\nsecond", true)

	out.Reset()
	if !r.release() {
		t.Fatal("release refused")
	}
	if now, _ := term.GetState(int(pts.Fd())); *now != *before {
		t.Error("the modes were not given back")
	}
	if !strings.HasSuffix(out.String(), showCursor+exitAltScreen) {
		t.Errorf("release wrote %q", out.String())
	}
	out.Reset()
	r.Frame("first\nchanged", true)
	if out.Len() != 0 {
		t.Errorf("a frame was written while suspended: %q", out.String())
	}
	r.retake()
	if now, _ := term.GetState(int(pts.Fd())); *now == *before {
		t.Error("the terminal is not raw again")
	}
	got := out.String()
	if !strings.HasPrefix(got, enterAltScreen+hideCursor) || !strings.Contains(got, "first") || !strings.Contains(got, "changed") {
		t.Errorf("retake wrote %q", got)
	}
	select {
	case <-r.resumed:
	default:
		t.Error("the model is not told to read the size again")
	}
	_ = ptmx
}

// TestAHangupEndsTheProgram: the terminal's other end closes and no
// SIGHUP comes (this process is not the terminal's session leader): the
// renderer fails with ErrTerminalGone at once, with nothing read. The
// watch starts after the first frame, and the hang-up comes at once
// after it: before or after the watch has opened the terminal again.
func TestAHangupEndsTheProgram(t *testing.T) {
	for _, wait := range []time.Duration{0, 50 * time.Millisecond} {
		ptmx, pts := openPty(t)
		r, err := Open(pts, pts, ignorePanic)
		if err != nil {
			t.Fatal(err)
		}
		got := make(chan error, 1)
		r.OnFail(func(err error) { got <- err })
		r.Frame("first", true)
		time.Sleep(wait)
		ptmx.Close()
		select {
		case err := <-got:
			if !errors.Is(err, ErrTerminalGone) {
				t.Errorf("after %v: failed with %v", wait, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("after %v: a hangup went unseen", wait)
		}
		r.Restore()
	}
}
