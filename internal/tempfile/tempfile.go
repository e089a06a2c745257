// Package tempfile makes the temporary files spinecoach writes a result
// through (an export, a report, a backup, an import's copy of the data
// file, a reminder unit) and makes sure none is left behind:
//
//   - each has a name that says whose it is and for what:
//     ".<target>.spinecoach-tmp-<pid>-<random>", beside its target;
//   - SIGINT, SIGTERM and SIGHUP while one exists remove it before the
//     program exits (128 + the signal's number, as a shell reports it);
//   - one that a kill -9 or a power cut left is removed by the next run
//     that writes the same target, or by `spinecoach check` for the data
//     file: RemoveStale takes only names of that pattern whose process is
//     gone, never anything else.
package tempfile

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// marker is in every name this package makes.
const marker = ".spinecoach-tmp-"

// prefix begins the names of target's temporary files.
func prefix(target string) string { return "." + filepath.Base(target) + marker }

// live holds the files this process has made and not yet renamed or
// removed: what a signal removes.
var live = struct {
	sync.Mutex
	names map[string]bool
	stop  chan struct{} // closes the signal watcher; nil: none runs
}{names: map[string]bool{}}

// exit ends the program after a signal; tests replace it.
var exit = os.Exit

// Create makes a new, empty file (0600) beside target, for the result to
// be written through and renamed onto target.
func Create(target string) (*os.File, error) {
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, err
	}
	name := filepath.Join(filepath.Dir(target),
		prefix(target)+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(rnd[:]))
	live.Lock()
	defer live.Unlock()
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	live.names[name] = true
	if live.stop == nil {
		// Asked for here, not in the goroutine: a signal from now on is ours.
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
		live.stop = make(chan struct{})
		go watch(sigs, live.stop)
	}
	return f, nil
}

// Done forgets name: it was renamed onto its target, or removed.
func Done(name string) {
	live.Lock()
	defer live.Unlock()
	delete(live.names, name)
	if len(live.names) == 0 && live.stop != nil {
		close(live.stop)
		live.stop = nil
	}
}

// Remove removes name and forgets it.
func Remove(name string) {
	_ = os.Remove(name)
	Done(name)
}

// watch removes every live file at SIGINT, SIGTERM or SIGHUP and exits;
// it stops, leaving the signals as they were, once none is live.
func watch(sigs chan os.Signal, stop chan struct{}) {
	defer signal.Stop(sigs)
	select {
	case <-stop:
	case sig := <-sigs:
		live.Lock()
		var removed []string
		for name := range live.names {
			if os.Remove(name) == nil {
				removed = append(removed, filepath.Base(name))
			}
		}
		live.Unlock()
		fmt.Fprintf(os.Stderr, "spinecoach: stopped by %s; the unfinished file (%s) is removed and nothing else was changed\n",
			sig, strings.Join(removed, ", "))
		code := 1
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		exit(code)
	}
}

// RemoveStale removes the temporary files beside target that a process
// no longer running left (a kill -9, a power cut), and returns their
// names. A file of a process still running is left alone: it may be
// writing now.
func RemoveStale(target string) []string {
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(target), globEscape(prefix(target))+"*"))
	var removed []string
	for _, name := range names {
		pid, ok := ownerPid(filepath.Base(name), prefix(target))
		if !ok || running(pid) {
			continue
		}
		if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
			continue
		}
		if os.Remove(name) == nil {
			removed = append(removed, name)
		}
	}
	return removed
}

// ownerPid reads the process id out of a name this package made.
func ownerPid(base, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(base, prefix)
	if !ok {
		return 0, false
	}
	pidText, rnd, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(pidText)
	if !ok || err != nil || pid <= 0 || len(rnd) != 12 {
		return 0, false
	}
	if _, err := hex.DecodeString(rnd); err != nil {
		return 0, false
	}
	return pid, true
}

// globEscape quotes the characters filepath.Glob treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
