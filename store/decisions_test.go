package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

func testDecision(sessionID string, seq int) Decision {
	return Decision{
		SessionID: sessionID, Seq: seq, At: time.Date(2025, 3, 4, 9, 40, 0, 0, zoneEast),
		Rule: routine.RuleAmber, ExerciseID: "ankle-pumps", Exercise: "Ankle pumps", Side: routine.Left,
		LevelBefore: 0, LevelAfter: 1,
		Reason: "Ankle pumps, left side: pain went from 3 to 5, so the dose for the rest of today is 9 x 4 s.",
	}
}

func assertDecision(t *testing.T, got, want Decision) {
	t.Helper()
	_, gotOff := got.At.Zone()
	_, wantOff := want.At.Zone()
	if !got.At.Equal(want.At) || gotOff != wantOff {
		t.Errorf("At: got %v, want %v (offset kept)", got.At, want.At)
	}
	got.At, want.At = time.Time{}, time.Time{}
	if got != want {
		t.Errorf("decision:\n got %+v\nwant %+v", got, want)
	}
}

// keys names decisions as session/seq, for comparing lists.
func keys(ds []Decision) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s/%d", d.SessionID, d.Seq))
	}
	return out
}

func TestRecordDecisionOverwriteAndOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	s := mustOpen(t, path, Options{})
	a := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusInProgress)
	b := testSession(a.StartedAt.Add(time.Nanosecond), StatusInProgress)
	mustNil(t, s.PutSession(a))
	mustNil(t, s.PutSession(b))
	// b's decisions sit right after a's in the bucket: a prefix scan of a
	// must stop at a's last one.
	for _, seq := range []int{0, 1, 2} {
		mustNil(t, s.RecordDecision(testDecision(b.ID, seq)))
	}

	red := testDecision(a.ID, 1)
	red.Rule, red.Side, red.LevelBefore, red.LevelAfter = routine.RuleRed, routine.Right, 1, 2
	red.At = time.Date(2025, 3, 4, 2, 45, 0, 0, zoneWest)
	red.Reason = "Ankle pumps, right side: pain went from 3 to 6, so stop this exercise for today and do the rest of the session one step lighter."
	stop := Decision{SessionID: a.ID, Seq: 2, At: time.Date(2025, 3, 4, 9, 50, 0, 0, zoneEast),
		Rule: routine.RuleStopTwoReds, Exercise: "", LevelBefore: 2, LevelAfter: 3,
		Reason: "Bridge: pain went from 3 to 6, the second time today it has gone this high, so end the session now and rest."}
	morning := Decision{SessionID: a.ID, Seq: 0, At: a.StartedAt, Rule: routine.RuleNextMorning,
		LevelBefore: 0, LevelAfter: 1, Reason: "Pain is 5/10 this morning, up from 3 yesterday: today starts one step lighter."}
	morningAgain := morning
	morningAgain.Rule, morningAgain.LevelAfter = routine.RuleWeekHold, 0
	morningAgain.Reason = "Pain before sessions averaged 4.0 over the last 7 days, up from 3.0 the 7 days before: no step up this week."
	// Seqs above 255 check the big-endian key really sorts numerically.
	far := testDecision(a.ID, 300)
	mid := testDecision(a.ID, 256)

	steps := []struct {
		name   string
		record Decision
		want   []Decision
	}{
		{"second decision first", red, []Decision{red}},
		{"a high seq", far, []Decision{red, far}},
		{"a stop", stop, []Decision{red, stop, far}},
		{"the start-of-day decision", morning, []Decision{morning, red, stop, far}},
		{"seq 256 between", mid, []Decision{morning, red, stop, mid, far}},
		{"seq 0 again overwrites", morningAgain, []Decision{morningAgain, red, stop, mid, far}},
	}
	for _, st := range steps {
		mustNil(t, s.RecordDecision(st.record))
		got, err := s.DecisionsOf(a.ID)
		mustNil(t, err)
		if fmt.Sprint(keys(got)) != fmt.Sprint(keys(st.want)) {
			t.Fatalf("%s: got %v, want %v", st.name, keys(got), keys(st.want))
		}
		for i := range got {
			assertDecision(t, got[i], st.want[i])
		}
	}
	mustNil(t, s.Check())

	if _, err := s.DecisionsOf("nonsense"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DecisionsOf(nonsense): %v", err)
	}
	if ds, err := s.DecisionsOf(NewSessionID(time.Now())); err != nil || len(ds) != 0 {
		t.Errorf("DecisionsOf(unknown) = %v, %v", ds, err)
	}

	// Durable: the same list after a reopen, read-only too.
	mustNil(t, s.Close())
	for _, ro := range []bool{false, true} {
		s := openTest(t, path, Options{ReadOnly: ro})
		got, err := s.DecisionsOf(a.ID)
		mustNil(t, err)
		want := steps[len(steps)-1].want
		if len(got) != len(want) {
			t.Fatalf("ro=%t: %d decisions, want %d", ro, len(got), len(want))
		}
		for i := range got {
			assertDecision(t, got[i], want[i])
		}
		mustNil(t, s.Close())
	}
}

// The warning-signs screen stops a session before it starts: a stopped
// session with a note, and one session-level decision, no new record type.
func TestWarningSignStop(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 3, 4, 8, 0, 0, 0, zoneWest)
	sess := testSession(start, StatusStopped)
	sess.EndedAt, sess.Note = start.Add(time.Minute), "warning sign: new numbness in the legs"
	mustNil(t, s.PutSession(sess))
	d := Decision{SessionID: sess.ID, At: start.Add(time.Minute), Rule: "warning-sign",
		Reason: "You reported new numbness in your legs: do not exercise today and call your care team."}
	mustNil(t, s.RecordDecision(d))
	got, err := s.DecisionsBetween(start.Add(-time.Hour), start.Add(time.Hour))
	mustNil(t, err)
	if len(got) != 1 {
		t.Fatalf("%d decisions", len(got))
	}
	assertDecision(t, got[0], d)
	mustNil(t, s.Check())
}

func TestRecordDecisionValidates(t *testing.T) {
	s := newStore(t)
	sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusInProgress)
	mustNil(t, s.PutSession(sess))
	tests := []struct {
		name     string
		change   func(*Decision)
		notFound bool
	}{
		{"negative seq", func(d *Decision) { d.Seq = -1 }, false},
		{"level before -1", func(d *Decision) { d.LevelBefore = -1 }, false},
		{"level before 4", func(d *Decision) { d.LevelBefore = routine.MaxLevel + 1 }, false},
		{"level after -1", func(d *Decision) { d.LevelAfter = -1 }, false},
		{"level after 4", func(d *Decision) { d.LevelAfter = routine.MaxLevel + 1 }, false},
		{"no rule", func(d *Decision) { d.Rule = "" }, false},
		{"blank rule", func(d *Decision) { d.Rule = " \t" }, false},
		{"no reason", func(d *Decision) { d.Reason = "" }, false},
		{"blank reason", func(d *Decision) { d.Reason = "\n" }, false},
		{"unknown side", func(d *Decision) { d.Side = 7 }, false},
		{"malformed session id", func(d *Decision) { d.SessionID = "x" }, false},
		{"unknown session", func(d *Decision) { d.SessionID = NewSessionID(time.Now()) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := testDecision(sess.ID, 0)
			tt.change(&d)
			err := s.RecordDecision(d)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if tt.notFound != errors.Is(err, ErrNotFound) {
				t.Errorf("errors.Is(err, ErrNotFound) = %t: %v", !tt.notFound, err)
			}
			if !strings.Contains(err.Error(), "decision") {
				t.Errorf("message %q does not name the record", err)
			}
		})
	}
	ds, err := s.DecisionsOf(sess.ID)
	mustNil(t, err)
	if len(ds) != 0 {
		t.Fatalf("invalid decisions were written: %+v", ds)
	}
	// The limits themselves are fine.
	for i, change := range []func(*Decision){
		func(d *Decision) { d.LevelBefore, d.LevelAfter = 0, 0 },
		func(d *Decision) { d.LevelBefore, d.LevelAfter = routine.MaxLevel, routine.MaxLevel },
		func(d *Decision) { d.Side, d.ExerciseID, d.Exercise = routine.NoSide, "", "" },
	} {
		d := testDecision(sess.ID, i)
		change(&d)
		if err := s.RecordDecision(d); err != nil {
			t.Errorf("decision %d: %v", i, err)
		}
	}
	mustNil(t, s.Check())
}

func TestDecisionsBetweenDayBoundaries(t *testing.T) {
	s := newStore(t)
	lastNano := testSession(time.Date(2025, 3, 4, 23, 59, 59, 999999999, zoneEast), StatusStopped)
	midnight := testSession(time.Date(2025, 3, 5, 0, 0, 0, 0, zoneEast), StatusCompleted)
	// 22:30 at -05:00 is already the next day in UTC; it is still the 5th locally.
	lateWest := testSession(time.Date(2025, 3, 5, 22, 30, 0, 0, zoneWest), StatusStopped)
	earlier := testSession(time.Date(2025, 3, 1, 8, 0, 0, 0, zoneEast), StatusCompleted)
	quiet := testSession(time.Date(2025, 3, 4, 12, 0, 0, 0, zoneEast), StatusCompleted) // no decisions
	for _, sess := range []Session{midnight, lateWest, lastNano, earlier, quiet} {
		mustNil(t, s.PutSession(sess))
	}
	// A decision belongs to its session's day even when made after midnight.
	afterMidnight := testDecision(lastNano.ID, 0)
	afterMidnight.At = time.Date(2025, 3, 5, 0, 10, 0, 0, zoneEast)
	var (
		dLast    = []Decision{afterMidnight, testDecision(lastNano.ID, 1)}
		dMid     = []Decision{testDecision(midnight.ID, 0)}
		dWest    = []Decision{testDecision(lateWest.ID, 0), testDecision(lateWest.ID, 1)}
		dEarlier = []Decision{testDecision(earlier.ID, 0)}
	)
	for _, ds := range [][]Decision{dWest, dMid, dEarlier, dLast} {
		for i := len(ds) - 1; i >= 0; i-- { // insertion order must not matter
			mustNil(t, s.RecordDecision(ds[i]))
		}
	}
	day := func(y int, m time.Month, d int, loc *time.Location) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	cat := func(lists ...[]Decision) []Decision {
		var out []Decision
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     []Decision
	}{
		{"the 4th", day(2025, 3, 4, zoneEast), day(2025, 3, 5, zoneEast), dLast},
		{"the 5th", day(2025, 3, 5, zoneEast), day(2025, 3, 6, zoneEast), dMid},
		{"the 4th in the west", day(2025, 3, 4, zoneWest), day(2025, 3, 5, zoneWest), cat(dLast, dMid)},
		{"the 5th in the west", day(2025, 3, 5, zoneWest), day(2025, 3, 6, zoneWest), dWest},
		{"to is exclusive", day(2025, 3, 4, zoneEast), midnight.StartedAt, dLast},
		{"from is inclusive", midnight.StartedAt, midnight.StartedAt.Add(time.Nanosecond), dMid},
		{"last nanosecond included", lastNano.StartedAt, lastNano.StartedAt.Add(time.Nanosecond), dLast},
		{"all", day(2025, 1, 1, time.UTC), day(2026, 1, 1, time.UTC), cat(dEarlier, dLast, dMid, dWest)},
		{"none before", day(2024, 1, 1, time.UTC), day(2025, 1, 1, time.UTC), nil},
		{"a session without decisions", quiet.StartedAt, quiet.StartedAt.Add(time.Hour), nil},
		{"empty range", midnight.StartedAt, midnight.StartedAt, nil},
		{"reversed range", day(2026, 1, 1, time.UTC), day(2025, 1, 1, time.UTC), nil},
		{"from before 1970", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), day(2025, 3, 2, time.UTC), dEarlier},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.DecisionsBetween(tt.from, tt.to)
			mustNil(t, err)
			if fmt.Sprint(keys(got)) != fmt.Sprint(keys(tt.want)) {
				t.Fatalf("got %v, want %v", keys(got), keys(tt.want))
			}
			for i := range got {
				assertDecision(t, got[i], tt.want[i])
			}
		})
	}
	mustNil(t, s.Check())
}

// An undecodable decision is reported as damage by every read that meets
// it, and only by those: DecisionsBetween reads its window, nothing else.
func TestUndecodableDecision(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	s := mustOpen(t, path, Options{})
	bad := testSession(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast), StatusCompleted)
	good := testSession(time.Date(2025, 3, 6, 9, 0, 0, 0, zoneEast), StatusCompleted)
	for _, sess := range []Session{bad, good} {
		mustNil(t, s.PutSession(sess))
		mustNil(t, s.RecordDecision(testDecision(sess.ID, 0)))
	}
	mustNil(t, s.Close())
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDecisions).Put(decisionKey(bad.ID, 0), []byte(`{"seq":"zero"`))
	}))
	mustNil(t, db.Close())

	s = openTest(t, path, Options{ReadOnly: true})
	day4 := time.Date(2025, 3, 4, 0, 0, 0, 0, zoneEast)
	day6 := time.Date(2025, 3, 6, 0, 0, 0, 0, zoneEast)
	reads := []struct {
		name    string
		read    func() error
		damaged bool
	}{
		{"DecisionsOf the damaged session", func() error { _, err := s.DecisionsOf(bad.ID); return err }, true},
		{"DecisionsBetween over it", func() error { _, err := s.DecisionsBetween(day4, day4.AddDate(0, 0, 1)); return err }, true},
		{"ExportJSON", func() error { return s.ExportJSON(&bytes.Buffer{}) }, true},
		{"ExportCSV (it has the stops at the check-in)", func() error { return s.ExportCSV(&bytes.Buffer{}) }, true},
		{"ExportFHIR (it has them too)", func() error { return s.ExportFHIR(&bytes.Buffer{}, time.Now()) }, true},
		{"Check", s.Check, true},
		{"DecisionsOf another session", func() error { _, err := s.DecisionsOf(good.ID); return err }, false},
		{"DecisionsBetween another day", func() error { _, err := s.DecisionsBetween(day6, day6.AddDate(0, 0, 1)); return err }, false},
	}
	for _, r := range reads {
		t.Run(r.name, func(t *testing.T) {
			err := r.read()
			if !r.damaged {
				mustNil(t, err)
				return
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("err = %v, want ErrCorrupt", err)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "decision") {
				t.Errorf("message %q should name the file and the record", err)
			}
		})
	}
}

// A file written before decisions existed has no decisions bucket (and
// data version 1). A read-only open must read it as having none and leave
// it byte-for-byte as it was; a read-write open migrates it, adding the
// bucket.
func TestFileWithoutDecisionsBucket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	s := mustOpen(t, path, Options{})
	sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusCompleted)
	mustNil(t, s.PutSession(sess))
	mustNil(t, s.RecordSet(testSet(sess.ID, 0, 2)))
	mustNil(t, s.Close())
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put(keySchema, []byte("1")); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketDecisions)
	}))
	mustNil(t, db.Close())
	before := fileSum(t, path)

	ro := openTest(t, path, Options{ReadOnly: true})
	reads := []struct {
		name string
		read func() error
	}{
		{"DecisionsOf", func() error {
			ds, err := ro.DecisionsOf(sess.ID)
			if err == nil && len(ds) != 0 {
				err = fmt.Errorf("%d decisions", len(ds))
			}
			return err
		}},
		{"DecisionsBetween", func() error {
			ds, err := ro.DecisionsBetween(time.Time{}, sess.StartedAt.AddDate(1, 0, 0))
			if err == nil && len(ds) != 0 {
				err = fmt.Errorf("%d decisions", len(ds))
			}
			return err
		}},
		{"ExportJSON", func() error {
			var buf bytes.Buffer
			if err := ro.ExportJSON(&buf); err != nil {
				return err
			}
			if !strings.Contains(buf.String(), `"events": []`) {
				return fmt.Errorf("no empty events list in\n%s", buf.String())
			}
			return nil
		}},
		{"Check", ro.Check},
	}
	for _, r := range reads {
		if err := r.read(); err != nil {
			t.Errorf("%s: %v", r.name, err)
		}
	}
	err = ro.RecordDecision(testDecision(sess.ID, 0))
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("RecordDecision on a read-only store: %v", err)
	}
	mustNil(t, ro.Close())
	if fileSum(t, path) != before {
		t.Fatal("a read-only open modified the file")
	}

	rw := openTest(t, path, Options{})
	d := testDecision(sess.ID, 0)
	mustNil(t, rw.RecordDecision(d))
	ds, err := rw.DecisionsOf(sess.ID)
	mustNil(t, err)
	if len(ds) != 1 {
		t.Fatalf("%d decisions after a read-write open", len(ds))
	}
	assertDecision(t, ds[0], d)
	mustNil(t, rw.Check())
}

func TestPutSessionWithDecisionsIsOneWrite(t *testing.T) {
	st := newStore(t)
	at := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	sess := Session{ID: NewSessionID(at), StartedAt: at, EndedAt: at, RoutineID: "phase1", Routine: "P1",
		Baseline: 2, Status: StatusStopped, Note: "warning sign"}
	good := Decision{SessionID: sess.ID, At: at, Rule: "warning-sign", Reason: "A warning sign was reported."}
	bad := good
	bad.Seq, bad.LevelAfter = 1, 9
	if err := st.PutSessionWithDecisions(sess, []Decision{good, bad}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a bad decision: err %v, want ErrInvalid", err)
	}
	if _, err := st.Session(sess.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a rejected write left the session behind: %v", err)
	}
	if err := st.PutSessionWithDecisions(sess, []Decision{good}); err != nil {
		t.Fatal(err)
	}
	got, err := st.DecisionsOf(sess.ID)
	if err != nil || len(got) != 1 || got[0].Rule != "warning-sign" {
		t.Fatalf("decisions %+v, err %v", got, err)
	}
}

// decodeDecision's quick scan gives what encoding/json gives, or its
// error: stored decisions as written, odd but valid ones, and the same
// with a byte changed at random.
func TestDecodeDecisionMatchesJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	base := testDecision(NewSessionID(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast)), 2)
	build := base
	build.Rule, build.Minutes, build.HoldStepUp, build.Side = routine.RuleBuildUp, 16, true, routine.Right
	sign := base
	sign.Sign, sign.Tier, sign.Reason = "Numbness in the saddle area", "emergency", `a "quoted" reason \ with a backslash`
	var values [][]byte
	for _, d := range []Decision{base, build, sign} {
		v, err := json.Marshal(toDecisionJSON(d))
		mustNil(t, err)
		values = append(values, v)
	}
	values = append(values, []byte(`{"session_id":"x","seq":1,"at":"2025-03-04T09:40:00+02:00","side":"left","rule":null}`),
		[]byte(`{"Rule":"amber","seq":1,"side":"left"}`), []byte(`{"seq":1.5,"side":"left"}`), []byte(`{"minutes":"16","side":"left"}`),
		[]byte(`{"side":"up"}`), []byte(`{"side":"left","at":"now"}`), []byte("{\"side\":\"left\",\"reason\":\"a\xffb\x1b[2J\"}"))
	check := func(v []byte) {
		t.Helper()
		got, err := decodeDecision(v)
		var j decisionJSON
		want, wantErr := Decision{}, json.Unmarshal(v, &j)
		if wantErr == nil {
			want, wantErr = j.decision()
			want = want.clean()
		}
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%s: the scan says %v, encoding/json %v", v, err, wantErr)
		}
		if err == nil {
			assertDecision(t, got, want)
		}
	}
	for _, v := range values {
		check(v)
		eachMutation(rng, v, 300, check)
	}
}
