package store

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// FuzzImportJSON feeds arbitrary documents to ImportJSON on a store that
// already holds records. It must never panic; a rejected import leaves the
// store exactly as it was (its JSON export is byte-identical before and
// after); an accepted one leaves a file that checks sound, holds no text
// a terminal would obey, and importing it again adds nothing and changes
// nothing.
//
//	go test ./store -run '^$' -fuzz '^FuzzImportJSON$' -fuzztime 10s
func FuzzImportJSON(f *testing.F) {
	dir := f.TempDir()
	n := 0
	// fresh opens a new store holding the base records. A store is reused
	// from input to input while imports are rejected (they change nothing,
	// which is the point), and replaced after one is accepted.
	fresh := func(t testing.TB) *Store {
		n++
		s, err := Open(filepath.Join(dir, strconv.Itoa(n)+".db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		fillForFuzz(t, s)
		return s
	}
	st := fresh(f)
	f.Cleanup(func() { _ = st.Close() })
	export := func(t testing.TB, s *Store) []byte {
		var buf bytes.Buffer
		if err := s.ExportJSON(&buf); err != nil {
			t.Fatalf("export: %v", err)
		}
		return buf.Bytes()
	}

	// Seeds: the store's own export (all known), one of other records,
	// and small documents near the edges of validity.
	base := export(f, st)
	f.Add(base)
	other := fresh(f)
	at := time.Date(2026, 1, 2, 7, 0, 0, 0, zoneEast)
	extra := Session{ID: NewSessionID(at), StartedAt: at, RoutineID: "phase2", Routine: "P2", Baseline: 4, Status: StatusStopped, Note: "stopped"}
	if err := other.PutSession(extra); err != nil {
		f.Fatal(err)
	}
	if err := other.RecordSet(SetRecord{SessionID: extra.ID, Index: 0, ExerciseID: "walk", Exercise: "Walk", Pain: -1, Skipped: true, At: at}); err != nil {
		f.Fatal(err)
	}
	f.Add(export(f, other))
	_ = other.Close()
	f.Add(bytes.Replace(base, []byte(`"pain": 3`), []byte(`"pain": 11`), 1))
	f.Add(bytes.Replace(base, []byte(`"side": "left"`), []byte(`"side": "up"`), 1))
	f.Add(bytes.Replace(base, []byte(`"version": 1`), []byte(`"version": 2`), 1))
	f.Add([]byte(`{"format":"spinecoach-export","version":1,"sessions":[]}`))
	// One session twice, the second time in another offset that puts it on
	// another day, with a set: the set counts on the kept session's day.
	f.Add([]byte(`{"format":"spinecoach-export","version":1,"sessions":[` +
		`{"id":"182989085ee1b000-0a1b2c3d","started_at":"2025-03-04T09:30:00+02:00","status":"completed","baseline_pain":2,"sets":[]},` +
		`{"id":"182989085ee1b000-0a1b2c3d","started_at":"2025-03-03T21:30:00-10:00","status":"in_progress","baseline_pain":2,` +
		`"sets":[{"index":0,"pain":4,"side":"left"}],"events":[{"seq":0,"rule":"amber","reason":"r","side":""}]}]}`))
	f.Add([]byte(`{"format":"spinecoach-export","version":1,"sessions":[{"id":"0000000000000001-00000000","started_at":"1970-01-01T00:00:00.000000001Z","status":"completed","baseline_pain":-1,"sets":[{"index":0,"pain":0}]}]}`))
	f.Add([]byte(`{"format":"spinecoach-export","version":1,"sessions":[{"id":"x"}]}`))
	f.Add([]byte(`{"format":"spinecoach-export","version":1,"surprise":true}`))
	// Weekly reviews (issue 23): one answered with an activity, one skipped.
	f.Add([]byte(`{"format":"spinecoach-export","version":1,"sessions":[],"reviews":[` +
		`{"id":"182989085ee1b000-0a1b2c3d","at":"2025-03-04T09:30:00+02:00","back_pain":6,"limb_pain":7,"limb":"leg","activities":[{"id":"a1","name":"socks","score":3}]},` +
		`{"id":"182a0a5ce35e6000-deadbeef","at":"2025-03-05T18:00:00-05:00","skipped":true,"back_pain":0,"limb_pain":0,"activities":[]}]}`))
	f.Add([]byte(`{"format":"other","version":1}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(``))
	// The checks of issue 13: control characters in text, a number too
	// large for a Duration, a session given twice with other contents,
	// two exports joined, keys in another order.
	f.Add(bytes.Replace(base, []byte(`"routine": "P1"`), []byte(`"routine": "P1\u001b]52;c;aGk=\u0007"`), 1))
	f.Add(bytes.Replace(base, []byte(`"exercise": "Glide"`), []byte(`"exercise": "Glide\u009b2J"`), 1))
	f.Add(holdRe.ReplaceAll(base, []byte(`"hold_s": 1e300`)))
	f.Add(append(append([]byte{}, base...), base...))
	f.Add([]byte(`{"format":"spinecoach-export","version":1,"sessions":[` +
		`{"id":"182989085ee1b000-0a1b2c3d","started_at":"2025-03-04T09:30:00+02:00","status":"completed","baseline_pain":2,"sets":[{"index":0,"pain":4,"side":"left"}]},` +
		`{"id":"182989085ee1b000-0a1b2c3d","started_at":"2025-03-04T09:30:00+02:00","status":"completed","baseline_pain":2,"sets":[{"index":0,"pain":5,"side":"left"}]}]}`))
	f.Add([]byte(`{"sessions":[],"version":1,"format":"spinecoach-export"}`))

	f.Fuzz(func(t *testing.T, doc []byte) {
		before := export(t, st)
		res, err := st.ImportJSON(bytes.NewReader(doc))
		after := export(t, st)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("a rejection with no words")
			}
			if !bytes.Equal(before, after) {
				t.Fatalf("a rejected import (%v) changed the store:\nbefore %s\nafter  %s", err, before, after)
			}
			return
		}
		// Accepted: sound, clean, and idempotent.
		if err := st.Check(); err != nil {
			t.Fatalf("after an accepted import (%+v): %v", res, err)
		}
		if i := bytes.IndexAny(after, "\x1b\x07\x7f"); i >= 0 || controlEscape.Match(after) {
			t.Fatalf("an accepted import holds a control character:\n%s", after)
		}
		again, err := st.ImportJSON(bytes.NewReader(doc))
		if err != nil {
			t.Fatalf("the same document, imported again, is refused: %v", err)
		}
		if again.Sessions+again.Sets+again.Decisions != 0 {
			t.Fatalf("importing the same document again added records: %+v", again)
		}
		if twice := export(t, st); !bytes.Equal(twice, after) {
			t.Fatalf("importing the same document again changed the store")
		}
		_ = st.Close()
		st = fresh(t)
	})
}

// controlEscape is a JSON escape of a control character (C0, DEL, C1).
var controlEscape = regexp.MustCompile(`\\u00([01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])`)

// fillForFuzz gives a store the records the import fuzzing starts from: a
// completed session with sets and a decision, and an open one.
func fillForFuzz(t testing.TB, s *Store) {
	t.Helper()
	at := time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast)
	done := Session{ID: NewSessionID(at), StartedAt: at, EndedAt: at.Add(20 * time.Minute), RoutineID: "phase1",
		Routine: "P1", Baseline: 2, Status: StatusCompleted}
	open := Session{ID: NewSessionID(at.Add(26 * time.Hour)), StartedAt: at.Add(26 * time.Hour), RoutineID: "phase1",
		Routine: "P1", Baseline: 3, Status: StatusInProgress}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.PutSession(done))
	must(s.PutSession(open))
	for i, side := range []routine.Side{routine.Left, routine.Right} {
		must(s.RecordSet(SetRecord{SessionID: done.ID, Index: i, ExerciseID: "glide", Exercise: "Glide", Side: side,
			SetNo: i + 1, RepsPlanned: 3, RepsDone: 3, Hold: 30 * time.Second, Pain: 3 - i, At: at.Add(time.Minute)}))
	}
	must(s.RecordSet(SetRecord{SessionID: open.ID, Index: 0, ExerciseID: "walk", Exercise: "Walk",
		SetNo: 1, Hold: 5 * time.Minute, Pain: 1, At: open.StartedAt.Add(6 * time.Minute)}))
	must(s.RecordDecision(Decision{SessionID: done.ID, Seq: 0, At: at.Add(2 * time.Minute), Rule: "amber",
		ExerciseID: "glide", Exercise: "Glide", Side: routine.Left, LevelBefore: 0, LevelAfter: 1, Reason: "Pain rose by 2."}))
}
