// Package store keeps spinecoach's records in one bbolt file: sessions, the
// sets and dose decisions recorded in them, per-day aggregates and the
// profile. It is the only package that imports bbolt.
//
// Layout (schema 6), all values encoding/json but exercise_days',
// exercise_weeks' and set_digests':
//
//	meta      "marker" = "spinecoach", "schema" = "6", "profile" = Profile
//	sessions  session ID (time-sortable) -> Session
//	sets      session ID + uint32 big-endian index -> SetRecord
//	days      "YYYY-MM-DD" (local day of the session start) -> Day
//	open      session ID -> "" for every in-progress session; the last key is
//	          the open session, so finding it never scans the sessions
//	decisions session ID + uint32 big-endian seq -> Decision (since schema 2)
//	exercise_days "YYYY-MM-DD/" + exercise ID -> the day's scored sets of
//	          that exercise, counted by score (since schema 3; a compact
//	          binary value, see exercisedays.go)
//	reviews   review ID (time-sortable) -> Review, the weekly function
//	          review (since schema 4, reviews.go)
//	exercise_weeks "YYYY-MM-DD" (a Monday) -> a marker that the week is
//	          summed; "YYYY-MM-DD/" + exercise ID -> that exercise's
//	          exercise_days of the week added up, in their encoding
//	          (since schema 5; summed once the week is over, see
//	          exerciseweeks.go)
//	set_digests session ID -> what the day rules need of the session's
//	          sets, in a compact binary value (since schema 6; built for
//	          the days before today that the rules read, see
//	          setdigests.go)
//
// The buckets keyed by time (sessions, sets, decisions, days,
// exercise_days, exercise_weeks) fill the pages their writes split to nine
// tenths, not bbolt's half (appendFill): their records are appended. Pages
// split before keep what they hold; no migration is needed.
//
// An older file is upgraded by the migrations of migrate.go, all in one
// transaction, on its first read-write Open. A read-only Open never writes:
// it reads an older file as it is (every reader handles every older layout).
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Sentinel errors; the errors the store returns wrap them (errors.Is) in a
// sentence that names the file.
var (
	// ErrLocked: the file is in use by another spinecoach (lock timeout).
	ErrLocked = errors.New("data file is in use by another spinecoach")
	// ErrNotFound: no record with that key.
	ErrNotFound = errors.New("not found")
	// ErrForeign: the file is not a spinecoach data file.
	ErrForeign = errors.New("not a spinecoach data file")
	// ErrNewerSchema: the file was written by a newer spinecoach.
	ErrNewerSchema = errors.New("data file written by a newer spinecoach")
	// ErrCorrupt: the file is a bbolt file but damaged.
	ErrCorrupt = errors.New("data file is damaged")
	// ErrInvalid: a record failed validation and was not written.
	ErrInvalid = errors.New("invalid record")
)

// schemaVersion, the version this spinecoach writes, is in migrate.go
// beside the migrations that lead to it.
const (
	marker = "spinecoach"

	defaultLockTimeout = time.Second

	// boltMagic opens every bbolt meta page, right after the 16-byte page
	// header, in native byte order.
	boltMagic       = 0xED0CDAED
	boltMagicOffset = 16
)

var (
	bucketMeta     = []byte("meta")
	bucketSessions = []byte("sessions")
	bucketSets     = []byte("sets")
	bucketDays     = []byte("days")
	bucketOpen     = []byte("open")
	// bucketDecisions came with schema 2: a file of schema 1 opened
	// read-only may lack it, and is read as having no decisions.
	bucketDecisions = []byte("decisions")
	// bucketExerciseDays came with schema 3: a file of an older schema
	// opened read-only lacks it, and the trends read its sets instead.
	bucketExerciseDays = []byte("exercise_days")

	keyMarker  = []byte("marker")
	keySchema  = []byte("schema")
	keyProfile = []byte("profile")

	// allBuckets are the buckets of schemaVersion; bucketsOf (migrate.go)
	// gives those of an older version.
	allBuckets = [][]byte{bucketMeta, bucketSessions, bucketSets, bucketDays, bucketOpen, bucketDecisions, bucketExerciseDays, bucketReviews, bucketExerciseWeeks, bucketSetDigests}
)

// Options tune Open.
type Options struct {
	// ReadOnly opens with a shared lock and never writes or creates anything.
	ReadOnly bool
	// LockTimeout is how long to wait for another spinecoach to let go of
	// the file before giving up with ErrLocked; zero means 1 s.
	LockTimeout time.Duration
	// CheckInBackground lets Open return before the walk of the file's
	// pages (pages.go) ends, for a screen that must show at once. Reads
	// may run meanwhile (each checks its value's length first); every
	// write waits for the walk and is refused if it found damage, and
	// Checked reports the outcome. Without it, Open walks the pages first
	// and refuses a damaged file.
	CheckInBackground bool
	// RecoverEmpty lets a read-write Open replace an empty file at path
	// that an older spinecoach may have left (see removeEmpty); Notice
	// then says so. Only for the default path: a file the patient named
	// is never replaced.
	RecoverEmpty bool
}

// Store is an open data file. Its methods are safe for concurrent use.
type Store struct {
	// mu guards db, file and names, which an import replaces (import.go):
	// every transaction holds it shared.
	mu       sync.RWMutex
	db       *bolt.DB
	file     *os.File   // bbolt's own handle: the file it locked
	names    *boltNames // what bbolt's later opens of the file resolve to
	importMu sync.Mutex // one import at a time
	path     string
	notice   string // what Open did that the patient should know, or ""

	walked    chan struct{} // closed when the page walk has ended
	walkErr   error         // what it found; read only after walked is closed
	walkOnce  sync.Once     // starts the walk in the background (or closes walked when none is to run)
	walkTimer *time.Timer   // starts it after walkDelay
	stopWalk  atomic.Bool   // set by Close: a walk in the background ends at the next page

	// For the tests: history ignores the set digests, and counts what it
	// reads in reads when it is not nil.
	ignoreDigests bool
	reads         *historyReads
}

// historyReads counts what history read of the sets: set records, and
// digests that stood for a session's sets; and the walks back of
// lastDayBefore it made for the day before its window.
type historyReads struct{ setKeys, digests, olderWalks int }

// fileError is an error that reads as one sentence naming the data file,
// while errors.Is still finds the sentinel and the underlying cause.
type fileError struct {
	msg  string
	errs []error
}

func (e *fileError) Error() string   { return e.msg }
func (e *fileError) Unwrap() []error { return e.errs }

func fileErr(errs []error, format string, args ...any) error {
	return &fileError{msg: fmt.Sprintf(format, args...), errs: errs}
}

// cause strips the operation and path an *fs.PathError adds, so the path is
// not repeated in our sentence ("permission denied", not "open /x: ...").
func cause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Open opens the data file at path, creating it (and its directory) unless
// opts.ReadOnly. It never modifies a file it does not recognise, and only
// ever opens a regular file.
func Open(path string, opts Options) (*Store, error) {
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = defaultLockTimeout
	}
	// A file replaced while this one waited for its lock is opened again,
	// once or twice; a path that keeps changing under us is refused.
	for try := 1; ; try++ {
		s, err := open(path, opts, timeout)
		if !errors.Is(err, errReplacedWhileOpening) || try == 3 {
			return s, err
		}
	}
}

func open(path string, opts Options, timeout time.Duration) (*Store, error) {
	exists, empty, synced, err := sniff(path)
	if err != nil {
		return nil, err
	}
	if exists && synced && !opts.ReadOnly && opts.CheckInBackground {
		return openWritable(path, timeout)
	}
	notice := ""
	if empty {
		if opts.ReadOnly || !opts.RecoverEmpty {
			return nil, emptyErr(path, opts)
		}
		if notice, err = removeEmpty(path); err != nil {
			return nil, err
		}
		exists = false
	}
	if !exists {
		if opts.ReadOnly {
			return nil, fileErr([]error{fs.ErrNotExist}, "there is no data file at %s yet", path)
		}
		if err := create(path, timeout); err != nil {
			return nil, err
		}
	}

	// Check marker and schema under a shared lock first: a read-write bbolt
	// open may itself write (freelist sync), and a foreign or newer file must
	// stay untouched.
	s, err := openBolt(path, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return nil, err
	}
	s.notice = notice
	if !opts.CheckInBackground {
		if err := s.walkPages(); err != nil {
			_ = s.db.Close()
			return nil, err
		}
	}
	version, complete, err := check(s.db, path)
	if err != nil {
		_ = s.db.Close()
		return nil, err
	}
	if opts.ReadOnly {
		// An older file is read as it is, never migrated: see migrate.go.
		s.startWalk(opts.CheckInBackground)
		return s, nil
	}
	if err := s.db.Close(); err != nil {
		return nil, fileErr([]error{err}, "cannot open %s: %s", path, cause(err))
	}

	s, err = openBolt(path, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, err
	}
	s.notice = notice
	s.startWalk(opts.CheckInBackground) // walked already unless in the background
	if err := s.upgrade(version, complete); err != nil {
		return nil, err
	}
	return s, nil
}

// openWritable is open for a file that a read-write bbolt open leaves as
// it is (sniff found its freelist written out), with the walk of its
// pages in the background: it opens it read-write at once and checks the
// marker and schema in a read transaction, instead of a read-only open to
// check them, a close and a second open. A coach's every start takes this
// way; the second mapping of a large file cost it about a tenth of its
// work before the first screen.
func openWritable(path string, timeout time.Duration) (*Store, error) {
	s, err := openBolt(path, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, err
	}
	version, complete, err := check(s.db, path)
	if err != nil {
		_ = s.db.Close()
		return nil, err
	}
	s.startWalk(true)
	if err := s.upgrade(version, complete); err != nil {
		return nil, err
	}
	return s, nil
}

// upgrade migrates an older file and completes one without all its
// buckets; on an error the file is closed.
func (s *Store) upgrade(version int, complete bool) error {
	if version > 0 && version < schemaVersion {
		if err := s.migrate(); err != nil {
			_ = s.Close()
			return err
		}
	}
	if !complete {
		if err := s.initialise(); err != nil {
			_ = s.Close()
			return err
		}
	}
	return nil
}

// sniff reports whether path exists, whether it is empty, and whether a
// read-write bbolt open would leave it as it is (synced: its newest meta
// page names a freelist written out; without one, bbolt writes it at
// open). It refuses anything but a regular file that is empty or begins
// as a bbolt file. It only reads, and never waits: a named pipe is opened
// without blocking and refused.
func sniff(path string) (exists, empty, synced bool, err error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return false, false, false, nil
	}
	if err != nil {
		return false, false, false, fileErr([]error{err}, "cannot open %s: %s", path, cause(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, false, false, fileErr([]error{err}, "cannot open %s: %s", path, cause(err))
	}
	switch {
	case info.IsDir():
		return false, false, false, fileErr([]error{ErrForeign}, "%s is a directory, not a spinecoach data file", path)
	case !info.Mode().IsRegular():
		return false, false, false, notRegular(path)
	case info.Size() == 0:
		return true, true, false, nil
	}
	var head [boltMagicOffset + 4]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return false, false, false, fileErr([]error{ErrForeign}, "%s is not a spinecoach data file (too short)", path)
		}
		return false, false, false, fileErr([]error{err}, "cannot read %s: %s", path, cause(err))
	}
	if binary.NativeEndian.Uint32(head[boltMagicOffset:]) != boltMagic {
		return false, false, false, fileErr([]error{ErrForeign}, "%s is not a spinecoach data file", path)
	}
	return true, false, freelistSynced(f), nil
}

// freelistSynced reports whether the meta page bbolt would use (the valid
// one with the higher transaction id) names a freelist page. False when
// neither is valid: the careful open then finds out what is wrong.
func freelistSynced(r io.ReaderAt) bool {
	m0, ok0 := readMeta(r, 0, 0) // page 0 is at 0 whatever the page size
	ps := m0.pageSize
	if !ok0 {
		ps = uint64(os.Getpagesize()) // where bbolt looks for page 1 then
	}
	m1, ok1 := readMeta(r, 1, ps)
	switch {
	case ok0 && ok1 && m1.txid > m0.txid, !ok0 && ok1:
		return m1.freelist != noFreelistPgid
	case ok0:
		return m0.freelist != noFreelistPgid
	}
	return false
}

// notRegular refuses a named pipe, a device or a socket: reading one
// could wait for ever, or read without end.
func notRegular(path string) error {
	return fileErr([]error{ErrForeign}, "%s is not a regular file (a named pipe, a device or a socket), so it cannot be a spinecoach data file", path)
}

// openBolt opens with bbolt and turns its errors into sentences. The
// Store it returns knows the file bbolt opened and locked, and checks
// that path names that file still: the lock is on the file, not on its
// name, and a file replaced while this one waited for the lock would
// otherwise be written beside the one now at path.
func openBolt(path string, o *bolt.Options) (s *Store, err error) {
	var file *os.File
	names := &boltNames{}
	o.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		name = names.resolve(name)
		f, err := os.OpenFile(name, flag|syscall.O_NONBLOCK|syscall.O_NOCTTY, perm)
		if err != nil {
			return nil, err
		}
		if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
			_ = f.Close()
			if err == nil {
				err = errNotRegular
			}
			return nil, err
		}
		if file == nil {
			file = f // the first is the data file itself; later ones are copies' reads
		}
		return f, nil
	}
	// A damaged file can make bbolt panic while reading its meta pages, and
	// a truncated one fault on the memory map: both become ErrCorrupt.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fileErr([]error{ErrCorrupt}, "%s is damaged: %v", path, r)
		}
	}()
	db, err := bolt.Open(path, 0o600, o)
	switch {
	case err == nil:
		s = &Store{db: db, path: path, file: file, names: names}
		if err := s.sameFile(); err != nil {
			_ = db.Close()
			return nil, err
		}
		return s, nil
	case errors.Is(err, errNotRegular):
		return nil, notRegular(path)
	case strings.HasPrefix(err.Error(), "file size too small"):
		// bbolt's own words for a file cut short; it has no error value.
		return nil, fileErr([]error{ErrCorrupt, err}, "%s is damaged: it is cut short (%s)", path, err)
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fileErr([]error{ErrLocked, err},
			"%s is in use by another spinecoach; close that one first", path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum):
		return nil, fileErr([]error{ErrCorrupt, err}, "%s is damaged: %s", path, err)
	case errors.Is(err, berrors.ErrVersionMismatch):
		return nil, fileErr([]error{ErrForeign, err}, "%s is not a spinecoach data file (bbolt version mismatch)", path)
	}
	return nil, fileErr([]error{err}, "cannot open %s: %s", path, cause(err))
}

// check verifies marker then schema and returns the file's schema
// version (0 for a bbolt file with no buckets at all: what a crash during
// the very first Open leaves behind, adopted rather than refused).
// complete is false for a file that still needs buckets: that empty one,
// or one missing a bucket of its own version.
func check(db *bolt.DB, path string) (version int, complete bool, err error) {
	err = view(db, path, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if k, _ := tx.Cursor().First(); k != nil {
				return fileErr([]error{ErrForeign}, "%s is not a spinecoach data file (it belongs to another program)", path)
			}
			return nil
		}
		if err := checkMeta(meta, path); err != nil {
			return err
		}
		version = schemaOf(meta)
		complete = true
		for _, name := range bucketsOf(version) {
			if tx.Bucket(name) == nil {
				complete = false
			}
		}
		return nil
	})
	return version, complete, err
}

func checkMeta(meta *bolt.Bucket, path string) error {
	if string(meta.Get(keyMarker)) != marker {
		return fileErr([]error{ErrForeign}, "%s is not a spinecoach data file (no spinecoach marker)", path)
	}
	v, err := strconv.Atoi(string(meta.Get(keySchema)))
	if err != nil || v < 1 {
		return fileErr([]error{ErrCorrupt}, "%s is damaged: bad schema version %q", path, meta.Get(keySchema))
	}
	if v > schemaVersion {
		return fileErr([]error{ErrNewerSchema},
			"%s was written by a newer spinecoach (data version %d; this one reads up to %d)", path, v, schemaVersion)
	}
	return nil
}

// initialise writes the marker and schema (on a new file) and any missing
// bucket in one transaction, checking again under the write lock.
func (s *Store) initialise() error {
	return s.update("the new data file", func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if k, _ := tx.Cursor().First(); k != nil {
				return fileErr([]error{ErrForeign}, "%s is not a spinecoach data file (it belongs to another program)", s.path)
			}
			var err error
			if meta, err = tx.CreateBucket(bucketMeta); err != nil {
				return err
			}
			if err := meta.Put(keyMarker, []byte(marker)); err != nil {
				return err
			}
			if err := meta.Put(keySchema, []byte(strconv.Itoa(schemaVersion))); err != nil {
				return err
			}
		} else if err := checkMeta(meta, s.path); err != nil {
			return err
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
}

// syncDir makes a newly created file's directory entry durable. Filesystems
// that cannot sync a directory say EINVAL; there is nothing more to do there.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}

// walkPages runs the page walk on the open file, as one sentence naming it.
func (s *Store) walkPages() error {
	info, err := s.file.Stat()
	if err != nil {
		return fileErr([]error{err}, "cannot read %s: %s", s.path, cause(err))
	}
	err = verifyPages(s.file, info.Size(), s.db.Info().PageSize, &s.stopWalk)
	switch {
	case errors.Is(err, errWalkStopped):
		return fileErr([]error{err}, "%s was closed before its pages were checked", s.path)
	case err != nil:
		return fileErr([]error{ErrCorrupt, errPages, err}, "%s is damaged: %s", s.path, err)
	}
	return nil
}

// walkDelay is how long a walk in the background waits before it starts,
// unless something needs its outcome first (Checked, any write): the
// first screen's reads go first, and no write can come that soon.
const walkDelay = 300 * time.Millisecond

// startWalk arms the walk of the pages in the background, or, when Open
// has walked them already (or there is nothing to walk), records that.
func (s *Store) startWalk(background bool) {
	s.walked = make(chan struct{})
	if !background {
		s.walkOnce.Do(func() { close(s.walked) })
		return
	}
	s.walkTimer = time.AfterFunc(walkDelay, s.runWalk)
}

// runWalk runs the walk in the background once.
func (s *Store) runWalk() {
	s.walkOnce.Do(func() {
		go func() {
			defer close(s.walked)
			s.walkErr = s.walkPages()
		}()
	})
}

// Checked waits for the walk of the file's pages to end (starting it now
// if it has not started) and returns what it found: nil, or one sentence
// wrapping ErrCorrupt. It returns at once unless Open ran with
// CheckInBackground.
func (s *Store) Checked() error {
	s.runWalk()
	<-s.walked
	return s.walkErr
}

// CheckDone is closed when the walk of the pages has ended (Checked then
// returns its outcome at once); waiting on it does not start the walk.
func (s *Store) CheckDone() <-chan struct{} { return s.walked }

// Close releases the file and its lock. A walk still running in the
// background is stopped first: it reads through the file Close closes.
func (s *Store) Close() error {
	if s.walkTimer != nil {
		s.walkTimer.Stop()
	}
	s.stopWalk.Store(true)
	s.runWalk() // not started: it starts, sees the stop, and ends at once
	<-s.walked
	if err := s.db.Close(); err != nil {
		return fileErr([]error{err}, "cannot close %s: %s", s.path, cause(err))
	}
	return nil
}

// Path is the data file's path as given to Open.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db.IsReadOnly()
}

// view runs a read transaction; a panic from bbolt on a damaged page
// becomes ErrCorrupt.
func view(db *bolt.DB, path string, fn func(*bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fileErr([]error{ErrCorrupt}, "%s is damaged: %v", path, r)
		}
	}()
	return db.View(fn)
}

func (s *Store) view(fn func(*bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return view(s.db, s.path, fn)
}

// update runs one write transaction; bbolt fsyncs it on commit (NoSync is
// never set). what names the record in the error sentence. Errors fn
// returns itself (validation, not found) pass through unchanged.
func (s *Store) update(what string, fn func(*bolt.Tx) error) (err error) {
	if err := s.Checked(); err != nil {
		return err // never write to a damaged file
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fileErr([]error{ErrCorrupt}, "%s is damaged: %v", s.path, r)
		}
	}()
	s.mu.RLock()
	defer s.mu.RUnlock()
	var fnErr error
	err = s.db.Update(func(tx *bolt.Tx) error {
		fillPages(tx)
		if fnErr = fn(tx); fnErr == nil {
			fnErr = s.stillOurs(what) // the last thing before the commit
		}
		return fnErr
	})
	switch {
	case err == nil:
		return nil
	case fnErr != nil && errors.Is(err, fnErr) && isOurs(fnErr):
		return fnErr
	case errors.Is(err, berrors.ErrDatabaseReadOnly):
		return fileErr([]error{err}, "cannot save %s: %s was opened read-only", what, s.path)
	}
	return fileErr([]error{err}, "cannot save %s to %s: %s", what, s.path, cause(err))
}

// appendFill is how full a write leaves the pages it splits in the
// buckets whose keys grow with time (appendBuckets), where bbolt leaves
// half. Their records are appended at the end and then left alone but for
// the last days' updates in place (a session's end, a day's aggregates),
// so a page split at half stays half empty for good: every window's range
// scan then reads twice the pages it needs, down trees a level deeper, in
// a file twice its size. A tenth is left for those updates. Appending
// splits no more often for it (a day of sets writes no more pages).
var appendFill = 0.9

var appendBuckets = [][]byte{bucketSessions, bucketSets, bucketDays, bucketDecisions, bucketExerciseDays, bucketExerciseWeeks}

// fillPages sets the fill of the append buckets for the writes of tx.
func fillPages(tx *bolt.Tx) {
	for _, name := range appendBuckets {
		if b := tx.Bucket(name); b != nil {
			b.FillPercent = appendFill
		}
	}
}

// isOurs tells errors made by this package, already phrased for the user,
// from bbolt and system errors that still need the file named.
func isOurs(err error) bool {
	var fe *fileError
	return errors.As(err, &fe) || errors.Is(err, ErrInvalid) || errors.Is(err, ErrNotFound)
}
