package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// scoredSet is a set with an exercise and a pain score (-1: skipped).
func scoredSet(sessionID string, index int, exercise string, pain int) SetRecord {
	r := testSet(sessionID, index, pain)
	r.ExerciseID, r.Exercise = exercise, "The "+exercise
	r.Skipped = pain < 0
	return r
}

// scores names set scores as day/exercise/baseline>pain, for comparing.
func scores(ss []routine.SetScore) []string {
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%s/%s/%d>%d", s.Date, s.ExerciseID, s.Baseline, s.Pain))
	}
	return out
}

func TestSetScoresBetweenDayBoundaries(t *testing.T) {
	s := newStore(t)
	lastSecond := testSession(time.Date(2025, 3, 4, 23, 59, 59, 999999999, zoneEast), StatusCompleted)
	midnight := testSession(time.Date(2025, 3, 5, 0, 0, 0, 0, zoneEast), StatusCompleted)
	midnight.Baseline = 4
	// 22:30 at -05:00 is already the 6th in UTC; it is the 5th locally.
	lateWest := testSession(time.Date(2025, 3, 5, 22, 30, 0, 0, zoneWest), StatusStopped)
	lateWest.Baseline = -1
	earlier := testSession(time.Date(2025, 3, 1, 8, 0, 0, 0, zoneEast), StatusCompleted)
	for _, sess := range []Session{midnight, lateWest, lastSecond, earlier} {
		mustNil(t, s.PutSession(sess))
	}
	for _, r := range []SetRecord{
		scoredSet(lastSecond.ID, 0, "glide", 5),
		scoredSet(lastSecond.ID, 1, "glide", -1), // skipped: not a score
		scoredSet(midnight.ID, 0, "pull", 2),
		scoredSet(midnight.ID, 1, "glide", 6),
		scoredSet(lateWest.ID, 0, "pull", 7),
		scoredSet(earlier.ID, 0, "glide", 1),
	} {
		mustNil(t, s.RecordSet(r))
	}
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2025-03-04", "2025-03-04", []string{"2025-03-04/glide/3>5"}},
		{"2025-03-05", "2025-03-05", []string{"2025-03-05/pull/4>2", "2025-03-05/glide/4>6", "2025-03-05/pull/-1>7"}},
		{"2025-03-04", "2025-03-05", []string{"2025-03-04/glide/3>5", "2025-03-05/pull/4>2", "2025-03-05/glide/4>6", "2025-03-05/pull/-1>7"}},
		{"2025-03-06", "2025-03-31", nil}, // the west session is on the 6th only in UTC
		{"2025-03-02", "2025-03-03", nil},
		{"2025-03-01", "2025-03-01", []string{"2025-03-01/glide/3>1"}},
		{"2025-03-05", "2025-03-04", nil},
	}
	for _, tt := range tests {
		got, err := s.SetScoresBetween(tt.from, tt.to)
		mustNil(t, err)
		if !reflect.DeepEqual(scores(got), tt.want) {
			t.Errorf("%s..%s: got %v, want %v", tt.from, tt.to, scores(got), tt.want)
		}
	}
	if _, err := s.SetScoresBetween("2025-3-1", "2025-03-05"); !errors.Is(err, ErrInvalid) {
		t.Errorf("a bad date: %v", err)
	}
}

func TestCutBacksBetween(t *testing.T) {
	s := newStore(t)
	lastSecond := testSession(time.Date(2025, 3, 4, 23, 59, 59, 0, zoneEast), StatusStopped)
	midnight := testSession(time.Date(2025, 3, 5, 0, 0, 0, 0, zoneEast), StatusCompleted)
	lateWest := testSession(time.Date(2025, 3, 5, 22, 30, 0, 0, zoneWest), StatusStopped)
	for _, sess := range []Session{midnight, lateWest, lastSecond} {
		mustNil(t, s.PutSession(sess))
	}
	decide := func(sess Session, seq int, rule string) {
		d := testDecision(sess.ID, seq)
		d.Rule, d.Reason = rule, fmt.Sprintf("%s %d", rule, seq)
		d.At = sess.StartedAt.Add(time.Duration(seq) * time.Minute)
		mustNil(t, s.RecordDecision(d))
	}
	decide(lastSecond, 0, routine.RuleAmber)
	decide(lastSecond, 1, routine.RuleStopHighPain) // made after midnight: still the 4th
	decide(midnight, 0, routine.RuleStepUp)         // not a cut-back
	decide(midnight, 1, routine.RuleRed)
	decide(lateWest, 0, routine.RuleWarningSign) // a stop at the check-in, not a cut-back
	decide(lateWest, 1, routine.RuleBaselineStop)
	reasons := func(cs []routine.CutBack) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Date+" "+c.Reason)
		}
		return out
	}
	tests := []struct {
		from, to string
		limit    int
		want     []string
	}{
		{"2025-03-01", "2025-03-31", 10, []string{"2025-03-05 red 1", "2025-03-04 stop-high-pain 1", "2025-03-04 amber 0"}},
		{"2025-03-01", "2025-03-31", 2, []string{"2025-03-05 red 1", "2025-03-04 stop-high-pain 1"}},
		{"2025-03-04", "2025-03-04", 10, []string{"2025-03-04 stop-high-pain 1", "2025-03-04 amber 0"}},
		{"2025-03-05", "2025-03-05", 10, []string{"2025-03-05 red 1"}},
		{"2025-03-06", "2025-03-06", 10, nil}, // the west session is on the 6th only in UTC
		{"2025-03-01", "2025-03-03", 10, nil},
		{"2025-03-01", "2025-03-31", 0, nil},
	}
	for _, tt := range tests {
		got, err := s.CutBacksBetween(tt.from, tt.to, tt.limit)
		mustNil(t, err)
		if !reflect.DeepEqual(reasons(got), tt.want) {
			t.Errorf("%s..%s (limit %d): got %q, want %q", tt.from, tt.to, tt.limit, reasons(got), tt.want)
		}
	}
	stops := []struct {
		from, to string
		limit    int
		want     []string
	}{
		{"2025-03-01", "2025-03-31", 10, []string{"2025-03-05 baseline-stop 1", "2025-03-05 warning-sign 0"}},
		{"2025-03-01", "2025-03-31", 1, []string{"2025-03-05 baseline-stop 1"}},
		{"2025-03-04", "2025-03-04", 10, nil},
		{"2025-03-06", "2025-03-06", 10, nil},
	}
	for _, tt := range stops {
		got, err := s.CheckInStopsBetween(tt.from, tt.to, tt.limit)
		mustNil(t, err)
		if !reflect.DeepEqual(reasons(got), tt.want) {
			t.Errorf("stops %s..%s (limit %d): got %q, want %q", tt.from, tt.to, tt.limit, reasons(got), tt.want)
		}
	}
	// TrendInput reads both lists in one walk, and the surgery date.
	mustNil(t, s.PutProfile(Profile{SurgeryDate: "2025-02-20", Region: "lumbar"}))
	in, err := s.TrendInput(time.Date(2025, 3, 6, 12, 0, 0, 0, zoneEast), 30)
	mustNil(t, err)
	if got := reasons(in.CutBacks); len(got) != 3 || got[0] != "2025-03-05 red 1" {
		t.Errorf("trend input cut-backs %q", got)
	}
	if got := reasons(in.Stops); !reflect.DeepEqual(got, stops[0].want) {
		t.Errorf("trend input stops %q, want %q", got, stops[0].want)
	}
	if in.Surgery != "2025-02-20" {
		t.Errorf("trend input surgery %q", in.Surgery)
	}
}

// TrendInput's windows end on now's local day, whatever the hour.
func TestTrendInputWindowEdges(t *testing.T) {
	s := newStore(t)
	for day := 1; day <= 10; day++ {
		sess := testSession(time.Date(2025, 3, day, 8, 0, 0, 0, zoneEast), StatusCompleted)
		sess.Baseline = day % 5
		mustNil(t, s.PutSession(sess))
		mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "glide", day%10)))
		d := testDecision(sess.ID, 0)
		d.Reason = fmt.Sprint("day ", day)
		mustNil(t, s.RecordDecision(d))
	}
	for _, now := range []time.Time{
		time.Date(2025, 3, 10, 0, 0, 0, 0, zoneEast),                     // the first instant of the 10th
		time.Date(2025, 3, 10, 23, 59, 59, 999999999, zoneEast),          // its last
		time.Date(2025, 3, 10, 9, 0, 0, 0, zoneEast).In(zoneWest),        // 02:00 on the 10th in the west
		time.Date(2025, 3, 10, 23, 0, 0, 0, time.FixedZone("", 14*3600)), // far east
	} {
		in, err := s.TrendInput(now, 7)
		mustNil(t, err)
		if n := len(in.Days); n != 10 || in.Days[9].Date != "2025-03-10" {
			t.Errorf("now %v: %d days read, ending %v", now, n, in.Days)
		}
		got := scores(in.Sets) // by exercise and score: put them in day order
		sort.Strings(got)
		if len(got) != 7 || got[0] != "2025-03-04/glide/4>4" || got[6] != "2025-03-10/glide/0>0" {
			t.Errorf("now %v: sets %v, want the 4th to the 10th", now, got)
		}
		if len(in.CutBacks) != 7 || in.CutBacks[0].Reason != "day 10" || in.CutBacks[6].Reason != "day 4" {
			t.Errorf("now %v: cut-backs %+v", now, in.CutBacks)
		}
	}
	// The 9th as seen from the 9th: nothing from the 10th.
	in, err := s.TrendInput(time.Date(2025, 3, 9, 23, 59, 59, 0, zoneEast), 1)
	mustNil(t, err)
	if got := scores(in.Sets); len(got) != 1 || got[0] != "2025-03-09/glide/4>9" {
		t.Errorf("a one-day window: %v", got)
	}
	if len(in.CutBacks) != 1 || in.CutBacks[0].Reason != "day 9" {
		t.Errorf("a one-day window: cut-backs %+v", in.CutBacks)
	}
	if n := len(in.Days); n != 9 {
		t.Errorf("a one-day window reads the %d days it has of the span, want 9", n)
	}
}

// The trends read only their window: a damaged record outside it is never
// met, one inside it is reported.
func TestTrendReadsStayInTheWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	s := mustOpen(t, path, Options{})
	old := testSession(time.Date(2024, 1, 10, 9, 0, 0, 0, zoneEast), StatusCompleted)
	recent := testSession(time.Date(2025, 3, 9, 9, 0, 0, 0, zoneEast), StatusCompleted)
	for _, sess := range []Session{old, recent} {
		mustNil(t, s.PutSession(sess))
		mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "glide", 4)))
		mustNil(t, s.RecordDecision(testDecision(sess.ID, 0)))
	}
	mustNil(t, s.Close())
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketSets, bucketDecisions} {
			if err := tx.Bucket(b).Put(setKey(old.ID, 0), []byte(`{"pain":"four"`)); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketExerciseDays).Put(exerciseDayKey("2024-01-10", "glide"), []byte{1, 9}); err != nil {
			return err
		}
		return tx.Bucket(bucketDays).Put([]byte("2024-01-10"), []byte(`{"sessions":`))
	}))
	mustNil(t, db.Close())

	s = openTest(t, path, Options{ReadOnly: true})
	for _, window := range routine.TrendWindows {
		_, err := s.TrendInput(time.Date(2025, 3, 10, 12, 0, 0, 0, zoneEast), window)
		mustNil(t, err)
	}
	if _, err := s.TrendInput(time.Date(2025, 1, 9, 12, 0, 0, 0, zoneEast), 365); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a window over the damage: %v, want ErrCorrupt", err)
	}
	for name, read := range map[string]func() error{
		"sets":      func() error { _, err := s.SetScoresBetween("2024-01-10", "2024-01-10"); return err },
		"cut-backs": func() error { _, err := s.CutBacksBetween("2024-01-10", "2024-01-10", 5); return err },
		"days":      func() error { _, err := s.TrendDaysBetween("2024-01-10", "2024-01-10"); return err },
	} {
		if err := read(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s over the damage: %v, want ErrCorrupt", name, err)
		}
	}
}

// trendFacts is everything the trends read, as text, for comparing stores.
func trendFacts(t *testing.T, s *Store, now time.Time) string {
	t.Helper()
	in, err := s.TrendInput(now, 30)
	mustNil(t, err)
	var b bytes.Buffer
	for _, d := range in.Days {
		fmt.Fprintf(&b, "%+v\n", d)
	}
	fmt.Fprintln(&b, scores(in.Sets))
	for _, c := range in.CutBacks {
		fmt.Fprintf(&b, "%s %s %s %s\n", c.Date, c.At.Format(time.RFC3339), c.Rule, c.Reason)
	}
	return b.String()
}

// A session resumed after a restart re-records the set it was on: the
// aggregates and the trends count every set once, with its last score.
func TestAggregatesAfterResume(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	s := mustOpen(t, path, Options{})
	sess := testSession(time.Date(2025, 3, 4, 23, 30, 0, 0, zoneEast), StatusInProgress)
	sess.Baseline = 2
	mustNil(t, s.PutSession(sess))
	mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "glide", 3)))
	mustNil(t, s.RecordSet(scoredSet(sess.ID, 1, "glide", 4)))
	mustNil(t, s.Close()) // the program ends mid-session

	s = openTest(t, path, Options{})
	open, ok, err := s.OpenSession()
	mustNil(t, err)
	if !ok || open.ID != sess.ID {
		t.Fatalf("no session to resume: %+v %v", open, ok)
	}
	// The resume starts again at set 1, after midnight: it still counts on the 4th.
	redo := scoredSet(sess.ID, 1, "glide", 6)
	redo.At = time.Date(2025, 3, 5, 0, 10, 0, 0, zoneEast)
	mustNil(t, s.RecordSet(redo))
	mustNil(t, s.RecordSet(scoredSet(sess.ID, 2, "pull", -1)))
	mustNil(t, s.RecordSet(scoredSet(sess.ID, 3, "pull", 5)))
	open.Status, open.EndedAt = StatusCompleted, time.Date(2025, 3, 5, 0, 20, 0, 0, zoneEast)
	mustNil(t, s.PutSession(open))

	want := []routine.TrendDay{{Date: "2025-03-04", Sessions: 1, Scored: 3, BaselineSum: 2, Baselines: 1, MaxPain: 6}}
	got, err := s.TrendDaysBetween("2025-03-01", "2025-03-31")
	mustNil(t, err)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("days after the resume:\n got %+v\nwant %+v", got, want)
	}
	assertDays(t, s, "2025-03-01", "2025-03-31", []Day{
		{Date: "2025-03-04", Sessions: 1, Sets: 4, Skipped: 1, BaselineSum: 2, Baselines: 1, MaxPain: 6, Completed: 1},
	}, "after the resume")
	sets, err := s.SetScoresBetween("2025-03-04", "2025-03-05")
	mustNil(t, err)
	if got, want := scores(sets), []string{"2025-03-04/glide/2>3", "2025-03-04/glide/2>6", "2025-03-04/pull/2>5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sets after the resume: %v, want %v", got, want)
	}
	mustNil(t, s.Check())
}

// An import brings the aggregates along: into an empty file they match the
// source's, a second import changes nothing, and sets added to a session
// already there are counted on its day.
func TestAggregatesAfterImport(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	a := testSession(time.Date(2025, 3, 7, 23, 45, 0, 0, zoneEast), StatusCompleted)
	a.Baseline = 1
	mustNil(t, src.PutSession(a))
	mustNil(t, src.RecordSet(scoredSet(a.ID, 0, "glide", 2)))
	var partial bytes.Buffer
	mustNil(t, src.ExportJSON(&partial))
	mustNil(t, src.RecordSet(scoredSet(a.ID, 1, "glide", 7)))
	mustNil(t, src.RecordSet(scoredSet(a.ID, 2, "pull", -1)))
	mustNil(t, src.RecordDecision(Decision{SessionID: a.ID, Seq: 0, At: a.StartedAt.Add(30 * time.Minute),
		Rule: routine.RuleRed, Exercise: "The glide", Reason: "Pain went from 1 to 7."}))
	var export bytes.Buffer
	mustNil(t, src.ExportJSON(&export))

	now := time.Date(2025, 3, 8, 9, 0, 0, 0, zoneEast)
	want := trendFacts(t, src, now)

	fresh := newStore(t)
	_, err := fresh.ImportJSON(bytes.NewReader(export.Bytes()))
	mustNil(t, err)
	if got := trendFacts(t, fresh, now); got != want {
		t.Errorf("after an import into an empty file:\n%s\nwant\n%s", got, want)
	}
	_, err = fresh.ImportJSON(bytes.NewReader(export.Bytes()))
	mustNil(t, err)
	if got := trendFacts(t, fresh, now); got != want {
		t.Errorf("after a second import:\n%s\nwant\n%s", got, want)
	}

	// A file that has the session with its first set only gets the rest.
	older := newStore(t)
	_, err = older.ImportJSON(bytes.NewReader(partial.Bytes()))
	mustNil(t, err)
	days, err := older.TrendDaysBetween("2025-03-07", "2025-03-07")
	mustNil(t, err)
	if len(days) != 1 || days[0].Scored != 1 || days[0].MaxPain != 2 {
		t.Fatalf("before the import: %+v", days)
	}
	_, err = older.ImportJSON(bytes.NewReader(export.Bytes()))
	mustNil(t, err)
	if got := trendFacts(t, older, now); got != want {
		t.Errorf("after an import that adds sets to a known session:\n%s\nwant\n%s", got, want)
	}
	assertDays(t, older, "2025-03-07", "2025-03-07", []Day{
		{Date: "2025-03-07", Sessions: 1, Sets: 3, Skipped: 1, BaselineSum: 1, Baselines: 1, MaxPain: 7, Completed: 1},
	}, "after the import")
	for _, st := range []*Store{fresh, older} {
		mustNil(t, st.Check())
	}
}

// The quick field scan gives what encoding/json gives, or goes to it.
func TestSetScoreOfMatchesJSON(t *testing.T) {
	set := scoredSet(NewSessionID(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast)), 3, "glide", 4)
	quoted := set
	quoted.Exercise = `The "glide", left\right` // escapes: the slow path
	unicode := set
	unicode.Exercise = "Glissement du nerf sciatique, côté gauche ✓"
	skipped := scoredSet(set.SessionID, 4, "pull", -1)
	var docs []string
	for _, r := range []SetRecord{set, quoted, unicode, skipped} {
		b, err := json.Marshal(toSetJSON(r))
		mustNil(t, err)
		docs = append(docs, string(b))
		b, err = json.MarshalIndent(toSetJSON(r), "", "  ")
		mustNil(t, err)
		docs = append(docs, string(b))
	}
	docs = append(docs,
		`{}`, ` { "pain" : 7 , "skipped" : false } `, `{"exercise_id":"a","extra":{"x":[1,2]},"pain":3}`,
		`{"pain":3}{`, `{"pain":"four"}`, `{"pain":4.5}`, `{"skipped":"yes"}`, `{"pain":3,}`, `{"pain"`, ``, `[1]`,
		`{"exercise_id":"a","exercise":"b","pain":-1,"skipped":true,"at":null}`,
		`{"Pain":3}`, `{"EXERCISE_ID":"a","pain":3}`, "{\"exercise\":\"a\xffb\",\"pain\":3}", // not UTF-8
		`{"pain":+3}`, `{"pain":03}`, `{"pain":-0}`, `{"pain":-}`, `{"pain":1e1}`, `{"pain":null}`, `{"pain":99999999999999999999}`,
	)
	for _, doc := range docs {
		var want setScoreJSON
		wantErr := json.Unmarshal([]byte(doc), &want)
		got, err := setScoreOf([]byte(doc))
		if (err != nil) != (wantErr != nil) || (err == nil && got != want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v, %v", doc, got, err, want, wantErr)
		}
	}
}

// decodeDay gives what encoding/json gives, or goes to it: on odd
// documents, and on every one-byte change of days as written, which
// otherwise take the fixed-layout read.
func TestDecodeDayMatchesJSON(t *testing.T) {
	check := func(doc []byte) {
		t.Helper()
		var want Day
		wantErr := json.Unmarshal(doc, &want)
		got, err := decodeDay(doc)
		if (err != nil) != (wantErr != nil) || (err == nil && got != want) {
			t.Fatalf("%s:\n got %+v, %v\nwant %+v, %v", doc, got, err, want, wantErr)
		}
	}
	day := Day{Date: "2025-03-04", Sessions: 3, Sets: 27, Skipped: 2, BaselineSum: 7, Baselines: 3, MaxPain: -1, Completed: 2}
	compact, err := json.Marshal(day)
	mustNil(t, err)
	indented, err := json.MarshalIndent(day, "", "\t")
	mustNil(t, err)
	for _, doc := range []string{
		string(compact), string(indented), `{}`, `{"sessions":2,"future_field":{"a":[1]},"sets":4}`,
		`{"date":"2025-03-\u00304","sets":1}`, `{"sets":+1}`, `{"sets":01}`, `{"sets":1.0}`, `{"sets":null}`,
		`{"sets":"1"}`, `{"date":4}`, `{"sets":1,}`, `{"sets":1`, ``, `[]`, `{"sets":1}x`, `{"max_pain":-1,"max_pain":5}`,
		`{"Sessions":2,"sets":4}`, `{"sets":4,"SETS":5}`, `{"max_pain":3,"Max_Pain":7}`,
	} {
		check([]byte(doc))
	}
	var quick Day
	if !dayAsWritten(compact, &quick) || quick != day {
		t.Fatalf("%s: the fixed-layout read gives %+v", compact, quick)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for _, d := range []Day{day, {Date: "2026-12-06", Sessions: 6, Sets: 60, BaselineSum: -13, Baselines: 123456789, MaxPain: 10}} {
		v, err := json.Marshal(d)
		mustNil(t, err)
		eachMutation(rng, v, 3000, check)
	}
}

func TestSessionDayOf(t *testing.T) {
	west := testSession(time.Date(2025, 3, 5, 22, 30, 0, 0, zoneWest), StatusCompleted)
	west.Baseline = 6
	b, err := json.Marshal(toSessionJSON(west))
	mustNil(t, err)
	for _, doc := range []string{string(b), `{"started_at":"2025-03-05T22:30:00-05:00","baseline_pain":6,"routine":"a \"b\""}`} {
		got, err := sessionDayOf([]byte(doc))
		mustNil(t, err)
		if got.day != "2025-03-05" || got.Baseline != 6 {
			t.Errorf("%s: got %+v", doc, got)
		}
	}
	for _, bad := range []string{`{"started_at":"yesterday"}`, `{"started_at":1}`, `{"baseline_pain":"six"`} {
		if _, err := sessionDayOf([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
