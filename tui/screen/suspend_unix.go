//go:build unix

package screen

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/sys/unix"
)

// contWait bounds the wait for SIGCONT after stopping: in a process group
// without job control (an orphaned one) the kernel discards the stop, and
// then no SIGCONT comes; the terminal is taken back after this.
const contWait = 250 * time.Millisecond

// watchStops handles SIGTSTP as full-screen programs do: the terminal is
// given back, the process stops (with its process group, as ctrl+z at a
// shell would), and when it is continued the terminal is taken again and
// the screen repainted. A SIGCONT after any other stop (SIGSTOP) takes
// the terminal again too. It returns the undo.
func (r *Renderer) watchStops() func() {
	tstp := make(chan os.Signal, 1)
	cont := make(chan os.Signal, 1)
	signal.Notify(tstp, syscall.SIGTSTP)
	signal.Notify(cont, syscall.SIGCONT)
	go func() {
		for {
			select {
			case <-tstp:
				r.stopHere(tstp, cont)
			case <-cont:
				r.retake()
			case <-r.done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(tstp)
		signal.Stop(cont)
	}
}

// stopHere gives the terminal back and stops the process until SIGCONT.
func (r *Renderer) stopHere(tstp, cont chan os.Signal) {
	if !r.release() {
		return
	}
	select { // a SIGCONT from before is not the one to wait for
	case <-cont:
	default:
	}
	signal.Reset(syscall.SIGTSTP) // its default action: stop
	_ = syscall.Kill(0, syscall.SIGTSTP)
	// Stopped, then continued: SIGCONT follows at once. (Delivered to
	// this process, the stop takes effect before Kill returns.)
	select {
	case <-cont:
	case <-time.After(contWait):
	case <-r.done:
	}
	signal.Notify(tstp, syscall.SIGTSTP)
	r.retake()
}

// suspend is the Cmd of ctrl+z: in raw mode the key reaches the program
// instead of stopping it, so the program stops itself, as above.
func suspend() tea.Msg {
	_ = syscall.Kill(os.Getpid(), syscall.SIGTSTP)
	return nil
}

// watchHangup ends the program when the terminal hangs up: the input then
// reads as ended (which Bubble Tea takes quietly) and no SIGHUP may come.
// It waits in poll(2) for the hang-up alone, reading nothing and waking
// for nothing else. It returns the undo.
func (r *Renderer) watchHangup(fd int) func() {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return func() {}
	}
	go func() {
		defer unix.Close(p[0])
		fds := []unix.PollFd{{Fd: int32(fd)}, {Fd: int32(p[0]), Events: unix.POLLIN}}
		for {
			_, err := unix.Poll(fds, -1)
			switch {
			case err == unix.EINTR:
				continue
			case err != nil, fds[1].Revents != 0:
				return // stopped, or poll cannot watch: nothing to do
			case fds[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0:
				r.mu.Lock()
				r.fail(ErrTerminalGone)
				r.mu.Unlock()
				return
			}
		}
	}()
	return func() {
		_, _ = unix.Write(p[1], []byte{0})
		_ = unix.Close(p[1])
	}
}
