package store

import (
	"fmt"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// fhirStopFlags are a session's stops at the check-in as FHIR Flags, one
// each: a warning sign reported (its code text names the sign and its
// tier, which a second category gives alone) or pain too high to start.
// Each lasts to the end of the day it closed.
func fhirStopFlags(c fhirSession, decisions []Decision) []fhirEntry {
	var out []fhirEntry
	for _, d := range decisions {
		if !routine.IsCheckInStop(d.Rule) {
			continue
		}
		id := fmt.Sprintf("stop-%s-%d", c.sess.ID, d.Seq)
		category := []fhirConcept{{Coding: []fhirCoding{{System: fhirFlagCategory, Code: "clinical", Display: "Clinical"}}}}
		what := "Pain too high to start exercise"
		if d.Rule == routine.RuleWarningSign {
			sign := safetext.Spaced(d.Domain().SignText())
			what = "Warning sign reported before exercise: " + sign
			category = append(category, fhirConcept{Text: "Warning sign tier: " + safetext.Spaced(routine.TierWords(d.Tier))})
		}
		if reason := safetext.Spaced(d.Reason); reason != "" {
			what += ". " + reason
		}
		start := d.At
		if start.IsZero() {
			start = c.sess.StartedAt
		}
		local := start.In(c.zone)
		end := time.Date(local.Year(), local.Month(), local.Day(), 23, 59, 59, 0, c.zone) // the stop closes that day
		out = append(out, fhirEntry{FullURL: fhirUUID("Flag", id), Resource: fhirResource{
			ResourceType: "Flag", ID: id, Status: "inactive", Category: category,
			Code: &fhirConcept{Text: what}, Subject: c.subject, Encounter: c.encounter,
			Period: &fhirPeriod{Start: c.at(start), End: end.Format(time.RFC3339)},
		}})
	}
	return out
}
