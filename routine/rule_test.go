package routine

import "testing"

// Every rule id has the zone and mark the screens show; the ids stay the
// strings that are stored.
func TestRuleZoneAndMark(t *testing.T) {
	for _, c := range []struct {
		id   string
		zone Zone
		mark string
	}{
		{RuleGreen, Green, "✓"},
		{RuleStepUp, Green, "↑"},
		{RuleAmber, Amber, "▲"},
		{RuleNextMorning, Amber, "▲"},
		{RuleWeekHold, Amber, "▲"},
		{RuleWeekDown, Amber, "▲"},
		{RuleRed, Red, "■"},
		{RuleStopTwoReds, Stop, "■"},
		{RuleStopHighPain, Stop, "■"},
		{RuleWarningSign, Stop, "■"},
		{RuleBaselineStop, Stop, "■"},
		// A build-up sets the day's time of an activity: neither a cut nor
		// a stop, whichever way it moved (its sentence says).
		{RuleBuildUp, 0, "•"},
		{RuleBuildUpHold, 0, "•"},
		{RuleNone, 0, "■"},
		{"no-such-rule", 0, "■"},
	} {
		r := Decision{Rule: c.id}.Of()
		if string(r) != c.id || r.Zone() != c.zone || r.Mark() != c.mark {
			t.Errorf("%s: zone %v mark %s; want %v %s", c.id, r.Zone(), r.Mark(), c.zone, c.mark)
		}
	}
}

func TestSetPlanLabel(t *testing.T) {
	e := Exercise{Name: "Straight-leg nerve glide"}
	if got := (SetPlan{Exercise: e, Side: Left}).Label(); got != "Straight-leg nerve glide, left side" {
		t.Errorf("left: %q", got)
	}
	if got := (SetPlan{Exercise: e}).Label(); got != "Straight-leg nerve glide" {
		t.Errorf("no side: %q", got)
	}
}
