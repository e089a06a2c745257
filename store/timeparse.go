package store

import (
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// quickTime is time.Parse(time.RFC3339Nano, s) for the times this package
// writes: "2006-01-02T15:04:05", up to nine digits of fraction, then "Z"
// or an offset "+07:00"; ok false for anything else, which time.Parse
// reads (or refuses) instead. It gives the same Time, location included:
// UTC for "Z"; for an offset, Local when Local has that offset at that
// instant, else the unnamed FixedZone, as time.Parse does; the date is
// read and counted by routine.DayOfDate. The home screen parses some
// hundred and fifty times of sessions and decisions, and time.Parse went
// through time.Date for each.
func quickTime(s string) (t time.Time, ok bool) {
	const layout = len("2006-01-02T15:04:05")
	if len(s) < layout+1 || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return t, false
	}
	days, ok1 := routine.DayOfDate(s[:10]) // the date checked as time.Parse checks it
	hour, ok2 := digits(s[11:13])
	minute, ok3 := digits(s[14:16])
	sec, ok4 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4) || hour > 23 || minute > 59 || sec > 59 {
		return t, false
	}
	rest, nsec := s[layout:], 0
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 { // no digit, or more than time.Parse keeps
			return t, false
		}
		frac, _ := digits(rest[1:n])
		for i := n; i < 10; i++ {
			frac *= 10
		}
		rest, nsec = rest[n:], frac
	}
	unix := (int64(days)*24+int64(hour))*3600 + int64(minute)*60 + int64(sec)
	if rest == "Z" {
		return time.Unix(unix, int64(nsec)).UTC(), true
	}
	if len(rest) != len("+07:00") || rest[0] != '+' && rest[0] != '-' || rest[3] != ':' {
		return t, false
	}
	oh, ok1 := digits(rest[1:3])
	om, ok2 := digits(rest[4:6])
	if !ok1 || !ok2 || oh > 23 || om > 59 {
		return t, false
	}
	offset := (oh*60 + om) * 60
	if rest[0] == '-' {
		offset = -offset
	}
	t = time.Unix(unix-int64(offset), int64(nsec))
	if _, local := t.In(time.Local).Zone(); local == offset {
		return t.In(time.Local), true
	}
	return t.In(time.FixedZone("", offset)), true
}

// digits is the number s writes in decimal digits only (at most nine).
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
