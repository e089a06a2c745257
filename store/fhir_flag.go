package store

import (
	"fmt"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// fhirStopFlags are a Flag per stop at the session's check-in (a warning
// sign reported, or pain too high to start), for the day it closed.
func fhirStopFlags(c fhirSession, decisions []Decision) []fhirEntry {
	var out []fhirEntry
	for _, d := range decisions {
		if !routine.IsCheckInStop(d.Rule) {
			continue
		}
		id := fmt.Sprintf("stop-%s-%d", c.sess.ID, d.Seq)
		what := "Warning sign reported before exercise"
		if d.Rule == routine.RuleBaselineStop {
			what = "Pain too high to start exercise"
		}
		if reason := safetext.Spaced(d.Reason); reason != "" {
			what += ": " + reason
		}
		start := d.At
		if start.IsZero() {
			start = c.sess.StartedAt
		}
		local := start.In(c.zone)
		end := time.Date(local.Year(), local.Month(), local.Day(), 23, 59, 59, 0, c.zone) // the stop closes that day
		out = append(out, fhirEntry{FullURL: fhirUUID("Flag", id), Resource: fhirResource{
			ResourceType: "Flag", ID: id, Status: "inactive",
			Category: []fhirConcept{{Coding: []fhirCoding{{System: fhirFlagCategory, Code: "clinical", Display: "Clinical"}}}},
			Code:     &fhirConcept{Text: what}, Subject: c.subject, Encounter: c.encounter,
			Period: &fhirPeriod{Start: c.at(start), End: end.Format(time.RFC3339)},
		}})
	}
	return out
}
