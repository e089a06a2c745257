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
	c := checker{path: s.path, days: map[string]bool{}}
	if err := s.view(c.run); err != nil {
		return err
	}
	return c.verdict()
}

// checker gathers the problems of one Check: each of its check methods
// looks at one thing and adds a sentence per problem it finds.
type checker struct {
	path     string
	problems []string
	days     map[string]bool // every day a session or an aggregate names: its aggregates are rebuilt
}

func (c *checker) add(format string, args ...any) {
	c.problems = append(c.problems, clip(fmt.Sprintf(format, args...), maxProblemLen))
}

// run runs the checks in order, in one read transaction. A new kind of
// record adds its check here, in one line.
func (c *checker) run(tx *bolt.Tx) error {
	if c.checkPages(tx); len(c.problems) > 0 {
		return nil // records on damaged pages are not worth reading
	}
	if c.checkBuckets(tx); len(c.problems) > 0 {
		return nil
	}
	c.checkMarkerAndSchema(tx)
	c.checkSessions(tx)
	c.checkOpenIndex(tx)
	c.checkSets(tx)
	c.checkDecisions(tx)
	checkReviews(tx, c.add)
	c.checkSetDigests(tx)
	return c.checkDayAggregates(tx)
}

// verdict is nil for a sound file, or one sentence that lists the first
// maxProblems problems and counts the rest.
func (c *checker) verdict() error {
	problems := c.problems
	if len(problems) == 0 {
		return nil
	}
	more := ""
	if len(problems) > maxProblems {
		more = fmt.Sprintf(" (and %d more)", len(problems)-maxProblems)
		problems = problems[:maxProblems]
	}
	return fileErr([]error{ErrCorrupt}, "%s is damaged: %s%s", c.path, strings.Join(problems, "; "), more)
}

// checkPages runs bbolt's own checks of the file's pages and free list.
func (c *checker) checkPages(tx *bolt.Tx) {
	for err := range tx.Check() {
		c.add("%s", err)
	}
}

// checkBuckets finds the buckets of the file's own version: an older file
// read without migrating lacks those of later versions.
func (c *checker) checkBuckets(tx *bolt.Tx) {
	version := schemaVersion
	if meta := tx.Bucket(bucketMeta); meta != nil {
		version = schemaOf(meta)
	}
	for _, name := range bucketsOf(version) {
		if tx.Bucket(name) == nil {
			c.add("bucket %q is missing", name)
		}
	}
}

// checkMarkerAndSchema checks the meta bucket's spinecoach marker and
// schema version.
func (c *checker) checkMarkerAndSchema(tx *bolt.Tx) {
	if err := checkMeta(tx.Bucket(bucketMeta), c.path); err != nil {
		c.add("%s", err)
	}
}

// checkSessions checks that each session decodes, is valid, is stored
// under its own id and is in the open-session index exactly when it is in
// progress; it notes each session's day for checkDayAggregates.
func (c *checker) checkSessions(tx *bolt.Tx) {
	open := tx.Bucket(bucketOpen)
	_ = tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
		sess, err := decodeSession(v)
		if err != nil {
			c.add("session %q does not decode: %s", k, err)
			return nil
		}
		if string(k) != sess.ID {
			c.add("session %q is stored under key %q", sess.ID, k)
		}
		if err := validateSession(sess); err != nil {
			c.add("%s", err)
		}
		if (sess.Status == StatusInProgress) != (open.Get(k) != nil) {
			c.add("session %s: open-session index disagrees with status %s", k, sess.Status)
		}
		c.days[dayOf(sess.StartedAt)] = true
		return nil
	})
}

// checkOpenIndex checks that every entry of the open-session index names
// a stored session.
func (c *checker) checkOpenIndex(tx *bolt.Tx) {
	sessions := tx.Bucket(bucketSessions)
	_ = tx.Bucket(bucketOpen).ForEach(func(k, _ []byte) error {
		if sessions.Get(k) == nil {
			c.add("open-session index names missing session %q", k)
		}
		return nil
	})
}

// checkSets checks that each set decodes, is valid, is stored under its
// own key and belongs to a stored session.
func (c *checker) checkSets(tx *bolt.Tx) {
	sessions := tx.Bucket(bucketSessions)
	_ = tx.Bucket(bucketSets).ForEach(func(k, v []byte) error {
		r, err := decodeSet(v)
		if err != nil {
			c.add("set %q does not decode: %s", k, err)
			return nil
		}
		if !bytes.Equal(k, setKey(r.SessionID, r.Index)) {
			c.add("set %d of session %s is stored under the wrong key", r.Index, r.SessionID)
		}
		if sessions.Get([]byte(r.SessionID)) == nil {
			c.add("set %d belongs to missing session %s", r.Index, r.SessionID)
		}
		if err := validateSet(r); err != nil {
			c.add("%s", err)
		}
		return nil
	})
}

// checkDecisions checks that each decision decodes, is valid, is stored
// under its own key and belongs to a stored session. A file older than
// the decisions bucket has none to check.
func (c *checker) checkDecisions(tx *bolt.Tx) {
	b := tx.Bucket(bucketDecisions)
	if b == nil {
		return
	}
	sessions := tx.Bucket(bucketSessions)
	_ = b.ForEach(func(k, v []byte) error {
		d, err := decodeDecision(v)
		if err != nil {
			c.add("decision %q does not decode: %s", k, err)
			return nil
		}
		if !bytes.Equal(k, decisionKey(d.SessionID, d.Seq)) {
			c.add("decision %d of session %s is stored under the wrong key", d.Seq, d.SessionID)
		}
		if sessions.Get([]byte(d.SessionID)) == nil {
			c.add("decision %d belongs to missing session %s", d.Seq, d.SessionID)
		}
		if err := validateDecision(d); err != nil {
			c.add("%s", err)
		}
		return nil
	})
}

// checkDayAggregates compares each stored aggregate, the Days, (from
// schema 3) the exercise days and (from schema 5) the exercise weeks,
// with one rebuilt from the records by the same code every write uses,
// for every day a record or an aggregate names.
func (c *checker) checkDayAggregates(tx *bolt.Tx) error {
	stored, err := c.storedDays(tx)
	if err != nil {
		return err
	}
	storedEx, haveEx := c.storedExerciseDays(tx)
	computed := map[string][]exerciseDay{}
	for date := range c.days {
		got, gotEx, err := computeDay(tx, date)
		if err != nil {
			return err
		}
		computed[date] = gotEx
		have, ok := stored[date]
		switch {
		case !ok && got.Sessions+got.Sets > 0:
			c.add("day %s: aggregate is missing", date)
		case ok && have != got:
			c.add("day %s: aggregate %+v does not match its records %+v", date, have, got)
		}
		if haveEx && !reflect.DeepEqual(storedEx[date], gotEx) && len(storedEx[date])+len(gotEx) > 0 {
			c.add("day %s: exercise aggregates %+v do not match its records %+v", date, storedEx[date], gotEx)
		}
	}
	c.checkExerciseWeeks(tx, computed)
	return nil
}

// storedDays reads the day aggregates that are under a date and decode,
// and notes their days.
func (c *checker) storedDays(tx *bolt.Tx) (map[string]Day, error) {
	stored := map[string]Day{}
	err := tx.Bucket(bucketDays).ForEach(func(k, v []byte) error {
		if !isDate(k) { // a damaged key: no records can belong to it
			c.add("day %q is not under a date", k)
			return nil
		}
		d, err := decodeDay(v)
		if err != nil {
			c.add("day %q does not decode: %s", k, err)
			return nil
		}
		stored[string(k)] = d
		c.days[string(k)] = true
		return nil
	})
	return stored, err
}

// storedExerciseDays reads the exercise aggregates that decode and are
// under a date, by day, and notes their days; ok is false in a file older
// than schema 3, which has none.
func (c *checker) storedExerciseDays(tx *bolt.Tx) (stored map[string][]exerciseDay, ok bool) {
	exercises := tx.Bucket(bucketExerciseDays)
	if exercises == nil {
		return nil, false
	}
	stored = map[string][]exerciseDay{}
	_ = exercises.ForEach(func(k, v []byte) error {
		e, err := decodeExerciseDay(k, v)
		if err != nil {
			c.add("exercise day %q does not decode: %s", k, err)
			return nil
		}
		date := string(k[:len(dateLayout)])
		if !isDate([]byte(date)) {
			c.add("exercise day %q is not under a date", k)
			return nil
		}
		stored[date] = append(stored[date], e)
		c.days[date] = true
		return nil
	})
	return stored, true
}

// isDate reports whether a key is a YYYY-MM-DD day.
func isDate(k []byte) bool {
	_, err := time.Parse(dateLayout, string(k))
	return err == nil && len(k) == len(dateLayout)
}
