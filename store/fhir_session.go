package store

import (
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// fhirSession is what the builders of one session's resources share: the
// session, its offset, the names of its Encounter and Procedure, and the
// Patient.
type fhirSession struct {
	sess      Session
	zone      *time.Location
	routine   string // its routine's name, for the notes; "" when it has none
	subject   *fhirReference
	encounter *fhirReference
	procedure *fhirReference
}

func newFHIRSession(sess Session, subject *fhirReference) fhirSession {
	_, off := sess.StartedAt.Zone()
	name := safetext.Spaced(sess.Routine)
	if name == "" {
		name = safetext.Spaced(sess.RoutineID)
	}
	return fhirSession{
		sess: sess, zone: time.FixedZone("", off), routine: name, subject: subject,
		encounter: &fhirReference{Reference: fhirUUID("Encounter", "session-"+sess.ID)},
		procedure: &fhirReference{Reference: fhirUUID("Procedure", "exercise-"+sess.ID)},
	}
}

// at is t in the session's offset, RFC 3339; the session's start for an
// unknown time.
func (c fhirSession) at(t time.Time) string {
	if t.IsZero() {
		t = c.sess.StartedAt
	}
	return t.In(c.zone).Format(time.RFC3339)
}

// period is the session's span: from its start to its end, if it ended.
func (c fhirSession) period() *fhirPeriod {
	p := &fhirPeriod{Start: c.at(c.sess.StartedAt)}
	if !c.sess.EndedAt.IsZero() && !c.sess.EndedAt.Before(c.sess.StartedAt) {
		p.End = c.at(c.sess.EndedAt)
	}
	return p
}
