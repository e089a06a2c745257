package routine

import (
	"fmt"
	"time"
)

// What the next session is, decided in one place from the stored records
// (CLINICAL.md, "How often, for whom, how far", and its readings): the
// day's routine, a stretch break, resuming an unfinished session, or
// nothing more today. Home, start, plain mode, resume, due and the
// reminders all ask Upcoming.
//
// Spacing runs from the end of the last session that did any exercise
// (at least one scored set), across midnight; the next is due at the
// earliest time the spacing allows. The once-a-day work is done once a
// session of it has ended with at least one scored set. Every ended
// session with a scored set today counts once toward the daily maximum
// of the exercises that repeat: the morning routine's own stretches are
// one of the day's 6.

// NextKind is what the next session is.
type NextKind int

const (
	// NextRoutine: the day's routine (in phase 1 the whole routine repeats).
	NextRoutine NextKind = iota + 1
	// NextBreak: a stretch break, only the exercises that may repeat.
	NextBreak
	// NextResume: an unfinished session of today waits to be resumed.
	NextResume
	// NextNone: no more exercise today (closed, done, or the maximum reached).
	NextNone
)

func (k NextKind) String() string {
	switch k {
	case NextRoutine:
		return "routine"
	case NextBreak:
		return "stretch break"
	case NextResume:
		return "resume"
	case NextNone:
		return "nothing more today"
	}
	return fmt.Sprintf("NextKind(%d)", int(k))
}

// NextSession is the session Upcoming decides on.
type NextSession struct {
	Kind    NextKind
	Routine Routine  // NextRoutine, NextBreak: what to run (its stretch break for a break)
	Leave   []string // exercises at their daily maximum: left out of this session
	Times   int      // today's sessions that count toward the daily maximum (MaxText)
	// Early: the spacing has not passed; starting now needs the patient's yes.
	Early   bool
	LastEnd time.Time // the end of the last session with exercise; zero if none
	DueAt   time.Time // when the spacing allows it; zero when nothing spaces it
	Reason  string    // one sentence
}

// Confirm is the question asked before a session started early, or "".
func (n NextSession) Confirm(now time.Time) string {
	if !n.Early {
		return ""
	}
	return fmt.Sprintf("Your last session ended at %s; the next is due %s. Start anyway? y/n",
		clock(n.LastEnd, now), dueClock(n.DueAt, now))
}

// dueClock is "at 11:05", or "tomorrow at 01:05" when it falls after today.
func dueClock(t, now time.Time) string {
	if t.In(now.Location()).Format(time.DateOnly) != now.Format(time.DateOnly) {
		return "tomorrow at " + clock(t, now)
	}
	return "at " + clock(t, now)
}

// BreakText names a stretch break by its size: "Stretch break: 2
// stretches, about 4 minutes".
func (n NextSession) BreakText(level int) string {
	if n.Kind != NextBreak {
		return ""
	}
	count, length := 0, time.Duration(0)
	for _, e := range n.Routine.Exercises {
		if containsID(n.Leave, e.ID) {
			continue
		}
		count++
		length += exerciseLength(e, n.Routine.Ladder.Apply(e.Dose, level))
	}
	mins := max(1, int((length+30*time.Second)/time.Minute))
	return fmt.Sprintf("Stretch break: %s, about %s", plural(count, "stretch", "stretches"), plural(mins, "minute", "minutes"))
}

// exerciseLength is the rough time of an exercise at a dose, both sides.
func exerciseLength(e Exercise, d Dose) time.Duration {
	var t time.Duration
	switch d.Kind() {
	case Timed:
		t = d.Duration
	case Counted:
		t = time.Duration(d.Count) * max(d.Pace, 2*time.Second)
	default:
		t = time.Duration(d.Reps)*d.Hold + time.Duration(max(d.Reps-1, 0))*d.Rest
	}
	if e.Sides {
		t *= 2
	}
	return t
}

// Upcoming decides the next session of rt (already for the patient's region)
// at now. day is Today at now; sessions hold at least today's and the
// last ones before it. wantBreak asks for a stretch break even before the
// once-a-day work is done (start --stretch).
func Upcoming(rt Routine, day Day, sessions []SessionLog, now time.Time, wantBreak bool) NextSession {
	if day.Closed != nil {
		return NextSession{Kind: NextNone, Reason: closedReason(*day.Closed, now)}
	}
	t := readToday(sessions, now)
	if t.open != nil {
		return NextSession{Kind: NextResume, LastEnd: t.lastEnd,
			Reason: fmt.Sprintf("an unfinished session from %s waits to be resumed.", clock(t.open.Start, now))}
	}
	brk, hasBreak := rt.StretchBreak()
	allRepeat := len(rt.Exercises) > 0 && len(rt.Repeatable()) == len(rt.Exercises)
	switch {
	case wantBreak && !hasBreak:
		return NextSession{Kind: NextNone, LastEnd: t.lastEnd, Reason: "this routine has no stretches that may repeat, so there is no stretch break."}
	case !allRepeat && !wantBreak && !t.dailyDone:
		// Breaks may come first (start --stretch): the routine's own
		// stretches then leave out what reached its daily maximum.
		return NextSession{Kind: NextRoutine, Routine: rt, Leave: atMax(rt, t.counted), Times: t.counted, LastEnd: t.lastEnd,
			Reason: "today's routine is not done yet."}
	case !allRepeat && !hasBreak:
		return NextSession{Kind: NextNone, LastEnd: t.lastEnd,
			Reason: fmt.Sprintf("today's routine was done at %s; the next session is due tomorrow.", clock(t.dailyEnd, now))}
	}
	n := NextSession{Kind: NextBreak, Routine: brk, LastEnd: t.lastEnd}
	if allRepeat {
		n.Kind, n.Routine = NextRoutine, rt
	}
	return spaced(n, t, now)
}

// spaced leaves out what reached its daily maximum and holds the session
// to its spacing.
func spaced(n NextSession, t todaySessions, now time.Time) NextSession {
	var every time.Duration
	n.Leave, n.Times = atMax(n.Routine, t.counted), t.counted
	for _, e := range n.Routine.Exercises {
		if !containsID(n.Leave, e.ID) {
			every = max(every, e.Repeat.Every)
		}
	}
	if len(n.Leave) == len(n.Routine.Exercises) {
		return NextSession{Kind: NextNone, LastEnd: t.lastEnd,
			Reason: "the stretches were " + MaxText(t.counted) + "; the next session is due tomorrow."}
	}
	what := "a stretch break"
	if n.Kind == NextRoutine {
		what = "the routine again"
	}
	if t.lastEnd.IsZero() {
		n.Reason = "no session done yet today."
		return n
	}
	n.DueAt = t.lastEnd.Add(every)
	n.Early = now.Before(n.DueAt) // Confirm says when it is due
	n.Reason = fmt.Sprintf("the last session ended at %s, and %s may follow %s after it.", clock(t.lastEnd, now), what, EveryText(every))
	return n
}

// AtDailyMax is what the daily maximum leaves out of a session of rt at
// now, the same reading as Upcoming's: the exercises of rt that today's
// ended sessions with a scored set have done as often as their
// max_per_day allows, and how many times that is. A session being
// resumed is still open, so it is not one of them: resuming it counts
// as the session it will be once ended.
func AtDailyMax(rt Routine, sessions []SessionLog, now time.Time) (leave []string, times int) {
	t := readToday(sessions, now)
	return atMax(rt, t.counted), t.counted
}

// atMax lists the exercises of rt whose daily maximum counted sessions
// have reached.
func atMax(rt Routine, counted int) []string {
	var out []string
	for _, e := range rt.Exercises {
		if m := e.Repeat.MaxPerDay; m > 0 && counted >= m {
			out = append(out, e.ID)
		}
	}
	return out
}

// MaxText says why an exercise at its daily maximum is left out, in the
// words "nothing more today" uses: "done 6 times today, the most for a
// day".
func MaxText(times int) string {
	return fmt.Sprintf("done %s today, the most for a day", plural(times, "time", "times"))
}

// todaySessions is what Upcoming reads of the records.
type todaySessions struct {
	open      *SessionLog // today's unfinished session
	lastEnd   time.Time   // the end of the last session with a scored set, any day
	dailyDone bool        // a session of the day's routine ended with a scored set
	dailyEnd  time.Time   // when the last one ended
	counted   int         // today's ended sessions with a scored set: each holds every exercise that repeats
}

func readToday(sessions []SessionLog, now time.Time) todaySessions {
	today := dayNumber(now.Date())
	var t todaySessions
	for i, s := range sessions {
		isToday := dayNumber(s.Start.Date()) == today // its own local date, as the day rules read it
		if s.Open {
			if isToday {
				t.open = &sessions[i]
			}
			continue
		}
		if !scored(s) || s.End.IsZero() {
			continue
		}
		if s.End.After(t.lastEnd) && !s.End.After(now) {
			t.lastEnd = s.End
		}
		if !isToday {
			continue
		}
		t.counted++
		if !s.Break {
			t.dailyDone = true
			if s.End.After(t.dailyEnd) {
				t.dailyEnd = s.End
			}
		}
	}
	return t
}

// scored reports a session with at least one scored set.
func scored(s SessionLog) bool {
	for _, set := range s.Sets {
		if !set.Skipped {
			return true
		}
	}
	return false
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
