package routine

import (
	"strings"
	"testing"
)

func TestWarningStopNamesSignAndAdvice(t *testing.T) {
	when := at("2026-03-03", 8)
	tests := []struct {
		tier, sign, says, text string
	}{
		{"emergency", "Pain in your chest", "emergency number now", `Pain in your chest (emergency: call now)`},
		{"surgeon", "You have had a fall", "surgeon's office today", `You have had a fall (call the surgeon today)`},
		{TierNotSure, "", "could be an emergency, otherwise your surgeon's office", "not sure which"},
		{TierNotGiven, "", "did not say which", "not given"},
	}
	for _, tt := range tests {
		d := WarningStop(when, 3, 1, tt.tier, tt.sign)
		if d.Rule != RuleWarningSign || !d.EndSession || d.LevelAfter != 1 || d.Tier != tt.tier || d.Sign != tt.sign {
			t.Errorf("%s: %+v", tt.tier, d)
		}
		if !strings.Contains(d.Reason, tt.says) || !strings.Contains(d.Reason, "warning sign") || !strings.Contains(d.Reason, tt.sign) {
			t.Errorf("%s: reason %q does not say %q", tt.tier, d.Reason, tt.says)
		}
		if got := d.SignText(); got != tt.text {
			t.Errorf("%s: SignText %q, want %q", tt.tier, got, tt.text)
		}
	}
	if got := (Decision{Rule: RuleAmber}).SignText(); got != "" {
		t.Errorf("an amber names a sign: %q", got)
	}
}

func TestSignsHaveKeysOfTheirOwn(t *testing.T) {
	w := Warnings{Tiers: []WarningTier{{ID: "emergency", Signs: []string{"a1", "a2"}}, {ID: "surgeon", Signs: []string{"b1"}}}}
	signs := w.Signs()
	if len(signs) != 3 || signs[0].Key != "a" || signs[2].Key != "c" || signs[2].Tier.ID != "surgeon" || signs[1].Text != "a2" {
		t.Fatalf("%+v", signs)
	}
	for _, k := range []string{"q", "n", "y", "s", "j", "k", NotSureKey} {
		if strings.Contains(SignKeys, k) {
			t.Errorf("sign keys take %q, which the screen uses for something else", k)
		}
	}
}

// A warning sign reported after a check-in of 8 closed the day: the day
// names the warning sign, whose advice is the more urgent.
func TestWarningSignSpeaksOverPainStop(t *testing.T) {
	r := DefaultPainRules()
	s := sess("2026-03-03", 8, 0, nil, RuleNone, RuleBaselineStop)
	w := WarningStop(at("2026-03-03", 8), 8, 0, "surgeon", "You have had a fall")
	s.Decisions = append(s.Decisions, w)
	d := Today(r, hist(s), at("2026-03-03", 12))
	if d.Closed == nil || d.Closed.Rule != RuleWarningSign {
		t.Fatalf("closed by %+v", d.Closed)
	}
}

// A session with a check-in and no sets (the patient left at the warning
// screen, or the program died there) is a real session day: the next
// morning's rule compares with its check-in.
func TestCheckinOnlySessionCountsNextMorning(t *testing.T) {
	r := DefaultPainRules()
	only := sess("2026-03-02", 2, 0, nil, RuleNone)
	only.Open = true
	h := hist(only)
	if d := Today(r, h, at("2026-03-02", 18)); d.Sessions != 1 || !d.Started {
		t.Errorf("the check-in-only session does not count today: %+v", d)
	}
	start := StartOfDay(r, h, at("2026-03-03", 8), 4)
	if start.Rule != RuleNextMorning || start.LevelAfter != 1 {
		t.Errorf("next morning after a check-in-only day: %+v", start)
	}
	// A check-in of 8 closed its day with no set done: the next morning
	// counts it as a stop day, so a check-in above its baseline steps down.
	stopped := sess("2026-03-02", 8, 0, nil, RuleNone, RuleBaselineStop)
	if d := Today(r, hist(stopped), at("2026-03-02", 20)); d.Allows() {
		t.Error("a check-in of 8 left the day open")
	}
	if start := StartOfDay(r, hist(stopped), at("2026-03-03", 8), 9); start.Rule != RuleNextMorning {
		t.Errorf("after a check-in-only stop day: %+v", start)
	}
}

func TestDecisionOnAnotherCard(t *testing.T) {
	amber := Decision{Rule: RuleAmber, ExerciseID: "glide", Exercise: "Straight-leg glide", Side: Left, Pain: 4, Baseline: 2,
		LevelBefore: 0, LevelAfter: 1, Reason: "Pain went from 2 to 4 after the straight-leg glide, left side: the rest of today uses 2 holds of 25 s."}
	if got := amber.Elsewhere(); got != "Pain went from 2 to 4 after the straight-leg glide, left side: the rest of today is one step lighter." {
		t.Errorf("Elsewhere %q", got)
	}
	if got := amber.LighterBecause(); got != "lighter today: pain rose after the straight-leg glide" {
		t.Errorf("LighterBecause %q", got)
	}
	red := amber
	red.Rule, red.Reason = RuleRed, "red reason."
	if red.Elsewhere() != "red reason." || red.LighterBecause() != "lighter today: pain went too high after the straight-leg glide" {
		t.Errorf("red: %q %q", red.Elsewhere(), red.LighterBecause())
	}
	floor := amber
	floor.LevelBefore, floor.LevelAfter = MaxLevel, MaxLevel
	if floor.LighterBecause() != "" || !strings.Contains(floor.Elsewhere(), "stays at the lightest dose") {
		t.Errorf("at the floor: %q %q", floor.Elsewhere(), floor.LighterBecause())
	}
	if got := ZoneOutcome(Red); got != "red: this exercise stops for today" {
		t.Errorf("ZoneOutcome(Red) %q", got)
	}
}
