package store

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Write failures, made real rather than mocked: the tests run as root in
// CI, where permissions do not stop a write, so
//   - a failed commit comes from RLIMIT_FSIZE in a child process (the
//     kernel refuses to let the file grow, or to write past the limit,
//     with EFBIG: what a full disk or quota does to bbolt);
//   - a read-only directory is tested in a child process running as the
//     user nobody (setpriv), where permissions hold.
// The child is this test binary run again for one test, with
// SPINECOACH_STORE_CHILD naming what it is to do.

const childEnv = "SPINECOACH_STORE_CHILD"

// childScenario is what this process runs as a child; "" in the parent.
func childScenario() string { return os.Getenv(childEnv) }

// runChild runs the test binary again for the tests matching run, as the
// child doing scenario, with env added. It returns the child's output and
// its exit error.
func runChild(t *testing.T, run, scenario string, env ...string) (string, error) {
	t.Helper()
	return runChildAs(t, nil, os.Args[0], run, scenario, env...)
}

// runChildAs is runChild with a command prefix (such as setpriv ...) and
// a given test binary.
func runChildAs(t *testing.T, prefix []string, bin, run, scenario string, env ...string) (string, error) {
	t.Helper()
	args := append(append([]string{}, prefix...), bin, "-test.run="+run, "-test.count=1", "-test.v")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(append(os.Environ(), childEnv+"="+scenario), env...)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() {
		out, err = cmd.CombinedOutput()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the child %q hung:\n%s", scenario, out)
	}
	return string(out), err
}

// killedBy reports whether a child's exit error is death by sig.
func killedBy(err error, sig syscall.Signal) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == sig
}

// childPassed fails the test unless the child ran test and it passed.
func childPassed(t *testing.T, test, out string, err error) {
	t.Helper()
	if err != nil || !strings.Contains(out, "--- PASS: "+test) || strings.Contains(out, "--- SKIP") {
		t.Fatalf("the child did not pass %s (%v):\n%s", test, err, out)
	}
}

// faultSet is the set of that index the fault tests write, its exercise
// name padded to about size bytes so that the file grows after a few.
func faultSet(sessionID string, index, size int) SetRecord {
	r := testSet(sessionID, index, index%11)
	r.Exercise += strings.Repeat(" of the straight leg", size/20)
	return r
}

// A commit that fails (the file may not grow, or a page cannot be
// written) returns an error naming the file; nothing on disk is
// half-written (Check passes, in the same process and after reopening,
// and every set committed before is there); and once the fault clears,
// the next write succeeds, in the same Store.
func TestFailedCommit(t *testing.T) {
	if childScenario() == "fsize" {
		failedCommitChild(t)
		return
	}
	pageSize := os.Getpagesize()
	for _, tc := range []struct {
		name  string
		limit func(size int64) int64 // RLIMIT_FSIZE from the file's size
		size  int                    // of each set record (faultSet)
		want  string                 // what the error says
	}{
		// bbolt grows the file with ftruncate: refused past the limit,
		// after some sets have gone into the room the file already had.
		{"the file cannot grow", func(size int64) int64 { return size }, 400, "file resize error"},
		// Only the two meta pages lie below the limit: the first data
		// page written fails, before any meta page points at it. Small
		// sets, so the file need not grow.
		{"a page cannot be written", func(int64) int64 { return int64(2 * pageSize) }, 0, "file too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			old := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusCompleted)
			mustNil(t, s.PutSession(old))
			for i := 0; i < 3; i++ {
				mustNil(t, s.RecordSet(testSet(old.ID, i, i)))
			}
			open := testSession(time.Date(2025, 3, 5, 9, 30, 0, 0, zoneEast), StatusInProgress)
			mustNil(t, s.PutSession(open))
			mustNil(t, s.Close())
			info, err := os.Stat(path)
			mustNil(t, err)

			report := filepath.Join(t.TempDir(), "report")
			out, err := runChild(t, "^TestFailedCommit$", "fsize",
				"SPINECOACH_TEST_DB="+path, "SPINECOACH_TEST_SESSION="+open.ID,
				"SPINECOACH_TEST_REPORT="+report, "SPINECOACH_TEST_WANT="+tc.want,
				"SPINECOACH_TEST_SIZE="+strconv.Itoa(tc.size),
				"SPINECOACH_TEST_FSIZE="+strconv.FormatInt(tc.limit(info.Size()), 10))
			childPassed(t, "TestFailedCommit", out, err)
			b, err := os.ReadFile(report)
			mustNil(t, err)
			committed, err := strconv.Atoi(strings.TrimSpace(string(b)))
			mustNil(t, err)
			t.Logf("%d sets committed before the fault, then the failed one and one more after it", committed)

			// Reopened from disk: sound, the sets before the fault, the
			// one that failed (written again once the fault cleared) and
			// the next one; the earlier session untouched.
			ro := openTest(t, path, Options{ReadOnly: true})
			mustNil(t, ro.Check())
			sets, err := ro.SetsOf(open.ID)
			mustNil(t, err)
			if len(sets) != committed+2 {
				t.Fatalf("%d sets on disk, want %d", len(sets), committed+2)
			}
			for i, r := range sets {
				assertSet(t, r, faultSet(open.ID, i, tc.size))
			}
			oldSets, err := ro.SetsOf(old.ID)
			mustNil(t, err)
			if len(oldSets) != 3 {
				t.Errorf("the earlier session has %d sets, want 3", len(oldSets))
			}
		})
	}
}

// failedCommitChild is the child of TestFailedCommit: it lowers
// RLIMIT_FSIZE, writes sets until one fails, checks the failure, raises
// the limit and writes again.
func failedCommitChild(t *testing.T) {
	path, id := os.Getenv("SPINECOACH_TEST_DB"), os.Getenv("SPINECOACH_TEST_SESSION")
	limit, err := strconv.ParseUint(os.Getenv("SPINECOACH_TEST_FSIZE"), 10, 64)
	mustNil(t, err)
	size, err := strconv.Atoi(os.Getenv("SPINECOACH_TEST_SIZE"))
	mustNil(t, err)
	s := mustOpen(t, path, Options{})
	defer s.Close()

	// Go ignores SIGXFSZ already; say so, so a write past the limit fails
	// with EFBIG rather than killing the process.
	signal.Ignore(syscall.SIGXFSZ)
	var was syscall.Rlimit
	mustNil(t, syscall.Getrlimit(syscall.RLIMIT_FSIZE, &was))
	mustNil(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: was.Max}))

	n := 0
	for ; n < 1000; n++ {
		if err = s.RecordSet(faultSet(id, n, size)); err != nil {
			break
		}
	}
	if err == nil {
		t.Fatalf("%d sets written under RLIMIT_FSIZE=%d and none failed", n, limit)
	}
	t.Logf("set %d failed: %v", n, err)
	for _, want := range []string{"cannot save the set to " + path, os.Getenv("SPINECOACH_TEST_WANT"), "file too large"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q should say %q", err, want)
		}
	}
	if errors.Is(err, ErrInvalid) || errors.Is(err, ErrCorrupt) {
		t.Errorf("a refused write is neither bad input nor damage: %v", err)
	}
	// In this process, after the rollback: the file is sound and holds
	// what was committed, not the failed set.
	mustNil(t, s.Check())
	sets, err := s.SetsOf(id)
	mustNil(t, err)
	if len(sets) != n {
		t.Errorf("%d sets after the failure, want the %d committed", len(sets), n)
	}

	// The fault clears: the same Store writes the failed set and the next.
	mustNil(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &was))
	mustNil(t, s.RecordSet(faultSet(id, n, size)))
	mustNil(t, s.RecordSet(faultSet(id, n+1, size)))
	mustNil(t, s.Check())
	mustNil(t, s.Close())
	mustNil(t, os.WriteFile(os.Getenv("SPINECOACH_TEST_REPORT"), []byte(strconv.Itoa(n)), 0o600))
}

// A read-only directory and read-only files, as a user permissions apply
// to: as root the test runs itself again as nobody.
func TestReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() != 0 {
		readOnlyDirectoryChecks(t)
		return
	}
	if childScenario() != "" {
		t.Fatal("the child still runs as root")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root and setpriv (util-linux) is not installed: cannot drop to a user permissions apply to")
	}
	// The test binary sits in a private build directory: nobody needs a
	// copy it can run.
	dir, err := os.MkdirTemp("/tmp", "spinecoach-nobody-") // TMPDIR may be private to root
	mustNil(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	mustNil(t, os.Chmod(dir, 0o755))
	bin := filepath.Join(dir, "store.test")
	copyFile(t, os.Args[0], bin, 0o755)
	prefix := []string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"}
	out, err := runChildAs(t, prefix, bin, "^TestReadOnlyDirectory$", "nobody", "HOME=/", "TMPDIR=/tmp")
	childPassed(t, "TestReadOnlyDirectory", out, err)
	if !strings.Contains(out, "running as uid 65534") {
		t.Fatalf("the child did not say it ran as nobody:\n%s", out)
	}
}

func copyFile(t *testing.T, from, to string, mode fs.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	mustNil(t, err)
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode)
	mustNil(t, err)
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	mustNil(t, dst.Close())
}

func readOnlyDirectoryChecks(t *testing.T) {
	t.Logf("running as uid %d", os.Geteuid())
	base := t.TempDir()
	// chmod makes directories read-only; give them back so the test's
	// clean-up can remove them.
	readOnly := func(paths ...string) {
		for _, p := range paths {
			mode := fs.FileMode(0o500)
			if info, err := os.Stat(p); err == nil && !info.IsDir() {
				mode = 0o400
			}
			mustNil(t, os.Chmod(p, mode))
			t.Cleanup(func() { _ = os.Chmod(p, 0o700) })
		}
	}
	mkdir := func(name string) string {
		d := filepath.Join(base, name)
		mustNil(t, os.Mkdir(d, 0o700))
		return d
	}
	refused := func(t *testing.T, err error, path, phrase string) {
		t.Helper()
		if !errors.Is(err, fs.ErrPermission) {
			t.Fatalf("err = %v, want a permission error", err)
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), phrase) {
			t.Errorf("message %q should name %s and say %q", err, path, phrase)
		}
	}
	entries := func(dir string) string {
		des, err := os.ReadDir(dir)
		mustNil(t, err)
		var names []string
		for _, de := range des {
			names = append(names, de.Name())
		}
		return strings.Join(names, " ")
	}

	t.Run("new file", func(t *testing.T) {
		dir := mkdir("new")
		readOnly(dir)
		path := filepath.Join(dir, "spinecoach.db")
		_, err := Open(path, Options{})
		refused(t, err, path, "permission denied")
		if got := entries(dir); got != "" {
			t.Errorf("the refused open left %q behind", got)
		}
	})

	t.Run("new directory", func(t *testing.T) {
		dir := mkdir("parent")
		readOnly(dir)
		path := filepath.Join(dir, "spinecoach", "spinecoach.db")
		_, err := Open(path, Options{})
		refused(t, err, path, "cannot create the directory")
	})

	t.Run("read-only file", func(t *testing.T) {
		dir := mkdir("rofile")
		path := filepath.Join(dir, "spinecoach.db")
		s := mustOpen(t, path, Options{})
		sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusCompleted)
		mustNil(t, s.PutSession(sess))
		mustNil(t, s.RecordSet(testSet(sess.ID, 0, 4)))
		mustNil(t, s.Close())
		readOnly(path, dir)
		before := fileSum(t, path)

		_, err := Open(path, Options{})
		refused(t, err, path, "permission denied")
		// Reading still works: export, history and check open read-only.
		ro := openTest(t, path, Options{ReadOnly: true})
		sets, err := ro.SetsOf(sess.ID)
		mustNil(t, err)
		if len(sets) != 1 || sets[0].Pain != 4 {
			t.Errorf("sets %+v", sets)
		}
		mustNil(t, ro.Check())
		mustNil(t, ro.Close())
		if fileSum(t, path) != before {
			t.Error("the file changed")
		}
	})

	t.Run("version 1 file, read-only", func(t *testing.T) {
		dir := mkdir("v1")
		path := filepath.Join(dir, "spinecoach.db")
		writeV1(t, path, false)
		readOnly(path, dir)
		before := fileSum(t, path)
		// It cannot be migrated, so a read-write open says why; a
		// read-only one reads it as it is.
		_, err := Open(path, Options{})
		refused(t, err, path, "permission denied")
		ro := openTest(t, path, Options{ReadOnly: true})
		assertV1Data(t, ro, false)
		mustNil(t, ro.Close())
		if fileSum(t, path) != before {
			t.Error("the file changed")
		}
	})

	t.Run("writable file in a read-only directory", func(t *testing.T) {
		// bbolt needs no other file (the lock is on the data file), so
		// scores are still saved; only a new file there is refused.
		dir := mkdir("rodir")
		path := filepath.Join(dir, "spinecoach.db")
		mustNil(t, mustOpen(t, path, Options{}).Close())
		readOnly(dir)
		s := openTest(t, path, Options{})
		sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusInProgress)
		mustNil(t, s.PutSession(sess))
		mustNil(t, s.RecordSet(testSet(sess.ID, 0, 2)))
		mustNil(t, s.Check())

		backup := filepath.Join(dir, "backup.db")
		err := s.Backup(backup)
		if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), backup) {
			t.Errorf("a backup into the read-only directory: %v", err)
		}
		if got := entries(dir); got != "spinecoach.db" {
			t.Errorf("the refused backup left %q", got)
		}
	})
}
