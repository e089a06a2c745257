package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/tempfile"
)

// The data file as a file: made so that a crash leaves no half-made one,
// opened only when it is a regular file, and checked before every commit
// to still be the file at its path.

// ErrReplaced: the path no longer names the file this store opened (it
// was deleted, moved or replaced while the program ran); nothing more is
// written to it.
var ErrReplaced = errors.New("data file was replaced while in use")

var (
	errNotRegular           = errors.New("not a regular file")
	errReplacedWhileOpening = errors.New("data file replaced while opening")
)

// sameFile checks that path names the file bbolt opened.
func (s *Store) sameFile() error {
	held, err := s.file.Stat()
	if err != nil {
		return fileErr([]error{err}, "cannot read %s: %s", s.path, cause(err))
	}
	now, err := os.Stat(s.path)
	if err != nil || !os.SameFile(held, now) {
		return fileErr([]error{errReplacedWhileOpening}, "%s was replaced while spinecoach opened it; try again", s.path)
	}
	return nil
}

// stillOurs runs before each commit: a commit to a file that is no
// longer at the path would save nothing anyone can find, so it is refused
// with a sentence, and the caller keeps what it meant to save.
func (s *Store) stillOurs(what string) error {
	held, err := s.file.Stat()
	if err != nil {
		return fileErr([]error{ErrReplaced, err}, "cannot save %s to %s: %s", what, s.path, cause(err))
	}
	now, err := os.Stat(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fileErr([]error{ErrReplaced, err},
			"cannot save %s: %s is gone (deleted or moved while spinecoach ran), so nothing was written", what, s.path)
	case err != nil:
		return fileErr([]error{ErrReplaced, err}, "cannot save %s: cannot check %s: %s", what, s.path, cause(err))
	case !os.SameFile(held, now):
		return fileErr([]error{ErrReplaced},
			"cannot save %s: %s was replaced by another file while spinecoach ran, so nothing was written", what, s.path)
	}
	return nil
}

// Notice is what Open did that the patient should be told (a new file in
// place of an empty one), or "".
func (s *Store) Notice() string { return s.notice }

// tempPrefix begins the name of a data file being made, beside it.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".new-" }

// staleTemp is how old a file being made must be for a later create to
// take it as left by a crash, and remove it.
const staleTemp = 10 * time.Minute

// create makes a new data file at path, so that a crash at any moment
// leaves either no file there or a whole one: the file is made under a
// temporary name beside it (bbolt's meta pages, then ours, each synced),
// then linked to path, which refuses an existing file atomically, and the
// directory synced. Directories it makes are 0700, each synced into its
// parent; the file is 0600. Another spinecoach that made the file first
// wins: this one opens theirs.
func create(path string, timeout time.Duration) error {
	dir := filepath.Dir(path)
	if err := mkdirAllSynced(dir); err != nil {
		return fileErr([]error{err}, "cannot create the directory for %s: %s", path, cause(err))
	}
	removeStaleTemps(path)
	tmp, err := tempfile.Create(path) // 0600, removed at a signal
	if err != nil {
		return fileErr([]error{err}, "cannot create %s: %s", path, cause(err))
	}
	name := tmp.Name()
	_ = tmp.Close()
	defer tempfile.Remove(name) // linked into place by then, or not to be
	s, err := openBolt(name, &bolt.Options{Timeout: timeout})
	if err != nil {
		return err
	}
	s.startWalk(false)
	err = s.initialise()
	if cerr := s.db.Close(); err == nil && cerr != nil {
		err = fileErr([]error{cerr}, "cannot create %s: %s", path, cause(cerr))
	}
	if err != nil {
		return err
	}
	if err := os.Link(name, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fileErr([]error{err}, "cannot create %s: %s", path, cause(err))
	}
	// Linked, or another spinecoach's file is there: either way ours goes.
	tempfile.Remove(name)
	if err := syncDir(dir); err != nil {
		return fileErr([]error{err}, "cannot save %s: %s", path, cause(err))
	}
	return nil
}

// removeStaleTemps removes files a create or an import cut short by a
// crash left beside path: those of internal/tempfile whose process is
// gone, and the names an older spinecoach used (".DB.new-*"), of which
// one younger than staleTemp may be another spinecoach's, being made
// now, and is left alone.
func removeStaleTemps(path string) []string {
	removed := tempfile.RemoveStale(path)
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(path), tempPrefix(path)+"*"))
	for _, name := range names {
		if info, err := os.Lstat(name); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > staleTemp {
			if os.Remove(name) == nil {
				removed = append(removed, name)
			}
		}
	}
	return removed
}

// RemoveStaleTemps removes what removeStaleTemps does beside the data
// file at path, for check, and returns the names it removed.
func RemoveStaleTemps(path string) []string { return removeStaleTemps(path) }

// mkdirAllSynced is os.MkdirAll(dir, 0700) that also syncs each new
// directory's parent, so that the new names survive a crash.
func mkdirAllSynced(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		_, err := os.Stat(d)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		if err := syncDir(filepath.Dir(missing[i])); err != nil {
			return err
		}
	}
	return nil
}

// emptyErr refuses an empty file, with what to do about it.
func emptyErr(path string, opts Options) error {
	if opts.RecoverEmpty && opts.ReadOnly {
		return fileErr([]error{ErrForeign},
			"%s is an empty file, as a first start of an older spinecoach cut short leaves it; spinecoach (or spinecoach setup) will make a new data file in its place", path)
	}
	return fileErr([]error{ErrForeign}, "%s is an empty file, not a spinecoach data file", path)
}

// removeEmpty removes an empty file at path that spinecoach itself may
// have left: before this version, a crash or a full disk during the very
// first start could leave the data file at 0 bytes, and every later start
// refused it. It must be a regular file of ours, 0600, still empty; any
// other is refused, untouched. The sentence returned is for the patient.
func removeEmpty(path string) (string, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return "", fileErr([]error{err}, "cannot open %s: %s", path, cause(err))
	}
	if !info.Mode().IsRegular() || info.Size() != 0 || info.Mode().Perm() != 0o600 || !ownedByUs(info) {
		return "", emptyErr(path, Options{})
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fileErr([]error{err}, "cannot replace the empty file %s: %s", path, cause(err))
	}
	return fmt.Sprintf("%s was an empty file, left by a first start that was cut short; spinecoach made a new data file in its place.", path), nil
}

// boltNames maps the name bbolt opened the file by to the one it has now:
// bbolt opens the file again by its first name to copy it (Tx.WriteTo),
// and an import renames the file it made into place.
type boltNames struct {
	mu       sync.Mutex
	from, to string
}

func (n *boltNames) renamed(from, to string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.from, n.to = from, to
}

func (n *boltNames) resolve(name string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.from != "" && name == n.from {
		return n.to
	}
	return name
}
