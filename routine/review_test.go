package routine

import (
	"strings"
	"testing"
)

func answered(date string, back, limb int, acts ...Activity) Review {
	return Review{Date: date, BackPain: back, LimbPain: limb, Limb: "leg", Activities: acts}
}

func skipped(date string) Review { return Review{Date: date, Skipped: true} }

func TestReviewDue(t *testing.T) {
	tests := []struct {
		name    string
		reviews []Review
		today   string
		want    bool
	}{
		{"first session ever", nil, "2026-12-01", true},
		{"first ever skipped: not again that day", []Review{skipped("2026-12-01")}, "2026-12-01", false},
		{"first ever skipped: offered the next session day", []Review{skipped("2026-12-01")}, "2026-12-03", true},
		{"answered today: not again", []Review{answered("2026-12-01", 3, 2)}, "2026-12-01", false},
		{"6 days after the last answered", []Review{answered("2026-12-01", 3, 2)}, "2026-12-07", false},
		{"7 days after the last answered", []Review{answered("2026-12-01", 3, 2)}, "2026-12-08", true},
		{"a missed fortnight: due, once", []Review{answered("2026-12-01", 3, 2)}, "2026-12-15", true},
		{"skipped on day 7, offered on day 9", []Review{answered("2026-12-01", 3, 2), skipped("2026-12-08")}, "2026-12-10", true},
		{"skipped on day 7, not again that day", []Review{answered("2026-12-01", 3, 2), skipped("2026-12-08")}, "2026-12-08", false},
		{"the 7 days count from the last answered, not the skip",
			[]Review{answered("2026-12-01", 3, 2), skipped("2026-12-08"), answered("2026-12-10", 2, 2)}, "2026-12-16", false},
		{"out of order", []Review{answered("2026-12-10", 2, 2), answered("2026-12-01", 3, 2)}, "2026-12-17", true},
		{"a bad date decides nothing", nil, "12/01/2026", false},
	}
	for _, tt := range tests {
		if got := ReviewDue(tt.reviews, tt.today); got != tt.want {
			t.Errorf("%s: ReviewDue = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPainVerdictThresholds(t *testing.T) {
	// From 6, the rule is min(2, 30% of 6 = 1.8) = 1.8: 2 points count, 1 does not.
	// From 3, 30% is 0.9 but never under 1 point: 1 counts.
	// From 8, 30% is 2.4: 2 points is the threshold.
	tests := []struct {
		first, latest int
		want          VerdictKind
	}{
		{6, 5, NoChange}, {6, 4, Better}, {6, 8, Worse}, {6, 7, NoChange},
		{3, 2, Better}, {3, 3, NoChange}, {3, 4, Worse},
		{8, 7, NoChange}, {8, 6, Better}, {8, 10, Worse},
		{0, 0, NoChange}, {0, 1, Worse},
	}
	for _, tt := range tests {
		f := BuildFunction([]Review{answered("2026-11-01", tt.first, 0), answered("2026-11-08", tt.latest, 0)})
		if f.BackPain.Kind != tt.want {
			t.Errorf("back pain %d -> %d: %v, want %v (threshold %.1f)", tt.first, tt.latest, f.BackPain.Kind, tt.want, f.BackPain.Threshold)
		}
	}
}

func TestPSFSVerdictThresholds(t *testing.T) {
	// Two activities, so means move in halves: 1.5 is below the bar,
	// 2.0 on it, 2.5 above; down is worse.
	tests := []struct {
		a, b [2]int
		want VerdictKind
	}{
		{[2]int{3, 4}, [2]int{5, 5}, NoChange}, // 3.5 -> 5.0: +1.5
		{[2]int{3, 4}, [2]int{5, 6}, Better},   // 3.5 -> 5.5: +2.0, exactly the bar, counts
		{[2]int{3, 4}, [2]int{6, 6}, Better},   // 3.5 -> 6.0: +2.5
		{[2]int{6, 6}, [2]int{4, 4}, Worse},    // -2.0
		{[2]int{6, 6}, [2]int{5, 4}, NoChange}, // -1.5
	}
	for _, tt := range tests {
		rs := []Review{
			answered("2026-11-01", 5, 5, Activity{"a1", "socks", tt.a[0]}, Activity{"a2", "driving", tt.a[1]}),
			answered("2026-11-08", 5, 5, Activity{"a1", "socks", tt.b[0]}, Activity{"a2", "driving", tt.b[1]}),
		}
		f := BuildFunction(rs)
		if f.PSFS.Kind != tt.want {
			t.Errorf("PSFS %v -> %v: %v (%.1f -> %.1f), want %v", tt.a, tt.b, f.PSFS.Kind, f.PSFS.First, f.PSFS.Latest, tt.want)
		}
	}
}

func TestFunctionOneReviewIsNotEnough(t *testing.T) {
	f := BuildFunction([]Review{skipped("2026-11-01"), answered("2026-11-02", 6, 4, Activity{"a1", "socks", 3})})
	if f.BackPain.Kind != NotEnough || f.PSFS.Kind != NotEnough {
		t.Fatalf("one review: %v %v, want not enough", f.BackPain.Kind, f.PSFS.Kind)
	}
	if s := f.PSFS.Sentence(); !strings.Contains(s, "3.0 at the first review") {
		t.Errorf("sentence %q", s)
	}
}

func TestActivityHistoryKeepsRenamedAndRetired(t *testing.T) {
	rs := []Review{
		answered("2026-11-01", 6, 4, Activity{"a1", "socks", 2}, Activity{"a2", "driving", 4}),
		answered("2026-11-08", 5, 3, Activity{"a1", "putting on socks", 5}, Activity{"a3", "sleeping", 6}),
	}
	f := BuildFunction(rs)
	if len(f.Activities) != 3 {
		t.Fatalf("activities %+v", f.Activities)
	}
	a1, a2 := f.Activities[0], f.Activities[1]
	if a1.Name != "putting on socks" || a1.First != 2 || a1.Latest != 5 || a1.Retired {
		t.Errorf("renamed a1: %+v", a1)
	}
	if !a2.Retired || a2.Latest != 4 || a2.LatestDate != "2026-11-01" {
		t.Errorf("retired a2: %+v", a2)
	}
	if got := NextActivityID(rs, nil); got != "a4" {
		t.Errorf("next id %q, want a4 (a retired id is never reused)", got)
	}
	if got := CurrentActivities(rs); len(got) != 2 || got[1].ID != "a3" {
		t.Errorf("current %+v", got)
	}
	if s := f.BackPain.Sentence(); s != "Back pain: 5 at the latest review (2026-11-08), down 1 from 6 at the first (2026-11-01): no real change." {
		t.Errorf("sentence %q", s)
	}
}

func TestReviewValidate(t *testing.T) {
	long := strings.Repeat("x", MaxActivityName+1)
	bad := []Review{
		{Date: "2026-13-01", Limb: "leg"},
		{Date: "2026-12-01", Limb: "knee"},
		{Date: "2026-12-01", Limb: "leg", BackPain: 11},
		{Date: "2026-12-01", Limb: "leg", Activities: []Activity{{"a1", " ", 3}}},
		{Date: "2026-12-01", Limb: "leg", Activities: []Activity{{"a1", long, 3}}},
		{Date: "2026-12-01", Limb: "leg", Activities: []Activity{{"b1", "x", 3}}},
		{Date: "2026-12-01", Limb: "leg", Activities: []Activity{{"a1", "x", 3}, {"a1", "y", 3}}},
		{Date: "2026-12-01", Skipped: true, BackPain: 3},
		{Date: "2026-12-01", Limb: "leg", Activities: make([]Activity, 6)},
	}
	for i, r := range bad {
		if r.Validate() == nil {
			t.Errorf("bad review %d accepted: %+v", i, r)
		}
	}
	if err := answered("2026-12-01", 0, 10, Activity{"a12", "driving", 10}).Validate(); err != nil {
		t.Errorf("good review refused: %v", err)
	}
}
