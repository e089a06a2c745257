package assets

import (
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
)

// The warning signs must cover every sign CLINICAL.md names, in two tiers:
// emergency now, then the surgeon today.
func TestWarningsCoverEverySign(t *testing.T) {
	w, err := routine.LoadWarnings(FS, WarningsFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Tiers) != 2 || w.Tiers[0].ID != "emergency" || w.Tiers[1].ID != "surgeon" {
		t.Fatalf("tiers %+v, want emergency then surgeon", w.Tiers)
	}
	want := map[string][]string{
		"emergency": {"chest", "short of breath", "bladder", "cannot pass urine", "groin", "buttocks", "weakness in your legs", "neck fusion"},
		"surgeon":   {"38 °C", "100.4 °F", "chills", "red, hot, swollen", "leaking", "calf", "tingling", "fall", "medicine does not ease"},
	}
	for _, tier := range w.Tiers {
		text := strings.Join(tier.Signs, " | ")
		for _, w := range want[tier.ID] {
			if !strings.Contains(text, w) {
				t.Errorf("tier %s does not mention %q", tier.ID, w)
			}
		}
		if !strings.Contains(tier.Advice, "Do not exercise") {
			t.Errorf("tier %s advice does not say not to exercise: %q", tier.ID, tier.Advice)
		}
	}
}
