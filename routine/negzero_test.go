package routine

import (
	"strings"
	"testing"
)

// A change that rounds to 0.0 reads as no change, never "down 0.0" or
// "-0.0".
func TestVerdictSentenceHasNoNegativeZero(t *testing.T) {
	v := Verdict{Days: 7, MinDays: 3, Recent: 2.96, Earlier: 3, RecentDays: 7, EarlierDays: 7, Change: -0.04, Threshold: 1, HasReference: true}
	s := v.Sentence()
	if !strings.Contains(s, "the same as the 7 days before") || strings.Contains(s, "-0.0") || strings.Contains(s, "0.0 from") {
		t.Errorf("%q", s)
	}
	v.Change = -0.5
	if s := v.Sentence(); !strings.Contains(s, "down 0.5 from the 7 days before") {
		t.Errorf("%q", s)
	}
}
