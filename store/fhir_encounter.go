package store

// fhirEncounter is the session as an Encounter: the patient at home
// (v3 ActCode HH, home health), from the session's start to its end. Its
// scores and its Procedure refer to it.
func fhirEncounter(c fhirSession) fhirEntry {
	status := "finished"
	if c.sess.Status == StatusInProgress {
		status = "in-progress"
	}
	text := "Home exercise session"
	if c.routine != "" {
		text += ": " + c.routine
	}
	id := "session-" + c.sess.ID
	return fhirEntry{FullURL: c.encounter.Reference, Resource: fhirResource{
		ResourceType: "Encounter", ID: id, Status: status,
		Class: &fhirCoding{System: "http://terminology.hl7.org/CodeSystem/v3-ActCode", Code: "HH", Display: "home health"},
		Type:  []fhirConcept{{Text: text}}, Subject: c.subject, Period: c.period(),
	}}
}
