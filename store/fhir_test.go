package store

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// fhirDoc is the part of a FHIR Bundle the tests read.
type fhirDoc struct {
	ResourceType string `json:"resourceType"`
	ID           string `json:"id"`
	Type         string `json:"type"`
	Entry        []struct {
		FullURL  string         `json:"fullUrl"`
		Resource map[string]any `json:"resource"`
	} `json:"entry"`
}

// fhirTestNow is the time the tests' Bundles are made.
var fhirTestNow = time.Date(2025, 3, 8, 12, 0, 0, 0, time.UTC)

func exportFHIR(t *testing.T, s *Store) (fhirDoc, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mustNil(t, s.ExportFHIR(&buf, fhirTestNow))
	var doc fhirDoc
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.UseNumber()
	mustNil(t, dec.Decode(&doc))
	return doc, buf.Bytes()
}

// csvScores counts the pain scores of a CSV export: every pain cell, and
// every session's check-in score once.
func csvScores(t *testing.T, s *Store) int {
	t.Helper()
	var buf bytes.Buffer
	mustNil(t, s.ExportCSV(&buf))
	rows, err := csv.NewReader(&buf).ReadAll()
	mustNil(t, err)
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	n, seen := 0, map[string]bool{}
	for _, r := range rows[1:] {
		if r[col["pain"]] != "" {
			n++
		}
		if id := r[col["session_id"]]; !seen[id] && r[col["baseline_pain"]] != "" {
			seen[id] = true
			n++
		}
	}
	return n
}

func TestExportFHIR(t *testing.T) {
	s := newStore(t)
	doc, _ := exportFHIR(t, s)
	if doc.ResourceType != "Bundle" || doc.Type != "collection" || len(doc.Entry) != 1 ||
		doc.Entry[0].Resource["resourceType"] != "Patient" {
		t.Fatalf("an empty file: %+v", doc)
	}

	fill(t, s)
	// Control characters are refused on write (text_test.go); markup and
	// quotes from the records must come out as data.
	warn := "You reported a warning sign before the session, so there is no exercise today."
	w := testSession(time.Date(2025, 3, 7, 8, 0, 0, 0, zoneWest), StatusStopped)
	w.Baseline, w.Note = 2, warn
	w.Routine = "Phase <1> & \"more\""
	mustNil(t, s.PutSessionWithDecisions(w, []Decision{{SessionID: w.ID, Seq: 0, At: w.StartedAt.Add(time.Minute),
		Rule: routine.RuleWarningSign, Reason: warn, Sign: "Pain in a calf", Tier: "surgeon"}}))

	doc, raw := exportFHIR(t, s)
	if _, again := exportFHIR(t, s); !bytes.Equal(raw, again) {
		t.Error("two exports of the same data differ")
	}
	if bytes.ContainsAny(raw, "\x1b\u202e") || bytes.Contains(raw, []byte(`\u001b`)) || bytes.Contains(raw, []byte(`\u202e`)) {
		t.Error("a control character from the records reached the export")
	}
	patient := doc.Entry[0].FullURL
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	fhirID := regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`)
	urls := map[string]bool{}
	var obs, flags []map[string]any
	var effective []string
	for _, e := range doc.Entry {
		r := e.Resource
		if !uuid.MatchString(e.FullURL) || urls[e.FullURL] {
			t.Errorf("fullUrl %q is not a new urn:uuid", e.FullURL)
		}
		urls[e.FullURL] = true
		if id, _ := r["id"].(string); !fhirID.MatchString(id) {
			t.Errorf("id %q is not a FHIR id", id)
		}
		switch r["resourceType"] {
		case "Observation":
			obs = append(obs, r)
			effective = append(effective, r["effectiveDateTime"].(string))
			if r["subject"].(map[string]any)["reference"] != patient || r["status"] != "final" {
				t.Errorf("observation %v", r)
			}
			coding := r["code"].(map[string]any)["coding"].([]any)[0].(map[string]any)
			cat := r["category"].([]any)[0].(map[string]any)["coding"].([]any)[0].(map[string]any)
			if coding["system"] != "http://loinc.org" || coding["code"] != "72514-3" || cat["code"] != "survey" {
				t.Errorf("observation codes %v %v", coding, cat)
			}
		case "Flag":
			flags = append(flags, r)
		case "Patient":
			if e.FullURL != patient {
				t.Error("a second patient")
			}
		case "Encounter", "Procedure": // fhir_shape_test.go
		default:
			t.Errorf("a %v", r["resourceType"])
		}
	}
	// fill: three sessions with a check-in (a, c and the warning; b has
	// none), four sets of which three scored.
	if len(obs) != 6 || len(obs) != csvScores(t, s) {
		t.Errorf("%d observations, %d scores in the CSV", len(obs), csvScores(t, s))
	}
	want := []struct {
		id, at string
		value  int64
		note   string
	}{
		{"checkin-", "2025-03-04T09:30:00+02:00", 3, `Check-in before a session of Phase 1, "protect".`},
		{"set-", "2025-03-04T09:35:00+02:00", 2, "After set 1 of Ankle pumps, left side, dose level 0; check-in 3."},
		{"set-", "2025-03-04T09:35:00+02:00", 3, "After set 1 of Ankle pumps, right side, dose level 0; check-in 3."},
		{"set-", "2025-03-04T09:50:00+02:00", 1, "After set 1 of Walking, dose level 0; check-in 3."},
		{"checkin-", "2025-03-06T07:00:00+02:00", 3, "Check-in before a session of Phase 1: protect."},
		{"checkin-", "2025-03-07T08:00:00-05:00", 2, `Check-in before a session of Phase <1> & "more".`},
	}
	for i, o := range obs {
		v, _ := o["valueInteger"].(json.Number).Int64()
		note := o["note"].([]any)[0].(map[string]any)["text"]
		if !strings.HasPrefix(o["id"].(string), want[i].id) || effective[i] != want[i].at || v != want[i].value || note != want[i].note {
			t.Errorf("observation %d: %s at %s = %d, %q; want %s.. at %s = %d, %q", i, o["id"], effective[i], v, note,
				want[i].id, want[i].at, want[i].value, want[i].note)
		}
	}
	if c := obs[2]["component"].([]any); len(c) != 2 || c[1].(map[string]any)["valueString"] != "right" {
		t.Errorf("the exercise and side: %v", c)
	}
	if len(flags) != 1 {
		t.Fatalf("%d flags, want the warning sign's", len(flags))
	}
	f := flags[0]
	period := f["period"].(map[string]any)
	if text := f["code"].(map[string]any)["text"]; f["status"] != "inactive" || period["start"] != "2025-03-07T08:01:00-05:00" ||
		period["end"] != "2025-03-07T23:59:59-05:00" ||
		text != "Warning sign reported before exercise: Pain in a calf (call the surgeon today). "+warn {
		t.Errorf("flag %v", f)
	}
	// The tier alone, as a category of its own.
	if cats := f["category"].([]any); len(cats) != 2 || cats[1].(map[string]any)["text"] != "Warning sign tier: call the surgeon today" {
		t.Errorf("flag categories %v", f["category"])
	}
}
