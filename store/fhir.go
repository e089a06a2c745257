package store

import (
	"crypto/sha1"
	"fmt"
	"io"
	"time"
)

// The FHIR export: every pain score as an HL7 FHIR R4 Observation, for a
// care team's record system. It is one Bundle of type "collection", with
// an identifier (a name-based UUID of its entries) and a timestamp: the
// Patient (with the name and identifier setup was given, if any; never
// guessed), and for each session an Encounter (the session at home), a
// Procedure (the exercise done in it), an Observation for the check-in
// score, a Flag per stop at the check-in (a warning sign reported, or
// pain too high to start), an Observation per build-up decided at the
// check-in (the minutes of a timed activity that day, fhir_buildup.go)
// and an Observation per scored set. A check-in
// and an after-set score are told apart by code (a second coding of
// spinecoach's own beside LOINC 72514-3) and by structure (a set's score
// is partOf the session's Procedure; the check-in comes before it). Each
// resource kind has a builder of its own (fhir_<kind>.go). Every id, and
// the urn:uuid of its entry, follow from the record it comes from, so two
// exports of the same data at the same time are byte for byte the same.
const (
	fhirLOINC        = "http://loinc.org"
	fhirPainCode     = "72514-3"
	fhirPainDisplay  = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
	fhirObsCategory  = "http://terminology.hl7.org/CodeSystem/observation-category"
	fhirUCUM         = "http://unitsofmeasure.org"
	fhirFlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category"
	fhirPatientID    = "patient"
	fhirBundleID     = "spinecoach-export"
	// fhirTiming is spinecoach's own code system for when a pain score
	// was given: its codes refine LOINC 72514-3.
	fhirTiming = "https://github.com/spinecoach/spinecoach/fhir/CodeSystem/pain-timing"
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

type fhirIdentifier struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value"`
}

type fhirHumanName struct {
	Text string `json:"text"`
}

type fhirAnnotation struct {
	Text string `json:"text"`
}

type fhirComponent struct {
	Code        fhirConcept `json:"code"`
	ValueString string      `json:"valueString"`
}

// fhirQuantity is a whole number of a UCUM unit.
type fhirQuantity struct {
	Value  int    `json:"value"`
	Unit   string `json:"unit"`
	System string `json:"system"`
	Code   string `json:"code"`
}

type fhirNarrative struct {
	Status string `json:"status"`
	Div    string `json:"div"`
}

type fhirPeriod struct {
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
}

// fhirResource is the union of the fields of the resource types
// written; each leaves the others' empty.
type fhirResource struct {
	ResourceType      string           `json:"resourceType"`
	ID                string           `json:"id"`
	Text              *fhirNarrative   `json:"text,omitempty"`
	Identifier        []fhirIdentifier `json:"identifier,omitempty"`
	Name              []fhirHumanName  `json:"name,omitempty"`
	Status            string           `json:"status,omitempty"`
	Class             *fhirCoding      `json:"class,omitempty"`
	PartOf            []fhirReference  `json:"partOf,omitempty"`
	Category          []fhirConcept    `json:"category,omitempty"`
	Type              []fhirConcept    `json:"type,omitempty"`
	Code              *fhirConcept     `json:"code,omitempty"`
	Subject           *fhirReference   `json:"subject,omitempty"`
	Encounter         *fhirReference   `json:"encounter,omitempty"`
	EffectiveDateTime string           `json:"effectiveDateTime,omitempty"`
	Period            *fhirPeriod      `json:"period,omitempty"`
	PerformedPeriod   *fhirPeriod      `json:"performedPeriod,omitempty"`
	ValueInteger      *int             `json:"valueInteger,omitempty"`
	ValueQuantity     *fhirQuantity    `json:"valueQuantity,omitempty"`
	Note              []fhirAnnotation `json:"note,omitempty"`
	Component         []fhirComponent  `json:"component,omitempty"`
}

type fhirEntry struct {
	FullURL  string       `json:"fullUrl"`
	Resource fhirResource `json:"resource"`
}

// ExportFHIR writes every session as one FHIR R4 Bundle (JSON), stamped
// now: see the comment at the top of this file. Sessions in time order;
// each session's resources in the order of its builders below. Times are
// RFC 3339 in the session's own offset. Sessions are streamed, not held
// in memory; one entry a line.
func (s *Store) ExportFHIR(w io.Writer, now time.Time) error {
	profile, err := s.Profile()
	if err != nil {
		return err
	}
	b := newFHIRBundle(w)
	if err := b.put(fhirPatient(profile)); err != nil {
		return err
	}
	err = s.eachSession(true, func(sess Session, sets []SetRecord, decisions []Decision) error {
		c := newFHIRSession(sess, b.subject)
		b.put(fhirEncounter(c))
		b.put(fhirProcedure(c))
		b.put(fhirCheckIn(c)...)
		b.put(fhirStopFlags(c, decisions)...)
		b.put(fhirBuildUps(c, decisions)...)
		return b.put(fhirSetScores(c, sets)...)
	})
	if err == nil {
		err = s.fhirReviews(b)
	}
	if err != nil {
		return err
	}
	return b.close(now)
}
