package routine

import (
	"fmt"
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
		{"id too long", `id = "walk"`, `id = "` + strings.Repeat("w", 65) + `"`, 17, "1 to 64"},
		{"duplicate id", `id = "pumps"`, `id = "glide"`, 24, `exercise id "glide" is used twice`},
		{"rest on timed", `duration_s = 300`, "duration_s = 300\nrest_s = 5", 22, "rest_s only applies to holds"},
		{"syntax", `phase = 1`, `phase = `, 3, ""},
		{"wrong type", `reps = 3`, `reps = "three"`, 0, "reps"},
		{"phase out of range", `phase = 1`, `phase = 0`, 3, "phase must be from 1"},
		{"pain rule out of range", `precautions = ["No lifting."]`, "precautions = [\"No lifting.\"]\n\n[pain_rules]\nred_pain = 6\nstop_pain = 11", 9, "pain rules: stop_pain must be from 1 to 10, got 11"},
		{"pain rules out of order", `precautions = ["No lifting."]`, "precautions = [\"No lifting.\"]\n[pain_rules]\namber_pain = 7", 7, "amber_pain must be above green_max (3) and at most red_pain (6), got 7"},
		{"unknown pain rule", `precautions = ["No lifting."]`, "precautions = [\"No lifting.\"]\n[pain_rules]\nred_pian = 7", 7, `unknown key "pain_rules.red_pian"`},
		{"ladder heavier further down", `optional = true`, "optional = true\n\n[[ladder]]\nreps_off = 1\npercent = 80\n[[ladder]]\nreps_off = 1\npercent = 90\n[[ladder]]\nreps_off = 2\npercent = 40", 37, "dose ladder level 2: percent (90) must be at most level 1's (80)"},
		{"repeat every not a time", `hold_s = 30`, "hold_s = 30\nrepeat = { every = \"often\", max_per_day = 6 }", 15, `repeat.every must be a time such as "2h"`},
		{"repeat every too short", `hold_s = 30`, "hold_s = 30\nrepeat = { every = \"14m\" }", 15, "whole minutes from 15m to 24h"},
		{"repeat every over a day", `hold_s = 30`, "hold_s = 30\nrepeat = { every = \"25h\" }", 15, "whole minutes from 15m to 24h"},
		{"repeat every in seconds", `hold_s = 30`, "hold_s = 30\nrepeat = { every = \"2h30s\" }", 15, "whole minutes"},
		{"repeat max over 24", `hold_s = 30`, "hold_s = 30\nrepeat = { every = \"2h\", max_per_day = 25 }", 15, "max_per_day must be from 0 (no limit) to 24, got 25"},
		{"repeat max of 1", `hold_s = 30`, "hold_s = 30\nrepeat = { every = \"2h\", max_per_day = 1 }", 15, "max_per_day = 1 is once a day"},
		{"repeat unknown key", `hold_s = 30`, "hold_s = 30\nrepeat = { evry = \"2h\" }", 15, `unknown key "exercise.repeat.evry"`},
		{"not_after unknown region", `hold_s = 30`, "hold_s = 30\nnot_after = [\"neck\"]", 15, `not_after holds "neck"; use cervical, thoracic or lumbar`},
		{"not_after twice", `hold_s = 30`, "hold_s = 30\nnot_after = [\"cervical\", \"Cervical\"]", 15, "names cervical twice"},
		{"differs with a control character", `hold_s = 30`, "hold_s = 30\ndiffers = \"a\\u001b[31m\"", 15, "differs"},
		{"build_up and duration", `duration_s = 300`, "duration_s = 300\nbuild_up = { start_min = 5, step_min = 2, target_min = 20 }", 16, "exactly one dose"},
		{"build_up target below start", `duration_s = 300`, "build_up = { start_min = 20, step_min = 2, target_min = 5 }", 21, "target_min (5) must be more than start_min (20)"},
		{"build_up no step", `duration_s = 300`, "build_up = { start_min = 5, target_min = 20 }", 21, "build_up.step_min must be from 1 to 30, got 0"},
		{"build_up over 2 hours", `duration_s = 300`, "build_up = { start_min = 5, step_min = 2, target_min = 121 }", 21, "build_up.target_min must be from 1 to 120, got 121"},
		{"build_up on holds", `hold_s = 30`, "hold_s = 30\nbuild_up = { start_min = 5, step_min = 2, target_min = 20 }", 7, "exactly one dose"},
		{"ladder missing levels", `optional = true`, "optional = true\n\n[[ladder]]\nreps_off = 1\npercent = 80", 32, "give all 3 levels, got 1"},
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

func TestParseFrequencyRegionAndBuildUp(t *testing.T) {
	src := strings.Replace(goodRoutine, "hold_s = 30", "hold_s = 30\nrepeat = { every = \"2h\", max_per_day = 6 }\nnot_after = [\"cervical\"]\ndiffers = \"Not a leg raise.\"", 1)
	src = strings.Replace(src, "duration_s = 300", "build_up = { start_min = 5, step_min = 2, target_min = 20 }", 1)
	r, err := Parse("rx.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	g, w, p := r.Exercises[0], r.Exercises[1], r.Exercises[2]
	if g.Repeat != (Repeat{Every: 2 * time.Hour, MaxPerDay: 6}) || len(g.NotAfter) != 1 || g.NotAfter[0] != RegionCervical || g.Differs != "Not a leg raise." {
		t.Errorf("glide %+v", g)
	}
	if w.BuildUp == nil || *w.BuildUp != (BuildUp{Start: 5 * time.Minute, Step: 2 * time.Minute, Target: 20 * time.Minute}) || w.Dose.Duration != 5*time.Minute {
		t.Errorf("walk build-up %+v, dose %+v", w.BuildUp, w.Dose)
	}
	if p.Repeat.Repeats() || r.RepeatEvery != 2*time.Hour {
		t.Errorf("pumps repeat %+v, routine spacing %v", p.Repeat, r.RepeatEvery)
	}
	if got := r.ForRegion(RegionCervical); len(got.Exercises) != 2 || got.Exercises[0].ID != "walk" || len(got.Left) != 1 {
		t.Errorf("after a neck fusion: %d exercises, left %d", len(got.Exercises), len(got.Left))
	}
	for _, reg := range []Region{"", RegionLumbar, RegionThoracic} {
		if got := r.ForRegion(reg); len(got.Exercises) != 3 || len(got.Left) != 0 {
			t.Errorf("region %q: %d exercises", reg, len(got.Exercises))
		}
	}
	// repeat_every_min gives every exercise without its own repeat a spacing.
	all, err := Parse("rx.toml", []byte(strings.Replace(goodRoutine, "rest_s = 10", "rest_s = 10\nrepeat_every_min = 90", 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all.Exercises {
		if e.Repeat != (Repeat{Every: 90 * time.Minute}) {
			t.Errorf("%s repeat %+v", e.ID, e.Repeat)
		}
	}
	if _, ok := all.StretchBreak(); ok {
		t.Error("a routine that repeats as a whole has a stretch break")
	}
}

func TestParsePainRulesAndLadder(t *testing.T) {
	src := goodRoutine + "\n[pain_rules]\nred_pain = 7\nstop_pain = 9\n" +
		"\n[[ladder]]\nreps_off = 0\npercent = 90\n[[ladder]]\nreps_off = 1\npercent = 70\n[[ladder]]\nreps_off = 1\npercent = 50\ndrop_optional = true\n"
	r, err := Parse("rx.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultPainRules()
	want.RedPain, want.StopPain = 7, 9
	if r.Rules != want {
		t.Errorf("rules %+v, want the defaults with red_pain 7 and stop_pain 9", r.Rules)
	}
	if got := r.Ladder.Apply(r.Exercises[0].Dose, 2); got.Reps != 2 || got.Hold != 20*time.Second {
		t.Errorf("level 2 of the prescribed ladder: %+v, want 2 holds of 20 s", got)
	}
	plain, err := Parse("p.toml", []byte(goodRoutine))
	if err != nil {
		t.Fatal(err)
	}
	if plain.Rules != DefaultPainRules() || len(plain.Ladder.Steps) != 0 {
		t.Errorf("a file with no [pain_rules] or [[ladder]] gave %+v %+v", plain.Rules, plain.Ladder)
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

func TestLoadWarnings(t *testing.T) {
	good := "[[tier]]\nid = \"emergency\"\ntitle = \"Call now\"\nadvice = \"Do not exercise.\"\nsigns = [\"Chest pain\"]\n"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"good", good, ""},
		{"unknown key", good + "colour = \"red\"\n", `warnings.toml:6: unknown key "tier.colour"`},
		{"no signs", strings.Replace(good, `signs = ["Chest pain"]`, "signs = []", 1), "warnings.toml:1: tier 1 needs"},
		{"no tiers", "", "no [[tier]]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := LoadWarnings(fstest.MapFS{"warnings.toml": {Data: []byte(tc.src)}}, "warnings.toml")
			switch {
			case tc.want == "" && (err != nil || len(w.Tiers) != 1 || w.Tiers[0].Signs[0] != "Chest pain"):
				t.Errorf("got %+v, %v", w, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}

// TestTextFromTheFileIsChecked: a control character in any text field,
// however TOML spells it, is refused at the line of its key and named by
// its code, never printed; so is text over its limit.
func TestTextFromTheFileIsChecked(t *testing.T) {
	for _, c := range []struct {
		name, find, replace, want string
	}{
		{"OSC 52 in a name", `name = "Straight-leg glide"`, `name = "Glide\u001b]52;c;aGk=\u0007"`, `p1.toml:9: exercise "glide": name has an escape character (U+001B) at byte 5`},
		{"clear screen in a cue", `cues = ["Knee straight.", "Breathe."]`, `cues = ["Knee straight.", "\u001b[2JBreathe."]`, `p1.toml:12: exercise "glide": cue 2 has an escape character (U+001B) at byte 0`},
		{"TOML 1.1 escape", `position = "On your back."`, `position = "On your \e[5mback."`, `p1.toml:11: exercise "glide": position has an escape character (U+001B)`},
		{"line break in a position", `position = "On your back."`, "position = \"\"\"On your\nback.\"\"\"", `p1.toml:11: exercise "glide": position has a line break (U+000A) at byte 7`},
		{"C1 CSI in a precaution", `precautions = ["No lifting."]`, `precautions = ["No \u009b2J lifting."]`, `p1.toml:5: precaution 1 has a control character (U+009B) at byte 3`},
		{"tab in the routine name", `name = "Nerve glides"`, "name = \"Nerve\tglides\"", `p1.toml:2: name has a tab (U+0009) at byte 5`},
		{"bidi override in a source", `optional = true`, "optional = true\nsource = \"\u202e000\"", `exercise "pumps": source has a control character (U+202E) at byte 0`},
		{"a name too long", `name = "Walk"`, `name = "` + strings.Repeat("w", MaxNameLen+1) + `"`, `p1.toml:18: exercise "walk": name is 101 bytes long; at most 100 are allowed`},
		{"a cue too long", `cues = ["Easy pace."]`, `cues = ["` + strings.Repeat("e", MaxTextLen+1) + `"]`, `p1.toml:20: exercise "walk": cue 1 is 501 bytes long; at most 500 are allowed`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(goodRoutine, c.find, c.replace, 1)
			if src == goodRoutine {
				t.Fatalf("%q is not in the routine", c.find)
			}
			_, err := Parse("p1.toml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v\nwant %s", err, c.want)
			}
			if strings.ContainsAny(err.Error(), "\x1b\x07\n\t\u009b\u202e") {
				t.Errorf("the error carries the character itself: %q", err.Error())
			}
		})
	}
}

func TestSizeLimits(t *testing.T) {
	many := goodRoutine
	for i := 0; i < MaxExercises; i++ {
		many += fmt.Sprintf("\n[[exercise]]\nid = \"x%d\"\nname = \"X\"\nposition = \"P\"\ncues = [\"c\"]\ncount = 1\n", i)
	}
	if _, err := Parse("p1.toml", []byte(many)); err == nil || !strings.Contains(err.Error(), "the routine has 53 exercises; at most 50 are allowed") {
		t.Errorf("too many exercises: %v", err)
	}
	big := goodRoutine + "\n# " + strings.Repeat("padding ", MaxFileSize/8) + "\n"
	if _, err := Parse("p1.toml", []byte(big)); err == nil || !strings.Contains(err.Error(), "a routine may have at most 262144") {
		t.Errorf("a file too big: %v", err)
	}
}

// TestNumbersWithoutOverflow: a number far out of range is refused as out
// of range, not wrapped into it.
func TestNumbersWithoutOverflow(t *testing.T) {
	for _, c := range []struct{ find, replace, want string }{
		{"hold_s = 30", "hold_s = 36028797018963998", "hold_s must be from 1 to 600, got 36028797018963998"},
		{"hold_s = 30", "hold_s = -9223372036854775808", "hold_s must be from 1 to 600"},
		{"rest_s = 10", "rest_s = 18446744073709551", "rest_s must be from 0 to 600"},
		{"duration_s = 300", "duration_s = 9223372036854775807", "duration_s must be from 1 to 7200"},
		{"pace_s = 2", "pace_s = 9223372036", "pace_s must be from 0 to 60"},
		{"optional = true", "optional = true\n[pain_rules]\nweek_hold_rise = nan", "week_hold_rise must be above 0"},
		{"optional = true", "optional = true\n[pain_rules]\nweek_drop_rise = inf", "week_drop_rise must be at most 10"},
		{"optional = true", "optional = true\n[pain_rules]\nweek_hold_rise = -inf", "week_hold_rise must be above 0"},
	} {
		src := strings.Replace(goodRoutine, c.find, c.replace, 1)
		if _, err := Parse("p1.toml", []byte(src)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.replace, err, c.want)
		}
	}
}
