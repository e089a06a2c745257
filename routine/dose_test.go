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
		{"2 min level 1: 96 s under 2 min rounds to 5 s", min(2), 1, Dose{Duration: 95 * time.Second}},
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
	exSweeps = Exercise{ID: "leg-exSweeps", Name: "Leg exSweeps", Sides: true, Optional: true, Dose: Dose{Count: 10}}
)

func TestAfterSet(t *testing.T) {
	r := DefaultPainRules()
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
			[]string{"Bridge: pain went from 2 to 3", "carry on as planned"}},
		{"green with pain falling", exBridge, NoSide, 4, 3, 1, 0, "green", 1, false, false, false,
			[]string{"went down from 4 to 3"}},
		{"amber steps down (CLINICAL's 2 -> 5 is a rise of 3: red)", exGlide, Left, 3, 5, 0, 0, "amber", 1, false, false, true,
			[]string{"Straight-leg nerve glide, left side: pain went from 3 to 5", "the dose for the rest of today is 2 holds of 25 s, each side."}},
		{"CLINICAL's own example, 2 -> 5, is red", exGlide, Left, 2, 5, 0, 0, "red", 1, true, false, true,
			[]string{"Straight-leg nerve glide, left side: pain went from 2 to 5", "stop this exercise"}},
		{"amber at P = 5 with rise 1", exBridge, NoSide, 4, 5, 1, 0, "amber", 2, false, false, true,
			[]string{"from 4 to 5", "1 hold of 20 s"}},
		{"amber at the floor says so", exBridge, NoSide, 2, 4, MaxLevel, 0, "amber", MaxLevel, false, false, false,
			[]string{"from 2 to 4", "stay at the lightest dose for the rest of today: 1 hold of 10 s."}},
		{"amber drops an optional exercise", exSweeps, Right, 3, 5, 1, 0, "amber", 2, false, false, true,
			[]string{"Leg exSweeps, right side", "from 3 to 5", "optional", "left out"}},
		{"red stops the exercise", exBridge, NoSide, 2, 6, 0, 0, "red", 1, true, false, true,
			[]string{"Bridge: pain went from 2 to 6", "stop this exercise", "one step lighter"}},
		{"red by rise", exGlide, Right, 1, 4, 1, 0, "red", 2, true, false, true,
			[]string{"right side", "from 1 to 4"}},
		{"red at the floor", exBridge, NoSide, 2, 6, MaxLevel, 0, "red", MaxLevel, true, false, true,
			[]string{"lightest dose"}},
		{"P = 7 is red, just below stop", exBridge, NoSide, 5, 7, 0, 0, "red", 1, true, false, true, nil},
		{"P = 8 ends the session", exBridge, NoSide, 3, 8, 0, 0, "stop-high-pain", 1, true, true, true,
			[]string{"from 3 to 8", "end the session", "rest", "call your care team"}},
		{"second red ends the session", exGlide, Left, 2, 6, 1, 1, "stop-two-reds", 2, true, true, true,
			[]string{"left side", "from 2 to 6", "second time", "end the session", "care team"}},
		{"second high reading that is only amber goes on", exBridge, NoSide, 3, 5, 1, 1, "amber", 2, false, false, true, nil},
		{"level above the floor is clamped", exBridge, NoSide, 2, 3, 7, 0, "green", MaxLevel, false, false, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := AfterSet(r, Ladder{}, tt.e, tt.side, tt.b, tt.p, tt.level, tt.reds, doseT0)
			if d.Rule != tt.rule || d.LevelAfter != tt.after || d.StopExercise != tt.stopEx || d.EndSession != tt.end {
				t.Errorf("got rule %q level %d stop %v end %v; want %q %d %v %v",
					d.Rule, d.LevelAfter, d.StopExercise, d.EndSession, tt.rule, tt.after, tt.stopEx, tt.end)
			}
			if d.Changed() != tt.changed {
				t.Errorf("Changed() = %v, want %v", d.Changed(), tt.changed)
			}
			if d.ExerciseID != tt.e.ID || d.Side != tt.side || !d.At.Equal(doseT0) {
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
}

func TestAfterSetRedsToStop(t *testing.T) {
	r := DefaultPainRules()
	r.RedsToStop = 3
	if d := AfterSet(r, Ladder{}, exBridge, NoSide, 2, 6, 1, 1, doseT0); d.Rule != "red" {
		t.Errorf("2nd red of 3 = %q, want red", d.Rule)
	}
	d := AfterSet(r, Ladder{}, exBridge, NoSide, 2, 6, 2, 2, doseT0)
	if d.Rule != "stop-two-reds" || !strings.Contains(d.Reason, "third time") {
		t.Errorf("3rd red of 3 = %q %q", d.Rule, d.Reason)
	}
	r.RedsToStop = 1
	if d := AfterSet(r, Ladder{}, exBridge, NoSide, 2, 6, 0, 0, doseT0); !d.EndSession {
		t.Errorf("first red with reds_to_stop 1 did not end the session: %+v", d)
	}
}

// dayRec builds one session day; level is where it ended.
func dayRec(date string, b float64, worst Zone, maxPain, level int) DayRecord {
	return DayRecord{Date: date, Baseline: b, Sets: 6, Worst: worst, MaxPain: maxPain, EndLevel: level}
}

func morningOf(date string) time.Time {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		panic(err)
	}
	return d.Add(8 * time.Hour)
}

func TestStartLevelNextMorning(t *testing.T) {
	r := DefaultPainRules()
	tests := []struct {
		name      string
		days      []DayRecord
		today     int
		prev      int
		rule      string
		after     int
		reasonHas []string
	}{
		{"first day ever", nil, 3, 0, "none", 0, []string{"3/10", "full prescribed dose"}},
		{"B up 1: just below the morning rise", []DayRecord{dayRec("2025-03-09", 3, Green, 3, 0)}, 4, 0, "none", 0, nil},
		{"B up 2: one step down", []DayRecord{dayRec("2025-03-09", 3, Green, 3, 0)}, 5, 0, "next-morning", 1,
			[]string{"5/10 this morning", "up from 3 yesterday", "one step lighter"}},
		{"yesterday red, B not back", []DayRecord{dayRec("2025-03-09", 3, Red, 6, 1)}, 4, 1, "next-morning", 2,
			[]string{"reached 6 yesterday", "this morning is 4", "not back to 3", "one step lighter"}},
		{"yesterday amber, B back to baseline", []DayRecord{dayRec("2025-03-09", 3, Amber, 5, 1)}, 3, 1, "none", 1, nil},
		{"yesterday stopped, B not back", []DayRecord{dayRec("2025-03-09", 2, Stop, 8, 1)}, 3, 1, "next-morning", 2, nil},
		{"yesterday green, B up 1", []DayRecord{dayRec("2025-03-09", 2, Green, 2, 1)}, 3, 1, "none", 1, nil},
		{"previous session day two days ago", []DayRecord{dayRec("2025-03-07", 2, Green, 2, 0)}, 4, 0, "next-morning", 1,
			[]string{"up from 2 on 7 March"}},
		{"a day without sets is not a session day",
			[]DayRecord{dayRec("2025-03-08", 2, Green, 2, 0), {Date: "2025-03-09", Baseline: 4}}, 4, 0, "next-morning", 1,
			[]string{"up from 2 on 8 March"}},
		{"already at the floor", []DayRecord{dayRec("2025-03-09", 3, Green, 3, MaxLevel)}, 6, MaxLevel, "next-morning", MaxLevel,
			[]string{"lightest dose"}},
		{"today's record is ignored", []DayRecord{dayRec("2025-03-09", 3, Green, 3, 0), dayRec("2025-03-10", 0, Green, 0, 0)}, 5, 0, "next-morning", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := StartLevel(r, tt.days, morningOf("2025-03-10"), tt.today, tt.prev)
			if d.Rule != tt.rule || d.LevelAfter != tt.after || d.LevelBefore != tt.prev {
				t.Errorf("got %q %d->%d, want %q %d->%d (%s)", d.Rule, d.LevelBefore, d.LevelAfter, tt.rule, tt.prev, tt.after, d.Reason)
			}
			for _, s := range tt.reasonHas {
				if !strings.Contains(d.Reason, s) {
					t.Errorf("Reason %q lacks %q", d.Reason, s)
				}
			}
			if d.Reason == "" || !strings.HasSuffix(d.Reason, ".") {
				t.Errorf("Reason %q is not a sentence", d.Reason)
			}
		})
	}
}

// twoWeeks builds the 13 days before today (2025-03-15): the earlier week
// 03-02..03-08 at baseline earlier, then 03-09..03-14 at recent. Today's
// own baseline is the seventh day of the recent week.
func twoWeeks(earlier, recent float64, worst Zone, level int) []DayRecord {
	var days []DayRecord
	for i := 2; i <= 14; i++ {
		b := earlier
		if i >= 9 {
			b = recent
		}
		date := time.Date(2025, 3, i, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		days = append(days, dayRec(date, b, worst, int(b), level))
	}
	return days
}

func TestStartLevelWeek(t *testing.T) {
	r := DefaultPainRules()
	today := morningOf("2025-03-15")
	tests := []struct {
		name      string
		days      []DayRecord
		todayB    int
		prev      int
		rule      string
		after     int
		hold      bool
		reasonHas []string
	}{
		// recent mean = (6*recent + todayB)/7
		{"rise 0: nothing", twoWeeks(2, 2, Amber, 1), 2, 1, "none", 1, false, nil},
		{"rise 6/7: just below hold", twoWeeks(2, 3, Amber, 1), 2, 1, "none", 1, false, nil},
		{"rise 1: hold", twoWeeks(2, 3, Amber, 1), 3, 1, "week-hold", 1, true,
			[]string{"3.0 over the last 7 days", "up from 2.0", "no step up this week"}},
		{"rise 1 blocks a due step up", twoWeeks(2, 3, Green, 1), 3, 1, "week-hold", 1, true,
			[]string{"although the last 3 session days were all green"}},
		{"rise 13/7: just below drop", twoWeeks(2, 4, Amber, 1), 3, 1, "week-hold", 1, true, nil},
		{"rise 2: one step down", twoWeeks(2, 4, Amber, 1), 4, 1, "week-down", 2, true,
			[]string{"4.0 over the last 7 days", "up from 2.0", "one step lighter", "no step up this week"}},
		{"rise 2 and the morning rule: one step, not two", twoWeeks(2, 4, Amber, 1), 6, 1, "next-morning", 2, true,
			[]string{"6/10 this morning", "4.3 over the last 7 days"}},
		{"too few baselines in the earlier week", twoWeeks(2, 4, Amber, 1)[5:], 4, 1, "none", 1, false, nil},
		{"falling pain: nothing", twoWeeks(4, 2, Amber, 1), 2, 1, "none", 1, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := StartLevel(r, tt.days, today, tt.todayB, tt.prev)
			if d.Rule != tt.rule || d.LevelAfter != tt.after || d.HoldStepUp != tt.hold {
				t.Errorf("got %q level %d hold %v, want %q %d %v (%s)", d.Rule, d.LevelAfter, d.HoldStepUp, tt.rule, tt.after, tt.hold, d.Reason)
			}
			for _, s := range tt.reasonHas {
				if !strings.Contains(d.Reason, s) {
					t.Errorf("Reason %q lacks %q", d.Reason, s)
				}
			}
		})
	}
}

// The two weeks are calendar windows, today-6..today and today-13..today-7:
// gaps do not shift them and older records do not count.
func TestStartLevelWeekCalendar(t *testing.T) {
	r := DefaultPainRules()
	days := []DayRecord{
		dayRec("2025-02-25", 0, Amber, 0, 1), // too old: would pull the earlier mean down
		dayRec("2025-03-02", 2, Amber, 2, 1), // today-13: first day of the earlier week
		dayRec("2025-03-04", 2, Amber, 2, 1),
		dayRec("2025-03-08", 2, Amber, 2, 1), // today-7: last day of the earlier week
		dayRec("2025-03-09", 3, Amber, 3, 1), // today-6: first day of the recent week
		dayRec("2025-03-13", 3, Amber, 3, 1),
	}
	now := morningOf("2025-03-15")
	if d := StartLevel(r, days, now, 3, 1); d.Rule != "week-hold" || !strings.Contains(d.Reason, "up from 2.0") {
		t.Errorf("got %q (%s), want week-hold from 2.0", d.Rule, d.Reason)
	}
	days[0].Date = "2025-03-05" // now inside the earlier week: mean 1.5
	if d := StartLevel(r, days, now, 3, 1); d.Rule != "week-hold" || !strings.Contains(d.Reason, "up from 1.5") {
		t.Errorf("got %q (%s), want week-hold from 1.5", d.Rule, d.Reason)
	}
	days[0].Date = "2025-03-01" // today-14: outside again
	if d := StartLevel(r, days, now, 3, 1); !strings.Contains(d.Reason, "up from 2.0") {
		t.Errorf("today-14 was counted: %q (%s)", d.Rule, d.Reason)
	}
	if d := StartLevel(r, days[:5], now, 3, 1); d.Rule != "none" {
		t.Errorf("2 baselines in the recent week applied the week rule: %q (%s)", d.Rule, d.Reason)
	}
}

func TestStartLevelStepUp(t *testing.T) {
	r := DefaultPainRules()
	green := func(date string, level int) DayRecord { return dayRec(date, 2, Green, 2, level) }
	tests := []struct {
		name      string
		days      []DayRecord
		prev      int
		rule      string
		after     int
		reasonHas []string
	}{
		{"2 green days: just below", []DayRecord{green("2025-03-08", 2), green("2025-03-09", 2)}, 2, "none", 2,
			[]string{"2 of the 3 green session days"}},
		{"3 green days: one step up", []DayRecord{green("2025-03-07", 2), green("2025-03-08", 2), green("2025-03-09", 2)}, 2, "step-up", 1,
			[]string{"last 3 session days were all green", "one step up"}},
		{"back to the prescription", []DayRecord{green("2025-03-07", 1), green("2025-03-08", 1), green("2025-03-09", 1)}, 1, "step-up", 0,
			[]string{"full prescribed dose"}},
		{"never above the prescription", []DayRecord{green("2025-03-07", 0), green("2025-03-08", 0), green("2025-03-09", 0)}, 0, "none", 0, nil},
		{"rest days do not break the run", []DayRecord{green("2025-03-01", 2), green("2025-03-05", 2), green("2025-03-09", 2)}, 2, "step-up", 1, nil},
		{"an amber day breaks the run", []DayRecord{green("2025-03-06", 2), dayRec("2025-03-07", 2, Amber, 4, 2), green("2025-03-08", 2), green("2025-03-09", 2)}, 2, "none", 2, nil},
		{"a day without sets breaks the run", []DayRecord{green("2025-03-06", 2), green("2025-03-07", 2), {Date: "2025-03-08", Baseline: 2}, green("2025-03-09", 2)}, 2, "none", 2, nil},
		{"the run restarts after a step up", []DayRecord{green("2025-03-06", 3), green("2025-03-07", 3), green("2025-03-08", 3), green("2025-03-09", 2)}, 2, "none", 2, nil},
		{"unsorted input is sorted", []DayRecord{green("2025-03-09", 2), green("2025-03-07", 2), green("2025-03-08", 2)}, 2, "step-up", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := StartLevel(r, tt.days, morningOf("2025-03-10"), 2, tt.prev)
			if d.Rule != tt.rule || d.LevelAfter != tt.after {
				t.Errorf("got %q %d, want %q %d (%s)", d.Rule, d.LevelAfter, tt.rule, tt.after, d.Reason)
			}
			for _, s := range tt.reasonHas {
				if !strings.Contains(d.Reason, s) {
					t.Errorf("Reason %q lacks %q", d.Reason, s)
				}
			}
		})
	}
}

// A three-day green run at each level walks back to the prescription and
// stops there.
func TestStepUpWalkNeverAboveZero(t *testing.T) {
	r := DefaultPainRules()
	var days []DayRecord
	level := MaxLevel
	start := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 15; i++ {
		now := start.AddDate(0, 0, i)
		d := StartLevel(r, days, now, 2, level)
		if d.LevelAfter < 0 || d.LevelAfter > level {
			t.Fatalf("day %d: level %d -> %d", i, level, d.LevelAfter)
		}
		level = d.LevelAfter
		days = append(days, dayRec(now.Format("2006-01-02"), 2, Green, 2, level))
	}
	if level != 0 {
		t.Errorf("after 15 green days level is %d, want 0", level)
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
	if d := AfterSet(r, Ladder{}, noName, NoSide, 5, 5, 0, 0, doseT0); !strings.HasPrefix(d.Reason, "Calf-stretch: pain stayed at 5") {
		t.Errorf("unchanged pain: %q", d.Reason)
	}
	days := []DayRecord{
		{Date: "10 March", Baseline: 0, Sets: 3, Worst: Green}, // malformed: ignored
		dayRec("2025-03-09", 2.5, Green, 3, 0),
	}
	evening := morningOf("2025-03-10").Add(11 * time.Hour)
	d := StartLevel(r, days, evening, 5, 0)
	if d.Rule != "next-morning" || !strings.Contains(d.Reason, "5/10 this evening, up from 2.5 yesterday") {
		t.Errorf("got %q %q", d.Rule, d.Reason)
	}
}
