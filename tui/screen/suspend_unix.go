//go:build unix

package screen

import (
	"bytes"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/sys/unix"
)

// watchStops handles SIGTSTP as full-screen programs do: the terminal is
// given back, the process stops (with its process group, as ctrl+z at a
// shell would stop the job), and when it is continued the terminal is
// taken again and the screen repainted. A SIGCONT after any other stop
// (SIGSTOP) takes the terminal again too. It returns the undo.
func (r *Renderer) watchStops() func() {
	tstp := make(chan os.Signal, 1)
	cont := make(chan os.Signal, 1)
	signal.Notify(tstp, syscall.SIGTSTP)
	signal.Notify(cont, syscall.SIGCONT)
	go func() {
		for {
			select {
			case <-tstp:
				r.stopHere(cont)
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

// stopHere gives the terminal back and stops the process group until
// SIGCONT. It stops with SIGSTOP: once a Go program has asked for SIGTSTP,
// the runtime keeps its own handler for it, and SIGTSTP could no longer
// stop it. SIGSTOP cannot be refused, so it is only sent where a shell can
// continue the job (canStop); elsewhere the kernel would discard a SIGTSTP
// too, and the stop is ignored in the same way.
func (r *Renderer) stopHere(cont chan os.Signal) {
	if !canStop() || !r.release() {
		return
	}
	select { // a SIGCONT from before is not the one to wait for
	case <-cont:
	default:
	}
	if err := syscall.Kill(0, syscall.SIGSTOP); err == nil {
		// Stopped here; SIGCONT continues the process and is then sent on.
		select {
		case <-cont:
		case <-r.done:
		}
	}
	r.retake()
}

// canStop reports whether a shell could continue this process after a
// stop: whether its process group has a parent in another group of the
// same session (the group is not orphaned), found by walking up the
// parents in this group.
func canStop() bool {
	pgrp := syscall.Getpgrp()
	sid, err := unix.Getsid(0)
	if err != nil {
		return false
	}
	pid := os.Getpid()
	for range 32 {
		ppid := parentOf(pid)
		if ppid <= 1 {
			return false
		}
		pg, err := syscall.Getpgid(ppid)
		if err != nil {
			return false
		}
		psid, err := unix.Getsid(ppid)
		switch {
		case err != nil || psid != sid:
			return false
		case pg != pgrp:
			return true
		}
		pid = ppid
	}
	return false
}

// parentOf is the parent of pid: this process's from the kernel, any
// other's from /proc (0 when it cannot be read).
func parentOf(pid int) int {
	if pid == os.Getpid() {
		return os.Getppid()
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// pid (comm) state ppid ...: comm may hold spaces and parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// suspend is the Cmd of ctrl+z: in raw mode the key reaches the program
// instead of stopping it, so the program stops itself, as above.
func suspend() tea.Msg {
	_ = syscall.Kill(os.Getpid(), syscall.SIGTSTP)
	return nil
}
