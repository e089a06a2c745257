package cli

import (
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
)

// An average rise that rounds to zero is written 0.0, never -0.0.
func TestPlainExerciseHasNoNegativeZero(t *testing.T) {
	got := plainExercise(routine.ExerciseStat{Exercise: "Bridge", Sets: 4, HasRise: true, AvgRise: -0.04})
	if !strings.Contains(got, "average rise 0.0 over the check-in") {
		t.Errorf("%q", got)
	}
}
