package store

import (
	"encoding/json"
	"testing"
	"time"

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
