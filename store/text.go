package store

import (
	"fmt"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// The text of a record is shown on terminals (the screens, history, the
// trends) and written to exports, so every write refuses a control
// character in it (internal/safetext) and text over these limits. They sit
// well above what the routine loader lets into a routine (routine.Max*),
// whose names and sentences records copy; an exercise ID has the limit
// its key sets (maxExerciseIDLen, exercisedays.go).
const (
	maxTextLen     = 1000 // a routine ID or name, an exercise name, a rule, a note, a reason
	maxSettingLen  = 64   // region, cues, theme
	maxFileNameLen = 255  // the name of the prescription's file
	// maxPrescriptionLen is the prescription kept in the profile: a routine
	// file (routine.MaxFileSize), checked again by the loader at each load.
	maxPrescriptionLen = 256 << 10
)

// The longest value each kind of record can have, with every text at its
// limit and escaped by encoding/json at its worst. A value read from the
// file that claims more is damage: it is refused before a byte of it is
// decoded, so a flipped bit in a stored length can cost neither memory
// nor time (the page walk, pages.go, finds the same damage at Open).
const (
	maxRecordValue  = 128 << 10
	maxProfileValue = 8 * maxPrescriptionLen
)

// checkValue refuses a stored value longer than any record of its kind.
func checkValue(kind string, v []byte, max int) error {
	if len(v) > max {
		return fmt.Errorf("the stored %s claims %d bytes, more than any %s can have (%d)", kind, len(v), kind, max)
	}
	return nil
}

// textErr checks the text fields of a record, given as pairs of a field
// name and its text with their limit; where names the record.
func textErr(where string, fields ...textField) error {
	for _, f := range fields {
		if err := safetext.Check(f.name, f.text, f.max); err != nil {
			return invalid("%s: %s", where, err)
		}
	}
	return nil
}

type textField struct {
	name, text string
	max        int
}

func sessionText(s Session) error {
	return textErr("session "+s.ID,
		textField{"routine id", s.RoutineID, maxTextLen},
		textField{"routine", s.Routine, maxTextLen},
		textField{"note", s.Note, maxTextLen})
}

func setText(r SetRecord) error {
	return textErr(fmt.Sprintf("set %d of session %s", r.Index, r.SessionID),
		textField{"exercise id", r.ExerciseID, maxExerciseIDLen},
		textField{"exercise", r.Exercise, maxTextLen})
}

func decisionText(d Decision) error {
	return textErr(fmt.Sprintf("decision %d of session %s", d.Seq, d.SessionID),
		textField{"rule", d.Rule, maxTextLen},
		textField{"exercise id", d.ExerciseID, maxExerciseIDLen},
		textField{"exercise", d.Exercise, maxTextLen},
		textField{"reason", d.Reason, maxTextLen},
		textField{"sign", d.Sign, maxTextLen},
		textField{"tier", d.Tier, maxSettingLen})
}

func profileText(p Profile) error {
	if len(p.Prescription) > maxPrescriptionLen {
		return invalid("profile: the prescription is %d bytes long; at most %d are allowed", len(p.Prescription), maxPrescriptionLen)
	}
	return textErr("profile",
		textField{"region", p.Region, maxSettingLen},
		textField{"cues", p.Cues, maxSettingLen},
		textField{"theme", p.Theme, maxSettingLen},
		textField{"prescription name", p.PrescriptionName, maxFileNameLen},
		textField{"patient name", p.PatientName, maxSettingLen * 4},
		textField{"patient identifier", p.PatientID, maxSettingLen},
		textField{"patient identifier system", p.PatientIDSystem, maxFileNameLen})
}

// The clean functions replace any control character in a record read from
// the file with U+FFFD: a file written before control characters were
// refused may hold some, and nothing read from it may steer a terminal.
// Clean text is returned as it is, without a copy.

func (s Session) clean() Session {
	s.RoutineID, s.Routine, s.Note = safetext.Line(s.RoutineID), safetext.Line(s.Routine), safetext.Line(s.Note)
	return s
}

func (r SetRecord) clean() SetRecord {
	r.ExerciseID, r.Exercise = safetext.Line(r.ExerciseID), safetext.Line(r.Exercise)
	return r
}

func (d Decision) clean() Decision {
	d.Rule, d.ExerciseID = safetext.Line(d.Rule), safetext.Line(d.ExerciseID)
	d.Exercise, d.Reason = safetext.Line(d.Exercise), safetext.Line(d.Reason)
	d.Sign, d.Tier = safetext.Line(d.Sign), safetext.Line(d.Tier)
	return d
}

// clean leaves the prescription as it is: the loader checks it at every
// load, refusing a control character with its line.
func (p Profile) clean() Profile {
	p.Region, p.Cues, p.Theme = safetext.Line(p.Region), safetext.Line(p.Cues), safetext.Line(p.Theme)
	p.PrescriptionName = safetext.Line(p.PrescriptionName)
	p.PatientName, p.PatientID = safetext.Line(p.PatientName), safetext.Line(p.PatientID)
	p.PatientIDSystem = safetext.Line(p.PatientIDSystem)
	return p
}
