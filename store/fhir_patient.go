package store

import (
	"html"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// fhirPatient is the Patient every resource is about: with the name and
// the identifier (a clinic's record number) setup was given, and neither
// when it was not; spinecoach never guesses one.
func fhirPatient(p Profile) fhirEntry {
	r := fhirResource{ResourceType: "Patient", ID: fhirPatientID}
	div := "The patient who kept this spinecoach record: no name or identifier was given to spinecoach."
	if name := safetext.Spaced(p.PatientName); name != "" {
		r.Name = []fhirHumanName{{Text: name}}
		div = "The patient who kept this spinecoach record: " + html.EscapeString(name) + "."
	}
	if id := safetext.Spaced(p.PatientID); id != "" {
		r.Identifier = []fhirIdentifier{{System: safetext.Spaced(p.PatientIDSystem), Value: id}}
	}
	r.Text = &fhirNarrative{Status: "generated", Div: `<div xmlns="http://www.w3.org/1999/xhtml">` + div + `</div>`}
	return fhirEntry{FullURL: fhirUUID("Patient", fhirPatientID), Resource: r}
}
