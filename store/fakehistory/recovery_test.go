package fakehistory

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The made-up recovery imports as it is and holds what it promises: the
// scripted stops, a warning sign, both routines, and only decisions the
// rules make, each with a sentence.
func TestRecovery(t *testing.T) {
	today := time.Date(2026, 11, 22, 20, 0, 0, 0, time.FixedZone("CET", 3600))
	h, profile := Recovery(today, 90)
	rules := map[string]int{}
	routines := map[string]int{}
	sets, skipped := 0, 0
	for _, s := range h {
		routines[s.Session.RoutineID]++
		for _, r := range s.Sets {
			sets++
			if r.Skipped {
				skipped++
			}
		}
		for _, d := range s.Decisions {
			rules[d.Rule]++
			if d.Reason == "" {
				t.Errorf("a %s decision without a sentence", d.Rule)
			}
		}
		if day := s.Session.StartedAt.Format(time.DateOnly); day > "2026-11-22" || day < "2026-08-25" {
			t.Errorf("a session on %s, outside the 90 days", day)
		}
	}
	t.Logf("%d sessions, %d sets (%d skipped), rules %v, routines %v", len(h), sets, skipped, rules, routines)
	for _, rule := range []string{routine.RuleWarningSign, routine.RuleBaselineStop, routine.RuleStopHighPain, routine.RuleAmber} {
		if rules[rule] == 0 {
			t.Errorf("no %s decision: %v", rule, rules)
		}
	}
	if rules[routine.RuleWarningSign] != 1 || rules[routine.RuleBaselineStop] != 1 || len(routines) != 2 || skipped == 0 {
		t.Errorf("rules %v, routines %v, %d skipped", rules, routines, skipped)
	}
	if profile.SurgeryDate != "2026-08-16" || profile.ClearedPhase != 3 {
		t.Errorf("profile %+v", profile)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "spinecoach.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(h); err != nil {
		t.Fatal(err)
	}
	if err := st.PutProfile(profile); err != nil {
		t.Fatal(err)
	}
}
