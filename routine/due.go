package routine

import (
	"fmt"
	"strings"
	"time"
)

// When the next session is due: a pure decision from what today allows
// (Day), today's sessions, the routine's repeat interval and the hours in
// which sessions are reminded. `spinecoach due`, the reminder timer and
// the home screen all ask NextDue, so they never disagree.

// DueKind says whether a session is due.
type DueKind int

const (
	// DueNow: a session may start now.
	DueNow DueKind = iota + 1
	// DueLater: the next session is due later today, at Due.At.
	DueLater
	// NotToday: no session is due again today: the rules closed the day,
	// or today's routine is done.
	NotToday
)

func (k DueKind) String() string {
	switch k {
	case DueNow:
		return "due now"
	case DueLater:
		return "due later"
	case NotToday:
		return "not today"
	}
	return fmt.Sprintf("DueKind(%d)", int(k))
}

// DueWindow is the part of each local day in which sessions are due and
// reminded, as offsets from local midnight: from the reminder time
// (default 09:00) to Until (21:00). A routine that repeats is not due
// again once its next repeat would fall after Until; a daily routine not
// yet done stays due until midnight.
type DueWindow struct {
	From  time.Duration
	Until time.Duration
}

// DefaultDueWindow is 09:00 to 21:00.
var DefaultDueWindow = DueWindow{From: 9 * time.Hour, Until: 21 * time.Hour}

// WindowFrom is the window that starts at from (an offset from midnight)
// and ends at 21:00, or at from itself when that is later.
func WindowFrom(from time.Duration) DueWindow {
	return DueWindow{From: from, Until: max(DefaultDueWindow.Until, from)}
}

// Due is when the next session is due.
type Due struct {
	Kind   DueKind
	At     time.Time // DueLater: when, in now's location; DueNow: now
	Reason string    // one sentence, no terminal control characters
}

// Line is the one line `spinecoach due` prints: "Due now: ...",
// "Due at 14:30: ..." or "Not today: ...".
func (d Due) Line() string {
	switch d.Kind {
	case DueNow:
		return "Due now: " + d.Reason
	case DueLater:
		return "Due at " + d.At.Format("15:04") + ": " + d.Reason
	}
	return "Not today: " + d.Reason
}

// NextDue decides when the next session of rt (for the patient's
// region) is due at now: Upcoming's answer placed in the window. day is
// what today allows (Today at now); sessions may hold any sessions.
// Times are compared as instants and shown in now's location, so a
// change of time zone since the last session moves nothing.
func NextDue(rt Routine, day Day, sessions []SessionLog, w DueWindow, now time.Time) Due {
	n := Upcoming(rt, day, sessions, now, false)
	y, m, d := now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	from, until := offset(midnight, w.From), offset(midnight, w.Until)
	reason := n.Reason
	if n.Kind == NextBreak {
		reason = n.BreakText(day.Level) + "; " + n.Reason
	}
	switch {
	case n.Kind == NextNone:
		return Due{Kind: NotToday, Reason: n.Reason}
	case n.Kind == NextResume:
		return Due{Kind: DueNow, At: now, Reason: n.Reason}
	case !n.DueAt.IsZero() && n.DueAt.After(until) && day.Sessions > 0:
		return Due{Kind: NotToday, Reason: fmt.Sprintf("%s; the next would be after %s, so the next session is due tomorrow.",
			strings.TrimSuffix(n.Reason, "."), clock(until, now))}
	case !n.Early && now.Before(from) && day.Sessions == 0:
		return Due{Kind: DueLater, At: from, Reason: "today's routine."}
	case !n.Early:
		return Due{Kind: DueNow, At: now, Reason: reason}
	}
	next := n.DueAt.In(now.Location())
	if next.Before(from) {
		next = from
	}
	if next.After(until) || next.Format(time.DateOnly) != now.Format(time.DateOnly) {
		return Due{Kind: NotToday, Reason: fmt.Sprintf("%s; the next would be after %s, so the next session is due tomorrow.",
			strings.TrimSuffix(n.Reason, "."), clock(until, now))}
	}
	return Due{Kind: DueLater, At: next, Reason: reason}
}

// offset is midnight plus d on the wall clock, so a daylight-saving change
// that day does not move 09:00.
func offset(midnight time.Time, d time.Duration) time.Time {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	return time.Date(midnight.Year(), midnight.Month(), midnight.Day(), h, m, 0, 0, midnight.Location())
}

// EveryText says a repeat interval in words: "2 hours", "90 min".
func EveryText(d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		return plural(int(d/time.Hour), "hour", "hours")
	}
	return FormatDuration(d)
}

func clock(t, now time.Time) string { return t.In(now.Location()).Format("15:04") }

// closedReason says why no session is due today.
func closedReason(d Decision, now time.Time) string {
	what := "the pain rules stopped the session"
	if d.Rule == RuleWarningSign {
		what = "a warning sign was reported"
	} else if d.Rule == RuleBaselineStop {
		what = "the check-in pain was too high"
	}
	s := fmt.Sprintf("%s at %s, so there is no exercise today.", what, clock(d.At, now))
	if d.At.IsZero() {
		s = what + ", so there is no exercise today."
	}
	return s
}
