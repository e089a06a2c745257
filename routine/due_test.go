package routine

import (
	"strings"
	"testing"
	"time"
)

// done is a completed session from start to end (RFC 3339).
func done(start, end string) SessionLog {
	return SessionLog{Start: mustTime(start), End: mustTime(end), Done: true, Baseline: 2,
		Sets: []SetLog{{ExerciseID: "a", Pain: 2}}}
}

// routineEvery is a routine of two exercises that repeat every every, or
// are once a day when every is 0.
func routineEvery(every time.Duration) Routine {
	r := Routine{ID: "r", Name: "R", Ladder: DefaultLadder()}
	for _, id := range []string{"a", "b"} {
		r.Exercises = append(r.Exercises, Exercise{ID: id, Name: id, Repeat: Repeat{Every: every},
			Dose: Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}})
	}
	return r
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// dueAt runs the rules and NextDue at now, as `spinecoach due` does.
func dueAt(sessions []SessionLog, every time.Duration, w DueWindow, now string) Due {
	at := mustTime(now)
	day := Today(DefaultPainRules(), History{Sessions: sessions}, at)
	return NextDue(routineEvery(every), day, sessions, w, at)
}

func TestDueOverADay(t *testing.T) {
	const every = 2 * time.Hour
	w := DefaultDueWindow
	morning := done("2026-11-22T09:30:00+01:00", "2026-11-22T09:52:00+01:00")
	noon := done("2026-11-22T12:00:00+01:00", "2026-11-22T12:20:00+01:00")
	evening := done("2026-11-22T19:10:00+01:00", "2026-11-22T19:30:00+01:00")
	yesterday := done("2026-11-21T19:10:00+01:00", "2026-11-21T19:30:00+01:00")
	open := SessionLog{Start: mustTime("2026-11-22T15:05:00+01:00"), Open: true, Baseline: 2}
	discarded := SessionLog{Start: mustTime("2026-11-22T09:30:00+01:00"), End: mustTime("2026-11-22T09:40:00+01:00"), Baseline: 2}
	for _, tc := range []struct {
		name     string
		sessions []SessionLog
		every    time.Duration
		now      string
		kind     DueKind
		at       string // DueLater: HH:MM
		reason   string
	}{
		// Phase 1: may repeat every 2 hours, in the day.
		{"repeat: before the day's window", nil, every, "2026-11-22T07:00:00+01:00", DueLater, "09:00", "today's routine"},
		{"repeat: yesterday's session does not count", []SessionLog{yesterday}, every, "2026-11-22T08:59:59+01:00", DueLater, "09:00", ""},
		{"repeat: the window opens", nil, every, "2026-11-22T09:00:00+01:00", DueNow, "", "no session done yet today"},
		{"repeat: just after a session", []SessionLog{morning}, every, "2026-11-22T10:00:00+01:00", DueLater, "11:52", "ended at 09:52, and the routine again may follow 2 hours after it"},
		{"repeat: a minute before the repeat", []SessionLog{morning}, every, "2026-11-22T11:51:00+01:00", DueLater, "11:52", ""},
		{"repeat: at the repeat", []SessionLog{morning}, every, "2026-11-22T11:52:00+01:00", DueNow, "", "ended at 09:52"},
		{"repeat: between sessions, the last counts", []SessionLog{noon, morning}, every, "2026-11-22T13:00:00+01:00", DueLater, "14:20", "ended at 12:20"},
		{"repeat: an unfinished session is due now", []SessionLog{noon, open}, every, "2026-11-22T15:30:00+01:00", DueNow, "", "unfinished session from 15:05"},
		{"repeat: a discarded session is not done", []SessionLog{discarded}, every, "2026-11-22T10:00:00+01:00", DueNow, "", "no session done yet today"},
		{"repeat: the next would be after 21:00", []SessionLog{morning, evening}, every, "2026-11-22T19:40:00+01:00", NotToday, "", "the next would be after 21:00"},
		{"repeat: late evening", []SessionLog{evening}, every, "2026-11-22T23:30:00+01:00", NotToday, "", "due tomorrow"},
		// Later phases: once a day.
		{"daily: before the reminder time", nil, 0, "2026-11-22T08:00:00+01:00", DueLater, "09:00", "today's routine"},
		{"daily: after it", []SessionLog{yesterday}, 0, "2026-11-22T10:00:00+01:00", DueNow, "", "not done yet"},
		{"daily: still due late at night", nil, 0, "2026-11-22T23:00:00+01:00", DueNow, "", "not done yet"},
		{"daily: done", []SessionLog{morning}, 0, "2026-11-22T10:00:00+01:00", NotToday, "", "done at 09:52"},
		{"daily: done, the next morning it is due again", []SessionLog{morning}, 0, "2026-11-23T09:00:00+01:00", DueNow, "", "not done yet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := dueAt(tc.sessions, tc.every, w, tc.now)
			if d.Kind != tc.kind {
				t.Fatalf("%s: %v, want %v (%q)", tc.now, d.Kind, tc.kind, d.Line())
			}
			if tc.kind == DueLater && d.At.Format("15:04") != tc.at {
				t.Errorf("due at %s, want %s", d.At.Format("15:04"), tc.at)
			}
			if !strings.Contains(d.Reason, tc.reason) {
				t.Errorf("reason %q, want it to say %q", d.Reason, tc.reason)
			}
			if d.Kind == DueLater && !d.At.After(mustTime(tc.now)) {
				t.Errorf("due later at %v, not after now %s", d.At, tc.now)
			}
		})
	}
}

func TestDueOnAClosedDay(t *testing.T) {
	for _, tc := range []struct {
		rule, want string
	}{
		{RuleWarningSign, "Not today: a warning sign was reported at 08:10, so there is no exercise today."},
		{RuleBaselineStop, "Not today: the check-in pain was too high at 08:10, so there is no exercise today."},
		{RuleStopTwoReds, "Not today: the pain rules stopped the session at 08:10, so there is no exercise today."},
	} {
		s := SessionLog{Start: mustTime("2026-11-22T08:05:00+01:00"), End: mustTime("2026-11-22T08:10:00+01:00"), Baseline: 3,
			Decisions: []Decision{{Rule: tc.rule, At: mustTime("2026-11-22T08:10:00+01:00"), Reason: "Stop."}}}
		for _, every := range []time.Duration{0, 2 * time.Hour} {
			// Closed before, within and after the window, repeating or not.
			for _, now := range []string{"2026-11-22T08:30:00+01:00", "2026-11-22T12:00:00+01:00", "2026-11-22T22:00:00+01:00"} {
				if got := dueAt([]SessionLog{s}, every, DefaultDueWindow, now).Line(); got != tc.want {
					t.Errorf("%s, every %v, at %s: %q, want %q", tc.rule, every, now, got, tc.want)
				}
			}
		}
		// The next day is open again.
		if d := dueAt([]SessionLog{s}, 0, DefaultDueWindow, "2026-11-23T10:00:00+01:00"); d.Kind != DueNow {
			t.Errorf("%s: the next day is %v, want due now", tc.rule, d.Kind)
		}
	}
}

func TestDueAcrossATimeZoneChange(t *testing.T) {
	const every = 2 * time.Hour
	// A session in Berlin (+01:00) ended at 10:00; the patient flew to
	// Moscow (+03:00). The repeat is 2 hours after that instant: 14:00 there.
	berlin := done("2026-11-22T09:40:00+01:00", "2026-11-22T10:00:00+01:00")
	d := dueAt([]SessionLog{berlin}, every, DefaultDueWindow, "2026-11-22T12:30:00+03:00")
	if d.Kind != DueLater || d.At.Format("15:04 -07:00") != "14:00 +03:00" {
		t.Fatalf("%v at %v, want due at 14:00 +03:00: %q", d.Kind, d.At, d.Line())
	}
	if want := "the last session ended at 12:00"; !strings.Contains(d.Reason, want) {
		t.Errorf("reason %q, want local times (%q)", d.Reason, want)
	}
	// The window follows the new zone: 09:00 is 09:00 where the patient is.
	if d := dueAt(nil, every, DefaultDueWindow, "2026-11-22T08:00:00+03:00"); d.At.Format("15:04 -07:00") != "09:00 +03:00" {
		t.Errorf("window opens at %v, want 09:00 +03:00", d.At)
	}
	// Flying east overnight: the evening session of the 22nd in Berlin is
	// not today's in Tokyo on the 23rd, though fewer than 24 hours passed.
	evening := done("2026-11-22T18:00:00+01:00", "2026-11-22T18:20:00+01:00")
	if d := dueAt([]SessionLog{evening}, 0, DefaultDueWindow, "2026-11-23T10:00:00+09:00"); d.Kind != DueNow {
		t.Errorf("the next day in Tokyo: %q, want due now", d.Line())
	}
	// A daylight-saving morning: 09:00 is still 09:00 on the wall clock.
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 29, 7, 0, 0, 0, loc)
	day := Today(DefaultPainRules(), History{}, now)
	if d := NextDue(routineEvery(0), day, nil, DefaultDueWindow, now); d.At.Format("15:04 -07:00") != "09:00 +02:00" {
		t.Errorf("on the DST morning due at %v, want 09:00 +02:00", d.At)
	}
}

func TestDueWindowFromTheReminderTime(t *testing.T) {
	w := WindowFrom(7*time.Hour + 30*time.Minute)
	if d := dueAt(nil, 0, w, "2026-11-22T07:00:00+01:00"); d.Line() != "Due at 07:30: today's routine." {
		t.Errorf("%q", d.Line())
	}
	// A reminder after 21:00 moves the end of the window with it.
	if w := WindowFrom(22 * time.Hour); w.Until != 22*time.Hour {
		t.Errorf("until %v, want 22h", w.Until)
	}
}
