package routine

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST case needs Europe/Berlin on any machine
)

// A small language for histories: sess is one session at 08:00 local on
// date, with its check-in b, its start level, its scores and decisions.
func at(date string, hour int) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, date, time.UTC)
	if err != nil {
		panic(err)
	}
	return d.Add(time.Duration(hour) * time.Hour)
}

func sess(date string, b, level int, pains []int, rules ...string) SessionLog {
	s := SessionLog{Start: at(date, 8), Baseline: b, StartLevel: level}
	for _, p := range pains {
		s.Sets = append(s.Sets, SetLog{ExerciseID: "bridge", Pain: p})
	}
	lvl := level
	for _, r := range rules {
		d := Decision{Rule: r, At: s.Start, LevelBefore: lvl, Reason: r + " reason."}
		switch r {
		case RuleAmber, RuleRed, RuleStopTwoReds, RuleStopHighPain:
			d.ExerciseID = "bridge"
			lvl = clampLevel(lvl + 1)
		}
		d.LevelAfter = lvl
		s.Decisions = append(s.Decisions, d)
	}
	return s
}

// hist makes a History whose check-in means come from the sessions.
func hist(sessions ...SessionLog) History {
	h := History{Sessions: sessions}
	sum := map[string][]float64{}
	var order []string
	for _, s := range sessions {
		date := s.Start.Format(time.DateOnly)
		if _, ok := sum[date]; !ok {
			order = append(order, date)
		}
		sum[date] = append(sum[date], float64(s.Baseline))
	}
	for _, date := range order {
		h.Checkins = append(h.Checkins, DayCheckin{Date: date, Mean: mean(sum[date])})
	}
	return h
}

func TestCutsLastTheDayOnly(t *testing.T) {
	r := DefaultPainRules()
	day1 := sess("2026-03-02", 2, 0, []int{2, 4, 3, 2}, RuleAmber)
	// During day 1, after the amber, the level in force is one lower.
	d := Today(r, hist(day1), at("2026-03-02", 15))
	if !d.Started || d.StartLevel != 0 || d.Level != 1 || d.Closed != nil {
		t.Fatalf("day 1 afternoon: %+v", d)
	}
	// Three ambers in one day: three steps down, for that day only.
	three := sess("2026-03-02", 2, 0, []int{4, 4, 4}, RuleAmber, RuleAmber, RuleAmber)
	if d := Today(r, hist(three), at("2026-03-02", 20)); d.Level != 3 {
		t.Errorf("three ambers: level %d, want 3", d.Level)
	}
	for _, h := range []History{hist(day1), hist(three)} {
		// Next morning, pain back at the baseline: the full dose again.
		start := StartOfDay(r, h, at("2026-03-03", 8), 2)
		if start.LevelAfter != 0 || start.Rule != RuleNone || !strings.Contains(start.Reason, "full prescribed dose") {
			t.Errorf("next morning at the same baseline: %+v", start)
		}
		// Before the check-in, today starts from yesterday's start, not its end.
		if d := Today(r, h, at("2026-03-03", 7)); d.Started || d.StartLevel != 0 || d.Level != 0 {
			t.Errorf("next morning before check-in: %+v", d)
		}
	}
}

func TestNextMorningRule(t *testing.T) {
	r := DefaultPainRules()
	tests := []struct {
		name      string
		yesterday SessionLog
		b         int
		want      int
		rule      string
	}{
		{"green day, B up 2: step down", sess("2026-03-02", 2, 0, []int{2}), 4, 1, RuleNextMorning},
		{"green day, B up 1: none", sess("2026-03-02", 2, 0, []int{2}), 3, 0, RuleNone},
		{"green day, B up 3: one step only", sess("2026-03-02", 2, 0, []int{2}), 5, 1, RuleNextMorning},
		{"amber day, B above its baseline: step down", sess("2026-03-02", 2, 0, []int{4}, RuleAmber), 3, 1, RuleNextMorning},
		{"amber day, B back at its baseline: none", sess("2026-03-02", 2, 0, []int{4}, RuleAmber), 2, 0, RuleNone},
		{"red day, B above: step down from its start", sess("2026-03-02", 2, 1, []int{6}, RuleRed), 3, 2, RuleNextMorning},
		{"stop day counts red", sess("2026-03-02", 3, 0, []int{8}, RuleStopHighPain), 4, 1, RuleNextMorning},
		{"warning day counts red", sess("2026-03-02", 3, 0, nil, RuleWarningSign), 4, 1, RuleNextMorning},
		{"warning day, B back: none", sess("2026-03-02", 3, 0, nil, RuleWarningSign), 3, 0, RuleNone},
		{"baseline-stop day, B well below: none", sess("2026-03-02", 8, 0, nil, RuleBaselineStop), 3, 0, RuleNone},
		{"at the floor it stays", sess("2026-03-02", 2, 3, []int{2}), 5, 3, RuleNextMorning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := StartOfDay(r, hist(tt.yesterday), at("2026-03-03", 8), tt.b)
			if d.LevelAfter != tt.want || d.Rule != tt.rule {
				t.Errorf("got %s to level %d (%q), want %s to %d", d.Rule, d.LevelAfter, d.Reason, tt.rule, tt.want)
			}
			if !strings.HasSuffix(d.Reason, ".") || strings.Count(d.Reason, ". ") > 0 {
				t.Errorf("reason %q is not one sentence", d.Reason)
			}
		})
	}
	// A rest day between does not reset the pain the last session day left.
	d := StartOfDay(r, hist(sess("2026-03-01", 2, 0, []int{2})), at("2026-03-03", 8), 4)
	if d.Rule != RuleNextMorning || !strings.Contains(d.Reason, "up from 2 on 1 March") {
		t.Errorf("after a rest day: %+v", d)
	}
}

// weekOf gives one session a day from first for n days, all green at
// level, with the check-in b(i) on day i.
func weekOf(first string, n, level int, b func(i int) int) []SessionLog {
	var out []SessionLog
	for i := 0; i < n; i++ {
		date := at(first, 0).AddDate(0, 0, i).Format(time.DateOnly)
		out = append(out, sess(date, b(i), level, []int{b(i)}))
	}
	return out
}

func TestWeekRule(t *testing.T) {
	r := DefaultPainRules()
	const first = "2026-03-02" // 13 days: 2-8 the earlier week, 9-14 the recent (with today, the 15th)
	flat := func(earlier, recent int) func(int) int {
		return func(i int) int {
			if i < 7 {
				return earlier
			}
			return recent
		}
	}
	today := at("2026-03-15", 8)
	tests := []struct {
		name           string
		earlier, later int
		level          int
		wantLevel      int
		rule           string
		hold           bool
	}{
		{"rise 1: hold, no step down", 2, 3, 0, 0, RuleWeekHold, true},
		{"rise 2: one step down", 2, 4, 0, 1, RuleWeekDown, true},
		{"flat: nothing", 2, 2, 0, 0, RuleNone, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hist(weekOf(first, 13, tt.level, flat(tt.earlier, tt.later))...)
			// Today's check-in equals the recent week's, so yesterday's
			// next-morning rule does not fire.
			d := StartOfDay(r, h, today, tt.later)
			if d.LevelAfter != tt.wantLevel || d.Rule != tt.rule || d.HoldStepUp != tt.hold {
				t.Errorf("got %s level %d hold %v (%q)", d.Rule, d.LevelAfter, d.HoldStepUp, d.Reason)
			}
		})
	}
	t.Run("just below each threshold", func(t *testing.T) {
		// The recent week is six days at 3 (or 4) and today: a sum of 20
		// is a rise of 6/7 over 2, just under 1; 27 is 1 6/7, just under 2.
		for _, tt := range []struct {
			later, today int
			hold         bool
		}{{3, 2, false}, {4, 3, true}} {
			h := hist(weekOf(first, 13, 0, flat(2, tt.later))...)
			d := StartOfDay(r, h, today, tt.today)
			if d.HoldStepUp != tt.hold || d.LevelAfter != 0 {
				t.Errorf("recent %d, today %d: %+v", tt.later, tt.today, d)
			}
		}
	})
	t.Run("fewer than 3 check-in days a week: no week rule", func(t *testing.T) {
		var s []SessionLog
		for _, date := range []string{"2026-03-02", "2026-03-04", "2026-03-09", "2026-03-11", "2026-03-13"} {
			b := 1
			if date > "2026-03-07" {
				b = 6
			}
			s = append(s, sess(date, b, 0, nil))
		}
		if d := StartOfDay(r, hist(s...), today, 6); d.HoldStepUp {
			t.Errorf("a week of 2 check-in days made a trend: %+v", d)
		}
	})
	t.Run("steps down at most once in 7 days", func(t *testing.T) {
		// Pain creeping up by 3 a week, check-ins only: the means rise by
		// 2 or more every morning, and nothing else fires.
		b := func(i int) int { return 3 * i / 7 }
		var s []SessionLog
		for i := 0; i < 14; i++ {
			s = append(s, sess(at("2026-03-01", 0).AddDate(0, 0, i).Format(time.DateOnly), b(i), 0, nil))
		}
		h := hist(s...)
		var got []string
		level := 0
		for j := 0; j < 9; j++ {
			day := at("2026-03-15", 8).AddDate(0, 0, j)
			d := StartOfDay(r, h, day, b(14+j))
			got = append(got, d.Rule)
			level = d.LevelAfter
			if !d.HoldStepUp {
				t.Errorf("day %d: no hold: %+v", j, d)
			}
			next := sess(day.Format(time.DateOnly), b(14+j), d.LevelAfter, nil)
			next.Decisions = []Decision{d}
			h = hist(append(h.Sessions, next)...)
		}
		if got[0] != RuleWeekDown || got[7] != RuleWeekDown {
			t.Errorf("rules by day: %v", got)
		}
		for i := 1; i < 7; i++ {
			if got[i] != RuleWeekHold {
				t.Errorf("day %d: %s, want only a hold: %v", i, got[i], got)
			}
		}
		if level != 2 {
			t.Errorf("after 9 days the level is %d, want 2", level)
		}
	})
}

func TestStepUp(t *testing.T) {
	r := DefaultPainRules()
	green3 := weekOf("2026-03-02", 3, 2, func(int) int { return 2 })
	tests := []struct {
		name    string
		history []SessionLog
		day     string
		want    int
		rule    string
	}{
		{"3 green days in a row at a reduced level", green3, "2026-03-05", 1, RuleStepUp},
		{"only 2 days", green3[1:], "2026-03-05", 2, RuleNone},
		{"a break before today", green3, "2026-03-06", 2, RuleNone},
		{"a gap inside the run", append([]SessionLog{green3[0]}, green3[2]), "2026-03-05", 2, RuleNone},
		{"an amber among them", append(green3[:2:2], sess("2026-03-04", 2, 2, []int{5}, RuleAmber)), "2026-03-05", 2, RuleNone},
		{"days with no scored set", weekOf("2026-03-02", 3, 2, func(int) int { return 2 })[:0], "2026-03-05", 0, RuleNone},
		{"never above the prescription", weekOf("2026-03-02", 3, 0, func(int) int { return 2 }), "2026-03-05", 0, RuleNone},
		{"one step up to the full dose", weekOf("2026-03-02", 3, 1, func(int) int { return 2 }), "2026-03-05", 0, RuleStepUp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := StartOfDay(r, hist(tt.history...), at(tt.day, 8), 2)
			if d.LevelAfter != tt.want || d.Rule != tt.rule {
				t.Errorf("got %s level %d (%q), want %s %d", d.Rule, d.LevelAfter, d.Reason, tt.rule, tt.want)
			}
		})
	}
	// A week hold from 3 days ago still blocks the step up, and says until when.
	held := append([]SessionLog(nil), green3...)
	held[0].Decisions = []Decision{{Rule: RuleWeekHold, At: held[0].Start, LevelBefore: 2, LevelAfter: 2, Reason: "x."}}
	d := StartOfDay(r, hist(held...), at("2026-03-05", 8), 2)
	if d.LevelAfter != 2 || !strings.Contains(d.Reason, "no step up until Mon 9 March") {
		t.Errorf("under a week hold: %+v", d)
	}
	// A hold whose 7 days are over does not.
	old := sess("2026-02-24", 2, 2, []int{2}, RuleWeekHold)
	if d := StartOfDay(r, hist(append([]SessionLog{old}, green3...)...), at("2026-03-05", 8), 2); d.Rule != RuleStepUp {
		t.Errorf("an expired hold blocked the step up: %+v", d)
	}
}

func TestClosedDay(t *testing.T) {
	r := DefaultPainRules()
	rt := Routine{ID: "p1", Exercises: []Exercise{exGlide, exBridge}, Rules: r}
	for _, rule := range []string{RuleWarningSign, RuleBaselineStop, RuleStopHighPain, RuleStopTwoReds} {
		h := hist(sess("2026-03-02", 3, 0, []int{3}, rule))
		d := Today(r, h, at("2026-03-02", 18))
		if d.Allows() || d.Closed.Rule != rule {
			t.Errorf("%s: day not closed: %+v", rule, d)
			continue
		}
		var closed *ClosedError
		if _, err := NewRun(rt, d, 3, RunOptions{}); !errors.As(err, &closed) || !errors.Is(err, ErrDayClosed) {
			t.Errorf("%s: NewRun on a closed day: %v", rule, err)
		}
		if c := CheckIn(r, h, d, at("2026-03-02", 18), 2, false); c.Closed == nil || len(c.Decisions) != 0 {
			t.Errorf("%s: check-in on a closed day: %+v", rule, c)
		}
		// The next day is open again.
		if d := Today(r, h, at("2026-03-03", 8)); !d.Allows() {
			t.Errorf("%s: the next day is closed too", rule)
		}
	}
}

func TestCheckIn(t *testing.T) {
	r := DefaultPainRules()
	h := hist(sess("2026-03-02", 2, 1, []int{2}))
	day := Today(r, h, at("2026-03-03", 8))
	tests := []struct {
		b       int
		warning bool
		closed  string
		n       int
	}{
		{7, false, "", 1},               // just below the stop: a start decision only
		{8, false, RuleBaselineStop, 2}, // at it: the start, then the stop
		{2, true, RuleWarningSign, 2},   // a warning sign
		{10, true, RuleWarningSign, 2},  // both: the warning sign speaks
	}
	for _, tt := range tests {
		c := CheckIn(r, h, day, at("2026-03-03", 8), tt.b, tt.warning)
		got := ""
		if c.Closed != nil {
			got = c.Closed.Rule
		}
		if got != tt.closed || len(c.Decisions) != tt.n || !startRule(c.Decisions[0].Rule) {
			t.Errorf("B %d warning %v: closed %q with %d decisions %+v", tt.b, tt.warning, got, len(c.Decisions), c.Decisions)
		}
	}
	// A later check-in the same day keeps the day's start and its cuts.
	later := hist(sess("2026-03-03", 2, 1, []int{4}, RuleAmber))
	d := Today(r, later, at("2026-03-03", 14))
	if c := CheckIn(r, later, d, at("2026-03-03", 14), 5, false); c.Level != 2 || len(c.Decisions) != 0 {
		t.Errorf("second check-in: %+v", c)
	}
}

func TestStoppedExerciseLeftOutForTheDay(t *testing.T) {
	r := DefaultPainRules()
	rt := Routine{ID: "p1", Exercises: []Exercise{exGlide, exBridge}, Rules: r}
	s := sess("2026-03-02", 2, 0, []int{6}, RuleRed)
	s.Decisions[0].ExerciseID = exGlide.ID
	d := Today(r, hist(s), at("2026-03-02", 12))
	if !d.StoppedToday(exGlide.ID) || d.Level != 1 {
		t.Fatalf("after a red: %+v", d)
	}
	run, err := NewRun(rt, d, 2, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := run.Current(); p.Exercise.ID != exBridge.ID || run.Level() != 1 {
		t.Errorf("the second session starts at %s level %d", p.Exercise.ID, run.Level())
	}
	// Tomorrow the glide is back.
	if d := Today(r, hist(s), at("2026-03-03", 8)); d.StoppedToday(exGlide.ID) {
		t.Errorf("the glide is still stopped the next day")
	}
}

func TestRunAppliesTheRules(t *testing.T) {
	r := DefaultPainRules()
	rt := Routine{ID: "p1", Exercises: []Exercise{exGlide, exBridge}, Rules: r}
	run, err := NewRun(rt, Day{}, 2, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	now := doseT0
	finishSet := func() {
		run.Confirm(now)
		for run.Step() != StepPain {
			now = now.Add(time.Minute)
			run.Tick(now)
		}
	}
	finishSet()
	sc, refused := run.Score(6, now) // red on the glide, left side
	if refused != "" || sc.Decision.Rule != RuleRed || !sc.Stored() || sc.Ends() {
		t.Fatalf("first red: %+v %q", sc, refused)
	}
	if len(sc.Skipped) != 1 || sc.Skipped[0].Side != Right || run.Level() != 1 {
		t.Errorf("the red left %d sets skipped at level %d", len(sc.Skipped), run.Level())
	}
	if !strings.Contains(sc.Decision.Reason, "next, bridge: 2 holds of 25 s") {
		t.Errorf("red reason: %q", sc.Decision.Reason)
	}
	finishSet()
	sc, _ = run.Score(6, now) // a second red: stop
	if sc.Decision.Rule != RuleStopTwoReds || !sc.Ends() || run.Stopped() == nil || run.Step() != StepDone {
		t.Fatalf("second red: %+v", sc.Decision)
	}
	if !strings.Contains(sc.Decision.Reason, "first: straight-leg nerve glide, left side, 2 to 6") {
		t.Errorf("two-reds reason: %q", sc.Decision.Reason)
	}
	// Resumed with the first red on record, a second still stops.
	run2, _ := NewRun(rt, Day{Level: 1}, 2, RunOptions{Done: []int{0, 1}, Earlier: []Decision{{Rule: RuleRed, Exercise: exGlide.Name, Side: Left, Pain: -1, Baseline: -1}}})
	now = now.Add(time.Hour)
	run = run2
	finishSet()
	if sc, _ := run.Score(7, now); sc.Decision.Rule != RuleStopTwoReds {
		t.Errorf("resumed run forgot the earlier red: %+v", sc.Decision)
	}
}

func TestDaysFollowLocalDates(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	r := DefaultPainRules()
	// 01:30 on the night the clocks go back belongs to the 25th, and an
	// amber then does not carry into the 26th.
	s := SessionLog{Start: time.Date(2026, 10, 25, 1, 30, 0, 0, berlin), Baseline: 2, StartLevel: 0,
		Sets: []SetLog{{Pain: 4}}, Decisions: []Decision{{Rule: RuleAmber, ExerciseID: "x", LevelBefore: 0, LevelAfter: 1, Reason: "a."}}}
	if d := Today(r, hist(s), time.Date(2026, 10, 25, 23, 30, 0, 0, berlin)); d.Level != 1 {
		t.Errorf("late on the 25th: level %d", d.Level)
	}
	if d := Today(r, hist(s), time.Date(2026, 10, 26, 0, 30, 0, 0, berlin)); d.Level != 0 || d.Started {
		t.Errorf("early on the 26th: %+v", d)
	}
}
