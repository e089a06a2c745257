package routine

import (
	"strings"
	"testing"
	"time"
)

// phase2Like is phase 2's shape: two once-a-day exercises and two
// stretches that may repeat every 2 hours, 6 times a day.
func phase2Like() Routine {
	hold := Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}
	stretch := Repeat{Every: 2 * time.Hour, MaxPerDay: 6}
	return Routine{ID: "phase2", Name: "Static stabilization", Phase: 2, Rules: DefaultPainRules(), Exercises: []Exercise{
		{ID: "tilt", Name: "Pelvic tilt", Dose: Dose{Reps: 10, Hold: 5 * time.Second, Rest: 5 * time.Second}},
		{ID: "ham", Name: "Hamstring stretch", Sides: true, Dose: hold, Repeat: stretch},
		{ID: "bridge", Name: "Bridge", Dose: Dose{Reps: 10, Hold: 5 * time.Second, Rest: 5 * time.Second}},
		{ID: "calf", Name: "Calf stretch", Sides: true, Dose: hold, Repeat: stretch},
	}}
}

// phase1Like repeats as a whole every 2 hours, with no daily maximum.
func phase1Like() Routine {
	r := phase2Like()
	r.ID, r.Phase = "phase1", 1
	for i := range r.Exercises {
		r.Exercises[i].Repeat = Repeat{Every: 2 * time.Hour}
	}
	return r
}

// ended is a session from start to end with one scored set (or none).
func ended(start, end string, isBreak, scoredSet bool) SessionLog {
	s := SessionLog{Start: mustTime(start), End: mustTime(end), Done: true, Baseline: 2, Break: isBreak}
	set := SetLog{ExerciseID: "ham", Pain: 2}
	if !scoredSet {
		set = SetLog{ExerciseID: "ham", Pain: -1, Skipped: true}
	}
	s.Sets = []SetLog{set}
	return s
}

func upcomingAt(r Routine, sessions []SessionLog, now string, wantBreak bool) NextSession {
	at := mustTime(now)
	return Upcoming(r, Today(DefaultPainRules(), History{Sessions: sessions}, at), sessions, at, wantBreak)
}

func TestUpcomingAtEachBoundary(t *testing.T) {
	const d = "2026-11-22T"
	const z = "+01:00"
	routine905 := ended(d+"08:40:00"+z, d+"09:05:00"+z, false, true)
	brk := func(hhmm string, scoredSet bool) SessionLog {
		s := mustTime(d + hhmm + ":00" + z)
		e := s.Add(5 * time.Minute)
		return ended(s.Format(time.RFC3339), e.Format(time.RFC3339), true, scoredSet)
	}
	routinePlus := func(n int) []SessionLog { // the routine and n stretch breaks, 2 hours apart from 09:05
		out := []SessionLog{routine905}
		for i := 0; i < n; i++ {
			out = append(out, brk(mustTime(d+"09:05:00"+z).Add(time.Duration(i+1)*2*time.Hour-5*time.Minute).Format("15:04"), true))
		}
		return out
	}
	open := SessionLog{Start: mustTime(d + "12:00:00" + z), Open: true, Baseline: 2}
	lateYesterday := ended("2026-11-21T23:00:00"+z, "2026-11-21T23:30:00"+z, false, true)
	twoDaysAgo := ended("2026-11-20T09:00:00"+z, "2026-11-20T09:30:00"+z, false, true)
	for _, tc := range []struct {
		name      string
		r         Routine
		sessions  []SessionLog
		now       string
		wantBreak bool
		kind      NextKind
		early     bool
		due       string // HH:MM when early
		reason    string
		leave     int
	}{
		{"phase 2: the morning routine first", phase2Like(), nil, d + "08:00:00" + z, false, NextRoutine, false, "", "not done yet", 0},
		{"phase 2: an unfinished session is resumed first", phase2Like(), []SessionLog{routine905, open}, d + "13:00:00" + z, false, NextResume, false, "", "from 12:00", 0},
		{"phase 2: a routine with no scored set is not done", phase2Like(), []SessionLog{ended(d+"08:40:00"+z, d+"09:05:00"+z, false, false)}, d + "09:10:00" + z, false, NextRoutine, false, "", "not done yet", 0},
		{"phase 2: just after the routine, a break asks first", phase2Like(), []SessionLog{routine905}, d + "09:06:00" + z, false, NextBreak, true, "11:05", "ended at 09:05", 0},
		{"phase 2: a second before the spacing", phase2Like(), []SessionLog{routine905}, d + "11:04:59" + z, false, NextBreak, true, "11:05", "", 0},
		{"phase 2: at the spacing", phase2Like(), []SessionLog{routine905}, d + "11:05:00" + z, false, NextBreak, false, "", "ended at 09:05", 0},
		{"phase 2: a second after it", phase2Like(), []SessionLog{routine905}, d + "11:05:01" + z, false, NextBreak, false, "", "", 0},
		{"phase 2: the 6th of the day is allowed", phase2Like(), routinePlus(4), d + "19:05:00" + z, false, NextBreak, false, "", "", 0},
		{"phase 2: after 6, nothing more today", phase2Like(), routinePlus(5), d + "20:00:00" + z, false, NextNone, false, "", "done 6 times today", 0},
		{"phase 2: a break with no scored set does not count", phase2Like(), append(routinePlus(4), brk("17:30", false)), d + "17:40:00" + z, false, NextBreak, true, "19:05", "ended at 17:05", 0},
		{"phase 2: start --stretch before the routine", phase2Like(), nil, d + "08:00:00" + z, true, NextBreak, false, "", "no session done yet", 0},
		{"phase 2: after a break, the routine is still due", phase2Like(), []SessionLog{brk("08:00", true)}, d + "08:30:00" + z, false, NextRoutine, false, "", "not done yet", 0},
		{"phase 2: midnight: yesterday's 23:30 does not space the morning routine", phase2Like(), []SessionLog{lateYesterday}, d + "00:30:00" + z, false, NextRoutine, false, "", "", 0},
		{"phase 2: a missed day changes nothing", phase2Like(), []SessionLog{twoDaysAgo}, d + "10:00:00" + z, false, NextRoutine, false, "", "", 0},
		{"phase 1: spacing runs across midnight", phase1Like(), []SessionLog{lateYesterday}, d + "01:29:59" + z, false, NextRoutine, true, "01:30", "ended at 23:30", 0},
		{"phase 1: at 01:30 it may start", phase1Like(), []SessionLog{lateYesterday}, d + "01:30:00" + z, false, NextRoutine, false, "", "", 0},
		{"phase 1: an hour after the last asks first", phase1Like(), []SessionLog{routine905}, d + "10:05:00" + z, false, NextRoutine, true, "11:05", "the routine again may follow 2 hours after it", 0},
		{"phase 1: no daily maximum", phase1Like(), routinePlus(6), d + "23:59:00" + z, false, NextRoutine, false, "", "", 0},
		{"phase 3: once a day, done", phaseOnce(), []SessionLog{routine905}, d + "12:00:00" + z, false, NextNone, false, "", "done at 09:05", 0},
		{"phase 3: no stretch break to ask for", phaseOnce(), nil, d + "12:00:00" + z, true, NextNone, false, "", "no stretches that may repeat", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := upcomingAt(tc.r, tc.sessions, tc.now, tc.wantBreak)
			if n.Kind != tc.kind || n.Early != tc.early {
				t.Fatalf("%v early=%v (%q), want %v early=%v", n.Kind, n.Early, n.Reason, tc.kind, tc.early)
			}
			if tc.early && n.DueAt.In(mustTime(tc.now).Location()).Format("15:04") != tc.due {
				t.Errorf("due at %v, want %s", n.DueAt, tc.due)
			}
			if !tc.early && !n.DueAt.IsZero() && n.DueAt.After(mustTime(tc.now)) {
				t.Errorf("not early, yet due at %v after now", n.DueAt)
			}
			if !strings.Contains(n.Reason, tc.reason) {
				t.Errorf("reason %q, want it to say %q", n.Reason, tc.reason)
			}
			if len(n.Leave) != tc.leave {
				t.Errorf("leave %v, want %d", n.Leave, tc.leave)
			}
			if n.Kind == NextBreak {
				for _, e := range n.Routine.Exercises {
					if !e.Repeat.Repeats() {
						t.Errorf("a stretch break holds %s, which is once a day", e.ID)
					}
				}
				if !IsBreakID(n.Routine.ID) || len(n.Routine.Exercises) != 2 {
					t.Errorf("break routine %q with %d exercises", n.Routine.ID, len(n.Routine.Exercises))
				}
			}
		})
	}
}

// phaseOnce is a routine done once a day (phases 3 to 5).
func phaseOnce() Routine {
	r := phase2Like()
	r.ID, r.Phase = "phase3", 3
	for i := range r.Exercises {
		r.Exercises[i].Repeat = Repeat{}
	}
	return r
}

func TestUpcomingConfirmAndBreakText(t *testing.T) {
	r := phase2Like()
	s := []SessionLog{ended("2026-11-22T08:40:00+01:00", "2026-11-22T09:05:00+01:00", false, true)}
	n := upcomingAt(r, s, "2026-11-22T10:00:00+01:00", false)
	if got, want := n.Confirm(mustTime("2026-11-22T10:00:00+01:00")), "Your last session ended at 09:05; the next is due at 11:05. Start anyway? y/n"; got != want {
		t.Errorf("confirm %q, want %q", got, want)
	}
	// Each stretch: 3 holds of 30 s with 2 rests of 10 s, each side: 220 s;
	// two: 440 s, about 7 minutes. One step down (2 holds of 25 s, one rest): 120 s each, 4 minutes.
	if got := n.BreakText(0); got != "Stretch break: 2 stretches, about 7 minutes" {
		t.Errorf("break text %q", got)
	}
	if got := n.BreakText(1); got != "Stretch break: 2 stretches, about 4 minutes" {
		t.Errorf("break text at level 1 %q", got)
	}
	// Late in the evening the next is due tomorrow.
	late := []SessionLog{ended("2026-11-22T23:00:00+01:00", "2026-11-22T23:10:00+01:00", false, true)}
	n = upcomingAt(phase1Like(), late, "2026-11-22T23:20:00+01:00", false)
	if got := n.Confirm(mustTime("2026-11-22T23:20:00+01:00")); !strings.Contains(got, "the next is due tomorrow at 01:10") {
		t.Errorf("confirm %q", got)
	}
	if n := upcomingAt(phase2Like(), nil, "2026-11-22T10:00:00+01:00", false); n.Confirm(mustTime("2026-11-22T10:00:00+01:00")) != "" {
		t.Error("a session on time asks to confirm")
	}
}

// A stretch with a lower daily maximum drops out of the breaks once it is
// reached; the other goes on.
func TestUpcomingLeavesOutWhatReachedItsMaximum(t *testing.T) {
	r := phase2Like()
	r.Exercises[1].Repeat.MaxPerDay = 2 // hamstring: twice a day
	s := []SessionLog{
		ended("2026-11-22T08:40:00+01:00", "2026-11-22T09:05:00+01:00", false, true),
		ended("2026-11-22T11:10:00+01:00", "2026-11-22T11:15:00+01:00", true, true),
	}
	n := upcomingAt(r, s, "2026-11-22T14:00:00+01:00", false)
	if n.Kind != NextBreak || len(n.Leave) != 1 || n.Leave[0] != "ham" {
		t.Fatalf("%v leave %v", n.Kind, n.Leave)
	}
	if got := n.BreakText(0); got != "Stretch break: 1 stretch, about 4 minutes" {
		t.Errorf("%q", got)
	}
	// The rules' day: a closed day allows nothing.
	closed := append(s, SessionLog{Start: mustTime("2026-11-22T15:00:00+01:00"), End: mustTime("2026-11-22T15:01:00+01:00"), Baseline: 9,
		Decisions: []Decision{{Rule: RuleBaselineStop, At: mustTime("2026-11-22T15:01:00+01:00"), Reason: "Stop."}}})
	if n := upcomingAt(r, closed, "2026-11-22T18:00:00+01:00", true); n.Kind != NextNone || !strings.Contains(n.Reason, "no exercise today") {
		t.Errorf("closed day: %v %q", n.Kind, n.Reason)
	}
}

// Resuming reads the daily maximum as a new session would: the open
// session is not one of the day's counted, the others ended since are,
// and what AtDailyMax leaves out is what Upcoming leaves out of a new
// break at the same moment.
func TestAtDailyMaxForAResumedBreak(t *testing.T) {
	r := phase2Like()
	r.Exercises[1].Repeat.MaxPerDay = 2 // hamstring: twice a day
	brk, _ := r.StretchBreak()
	open := SessionLog{Start: mustTime("2026-11-22T10:00:00+01:00"), Open: true, Baseline: 2, Break: true,
		Sets: []SetLog{{ExerciseID: "ham", Pain: 2}}}
	s := []SessionLog{
		ended("2026-11-22T08:40:00+01:00", "2026-11-22T09:05:00+01:00", false, true),
		open,
	}
	now := mustTime("2026-11-22T14:00:00+01:00")
	if leave, times := AtDailyMax(brk, s, now); len(leave) != 0 || times != 1 {
		t.Fatalf("before the second break: leave %v, %d times", leave, times)
	}
	s = append(s, ended("2026-11-22T12:00:00+01:00", "2026-11-22T12:05:00+01:00", true, true))
	leave, times := AtDailyMax(brk, s, now)
	if len(leave) != 1 || leave[0] != "ham" || times != 2 {
		t.Fatalf("after it: leave %v, %d times", leave, times)
	}
	closed := s[:1:1] // the same day without the open break: a new break
	closed = append(closed, s[2])
	if n := upcomingAt(r, closed, "2026-11-22T14:10:00+01:00", false); strings.Join(n.Leave, ",") != strings.Join(leave, ",") || n.Times != times {
		t.Errorf("a new break leaves out %v (%d times), a resumed one %v (%d)", n.Leave, n.Times, leave, times)
	}
	if got := MaxText(times); got != "done 2 times today, the most for a day" {
		t.Errorf("MaxText %q", got)
	}
}

// Stretch breaks first (start --stretch), up to the stretches' most for
// a day, then the routine: its stretches would pass the most, so the
// routine leaves them out, as a break or a resumed session would.
func TestRoutineAfterBreaksLeavesOutWhatReachedItsMaximum(t *testing.T) {
	r := phase2Like()
	r.Exercises[1].Repeat.MaxPerDay = 2 // hamstring: twice a day
	s := []SessionLog{
		ended("2026-11-22T08:00:00+01:00", "2026-11-22T08:05:00+01:00", true, true),
		ended("2026-11-22T10:10:00+01:00", "2026-11-22T10:15:00+01:00", true, true),
	}
	n := upcomingAt(r, s, "2026-11-22T13:00:00+01:00", false)
	if n.Kind != NextRoutine || strings.Join(n.Leave, ",") != "ham" || n.Times != 2 {
		t.Fatalf("%v leave %v, %d times", n.Kind, n.Leave, n.Times)
	}
	if leave, times := AtDailyMax(r, s, mustTime("2026-11-22T13:00:00+01:00")); strings.Join(leave, ",") != "ham" || times != 2 {
		t.Errorf("resuming the routine would leave out %v (%d times)", leave, times)
	}
}
