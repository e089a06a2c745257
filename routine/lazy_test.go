package routine

import (
	"reflect"
	"testing"
)

// TestBuiltProgramTakesOnlyWhatThePlanUses plans a recovery at several
// points on the shipped program, built as the binary holds it, and checks
// that only the routine chosen (and the one waiting for clearance) was
// taken, and that the plan is the one the eager program gives.
func TestBuiltProgramTakesOnlyWhatThePlanUses(t *testing.T) {
	eager := planShipped(t)
	for _, tc := range []struct {
		name    string
		r       Recovery
		day     int
		want    string
		waiting string
	}{
		{"no surgery date", Recovery{}, 3, "phase1", ""},
		{"day 3", Recovery{SurgeryDate: planSurgery}, 3, "phase1", ""},
		{"week 2", Recovery{SurgeryDate: planSurgery}, 14, "phase2", ""},
		{"week 7, not cleared", Recovery{SurgeryDate: planSurgery}, 50, "phase2", "phase3"},
		{"week 7, cleared", Recovery{SurgeryDate: planSurgery, ClearedPhase: 3}, 50, "phase3", ""},
		{"week 30, cleared for all", Recovery{SurgeryDate: planSurgery, ClearedPhase: 5}, 210, "phase5", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var built []BuiltFile
			for _, r := range eager.Routines {
				built = append(built, BuiltFile{Name: r.ID + ".toml", Routine: r})
			}
			lazy := BuiltProgram(built)
			if got := lazy.Parsed(); len(got) != 0 {
				t.Fatalf("opening parsed %v", got)
			}
			plan := planMust(t, lazy, tc.r, planAt(tc.day))
			want := []string{tc.want}
			if tc.waiting != "" {
				want = append(want, tc.waiting)
			}
			if got := lazy.Parsed(); !reflect.DeepEqual(got, want) {
				t.Errorf("parsed %v, want only %v", got, want)
			}
			if ref := planMust(t, eager, tc.r, planAt(tc.day)); !reflect.DeepEqual(plan, ref) {
				t.Errorf("the lazy program's plan differs from the eager one's:\n%+v\n%+v", plan, ref)
			}
		})
	}
}
