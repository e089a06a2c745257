package store

import (
	"fmt"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// A build-up's time for the day (CLINICAL.md, "How far") as an
// Observation: the minutes a timed activity is set to that day, a
// valueQuantity in UCUM minutes, coded by spinecoach's own code system
// (no LOINC code says "minutes an activity is built up to"), in the
// session's Encounter whose check-in decided it. The rule that decided
// it is a component with the rule's id, as the CSV's event and the
// JSON's rule give it: build-up (the time moved, or started) or
// build-up-hold (it stayed).
const fhirBuildUpSystem = "https://github.com/spinecoach/spinecoach/fhir/CodeSystem/build-up"

var (
	fhirBuildUpCode = fhirCoding{System: fhirBuildUpSystem, Code: "minutes",
		Display: "Minutes a timed activity is built up to for the day, before any cut of the dose ladder"}
	fhirTherapy = []fhirConcept{{Coding: []fhirCoding{{System: fhirObsCategory, Code: "therapy", Display: "Therapy"}}}}
)

// fhirBuildUps are the Observations of the session's build-up decisions
// that carry a time (a stored decision without one says nothing to
// measure, and the JSON export leaves its minutes out too).
func fhirBuildUps(c fhirSession, decisions []Decision) []fhirEntry {
	var out []fhirEntry
	for _, d := range decisions {
		if !routine.IsBuildUp(d.Rule) || d.Minutes <= 0 {
			continue
		}
		name := safetext.Spaced(d.Exercise)
		if name == "" {
			name = safetext.Spaced(d.ExerciseID)
		}
		if name == "" {
			name = "A timed activity"
		}
		id := fmt.Sprintf("buildup-%s-%d", c.sess.ID, d.Seq)
		note := fmt.Sprintf("%d minutes of %s today, from the build-up at the check-in; the dose ladder cuts on top (level %d).",
			d.Minutes, name, d.LevelAfter)
		if reason := safetext.Spaced(d.Reason); reason != "" {
			note = reason + " " + note
		}
		out = append(out, fhirEntry{FullURL: fhirUUID("Observation", id), Resource: fhirResource{
			ResourceType: "Observation", ID: id, Status: "final", Category: fhirTherapy,
			Code:    &fhirConcept{Coding: []fhirCoding{fhirBuildUpCode}, Text: name + ": minutes for the day, as built up"},
			Subject: c.subject, Encounter: c.encounter, EffectiveDateTime: c.at(d.At),
			ValueQuantity: &fhirQuantity{Value: d.Minutes, Unit: "min", System: fhirUCUM, Code: "min"},
			Note:          []fhirAnnotation{{Text: note}},
			Component: []fhirComponent{
				{Code: fhirConcept{Text: "Exercise"}, ValueString: name},
				{Code: fhirConcept{Text: "Build-up rule"}, ValueString: d.Rule},
			},
		}})
	}
	return out
}
