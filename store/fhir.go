package store

import (
	"bufio"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// The FHIR export: every pain score as an HL7 FHIR R4 Observation, for a
// care team's record system. It is one Bundle of type "collection": a
// Patient placeholder (spinecoach knows no name), one Observation per
// check-in score and per scored set, and a Flag per stop at the check-in
// (a warning sign reported, or pain too high to start). Every resource's
// id, and the urn:uuid of its entry, follow from the record it comes
// from, so two exports of the same data are byte for byte the same.
const (
	fhirLOINC        = "http://loinc.org"
	fhirPainCode     = "72514-3"
	fhirPainDisplay  = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
	fhirObsCategory  = "http://terminology.hl7.org/CodeSystem/observation-category"
	fhirFlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category"
	fhirPatientID    = "patient"
	fhirBundleID     = "spinecoach-export"
)

// fhirNamespace is the UUID namespace of the entries' urn:uuid names
// (a random UUID chosen once for spinecoach).
var fhirNamespace = [16]byte{0x5c, 0x3e, 0x0f, 0x1d, 0x7a, 0x42, 0x4e, 0x1b, 0x9b, 0x6d, 0x24, 0x8f, 0x31, 0xc2, 0x55, 0xe0}

// fhirUUID is the name-based (version 5) UUID of a resource, as a URN.
func fhirUUID(resourceType, id string) string {
	h := sha1.New()
	h.Write(fhirNamespace[:])
	h.Write([]byte(resourceType + "/" + id))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

type fhirCoding struct {
	System  string `json:"system"`
	Code    string `json:"code"`
	Display string `json:"display,omitempty"`
}

type fhirConcept struct {
	Coding []fhirCoding `json:"coding,omitempty"`
	Text   string       `json:"text,omitempty"`
}

type fhirReference struct {
	Reference string `json:"reference"`
}

type fhirAnnotation struct {
	Text string `json:"text"`
}

type fhirComponent struct {
	Code        fhirConcept `json:"code"`
	ValueString string      `json:"valueString"`
}

type fhirNarrative struct {
	Status string `json:"status"`
	Div    string `json:"div"`
}

type fhirPeriod struct {
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
}

// fhirResource is the union of the fields of the three resource types
// written; each leaves the others' empty.
type fhirResource struct {
	ResourceType      string           `json:"resourceType"`
	ID                string           `json:"id"`
	Text              *fhirNarrative   `json:"text,omitempty"`
	Status            string           `json:"status,omitempty"`
	Category          []fhirConcept    `json:"category,omitempty"`
	Code              *fhirConcept     `json:"code,omitempty"`
	Subject           *fhirReference   `json:"subject,omitempty"`
	EffectiveDateTime string           `json:"effectiveDateTime,omitempty"`
	Period            *fhirPeriod      `json:"period,omitempty"`
	ValueInteger      *int             `json:"valueInteger,omitempty"`
	Note              []fhirAnnotation `json:"note,omitempty"`
	Component         []fhirComponent  `json:"component,omitempty"`
}

type fhirEntry struct {
	FullURL  string       `json:"fullUrl"`
	Resource fhirResource `json:"resource"`
}

// fhirPain is the code of a 0-10 pain score, with a text that says which.
func fhirPain(text string) *fhirConcept {
	return &fhirConcept{Coding: []fhirCoding{{System: fhirLOINC, Code: fhirPainCode, Display: fhirPainDisplay}}, Text: text}
}

var fhirSurvey = []fhirConcept{{Coding: []fhirCoding{{System: fhirObsCategory, Code: "survey", Display: "Survey"}}}}

// ExportFHIR writes every session as one FHIR R4 Bundle (JSON): see the
// comment at the top of this file. Sessions in time order, within each
// the check-in, the stops at the check-in, then the scored sets in plan
// order. Times are RFC 3339 in the session's own offset. Sessions are
// streamed, not held in memory; one entry a line.
func (s *Store) ExportFHIR(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\"resourceType\":\"Bundle\",\"id\":%q,\"type\":\"collection\",\"entry\":[\n", fhirBundleID)
	patient := fhirUUID("Patient", fhirPatientID)
	subject := &fhirReference{Reference: patient}
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	put := func(first bool, e fhirEntry) error {
		if !first {
			bw.WriteString(",")
		}
		return enc.Encode(e) // Encode ends the entry with a newline
	}
	err := put(true, fhirEntry{FullURL: patient, Resource: fhirResource{ResourceType: "Patient", ID: fhirPatientID,
		Text: &fhirNarrative{Status: "generated", Div: `<div xmlns="http://www.w3.org/1999/xhtml">The patient who kept this spinecoach record: spinecoach holds no name or identifier.</div>`}}})
	if err != nil {
		return err
	}
	err = s.eachSession(true, func(sess Session, sets []SetRecord, decisions []Decision) error {
		_, off := sess.StartedAt.Zone()
		zone := time.FixedZone("", off)
		at := func(t time.Time) string {
			if t.IsZero() {
				t = sess.StartedAt
			}
			return t.In(zone).Format(time.RFC3339)
		}
		routineName := safetext.Spaced(sess.Routine)
		if routineName == "" {
			routineName = safetext.Spaced(sess.RoutineID)
		}
		of := ""
		if routineName != "" {
			of = " of " + routineName
		}
		if sess.Baseline >= 0 {
			id := "checkin-" + sess.ID
			v := sess.Baseline
			err := put(false, fhirEntry{FullURL: fhirUUID("Observation", id), Resource: fhirResource{
				ResourceType: "Observation", ID: id, Status: "final", Category: fhirSurvey,
				Code: fhirPain("Pain at the check-in before an exercise session, 0-10"), Subject: subject,
				EffectiveDateTime: at(sess.StartedAt), ValueInteger: &v,
				Note: []fhirAnnotation{{Text: "Check-in before a session" + of + "."}},
			}})
			if err != nil {
				return err
			}
		}
		for _, e := range fhirStopFlags(sess, decisions, zone, subject) {
			if err := put(false, e); err != nil {
				return err
			}
		}
		for _, r := range sets {
			if r.Skipped || r.Pain < 0 {
				continue
			}
			id := fmt.Sprintf("set-%s-%d", sess.ID, r.Index)
			name := safetext.Spaced(r.Exercise)
			if name == "" {
				name = safetext.Spaced(r.ExerciseID)
			}
			if name == "" {
				name = "an exercise"
			}
			components := []fhirComponent{{Code: fhirConcept{Text: "Exercise"}, ValueString: name}}
			where := name
			if r.Side != routine.NoSide {
				components = append(components, fhirComponent{Code: fhirConcept{Text: "Side"}, ValueString: r.Side.String()})
				where += ", " + r.Side.String() + " side"
			}
			note := fmt.Sprintf("After set %d of %s", r.SetNo, where)
			if r.DoseLevel >= 0 {
				note += fmt.Sprintf(", dose level %d", r.DoseLevel)
			}
			if sess.Baseline >= 0 {
				note += fmt.Sprintf("; check-in %d", sess.Baseline)
			}
			v := r.Pain
			err := put(false, fhirEntry{FullURL: fhirUUID("Observation", id), Resource: fhirResource{
				ResourceType: "Observation", ID: id, Status: "final", Category: fhirSurvey,
				Code: fhirPain("Pain after a set of exercise, 0-10"), Subject: subject,
				EffectiveDateTime: at(r.At), ValueInteger: &v,
				Note: []fhirAnnotation{{Text: note + "."}}, Component: components,
			}})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = s.fhirReviews(bw, enc, subject)
	}
	if err != nil {
		return err
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}
