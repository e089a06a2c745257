// Command pairs runs two commands N times each, in pairs, in ABBA order
// (A B, B A, B A, A B, ...: neither always goes first), and prints one
// line per pair: "wall-ms-A cpu-ms-A wall-ms-B cpu-ms-B", the CPU being
// the child's user + system time from wait4 (to the microsecond, where
// bash's times gives whole milliseconds). Exit codes listed with -ok are
// taken as success. scripts/bench.sh uses it for `due` on 10 years
// beside 1 week.
//
//	pairs -n 60 -ok 0,4,5 -- CMD-A ... -- CMD-B ...
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 60, "pairs")
	okCodes := flag.String("ok", "0", "exit codes taken as success, comma-separated")
	flag.Parse()
	args := flag.Args() // the first "--" is flag's own end of flags
	i := slices.Index(args, "--")
	if i < 1 || i == len(args)-1 {
		fail("usage: pairs [-n N] [-ok CODES] -- CMD-A ... -- CMD-B ...")
	}
	a, b := args[:i], args[i+1:]
	var ok []int
	for _, c := range strings.Split(*okCodes, ",") {
		v, err := strconv.Atoi(c)
		if err != nil {
			fail("-ok: " + err.Error())
		}
		ok = append(ok, v)
	}
	for round := 0; round < *n; round++ {
		var wa, ca, wb, cb float64
		if round%4 == 0 || round%4 == 3 {
			wa, ca = run(a, ok)
			wb, cb = run(b, ok)
		} else {
			wb, cb = run(b, ok)
			wa, ca = run(a, ok)
		}
		fmt.Printf("%.3f %.3f %.3f %.3f\n", wa, ca, wb, cb)
	}
}

// run runs argv with no output; wall and CPU ms.
func run(argv []string, ok []int) (wall, cpu float64) {
	cmd := exec.Command(argv[0], argv[1:]...)
	t0 := time.Now()
	err := cmd.Run()
	wall = float64(time.Since(t0).Microseconds()) / 1000
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && slices.Contains(ok, exit.ExitCode())) {
		fail(fmt.Sprintf("%s: %v", strings.Join(argv, " "), err))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu = float64(ru.Utime.Usec+ru.Stime.Usec)/1000 + float64(ru.Utime.Sec+ru.Stime.Sec)*1000
	return wall, cpu
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "pairs: "+msg)
	os.Exit(2)
}
