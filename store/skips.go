package store

import "github.com/spinecoach/spinecoach/routine"

// A set without a score was either skipped by the patient or left out by
// the pain rules (a red stops the rest of its exercise, a stop the rest of
// the session). A clinician reads the two very differently, so the
// screens, history, the report and the exports all tell them apart, in
// these words.
const (
	SkippedByYou   = "skipped by you"
	LeftOutByRules = "left out by the pain rules"
)

// LeftOut reports whether the pain rules left set s out: it was recorded
// skipped with a decision that stops an exercise or the session, at the
// same instant (store.Score writes them together).
func LeftOut(s SetRecord, decisions []Decision) bool {
	if !s.Skipped {
		return false
	}
	for _, d := range decisions {
		if d.SessionID == s.SessionID && d.At.Equal(s.At) && d.Rule != routine.RuleNone && d.Rule != routine.RuleGreen && d.Rule != routine.RuleAmber {
			return true
		}
	}
	return false
}

// SkipWords says why a set has no score: SkippedByYou or LeftOutByRules;
// "" for a set done.
func SkipWords(s SetRecord, decisions []Decision) string {
	switch {
	case !s.Skipped:
		return ""
	case LeftOut(s, decisions):
		return LeftOutByRules
	}
	return SkippedByYou
}
