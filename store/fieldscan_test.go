package store

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// Records as this package writes them take the quick scan, not the
// encoding/json fallback (which gives the same fields, so the tests that
// compare the two cannot see a scan that always gives up).
func TestWrittenRecordsTakeTheQuickScan(t *testing.T) {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, zoneEast)
	sess := testSession(at, StatusCompleted)
	sess.EndedAt, sess.Note, sess.Short = at.Add(time.Hour), "stopped: pain", true
	set := SetRecord{SessionID: sess.ID, Index: 3, ExerciseID: "slr-glide", Exercise: "Straight-leg nerve glide",
		Side: routine.Left, SetNo: 1, RepsPlanned: 3, RepsDone: 3, Hold: 30 * time.Second, Pain: 4, DoseLevel: 1, At: at}
	dec := testDecision(sess.ID, 1)
	dec.Minutes, dec.HoldStepUp, dec.Sign, dec.Tier = 12, true, "Fever", "urgent"
	day := Day{Date: "2026-03-02", Sessions: 2, Sets: 28, Skipped: 1, BaselineSum: 5, Baselines: 2, MaxPain: 5, Completed: 2}
	marshal := func(v any) []byte {
		b, err := json.Marshal(v)
		mustNil(t, err)
		return b
	}
	var j sessionJSON
	var score setScoreJSON
	var dj decisionJSON
	var d Day
	var sd sessionDayJSON
	for name, ok := range map[string]bool{
		"session":        scanSession(marshal(toSessionJSON(sess)), &j, true),
		"session totals": scanSession(marshal(toSessionJSON(sess)), &j, false),
		"session day":    scanFields(marshal(toSessionJSON(sess)), sessionDayFields(&sd)),
		"set":            scanFields(marshal(toSetJSON(set)), setScoreFields(&score)),
		"decision":       scanDecision(marshal(toDecisionJSON(dec)), &dj),
		"day":            scanFields(marshal(day), dayFields(&d)),
	} {
		if !ok {
			t.Errorf("a %s as written went to encoding/json", name)
		}
	}
}

// setLogs, which reads sets by the quick scan with the exercise IDs
// shared, gives what the full decode gives: IDs with escapes, non-ASCII
// letters and repeats alike.
func TestSetLogsAgreeWithTheFullDecode(t *testing.T) {
	s := newStore(t)
	sess := testSession(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast), StatusCompleted)
	mustNil(t, s.PutSession(sess))
	for i, id := range []string{"pull", "pull", `quoted "id"`, "back\\slash", "pull", "wide ✓"} {
		r := scoredSet(sess.ID, i, id, i%4-1)
		mustNil(t, s.RecordSet(r))
	}
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		logs, _, err := s.setLogs(newPrefixReader(tx.Bucket(bucketSets)), sess.ID, &exerciseIDs{}, nil)
		mustNil(t, err)
		sets, err := s.setsOf(tx, sess.ID)
		mustNil(t, err)
		if len(logs) != len(sets) {
			t.Fatalf("%d logs of %d sets", len(logs), len(sets))
		}
		for i, r := range sets {
			if want := (routine.SetLog{ExerciseID: r.ExerciseID, Pain: r.Pain, Skipped: r.Skipped}); logs[i] != want {
				t.Errorf("set %d: got %+v, want %+v", i, logs[i], want)
			}
		}
		return nil
	}))
}

// eachMutation calls check with n copies of v, each with one byte changed
// at random to one that matters to JSON's syntax: what the quick scans
// must either read as encoding/json does or hand to it.
func eachMutation(rng *rand.Rand, v []byte, n int, check func([]byte)) {
	const junk = " {}[]:,\"\\0123456789-.etrufalsn"
	for i := 0; i < n; i++ {
		m := append([]byte(nil), v...)
		m[rng.IntN(len(m))] = junk[rng.IntN(len(junk))]
		check(m)
	}
}

// The profile, read at every start, takes the quick scan as written and
// reads as encoding/json reads it, whatever one byte of it becomes.
func TestProfileScanAgreesWithTheFullDecode(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	p := Profile{SurgeryDate: "2026-03-02", Region: "lumbar", ClearedPhase: 2,
		ClearedAt: time.Date(2026, 4, 1, 9, 30, 0, 0, zoneEast), Cues: "bell", Theme: "default",
		PatientName: "Ana Lí", PatientID: "MRN-1", PatientIDSystem: "urn:oid:1.2.3"}
	v, err := json.Marshal(toProfileJSON(p))
	mustNil(t, err)
	var quick profileJSON
	if !scanFields(v, profileFields(&quick)) {
		t.Fatalf("a profile as written went to encoding/json: %s", v)
	}
	check := func(v []byte) {
		t.Helper()
		got, err := decodeProfile(v)
		var j profileJSON
		want, wantErr := Profile{}, json.Unmarshal(v, &j)
		if wantErr == nil {
			want, wantErr = j.profile()
		}
		if (err == nil) != (wantErr == nil) || err == nil && !sameProfile(got, want) {
			t.Fatalf("%s: decodeProfile gives %+v, %v; encoding/json %+v, %v", v, got, err, want, wantErr)
		}
	}
	for _, v := range [][]byte{v, []byte(`{}`),
		[]byte(`{"surgery_date":"2026-01-05","prescription":"[routine]\nid = \"x\""}`),
		[]byte(`{"surgery_date":"2026-01-05","Region":"cervical","region":"lumbar"}`),
		[]byte(`{"cleared_phase":"2"}`), []byte(`{"setup_skipped":1}`)} {
		check(v)
		eachMutation(rng, v, 300, check)
	}
}

func sameProfile(a, b Profile) bool {
	ta, tb := a.ClearedAt, b.ClearedAt
	a.ClearedAt, b.ClearedAt = time.Time{}, time.Time{}
	return a == b && ta.Equal(tb) && ta.Format(time.RFC3339Nano) == tb.Format(time.RFC3339Nano)
}
