package store

import (
	"fmt"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// The two kinds of pain score, as spinecoach's own codes beside LOINC
// 72514-3 (the same 0-10 scale): a receiving system tells them apart by
// code, not by reading the text.
var (
	fhirCheckInCode  = fhirCoding{System: fhirTiming, Code: "check-in", Display: "Pain 0-10 at the check-in, before an exercise session"}
	fhirAfterSetCode = fhirCoding{System: fhirTiming, Code: "after-set", Display: "Pain 0-10 right after a set of an exercise"}
	// The weekly review's back and leg (or arm) pain: over the last week,
	// in no exercise session.
	fhirWeeklyReviewCode = fhirCoding{System: fhirTiming, Code: "weekly-review", Display: "Pain 0-10 over the last week, at the weekly review"}
)

var fhirSurvey = []fhirConcept{{Coding: []fhirCoding{{System: fhirObsCategory, Code: "survey", Display: "Survey"}}}}

// fhirPain is the code of a 0-10 pain score of the kind timing says.
func fhirPain(timing fhirCoding, text string) *fhirConcept {
	return &fhirConcept{Coding: []fhirCoding{{System: fhirLOINC, Code: fhirPainCode, Display: fhirPainDisplay}, timing}, Text: text}
}

// fhirCheckIn is the Observation of the session's check-in score, if it
// has one: in the session's Encounter, before its Procedure.
func fhirCheckIn(c fhirSession) []fhirEntry {
	if c.sess.Baseline < 0 {
		return nil
	}
	of := ""
	if c.routine != "" {
		of = " of " + c.routine
	}
	id, v := "checkin-"+c.sess.ID, c.sess.Baseline
	return []fhirEntry{{FullURL: fhirUUID("Observation", id), Resource: fhirResource{
		ResourceType: "Observation", ID: id, Status: "final", Category: fhirSurvey,
		Code:    fhirPain(fhirCheckInCode, "Pain at the check-in before an exercise session, 0-10"),
		Subject: c.subject, Encounter: c.encounter, EffectiveDateTime: c.at(c.sess.StartedAt), ValueInteger: &v,
		Note: []fhirAnnotation{{Text: "Check-in before a session" + of + "."}},
	}}}
}

// fhirSetScores are the Observations of the scores after the session's
// sets (a skipped set has none): partOf its Procedure.
func fhirSetScores(c fhirSession, sets []SetRecord) []fhirEntry {
	var out []fhirEntry
	for _, r := range sets {
		if r.Skipped || r.Pain < 0 {
			continue
		}
		name, side := fhirExerciseName(r), ""
		components := []fhirComponent{{Code: fhirConcept{Text: "Exercise"}, ValueString: name}}
		if r.Side != routine.NoSide {
			components = append(components, fhirComponent{Code: fhirConcept{Text: "Side"}, ValueString: r.Side.String()})
			side = ", " + r.Side.String() + " side"
		}
		note := fmt.Sprintf("After set %d of %s%s", r.SetNo, name, side)
		if r.DoseLevel >= 0 {
			note += fmt.Sprintf(", dose level %d", r.DoseLevel)
		}
		if c.sess.Baseline >= 0 {
			note += fmt.Sprintf("; check-in %d", c.sess.Baseline)
		}
		id, v := fmt.Sprintf("set-%s-%d", c.sess.ID, r.Index), r.Pain
		out = append(out, fhirEntry{FullURL: fhirUUID("Observation", id), Resource: fhirResource{
			ResourceType: "Observation", ID: id, Status: "final", PartOf: []fhirReference{*c.procedure},
			Category: fhirSurvey, Code: fhirPain(fhirAfterSetCode, "Pain after a set of exercise, 0-10"),
			Subject: c.subject, Encounter: c.encounter, EffectiveDateTime: c.at(r.At), ValueInteger: &v,
			Note: []fhirAnnotation{{Text: note + "."}}, Component: components,
		}})
	}
	return out
}

// fhirExerciseName is a set's exercise as the notes name it.
func fhirExerciseName(r SetRecord) string {
	if name := safetext.Spaced(r.Exercise); name != "" {
		return name
	}
	if id := safetext.Spaced(r.ExerciseID); id != "" {
		return id
	}
	return "an exercise"
}
