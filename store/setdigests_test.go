package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// fixClock sets the clock the migration and imports build digests as of.
func fixClock(t *testing.T, at time.Time) {
	t.Helper()
	real := clock
	t.Cleanup(func() { clock = real })
	clock = func() time.Time { return at }
}

// homeHistories reads Home's history at now twice, with the set digests
// and with them ignored, and counts what each read of the sets.
func homeHistories(t *testing.T, s *Store, now time.Time) (with, without routine.History, withReads, withoutReads historyReads) {
	t.Helper()
	rules := routine.DefaultPainRules()
	defer func() { s.ignoreDigests, s.reads = false, nil }()
	s.reads = &withReads
	h, err := s.Home(rules, now)
	mustNil(t, err)
	s.ignoreDigests, s.reads = true, &withoutReads
	h2, err := s.Home(rules, now)
	mustNil(t, err)
	return h.History, h2.History, withReads, withoutReads
}

// assertDigestsAgree compares, at two times of every day of first..last
// (in two zones), Home's history read with the digests and without: deep
// equality. It returns how many digests the reads used.
func assertDigestsAgree(t *testing.T, s *Store, first, last time.Time, context string) int {
	t.Helper()
	used := 0
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		for _, now := range []time.Time{day.Add(7 * time.Hour).In(zoneEast), day.Add(22 * time.Hour).In(zoneWest)} {
			with, without, reads, _ := homeHistories(t, s, now)
			if !reflect.DeepEqual(with, without) {
				t.Fatalf("%s: at %v the history read with digests differs from the one read from the sets:\n%+v\n%+v", context, now, with, without)
			}
			used += reads.digests
		}
	}
	return used
}

// digestKeys lists the sessions that have a digest.
func digestKeys(t *testing.T, s *Store) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSetDigests)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error { keys[string(k)] = true; return nil })
	}))
	return keys
}

// Whatever the writes, Home's history is the same read with the digests
// as from the sets: after check-ins on different days, scores into
// sessions with a digest and without, sessions left open for days and
// scored later, imports of old days, and a migration.
func TestDigestsAgreeWithSets(t *testing.T) {
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 0, 40)
	fixClock(t, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 6))
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			sessions := weekHistory(t, s, rng, first, 30, 60)
			used := 0
			for _, d := range []int{8, 15, 16, 24, 31} {
				checkIn(t, s, first.AddDate(0, 0, d).Add(time.Duration(rng.IntN(24*60))*time.Minute).In(zoneWest))
				used += assertDigestsAgree(t, s, first, last, fmt.Sprint("after the check-in of day ", d))
			}
			if used == 0 || len(digestKeys(t, s)) == 0 {
				t.Fatal("the check-ins built no digest that the reads used")
			}
			mustNil(t, s.Check())
			// Scores into sessions with a digest and without, a session
			// left open for days then scored, and a stop that ends one.
			open := testSession(first.AddDate(0, 0, 27).Add(20*time.Hour), StatusInProgress)
			mustNil(t, s.PutSession(open))
			mustNil(t, s.RecordSet(scoredSet(open.ID, 0, "glide", 2)))
			checkIn(t, s, first.AddDate(0, 0, 33))
			digested := digestKeys(t, s)
			for _, sess := range sessions[:20] {
				if rng.IntN(2) == 0 {
					continue
				}
				r := scoredSet(sess.ID, rng.IntN(7), "bridge", rng.IntN(12)-1)
				if rng.IntN(2) == 0 {
					mustNil(t, s.RecordSet(r))
				} else {
					ended := sess
					ended.Status, ended.EndedAt = StatusStopped, sess.StartedAt.Add(time.Hour)
					mustNil(t, s.RecordScore(Score{Sets: []SetRecord{r}, Session: &ended}))
				}
				if digestKeys(t, s)[sess.ID] {
					t.Fatalf("a set recorded into session %s (digest before: %t) left its digest", sess.ID, digested[sess.ID])
				}
			}
			mustNil(t, s.RecordSet(scoredSet(open.ID, 1, "pull", 9)))
			assertDigestsAgree(t, s, first, last, "after scores")
			checkIn(t, s, first.AddDate(0, 0, 34))
			assertDigestsAgree(t, s, first, last, "after scores and a check-in")
			mustNil(t, s.Check())

			// An import of old days, into sessions with digests and new ones.
			var old []SessionHistory
			for _, sess := range sessions[20:40] {
				h := SessionHistory{Session: sess}
				h.Sets = append(h.Sets, scoredSet(sess.ID, 20+rng.IntN(3), "squeeze", rng.IntN(11)))
				old = append(old, h)
			}
			extra := testSession(first.AddDate(0, 0, 29).Add(9*time.Hour), StatusCompleted)
			old = append(old, SessionHistory{Session: extra, Sets: []SetRecord{scoredSet(extra.ID, 0, "glide", 3)}})
			_, err := s.Import(old)
			mustNil(t, err)
			assertDigestsAgree(t, s, first, last, "after an import of old days")
			mustNil(t, s.Check())

			// The migration from schema 5.
			mustNil(t, s.Close())
			downgradeTo5(t, path)
			s = openTest(t, path, Options{})
			if len(digestKeys(t, s)) == 0 {
				t.Fatal("the migration built no digest")
			}
			assertDigestsAgree(t, s, first, last, "after the migration")
			mustNil(t, s.Check())
		})
	}
}

// downgradeTo5 makes a file of schema 5 of a file of schema 6: no
// digests, nothing else changed from 5 to 6.
func downgradeTo5(t *testing.T, path string) { downgrade(t, path, bucketSetDigests, "5") }

// downgrade makes a file of an older schema of the file at path: the
// bucket that schema's successor brought is deleted, and the schema is
// written back.
func downgrade(t *testing.T, path string, bucket []byte, schema string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucket); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(schema))
	}))
	mustNil(t, db.Close())
}

// A version 5 file: read-only, history reads its sets, Check finds it
// sound and the file is left as it was; read-write, the migration builds
// the digests of the window as of the clock, or of the day after the
// newest session, which history then reads, to the same result.
func TestMigrateFromVersion5(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	s := mustOpen(t, path, Options{})
	last := time.Date(2025, 3, 20, 9, 0, 0, 0, zoneEast)
	importDays(t, s, last, 30)
	checkIn(t, s, last.Add(2*time.Hour)) // the newest session: the 20th's
	mustNil(t, s.Close())
	downgradeTo5(t, path)
	before := fileSum(t, path)
	now := last.Add(12 * time.Hour)
	rules := routine.DefaultPainRules()

	fixClock(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ro := mustOpen(t, path, Options{ReadOnly: true})
	mustNil(t, ro.Check())
	read, err := ro.Home(rules, now)
	mustNil(t, err)
	mustNil(t, ro.Close())
	if fileSum(t, path) != before {
		t.Fatal("a read-only open of a version 5 file wrote to it")
	}

	rw := mustOpen(t, path, Options{})
	mustNil(t, rw.Check())
	// As of the 21st: the days from the 13th (a day's slack) to the
	// 20th, and the last day before them, the 12th.
	days := map[string]bool{}
	for id := range digestKeys(t, rw) {
		days[id[:idTimeLen]] = true
	}
	for _, d := range []int{12, 13, 14, 15, 16, 17, 18, 19, 20} {
		if !days[timeKey(time.Date(2025, 3, d, 9, 0, 0, 0, zoneEast))] {
			t.Errorf("no digest for the session of March %d", d)
		}
	}
	if len(days) != 10 { // and the check-in's, on the 20th too
		t.Errorf("%d digests after the migration, want 10", len(days))
	}
	with, without, reads, _ := homeHistories(t, rw, now)
	if !reflect.DeepEqual(with, read.History) || !reflect.DeepEqual(without, read.History) || reads.setKeys != 0 {
		t.Errorf("after the migration: history with digests %+v, without %+v, version 5 %+v; %d set keys read", with, without, read.History, reads.setKeys)
	}
	mustNil(t, rw.Close())
	if v, _ := rawSchema(t, path); v != strconv.Itoa(schemaVersion) {
		t.Errorf("schema %s after the migration", v)
	}
}

// On ten years of history, the home read reads the digests of the window
// and no set but those of sessions without one: today's.
func TestHomeReadsDigestsOnTenYears(t *testing.T) {
	s := newStore(t)
	last := time.Date(2026, 11, 22, 9, 0, 0, 0, zoneEast)
	fixClock(t, time.Date(2026, 11, 22, 10, 0, 0, 0, zoneEast))
	importDays(t, s, last, 3650) // as of the clock: today's session has none
	with, without, reads, plain := homeHistories(t, s, last.Add(time.Hour))
	if !reflect.DeepEqual(with, without) {
		t.Fatal("the histories differ")
	}
	// 8 days of the window and the one before, a session of 5 sets each.
	if reads.digests != 8 || reads.setKeys != 5 || plain.setKeys != 45 || plain.digests != 0 {
		t.Errorf("with digests %d digests and %d set keys read, without %d set keys; want 8 and 5, and 45", reads.digests, reads.setKeys, plain.setKeys)
	}
	// The day before the window is the day before its first: read in the
	// window's range scan, with no walk back to it.
	if reads.olderWalks != 0 {
		t.Errorf("%d walks back to the day before the window, want none", reads.olderWalks)
	}
	// The next day's check-in builds the 22nd's; the day's sessions have none.
	checkIn(t, s, last.AddDate(0, 0, 1))
	_, _, reads, _ = homeHistories(t, s, last.AddDate(0, 0, 1).Add(time.Hour))
	if reads.digests != 8 || reads.setKeys != 0 {
		t.Errorf("the day after: %d digests and %d set keys read, want 8 and 0", reads.digests, reads.setKeys)
	}
	if n := len(digestKeys(t, s)); n != 9 {
		t.Errorf("%d digests kept, want the window's 9: those that left it are deleted", n)
	}
	mustNil(t, s.Check())
}

// A write of a set drops its session's digest in the same transaction: a
// write that fails after it leaves both the set and the digest as they
// were.
func TestRecordSetDropsDigestInItsTransaction(t *testing.T) {
	s := newStore(t)
	monday := testSession(time.Date(2025, 3, 3, 9, 0, 0, 0, zoneEast), StatusCompleted)
	mustNil(t, s.PutSession(monday))
	mustNil(t, s.RecordSet(scoredSet(monday.ID, 0, "glide", 4)))
	checkIn(t, s, time.Date(2025, 3, 5, 9, 0, 0, 0, zoneEast))
	if !digestKeys(t, s)[monday.ID] {
		t.Fatal("the check-in built no digest for Monday")
	}
	injected := errors.New("injected")
	err := s.update("the set", func(tx *bolt.Tx) error {
		val := []byte(`{"session_id":"` + monday.ID + `","index":1,"exercise_id":"pull","pain":2}`)
		if err := putSets(tx, monday, []newSet{{key: setKey(monday.ID, 1), val: val}}); err != nil {
			return err
		}
		return injected
	})
	if !errors.Is(err, injected) {
		t.Fatalf("the write: %v", err)
	}
	sets, err := s.SetsOf(monday.ID)
	mustNil(t, err)
	if len(sets) != 1 || !digestKeys(t, s)[monday.ID] {
		t.Fatalf("after a failed write: %d sets, digest kept %t; want 1 and true", len(sets), digestKeys(t, s)[monday.ID])
	}
	mustNil(t, s.RecordSet(scoredSet(monday.ID, 1, "pull", 2)))
	if digestKeys(t, s)[monday.ID] {
		t.Fatal("a set recorded into Monday's session left its digest")
	}
	assertDigestsAgree(t, s, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC), "after the set")
	mustNil(t, s.Check())
}

// Sets of today's session leave the digests' bucket as it was, page for
// page: the Delete of a digest it does not have writes nothing.
func TestRecordingTodayLeavesDigestsAlone(t *testing.T) {
	s := newStore(t)
	last := time.Date(2026, 11, 22, 9, 0, 0, 0, zoneEast)
	var all []SessionHistory
	for age := 9; age >= 0; age-- { // six sessions of ten sets a day
		for n := 0; n < 6; n++ {
			sess := testSession(last.AddDate(0, 0, -age).Add(time.Duration(n)*time.Hour), StatusCompleted)
			h := SessionHistory{Session: sess}
			for i := 0; i < 10; i++ {
				h.Sets = append(h.Sets, scoredSet(sess.ID, i, "exercise-"+strconv.Itoa(i/2), (age+i)%6))
			}
			all = append(all, h)
		}
	}
	_, err := s.Import(all)
	mustNil(t, err)
	_, err = s.CheckIn(routine.DefaultPainRules(), routine.Routine{}, Session{StartedAt: last.AddDate(0, 0, 1), RoutineID: "r", Routine: "R", Baseline: 3})
	mustNil(t, err)
	root := func() (uint64, int) { return bucketRoot(t, s, bucketSetDigests) }
	before, n := root()
	if before == 0 || n < 40 {
		t.Fatalf("digests bucket: root %d, %d keys; want one of its own pages, and the window's digests", before, n)
	}
	today := testSession(last.AddDate(0, 0, 1).Add(time.Hour), StatusInProgress)
	mustNil(t, s.PutSession(today))
	for i, ex := range []string{"glide", "pull"} {
		mustNil(t, s.RecordSet(scoredSet(today.ID, i, ex, i)))
	}
	mustNil(t, s.RecordScore(Score{Sets: []SetRecord{scoredSet(today.ID, 2, "glide", 3)}}))
	if after, m := root(); after != before || m != n {
		t.Errorf("sets of today's session wrote to the digests: root %d -> %d, %d -> %d keys", before, after, n, m)
	}
	mustNil(t, s.Check())
}

// A digest that does not decode is not trusted (history reads the sets)
// and Check reports it; so it does one that does not match its sets and
// one of no session.
func TestCheckFindsDigestDamage(t *testing.T) {
	checkSays := map[string]string{
		"undecodable": "does not decode", "cut short": "does not decode", "a byte more": "does not decode",
		"another format": "does not decode", "stale": "does not match its sets", "no session": "names no stored session",
	}
	for name, damage := range map[string]func(b *bolt.Bucket, id []byte) error{
		"undecodable":    func(b *bolt.Bucket, id []byte) error { return b.Put(id, []byte{1}) },
		"cut short":      func(b *bolt.Bucket, id []byte) error { v := b.Get(id); return b.Put(id, v[:len(v)-1]) },
		"a byte more":    func(b *bolt.Bucket, id []byte) error { return b.Put(id, append(bytes.Clone(b.Get(id)), 0)) },
		"another format": func(b *bolt.Bucket, id []byte) error { v := bytes.Clone(b.Get(id)); v[0] = 2; return b.Put(id, v) },
		"stale": func(b *bolt.Bucket, id []byte) error {
			d, _ := appendDigestSet(nil, []byte("glide"), 9, false)
			return b.Put(id, append([]byte{digestFormat, 1}, d...))
		},
		"no session": func(b *bolt.Bucket, id []byte) error {
			return b.Put([]byte(NewSessionID(time.Date(2025, 3, 4, 12, 0, 0, 0, time.UTC))), b.Get(id))
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			sess := testSession(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast), StatusCompleted)
			mustNil(t, s.PutSession(sess))
			mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "glide", 4)))
			mustNil(t, s.RecordSet(scoredSet(sess.ID, 1, "pull", -1)))
			checkIn(t, s, time.Date(2025, 3, 6, 9, 0, 0, 0, zoneEast))
			mustNil(t, s.Check())
			mustNil(t, s.Close())
			db, err := bolt.Open(path, 0o600, nil)
			mustNil(t, err)
			mustNil(t, db.Update(func(tx *bolt.Tx) error { return damage(tx.Bucket(bucketSetDigests), []byte(sess.ID)) }))
			mustNil(t, db.Close())

			s = openTest(t, path, Options{ReadOnly: true})
			if err := s.Check(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "set digest") || !strings.Contains(err.Error(), checkSays[name]) {
				t.Errorf("Check: %v, want a damaged set digest: %q", err, checkSays[name])
			}
			if checkSays[name] == "does not decode" {
				with, without, reads, _ := homeHistories(t, s, time.Date(2025, 3, 6, 12, 0, 0, 0, zoneEast))
				if !reflect.DeepEqual(with, without) || reads.digests != 0 || reads.setKeys != 2 {
					t.Errorf("history over an undecodable digest: %+v, from the sets %+v (%+v read)", with, without, reads)
				}
			}
		})
	}
}

// decodeDigest reads what digestOf writes, and refuses every value cut
// short or grown by a byte.
func TestDigestRoundTrip(t *testing.T) {
	ids := &exerciseIDs{}
	var d []byte
	want := []routine.SetLog{{ExerciseID: "", Pain: 0}, {ExerciseID: "glide", Pain: 10}, {ExerciseID: "glide", Pain: -1, Skipped: true},
		{ExerciseID: strings.Repeat("x", 300), Pain: 5}, {ExerciseID: "a\u0007b", Pain: 3, Skipped: true}}
	for _, l := range want {
		var ok bool
		if d, ok = appendDigestSet(d, []byte(l.ExerciseID), l.Pain, l.Skipped); !ok {
			t.Fatalf("%+v does not fit", l)
		}
	}
	v := append([]byte{digestFormat, byte(len(want))}, d...)
	got, buf, ok := decodeDigest(v, ids, make([]routine.SetLog, 1))
	want[4].ExerciseID = "a\ufffdb" // cleaned, as setLogs cleans it
	if !ok || !reflect.DeepEqual(got, want) || len(buf) != 1+len(want) {
		t.Fatalf("decoded %+v (ok %t), want %+v", got, ok, want)
	}
	if got, _, ok := decodeDigest([]byte{digestFormat, 0}, ids, nil); !ok || got != nil {
		t.Errorf("no sets: %v, %t", got, ok)
	}
	for n := 0; n < len(v); n++ {
		if _, buf, ok := decodeDigest(v[:n], ids, nil); ok || len(buf) != 0 {
			t.Errorf("cut to %d bytes: decoded", n)
		}
	}
	if _, _, ok := decodeDigest(append(v, 0), ids, nil); ok {
		t.Error("a byte more: decoded")
	}
	for _, pain := range []int{-2, 11, 100} {
		if _, ok := appendDigestSet(nil, nil, pain, false); ok {
			t.Errorf("pain %d fits", pain)
		}
	}
}
