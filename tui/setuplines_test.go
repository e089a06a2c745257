package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
)

func askSetup(t *testing.T, input string) (SetupAnswers, string, error) {
	t.Helper()
	var out strings.Builder
	q := SetupQuestion{In: strings.NewReader(input), Out: &out, Program: phasedProgram(), Now: t0, Order: routine.DayFirst}
	a, err := q.Ask()
	return a, out.String(), err
}

func TestSetupLinesAsksEveryQuestionAndTakesNoDefault(t *testing.T) {
	// Enter alone at each question, a wrong answer, then the real one.
	a, out, err := askSetup(t, "\n30/02/2026\n1 Nov 2026\n\n9\n3\n\r\n3\n")
	if err != nil {
		t.Fatal(err)
	}
	if a.SurgeryDate != "2026-11-01" || a.Region != string(routine.RegionCervical) || a.ClearedPhase != 2 {
		t.Errorf("answers %+v", a)
	}
	for _, want := range []string{
		"it does not replace your surgeon",
		"Question 1 of 3: When was your surgery? Type the date, for example 2026-11-01, 1 Nov 2026 or 01/11/2026 (day/month/year).",
		"Nothing was typed, so nothing was taken. No surgery date yet",
		"There is no 30 February.",
		"Your answer: 2026-11-01.",
		"Question 2 of 3: Where was the fusion? Type a number from 1 to 4:",
		"  1. Lower back (lumbar)\n  2. Mid back (thoracic)\n  3. Neck (cervical)\n  4. I am not sure\n",
		"Nothing was typed, so nothing was taken. Type a number from 1 to 4.",
		`"9" is not one of the numbers`,
		"Your answer: Neck (cervical).",
		"Question 3 of 3: Which phase has your surgeon or physical therapist cleared you for? Type a number from 1 to 4:",
		"  1. None yet, or I am not sure\n  2. Phase 1",
		"  3. Phase 2 · Static stabilization (needs no clearance)",
		"Your answer: Phase 2 · Static stabilization (needs no clearance).",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the questions lack %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "Nothing was typed, so nothing was taken."); n != 3 {
		t.Errorf("Enter alone was answered %d times, want 3", n)
	}
}

func TestSetupLinesSkipAndEnd(t *testing.T) {
	if _, _, err := askSetup(t, "2026-11-01\nskip\n"); !errors.Is(err, ErrSetupSkipped) {
		t.Errorf("skip: %v", err)
	}
	if _, _, err := askSetup(t, "2026-11-01\n2"); !errors.Is(err, ErrSetupUnfinished) {
		t.Errorf("input ended: %v", err)
	}
}

// The questions read a byte at a time: what follows them is left unread
// for the session.
func TestSetupLinesLeaveTheRestUnread(t *testing.T) {
	in := strings.NewReader("2026-11-01\n1\n1\nNEXT")
	q := SetupQuestion{In: in, Out: &strings.Builder{}, Program: phasedProgram(), Now: t0}
	if _, err := q.Ask(); err != nil {
		t.Fatal(err)
	}
	if in.Len() != len("NEXT") {
		t.Errorf("%d bytes left, want 4", in.Len())
	}
}
