package store

import (
	"bytes"
	"errors"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Schema versions and migrations.
//
// The data file's layout has a version, meta "schema". This spinecoach
// writes schemaVersion; it reads every version from 1 up to it, and
// refuses a newer one (ErrNewerSchema) without touching it.
//
// An older file is upgraded on a read-write Open, by the steps of
// migrations from its version up, in ONE write transaction that also sets
// the new version: a failed step, a failed commit or a crash at any moment
// leaves the file exactly as it was, at its old version, to be upgraded at
// the next read-write Open.
//
// A read-only Open (export, history, check, backup) never writes, so it
// does not migrate: it reads an older file as it is. That is why every
// reader must handle every older layout; each migration below says what a
// reader finds in a file that has not had it. (Refusing instead would make
// `spinecoach export` fail after an upgrade until the coach had been
// opened once, for no gain.)
//
// To change the layout: add a step to migrations, raise schemaVersion by
// one, list any new bucket in the step and in allBuckets, make the readers
// handle the older layout, and add a v(N) fixture test like
// TestMigrateFromVersion1.

// schemaVersion is the version this spinecoach writes: 1 + len(migrations)
// (TestMigrationsAreConsecutive holds the two together).
const schemaVersion = 6

// migration upgrades a file from version from to from+1. It runs inside
// the migration's write transaction; an error rolls everything back.
type migration struct {
	from    int
	what    string   // what the step changes, in a few words for messages
	buckets [][]byte // buckets version from+1 adds: a file of an older version lacks them
	up      func(tx *bolt.Tx) error
}

// migrations are the steps from version 1 up, in order. It is a variable
// only so that a test can put a failing step in; nothing else changes it.
var migrations = []migration{
	{
		// Version 2: the dose decisions have a bucket of their own in every
		// file. Before, the bucket was added lazily by a read-write Open,
		// so files of version 1 exist with and without it, and nothing told
		// a missing bucket from a lost one. From version 2 on, Check
		// reports its absence as damage. A reader of a version 1 file
		// without the bucket (read-only: not migrated) finds no decisions.
		from:    1,
		what:    "dose decisions get a bucket of their own",
		buckets: [][]byte{bucketDecisions},
		up: func(tx *bolt.Tx) error {
			_, err := tx.CreateBucketIfNotExists(bucketDecisions)
			return err
		},
	},
	{
		// Version 3: each day's scored sets are also kept per exercise,
		// counted by score, so the trends' per-exercise table reads a
		// small record per exercise and day instead of every set. The
		// step builds them for every day the file has. A reader of an
		// older file (read-only: not migrated) reads the sets.
		from:    2,
		what:    "per-exercise day aggregates for the trends",
		buckets: [][]byte{bucketExerciseDays},
		up: func(tx *bolt.Tx) error {
			if _, err := tx.CreateBucketIfNotExists(bucketExerciseDays); err != nil {
				return err
			}
			var dates []string
			err := tx.Bucket(bucketDays).ForEach(func(k, _ []byte) error {
				dates = append(dates, string(k))
				return nil
			})
			if err != nil {
				return err
			}
			for _, date := range dates { // collected first: recomputeDay writes to days
				if err := recomputeDay(tx, date); err != nil {
					return err
				}
			}
			return nil
		},
	},
	migrateReviews(),
	{
		// Version 5: each exercise's day aggregates are also summed up by
		// ISO week, so the trends' per-exercise table reads a record per
		// exercise and whole week of its window instead of one per day
		// (exerciseweeks.go). The step sums up every week completed
		// before the newest day with scored sets; later weeks are summed
		// by the check-ins once over. A reader of an older file
		// (read-only: not migrated) reads the day aggregates only.
		from:    4,
		what:    "per-exercise week aggregates for the trends",
		buckets: [][]byte{bucketExerciseWeeks},
		up:      buildExerciseWeeks,
	},
	{
		// Version 6: what the day rules need of each session's sets is
		// also kept in a compact digest per session, so the home screen
		// reads one record per session of its window instead of every
		// set (setdigests.go). The step builds them for the window as of
		// now; the check-ins build the later ones. A reader of an older
		// file (read-only: not migrated) reads the sets.
		from:    5,
		what:    "per-session set digests for the home screen",
		buckets: [][]byte{bucketSetDigests},
		up:      migrateSetDigests,
	},
}

// schemaOf reads the schema version of a meta bucket; 0 if it is not a
// number (checkMeta says why).
func schemaOf(meta *bolt.Bucket) int {
	v, err := strconv.Atoi(string(meta.Get(keySchema)))
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// bucketsOf lists the buckets a file of version v has: allBuckets less
// those a later migration adds.
func bucketsOf(v int) [][]byte {
	var out [][]byte
	for _, name := range allBuckets {
		if addedIn(name) <= max(v, 1) {
			out = append(out, name)
		}
	}
	return out
}

// addedIn is the version that brought a bucket: 1 unless a migration did.
func addedIn(name []byte) int {
	for _, m := range migrations {
		for _, b := range m.buckets {
			if bytes.Equal(b, name) {
				return m.from + 1
			}
		}
	}
	return 1
}

// errMigration marks a failed upgrade; the error also wraps the cause.
var errMigration = errors.New("data file upgrade failed")

// migrate upgrades the file to schemaVersion in one write transaction,
// reading its version again under the write lock (another spinecoach may
// have upgraded it since Open looked).
func (s *Store) migrate() error {
	return s.update("the upgraded data file", func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fileErr([]error{ErrCorrupt}, "%s is damaged: its meta bucket is gone", s.path)
		}
		if err := checkMeta(meta, s.path); err != nil {
			return err
		}
		from := schemaOf(meta)
		for v := from; v < schemaVersion; v++ {
			m, ok := stepFrom(v)
			if !ok {
				return fileErr([]error{errMigration}, "cannot upgrade %s: this spinecoach has no step from data version %d; it was left as it was", s.path, v)
			}
			if err := m.up(tx); err != nil {
				return fileErr([]error{errMigration, err},
					"cannot upgrade %s from data version %d to %d (%s): %s; it was left as it was, at version %d",
					s.path, v, v+1, m.what, cause(err), from)
			}
		}
		return meta.Put(keySchema, []byte(strconv.Itoa(schemaVersion)))
	})
}

func stepFrom(v int) (migration, bool) {
	for _, m := range migrations {
		if m.from == v {
			return m, true
		}
	}
	return migration{}, false
}
