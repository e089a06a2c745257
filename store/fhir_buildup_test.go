package store

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// fillBuildUps adds to fill's history two days of phase 4 with their
// build-ups, as the check-in stores them: walking started at 10 minutes
// and cycling held, then walking up to 12 the next day; and a build-up
// stored without a time (an import may hold one), which says nothing to
// measure.
func fillBuildUps(t *testing.T, s *Store) (moved, held, empty Decision) {
	t.Helper()
	d1 := testSession(time.Date(2025, 3, 10, 9, 0, 0, 0, zoneEast), StatusCompleted)
	d1.RoutineID, d1.Routine, d1.EndedAt = "phase4", "Light-load endurance", d1.StartedAt.Add(40*time.Minute)
	d2 := testSession(time.Date(2025, 3, 11, 9, 0, 0, 0, zoneEast), StatusCompleted)
	d2.RoutineID, d2.Routine, d2.EndedAt = "phase4", "Light-load endurance", d2.StartedAt.Add(40*time.Minute)
	at := func(sess Session) time.Time { return sess.StartedAt.Add(time.Minute) }
	start := Decision{SessionID: d1.ID, Seq: 0, At: at(d1), Rule: routine.RuleBuildUp, ExerciseID: "walking", Exercise: "Walking",
		Minutes: 10, Reason: "Walking starts at 10 minutes: 2 more after each green day with it, up to 30."}
	held = Decision{SessionID: d1.ID, Seq: 1, At: at(d1), Rule: routine.RuleBuildUpHold, ExerciseID: "cycling", Exercise: "Stationary cycling",
		Minutes: 10, Reason: "Stationary cycling was not done yesterday: it stays at 10 minutes today."}
	moved = Decision{SessionID: d2.ID, Seq: 0, At: at(d2), Rule: routine.RuleBuildUp, ExerciseID: "walking", Exercise: "Walking",
		Minutes: 12, LevelAfter: 1, Reason: "Walking stayed green yesterday: 12 minutes today."}
	empty = Decision{SessionID: d2.ID, Seq: 1, At: at(d2), Rule: routine.RuleBuildUpHold, ExerciseID: "swimming", Exercise: "Swimming",
		Reason: "Swimming holds."}
	mustNil(t, s.PutSessionWithDecisions(d1, []Decision{start, held}))
	mustNil(t, s.PutSessionWithDecisions(d2, []Decision{moved, empty}))
	walk := SetRecord{SessionID: d1.ID, Index: 0, ExerciseID: "walking", Exercise: "Walking", SetNo: 1, RepsPlanned: 1, RepsDone: 1,
		Pain: 2, At: d1.StartedAt.Add(15 * time.Minute)}
	mustNil(t, s.RecordSet(walk))
	return moved, held, empty
}

// The build-ups' minutes are in all three exports alike: the JSON
// events', a CSV row each with its minutes, and a FHIR Observation each
// with a valueQuantity in UCUM minutes, in its session's Encounter.
// Before the build-up Observations and the CSV's minutes, the JSON had
// them alone.
func TestBuildUpsInEveryExport(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	moved, held, empty := fillBuildUps(t, s)

	// JSON: what the others must carry.
	var j bytes.Buffer
	mustNil(t, s.ExportJSON(&j))
	var doc struct {
		Sessions []struct {
			Events []decisionJSON `json:"events"`
		} `json:"sessions"`
	}
	mustNil(t, json.Unmarshal(j.Bytes(), &doc))
	jsonMinutes := map[string]int{} // session/seq -> minutes
	for _, sess := range doc.Sessions {
		for _, e := range sess.Events {
			if routine.IsBuildUp(e.Rule) && e.Minutes > 0 {
				jsonMinutes[fmt.Sprintf("%s/%d", e.SessionID, e.Seq)] = e.Minutes
			}
		}
	}
	if len(jsonMinutes) != 3 {
		t.Fatalf("the JSON export has %d build-ups with minutes, want 3", len(jsonMinutes))
	}

	// CSV: a row per build-up, its minutes beside its rule and sentence.
	var c bytes.Buffer
	mustNil(t, s.ExportCSV(&c))
	rows, err := csv.NewReader(&c).ReadAll()
	mustNil(t, err)
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	csvMinutes := map[string]string{} // exercise and rule -> minutes
	csvRows := 0
	for _, r := range rows[1:] {
		if routine.IsBuildUp(r[col["event"]]) {
			csvRows++
			csvMinutes[r[col["session_id"]]+"/"+r[col["exercise_id"]]+"/"+r[col["event"]]] = r[col["minutes"]]
			if r[col["pain"]] != "" || r[col["set"]] != "" {
				t.Errorf("a build-up row has set columns: %q", r)
			}
		}
	}
	if csvRows != 4 {
		t.Errorf("%d build-up rows in the CSV, want 4", csvRows)
	}
	for d, want := range map[Decision]string{moved: "12", held: "10", empty: ""} {
		if got := csvMinutes[d.SessionID+"/"+d.ExerciseID+"/"+d.Rule]; got != want {
			t.Errorf("the CSV gives %s %s %q minutes, want %q", d.Exercise, d.Rule, got, want)
		}
	}

	// FHIR: an Observation per build-up with minutes.
	fdoc, _ := exportFHIR(t, s)
	encounters := map[string]string{} // fullUrl -> session id
	for _, e := range fdoc.Entry {
		if e.Resource["resourceType"] == "Encounter" {
			encounters[e.FullURL] = e.Resource["id"].(string)[len("session-"):]
		}
	}
	found := 0
	for _, e := range fdoc.Entry {
		r := e.Resource
		if r["resourceType"] != "Observation" {
			continue
		}
		if coding := r["code"].(map[string]any)["coding"].([]any)[0].(map[string]any); coding["system"] != fhirBuildUpSystem {
			continue
		}
		found++
		q := r["valueQuantity"].(map[string]any)
		if q["unit"] != "min" || q["code"] != "min" || q["system"] != "http://unitsofmeasure.org" {
			t.Errorf("%v: valueQuantity %v is not in UCUM minutes", r["id"], q)
		}
		sess := encounters[r["encounter"].(map[string]any)["reference"].(string)]
		var seq int
		if _, err := fmt.Sscanf(r["id"].(string), "buildup-"+sess+"-%d", &seq); err != nil || sess == "" {
			t.Errorf("%v is not in its session's Encounter (%q)", r["id"], sess)
			continue
		}
		if got := fmt.Sprint(q["value"]); got != fmt.Sprint(jsonMinutes[fmt.Sprintf("%s/%d", sess, seq)]) {
			t.Errorf("%v: %s minutes, the JSON has %d", r["id"], got, jsonMinutes[fmt.Sprintf("%s/%d", sess, seq)])
		}
		if r["partOf"] != nil || r["category"].([]any)[0].(map[string]any)["coding"].([]any)[0].(map[string]any)["code"] != "therapy" {
			t.Errorf("%v: partOf %v, category %v", r["id"], r["partOf"], r["category"])
		}
	}
	if found != len(jsonMinutes) {
		t.Errorf("%d build-up Observations, the JSON has %d build-ups with minutes", found, len(jsonMinutes))
	}
	// The pain Observations are still the CSV's scores.
	pain := 0
	for _, e := range fdoc.Entry {
		if e.Resource["resourceType"] == "Observation" && e.Resource["valueInteger"] != nil {
			pain++
		}
	}
	if pain != csvScores(t, s) {
		t.Errorf("%d pain Observations, %d scores in the CSV", pain, csvScores(t, s))
	}
}

// Import of a JSON export with build-ups gives the same exports, byte
// for byte: JSON, CSV and FHIR.
func TestBuildUpsRoundTrip(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	fillBuildUps(t, src)
	var j bytes.Buffer
	mustNil(t, src.ExportJSON(&j))
	dst := newStore(t)
	_, err := dst.ImportJSON(bytes.NewReader(j.Bytes()))
	mustNil(t, err)
	for name, export := range map[string]func(*Store, *bytes.Buffer) error{
		"JSON": func(s *Store, b *bytes.Buffer) error { return s.ExportJSON(b) },
		"CSV":  func(s *Store, b *bytes.Buffer) error { return s.ExportCSV(b) },
		"FHIR": func(s *Store, b *bytes.Buffer) error { return s.ExportFHIR(b, fhirTestNow) },
	} {
		var a, b bytes.Buffer
		mustNil(t, export(src, &a))
		mustNil(t, export(dst, &b))
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("the %s export changes through an import", name)
		}
	}
}
