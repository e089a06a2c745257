package routine

import (
	"strings"
	"testing"
	"time"
)

var doseT0 = time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)

func TestZoneString(t *testing.T) {
	for _, z := range []Zone{Green, Amber, Red, Stop} {
		got, err := ParseZone(z.String())
		if err != nil || got != z {
			t.Errorf("ParseZone(%q) = %v, %v; want %v", z.String(), got, err, z)
		}
	}
	if s := Amber.String(); s != "amber" {
		t.Errorf("Amber.String() = %q", s)
	}
	if _, err := ParseZone("purple"); err == nil {
		t.Error("ParseZone(purple) gave no error")
	}
	if Zone(0).String() == "green" {
		t.Error("the zero Zone must not read as green")
	}
}

func TestDefaultPainRulesMatchClinical(t *testing.T) {
	want := PainRules{
		GreenMax: 3, AmberPain: 5, AmberRise: 2, RedPain: 6, RedRise: 3, StopPain: 8,
		RedsToStop: 2, MorningRise: 2, WeekHoldRise: 1, WeekDropRise: 2, WeekMinDays: 3, StepUpDays: 3,
	}
	if got := DefaultPainRules(); got != want {
		t.Errorf("DefaultPainRules() = %+v\nwant %+v", got, want)
	}
	if err := want.Validate(); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
}

func TestPainRulesValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*PainRules)
		field string // "" means valid
	}{
		{"defaults", func(*PainRules) {}, ""},
		{"strict reading", func(r *PainRules) { r.GreenMax = 0 }, ""},
		{"no pain-only amber", func(r *PainRules) { r.AmberPain = 6 }, ""},
		{"no pain-only red", func(r *PainRules) { r.RedPain = 8 }, ""},
		{"first red stops", func(r *PainRules) { r.RedsToStop = 1 }, ""},
		{"green negative", func(r *PainRules) { r.GreenMax = -1 }, "green_max"},
		{"green reaches amber", func(r *PainRules) { r.GreenMax = 5 }, "amber_pain"},
		{"amber above red", func(r *PainRules) { r.AmberPain = 7 }, "amber_pain"},
		{"red above stop", func(r *PainRules) { r.RedPain = 9 }, "red_pain"},
		{"stop above 10", func(r *PainRules) { r.StopPain = 11 }, "stop_pain"},
		{"amber rise zero", func(r *PainRules) { r.AmberRise = 0 }, "amber_rise"},
		{"red rise below amber rise", func(r *PainRules) { r.RedRise = 1 }, "red_rise"},
		{"red rise above 10", func(r *PainRules) { r.RedRise = 11 }, "red_rise"},
		{"reds to stop zero", func(r *PainRules) { r.RedsToStop = 0 }, "reds_to_stop"},
		{"morning rise zero", func(r *PainRules) { r.MorningRise = 0 }, "morning_rise"},
		{"week hold zero", func(r *PainRules) { r.WeekHoldRise = 0 }, "week_hold_rise"},
		{"week drop below hold", func(r *PainRules) { r.WeekDropRise = 0.5 }, "week_drop_rise"},
		{"week drop above 10", func(r *PainRules) { r.WeekDropRise = 11 }, "week_drop_rise"},
		{"week min days zero", func(r *PainRules) { r.WeekMinDays = 0 }, "week_min_days"},
		{"week min days 8", func(r *PainRules) { r.WeekMinDays = 8 }, "week_min_days"},
		{"step up days zero", func(r *PainRules) { r.StepUpDays = 0 }, "step_up_days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DefaultPainRules()
			tt.edit(&r)
			err := r.Validate()
			switch {
			case tt.field == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.field != "" && err == nil:
				t.Errorf("Validate() = nil, want an error naming %s", tt.field)
			case tt.field != "" && !strings.Contains(err.Error(), tt.field):
				t.Errorf("Validate() = %q, want it to name %s", err, tt.field)
			}
		})
	}
}

// Each threshold is tested from just below and just above.
func TestClassify(t *testing.T) {
	r := DefaultPainRules()
	tests := []struct {
		b, p int
		want Zone
		why  string
	}{
		{0, 0, Green, "no pain"},
		{2, 3, Green, "P <= 3, rise 1"},
		{1, 3, Green, "P <= 3 is green even with rise 2 (GreenMax)"},
		{0, 3, Green, "P <= 3 is green even with rise 3 (GreenMax)"},
		{3, 4, Green, "P = 4, rise 1: just below amber rise"},
		{2, 4, Amber, "P = 4, rise 2: amber rise"},
		{1, 4, Red, "P = 4, rise 3: red rise"},
		{0, 4, Red, "P = 4 from 0 (P just above GreenMax)"},
		{4, 4, Green, "P = 4, no rise: just below amber pain"},
		{6, 4, Green, "P = 4, pain fell"},
		{4, 5, Amber, "P = 5 with rise 1: amber because P = 5"},
		{5, 5, Amber, "P = 5 with no rise"},
		{3, 5, Amber, "P = 5, rise 2: just below red rise"},
		{2, 5, Red, "P = 5, rise 3: red rise"},
		{7, 5, Amber, "P = 5 that fell from 7"},
		{5, 6, Red, "P = 6: red pain"},
		{6, 6, Red, "P = 6 with no rise"},
		{9, 6, Red, "P = 6 that fell from 9"},
		{7, 7, Red, "P = 7: just below stop"},
		{7, 8, Stop, "P = 8: stop"},
		{9, 8, Stop, "P = 8 that fell"},
		{0, 10, Stop, "worst pain"},
	}
	for _, tt := range tests {
		if got := r.Classify(tt.b, tt.p); got != tt.want {
			t.Errorf("Classify(B=%d, P=%d) = %v, want %v (%s)", tt.b, tt.p, got, tt.want, tt.why)
		}
	}
}

func TestClassifyCustomRules(t *testing.T) {
	strict := DefaultPainRules()
	strict.GreenMax = 0 // every rise counts, even at low pain
	for _, tt := range []struct {
		b, p int
		want Zone
	}{{0, 1, Green}, {0, 2, Amber}, {0, 3, Red}, {3, 3, Green}} {
		if got := strict.Classify(tt.b, tt.p); got != tt.want {
			t.Errorf("strict Classify(%d, %d) = %v, want %v", tt.b, tt.p, got, tt.want)
		}
	}
	loose := DefaultPainRules()
	loose.AmberPain, loose.RedPain, loose.StopPain = 6, 7, 9
	for _, tt := range []struct {
		b, p int
		want Zone
	}{{4, 5, Green}, {5, 6, Amber}, {6, 7, Red}, {8, 8, Red}, {8, 9, Stop}} {
		if got := loose.Classify(tt.b, tt.p); got != tt.want {
			t.Errorf("loose Classify(%d, %d) = %v, want %v", tt.b, tt.p, got, tt.want)
		}
	}
}

func holdDose(reps, holdS int) Dose {
	return Dose{Reps: reps, Hold: time.Duration(holdS) * time.Second, Rest: 10 * time.Second}
}

func TestDefaultLadderHolds(t *testing.T) {
	tests := []struct {
		name  string
		d     Dose
		level int
		want  Dose
	}{
		{"3x30 level 0 is the prescription", holdDose(3, 30), 0, holdDose(3, 30)},
		{"3x30 level 1: 24 s rounds to 25", holdDose(3, 30), 1, holdDose(2, 25)},
		{"3x30 level 2: 18 s rounds to 20", holdDose(3, 30), 2, holdDose(1, 20)},
		{"3x30 level 3: 12 s rounds to 10", holdDose(3, 30), 3, holdDose(1, 10)},
		{"3x30 level 4 clamps to the floor", holdDose(3, 30), 4, holdDose(1, 10)},
		{"3x30 level -1 clamps to the prescription", holdDose(3, 30), -1, holdDose(3, 30)},
		{"10x5 s: a short hold is kept", holdDose(10, 5), 1, holdDose(9, 5)},
		{"10x5 s at the floor", holdDose(10, 5), 3, holdDose(7, 5)},
		{"12 s hold never below 10 s", holdDose(3, 12), 1, holdDose(2, 10)},
		{"10 s hold stays 10 s", holdDose(3, 10), 3, holdDose(1, 10)},
		{"60 s: 48 -> 50", holdDose(5, 60), 1, holdDose(4, 50)},
		{"60 s: 36 -> 35", holdDose(5, 60), 2, holdDose(3, 35)},
		{"60 s: 24 -> 25", holdDose(5, 60), 3, holdDose(2, 25)},
		{"one rep stays one", holdDose(1, 30), 2, holdDose(1, 20)},
	}
	var l Ladder
	for _, tt := range tests {
		if got := l.Apply(tt.d, tt.level); got != tt.want {
			t.Errorf("%s: Apply(%v, %d) = %v, want %v", tt.name, tt.d, tt.level, got, tt.want)
		}
	}
}

func TestDefaultLadderTimedAndCounted(t *testing.T) {
	min := func(m float64) Dose { return Dose{Duration: time.Duration(m * float64(time.Minute))} }
	count := func(n int) Dose { return Dose{Count: n, Pace: 2 * time.Second} }
	tests := []struct {
		name  string
		d     Dose
		level int
		want  Dose
	}{
		{"30 min level 1", min(30), 1, min(24)},
		{"30 min level 2", min(30), 2, min(18)},
		{"30 min level 3", min(30), 3, min(12)},
		{"5 min level 3: 2 min, whole minutes", min(5), 3, min(2)},
		{"3 min level 1: 2.4 min rounds to 2", min(3), 1, min(2)},
		// CLINICAL.md's reading: "ladder cuts round minutes to whole minutes, never below 1".
		{"2 min level 1: 96 s rounds to the whole 2 min", min(2), 1, min(2)},
		{"90 s level 1: not whole minutes, 72 s rounds to 5 s", Dose{Duration: 90 * time.Second}, 1, Dose{Duration: 70 * time.Second}},
		{"2 min level 3: never below 1 min", min(2), 3, min(1)},
		{"30 s walk is never lengthened to 1 min", Dose{Duration: 30 * time.Second}, 3, Dose{Duration: 30 * time.Second}},
		{"10 breaths level 1", count(10), 1, count(8)},
		{"10 breaths level 2", count(10), 2, count(6)},
		{"10 breaths level 3", count(10), 3, count(4)},
		{"3 count level 1 rounds 2.4 to 2", count(3), 1, count(2)},
		{"3 count level 3 rounds 1.2 to 1", count(3), 3, count(1)},
		{"1 count never below 1", count(1), 3, count(1)},
	}
	var l Ladder
	for _, tt := range tests {
		if got := l.Apply(tt.d, tt.level); got != tt.want {
			t.Errorf("%s: Apply(%v, %d) = %v, want %v", tt.name, tt.d, tt.level, got, tt.want)
		}
	}
}

func TestCustomLadder(t *testing.T) {
	l := Ladder{Steps: []LadderStep{
		{RepsOff: 0, Percent: 100},
		{RepsOff: 1, Percent: 100, DropOptional: true},
		{RepsOff: 1, Percent: 50, DropOptional: true},
	}}
	if err := l.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	want := []Dose{holdDose(3, 30), holdDose(3, 30), holdDose(2, 30), holdDose(2, 15), holdDose(2, 15)}
	for level, w := range want {
		if got := l.Apply(holdDose(3, 30), level); got != w {
			t.Errorf("custom Apply(3x30, %d) = %v, want %v", level, got, w)
		}
	}
	opt := Exercise{ID: "ball", Optional: true}
	if l.Drops(opt, 1) || !l.Drops(opt, 2) {
		t.Error("custom ladder: optional exercise should drop from level 2 exactly")
	}
}

func TestLadderValidate(t *testing.T) {
	ok := DefaultLadder()
	if err := ok.Validate(); err != nil {
		t.Errorf("DefaultLadder().Validate() = %v", err)
	}
	if err := (Ladder{}).Validate(); err != nil {
		t.Errorf("empty ladder: %v", err)
	}
	bad := []struct {
		name  string
		steps []LadderStep
		want  string
	}{
		{"two levels", []LadderStep{{1, 80, false}, {2, 60, false}}, "3 levels"},
		{"percent zero", []LadderStep{{1, 0, false}, {2, 60, false}, {3, 40, true}}, "percent"},
		{"percent over 100", []LadderStep{{1, 120, false}, {2, 60, false}, {3, 40, true}}, "percent"},
		{"reps off negative", []LadderStep{{-1, 80, false}, {2, 60, false}, {3, 40, true}}, "reps_off"},
		{"heavier step", []LadderStep{{1, 60, false}, {2, 80, false}, {3, 40, true}}, "level 2"},
		{"fewer reps off", []LadderStep{{2, 80, false}, {1, 60, false}, {3, 40, true}}, "level 2"},
		{"optional comes back", []LadderStep{{1, 80, true}, {2, 60, false}, {3, 40, false}}, "level 2"},
	}
	for _, tt := range bad {
		err := Ladder{Steps: tt.steps}.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v, want an error mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestDropsOptional(t *testing.T) {
	var l Ladder
	opt := Exercise{ID: "sweep", Optional: true}
	must := Exercise{ID: "exGlide"}
	for level, want := range []bool{false, false, true, true, true} {
		if got := l.Drops(opt, level); got != want {
			t.Errorf("Drops(optional, %d) = %v, want %v", level, got, want)
		}
		if l.Drops(must, level) {
			t.Errorf("Drops(required, %d) = true", level)
		}
	}
}

var (
	exGlide  = Exercise{ID: "slr-exGlide", Name: "Straight-leg nerve glide", Sides: true, Dose: holdDose(3, 30)}
	exBridge = Exercise{ID: "bridge", Name: "Bridge", Dose: holdDose(3, 30)}
	exSweeps = Exercise{ID: "leg-exSweeps", Name: "Leg sweeps", Sides: true, Optional: true, Dose: Dose{Count: 10}}
)

func TestAfterSet(t *testing.T) {
	r := DefaultPainRules()
	next := func(e Exercise) Next { return func(int) (Exercise, bool) { return e, true } }
	none := func(int) (Exercise, bool) { return Exercise{}, false }
	tests := []struct {
		name                 string
		e                    Exercise
		side                 Side
		b, p, level, reds    int
		rule                 string
		after                int
		stopEx, end, changed bool
		reasonHas            []string
	}{
		{"green carries on", exBridge, NoSide, 2, 3, 0, 0, "green", 0, false, false, false,
			[]string{"Pain went from 2 to 3 after the bridge", "carry on as planned"}},
		{"green with pain falling", exBridge, NoSide, 4, 3, 1, 0, "green", 1, false, false, false,
			[]string{"went down from 4 to 3"}},
		{"P <= 3 is green whatever the rise", exBridge, NoSide, 0, 3, 0, 0, "green", 0, false, false, false, nil},
		{"P = 4 rise 1 is green", exBridge, NoSide, 3, 4, 0, 0, "green", 0, false, false, false, nil},
		{"amber: rise 2 just at the threshold", exGlide, Left, 3, 5, 0, 0, "amber", 1, false, false, true,
			[]string{"Pain went from 3 to 5 after the straight-leg nerve glide, left side: the rest of today uses 2 holds of 25 s."}},
		{"CLINICAL's example: 2 -> 4 is amber", exGlide, Left, 2, 4, 0, 0, "amber", 1, false, false, true,
			[]string{"Pain went from 2 to 4 after the straight-leg nerve glide, left side: the rest of today uses 2 holds of 25 s."}},
		{"CLINICAL's example: 2 -> 5 is red", exGlide, Left, 2, 5, 0, 0, "red", 1, true, false, true,
			[]string{"from 2 to 5", "stop the straight-leg nerve glide for today", "one step lighter", "next, bridge: 2 holds of 25 s"}},
		{"amber at P = 5 with rise 1", exBridge, NoSide, 4, 5, 1, 0, "amber", 2, false, false, true,
			[]string{"from 4 to 5", "1 hold of 20 s"}},
		{"amber at the floor says so", exBridge, NoSide, 2, 4, MaxLevel, 0, "amber", MaxLevel, false, false, false,
			[]string{"from 2 to 4", "stays at the lightest dose, 1 hold of 10 s."}},
		{"amber drops an optional exercise", exSweeps, Right, 3, 5, 1, 0, "amber", 2, false, false, true,
			[]string{"leg sweeps, right side", "from 3 to 5", "optional", "left out"}},
		{"red at P = 6, rise 4", exBridge, NoSide, 2, 6, 0, 0, "red", 1, true, false, true,
			[]string{"Pain went from 2 to 6 after the bridge: stop the bridge for today", "one step lighter"}},
		{"red by rise 3 just at the threshold", exGlide, Right, 1, 4, 1, 0, "red", 2, true, false, true,
			[]string{"right side", "from 1 to 4"}},
		{"rise 2 to P 4 stays amber, just below red", exGlide, Right, 2, 4, 1, 0, "amber", 2, false, false, true, nil},
		{"red at the floor", exBridge, NoSide, 2, 6, MaxLevel, 0, "red", MaxLevel, true, false, true,
			[]string{"lightest dose"}},
		{"P = 7 is red, just below stop", exBridge, NoSide, 5, 7, 0, 0, "red", 1, true, false, true, nil},
		{"P = 8 ends the session", exBridge, NoSide, 3, 8, 0, 0, "stop-high-pain", 1, true, true, true,
			[]string{"from 3 to 8", "at or above 8", "end the session", "no more exercise today", "call your care team"}},
		{"second red ends the session and names the first", exGlide, Left, 2, 6, 1, 1, "stop-two-reds", 2, true, true, true,
			[]string{"left side", "from 2 to 6", "second too-high score", "first: bridge, 2 to 6", "end the session", "care team"}},
		{"second high reading that is only amber goes on", exBridge, NoSide, 3, 5, 1, 1, "amber", 2, false, false, true, nil},
		{"level above the floor is clamped", exBridge, NoSide, 2, 3, 7, 0, "green", MaxLevel, false, false, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reds []Decision
			for i := 0; i < tt.reds; i++ {
				reds = append(reds, Decision{Rule: RuleRed, Exercise: "Bridge", Baseline: 2, Pain: 6})
			}
			d := AfterSet(r, Ladder{}, tt.e, tt.side, tt.b, tt.p, tt.level, reds, next(exBridge), doseT0)
			if d.Rule != tt.rule || d.LevelAfter != tt.after || d.StopExercise != tt.stopEx || d.EndSession != tt.end {
				t.Errorf("got rule %q level %d stop %v end %v; want %q %d %v %v",
					d.Rule, d.LevelAfter, d.StopExercise, d.EndSession, tt.rule, tt.after, tt.stopEx, tt.end)
			}
			if d.Changed() != tt.changed {
				t.Errorf("Changed() = %v, want %v", d.Changed(), tt.changed)
			}
			if d.ExerciseID != tt.e.ID || d.Side != tt.side || !d.At.Equal(doseT0) || d.Pain != tt.p || d.Baseline != tt.b {
				t.Errorf("decision lost its context: %+v", d)
			}
			for _, s := range tt.reasonHas {
				if !strings.Contains(d.Reason, s) {
					t.Errorf("Reason %q lacks %q", d.Reason, s)
				}
			}
			if !strings.HasSuffix(d.Reason, ".") || strings.Count(d.Reason, ". ") > 0 {
				t.Errorf("Reason %q is not one sentence", d.Reason)
			}
		})
	}
	if d := AfterSet(r, Ladder{}, exBridge, NoSide, 2, 6, 0, nil, none, doseT0); !strings.Contains(d.Reason, "nothing is left in this session") {
		t.Errorf("a red on the last exercise: %q", d.Reason)
	}
}

func TestAfterSetRedsToStop(t *testing.T) {
	r := DefaultPainRules()
	r.RedsToStop = 3
	red := []Decision{{Rule: RuleRed, Exercise: "Bridge", Pain: -1, Baseline: -1}}
	if d := AfterSet(r, Ladder{}, exBridge, NoSide, 2, 6, 1, red, nil, doseT0); d.Rule != "red" {
		t.Errorf("2nd red of 3 = %q, want red", d.Rule)
	}
	d := AfterSet(r, Ladder{}, exBridge, NoSide, 2, 6, 2, append(red, red[0]), nil, doseT0)
	if d.Rule != "stop-two-reds" || !strings.Contains(d.Reason, "third too-high") || !strings.Contains(d.Reason, "first: bridge; second: bridge") {
		t.Errorf("3rd red of 3 = %q %q", d.Rule, d.Reason)
	}
	r.RedsToStop = 1
	if d := AfterSet(r, Ladder{}, exBridge, NoSide, 2, 6, 0, nil, nil, doseT0); !d.EndSession {
		t.Errorf("first red with reds_to_stop 1 did not end the session: %+v", d)
	}
}

func TestDecisionChanged(t *testing.T) {
	tests := []struct {
		d    Decision
		want bool
	}{
		{Decision{Rule: "green", LevelBefore: 1, LevelAfter: 1}, false},
		{Decision{Rule: "amber", LevelBefore: 1, LevelAfter: 2}, true},
		{Decision{Rule: "red", LevelBefore: 3, LevelAfter: 3, StopExercise: true}, true},
		{Decision{Rule: "week-hold", HoldStepUp: true}, true},
		{Decision{Rule: "step-up", LevelBefore: 1, LevelAfter: 0}, true},
	}
	for _, tt := range tests {
		if got := tt.d.Changed(); got != tt.want {
			t.Errorf("%+v.Changed() = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestReasonWording(t *testing.T) {
	r := DefaultPainRules()
	noName := Exercise{ID: "calf-stretch", Dose: holdDose(3, 30)}
	if d := AfterSet(r, Ladder{}, noName, NoSide, 5, 5, 0, nil, nil, doseT0); !strings.HasPrefix(d.Reason, "Pain stayed at 5 after the calf-stretch") {
		t.Errorf("unchanged pain: %q", d.Reason)
	}
	for in, want := range map[string]string{"Bird dog": "bird dog", "McGill curl-up": "McGill curl-up", "QL hang stretch": "QL hang stretch", "W-row": "W-row"} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
