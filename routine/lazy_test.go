package routine

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestOpenProgramParsesOnlyWhatThePlanUses plans a recovery at several
// points on the shipped program and checks that only the routine chosen
// (and the one waiting for clearance) was parsed, and that the plan is
// the one the eager program gives.
func TestOpenProgramParsesOnlyWhatThePlanUses(t *testing.T) {
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
			lazy, err := OpenProgram(os.DirFS("../assets"), "routines")
			if err != nil {
				t.Fatal(err)
			}
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

// TestOpenProgramHeadersMatchTheFullParse: the quick header read of each
// shipped file says what its full parse says, and All parses them all.
func TestOpenProgramHeadersMatchTheFullParse(t *testing.T) {
	eager := planShipped(t)
	lazy, err := OpenProgram(os.DirFS("../assets"), "routines")
	if err != nil {
		t.Fatal(err)
	}
	if lazy.Len() != len(eager.Routines) {
		t.Fatalf("%d routines, want %d", lazy.Len(), len(eager.Routines))
	}
	for i, r := range eager.Routines {
		if got := lazy.Header(i); got != HeaderOf(r) {
			t.Errorf("routine %d: header %+v, full parse %+v", i, got, HeaderOf(r))
		}
	}
	all, err := lazy.All()
	if err != nil || !reflect.DeepEqual(all, eager.Routines) {
		t.Errorf("All: %v, the routines differ from LoadProgram's", err)
	}
	if got := lazy.Parsed(); len(got) != 5 {
		t.Errorf("after All, parsed %v", got)
	}
}

// TestOpenProgramTrickyFiles: a header the quick read cannot take (a
// multi-line string with a line that looks like a table) falls back to
// the full parse; a broken file is refused when it is used, and, if its
// header cannot be read, at once; ids stay unique.
func TestOpenProgramTrickyFiles(t *testing.T) {
	second := strings.Replace(strings.Replace(goodRoutine, `id = "phase1"`, `id = "phase2"`, 1), "phase = 1", "phase = 2", 1)
	tricky := strings.Replace(second, "rest_s = 10", "summary = \"\"\"\nRead this: \\\n[not a table] \\\nthen start.\"\"\"\nrest_s = 10", 1)
	if _, err := Parse("tricky.toml", []byte(tricky)); err != nil {
		t.Fatalf("the tricky file itself is wrong: %v", err)
	}
	broken := strings.Replace(second, "reps = 3", "reps = 300", 1)
	fsys := fstest.MapFS{"r/a.toml": {Data: []byte(goodRoutine)}, "r/b.toml": {Data: []byte(tricky)}}
	p, err := OpenProgram(fsys, "r")
	if err != nil {
		t.Fatal(err)
	}
	if h := p.Header(1); h.ID != "phase2" || h.Phase != 2 {
		t.Errorf("tricky header: %+v", h)
	}
	fsys["r/b.toml"] = &fstest.MapFile{Data: []byte(broken)}
	if p, err = OpenProgram(fsys, "r"); err != nil {
		t.Fatalf("a file broken below its header is refused before it is used: %v", err)
	}
	if _, err := p.At(1); err == nil || !strings.Contains(err.Error(), "b.toml") {
		t.Errorf("the broken routine, used: err = %v", err)
	}
	if _, ok := p.Routine("phase2"); ok {
		t.Error("Routine found a routine that does not parse")
	}
	if r, ok := p.Routine("phase1"); !ok || r.ID != "phase1" {
		t.Errorf("Routine(phase1) = %v, %v", r.ID, ok)
	}
	fsys["r/b.toml"] = &fstest.MapFile{Data: []byte("id = \"phase2\nname = 3\n")}
	if _, err := OpenProgram(fsys, "r"); err == nil || !strings.Contains(err.Error(), "b.toml") {
		t.Errorf("an unreadable header: err = %v", err)
	}
	fsys["r/b.toml"] = &fstest.MapFile{Data: []byte(goodRoutine)}
	if _, err := OpenProgram(fsys, "r"); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("duplicate routine id: err = %v", err)
	}
}
