//go:build unix

package cli

import (
	"errors"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// inForeground reports whether this process's group owns the terminal fd:
// only then may it set the terminal's modes and read its answers.
func inForeground(fd int) bool {
	pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	return err == nil && pgrp == unix.Getpgrp()
}

// askTerminal writes query to the terminal fd and reads its answers, with
// the terminal raw meanwhile (no echo, no line editing), until a cursor
// position report ends them or wait has passed. It reads as much as is
// there at each wake-up, not a byte at a time. It reports false when no
// report came.
func askTerminal(fd int, query string, wait time.Duration) ([]byte, bool) {
	old, err := term.MakeRaw(fd)
	if err != nil {
		return nil, false
	}
	defer term.Restore(fd, old)
	if _, err := unix.Write(fd, []byte(query)); err != nil {
		return nil, false
	}
	deadline := time.Now().Add(wait)
	buf := make([]byte, 0, 128)
	for len(buf) < cap(buf) {
		left := time.Until(deadline)
		if left <= 0 {
			return buf, false
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		switch {
		case errors.Is(err, unix.EINTR):
			continue // a signal (the runtime's preemption among them)
		case err != nil:
			return buf, false
		case n == 0:
			continue // the deadline is checked above
		}
		got, err := unix.Read(fd, buf[len(buf):cap(buf)])
		switch {
		case errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN):
			continue
		case err != nil || got <= 0:
			return buf, false
		}
		buf = buf[:len(buf)+got]
		if cursorReported(buf) {
			return buf, true
		}
	}
	return buf, false
}
