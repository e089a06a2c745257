package store

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

// byType groups a Bundle's resources by type, and indexes them by fullUrl.
func byType(doc fhirDoc) (map[string][]map[string]any, map[string]map[string]any) {
	types, urls := map[string][]map[string]any{}, map[string]map[string]any{}
	for _, e := range doc.Entry {
		t := e.Resource["resourceType"].(string)
		types[t] = append(types[t], e.Resource)
		urls[e.FullURL] = e.Resource
	}
	return types, urls
}

func ref(r map[string]any, field string) string {
	v, _ := r[field].(map[string]any)
	s, _ := v["reference"].(string)
	return s
}

// A check-in score and an after-set score differ by a coded element (the
// second coding, spinecoach's timing code) and by structure: a set's
// score is partOf the session's Procedure, the check-in is not; both are
// in the session's Encounter.
func TestFHIRTellsCheckInFromAfterSetByCode(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	doc, _ := exportFHIR(t, s)
	types, urls := byType(doc)
	if len(types["Encounter"]) != 3 || len(types["Procedure"]) != 3 {
		t.Fatalf("%d Encounters and %d Procedures for 3 sessions", len(types["Encounter"]), len(types["Procedure"]))
	}
	kinds := map[string]int{}
	for _, o := range types["Observation"] {
		codings := o["code"].(map[string]any)["coding"].([]any)
		if len(codings) != 2 {
			t.Fatalf("observation %s has %d codings, want LOINC and the timing", o["id"], len(codings))
		}
		timing := codings[1].(map[string]any)
		if timing["system"] != fhirTiming {
			t.Fatalf("observation %s: second coding %v", o["id"], timing)
		}
		kind := timing["code"].(string)
		kinds[kind]++
		enc := urls[ref(o, "encounter")]
		if enc == nil || enc["resourceType"] != "Encounter" {
			t.Errorf("observation %s is in no Encounter of the Bundle", o["id"])
		}
		partOf, _ := o["partOf"].([]any)
		switch {
		case kind == "check-in" && strings.HasPrefix(o["id"].(string), "checkin-") && partOf == nil:
		case kind == "after-set" && strings.HasPrefix(o["id"].(string), "set-") && len(partOf) == 1:
			proc := urls[partOf[0].(map[string]any)["reference"].(string)]
			if proc == nil || proc["resourceType"] != "Procedure" || ref(proc, "encounter") != ref(o, "encounter") {
				t.Errorf("set score %s is not partOf its session's Procedure: %v", o["id"], proc)
			}
		default:
			t.Errorf("observation %s: code %q with partOf %v", o["id"], kind, partOf)
		}
	}
	if kinds["check-in"] != 2 || kinds["after-set"] != 3 {
		t.Errorf("codes %v, want 2 check-ins and 3 after-set scores", kinds)
	}
	for _, p := range types["Procedure"] {
		code := p["code"].(map[string]any)["coding"].([]any)[0].(map[string]any)
		if code["system"] != "http://snomed.info/sct" || code["code"] != "229065009" {
			t.Errorf("procedure code %v", code)
		}
	}
}

// The Bundle has an identifier that follows from its entries and a
// timestamp that is the time given; the Patient has no name or identifier
// until setup gives them, and then exactly those.
func TestFHIRBundleIdentifierAndPatient(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	raw := func() map[string]any {
		_, b := exportFHIR(t, s)
		var m map[string]any
		mustNil(t, json.Unmarshal(b, &m))
		return m
	}
	first := raw()
	id := first["identifier"].(map[string]any)
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if id["system"] != "urn:ietf:rfc:3986" || !uuid.MatchString(id["value"].(string)) {
		t.Errorf("identifier %v", id)
	}
	if first["timestamp"] != fhirTestNow.Format(time.RFC3339) {
		t.Errorf("timestamp %v, want %s", first["timestamp"], fhirTestNow.Format(time.RFC3339))
	}
	patient := first["entry"].([]any)[0].(map[string]any)["resource"].(map[string]any)
	if patient["name"] != nil || patient["identifier"] != nil {
		t.Errorf("a Patient with a name or identifier nobody gave: %v", patient)
	}
	p, err := s.Profile()
	mustNil(t, err)
	p.PatientName, p.PatientID, p.PatientIDSystem = "Ana <María> Pérez", "MRN-0042", "urn:oid:1.2.36.146.595.217.0.1"
	mustNil(t, s.PutProfile(p))
	second := raw()
	if second["identifier"].(map[string]any)["value"] == id["value"] {
		t.Error("the identifier did not change with the entries")
	}
	patient = second["entry"].([]any)[0].(map[string]any)["resource"].(map[string]any)
	name := patient["name"].([]any)[0].(map[string]any)["text"]
	ident := patient["identifier"].([]any)[0].(map[string]any)
	if name != "Ana <María> Pérez" || ident["value"] != "MRN-0042" || ident["system"] != "urn:oid:1.2.36.146.595.217.0.1" {
		t.Errorf("patient %v", patient)
	}
	if div := patient["text"].(map[string]any)["div"].(string); !strings.Contains(div, "Ana &lt;María&gt; Pérez") {
		t.Errorf("the narrative does not escape the name: %s", div)
	}
	if third := raw(); third["identifier"].(map[string]any)["value"] != second["identifier"].(map[string]any)["value"] {
		t.Error("two exports of the same records have different identifiers")
	}
}
