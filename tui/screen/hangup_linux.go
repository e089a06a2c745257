//go:build linux

package screen

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// watchHangup ends the program when the terminal hangs up: the input then
// reads as ended (which Bubble Tea takes quietly) and no SIGHUP may come.
//
// It opens the terminal once more, without blocking, so that Go's
// network poller waits on it: no thread sits in a system call (one that
// did would hold up the other goroutines at start), nothing is read, and
// it wakes only when a key arrives (to look, and sleep again) or the
// terminal hangs up. Its own open file keeps the input's modes untouched.
// It returns the undo.
func (r *Renderer) watchHangup(fd int) func() {
	return WatchHangup(fd, func() {
		r.mu.Lock()
		r.fail(ErrTerminalGone)
		r.mu.Unlock()
	})
}

// WatchHangup calls gone, once, if the terminal open as fd hangs up, until
// the returned stop is called. The plain mode uses it too: it has no
// renderer, and its keys come from the same terminal.
func WatchHangup(fd int, gone func()) (stop func()) {
	name, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
	if err != nil {
		return func() {}
	}
	f, err := os.OpenFile(name, os.O_RDONLY|unix.O_NONBLOCK|unix.O_NOCTTY, 0)
	if err != nil {
		// A terminal that hung up already cannot be opened again.
		if hungUpFd(fd) {
			go gone()
		}
		return func() {}
	}
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return func() {}
	}
	go func() {
		hungUp := false
		// Read calls the function each time the terminal is ready to be
		// read, until it returns true; closing f ends it.
		_ = rc.Read(func(fd uintptr) bool {
			hungUp = hungUpFd(int(fd))
			return hungUp
		})
		if hungUp {
			gone()
		}
	}()
	return func() { _ = f.Close() }
}

// hungUpFd reports whether the terminal open as fd has hung up, without
// reading from it.
func hungUpFd(fd int) bool {
	fds := []unix.PollFd{{Fd: int32(fd)}}
	n, err := unix.Poll(fds, 0)
	return err == nil && n > 0 && fds[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0
}
