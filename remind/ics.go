package remind

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// Calendar is what the iCalendar file says: the routine's sessions as
// daily recurring events with an alarm, one event per reminder slot.
type Calendar struct {
	Routine  routine.Routine
	Schedule Schedule
	// From is the first day (its calendar date counts); Until the last,
	// or zero for no end (a phase open until the clinician clears the next).
	From, Until time.Time
	Stamp       time.Time // when the file was made (DTSTAMP)
}

// icsLayout is a floating local date-time: no zone, no Z. A phone shows
// 09:00 as 09:00 wherever the patient is, as spinecoach counts days.
const icsLayout = "20060102T150405"

// ICS is the iCalendar (RFC 5545) text: CRLF line ends, lines folded at
// 75 octets, text escaped, control characters of the routine's name
// (from a prescription file) replaced.
func ICS(c Calendar) string {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	name := safetext.Line(c.Routine.Name)
	add("BEGIN:VCALENDAR")
	add("VERSION:2.0")
	add("PRODID:-//spinecoach//spinecoach remind ics//EN")
	add("CALSCALE:GREGORIAN")
	add("METHOD:PUBLISH")
	add("X-WR-CALNAME:%s", escapeText("spinecoach exercises"))
	y, m, d := c.From.Date()
	rule := "FREQ=DAILY"
	if !c.Until.IsZero() {
		uy, um, ud := c.Until.Date()
		rule += ";UNTIL=" + time.Date(uy, um, ud, 23, 59, 59, 0, time.UTC).Format(icsLayout)
	}
	desc := fmt.Sprintf("Phase %d of your home exercise routine: %s. Open spinecoach to start: it asks about your pain and the warning signs first, and says if today's session is not due.", c.Routine.Phase, name)
	if c.Schedule.Every > 0 && !c.Schedule.Breaks {
		desc += fmt.Sprintf(" This routine may repeat every %s if you feel up to it.", routine.EveryText(c.Schedule.Every))
	}
	if c.Schedule.Breaks {
		desc += fmt.Sprintf(" After it, stretch breaks every %s: only the stretches that may repeat.", routine.EveryText(c.Schedule.Every))
	}
	desc += " When your phase changes, make a new calendar with spinecoach remind ics."
	for i, slot := range c.Schedule.Slots() {
		ev := icsEvent{what: "Exercises: " + name, alarm: "Time for your exercises: " + name, length: SessionLength(c.Routine), desc: desc}
		if brk, ok := c.Routine.StretchBreak(); ok && c.Schedule.Breaks && i > 0 {
			ev = icsEvent{what: "Stretch break: " + name, alarm: "Time for a stretch break", length: SessionLength(brk),
				desc: breakDescription(brk, c.Routine.Phase, name, c.Schedule.Every)}
		}
		start := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(slot)
		add("BEGIN:VEVENT")
		add("UID:spinecoach-%s-%s-%s@spinecoach.invalid", c.Routine.ID, start.Format("20060102"), start.Format("1504"))
		add("DTSTAMP:%s", c.Stamp.UTC().Format(icsLayout+"Z"))
		add("DTSTART:%s", start.Format(icsLayout))
		add("DURATION:PT%dM", int(ev.length/time.Minute))
		add("RRULE:%s", rule)
		add("SUMMARY:%s", escapeText(ev.what))
		add("DESCRIPTION:%s", escapeText(ev.desc))
		add("TRANSP:TRANSPARENT")
		add("BEGIN:VALARM")
		add("ACTION:DISPLAY")
		add("TRIGGER:PT0M")
		add("DESCRIPTION:%s", escapeText(ev.alarm))
		add("END:VALARM")
		add("END:VEVENT")
	}
	add("END:VCALENDAR")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(fold(l))
	}
	return b.String()
}

// icsEvent is what one reminder slot's event says.
type icsEvent struct {
	what, alarm, desc string
	length            time.Duration
}

// breakDescription says what a stretch break is, by its stretches' names.
func breakDescription(brk routine.Routine, phase int, routineName string, every time.Duration) string {
	names := make([]string, len(brk.Exercises))
	for i, e := range brk.Exercises {
		names[i] = safetext.Line(e.Name)
	}
	return fmt.Sprintf("A stretch break in phase %d (%s): %s. Only if today's routine went well; at least %s after your last session. Open spinecoach to start: it asks about your pain and the warning signs first.",
		phase, routineName, strings.Join(names, ", "), routine.EveryText(every))
}

// escapeText escapes a TEXT value: backslash, semicolon, comma, newline.
func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)
	return r.Replace(safetext.Line(strings.ReplaceAll(s, "\r\n", "\n")))
}

// fold ends a content line with CRLF, folding it at 75 octets without
// splitting a UTF-8 sequence: each continuation starts with a space.
func fold(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut] + "\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line + "\r\n")
	return b.String()
}

// SessionLength estimates a session of the routine at its full dose: the
// holds, rests, timed and counted work on each side, and half a minute per
// exercise for getting into position and the pain check; rounded up to
// 5 minutes, at least 10.
func SessionLength(r routine.Routine) time.Duration {
	var total time.Duration
	for _, e := range r.Exercises {
		sides := time.Duration(1)
		if e.Sides {
			sides = 2
		}
		d := e.Dose
		var work time.Duration
		switch d.Kind() {
		case routine.Timed:
			work = d.Duration
		case routine.Counted:
			pace := d.Pace
			if pace <= 0 {
				pace = 2 * time.Second
			}
			work = time.Duration(d.Count) * pace
		default:
			work = time.Duration(d.Reps)*d.Hold + time.Duration(max(d.Reps-1, 0))*d.Rest
		}
		total += sides*work + 30*time.Second
	}
	total = (total + 5*time.Minute - 1) / (5 * time.Minute) * (5 * time.Minute)
	return max(total, 10*time.Minute)
}
