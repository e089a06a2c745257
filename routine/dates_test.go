package routine

import (
	"strings"
	"testing"
	"time"
)

func TestParseDateForms(t *testing.T) {
	for _, c := range []struct {
		in    string
		order DateOrder
		want  string
	}{
		{"2026-11-01", DayFirst, "2026-11-01"},
		{" 1 Nov 2026 ", DayFirst, "2026-11-01"},
		{"1 November 2026", MonthFirst, "2026-11-01"},
		{"Nov 1, 2026", DayFirst, "2026-11-01"},
		{"1 sept 2026", DayFirst, "2026-09-01"},
		{"01/11/2026", DayFirst, "2026-11-01"},
		{"11/01/2026", MonthFirst, "2026-11-01"},
		{"29 Feb 2028", DayFirst, "2028-02-29"},
	} {
		d, err := ParseDate(c.in, c.order, time.UTC)
		if err != nil || d.Format(time.DateOnly) != c.want {
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %s", c.in, c.order, d, err, c.want)
		}
	}
}

func TestParseDateRefusesByName(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"2026-02-30", "there is no 30 February"},
		{"30/02/2026", "there is no 30 February"},
		{"31 Apr 2026", "there is no 31 April"},
		{"2026-02-29", "there is no 29 February in 2026"},
		{"2026-13-01", "there is no month 13"},
		{"2026-11-00", "there is no 0 November"},
		{"yesterday", `"yesterday" is not a date I can read`},
		{"1 Nov 26", `is not a date I can read`},
		{"2026-+1-01", `is not a date I can read`},
	} {
		_, err := ParseDate(c.in, DayFirst, time.UTC)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseDate(%q) = %v, want an error with %q", c.in, err, c.want)
		}
	}
}

func TestDateOrderFor(t *testing.T) {
	for locale, want := range map[string]DateOrder{
		"en_US.UTF-8": MonthFirst, "en_GB.UTF-8": DayFirst, "de_DE@euro": DayFirst, "": DayFirst, "C": DayFirst,
	} {
		if got := DateOrderFor(locale); got != want {
			t.Errorf("DateOrderFor(%q) = %v, want %v", locale, got, want)
		}
	}
}

func TestParseSurgeryDateEmptySaysWhatToType(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	_, err := ParseSurgeryDateIn("", now, MonthFirst)
	if err == nil || !strings.Contains(err.Error(), "11/01/2026 (month/day/year)") {
		t.Errorf("an empty date: %v, want what to type with the order stated", err)
	}
}

// Every month by its whole name and its first three letters, in any case,
// and September as "Sept"; nothing else.
func TestMonthNamed(t *testing.T) {
	for m := time.January; m <= time.December; m++ {
		for _, word := range []string{m.String(), strings.ToUpper(m.String()), strings.ToLower(m.String()[:3]), m.String()[:3]} {
			if got, ok := monthNamed(word); !ok || got != m {
				t.Errorf("monthNamed(%q) = %v, %v; want %v", word, got, ok, m)
			}
		}
	}
	if got, ok := monthNamed("SEPT"); !ok || got != time.September {
		t.Errorf(`monthNamed("SEPT") = %v, %v`, got, ok)
	}
	for _, word := range []string{"", "ja", "janu", "mayo", "sep.", "juney", "decembers", "octob"} {
		if got, ok := monthNamed(word); ok {
			t.Errorf("monthNamed(%q) = %v, want none", word, got)
		}
	}
}
