package store

import "time"

// quickTime is time.Parse(time.RFC3339Nano, s) for the times this package
// writes: "2006-01-02T15:04:05", up to nine digits of fraction, then "Z"
// or an offset "+07:00"; ok false for anything else, which time.Parse
// reads (or refuses) instead. It gives the same Time, location included:
// UTC for "Z"; for an offset, Local when Local has that offset at that
// instant, else the unnamed FixedZone, as time.Parse does. The home
// screen parses some hundred and fifty times of sessions and decisions,
// and time.Parse went through time.Date for each.
func quickTime(s string) (t time.Time, ok bool) {
	const layout = len("2006-01-02T15:04:05")
	if len(s) < layout+1 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return t, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysInMonth(month, year) || hour > 23 || minute > 59 || sec > 59 {
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
	unix := (civilDays(year, month, day)*24+int64(hour))*3600 + int64(minute)*60 + int64(sec)
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

// daysInMonth is the number of days of month (1-12) of year.
func daysInMonth(month, year int) int {
	switch {
	case month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0):
		return 29
	case month == 2:
		return 28
	case month == 4 || month == 6 || month == 9 || month == 11:
		return 30
	}
	return 31
}

// civilDays is the number of days from 1970-01-01 to the proleptic
// Gregorian date year-month-day (year 0 to 9999): by whole 400-year eras
// of 146097 days, the year counted from March so that a leap day falls
// at its end.
func civilDays(year, month, day int) int64 {
	if month <= 2 {
		year--
	}
	era := year / 400
	if year < 0 {
		era = (year - 399) / 400
	}
	yoe := year - era*400 // 0..399
	m := month + 9        // March is 0
	if month > 2 {
		m = month - 3
	}
	doy := (153*m+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
