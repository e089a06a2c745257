//go:build unix

package tempfile

import (
	"errors"
	"os"
	"syscall"
)

// running tells whether a process with that id exists (a signal 0 goes
// nowhere but says so); one we may not signal exists too.
func running(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
