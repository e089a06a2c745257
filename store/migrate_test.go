package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// The records of a data file of version 1, byte for byte as spinecoach
// wrote them then (frozen here: the encoders of today must not make the
// fixture). Session 1 is completed with two sets; session 2 is still open,
// with a scored set, a skipped one and, in later version 1 files, a dose
// decision.
const (
	v1Session1 = "182989085ee1b000-0a1b2c3d" // 2025-03-04T09:30:00+02:00
	v1Session2 = "182a0a5ce35e6000-deadbeef" // 2025-03-05T18:00:00-05:00
)

var v1Records = map[string][][2]string{ // bucket -> key, value
	"meta": {
		{"marker", "spinecoach"},
		{"schema", "1"},
		{"profile", `{"surgery_date":"2025-01-20","region":"lumbar","cleared_phase":1,"cleared_at":"2025-02-01T10:00:00+02:00","setup_skipped":false,"bell":false}`},
	},
	"sessions": {
		{v1Session1, `{"id":"` + v1Session1 + `","started_at":"2025-03-04T09:30:00+02:00","ended_at":"2025-03-04T09:55:00+02:00","routine_id":"phase1","routine":"Nerve glides and pulls","baseline_pain":2,"dose_level":0,"short":false,"status":"completed","note":""}`},
		{v1Session2, `{"id":"` + v1Session2 + `","started_at":"2025-03-05T18:00:00-05:00","ended_at":"","routine_id":"phase1","routine":"Nerve glides and pulls","baseline_pain":3,"dose_level":0,"short":false,"status":"in_progress","note":""}`},
	},
	"sets": {
		{v1SetKey(v1Session1, 0), `{"session_id":"` + v1Session1 + `","index":0,"exercise_id":"straight-leg-glide","exercise":"Straight-leg nerve glide","side":"left","set":1,"reps_planned":3,"reps_done":3,"hold_s":30,"pain":1,"skipped":false,"dose_level":0,"at":"2025-03-04T09:33:00+02:00"}`},
		{v1SetKey(v1Session1, 1), `{"session_id":"` + v1Session1 + `","index":1,"exercise_id":"straight-leg-glide","exercise":"Straight-leg nerve glide","side":"right","set":2,"reps_planned":3,"reps_done":3,"hold_s":30,"pain":3,"skipped":false,"dose_level":0,"at":"2025-03-04T09:36:00+02:00"}`},
		{v1SetKey(v1Session2, 0), `{"session_id":"` + v1Session2 + `","index":0,"exercise_id":"straight-leg-glide","exercise":"Straight-leg nerve glide","side":"left","set":1,"reps_planned":3,"reps_done":3,"hold_s":30,"pain":2,"skipped":false,"dose_level":0,"at":"2025-03-05T18:03:00-05:00"}`},
		{v1SetKey(v1Session2, 1), `{"session_id":"` + v1Session2 + `","index":1,"exercise_id":"straight-leg-glide","exercise":"Straight-leg nerve glide","side":"right","set":2,"reps_planned":3,"reps_done":0,"hold_s":0,"pain":-1,"skipped":true,"dose_level":0,"at":"2025-03-05T18:04:00-05:00"}`},
	},
	"days": {
		{"2025-03-04", `{"date":"2025-03-04","sessions":1,"sets":2,"skipped":0,"baseline_sum":2,"baselines":1,"max_pain":3,"completed":1}`},
		{"2025-03-05", `{"date":"2025-03-05","sessions":1,"sets":2,"skipped":1,"baseline_sum":3,"baselines":1,"max_pain":2,"completed":0}`},
	},
	"open": {
		{v1Session2, ""},
	},
}

// v1Decision is the decisions bucket of a later version 1 file.
var v1Decision = [2]string{v1SetKey(v1Session2, 0),
	`{"session_id":"` + v1Session2 + `","seq":0,"at":"2025-03-05T18:03:05-05:00","rule":"amber","exercise_id":"straight-leg-glide","exercise":"Straight-leg nerve glide","side":"left","level_before":0,"level_after":1,"reason":"Pain rose by 2: the next sets are one step lighter."}`}

func v1SetKey(id string, n uint32) string {
	return id + string(binary.BigEndian.AppendUint32(nil, n))
}

// writeV1 builds a version 1 data file with plain bbolt, as spinecoach
// wrote it then: the buckets of version 1, and the decisions bucket only
// if withDecisions (files of version 1 exist both ways).
func writeV1(t testing.TB, path string, withDecisions bool) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		put := func(bucket string, kvs ...[2]string) error {
			b, err := tx.CreateBucketIfNotExists([]byte(bucket))
			if err != nil {
				return err
			}
			for _, kv := range kvs {
				if err := b.Put([]byte(kv[0]), []byte(kv[1])); err != nil {
					return err
				}
			}
			return nil
		}
		for _, name := range []string{"meta", "sessions", "sets", "days", "open"} {
			if err := put(name, v1Records[name]...); err != nil {
				return err
			}
		}
		if withDecisions {
			return put("decisions", v1Decision)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// rawSchema reads the schema version and bucket names of a closed file
// with plain bbolt.
func rawSchema(t testing.TB, path string) (string, []string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var schema string
	var buckets []string
	err = db.View(func(tx *bolt.Tx) error {
		schema = string(tx.Bucket(bucketMeta).Get(keySchema))
		return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			buckets = append(buckets, string(name))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return schema, buckets
}

// assertV1Data checks that a store holds the version 1 fixture's records,
// read through today's API, and that the file checks sound.
func assertV1Data(t *testing.T, s *Store, withDecisions bool) {
	t.Helper()
	s1, err := s.Session(v1Session1)
	mustNil(t, err)
	if s1.Status != StatusCompleted || s1.Baseline != 2 || s1.Routine != "Nerve glides and pulls" ||
		s1.StartedAt.Format(time.RFC3339) != "2025-03-04T09:30:00+02:00" || s1.EndedAt.IsZero() {
		t.Errorf("session 1: %+v", s1)
	}
	open, ok, err := s.OpenSession()
	mustNil(t, err)
	if !ok || open.ID != v1Session2 || open.Baseline != 3 {
		t.Errorf("open session: %v %+v", ok, open)
	}
	var pains []int
	for _, id := range []string{v1Session1, v1Session2} {
		sets, err := s.SetsOf(id)
		mustNil(t, err)
		for _, r := range sets {
			pains = append(pains, r.Pain)
		}
	}
	if got := fmtInts(pains); got != "1 3 2 -1" {
		t.Errorf("pains %v, want [1 3 2 -1]", pains)
	}
	decisions, err := s.DecisionsOf(v1Session2)
	mustNil(t, err)
	if withDecisions != (len(decisions) == 1) || len(decisions) > 1 {
		t.Errorf("decisions %+v (the file had one: %t)", decisions, withDecisions)
	} else if withDecisions && (decisions[0].Rule != "amber" || decisions[0].LevelAfter != 1) {
		t.Errorf("decision %+v", decisions[0])
	}
	p, err := s.Profile()
	mustNil(t, err)
	if p.SurgeryDate != "2025-01-20" || p.Region != "lumbar" || p.ClearedPhase != 1 {
		t.Errorf("profile %+v", p)
	}
	days, err := s.DaysBetween("2025-03-01", "2025-03-31")
	mustNil(t, err)
	if len(days) != 2 || days[0].MaxPain != 3 || days[1].Skipped != 1 {
		t.Errorf("days %+v", days)
	}
	mustNil(t, s.Check())
}

func fmtInts(v []int) string {
	var b strings.Builder
	for i, n := range v {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

func TestMigrationsAreConsecutive(t *testing.T) {
	if schemaVersion != 1+len(migrations) {
		t.Fatalf("schemaVersion %d with %d migrations: want 1 + the number of migrations", schemaVersion, len(migrations))
	}
	for i, m := range migrations {
		if m.from != i+1 || m.up == nil || m.what == "" {
			t.Errorf("migration %d: from %d, up set %t, what %q; want from %d, up and what set", i, m.from, m.up != nil, m.what, i+1)
		}
		for _, b := range m.buckets {
			if !bytes.Contains(bytes.Join(allBuckets, []byte{0}), b) {
				t.Errorf("migration %d adds bucket %s, which allBuckets does not list", i, b)
			}
		}
	}
	if got := bucketsOf(schemaVersion); len(got) != len(allBuckets) {
		t.Errorf("bucketsOf(%d) = %q, want allBuckets", schemaVersion, got)
	}
	for _, b := range bucketsOf(1) {
		if bytes.Equal(b, bucketDecisions) {
			t.Error("bucketsOf(1) lists the decisions bucket, which came with version 2")
		}
	}
}

// A version 1 file, with or without the decisions bucket: a read-only Open
// reads it as it is and leaves it byte for byte; a read-write Open
// migrates it to version 2 with every record intact; after that, Open
// finds nothing to do.
func TestMigrateFromVersion1(t *testing.T) {
	for _, withDecisions := range []bool{false, true} {
		name := map[bool]string{false: "without decisions bucket", true: "with decisions bucket"}[withDecisions]
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			writeV1(t, path, withDecisions)
			before := fileSum(t, path)

			ro := mustOpen(t, path, Options{ReadOnly: true})
			assertV1Data(t, ro, withDecisions)
			mustNil(t, ro.Close())
			if fileSum(t, path) != before {
				t.Fatal("a read-only open of a version 1 file wrote to it")
			}
			if v, _ := rawSchema(t, path); v != "1" {
				t.Fatalf("after a read-only open the schema is %q, want 1", v)
			}

			rw := mustOpen(t, path, Options{})
			assertV1Data(t, rw, withDecisions)
			// The migrated file takes new records, decisions included.
			mustNil(t, rw.RecordSet(testSet(v1Session2, 2, 1)))
			mustNil(t, rw.RecordDecision(Decision{SessionID: v1Session2, Seq: 1,
				At: time.Date(2025, 3, 5, 18, 6, 0, 0, zoneWest), Rule: "amber", Reason: "Pain rose."}))
			mustNil(t, rw.Check())
			// Another spinecoach may have migrated the file since Open
			// looked: migrating again changes nothing.
			mustNil(t, rw.migrate())
			mustNil(t, rw.Close())

			v, buckets := rawSchema(t, path)
			if v != strconv.Itoa(schemaVersion) {
				t.Errorf("schema %q after a read-write open, want %d", v, schemaVersion)
			}
			if !strings.Contains(strings.Join(buckets, " "), "decisions") {
				t.Errorf("buckets %v: no decisions bucket after the migration", buckets)
			}
			after := fileSum(t, path)
			mustNil(t, mustOpen(t, path, Options{}).Close())
			if fileSum(t, path) != after {
				t.Error("opening a file of the current version read-write changed it")
			}
		})
	}
}

// writeV2 builds a version 2 data file: version 1's records with the
// decisions bucket every version 2 file has, and no exercise aggregates.
func writeV2(t *testing.T, path string) {
	t.Helper()
	writeV1(t, path, true)
	setMeta(t, path, keySchema, "2")
}

// A version 2 file: read-only, the trends read its sets; read-write, the
// migration builds the exercise aggregates of every day, and the trends
// read the same scores from them.
func TestMigrateFromVersion2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	writeV2(t, path)
	before := fileSum(t, path)
	now := time.Date(2025, 3, 6, 9, 0, 0, 0, zoneEast)

	ro := mustOpen(t, path, Options{ReadOnly: true})
	assertV1Data(t, ro, true)
	in, err := ro.TrendInput(now, 7)
	mustNil(t, err)
	read := tallyOf(in.Sets)
	mustNil(t, ro.Close())
	if fileSum(t, path) != before {
		t.Fatal("a read-only open of a version 2 file wrote to it")
	}
	want := map[string]int{
		"straight-leg-glide/Straight-leg nerve glide/2>1": 1,
		"straight-leg-glide/Straight-leg nerve glide/2>3": 1,
		"straight-leg-glide/Straight-leg nerve glide/3>2": 1,
	}
	if !reflect.DeepEqual(read, want) {
		t.Errorf("version 2, read-only: trends read %v, want %v", read, want)
	}

	rw := mustOpen(t, path, Options{})
	assertV1Data(t, rw, true)
	if got := tallyOf(aggregateScores(t, rw, "2025-03-01", "2025-03-31")); !reflect.DeepEqual(got, want) {
		t.Errorf("exercise aggregates after the migration: %v, want %v", got, want)
	}
	in, err = rw.TrendInput(now, 7)
	mustNil(t, err)
	if got := tallyOf(in.Sets); !reflect.DeepEqual(got, want) {
		t.Errorf("version 3: trends read %v, want %v", got, want)
	}
	mustNil(t, rw.Close())
	if v, buckets := rawSchema(t, path); v != strconv.Itoa(schemaVersion) || !slices.Contains(buckets, string(bucketExerciseDays)) {
		t.Errorf("after the migration: schema %s, buckets %v", v, buckets)
	}
}

// A step that fails after writing: the transaction rolls back, so the
// file keeps version 1, its records and its bytes, and the error says so
// and names the file. With the real steps back, the next Open migrates.
func TestFailedMigrationLeavesTheFileAsItWas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	writeV1(t, path, false)
	before := fileSum(t, path)

	injected := errors.New("injected failure")
	real := migrations
	t.Cleanup(func() { migrations = real })
	migrations = []migration{{from: 1, what: "a step that fails half-way", buckets: real[0].buckets,
		up: func(tx *bolt.Tx) error {
			// Do everything a step might, then fail.
			if err := real[0].up(tx); err != nil {
				return err
			}
			if err := tx.DeleteBucket(bucketSets); err != nil {
				return err
			}
			if err := tx.Bucket(bucketSessions).Delete([]byte(v1Session1)); err != nil {
				return err
			}
			if err := tx.Bucket(bucketMeta).Put(keySchema, []byte("2")); err != nil {
				return err
			}
			return injected
		}}}

	s, err := Open(path, Options{})
	if err == nil {
		_ = s.Close()
		t.Fatal("Open succeeded with a failing migration")
	}
	if !errors.Is(err, injected) || !errors.Is(err, errMigration) {
		t.Errorf("err = %v; want it to wrap the step's error", err)
	}
	for _, want := range []string{path, "data version 1 to 2", "injected failure", "left as it was"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if fileSum(t, path) != before {
		t.Error("the failed migration changed the file")
	}
	if v, buckets := rawSchema(t, path); v != "1" || strings.Contains(strings.Join(buckets, " "), "decisions") {
		t.Errorf("after the failed migration: schema %q, buckets %v; want 1 and no decisions", v, buckets)
	}

	migrations = real
	rw := openTest(t, path, Options{})
	assertV1Data(t, rw, false)
}

// A crash in the middle of a migration: a child process runs a step that
// writes, then is killed (SIGKILL) before the transaction commits. The
// file is left at version 1 with its records, and the next Open migrates.
func TestCrashDuringMigration(t *testing.T) {
	if childScenario() == "crash-migration" {
		migrations = []migration{{from: 1, what: "a step killed half-way", buckets: migrations[0].buckets,
			up: func(tx *bolt.Tx) error {
				if _, err := tx.CreateBucketIfNotExists(bucketDecisions); err != nil {
					return err
				}
				if err := tx.DeleteBucket(bucketSets); err != nil {
					return err
				}
				_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
				select {} // the kill is on its way
			}}}
		_, err := Open(os.Getenv("SPINECOACH_TEST_DB"), Options{})
		t.Fatalf("the child was not killed: Open returned %v", err)
	}
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	writeV1(t, path, false)
	before := fileSum(t, path)

	out, err := runChild(t, "^TestCrashDuringMigration$", "crash-migration", "SPINECOACH_TEST_DB="+path)
	if !killedBy(err, syscall.SIGKILL) {
		t.Fatalf("the child should have died of SIGKILL mid-migration; it ended with %v:\n%s", err, out)
	}
	if fileSum(t, path) != before {
		t.Error("the killed migration changed the file")
	}
	if v, _ := rawSchema(t, path); v != "1" {
		t.Errorf("schema %q after the crash, want 1", v)
	}
	s := openTest(t, path, Options{})
	assertV1Data(t, s, false)
	mustNil(t, s.Close())
	if v, _ := rawSchema(t, path); v != strconv.Itoa(schemaVersion) {
		t.Errorf("schema %q after the next open, want %d", v, schemaVersion)
	}
}

// A file of a newer version is refused, however it is opened, and
// untouched: also one whose freelist a read-write bbolt open would write.
func TestNewerVersionRefused(t *testing.T) {
	for _, noFreelist := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "spinecoach.db")
		writeV1(t, path, true)
		newer := strconv.Itoa(schemaVersion + 1)
		setMeta(t, path, keySchema, newer)
		db, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: noFreelist})
		mustNil(t, err)
		mustNil(t, db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("from-the-future")); return err }))
		mustNil(t, db.Close())
		before := fileSum(t, path)
		for _, opts := range []Options{{ReadOnly: true}, {}, {CheckInBackground: true}, {ReadOnly: true, CheckInBackground: true}} {
			s, err := Open(path, opts)
			if err == nil {
				_ = s.Close()
				t.Fatalf("%+v: a version %s file opened", opts, newer)
			}
			if !errors.Is(err, ErrNewerSchema) {
				t.Errorf("%+v: err = %v, want ErrNewerSchema", opts, err)
			}
			for _, want := range []string{path, "newer spinecoach", "data version " + newer} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%+v: message %q does not say %q", opts, err, want)
				}
			}
		}
		if fileSum(t, path) != before {
			t.Errorf("without a freelist %t: the newer file was changed", noFreelist)
		}
	}
}

// From version 2 on, every file has the decisions bucket: Check reports
// one without it, where a version 1 file without it is sound.
func TestVersion2FileWithoutDecisionsBucketIsDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	mustNil(t, mustOpen(t, path, Options{}).Close())
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketDecisions) }))
	mustNil(t, db.Close())
	s := openTest(t, path, Options{ReadOnly: true})
	err = s.Check()
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), `bucket "decisions" is missing`) {
		t.Fatalf("Check of a version %d file without decisions: %v", schemaVersion, err)
	}
}

// writeV4 builds a version 4 data file holding a random history: what
// today's writes make, less the week aggregates of version 5 (no other
// encoding changed from 4 to 5). It returns the week aggregates today's
// writes made, key -> value.
func writeV4(t *testing.T, path string) map[string]string {
	t.Helper()
	s := mustOpen(t, path, Options{})
	weekHistory(t, s, rand.New(rand.NewPCG(4, 5)), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 100, 80)
	// A check-in on the newest day that has scored sets builds every
	// week before it: what the migration builds.
	var newest string
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketExerciseDays).Cursor().Last()
		newest = string(k[:len(dateLayout)])
		return nil
	}))
	day, err := time.ParseInLocation(dateLayout, newest, zoneEast)
	mustNil(t, err)
	checkIn(t, s, day.Add(23*time.Hour))
	mustNil(t, s.Close())
	weeks := map[string]string{}
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketExerciseWeeks).ForEach(func(k, v []byte) error {
			weeks[string(k)] = string(v)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketExerciseWeeks); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("4"))
	}))
	mustNil(t, db.Close())
	return weeks
}

// A version 4 file: read-only, the trends read its day aggregates and
// Check finds it sound; read-write, the migration sums them up by week,
// into the very records today's writes make, and the trends read the
// same table from them.
func TestMigrateFromVersion4(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	want := writeV4(t, path)
	if len(want) < 50 {
		t.Fatalf("the fixture has %d week aggregates", len(want))
	}
	before := fileSum(t, path)
	now := time.Date(2025, 4, 12, 9, 0, 0, 0, zoneEast)
	rules := routine.DefaultPainRules()
	table := func(s *Store) []routine.ExerciseStat {
		in, err := s.TrendInput(now, 90)
		mustNil(t, err)
		return routine.BuildTrends(rules, in, now, 90).Exercises
	}

	ro := mustOpen(t, path, Options{ReadOnly: true})
	mustNil(t, ro.Check())
	read := table(ro)
	mustNil(t, ro.Close())
	if fileSum(t, path) != before {
		t.Fatal("a read-only open of a version 4 file wrote to it")
	}
	if len(read) != 4 {
		t.Fatalf("version 4, read-only: the table has %d exercises, want 4", len(read))
	}

	rw := mustOpen(t, path, Options{})
	mustNil(t, rw.Check())
	if got := table(rw); !reflect.DeepEqual(got, read) {
		t.Errorf("version 5: table %+v, version 4 read-only %+v", got, read)
	}
	got := map[string]string{}
	mustNil(t, rw.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketExerciseWeeks).ForEach(func(k, v []byte) error {
			got[string(k)] = string(v)
			return nil
		})
	}))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the migration wrote %d week aggregates, the writes %d, and they differ", len(got), len(want))
	}
	mustNil(t, rw.Close())
	if v, buckets := rawSchema(t, path); v != strconv.Itoa(schemaVersion) || !slices.Contains(buckets, string(bucketExerciseWeeks)) {
		t.Errorf("after the migration: schema %s, buckets %v", v, buckets)
	}
}
