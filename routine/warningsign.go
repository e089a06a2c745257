package routine

import (
	"fmt"
	"time"
)

// A warning sign answered yes closes the day at once, before the patient
// says which sign it was (CLINICAL.md, "Warning signs: stop and call"):
// the decision is stored first with TierNotGiven, then stored again, in
// its place, with the sign chosen.

// The tiers of a warning-sign decision besides those of the warnings file.
const (
	TierNotSure  = "not-sure"  // the patient could not tell which sign
	TierNotGiven = "not-given" // the patient left before choosing
)

// MaxSigns is how many signs the warnings file may list in all: each has
// a letter key of its own on the which-sign screen.
const MaxSigns = len(SignKeys)

// SignKeys are the keys of the signs, in order: letters that no other key
// of the which-sign screen uses (q leaves, u is "not sure", j and k
// scroll a page taller than the terminal; n, y and s mean no, yes, skip).
const SignKeys = "abcdefghilmoprt"

// NotSureKey answers "not sure which".
const NotSureKey = "u"

// Sign is one warning sign with its tier.
type Sign struct {
	Key  string // its key on the which-sign screen
	Text string
	Tier WarningTier
}

// Signs lists every sign of every tier in order, each with its key.
func (w Warnings) Signs() []Sign {
	var out []Sign
	for _, t := range w.Tiers {
		for _, s := range t.Signs {
			if len(out) == MaxSigns {
				return out
			}
			out = append(out, Sign{Key: SignKeys[len(out) : len(out)+1], Text: s, Tier: t})
		}
	}
	return out
}

// Tier finds a tier by its ID.
func (w Warnings) Tier(id string) (WarningTier, bool) {
	for _, t := range w.Tiers {
		if t.ID == id {
			return t, true
		}
	}
	return WarningTier{}, false
}

// WarningStop is the decision that closes the day for a warning sign
// reported at a check-in of baseline, at level: sign is the sign's text
// ("" when not sure or not given) and tier its tier ID or TierNotSure or
// TierNotGiven.
func WarningStop(at time.Time, baseline, level int, tier, sign string) Decision {
	d := Decision{Rule: RuleWarningSign, At: at, Pain: -1, Baseline: baseline, LevelBefore: level, LevelAfter: level,
		EndSession: true, Sign: sign, Tier: tier}
	what := "You reported a warning sign before the session"
	if sign != "" {
		what += fmt.Sprintf(" (%q)", sign)
	}
	switch tier {
	case TierNotSure:
		d.Reason = what + ", not sure which, so there is no exercise today: call your local emergency number now if it could be an emergency, otherwise your surgeon's office today."
	case TierNotGiven:
		d.Reason = what + " and did not say which, so there is no exercise today: call your surgeon's office today, or your local emergency number if it is an emergency."
	case "emergency":
		d.Reason = what + ", so there is no exercise today: call your local emergency number now."
	default:
		d.Reason = what + ", so there is no exercise today: call your surgeon's office today."
	}
	return d
}

// SignText names the sign of a warning-sign decision for history, the
// report and the exports: the sign with its tier, "not sure which" or
// "not given"; "" for any other decision.
func (d Decision) SignText() string {
	if d.Rule != RuleWarningSign {
		return ""
	}
	switch {
	case d.Tier == TierNotSure:
		return "not sure which"
	case d.Sign == "" || d.Tier == TierNotGiven:
		return "not given"
	}
	return fmt.Sprintf("%s (%s)", d.Sign, TierWords(d.Tier))
}

// TierWords says what a tier ID asks of the patient, in a few words.
func TierWords(tier string) string {
	switch tier {
	case "emergency":
		return "emergency: call now"
	case "surgeon":
		return "call the surgeon today"
	case TierNotSure:
		return "not sure which"
	case TierNotGiven, "":
		return "not given"
	}
	return tier
}
