package store

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// fill writes a small history: two sessions in two offsets, sides, a
// skipped set, an unknown baseline, an open session without sets.
func fill(t *testing.T, s *Store) {
	t.Helper()
	a := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast), StatusCompleted)
	a.EndedAt = a.StartedAt.Add(20 * time.Minute)
	a.Routine = `Phase 1, "protect"` // needs CSV quoting
	b := testSession(time.Date(2025, 3, 5, 18, 0, 0, 500, zoneWest), StatusStopped)
	b.Baseline = -1
	b.DoseLevel = -1
	b.Note = "pain rose"
	c := testSession(time.Date(2025, 3, 6, 7, 0, 0, 0, zoneEast), StatusInProgress)
	for _, sess := range []Session{c, b, a} { // insertion order must not matter
		mustNil(t, s.PutSession(sess))
	}
	left := testSet(a.ID, 0, 2)
	left.At = time.Date(2025, 3, 4, 7, 35, 0, 0, time.UTC)
	right := left
	right.Index, right.Side, right.Pain = 1, routine.Right, 3
	walk := SetRecord{SessionID: a.ID, Index: 2, ExerciseID: "walk", Exercise: "Walking", SetNo: 1,
		RepsPlanned: 1, RepsDone: 1, Pain: 1, At: time.Date(2025, 3, 4, 7, 50, 0, 0, time.UTC)}
	skip := SetRecord{SessionID: b.ID, Index: 0, ExerciseID: "bridge", Exercise: "Bridge", SetNo: 1,
		RepsPlanned: 8, Hold: 2500 * time.Millisecond, Pain: -1, Skipped: true, DoseLevel: -1,
		At: time.Date(2025, 3, 5, 23, 5, 0, 0, time.UTC)}
	for _, r := range []SetRecord{walk, right, skip, left} {
		mustNil(t, s.RecordSet(r))
	}
}

func TestExportCSV(t *testing.T) {
	s := newStore(t)
	var empty bytes.Buffer
	mustNil(t, s.ExportCSV(&empty))
	if got := empty.String(); got != strings.Join(CSVHeader, ",")+"\n" {
		t.Fatalf("empty export %q", got)
	}

	fill(t, s)
	var buf bytes.Buffer
	mustNil(t, s.ExportCSV(&buf))
	rows, err := csv.NewReader(&buf).ReadAll()
	mustNil(t, err)
	wantHeader := "session_id,started_at,routine,exercise_id,exercise,side,set,reps_planned,reps_done," +
		"hold_s,pain,baseline_pain,dose_level,skipped,status,recorded_at"
	if got := strings.Join(rows[0], ","); got != wantHeader {
		t.Errorf("header\n got %s\nwant %s", got, wantHeader)
	}
	sessions, err := s.SessionsBetween(time.Time{}, time.Now().AddDate(100, 0, 0))
	mustNil(t, err)
	a, b := sessions[0].ID, sessions[1].ID
	want := [][]string{
		{a, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "ankle-pumps", "Ankle pumps", "left", "1", "10", "10", "5", "2", "3", "0", "false", "completed", "2025-03-04T09:35:00+02:00"},
		{a, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "ankle-pumps", "Ankle pumps", "right", "1", "10", "10", "5", "3", "3", "0", "false", "completed", "2025-03-04T09:35:00+02:00"},
		{a, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "walk", "Walking", "", "1", "1", "1", "0", "1", "3", "0", "false", "completed", "2025-03-04T09:50:00+02:00"},
		{b, "2025-03-05T18:00:00-05:00", "Phase 1: protect", "bridge", "Bridge", "", "1", "8", "0", "2.5", "", "", "-1", "true", "stopped", "2025-03-05T18:05:00-05:00"},
	}
	if len(rows)-1 != len(want) {
		t.Fatalf("%d rows, want %d:\n%v", len(rows)-1, len(want), rows)
	}
	for i, w := range want {
		if got := rows[i+1]; strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d\n got %q\nwant %q", i+1, got, w)
		}
	}
}

func TestExportJSONDeterministic(t *testing.T) {
	s := newStore(t)
	var empty bytes.Buffer
	mustNil(t, s.ExportJSON(&empty))
	if want := "{\n  \"format\": \"spinecoach-export\",\n  \"version\": 1,\n  \"sessions\": []\n}\n"; empty.String() != want {
		t.Fatalf("empty export\n%s", empty.String())
	}

	fill(t, s)
	var one, two bytes.Buffer
	mustNil(t, s.ExportJSON(&one))
	mustNil(t, s.ExportJSON(&two))
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Fatal("two exports differ")
	}
	// The streamed layout is exactly the canonical indented form.
	var compact, canon bytes.Buffer
	mustNil(t, json.Compact(&compact, one.Bytes()))
	mustNil(t, json.Indent(&canon, compact.Bytes(), "", "  "))
	canon.WriteByte('\n')
	if canon.String() != one.String() {
		t.Errorf("not canonical:\n%s\nwant\n%s", one.String(), canon.String())
	}

	var doc struct {
		Format   string
		Version  int
		Sessions []struct {
			ID, StartedAt, Status string
			StartedAtJSON         string `json:"started_at"`
			Sets                  []map[string]any
		}
	}
	mustNil(t, json.Unmarshal(one.Bytes(), &doc))
	if doc.Format != "spinecoach-export" || doc.Version != 1 || len(doc.Sessions) != 3 {
		t.Fatalf("doc %+v", doc)
	}
	if got := doc.Sessions[1].StartedAtJSON; got != "2025-03-05T18:00:00.0000005-05:00" {
		t.Errorf("started_at %q: want full precision with its offset", got)
	}
	if n := len(doc.Sessions[0].Sets); n != 3 {
		t.Errorf("first session has %d sets", n)
	}
	if doc.Sessions[2].Sets == nil || doc.Sessions[2].Status != "in_progress" {
		t.Errorf("open session: %+v (sets must be [] not null)", doc.Sessions[2])
	}
	if !strings.Contains(one.String(), `"sets": []`) {
		t.Error(`a session without sets should export "sets": []`)
	}
}

func TestImportJSON(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	var export bytes.Buffer
	mustNil(t, src.ExportJSON(&export))

	dst := newStore(t)
	res, err := dst.ImportJSON(bytes.NewReader(export.Bytes()))
	mustNil(t, err)
	if res != (ImportResult{Sessions: 3, Sets: 4}) {
		t.Errorf("first import %+v", res)
	}
	res, err = dst.ImportJSON(bytes.NewReader(export.Bytes()))
	mustNil(t, err)
	if res != (ImportResult{SessionsKnown: 3, SetsKnown: 4}) {
		t.Errorf("second import %+v", res)
	}
	var again bytes.Buffer
	mustNil(t, dst.ExportJSON(&again))
	if !bytes.Equal(export.Bytes(), again.Bytes()) {
		t.Errorf("round trip differs:\n%s\nwant\n%s", again.String(), export.String())
	}
	for _, st := range []*Store{src, dst} {
		days, err := st.DaysBetween("2025-01-01", "2025-12-31")
		mustNil(t, err)
		if len(days) != 3 {
			t.Errorf("%d days", len(days))
		}
		open, ok, err := st.OpenSession()
		mustNil(t, err)
		if !ok || open.StartedAt.Day() != 6 {
			t.Errorf("open session %+v %v", open, ok)
		}
		mustNil(t, st.Check())
	}

	bad := []struct {
		name string
		doc  string
		want error
	}{
		{"not json", "date,pain\n", ErrInvalid},
		{"other format", `{"format":"x","version":1,"sessions":[]}`, ErrInvalid},
		{"newer", `{"format":"spinecoach-export","version":2,"sessions":[]}`, ErrNewerSchema},
		{"unknown field", `{"format":"spinecoach-export","version":1,"sessions":[],"extra":1}`, ErrInvalid},
		{"bad set in second session", strings.Replace(export.String(), `"pain": 3`, `"pain": 12`, 1), ErrInvalid},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			fresh := newStore(t)
			if _, err := fresh.ImportJSON(strings.NewReader(tt.doc)); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			var out bytes.Buffer
			mustNil(t, fresh.ExportJSON(&out))
			if strings.Contains(out.String(), `"id"`) {
				t.Error("a bad import wrote something")
			}
		})
	}
}
