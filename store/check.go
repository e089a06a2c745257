package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/tempfile"
)

// Backup writes a consistent copy of the data file to dest (0600). The copy
// goes to a temporary file beside dest that is synced and renamed into
// place, so dest is never left half-written.
func (s *Store) Backup(dest string) (err error) {
	if a, errA := os.Stat(s.path); errA == nil {
		if b, errB := os.Stat(dest); errB == nil && os.SameFile(a, b) {
			return fmt.Errorf("cannot back up %s onto itself", s.path)
		}
	}
	fail := func(err error) error {
		return fileErr([]error{err}, "cannot write the backup %s: %s", dest, cause(err))
	}
	dir := filepath.Dir(dest)
	tempfile.RemoveStale(dest)        // an earlier backup to dest cut short by a kill
	tmp, err := tempfile.Create(dest) // mode 0600, removed at a signal
	if err != nil {
		return fail(err)
	}
	defer func() {
		_ = tmp.Close()
		tempfile.Remove(tmp.Name()) // linked into place by then, or not to be
	}()
	if err := s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(tmp)
		return err
	}); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	// A hard link refuses an existing file atomically, where a rename would
	// replace it: a backup never overwrites anything.
	if err := os.Link(tmp.Name(), dest); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fileErr([]error{err}, "%s already exists; choose a new file for the backup", dest)
		}
		return fail(err)
	}
	if err := os.Remove(tmp.Name()); err != nil {
		return fail(err)
	}
	if err := syncDir(dir); err != nil {
		return fail(err)
	}
	return nil
}

// maxProblems caps how many problems Check lists, and maxProblemLen the
// length of each: a damaged key can be as long as its page, and the
// sentence is for a person.
const (
	maxProblems   = 10
	maxProblemLen = 240
)

// clip cuts s to at most n bytes, on a character boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Check verifies the file: bbolt's own page checks, then that every record
// decodes and is valid, every set and decision belongs to a session and is
// stored under its own key, the open-session index matches the sessions'
// status and every day aggregate matches its records. It reads everything,
// so it is for `spinecoach check`, not for screens.
func (s *Store) Check() error {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, clip(fmt.Sprintf(format, args...), maxProblemLen))
	}
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			add("%s", err)
		}
		if len(problems) > 0 {
			return nil // records on damaged pages are not worth reading
		}
		// The buckets of the file's own version: an older file read
		// without migrating lacks those of later versions.
		version := schemaVersion
		if meta := tx.Bucket(bucketMeta); meta != nil {
			version = schemaOf(meta)
		}
		for _, name := range bucketsOf(version) {
			if tx.Bucket(name) == nil {
				add("bucket %q is missing", name)
			}
		}
		if len(problems) > 0 {
			return nil
		}
		if err := checkMeta(tx.Bucket(bucketMeta), s.path); err != nil {
			add("%s", err)
		}

		open := tx.Bucket(bucketOpen)
		days := map[string]bool{}
		sessions := tx.Bucket(bucketSessions)
		_ = sessions.ForEach(func(k, v []byte) error {
			sess, err := decodeSession(v)
			if err != nil {
				add("session %q does not decode: %s", k, err)
				return nil
			}
			if string(k) != sess.ID {
				add("session %q is stored under key %q", sess.ID, k)
			}
			if err := validateSession(sess); err != nil {
				add("%s", err)
			}
			if (sess.Status == StatusInProgress) != (open.Get(k) != nil) {
				add("session %s: open-session index disagrees with status %s", k, sess.Status)
			}
			days[dayOf(sess.StartedAt)] = true
			return nil
		})
		_ = open.ForEach(func(k, _ []byte) error {
			if sessions.Get(k) == nil {
				add("open-session index names missing session %q", k)
			}
			return nil
		})
		_ = tx.Bucket(bucketSets).ForEach(func(k, v []byte) error {
			r, err := decodeSet(v)
			if err != nil {
				add("set %q does not decode: %s", k, err)
				return nil
			}
			if !bytes.Equal(k, setKey(r.SessionID, r.Index)) {
				add("set %d of session %s is stored under the wrong key", r.Index, r.SessionID)
			}
			if sessions.Get([]byte(r.SessionID)) == nil {
				add("set %d belongs to missing session %s", r.Index, r.SessionID)
			}
			if err := validateSet(r); err != nil {
				add("%s", err)
			}
			return nil
		})
		if b := tx.Bucket(bucketDecisions); b != nil {
			_ = b.ForEach(func(k, v []byte) error {
				d, err := decodeDecision(v)
				if err != nil {
					add("decision %q does not decode: %s", k, err)
					return nil
				}
				if !bytes.Equal(k, decisionKey(d.SessionID, d.Seq)) {
					add("decision %d of session %s is stored under the wrong key", d.Seq, d.SessionID)
				}
				if sessions.Get([]byte(d.SessionID)) == nil {
					add("decision %d belongs to missing session %s", d.Seq, d.SessionID)
				}
				if err := validateDecision(d); err != nil {
					add("%s", err)
				}
				return nil
			})
		}
		return checkDays(tx, days, add)
	})
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		return nil
	}
	more := ""
	if len(problems) > maxProblems {
		more = fmt.Sprintf(" (and %d more)", len(problems)-maxProblems)
		problems = problems[:maxProblems]
	}
	return fileErr([]error{ErrCorrupt}, "%s is damaged: %s%s", s.path, strings.Join(problems, "; "), more)
}

// checkDays compares each stored aggregate, the Days and (from schema 3)
// the exercise days, with one rebuilt from the records by the same code
// every write uses.
func checkDays(tx *bolt.Tx, want map[string]bool, add func(string, ...any)) error {
	stored := map[string]Day{}
	err := tx.Bucket(bucketDays).ForEach(func(k, v []byte) error {
		if !isDate(k) { // a damaged key: no records can belong to it
			add("day %q is not under a date", k)
			return nil
		}
		d, err := decodeDay(v)
		if err != nil {
			add("day %q does not decode: %s", k, err)
			return nil
		}
		stored[string(k)] = d
		want[string(k)] = true
		return nil
	})
	if err != nil {
		return err
	}
	exercises := tx.Bucket(bucketExerciseDays) // nil in a file older than schema 3
	storedEx := map[string][]exerciseDay{}
	if exercises != nil {
		_ = exercises.ForEach(func(k, v []byte) error {
			e, err := decodeExerciseDay(k, v)
			if err != nil {
				add("exercise day %q does not decode: %s", k, err)
				return nil
			}
			date := string(k[:len(dateLayout)])
			if !isDate([]byte(date)) {
				add("exercise day %q is not under a date", k)
				return nil
			}
			storedEx[date] = append(storedEx[date], e)
			want[date] = true
			return nil
		})
	}
	for date := range want {
		got, gotEx, err := computeDay(tx, date)
		if err != nil {
			return err
		}
		have, ok := stored[date]
		switch {
		case !ok && got.Sessions+got.Sets > 0:
			add("day %s: aggregate is missing", date)
		case ok && have != got:
			add("day %s: aggregate %+v does not match its records %+v", date, have, got)
		}
		if exercises != nil && !reflect.DeepEqual(storedEx[date], gotEx) && len(storedEx[date])+len(gotEx) > 0 {
			add("day %s: exercise aggregates %+v do not match its records %+v", date, storedEx[date], gotEx)
		}
	}
	return nil
}

// isDate reports whether a key is a YYYY-MM-DD day.
func isDate(k []byte) bool {
	_, err := time.Parse(dateLayout, string(k))
	return err == nil && len(k) == len(dateLayout)
}
