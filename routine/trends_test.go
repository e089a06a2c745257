package routine

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// today for the trend tests: a Wednesday.
const trendToday = "2026-11-25"

// dayAgo is the date n days before trendToday.
func dayAgo(n int) string {
	t, _ := time.Parse(time.DateOnly, trendToday)
	return t.AddDate(0, 0, -n).Format(time.DateOnly)
}

// checkins makes one day per baseline, one session each, counting back
// from the day startAge days ago: baselines[0] is the newest.
func checkins(startAge int, baselines ...int) []TrendDay {
	var out []TrendDay
	for i, b := range baselines {
		out = append(out, TrendDay{Date: dayAgo(startAge + i), Sessions: 1, Scored: 1,
			BaselineSum: b, Baselines: 1, MaxPain: b})
	}
	return out
}

func TestThresholdTenths(t *testing.T) {
	for _, tt := range []struct{ earlier, want int }{
		{0, 10}, {20, 10}, {33, 10}, // 30% is under 1 point: 1 point
		{34, 11}, {45, 14}, {50, 15}, {66, 20}, // 30%, rounded up to a tenth
		{67, 20}, {80, 20}, {100, 20}, // 30% is over 2 points: 2 points
	} {
		if got := thresholdTenths(tt.earlier); got != tt.want {
			t.Errorf("thresholdTenths(%d) = %d, want %d", tt.earlier, got, tt.want)
		}
	}
}

func TestVerdict(t *testing.T) {
	// periods builds 3 check-in days in each period: the recent ones at
	// ages 0-2, the earlier ones at ages 14-16, each with a mean of the
	// given tenths (made of whole scores: x, x, and the rest).
	periods := func(recent, earlier int) []TrendDay {
		return append(meanDays(0, recent), meanDays(VerdictDays, earlier)...)
	}
	tests := []struct {
		name   string
		days   []TrendDay
		kind   VerdictKind
		change float64
		ref    bool
	}{
		{"no data", nil, NotEnough, 0, false},
		{"earlier period empty", checkins(0, 3, 3, 3), NotEnough, 0, false},
		{"recent period empty", checkins(VerdictDays, 3, 3, 3), NotEnough, 0, true},
		{"two days are too few", append(checkins(0, 3, 3), checkins(VerdictDays, 6, 6, 6)...), NotEnough, 0, true},
		{"the example: 4.5 to 3.1", periods(31, 45), Better, -1.4, true},
		{"1.3 from 4.5 is under 30%", periods(32, 45), NoChange, -1.3, true},
		{"exactly 30%: 5.0 to 3.5", periods(35, 50), Better, -1.5, true},
		{"exactly 30% up: 5.0 to 6.5", periods(65, 50), Worse, 1.5, true},
		{"just under 30%: 5.0 to 3.6", periods(36, 50), NoChange, -1.4, true},
		{"exactly 2 points from 8.0", periods(60, 80), Better, -2, true},
		{"1.9 from 8.0: 2 points needed", periods(61, 80), NoChange, -1.9, true},
		{"exactly 2 points up from 7.0", periods(90, 70), Worse, 2, true},
		{"1 point up from 2.0", periods(30, 20), Worse, 1, true},
		{"0.9 up from 2.0 is 45% but under a point", periods(29, 20), NoChange, 0.9, true},
		{"1 point up from 0", periods(10, 0), Worse, 1, true},
		{"no change", periods(40, 40), NoChange, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewVerdict(tt.days, trendToday, 3)
			if v.Kind != tt.kind || v.Change != tt.change || v.HasReference != tt.ref {
				t.Errorf("got %v change %v reference %v, want %v change %v reference %v (%+v)",
					v.Kind, v.Change, v.HasReference, tt.kind, tt.change, tt.ref, v)
			}
		})
	}
}

// meanDays makes 3 days from age on whose mean baseline is tenths/10:
// two days of x and one that makes up the rest, all whole scores.
func meanDays(age, tenths int) []TrendDay {
	total := tenths * 3 // in tenths; each day's score must be whole
	if total%10 != 0 {
		// 3 days cannot reach every tenth: use 10 days, one each.
		return tenDays(age, tenths)
	}
	x := total / 30
	rest := total/10 - 2*x
	return checkins(age, x, x, rest)
}

// tenDays: 10 days whose mean is tenths/10.
func tenDays(age, tenths int) []TrendDay {
	x, extra := tenths/10, tenths%10
	scores := make([]int, 10)
	for i := range scores {
		scores[i] = x
		if i < extra {
			scores[i]++
		}
	}
	return checkins(age, scores...)
}

func TestVerdictCountsDaysNotSessions(t *testing.T) {
	// The newest day has two sessions (2 and 8: mean 5); the other two 5.
	recent := checkins(0, 5, 5, 5)
	recent[0].BaselineSum, recent[0].Baselines, recent[0].Sessions = 10, 2, 2
	// A day with sessions but no known check-in is left out, not zero.
	recent = append(recent, TrendDay{Date: dayAgo(3), Sessions: 1, Scored: 1, MaxPain: 2})
	days := append(recent, checkins(VerdictDays, 5, 5, 5)...)
	v := NewVerdict(days, trendToday, 3)
	if v.Recent != 5 || v.RecentDays != 3 || v.Kind != NoChange {
		t.Errorf("got recent %v over %d days, %v; want 5 over 3 days, no change", v.Recent, v.RecentDays, v.Kind)
	}
}

func TestVerdictPeriodEdges(t *testing.T) {
	days := []TrendDay{
		checkins(-1, 9)[0], // tomorrow: ignored
		checkins(13, 2)[0], // the oldest day of the recent period
		checkins(14, 6)[0], // the newest day of the earlier period
		checkins(27, 6)[0], // the oldest day of the earlier period
		checkins(28, 0)[0], // before both: ignored
		{Date: "not a date", Baselines: 1, BaselineSum: 9}, // ignored
	}
	v := NewVerdict(days, trendToday, 1)
	if v.RecentDays != 1 || v.EarlierDays != 2 || v.Recent != 2 || v.Earlier != 6 || v.Kind != Better {
		t.Errorf("got %+v", v)
	}
}

func TestVerdictSentence(t *testing.T) {
	tests := []struct {
		days []TrendDay
		want string
	}{
		{meanDays(0, 31), "Baseline pain over the last 14 days: 3.1; the 14 days before have too few check-ins to compare (0 days with a score; 3 needed)."},
		{checkins(0, 3, 3), "Baseline pain over the last 14 days: not enough check-ins yet to see a trend (2 days with a score; 3 needed)."},
		{append(meanDays(0, 31), meanDays(VerdictDays, 45)...),
			"Baseline pain over the last 14 days: 3.1, down 1.4 from the 14 days before (4.5): a real improvement."},
		{append(meanDays(0, 40), meanDays(VerdictDays, 40)...),
			"Baseline pain over the last 14 days: 4.0, the same as the 14 days before (4.0): no meaningful change."},
		{append(meanDays(0, 50), meanDays(VerdictDays, 40)...),
			"Baseline pain over the last 14 days: 5.0, up 1.0 from the 14 days before (4.0): no meaningful change."},
		{append(meanDays(0, 60), meanDays(VerdictDays, 40)...),
			"Baseline pain over the last 14 days: 6.0, up 2.0 from the 14 days before (4.0): a real rise, so consider telling your care team."},
	}
	for _, tt := range tests {
		if got := NewVerdict(tt.days, trendToday, 3).Sentence(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
	v := NewVerdict(append(meanDays(0, 31), meanDays(VerdictDays, 45)...), trendToday, 3)
	if got, want := v.Rule(), "from 4.5, a change of 1.4 or more"; !strings.Contains(got, want) {
		t.Errorf("Rule() = %q, want it to say %q", got, want)
	}
}

func TestExerciseStats(t *testing.T) {
	r := DefaultPainRules()
	set := func(id string, baseline, pain int) SetScore {
		return SetScore{Date: trendToday, ExerciseID: id, Exercise: "The " + id, Baseline: baseline, Pain: pain}
	}
	tests := []struct {
		name string
		sets []SetScore
		want []ExerciseStat
	}{
		{"no sets", nil, []ExerciseStat{}},
		{"one amber is not often", []SetScore{set("a", 2, 5)},
			[]ExerciseStat{{ExerciseID: "a", Exercise: "The a", Sets: 1, AvgRise: 3, HasRise: true, AmberOrWorse: 1}}},
		{"exactly a third, two sets: flagged", []SetScore{set("a", 2, 4), set("a", 2, 4), set("a", 2, 3), set("a", 2, 3), set("a", 2, 2), set("a", 2, 2)},
			[]ExerciseStat{{ExerciseID: "a", Exercise: "The a", Sets: 6, AvgRise: 1, HasRise: true, AmberOrWorse: 2, Often: true}}},
		{"two of seven: under a third", []SetScore{set("a", 2, 4), set("a", 2, 4), set("a", 2, 2), set("a", 2, 2), set("a", 2, 2), set("a", 2, 2), set("a", 2, 2)},
			[]ExerciseStat{{ExerciseID: "a", Exercise: "The a", Sets: 7, AvgRise: 4.0 / 7, HasRise: true, AmberOrWorse: 2}}},
		{"green at 3 whatever the rise; pain that falls", []SetScore{set("a", 0, 3), set("a", 5, 1)},
			[]ExerciseStat{{ExerciseID: "a", Exercise: "The a", Sets: 2, AvgRise: -0.5, HasRise: true}}},
		{"unknown check-in: judged on pain alone, no rise", []SetScore{set("a", -1, 6), set("a", -1, 5)},
			[]ExerciseStat{{ExerciseID: "a", Exercise: "The a", Sets: 2, AmberOrWorse: 2, Often: true}}},
		{"flagged first, then by name", []SetScore{set("c", 1, 1), set("b", 1, 1), set("z", 2, 6), set("z", 2, 6)},
			[]ExerciseStat{
				{ExerciseID: "z", Exercise: "The z", Sets: 2, AvgRise: 4, HasRise: true, AmberOrWorse: 2, Often: true},
				{ExerciseID: "b", Exercise: "The b", Sets: 1, HasRise: true},
				{ExerciseID: "c", Exercise: "The c", Sets: 1, HasRise: true},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ExerciseStats(r, tt.sets)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// A SetScore with a Count stands for that many sets scored alike (the
// store's per-day aggregates): the stats are those of the sets one by one.
func TestExerciseStatsCountsWeigh(t *testing.T) {
	r := DefaultPainRules()
	one := func(id string, baseline, pain int) SetScore {
		return SetScore{Date: trendToday, ExerciseID: id, Exercise: "The " + id, Baseline: baseline, Pain: pain}
	}
	many := func(n int, id string, baseline, pain int) SetScore {
		s := one(id, baseline, pain)
		s.Count = n
		return s
	}
	var singles []SetScore
	for i := 0; i < 3; i++ {
		singles = append(singles, one("a", 2, 5))
	}
	for i := 0; i < 4; i++ {
		singles = append(singles, one("a", 2, 2), one("b", -1, 7))
	}
	singles = append(singles, one("b", 1, 1))
	counted := []SetScore{many(3, "a", 2, 5), many(4, "a", 2, 2), many(4, "b", -1, 7), many(1, "b", 1, 1)}
	want := ExerciseStats(r, singles)
	if got := ExerciseStats(r, counted); !reflect.DeepEqual(got, want) {
		t.Errorf("counted sets: %+v\nset by set:    %+v", got, want)
	}
	if want[0].Sets != 7 || want[0].AmberOrWorse != 3 || want[1].Sets != 5 {
		t.Errorf("set by set: %+v, want a with 7 sets (3 amber or worse), b with 5", want)
	}
}

func TestAdherence(t *testing.T) {
	days := []TrendDay{
		{Date: trendToday, Sessions: 2, Scored: 5},
		{Date: dayAgo(1), Sessions: 1, Scored: 0}, // stopped before any exercise
		{Date: dayAgo(2), Sessions: 6, Scored: 60},
		{Date: "2026-09-07", Sessions: 3, Scored: 3}, // the first Monday of the grid
		{Date: "2026-09-06", Sessions: 3, Scored: 3}, // the Sunday before it: not shown
	}
	weeks := Adherence(days, trendToday)
	if len(weeks) != AdherenceWeeks {
		t.Fatalf("%d weeks", len(weeks))
	}
	first, last := weeks[0], weeks[len(weeks)-1]
	if first.Monday != "2026-09-07" || first.Days[0] != 3 || first.Dates[6] != "2026-09-13" {
		t.Errorf("first week %+v", first)
	}
	want := [7]int{6, 0, 2, -1, -1, -1, -1} // Mon 23, Tue 24, Wed 25 (today), the rest to come
	if last.Monday != "2026-11-23" || last.Days != want {
		t.Errorf("this week %+v, want days %v", last, want)
	}
	if Adherence(days, "yesterday") != nil {
		t.Error("a bad date gave a grid")
	}
}

func TestStreak(t *testing.T) {
	run := func(ages ...int) []TrendDay {
		var out []TrendDay
		for _, a := range ages {
			out = append(out, TrendDay{Date: dayAgo(a), Sessions: 1, Scored: 1})
		}
		return out
	}
	first := dayAgo(10)
	tests := []struct {
		name    string
		days    []TrendDay
		n       int
		atLeast bool
	}{
		{"none", nil, 0, false},
		{"today only", run(0), 1, false},
		{"not yet today: counts to yesterday", run(1, 2, 3), 3, false},
		{"a gap ends it", run(0, 1, 3, 4), 2, false},
		{"two days without: none", run(2, 3), 0, false},
		{"up to the first day read", run(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 11, true},
		{"a stop before exercise is not a day done", append(run(1, 2), TrendDay{Date: dayAgo(0), Sessions: 1}), 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, atLeast := Streak(tt.days, trendToday, first)
			if n != tt.n || atLeast != tt.atLeast {
				t.Errorf("got %d (at least %v), want %d (at least %v)", n, atLeast, tt.n, tt.atLeast)
			}
		})
	}
}

func TestSeries(t *testing.T) {
	days := []TrendDay{
		{Date: dayAgo(7), Sessions: 1, Scored: 1, BaselineSum: 9, Baselines: 1, MaxPain: 9}, // before the window
		{Date: dayAgo(6), Sessions: 2, Scored: 4, BaselineSum: 5, Baselines: 2, MaxPain: 4},
		{Date: dayAgo(3), Sessions: 1, Scored: 0, BaselineSum: 7, Baselines: 1, MaxPain: -1}, // no sets
		{Date: trendToday, Sessions: 1, Scored: 2, MaxPain: 3},                               // check-in unknown
	}
	got := Series(days, trendToday, 7)
	want := []DayPoint{
		{Date: dayAgo(6), Baseline: 2.5, HasBaseline: true, MaxPain: 4, Sessions: 2},
		{Date: dayAgo(5), MaxPain: -1},
		{Date: dayAgo(4), MaxPain: -1},
		{Date: dayAgo(3), Baseline: 7, HasBaseline: true, MaxPain: -1, Sessions: 1},
		{Date: dayAgo(2), MaxPain: -1},
		{Date: dayAgo(1), MaxPain: -1},
		{Date: trendToday, MaxPain: 3, Sessions: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestBuildTrends(t *testing.T) {
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.FixedZone("", -8*3600))
	r := DefaultPainRules()
	var in TrendInput
	// Ten days with exercise up to yesterday, then one 20 days ago.
	for age := 1; age <= 10; age++ {
		in.Days = append(in.Days, TrendDay{Date: dayAgo(age), Sessions: 2, Scored: 4, BaselineSum: 6, Baselines: 2, MaxPain: 5})
	}
	in.Days = append(in.Days, TrendDay{Date: dayAgo(20), Sessions: 1, Scored: 1, BaselineSum: 3, Baselines: 1, MaxPain: 3})
	in.Sets = []SetScore{
		{Date: dayAgo(1), ExerciseID: "glide", Exercise: "Glide", Baseline: 3, Pain: 5},
		{Date: dayAgo(6), ExerciseID: "glide", Exercise: "Glide", Baseline: 3, Pain: 4},
		{Date: dayAgo(7), ExerciseID: "old", Exercise: "Outside the window", Baseline: 3, Pain: 9},
	}
	for i := 0; i < 12; i++ {
		in.CutBacks = append(in.CutBacks, CutBack{Date: dayAgo(i / 2), Rule: RuleAmber, Reason: fmt.Sprint("cut ", i)})
	}
	in.CutBacks[1].Rule = RuleStepUp // not a cut-back
	in.CutBacks[0].Date = dayAgo(7)  // outside the window

	tr := BuildTrends(r, in, now, 7)
	if tr.Today != trendToday || tr.From != dayAgo(6) || len(tr.Series) != 7 {
		t.Fatalf("today %s from %s, %d points", tr.Today, tr.From, len(tr.Series))
	}
	if tr.Sessions != 12 || tr.ActiveDays != 6 {
		t.Errorf("%d sessions on %d days, want 12 on 6", tr.Sessions, tr.ActiveDays)
	}
	if len(tr.Exercises) != 1 || tr.Exercises[0].Sets != 2 || tr.Exercises[0].AvgRise != 1.5 {
		t.Errorf("exercises %+v", tr.Exercises)
	}
	if tr.Streak != 10 || tr.StreakAtLeast {
		t.Errorf("streak %d (at least %v), want 10", tr.Streak, tr.StreakAtLeast)
	}
	if len(tr.CutBacks) != MaxCutBacks || tr.CutBacks[0].Reason != "cut 2" {
		t.Errorf("cut-backs %+v", tr.CutBacks)
	}
	if len(tr.Weeks) != AdherenceWeeks {
		t.Errorf("%d weeks", len(tr.Weeks))
	}
	// The earlier period (14 to 27 days ago) has one check-in day: too few.
	if tr.Verdict.RecentDays != 10 || tr.Verdict.EarlierDays != 1 || tr.Verdict.Kind != NotEnough {
		t.Errorf("verdict %+v", tr.Verdict)
	}
}

func TestTrendSpan(t *testing.T) {
	for window, want := range map[int]int{7: 84, 30: 84, 90: 90, 365: 365} {
		if got := TrendSpan(window); got != want {
			t.Errorf("TrendSpan(%d) = %d, want %d", window, got, want)
		}
	}
}

func TestIsCutBack(t *testing.T) {
	for rule, want := range map[string]bool{
		RuleGreen: false, RuleStepUp: false, RuleNone: false, "": false,
		RuleAmber: true, RuleRed: true, RuleStopHighPain: true, RuleStopTwoReds: true,
		RuleNextMorning: true, RuleWeekDown: true, RuleWeekHold: true,
		RuleWarningSign: false, RuleBaselineStop: false, // stops at the check-in: no routine was cut back
	} {
		if got := IsCutBack(rule); got != want {
			t.Errorf("IsCutBack(%q) = %v", rule, got)
		}
		if got, want := IsCheckInStop(rule), rule == RuleWarningSign || rule == RuleBaselineStop; got != want {
			t.Errorf("IsCheckInStop(%q) = %v", rule, got)
		}
	}
}

// A day whose sessions all stopped at the check-in counts its sessions,
// as its day line does, but not as a day with exercise; the stops are
// listed apart from the cut-backs.
func TestBuildTrendsStopsAtCheckIn(t *testing.T) {
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.FixedZone("", -8*3600))
	in := TrendInput{
		Days: []TrendDay{
			{Date: dayAgo(1), Sessions: 2, BaselineSum: 8, Baselines: 2, MaxPain: -1},
			{Date: dayAgo(3), Sessions: 1, Scored: 4, BaselineSum: 2, Baselines: 1, MaxPain: 4},
		},
		CutBacks: []CutBack{{Date: dayAgo(3), Rule: RuleAmber, Reason: "amber"}},
		Stops: []CutBack{
			{Date: dayAgo(1), Rule: RuleWarningSign, Reason: "warning"},
			{Date: dayAgo(1), Rule: RuleBaselineStop, Reason: "too painful"},
			{Date: dayAgo(1), Rule: RuleAmber, Reason: "not a stop"},
		},
	}
	tr := BuildTrends(DefaultPainRules(), in, now, 7)
	if tr.Sessions != 3 || tr.SessionDays != 2 || tr.ActiveDays != 1 {
		t.Errorf("%d sessions on %d days, %d with exercise; want 3 on 2, 1", tr.Sessions, tr.SessionDays, tr.ActiveDays)
	}
	if len(tr.CutBacks) != 1 || len(tr.Stops) != 2 || tr.Stops[0].Reason != "warning" || tr.Stops[1].Reason != "too painful" {
		t.Errorf("cut-backs %+v, stops %+v", tr.CutBacks, tr.Stops)
	}
}

// A window reaching back past the surgery starts on its day: the chart,
// the counts, the exercises and the lists leave the days before out.
func TestBuildTrendsStartsAtSurgery(t *testing.T) {
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.FixedZone("", -8*3600))
	in := TrendInput{
		Days: []TrendDay{
			{Date: dayAgo(40), Sessions: 1, Scored: 1, BaselineSum: 2, Baselines: 1, MaxPain: 2}, // before surgery
			{Date: dayAgo(9), Sessions: 1, Scored: 1, BaselineSum: 3, Baselines: 1, MaxPain: 5},
		},
		Sets: []SetScore{
			{Date: dayAgo(40), ExerciseID: "prehab", Exercise: "Prehab", Baseline: 2, Pain: 2},
			{Date: dayAgo(9), ExerciseID: "glide", Exercise: "Glide", Baseline: 3, Pain: 5},
		},
		CutBacks: []CutBack{{Date: dayAgo(9), Rule: RuleAmber, Reason: "after"}, {Date: dayAgo(40), Rule: RuleAmber, Reason: "before"}},
		Surgery:  dayAgo(10),
	}
	tr := BuildTrends(DefaultPainRules(), in, now, 365)
	if tr.From != dayAgo(10) || tr.Since != dayAgo(10) || tr.Days() != 11 || tr.Window != 365 {
		t.Fatalf("from %s since %s, %d days of %d", tr.From, tr.Since, tr.Days(), tr.Window)
	}
	if tr.Series[0].Date != dayAgo(10) || tr.Sessions != 1 || len(tr.Exercises) != 1 || len(tr.CutBacks) != 1 {
		t.Errorf("series from %s, %d sessions, exercises %+v, cut-backs %+v", tr.Series[0].Date, tr.Sessions, tr.Exercises, tr.CutBacks)
	}
	if want := "since surgery on 15 November 2026 (11 days)"; tr.Span() != want {
		t.Errorf("span %q, want %q", tr.Span(), want)
	}
	// A surgery inside a shorter window, on its first day, today, or in
	// the future changes nothing; on today it starts a window of one day.
	for _, tt := range []struct {
		surgery string
		days    int
	}{{dayAgo(20), 7}, {dayAgo(6), 7}, {"2026-12-01", 7}, {"not a date", 7}, {trendToday, 1}} {
		in.Surgery = tt.surgery
		if tr := BuildTrends(DefaultPainRules(), in, now, 7); tr.Days() != tt.days || tr.Span() == "" {
			t.Errorf("surgery %s: %d days (%s), want %d", tt.surgery, tr.Days(), tr.Span(), tt.days)
		}
	}
}

// DayOfDate reads exactly the dates time.Parse reads, to the same day.
func TestDayOfDateAgreesWithTimeParse(t *testing.T) {
	dates := []string{"2024-02-29", "2023-02-29", "2026-12-31", "2026-13-01", "2026-00-10", "2026-04-31", "2026-04-30",
		"2026-1-01", "2026-01-1", "abcd-ef-gh", "+026-01-01", "2026/01/01", "", "0001-01-01", "9999-12-31", "2026-01-01 "}
	for day := time.Date(2019, 12, 25, 0, 0, 0, 0, time.UTC); day.Year() < 2021; day = day.AddDate(0, 0, 1) {
		dates = append(dates, day.Format(time.DateOnly))
	}
	for _, s := range dates {
		got, ok := DayOfDate(s)
		p, err := time.Parse(time.DateOnly, s)
		if ok != (err == nil) || ok && got != dayNumber(p.Date()) {
			t.Errorf("%q: DayOfDate %d %v, time.Parse %v %v", s, got, ok, p, err)
		}
	}
}
