package store

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
)

// sessionTotalsOf says what decodeSession says of the same bytes: stored
// sessions as written, and the same with bytes changed at random.
func TestSessionTotalsAgreeWithTheFullDecode(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	var values [][]byte
	for i := 0; i < 50; i++ {
		sess := testSession(time.Date(2025, 3, 1+i%28, i%24, 5, 0, 0, zoneEast), Status(1+i%4))
		sess.Baseline, sess.Short, sess.Note = i%12-1, i%2 == 0, "a note"
		if i%3 == 0 {
			sess.EndedAt = sess.StartedAt.Add(time.Hour)
		}
		v, err := json.Marshal(toSessionJSON(sess))
		mustNil(t, err)
		values = append(values, v)
	}
	values = append(values, []byte(`{"started_at":"2025-03-01T09:00:00+02:00","status":"completed"}`),
		[]byte(`{"Started_At":"2025-03-01T09:00:00+02:00","status":"completed","baseline_pain":3}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","status":"done"}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","baseline_pain":2.0,"status":"completed"}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","ended_at":"soon","status":"completed"}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","short":"yes","status":"completed"}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","status":"done","status":"completed"}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","status":"completed","note":"a \"quoted\" note"}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","status":null,"routine":null}`),
		[]byte(`{"started_at":"2025-03-01T09:00:00+02:00","status":"completed","routine":"caf\u00e9","dose_level":-2}`),
		[]byte("{\"started_at\":\"2025-03-01T09:00:00+02:00\",\"status\":\"completed\",\"note\":\"a\xffb\x1b[31m\"}"))
	check := func(v []byte) {
		t.Helper()
		got, gotErr := sessionTotalsOf(v)
		sess, err := decodeSession(v)
		// The quick decode gives what encoding/json gives, or its error.
		var j sessionJSON
		want, wantErr := Session{}, json.Unmarshal(v, &j)
		if wantErr == nil {
			want, wantErr = j.session()
			want = want.clean()
		}
		if (err == nil) != (wantErr == nil) || err == nil && !sameSession(sess, want) {
			t.Fatalf("%s: decodeSession gives %+v, %v; encoding/json %+v, %v", v, sess, err, want, wantErr)
		}
		if (gotErr == nil) != (err == nil) {
			t.Fatalf("%s: the scan says %v, the decode %v", v, gotErr, err)
		}
		if err == nil && (!got.StartedAt.Equal(sess.StartedAt) || dayOf(got.StartedAt) != dayOf(sess.StartedAt) ||
			got.Baseline != sess.Baseline || got.Status != sess.Status) {
			t.Fatalf("%s: the scan read %+v, the decode %+v", v, got, sess)
		}
	}
	for _, v := range values {
		check(v)
		eachMutation(rng, v, 200, check)
	}
}

// sameSession compares two sessions field by field, times by instant and
// offset.
func sameSession(a, b Session) bool {
	sameTime := func(x, y time.Time) bool {
		return x.Equal(y) && x.Format(time.RFC3339Nano) == y.Format(time.RFC3339Nano)
	}
	return sameTime(a.StartedAt, b.StartedAt) && sameTime(a.EndedAt, b.EndedAt) &&
		a.ID == b.ID && a.RoutineID == b.RoutineID && a.Routine == b.Routine && a.Baseline == b.Baseline &&
		a.DoseLevel == b.DoseLevel && a.Short == b.Short && a.Status == b.Status && a.Note == b.Note
}
