package store

// fhirProcedure is the exercise done in the session (SNOMED CT 229065009,
// exercise therapy): the scores given after its sets are partOf it; the
// check-in, given before it began, is not.
func fhirProcedure(c fhirSession) fhirEntry {
	status := map[Status]string{
		StatusInProgress: "in-progress", StatusCompleted: "completed",
		StatusStopped: "stopped", StatusAbandoned: "stopped",
	}[c.sess.Status]
	if status == "" {
		status = "unknown"
	}
	text := "Home exercise after spinal fusion"
	if c.routine != "" {
		text += ": " + c.routine
	}
	var note []fhirAnnotation
	if c.sess.Status == StatusStopped || c.sess.Status == StatusAbandoned {
		note = []fhirAnnotation{{Text: "The session was " + c.sess.Status.String() + " before its end."}}
	}
	id := "exercise-" + c.sess.ID
	return fhirEntry{FullURL: c.procedure.Reference, Resource: fhirResource{
		ResourceType: "Procedure", ID: id, Status: status,
		Code: &fhirConcept{Coding: []fhirCoding{{System: "http://snomed.info/sct", Code: "229065009", Display: "Exercise therapy"}},
			Text: text},
		Subject: c.subject, Encounter: c.encounter, PerformedPeriod: c.period(), Note: note,
	}}
}
