package routine

import (
	"strings"
	"testing"
	"time"
)

// phase4Like: walking builds up from 10 to 30 minutes, 2 at a time;
// cycling too; and a hold exercise beside them.
func phase4Like() Routine {
	b := &BuildUp{Start: 10 * time.Minute, Step: 2 * time.Minute, Target: 30 * time.Minute}
	return Routine{ID: "phase4", Name: "Light-load endurance", Phase: 4, Exercises: []Exercise{
		{ID: "walking", Name: "Walking", Dose: Dose{Duration: 10 * time.Minute}, BuildUp: b},
		{ID: "tilt", Name: "Pelvic tilt", Dose: Dose{Reps: 3, Hold: 5 * time.Second}},
	}}
}

// walkDay is a session on date (YYYY-MM-DD) of routine id whose check-in
// stored walking at minutes (0: none stored), with one scored set of each
// exercise in pains (id -> pain) against baseline 2.
func walkDay(date, id string, minutes int, pains map[string]int, decisions ...Decision) SessionLog {
	start := mustTime(date + "T09:00:00+01:00")
	s := SessionLog{Start: start, End: start.Add(40 * time.Minute), Done: true, Baseline: 2, Routine: id}
	if minutes > 0 {
		s.Decisions = append(s.Decisions, Decision{Rule: RuleBuildUp, ExerciseID: "walking", Minutes: minutes, Reason: "x"})
	}
	for _, ex := range []string{"walking", "tilt"} {
		if p, ok := pains[ex]; ok {
			s.Sets = append(s.Sets, SetLog{ExerciseID: ex, Pain: p})
		}
	}
	s.Decisions = append(s.Decisions, decisions...)
	return s
}

func TestBuildUpAtEachBoundary(t *testing.T) {
	green := map[string]int{"walking": 2, "tilt": 2}
	const today = "2026-03-05T08:30:00+01:00"
	for _, tc := range []struct {
		name     string
		sessions []SessionLog
		rule     string
		minutes  int
		reason   string
	}{
		{"no history: the start", nil, RuleBuildUp, 10, "Walking starts at 10 minutes: 2 more after each green day with it, up to 30."},
		{"green: +2", []SessionLog{walkDay("2026-03-04", "phase4", 12, green)}, RuleBuildUp, 14, "Walking stayed green yesterday: 14 minutes today."},
		{"green just below the target: to the target", []SessionLog{walkDay("2026-03-04", "phase4", 29, green)}, RuleBuildUp, 30, "30 minutes today"},
		{"green at the target: held", []SessionLog{walkDay("2026-03-04", "phase4", 30, green)}, RuleBuildUpHold, 30, "stays at the full 30 minutes"},
		{"amber (pain 4, a rise of 2): held", []SessionLog{walkDay("2026-03-04", "phase4", 14, map[string]int{"walking": 4})}, RuleBuildUpHold, 14, "Yesterday was amber: walking stays at 14 minutes today."},
		{"amber on another exercise: the day's worst zone holds it", []SessionLog{walkDay("2026-03-04", "phase4", 14, map[string]int{"walking": 2, "tilt": 4})}, RuleBuildUpHold, 14, "amber"},
		{"red (pain 6): -2", []SessionLog{walkDay("2026-03-04", "phase4", 14, map[string]int{"walking": 6})}, RuleBuildUp, 12, "Yesterday was red: walking goes back to 12 minutes today."},
		{"red just above the start: to the start", []SessionLog{walkDay("2026-03-04", "phase4", 11, map[string]int{"walking": 6})}, RuleBuildUp, 10, "10 minutes"},
		{"red at the start: never below it", []SessionLog{walkDay("2026-03-04", "phase4", 10, map[string]int{"walking": 6})}, RuleBuildUpHold, 10, "stays at its start, 10 minutes"},
		{"a stop: -2", []SessionLog{walkDay("2026-03-04", "phase4", 14, map[string]int{"walking": 2}, Decision{Rule: RuleStopHighPain, ExerciseID: "tilt", Reason: "Stop."})}, RuleBuildUp, 12, "Yesterday ended with a stop"},
		{"not done: held, whatever the zone", []SessionLog{walkDay("2026-03-04", "phase4", 14, map[string]int{"tilt": 2})}, RuleBuildUpHold, 14, "Walking was not done yesterday: it stays at 14 minutes today."},
		{"skipped is not done", []SessionLog{func() SessionLog {
			s := walkDay("2026-03-04", "phase4", 14, map[string]int{"tilt": 2})
			s.Sets = append(s.Sets, SetLog{ExerciseID: "walking", Pain: -1, Skipped: true})
			return s
		}()}, RuleBuildUpHold, 14, "not done"},
		{"missed days: the last session day counts", []SessionLog{walkDay("2026-03-01", "phase4", 14, green)}, RuleBuildUp, 16, "Walking stayed green on Sunday 1 March: 16 minutes today."},
		{"only the last session day counts", []SessionLog{walkDay("2026-03-03", "phase4", 14, map[string]int{"walking": 6}), walkDay("2026-03-04", "phase4", 12, green)}, RuleBuildUp, 14, "stayed green yesterday"},
		{"phase 4 starts its own build-up", []SessionLog{walkDay("2026-03-04", "phase2", 20, green)}, RuleBuildUp, 10, "starts at 10 minutes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := BuildUps(phase4Like(), DefaultPainRules(), tc.sessions, mustTime(today), 0)
			if len(got) != 1 {
				t.Fatalf("%d decisions, want 1 (walking)", len(got))
			}
			d := got[0]
			if d.Rule != tc.rule || d.Minutes != tc.minutes || d.ExerciseID != "walking" {
				t.Errorf("%s %d min (%q), want %s %d min", d.Rule, d.Minutes, d.Reason, tc.rule, tc.minutes)
			}
			if !strings.Contains(d.Reason, tc.reason) {
				t.Errorf("reason %q, want %q", d.Reason, tc.reason)
			}
		})
	}
	// Decided once a day: a second check-in today adds nothing.
	todays := walkDay("2026-03-05", "phase4", 14, nil)
	if got := BuildUps(phase4Like(), DefaultPainRules(), []SessionLog{todays}, mustTime("2026-03-05T15:00:00+01:00"), 0); len(got) != 0 {
		t.Errorf("decided twice today: %+v", got)
	}
}

// Three green days from the start of phase 4: 10, 12, 14, then 16 on the
// fourth morning (the tmux test's figure).
func TestBuildUpOverDays(t *testing.T) {
	r := phase4Like()
	var history []SessionLog
	want := []int{10, 12, 14, 16}
	for i, w := range want {
		date := time.Date(2026, 3, 2+i, 9, 0, 0, 0, time.FixedZone("CET", 3600))
		got := BuildUps(r, DefaultPainRules(), history, date, 0)
		if len(got) != 1 || got[0].Minutes != w {
			t.Fatalf("day %d: %+v, want %d minutes", i+1, got, w)
		}
		if m := BuiltUp(r.ID, append(history, SessionLog{Start: date, Routine: "phase4", Decisions: got}))["walking"]; m != w {
			t.Errorf("day %d: in force %d, want %d", i+1, m, w)
		}
		history = append(history, walkDay(date.Format(time.DateOnly), "phase4", got[0].Minutes, map[string]int{"walking": 2}))
	}
}

// The ladder applies on top of the built-up time, in whole minutes and
// never below 1 (CLINICAL.md: "ladder cuts round minutes to whole
// minutes, never below 1").
func TestBuildUpUnderTheLadder(t *testing.T) {
	r := phase4Like().WithBuildUps(map[string]int{"walking": 14})
	if d := r.Exercises[0].Dose.Duration; d != 14*time.Minute {
		t.Fatalf("built-up dose %v", d)
	}
	l := DefaultLadder()
	for _, tc := range []struct {
		minutes, level int
		want           time.Duration
	}{
		{14, 1, 11 * time.Minute}, // 11.2
		{14, 2, 8 * time.Minute},  // 8.4
		{14, 3, 6 * time.Minute},  // 5.6
		{5, 3, 2 * time.Minute},
		{3, 3, time.Minute}, // 1.2
		{1, 3, time.Minute}, // never below 1
		{3, 2, 2 * time.Minute},
	} {
		got := l.Apply(Dose{Duration: time.Duration(tc.minutes) * time.Minute}, tc.level)
		if got.Duration != tc.want {
			t.Errorf("%d min at level %d: %v, want %v", tc.minutes, tc.level, got.Duration, tc.want)
		}
	}
	// Outside start and target, a stored time is brought back in.
	if d := phase4Like().WithBuildUps(map[string]int{"walking": 45}).Exercises[0].Dose.Duration; d != 30*time.Minute {
		t.Errorf("45 stored: %v, want the target", d)
	}
}

// The counted-move ladder, against CLINICAL.md's words: "a count of 5 or
// more (10 breaths, 10 pumps) loses a fifth per step (10: 8, 6, 4); level
// 3 is the floor".
func TestCountedLadderAsClinicalSays(t *testing.T) {
	l := DefaultLadder()
	for n := 5; n <= 20; n++ {
		for level := 1; level <= 4; level++ {
			kept := 5 - min(level, MaxLevel) // fifths kept
			want := (n*kept*20 + 50) / 100   // rounded half up
			if got := l.Apply(Dose{Count: n}, level).Count; got != want {
				t.Errorf("count %d at level %d: %d, want %d", n, level, got, want)
			}
		}
	}
	var got []int
	for level := 0; level <= 3; level++ {
		got = append(got, l.Apply(Dose{Count: 10}, level).Count)
	}
	if len(got) != 4 || got[0] != 10 || got[1] != 8 || got[2] != 6 || got[3] != 4 {
		t.Errorf("10 breaths: %v, want 10, 8, 6, 4", got)
	}
}
