// Package oneproc runs the program on one P (GOMAXPROCS 1) from its start,
// unless the GOMAXPROCS environment variable says otherwise. Package main
// imports it for its init alone, which runs early because it imports only
// runtime and syscall (with os, it ran after os and 22 other packages, and
// cost about 0.1 ms more): the less of the start runs on two Ps, the
// better, and the fewer spans the second P has cached when it goes.
//
// Why: a start of spinecoach is one chain of steps, each waiting on the one
// before (open the file, read the records, draw the first frame). With a
// second P, each goroutine the start wakes (Bubble Tea's input reader and
// signal handler, the screen's watches) sets an idle thread spinning in
// search of work, and the second P fills a memory cache of its own. On a
// busy 2-core machine that was about a fifth of the CPU used before the
// first frame, for nothing. A screen waits for its patient, not for CPU.
//
// The commands that read or write a whole file (import, export, report,
// check, backup) take every CPU back (cli.useEveryCPU): the collector then
// marks their large heap on the other core.
package oneproc

import (
	"runtime"
	"syscall"
)

func init() {
	if v, _ := syscall.Getenv("GOMAXPROCS"); v == "" {
		runtime.GOMAXPROCS(1)
	}
}
