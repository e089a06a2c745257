package cli

import (
	"bytes"
	"os"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPty returns the two ends of a new pseudo-terminal: the terminal's
// side (what a terminal emulator holds) and the program's.
func openPty(t *testing.T) (terminal, program *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("cannot open a pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// answerQuery plays the terminal: it reads until the whole query has come,
// then writes reply in pieces, as a slow link would deliver it.
func answerQuery(t *testing.T, terminal *os.File, reply ...string) <-chan []byte {
	asked := make(chan []byte, 1)
	go func() {
		var got []byte
		buf := make([]byte, 64)
		for !bytes.Contains(got, []byte(backgroundQuery)) {
			n, err := terminal.Read(buf)
			if err != nil {
				asked <- got
				return
			}
			got = append(got, buf[:n]...)
		}
		asked <- got
		for _, r := range reply {
			time.Sleep(5 * time.Millisecond)
			terminal.Write([]byte(r))
		}
	}()
	return asked
}

func TestAskTerminalReadsTheAnswerAndRestoresTheModes(t *testing.T) {
	terminal, program := openPty(t)
	fd := int(program.Fd())
	before, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	asked := answerQuery(t, terminal, "\x1b]11;rgb:ffff/", "ffff/ffff\x1b\\", "\x1b[24;", "80R")
	answer, ok := askTerminal(fd, backgroundQuery, 5*time.Second)
	if !ok {
		t.Fatalf("no answer read; got %q", answer)
	}
	if q := <-asked; !bytes.Equal(q, []byte(backgroundQuery)) {
		t.Errorf("the terminal was sent %q, want %q", q, backgroundQuery)
	}
	if c, ok := parseBackgroundAnswer(answer); !ok || c != "#ffffff" {
		t.Errorf("answer %q parsed as %q, %v; want #ffffff", answer, c, ok)
	}
	after, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if *after != *before {
		t.Errorf("the terminal's modes were not given back: %+v, was %+v", *after, *before)
	}
}

func TestAskTerminalGivesUpWhenNothingAnswers(t *testing.T) {
	terminal, program := openPty(t)
	fd := int(program.Fd())
	before, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	asked := answerQuery(t, terminal) // reads the query, answers nothing
	start := time.Now()
	answer, ok := askTerminal(fd, backgroundQuery, 150*time.Millisecond)
	if ok {
		t.Fatalf("an answer was read from a silent terminal: %q", answer)
	}
	if took := time.Since(start); took < 150*time.Millisecond || took > 2*time.Second {
		t.Errorf("gave up after %v, want the 150ms wait", took)
	}
	<-asked
	after, _ := unix.IoctlGetTermios(fd, unix.TCGETS)
	if *after != *before {
		t.Errorf("the terminal's modes were not given back")
	}
}

func TestAskTerminalTakesTheOSCAnswerOnlyBeforeTheCursorReport(t *testing.T) {
	// A terminal that ignores OSC 11 answers only the cursor: no colour.
	terminal, program := openPty(t)
	answerQuery(t, terminal, "\x1b[1;1R")
	answer, ok := askTerminal(int(program.Fd()), backgroundQuery, 5*time.Second)
	if !ok {
		t.Fatalf("the cursor report did not end the wait: %q", answer)
	}
	if c, ok := parseBackgroundAnswer(answer); ok {
		t.Errorf("a colour %q was read from %q", c, answer)
	}
}
