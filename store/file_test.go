package store

import (
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOnlyRegularFiles: a named pipe (with no writer: opening it to read
// would wait for ever), a device and a directory are refused at once,
// read-only or not, and left as they were.
func TestOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	mustNil(t, syscall.Mkfifo(fifo, 0o600))
	for _, path := range []string{fifo, "/dev/null", "/dev/zero", dir} {
		for _, ro := range []bool{true, false} {
			done := make(chan error, 1)
			go func() {
				s, err := Open(path, Options{ReadOnly: ro, LockTimeout: 100 * time.Millisecond})
				if err == nil {
					s.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), path+" is ") {
					t.Errorf("%s (read-only %t): %v", path, ro, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s (read-only %t): Open hangs", path, ro)
			}
		}
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was changed: %v %v", info, err)
	}
}

// TestReplacedFileIsNotWritten: the lock is on the file, not its name. A
// file deleted, or replaced (mv) while a store has it open, is written no
// more: each write says so and nothing reaches either file; the file now
// at the path is a new one, and a second store opens it.
func TestReplacedFileIsNotWritten(t *testing.T) {
	for _, how := range []string{"replaced", "deleted", "directory deleted"} {
		t.Run(how, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			path := filepath.Join(dir, "spinecoach.db")
			s := mustOpen(t, path, Options{})
			defer s.Close()
			sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusInProgress)
			mustNil(t, s.PutSession(sess))
			mustNil(t, s.RecordSet(testSet(sess.ID, 0, 2)))

			switch how {
			case "replaced":
				other := filepath.Join(t.TempDir(), "other.db")
				o := mustOpen(t, other, Options{})
				mustNil(t, o.Close())
				mustNil(t, os.Rename(other, path))
			case "deleted":
				mustNil(t, os.Remove(path))
			case "directory deleted":
				mustNil(t, os.RemoveAll(dir))
			}
			err := s.RecordSet(testSet(sess.ID, 1, 3))
			if !errors.Is(err, ErrReplaced) || !strings.Contains(err.Error(), "cannot save the set: "+path) ||
				!strings.Contains(err.Error(), "nothing was written") {
				t.Fatalf("a write after the file was %s: %v", how, err)
			}
			// The old file kept only what was saved before.
			sets, err := s.SetsOf(sess.ID)
			mustNil(t, err)
			if len(sets) != 1 {
				t.Errorf("the old file holds %d sets, want 1", len(sets))
			}
			if how == "replaced" {
				// A second store on the path opens the new file: the
				// first store's lock is on the old one.
				o := mustOpen(t, path, Options{LockTimeout: 100 * time.Millisecond})
				if got, _ := o.SetsOf(sess.ID); len(got) != 0 {
					t.Errorf("the new file holds %d sets", len(got))
				}
				mustNil(t, o.Close())
			}
		})
	}
}

// TestFirstCreateLeavesNoHalfFile: a disk that fills up during the very
// first create (RLIMIT_FSIZE in a child) leaves no file at the path, so
// the next start makes one; nothing is left beside it either.
func TestFirstCreateLeavesNoHalfFile(t *testing.T) {
	if childScenario() == "create-full" {
		signal.Ignore(syscall.SIGXFSZ)
		var was syscall.Rlimit
		mustNil(t, syscall.Getrlimit(syscall.RLIMIT_FSIZE, &was))
		limit, err := strconv.ParseUint(os.Getenv("SPINECOACH_TEST_FSIZE"), 10, 64)
		mustNil(t, err)
		mustNil(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: was.Max}))
		_, err = Open(os.Getenv("SPINECOACH_TEST_DB"), Options{})
		if err == nil {
			t.Fatal("Open made a file under the limit")
		}
		t.Logf("Open: %v", err)
		return
	}
	for _, limit := range []int{0, 4096, 3 * os.Getpagesize(), 5 * os.Getpagesize()} {
		dir := filepath.Join(t.TempDir(), "new")
		path := filepath.Join(dir, "spinecoach.db")
		out, err := runChild(t, "^TestFirstCreateLeavesNoHalfFile$", "create-full",
			"SPINECOACH_TEST_DB="+path, "SPINECOACH_TEST_FSIZE="+strconv.Itoa(limit))
		childPassed(t, "TestFirstCreateLeavesNoHalfFile", out, err)
		if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("limit %d: a failed first create left %s (%v)", limit, path, err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
			t.Errorf("limit %d: a failed first create left %v", limit, left)
		}
		s := mustOpen(t, path, Options{})
		mustNil(t, s.Check())
		mustNil(t, s.Close())
	}
}

// TestEmptyFileRecoveredOnlyWhenAllowed: an empty file is refused, left
// as it is, unless the caller allows recovery (the default path) and it
// is one spinecoach could have left (ours, 0600); then it is replaced by
// a new data file, and Notice says so.
func TestEmptyFileRecoveredOnlyWhenAllowed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "spinecoach.db")
	mustNil(t, os.WriteFile(path, nil, 0o600))
	for _, opts := range []Options{{}, {RecoverEmpty: true, ReadOnly: true}} {
		if _, err := Open(path, opts); !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "is an empty file") {
			t.Errorf("%+v: %v", opts, err)
		}
	}
	mustNil(t, os.Chmod(path, 0o644)) // not as spinecoach makes it
	if _, err := Open(path, Options{RecoverEmpty: true}); !errors.Is(err, ErrForeign) {
		t.Errorf("an empty 0644 file was taken: %v", err)
	}
	mustNil(t, os.Chmod(path, 0o600))
	s := mustOpen(t, path, Options{RecoverEmpty: true})
	if !strings.Contains(s.Notice(), path+" was an empty file, left by a first start that was cut short") {
		t.Errorf("notice %q", s.Notice())
	}
	mustNil(t, s.Check())
	mustNil(t, s.Close())
	s = mustOpen(t, path, Options{RecoverEmpty: true})
	if s.Notice() != "" {
		t.Errorf("a second open says %q", s.Notice())
	}
	mustNil(t, s.Close())
}

// TestStaleTempsAreRemoved: a file a create cut short by a crash left
// beside the data file goes at the next create; one that may be another
// spinecoach's, being made now, stays.
func TestStaleTempsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "spinecoach.db")
	old := filepath.Join(dir, tempPrefix(path)+"123")
	young := filepath.Join(dir, tempPrefix(path)+"456")
	mustNil(t, os.WriteFile(old, []byte("half"), 0o600))
	mustNil(t, os.WriteFile(young, []byte("half"), 0o600))
	long := time.Now().Add(-time.Hour)
	mustNil(t, os.Chtimes(old, long, long))
	s := mustOpen(t, path, Options{})
	mustNil(t, s.Close())
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a stale temporary file is still there: %v", err)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("a recent one (maybe another spinecoach's) was removed: %v", err)
	}
}
