package store

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// fill writes a small history: two sessions in two offsets, sides, a
// skipped set, an unknown baseline, an open session without sets or
// decisions, and decisions (events) in the other two.
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
	amber := Decision{SessionID: a.ID, Seq: 0, At: time.Date(2025, 3, 4, 7, 35, 0, 0, time.UTC),
		Rule: "amber", ExerciseID: "ankle-pumps", Exercise: "Ankle pumps", Side: routine.Left,
		LevelBefore: 0, LevelAfter: 1,
		Reason: "Ankle pumps, left side: pain went from 3 to 5, so the dose for the rest of today is 9 x 4 s."}
	red := Decision{SessionID: a.ID, Seq: 1, At: time.Date(2025, 3, 4, 9, 36, 0, 0, zoneEast),
		Rule: "red", ExerciseID: "ankle-pumps", Exercise: "Ankle pumps", Side: routine.Right,
		LevelBefore: 1, LevelAfter: 2,
		Reason: "Ankle pumps, right side: pain went from 3 to 6, so stop this exercise for today and do the rest of the session one step lighter."}
	stop := Decision{SessionID: b.ID, Seq: 0, At: time.Date(2025, 3, 5, 18, 6, 0, 0, zoneWest),
		Rule: "stop-high-pain", ExerciseID: "bridge", Exercise: "Bridge",
		LevelBefore: 2, LevelAfter: 3,
		Reason: "Bridge: pain went from 3 to 8, so end the session now and rest; if the pain stays up, call your care team."}
	for _, d := range []Decision{stop, red, amber} {
		mustNil(t, s.RecordDecision(d))
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
	// Two stops at the check-in, which have no sets.
	warn, tooPainful := "You reported a warning sign before the session, so there is no exercise today.",
		"Your pain is 9/10 before starting, at or above 8, so there is no exercise today."
	w := testSession(time.Date(2025, 3, 7, 8, 0, 0, 0, zoneEast), StatusStopped)
	w.Baseline, w.DoseLevel, w.Note = 2, 1, warn
	mustNil(t, s.PutSessionWithDecisions(w, []Decision{{SessionID: w.ID, At: w.StartedAt.Add(time.Minute),
		Rule: routine.RuleWarningSign, LevelBefore: 1, LevelAfter: 1, Reason: warn, Sign: "You have had a fall", Tier: "surgeon"}}))
	p := testSession(time.Date(2025, 3, 8, 8, 0, 0, 0, zoneWest), StatusStopped)
	p.Baseline, p.Note = 9, tooPainful
	mustNil(t, s.PutSessionWithDecisions(p, []Decision{{SessionID: p.ID, At: p.StartedAt,
		Rule: routine.RuleBaselineStop, Reason: tooPainful}}))

	// The day's build-ups, decided at the first session's check-in.
	sessions, err := s.SessionsBetween(time.Time{}, time.Now().AddDate(100, 0, 0))
	mustNil(t, err)
	a := sessions[0]
	up, held := "Walking stayed green yesterday: 12 minutes today.", "Cycling was not done yesterday: it stays at 10 minutes today."
	for _, d := range []Decision{
		{SessionID: a.ID, Seq: 2, At: a.StartedAt.Add(time.Minute), Rule: routine.RuleBuildUp, ExerciseID: "walk", Exercise: "Walking", Minutes: 12, Reason: up},
		{SessionID: a.ID, Seq: 3, At: a.StartedAt.Add(time.Minute), Rule: routine.RuleBuildUpHold, ExerciseID: "cycle", Exercise: "Cycling", Minutes: 10, Reason: held},
	} {
		mustNil(t, s.RecordDecision(d))
	}

	var buf bytes.Buffer
	mustNil(t, s.ExportCSV(&buf))
	rows, err := csv.NewReader(&buf).ReadAll()
	mustNil(t, err)
	wantHeader := "session_id,started_at,routine,exercise_id,exercise,side,set,reps_planned,reps_done," +
		"hold_s,pain,baseline_pain,dose_level,skipped,status,recorded_at,event,note,warning_sign,minutes"
	if got := strings.Join(rows[0], ","); got != wantHeader {
		t.Errorf("header\n got %s\nwant %s", got, wantHeader)
	}
	b, c := sessions[1].ID, sessions[2].ID
	want := [][]string{
		// the build-ups, before the session's sets, with their minutes
		{a.ID, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "walk", "Walking", "", "", "", "", "", "", "3", "0", "", "completed", "2025-03-04T09:31:00+02:00", "build-up", up, "", "12"},
		{a.ID, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "cycle", "Cycling", "", "", "", "", "", "", "3", "0", "", "completed", "2025-03-04T09:31:00+02:00", "build-up-hold", held, "", "10"},
		{a.ID, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "ankle-pumps", "Ankle pumps", "left", "1", "10", "10", "5", "2", "3", "0", "false", "completed", "2025-03-04T09:35:00+02:00", "set", "", "", ""},
		{a.ID, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "ankle-pumps", "Ankle pumps", "right", "1", "10", "10", "5", "3", "3", "0", "false", "completed", "2025-03-04T09:35:00+02:00", "set", "", "", ""},
		{a.ID, "2025-03-04T09:30:00+02:00", `Phase 1, "protect"`, "walk", "Walking", "", "1", "1", "1", "0", "1", "3", "0", "false", "completed", "2025-03-04T09:50:00+02:00", "set", "", "", ""},
		{b, "2025-03-05T18:00:00-05:00", "Phase 1: protect", "bridge", "Bridge", "", "1", "8", "0", "2.5", "", "", "-1", "true", "stopped", "2025-03-05T18:05:00-05:00", "set", "skipped by you", "", ""},
		// an open session with no set yet: its check-in
		{c, "2025-03-06T07:00:00+02:00", "Phase 1: protect", "", "", "", "", "", "", "", "", "3", "0", "", "in_progress", "2025-03-06T07:00:00+02:00", "check-in", "", "", ""},
		{w.ID, "2025-03-07T08:00:00+02:00", "Phase 1: protect", "", "", "", "", "", "", "", "", "2", "1", "", "stopped", "2025-03-07T08:01:00+02:00", "warning-sign", warn, "You have had a fall (call the surgeon today)", ""},
		{p.ID, "2025-03-08T08:00:00-05:00", "Phase 1: protect", "", "", "", "", "", "", "", "", "9", "0", "", "stopped", "2025-03-08T08:00:00-05:00", "baseline-stop", tooPainful, "", ""},
	}
	if len(rows)-1 != len(want) {
		t.Fatalf("%d rows, want %d:\n%v", len(rows)-1, len(want), rows)
	}
	for i, w := range want {
		if got := rows[i+1]; strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d\n got %q\nwant %q", i+1, got, w)
		}
	}
	// The first sixteen columns are the ones DESIGN.md fixes, in its order.
	for i, name := range []string{"session_id", "started_at", "routine", "exercise_id", "exercise", "side", "set",
		"reps_planned", "reps_done", "hold_s", "pain", "baseline_pain", "dose_level", "skipped", "status", "recorded_at"} {
		if CSVHeader[i] != name {
			t.Errorf("column %d is %s, want %s", i+1, CSVHeader[i], name)
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
			Events                []map[string]any
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

	// Events: the decisions in seq order, times in their own offset.
	var gotEvents [][]string
	for _, sess := range doc.Sessions {
		if sess.Events == nil {
			t.Errorf("session %s: events must be [] not null", sess.ID)
		}
		var ev []string
		for _, e := range sess.Events {
			ev = append(ev, fmt.Sprintf("%v %v %v %v->%v %v", e["seq"], e["rule"], e["side"], e["level_before"], e["level_after"], e["at"]))
		}
		gotEvents = append(gotEvents, ev)
	}
	wantEvents := [][]string{
		{"0 amber left 0->1 2025-03-04T07:35:00Z", "1 red right 1->2 2025-03-04T09:36:00+02:00"},
		{"0 stop-high-pain  2->3 2025-03-05T18:06:00-05:00"},
		nil,
	}
	if fmt.Sprint(gotEvents) != fmt.Sprint(wantEvents) {
		t.Errorf("events\n got %q\nwant %q", gotEvents, wantEvents)
	}
	if !strings.Contains(one.String(), `"events": []`) {
		t.Error(`a session without decisions should export "events": []`)
	}
	// The events come after the sets; the fields before them are unchanged.
	first := one.String()[:strings.Index(one.String(), `"events"`)]
	if !strings.Contains(first, `"note": "",
      "sets": [`) {
		t.Errorf("sets no longer follow note:\n%s", first)
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
	if res != (ImportResult{Sessions: 3, Sets: 4, Decisions: 3}) {
		t.Errorf("first import %+v", res)
	}
	// Export, import into an empty file, export again: byte-identical,
	// events included.
	var again bytes.Buffer
	mustNil(t, dst.ExportJSON(&again))
	if !bytes.Equal(export.Bytes(), again.Bytes()) {
		t.Errorf("round trip differs:\n%s\nwant\n%s", again.String(), export.String())
	}
	if !strings.Contains(again.String(), `"rule": "stop-high-pain"`) {
		t.Error("the round trip lost the events")
	}
	res, err = dst.ImportJSON(bytes.NewReader(export.Bytes()))
	mustNil(t, err)
	if res != (ImportResult{SessionsKnown: 3, SetsKnown: 4, DecisionsKnown: 3}) {
		t.Errorf("second import %+v", res)
	}
	var third bytes.Buffer
	mustNil(t, dst.ExportJSON(&third))
	if !bytes.Equal(export.Bytes(), third.Bytes()) {
		t.Errorf("a second import changed the data:\n%s\nwant\n%s", third.String(), export.String())
	}
	sessions, err := src.SessionsBetween(time.Time{}, time.Now().AddDate(100, 0, 0))
	mustNil(t, err)
	a, b := sessions[0].ID, sessions[1].ID
	for _, id := range []string{a, b} {
		want, err := src.DecisionsOf(id)
		mustNil(t, err)
		got, err := dst.DecisionsOf(id)
		mustNil(t, err)
		if len(got) != len(want) {
			t.Fatalf("session %s: %d decisions imported, want %d", id, len(got), len(want))
		}
		for i := range got {
			assertDecision(t, got[i], want[i])
		}
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

	// edit changes one unique piece of the export, so a test cannot pass
	// because its edit silently missed.
	edit := func(old, new string) string {
		if n := strings.Count(export.String(), old); n != 1 {
			t.Fatalf("%q occurs %d times in the export, want once", old, n)
		}
		return strings.Replace(export.String(), old, new, 1)
	}
	const (
		redReason  = `"reason": "Ankle pumps, right side: pain went from 3 to 6, so stop this exercise for today and do the rest of the session one step lighter."`
		stopReason = `"reason": "Bridge: pain went from 3 to 8, so end the session now and rest; if the pain stays up, call your care team."`
	)
	bad := []struct {
		name    string
		doc     string
		want    error
		mention string // the record the message must name
	}{
		{"not json", "date,pain\n", ErrInvalid, ""},
		{"other format", `{"format":"x","version":1,"sessions":[]}`, ErrInvalid, ""},
		{"newer", `{"format":"spinecoach-export","version":3,"sessions":[]}`, ErrNewerSchema, ""},
		{"unknown field", `{"format":"spinecoach-export","version":1,"sessions":[],"extra":1}`, ErrInvalid, ""},
		{"bad set in second session", strings.Replace(export.String(), `"pain": 3`, `"pain": 12`, 1), ErrInvalid, ""},
		// A bad event anywhere rejects the whole file, naming the record;
		// the good sessions before it are not written either.
		{"event level out of range", edit(`"level_after": 3`, `"level_after": 4`), ErrInvalid, "decision 0 of session " + b},
		{"event without a reason", edit(stopReason, `"reason": ""`), ErrInvalid, "decision 0 of session " + b},
		{"event with a blank reason", edit(redReason, `"reason": "  "`), ErrInvalid, "decision 1 of session " + a},
		{"event with a bad time", edit(`"at": "2025-03-05T18:06:00-05:00"`, `"at": "yesterday"`), ErrInvalid, "event 0 of session " + b},
		{"event with an unknown side", edit(`"side": "right",
          "level_before": 1`, `"side": "middle",
          "level_before": 1`), ErrInvalid, "event 1 of session " + a},
		{"event with no rule", edit(`"rule": "red"`, `"rule": ""`), ErrInvalid, "decision 1 of session " + a},
		{"event with a negative seq", edit(`"seq": 1,`, `"seq": -1,`), ErrInvalid, "decision -1 of session " + a},
		{"event with an unknown field", edit(`"rule": "red"`, `"rule": "red", "colour": "red"`), ErrInvalid, "colour"},
		{"event of another session", edit(`"session_id": "`+b+`",
          "seq": 0`, `"session_id": "`+a+`",
          "seq": 0`), ErrInvalid, "event 0 listed under session " + b},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			fresh := newStore(t)
			_, err := fresh.ImportJSON(strings.NewReader(tt.doc))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("message %q does not name %q", err, tt.mention)
			}
			var out bytes.Buffer
			mustNil(t, fresh.ExportJSON(&out))
			if strings.Contains(out.String(), `"id"`) {
				t.Error("a bad import wrote something")
			}
		})
	}
}

// stripEvents turns an export into one made before events existed.
func stripEvents(t *testing.T, doc []byte) []byte {
	t.Helper()
	var f map[string]any
	mustNil(t, json.Unmarshal(doc, &f))
	for _, sess := range f["sessions"].([]any) {
		delete(sess.(map[string]any), "events")
	}
	out, err := json.Marshal(f)
	mustNil(t, err)
	if bytes.Contains(out, []byte(`"events"`)) {
		t.Fatal("events left in")
	}
	return out
}

func TestImportEvents(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	var export bytes.Buffer
	mustNil(t, src.ExportJSON(&export))
	sessions, err := src.SessionsBetween(time.Time{}, time.Now().AddDate(100, 0, 0))
	mustNil(t, err)
	a := sessions[0].ID
	local := Decision{SessionID: a, Seq: 0, At: sessions[0].StartedAt, Rule: "next-morning",
		LevelBefore: 0, LevelAfter: 1, Reason: "Pain is 5/10 this morning, up from 3 yesterday: today starts one step lighter."}

	steps := []struct {
		name string
		doc  []byte
		do   func(*Store) // before the import
		want ImportResult
		// wantA is session a's rules afterwards.
		wantA []string
	}{
		{"an export from before events", stripEvents(t, export.Bytes()), nil,
			ImportResult{Sessions: 3, Sets: 4}, nil},
		{"the same sessions with events", export.Bytes(), nil,
			ImportResult{SessionsKnown: 3, SetsKnown: 4, Decisions: 3}, []string{"amber", "red"}},
		{"again: nothing new", export.Bytes(), nil,
			ImportResult{SessionsKnown: 3, SetsKnown: 4, DecisionsKnown: 3}, []string{"amber", "red"}},
		{"a decision changed here is kept", export.Bytes(), func(s *Store) { mustNil(t, s.RecordDecision(local)) },
			ImportResult{SessionsKnown: 3, SetsKnown: 4, DecisionsKnown: 3}, []string{"next-morning", "red"}},
		{"the old export again", stripEvents(t, export.Bytes()), nil,
			ImportResult{SessionsKnown: 3, SetsKnown: 4}, []string{"next-morning", "red"}},
	}
	dst := newStore(t)
	for _, st := range steps {
		if st.do != nil {
			st.do(dst)
		}
		res, err := dst.ImportJSON(bytes.NewReader(st.doc))
		mustNil(t, err)
		if res != st.want {
			t.Errorf("%s: %+v, want %+v", st.name, res, st.want)
		}
		ds, err := dst.DecisionsOf(a)
		mustNil(t, err)
		var rules []string
		for _, d := range ds {
			rules = append(rules, d.Rule)
		}
		if fmt.Sprint(rules) != fmt.Sprint(st.wantA) {
			t.Errorf("%s: rules %v, want %v", st.name, rules, st.wantA)
		}
		mustNil(t, dst.Check())
	}
}

// Import takes records as they are, with the checks of ImportJSON: one bad
// record anywhere and nothing is written.
func TestImportValidatesEveryRecordFirst(t *testing.T) {
	s := newStore(t)
	good := testSession(time.Date(2025, 3, 4, 9, 0, 0, 0, zoneEast), StatusCompleted)
	other := testSession(time.Date(2025, 3, 5, 9, 0, 0, 0, zoneEast), StatusCompleted)
	badPain := testSet(other.ID, 0, 11)
	history := []SessionHistory{
		{Session: good, Sets: []SetRecord{testSet(good.ID, 0, 3)}},
		{Session: other, Sets: []SetRecord{badPain}},
	}
	if _, err := s.Import(history); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a pain of 11: %v, want ErrInvalid", err)
	}
	history[1].Sets[0] = testSet(good.ID, 1, 2) // listed under the wrong session
	if _, err := s.Import(history); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "belongs to") {
		t.Fatalf("a set under the wrong session: %v", err)
	}
	if got, err := s.SessionsBetween(time.Time{}.Add(time.Hour), time.Now()); err != nil || len(got) != 0 {
		t.Fatalf("after refused imports the file holds %v, %v", got, err)
	}
	history[1].Sets[0] = testSet(other.ID, 0, 2)
	res, err := s.Import(history)
	mustNil(t, err)
	if res.Sessions != 2 || res.Sets != 2 {
		t.Errorf("imported %+v, want 2 sessions and 2 sets", res)
	}
	mustNil(t, s.Check())
}
