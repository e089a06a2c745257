package routine

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const goodRoutine = `id = "phase1"
name = "Nerve glides"
phase = 1
rest_s = 10
precautions = ["No lifting."]

[[exercise]]
id = "glide"
name = "Straight-leg glide"
sides = true
position = "On your back."
cues = ["Knee straight.", "Breathe."]
reps = 3
hold_s = 30

[[exercise]]
id = "walk"
name = "Walk"
position = "Stand up."
cues = ["Easy pace."]
duration_s = 300

[[exercise]]
id = "pumps"
name = "Ankle pumps"
position = "On your back."
cues = ["Up and down."]
count = 10
pace_s = 2
optional = true
`

func TestParseGood(t *testing.T) {
	r, err := Parse("p1.toml", []byte(goodRoutine))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "phase1" || len(r.Exercises) != 3 {
		t.Fatalf("got %+v", r)
	}
	g := r.Exercises[0]
	if g.Dose != (Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}) || !g.Sides || g.Dose.Kind() != Holds {
		t.Errorf("glide dose %+v", g.Dose)
	}
	if got := g.DoseText(g.Dose); got != "3 holds of 30 s, each side" {
		t.Errorf("dose text %q", got)
	}
	if w := r.Exercises[1]; w.Dose.Kind() != Timed || w.DoseText(w.Dose) != "5 min" {
		t.Errorf("walk %+v %q", w.Dose, w.DoseText(w.Dose))
	}
	if p := r.Exercises[2]; p.Dose.Kind() != Counted || !p.Optional || p.DoseText(p.Dose) != "10 times, about 2 s each" {
		t.Errorf("pumps %+v %q", p.Dose, p.DoseText(p.Dose))
	}
}

// TestParseErrors changes one line of a good file and checks that the
// error names the file and the line of the problem.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, from, to string
		line           int
		want           string
	}{
		{"unknown top key", `rest_s = 10`, `rest_s = 10` + "\nrestt = 5", 5, `unknown key "restt"`},
		{"unknown exercise key", `hold_s = 30`, "hold_s = 30\nhodl_s = 30", 15, `unknown key "exercise.hodl_s"`},
		{"zero reps", `reps = 3`, `reps = 0`, 13, "reps must be from 1 to 20, got 0"},
		{"hold over 10 minutes", `hold_s = 30`, `hold_s = 601`, 14, "hold_s must be from 1 to 600, got 601"},
		{"missing name", `name = "Walk"`, ``, 16, `exercise "walk": name is missing`},
		{"missing position", `position = "Stand up."`, ``, 16, "position is missing"},
		{"two dose kinds", `duration_s = 300`, "duration_s = 300\ncount = 4", 16, "exactly one dose"},
		{"no cues", `cues = ["Easy pace."]`, `cues = []`, 20, "give 1 to 6 cues"},
		{"bad id", `id = "walk"`, `id = "Walk It"`, 17, "lower-case"},
		{"duplicate id", `id = "pumps"`, `id = "glide"`, 24, `exercise id "glide" is used twice`},
		{"rest on timed", `duration_s = 300`, "duration_s = 300\nrest_s = 5", 22, "rest_s only applies to holds"},
		{"syntax", `phase = 1`, `phase = `, 3, ""},
		{"wrong type", `reps = 3`, `reps = "three"`, 0, "reps"},
		{"phase out of range", `phase = 1`, `phase = 0`, 3, "phase must be from 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(goodRoutine, tc.from, tc.to, 1)
			if src == goodRoutine {
				t.Fatal("test did not change the file")
			}
			_, err := Parse("rx.toml", []byte(src))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			prefix := "rx.toml:"
			if tc.line > 0 {
				prefix = "rx.toml:" + strconv.Itoa(tc.line) + ": "
			}
			if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q, want prefix %q containing %q", msg, prefix, tc.want)
			}
		})
	}
}

func TestLoadProgram(t *testing.T) {
	second := strings.Replace(strings.Replace(goodRoutine, `id = "phase1"`, `id = "phase2"`, 1), "phase = 1", "phase = 2", 1)
	fsys := fstest.MapFS{
		"r/b.toml": {Data: []byte(goodRoutine)},
		"r/a.toml": {Data: []byte(second)},
	}
	p, err := LoadProgram(fsys, "r")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Routines) != 2 || p.Routines[0].Phase != 1 || p.Routines[1].ID != "phase2" {
		t.Errorf("routines not ordered by phase: %+v", p.Routines)
	}
	fsys["r/c.toml"] = &fstest.MapFile{Data: []byte(goodRoutine)}
	if _, err := LoadProgram(fsys, "r"); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("duplicate routine id: err = %v", err)
	}
	if _, err := LoadProgram(fstest.MapFS{}, "r"); err == nil {
		t.Error("an empty directory loaded")
	}
}
