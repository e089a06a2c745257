package routine

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateOrder is how a slashed date like 11/01/2026 is read: the order is
// the locale's, and every question that accepts one says which it is.
type DateOrder int

const (
	DayFirst   DateOrder = iota // 01/11/2026 is 1 November 2026
	MonthFirst                  // 11/01/2026 is 1 November 2026
)

// String is the order in words, for the question and the error.
func (o DateOrder) String() string {
	if o == MonthFirst {
		return "month/day/year"
	}
	return "day/month/year"
}

// Example is 1 November 2026 written in this order.
func (o DateOrder) Example() string {
	if o == MonthFirst {
		return "11/01/2026"
	}
	return "01/11/2026"
}

// DateOrderFor is the slashed order of a locale name such as en_US.UTF-8
// (LC_ALL, LC_TIME or LANG): month first in the few places that write it
// so, day first elsewhere.
func DateOrderFor(locale string) DateOrder {
	l := strings.SplitN(strings.SplitN(locale, ".", 2)[0], "@", 2)[0]
	switch l {
	case "en_US", "en_PH", "en_AS", "en_GU", "en_MP", "en_PR", "en_UM", "en_VI", "es_US":
		return MonthFirst
	}
	return DayFirst
}

// DateForms describes the forms ParseDate reads, for a question.
func DateForms(o DateOrder) string {
	return fmt.Sprintf("for example 2026-11-01, 1 Nov 2026 or %s (%s)", o.Example(), o)
}

// monthNames are the months' names in lower case, January first: a fixed
// table rather than a map built at every start of every command.
var monthNames = [12]string{"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"}

// monthNamed is the month a word names in any case: its whole name, its
// first three letters, or "sept".
func monthNamed(word string) (time.Month, bool) {
	w := strings.ToLower(word)
	if w == "sept" {
		return time.September, true
	}
	for i, name := range monthNames {
		if w == name || len(w) == 3 && w == name[:3] {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}

// ParseDate reads a calendar date in loc from the common forms: 2026-11-01,
// 1 Nov 2026 (or 1 November 2026, Nov 1 2026) and a slashed form in the
// order o. A date that does not exist is refused by name: "there is no
// 30 February".
func ParseDate(s string, o DateOrder, loc *time.Location) (time.Time, error) {
	t := strings.TrimSpace(s)
	y, m, d, ok := splitDate(t, o)
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a date I can read: write it %s", s, DateForms(o))
	}
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("there is no month %d: write the date %s", m, DateForms(o))
	}
	date := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if d < 1 || date.Day() != d {
		if d == 29 && m == 2 {
			return time.Time{}, fmt.Errorf("there is no 29 February in %d", y)
		}
		return time.Time{}, fmt.Errorf("there is no %d %s", d, time.Month(m))
	}
	return date, nil
}

// splitDate finds year, month and day in one of the forms ParseDate reads.
func splitDate(t string, o DateOrder) (y, m, d int, ok bool) {
	if p := strings.Split(t, "-"); len(p) == 3 && len(p[0]) == 4 {
		return numbers(p[0], p[1], p[2])
	}
	if p := strings.Split(t, "/"); len(p) == 3 && len(p[2]) == 4 {
		if o == MonthFirst {
			y, m, d, ok = numbers(p[2], p[0], p[1])
		} else {
			y, m, d, ok = numbers(p[2], p[1], p[0])
		}
		return y, m, d, ok
	}
	words := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(t))
	if len(words) != 3 {
		return 0, 0, 0, false
	}
	day, month := words[0], words[1]
	if _, err := strconv.Atoi(month); err == nil { // Nov 1 2026
		day, month = month, day
	}
	mon, known := monthNamed(month)
	if !known {
		return 0, 0, 0, false
	}
	y, _, d, ok = numbers(words[2], "1", day)
	return y, int(mon), d, ok
}

// numbers reads year, month and day, each digits only; the year has four.
func numbers(ys, ms, ds string) (y, m, d int, ok bool) {
	var err [3]error
	y, err[0] = strconv.Atoi(ys)
	m, err[1] = strconv.Atoi(ms)
	d, err[2] = strconv.Atoi(ds)
	for i, s := range []string{ys, ms, ds} {
		if err[i] != nil || s == "" || s[0] == '+' || s[0] == '-' || len(s) > 4 {
			return 0, 0, 0, false
		}
	}
	return y, m, d, len(ys) == 4
}
