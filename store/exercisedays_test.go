package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// tallyOf counts set scores by exercise, name, check-in and pain: what a
// table built from them can tell.
func tallyOf(ss []routine.SetScore) map[string]int {
	out := map[string]int{}
	for _, s := range ss {
		out[fmt.Sprintf("%s/%s/%d>%d", s.ExerciseID, s.Exercise, s.Baseline, s.Pain)] += max(s.Count, 1)
	}
	return out
}

// aggregateScores reads the exercise aggregates of from..to.
func aggregateScores(t *testing.T, s *Store, from, to string) []routine.SetScore {
	t.Helper()
	var out []routine.SetScore
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.exerciseScores(tx, from, to)
		return err
	}))
	return out
}

// assertAggregatesAgree compares, over windows of several lengths ending
// on every day of March 2025 (one day long: each day on its own), the
// exercise aggregates with the sets they sum up, and the trends' table
// built from each.
func assertAggregatesAgree(t *testing.T, s *Store, context string) {
	t.Helper()
	rules := routine.DefaultPainRules()
	for end := 1; end <= 31; end++ {
		to := fmt.Sprintf("2025-03-%02d", end)
		for _, days := range []int{1, 7, 30} {
			from := routine.WindowStart(time.Date(2025, 3, end, 12, 0, 0, 0, time.UTC), days)
			raw, err := s.SetScoresBetween(from, to)
			mustNil(t, err)
			agg := aggregateScores(t, s, from, to)
			if got, want := tallyOf(agg), tallyOf(raw); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: %s..%s: aggregates %v, sets %v", context, from, to, got, want)
			}
			if got, want := routine.ExerciseStats(rules, agg), routine.ExerciseStats(rules, raw); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: %s..%s: table from aggregates %+v, set by set %+v", context, from, to, got, want)
			}
		}
	}
	mustNil(t, s.Check())
}

// The per-exercise aggregates say what the sets say, whatever the writes:
// sets scored, skipped and scored again on a resume, sessions re-put in
// another time zone (which can move them to another local day), an import
// that adds sets to known sessions.
func TestExerciseAggregatesAgreeWithSets(t *testing.T) {
	exercises := []string{"glide", "pull", "bridge", ""} // "" is a valid ID
	zones := []*time.Location{zoneEast, zoneWest, time.UTC, time.FixedZone("", 13*3600)}
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			s := newStore(t)
			var sessions []Session
			for i := 0; i < 40; i++ {
				start := time.Date(2025, 3, 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), 0, 0, zones[rng.IntN(len(zones))])
				sess := testSession(start, StatusInProgress)
				sess.Baseline = rng.IntN(7) - 1
				mustNil(t, s.PutSession(sess))
				for n := 0; n < 1+rng.IntN(6); n++ {
					ex := exercises[rng.IntN(len(exercises))]
					mustNil(t, s.RecordSet(scoredSet(sess.ID, n, ex, rng.IntN(12)-1)))
				}
				sessions = append(sessions, sess)
			}
			assertAggregatesAgree(t, s, "after the sessions")

			var before bytes.Buffer
			mustNil(t, s.ExportJSON(&before))
			for _, sess := range sessions {
				switch rng.IntN(3) {
				case 0: // a resume scores set 0 again, differently, and adds one
					mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, exercises[rng.IntN(len(exercises))], rng.IntN(11))))
					mustNil(t, s.RecordSet(scoredSet(sess.ID, 9, "pull", rng.IntN(11))))
				case 1: // the same instant in another zone: maybe another day
					sess.StartedAt = sess.StartedAt.In(zones[rng.IntN(len(zones))])
					sess.Status = StatusCompleted
					mustNil(t, s.PutSession(sess))
				}
			}
			assertAggregatesAgree(t, s, "after resumes and moves")

			var after bytes.Buffer
			mustNil(t, s.ExportJSON(&after))
			for _, doc := range [][]byte{before.Bytes(), after.Bytes()} {
				fresh := newStore(t)
				_, err := fresh.ImportJSON(bytes.NewReader(doc))
				mustNil(t, err)
				assertAggregatesAgree(t, fresh, "after an import")
			}
			// The older export, then the newer over it: sets added to
			// sessions already there (records already there are kept).
			grown := newStore(t)
			for _, doc := range [][]byte{before.Bytes(), after.Bytes()} {
				_, err := grown.ImportJSON(bytes.NewReader(doc))
				mustNil(t, err)
			}
			assertAggregatesAgree(t, grown, "after two imports")
		})
	}
}

// Each value decodes to what was encoded, and re-encodes to its bytes.
func TestExerciseDayRoundTrip(t *testing.T) {
	for _, e := range []exerciseDay{
		{ExerciseID: "glide", Name: "Straight-leg nerve glide", Scores: []score{{-1, 0, 1}, {-1, 10, 3}, {0, 4, 300}, {10, 10, maxSetsPerDay}}},
		{ExerciseID: "", Name: "", Scores: []score{{2, 2, 1}}},
		{ExerciseID: "a/b", Name: "Ünïcode nåme", Scores: []score{{5, 1, 2}}},
	} {
		v := encodeExerciseDay(e)
		key := exerciseDayKey("2025-03-04", e.ExerciseID)
		got, err := decodeExerciseDay(key, v)
		mustNil(t, err)
		if !reflect.DeepEqual(got, e) {
			t.Errorf("decoded %+v, want %+v", got, e)
		}
		if !bytes.Equal(encodeExerciseDay(got), v) {
			t.Errorf("%+v re-encodes to other bytes", got)
		}
	}
}

// A damaged value is refused, never read as some other count.
func TestExerciseDayDecodeRefusesDamage(t *testing.T) {
	good := encodeExerciseDay(exerciseDay{ExerciseID: "glide", Name: "Glide", Scores: []score{{1, 2, 3}, {1, 4, 1}}})
	key := exerciseDayKey("2025-03-04", "glide")
	with := func(edit func(v []byte) []byte) []byte { return edit(slices.Clone(good)) }
	nameEnd := 2 + len("Glide")
	for name, tc := range map[string]struct{ key, v []byte }{
		"empty":                 {key, nil},
		"unknown format":        {key, with(func(v []byte) []byte { v[0] = 9; return v })},
		"name longer than all":  {key, with(func(v []byte) []byte { v[1] = 200; return v })},
		"name not UTF-8":        {key, with(func(v []byte) []byte { v[2] = 0xff; return v })},
		"no scores":             {key, good[:nameEnd]},
		"a score cut short":     {key, good[:len(good)-1]},
		"check-in out of range": {key, with(func(v []byte) []byte { v[nameEnd] = 12; return v })},
		"pain out of range":     {key, with(func(v []byte) []byte { v[nameEnd+1] = 11; return v })},
		"a zero count":          {key, with(func(v []byte) []byte { v[nameEnd+2] = 0; return v })},
		"pairs out of order":    {key, with(func(v []byte) []byte { v[nameEnd+1] = 9; return v })},
		"a pair twice":          {key, with(func(v []byte) []byte { v[nameEnd+4] = 2; return v })},
		"bytes left over":       {key, append(slices.Clone(good), 3)},
		"key without exercise":  {[]byte("2025-03-04"), good},
		"key without a day":     {[]byte("March/glide"), good},
	} {
		if e, err := decodeExerciseDay(tc.key, tc.v); !errors.Is(err, errExerciseDay) {
			t.Errorf("%s: decoded %+v, %v; want errExerciseDay", name, e, err)
		}
	}
}

// A stale or damaged exercise aggregate is reported by Check, and a
// trends window over a damaged one says the file is damaged.
func TestCheckFindsExerciseAggregateDamage(t *testing.T) {
	for name, damage := range map[string]func(b *bolt.Bucket) error{
		"stale": func(b *bolt.Bucket) error {
			return b.Put(exerciseDayKey("2025-03-04", "glide"),
				encodeExerciseDay(exerciseDay{ExerciseID: "glide", Name: "The glide", Scores: []score{{3, 4, 2}}}))
		},
		"undecodable": func(b *bolt.Bucket) error { return b.Put(exerciseDayKey("2025-03-04", "glide"), []byte{1, 0}) },
		"missing":     func(b *bolt.Bucket) error { return b.Delete(exerciseDayKey("2025-03-04", "glide")) },
		// A damaged key: the day part is no date. Check reports it as
		// damage, rather than failing as if it had been asked for a bad day.
		"under no date": func(b *bolt.Bucket) error {
			return b.Put([]byte("2025-13-45/glide"), encodeExerciseDay(exerciseDay{ExerciseID: "glide", Scores: []score{{1, 1, 1}}}))
		},
		"no sets": func(b *bolt.Bucket) error {
			return b.Put(exerciseDayKey("2025-03-06", "pull"), encodeExerciseDay(exerciseDay{ExerciseID: "pull", Scores: []score{{1, 1, 1}}}))
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			sess := testSession(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast), StatusCompleted)
			mustNil(t, s.PutSession(sess))
			mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "glide", 4)))
			mustNil(t, s.Check())
			mustNil(t, s.Close())
			db, err := bolt.Open(path, 0o600, nil)
			mustNil(t, err)
			mustNil(t, db.Update(func(tx *bolt.Tx) error { return damage(tx.Bucket(bucketExerciseDays)) }))
			mustNil(t, db.Close())

			s = openTest(t, path, Options{ReadOnly: true})
			if err := s.Check(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "exercise") {
				t.Errorf("Check: %v, want a damaged exercise aggregate", err)
			}
			// The window ends on Wednesday the 5th: the 4th is read day by
			// day, not in a week's aggregate.
			_, err = s.TrendInput(time.Date(2025, 3, 5, 9, 0, 0, 0, zoneEast), 30)
			if name == "undecodable" && !errors.Is(err, ErrCorrupt) {
				t.Errorf("trends over an undecodable aggregate: %v, want ErrCorrupt", err)
			}
		})
	}
}

// FuzzExerciseDay: any bytes either are refused or decode to a value that
// encodes back to exactly those bytes (one encoding per value, so a
// damaged byte can never pass for another count).
func FuzzExerciseDay(f *testing.F) {
	f.Add(encodeExerciseDay(exerciseDay{ExerciseID: "glide", Name: "Glide", Scores: []score{{-1, 0, 1}, {3, 7, 200}}}))
	f.Add([]byte{1, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, v []byte) {
		key := exerciseDayKey("2025-03-04", "glide")
		e, err := decodeExerciseDay(key, v)
		if err != nil {
			return
		}
		if got := encodeExerciseDay(e); !bytes.Equal(got, v) {
			t.Fatalf("%x decodes to %+v, which encodes to %x", v, e, got)
		}
	})
}

// An exercise ID is part of its aggregate's key, and bbolt refuses a key
// over 32 KiB: a set whose ID cannot make a key is refused as invalid
// input before anything is written, by RecordSet and by Import alike,
// rather than failing the write transaction with bbolt's error.
func TestExerciseIDTooLongForAKeyIsInvalid(t *testing.T) {
	s := newStore(t)
	sess := testSession(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast), StatusCompleted)
	mustNil(t, s.PutSession(sess))
	long := scoredSet(sess.ID, 0, strings.Repeat("x", bolt.MaxKeySize), 4)
	if err := s.RecordSet(long); !errors.Is(err, ErrInvalid) {
		t.Errorf("RecordSet with a %d-byte exercise ID: %v, want ErrInvalid", len(long.ExerciseID), err)
	}
	other := testSession(time.Date(2025, 3, 5, 9, 0, 0, 0, zoneEast), StatusCompleted)
	long.SessionID = other.ID
	if _, err := s.Import([]SessionHistory{{Session: other, Sets: []SetRecord{long}}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Import with a %d-byte exercise ID: %v, want ErrInvalid", len(long.ExerciseID), err)
	}
	if _, err := s.Session(other.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the refused import wrote its session: %v", err)
	}
	// The longest ID a key can hold is recorded, and reads back.
	longest := scoredSet(sess.ID, 1, strings.Repeat("y", maxExerciseIDLen), 5)
	longest.Exercise = "The longest" // a name has a limit of its own (text.go)
	mustNil(t, s.RecordSet(longest))
	agg := aggregateScores(t, s, "2025-03-04", "2025-03-04")
	if len(agg) != 1 || agg[0].ExerciseID != longest.ExerciseID {
		t.Errorf("the longest ID reads back as %d aggregates", len(agg))
	}
	mustNil(t, s.Check())
}

// The trends' one-loop read of an aggregate (windowSum.addScores)
// accepts exactly what eachScore accepts, with the same error, and counts
// the same scores, whatever bytes of a day's or a week's aggregate are
// changed: random values with one to three bytes set to random ones,
// counts of one byte and of several.
func TestAddScoresAgreesWithEachScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(80, 3))
	key := exerciseDayKey("2025-03-03", "glide")
	for i := 0; i < 20000; i++ {
		e := exerciseDay{ExerciseID: "glide", Name: []string{"", "Glide", "Ünï"}[rng.IntN(3)]}
		for b := -1; b <= 10; b++ {
			for p := 0; p <= 10; p++ {
				if rng.IntN(20) == 0 {
					e.Scores = append(e.Scores, score{b, p, 1 + rng.IntN([]int{3, 127, 300, 70000}[rng.IntN(4)])})
				}
			}
		}
		v := encodeExerciseDay(e)
		for n := rng.IntN(4); n > 0 && len(v) > 0; n-- {
			v[rng.IntN(len(v))] = byte(rng.IntN(256))
		}
		maxCount := uint64([]int{maxSetsPerDay, maxSetsPerWeek, 200, 50}[rng.IntN(4)])
		want := newWindowSum()
		want.cur = &exerciseSum{}
		wantErr := eachScore(key, v, maxCount, func(_, name []byte, s score) {
			if want.cur.name == "" && len(name) > 0 {
				want.cur.name = safetext.Line(string(name)) // as the trends show it
			}
			want.cur.pairs[s.Baseline+1][s.Pain].n += s.N
		})
		got := newWindowSum()
		got.cur = &exerciseSum{}
		gotErr := got.addScores(key, v, maxCount)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%x: addScores %v, eachScore %v", v, gotErr, wantErr)
		}
		if wantErr != nil {
			continue
		}
		for b := range got.cur.pairs {
			for p := range got.cur.pairs[b] {
				if got.cur.pairs[b][p].n != want.cur.pairs[b][p].n {
					t.Fatalf("%x: (%d, %d) counted %d, eachScore %d", v, b-1, p, got.cur.pairs[b][p].n, want.cur.pairs[b][p].n)
				}
			}
		}
		if got.cur.name != want.cur.name {
			t.Fatalf("%x: name %q, eachScore %q", v, got.cur.name, want.cur.name)
		}
	}
}
