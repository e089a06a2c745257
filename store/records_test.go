package store

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

func testSession(start time.Time, st Status) Session {
	return Session{
		ID: NewSessionID(start), StartedAt: start, RoutineID: "phase1", Routine: "Phase 1: protect",
		Baseline: 3, DoseLevel: 0, Status: st,
	}
}

func testSet(sessionID string, index, pain int) SetRecord {
	return SetRecord{
		SessionID: sessionID, Index: index, ExerciseID: "ankle-pumps", Exercise: "Ankle pumps",
		Side: routine.Left, SetNo: index + 1, RepsPlanned: 10, RepsDone: 10, Hold: 5 * time.Second,
		Pain: pain, DoseLevel: 0, At: time.Date(2025, 3, 4, 9, 31, 0, 0, time.UTC),
	}
}

func assertSession(t *testing.T, got, want Session) {
	t.Helper()
	_, gotOff := got.StartedAt.Zone()
	_, wantOff := want.StartedAt.Zone()
	if !got.StartedAt.Equal(want.StartedAt) || gotOff != wantOff || !got.EndedAt.Equal(want.EndedAt) {
		t.Errorf("times: got %v..%v, want %v..%v", got.StartedAt, got.EndedAt, want.StartedAt, want.EndedAt)
	}
	got.StartedAt, got.EndedAt, want.StartedAt, want.EndedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if got != want {
		t.Errorf("session:\n got %+v\nwant %+v", got, want)
	}
}

func assertSet(t *testing.T, got, want SetRecord) {
	t.Helper()
	if !got.At.Equal(want.At) {
		t.Errorf("At: got %v, want %v", got.At, want.At)
	}
	got.At, want.At = time.Time{}, time.Time{}
	if got != want {
		t.Errorf("set:\n got %+v\nwant %+v", got, want)
	}
}

func TestStatusText(t *testing.T) {
	for s, want := range map[Status]string{
		StatusInProgress: "in_progress", StatusCompleted: "completed",
		StatusStopped: "stopped", StatusAbandoned: "abandoned", 0: "Status(0)",
	} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(s), s.String(), want)
		}
		if s == 0 {
			if _, err := json.Marshal(s); err == nil {
				t.Error("Status(0) marshalled")
			}
			continue
		}
		b, err := json.Marshal(s)
		mustNil(t, err)
		if string(b) != `"`+want+`"` {
			t.Errorf("json %s", b)
		}
		var back Status
		mustNil(t, json.Unmarshal(b, &back))
		if back != s {
			t.Errorf("round trip %v -> %v", s, back)
		}
	}
	if _, err := ParseStatus("done"); err == nil {
		t.Error(`ParseStatus("done") succeeded`)
	}
}

func TestNewSessionID(t *testing.T) {
	base := time.Date(2025, 6, 1, 12, 0, 0, 0, zoneEast)
	times := []time.Time{
		base, base.Add(time.Nanosecond), base.Add(-time.Hour), base.AddDate(10, 0, 0),
		base.In(zoneWest).Add(time.Second), time.Date(1970, 1, 1, 0, 0, 0, 1, time.UTC),
	}
	type pair struct {
		t  time.Time
		id string
	}
	var ps []pair
	for _, tm := range times {
		id := NewSessionID(tm)
		if len(id) != idLen || !validID(id) {
			t.Fatalf("NewSessionID(%v) = %q: not fixed width", tm, id)
		}
		ps = append(ps, pair{tm, id})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].id < ps[j].id })
	for i := 1; i < len(ps); i++ {
		if !ps[i-1].t.Before(ps[i].t) {
			t.Errorf("ids out of time order: %v (%s) before %v (%s)", ps[i-1].t, ps[i-1].id, ps[i].t, ps[i].id)
		}
	}
	if a, b := NewSessionID(base), NewSessionID(base); a == b {
		t.Errorf("two ids for the same instant collide: %s", a)
	}
}

func TestPutSessionValidates(t *testing.T) {
	start := time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast)
	good := testSession(start, StatusInProgress)
	tests := []struct {
		name   string
		change func(*Session)
	}{
		{"empty id", func(s *Session) { s.ID = "" }},
		{"short id", func(s *Session) { s.ID = s.ID[:10] }},
		{"upper-case id", func(s *Session) { s.ID = strings.ToUpper(s.ID) }},
		{"id from another time", func(s *Session) { s.ID = NewSessionID(start.Add(time.Second)) }},
		{"zero start", func(s *Session) { s.StartedAt = time.Time{} }},
		{"no status", func(s *Session) { s.Status = 0 }},
		{"unknown status", func(s *Session) { s.Status = 9 }},
		{"baseline 11", func(s *Session) { s.Baseline = 11 }},
		{"baseline -2", func(s *Session) { s.Baseline = -2 }},
	}
	s := newStore(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sess := good
			tt.change(&sess)
			err := s.PutSession(sess)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
		})
	}
	if got, err := s.SessionsBetween(start.Add(-time.Hour), start.Add(time.Hour)); err != nil || len(got) != 0 {
		t.Fatalf("invalid sessions were written: %v %v", got, err)
	}
	for _, b := range []int{-1, 0, 10} {
		sess := good
		sess.Baseline = b
		mustNil(t, s.PutSession(sess))
	}
}

func TestRecordSetValidates(t *testing.T) {
	s := newStore(t)
	sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusInProgress)
	mustNil(t, s.PutSession(sess))
	tests := []struct {
		name     string
		change   func(*SetRecord)
		notFound bool
	}{
		{"pain 11", func(r *SetRecord) { r.Pain = 11 }, false},
		{"pain -2", func(r *SetRecord) { r.Pain = -2 }, false},
		{"skipped with a pain", func(r *SetRecord) { r.Skipped = true; r.Pain = 0 }, false},
		{"pain -1 but not skipped", func(r *SetRecord) { r.Pain = -1 }, false},
		{"negative index", func(r *SetRecord) { r.Index = -1 }, false},
		{"negative reps", func(r *SetRecord) { r.RepsDone = -1 }, false},
		{"negative hold", func(r *SetRecord) { r.Hold = -time.Second }, false},
		{"unknown side", func(r *SetRecord) { r.Side = 7 }, false},
		{"malformed session id", func(r *SetRecord) { r.SessionID = "x" }, false},
		{"unknown session", func(r *SetRecord) { r.SessionID = NewSessionID(time.Now()) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testSet(sess.ID, 0, 4)
			tt.change(&r)
			err := s.RecordSet(r)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if tt.notFound != errors.Is(err, ErrNotFound) {
				t.Errorf("errors.Is(err, ErrNotFound) = %t: %v", !tt.notFound, err)
			}
		})
	}
	sets, err := s.SetsOf(sess.ID)
	mustNil(t, err)
	if len(sets) != 0 {
		t.Fatalf("invalid sets were written: %+v", sets)
	}
	// The limits themselves are fine.
	for i, r := range []SetRecord{testSet(sess.ID, 0, 0), testSet(sess.ID, 1, 10), testSet(sess.ID, 2, -1)} {
		r.Skipped = r.Pain == -1
		if err := s.RecordSet(r); err != nil {
			t.Errorf("set %d: %v", i, err)
		}
	}
}

func TestReRecordingOverwrites(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast)
	sess := testSession(start, StatusInProgress)
	mustNil(t, s.PutSession(sess))

	steps := []struct {
		name string
		rec  SetRecord
		want Day
	}{
		{"first set", testSet(sess.ID, 0, 5),
			Day{Sessions: 1, Sets: 1, BaselineSum: 3, Baselines: 1, MaxPain: 5}},
		{"second set", testSet(sess.ID, 1, 4),
			Day{Sessions: 1, Sets: 2, BaselineSum: 3, Baselines: 1, MaxPain: 5}},
		{"first set again, less pain", testSet(sess.ID, 0, 2),
			Day{Sessions: 1, Sets: 2, BaselineSum: 3, Baselines: 1, MaxPain: 4}},
		{"second set again, skipped", func() SetRecord {
			r := testSet(sess.ID, 1, -1)
			r.Skipped = true
			return r
		}(), Day{Sessions: 1, Sets: 2, Skipped: 1, BaselineSum: 3, Baselines: 1, MaxPain: 2}},
		{"second set again, done", testSet(sess.ID, 1, 6),
			Day{Sessions: 1, Sets: 2, BaselineSum: 3, Baselines: 1, MaxPain: 6}},
	}
	for _, st := range steps {
		mustNil(t, s.RecordSet(st.rec))
		st.want.Date = "2025-03-04"
		assertDays(t, s, "2025-03-04", "2025-03-04", []Day{st.want}, st.name)
	}
	sets, err := s.SetsOf(sess.ID)
	mustNil(t, err)
	if len(sets) != 2 || sets[0].Pain != 2 || sets[1].Pain != 6 {
		t.Fatalf("sets %+v", sets)
	}

	// Re-putting the session (status changes) never double counts it.
	for _, st := range []Status{StatusInProgress, StatusCompleted, StatusCompleted} {
		sess.Status = st
		mustNil(t, s.PutSession(sess))
	}
	assertDays(t, s, "2025-03-04", "2025-03-04", []Day{{Date: "2025-03-04", Sessions: 1, Sets: 2,
		BaselineSum: 3, Baselines: 1, MaxPain: 6, Completed: 1}}, "after completing")
	mustNil(t, s.Check())
}

func TestSetsOfOrder(t *testing.T) {
	s := newStore(t)
	a := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusInProgress)
	b := testSession(a.StartedAt.Add(time.Nanosecond), StatusInProgress)
	mustNil(t, s.PutSession(a))
	mustNil(t, s.PutSession(b))
	// Indexes above 255 check the big-endian key really sorts numerically.
	for _, i := range []int{300, 2, 0, 256, 1, 17} {
		mustNil(t, s.RecordSet(testSet(a.ID, i, i%11)))
		mustNil(t, s.RecordSet(testSet(b.ID, i+1, 1)))
	}
	sets, err := s.SetsOf(a.ID)
	mustNil(t, err)
	var idx []int
	for _, r := range sets {
		if r.SessionID != a.ID {
			t.Fatalf("set of another session: %+v", r)
		}
		idx = append(idx, r.Index)
	}
	if want := []int{0, 1, 2, 17, 256, 300}; !equalInts(idx, want) {
		t.Errorf("indexes %v, want %v", idx, want)
	}
	if _, err := s.SetsOf("nonsense"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetsOf(nonsense): %v", err)
	}
	if sets, err := s.SetsOf(NewSessionID(time.Now())); err != nil || len(sets) != 0 {
		t.Errorf("SetsOf(unknown) = %v, %v", sets, err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSessionNotFound(t *testing.T) {
	s := newStore(t)
	if _, err := s.Session(NewSessionID(time.Now())); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func TestOpenSessionTracksLatestInProgress(t *testing.T) {
	s := newStore(t)
	t0 := time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast)
	older := testSession(t0, StatusInProgress)
	newer := testSession(t0.Add(3*time.Hour), StatusInProgress)
	put := func(sess Session, st Status) func() {
		return func() { sess.Status = st; mustNil(t, s.PutSession(sess)) }
	}
	steps := []struct {
		name string
		do   func()
		want string // "" none
	}{
		{"nothing yet", func() {}, ""},
		{"one started", put(older, StatusInProgress), older.ID},
		{"a later one started", put(newer, StatusInProgress), newer.ID},
		{"older re-put stays behind", put(older, StatusInProgress), newer.ID},
		{"later completed, older resumes", put(newer, StatusCompleted), older.ID},
		{"older abandoned", put(older, StatusAbandoned), ""},
		{"later reopened", put(newer, StatusInProgress), newer.ID},
		{"later stopped", put(newer, StatusStopped), ""},
	}
	for _, st := range steps {
		st.do()
		got, ok, err := s.OpenSession()
		mustNil(t, err)
		if ok != (st.want != "") || got.ID != st.want {
			t.Errorf("%s: OpenSession = %q, %t; want %q", st.name, got.ID, ok, st.want)
		}
		if ok && got.Status != StatusInProgress {
			t.Errorf("%s: open session has status %v", st.name, got.Status)
		}
	}
	mustNil(t, s.Check())
}

func TestProfile(t *testing.T) {
	s := newStore(t)
	p, err := s.Profile()
	mustNil(t, err)
	if p != (Profile{}) {
		t.Fatalf("fresh profile %+v", p)
	}
	tests := []Profile{
		{SetupSkipped: true},
		{SurgeryDate: "2025-01-20", Region: "cervical", ClearedPhase: 3,
			ClearedAt: time.Date(2025, 3, 1, 14, 0, 0, 0, zoneWest), Cues: "voice", Theme: "high-contrast"},
		{SurgeryDate: "2025-01-20", Prescription: "id = \"rx\"\n", PrescriptionName: "rx.toml"},
	}
	for _, want := range tests {
		mustNil(t, s.PutProfile(want))
		got, err := s.Profile()
		mustNil(t, err)
		if got.SurgeryDate != want.SurgeryDate || got.Region != want.Region ||
			got.ClearedPhase != want.ClearedPhase || !got.ClearedAt.Equal(want.ClearedAt) ||
			got.SetupSkipped != want.SetupSkipped || got.Cues != want.Cues || got.Theme != want.Theme ||
			got.Prescription != want.Prescription || got.PrescriptionName != want.PrescriptionName {
			t.Errorf("got %+v, want %+v", got, want)
		}
	}
	for _, bad := range []Profile{{SurgeryDate: "20/01/2025"}, {ClearedPhase: -1}} {
		if err := s.PutProfile(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("PutProfile(%+v) = %v", bad, err)
		}
	}
}

// Writes from several goroutines (the TUI's Cmds) serialise in bbolt; the
// aggregate still counts every set once.
func TestConcurrentRecordSet(t *testing.T) {
	s := newStore(t)
	sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusInProgress)
	mustNil(t, s.PutSession(sess))
	const n = 24
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() { errs <- s.RecordSet(testSet(sess.ID, i, i%11)) }()
	}
	for i := 0; i < n; i++ {
		mustNil(t, <-errs)
	}
	assertDays(t, s, "2025-03-04", "2025-03-04", []Day{{Date: "2025-03-04", Sessions: 1, Sets: n,
		BaselineSum: 3, Baselines: 1, MaxPain: 10}}, "after concurrent writes")
}

// BenchmarkRecordSet measures one durable set write (commit + fsync, day
// aggregate rebuilt) on a history of realistic sessions: 40 sets each, one
// session a day.
func BenchmarkRecordSet(b *testing.B) {
	s := newStore(b)
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, zoneEast)
	var sess Session
	for i := 0; i < b.N; i++ {
		if i%40 == 0 {
			sess = testSession(start.AddDate(0, 0, i/40), StatusInProgress)
			if err := s.PutSession(sess); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.RecordSet(testSet(sess.ID, i%40, i%11)); err != nil {
			b.Fatal(err)
		}
	}
}
