package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// The setup questions, the same words on the full screen and line by line.
const (
	questionDate   = "When was your surgery?"
	questionRegion = "Where was the fusion?"
	questionPhase  = "Which phase has your surgeon or physical therapist cleared you for?"
)

// notChosen marks a select nothing has been chosen in: region and cleared
// phase are clinical facts, so no answer is there until the patient gives one.
const (
	regionNotChosen = "?"
	phaseNotChosen  = -1
)

// choice is one answer of a select question.
type choice[T any] struct {
	label string
	value T
}

// regionChoices are the answers to questionRegion.
func regionChoices() []choice[string] {
	return []choice[string]{
		{"Lower back (lumbar)", string(routine.RegionLumbar)},
		{"Mid back (thoracic)", string(routine.RegionThoracic)},
		{"Neck (cervical)", string(routine.RegionCervical)},
		{"I am not sure", ""},
	}
}

// phaseChoices are the answers to questionPhase: none yet, then each
// phase of p; cleared is the phase already cleared, so a phase up to it is
// not said to need clearance.
func phaseChoices(p routine.Program, cleared int) []choice[int] {
	out := []choice[int]{{"None yet, or I am not sure", 0}}
	for _, r := range p.Headers() {
		label := fmt.Sprintf("Phase %d · %s", r.Phase, r.Name)
		switch {
		case r.NeedsClearance && r.Phase <= cleared:
			label += " (cleared)"
		case r.NeedsClearance:
			label += " (needs clearance)"
		default:
			label += " (needs no clearance)"
		}
		out = append(out, choice[int]{label, r.Phase})
	}
	return out
}

// dateQuestion is questionDate with the forms it reads.
func dateQuestion(o routine.DateOrder) string {
	return fmt.Sprintf("%s Type the date, %s.", questionDate, routine.DateForms(o))
}

// dateHint is the forms the date question reads, as a sentence of its own.
func dateHint(o routine.DateOrder) string {
	return "F" + strings.TrimPrefix(routine.DateForms(o), "f") + "."
}

// checkDate is the date question's check: the date in any common form,
// normalised to YYYY-MM-DD.
func checkDate(s string, now time.Time, o routine.DateOrder) (string, error) {
	d, err := routine.ParseSurgeryDateIn(s, now, o)
	if err != nil {
		return "", err
	}
	return d.Format(time.DateOnly), nil
}

var errRegionNotChosen = errors.New("no answer yet: choose where the fusion was with ← and →, then press Enter")
var errPhaseNotChosen = errors.New("no answer yet: choose the phase you are cleared for with ← and →, then press Enter")
