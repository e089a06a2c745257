package store

import (
	"fmt"
	"testing"
	"time"
)

// countsOnByTime is countsOn as it was: time.Parse, the weekday, AddDate
// and Format.
func countsOnByTime(day []byte) (string, bool) {
	d, err := time.Parse(dateLayout, string(day))
	if err != nil || weekday(d) != 0 {
		return "", false
	}
	return d.AddDate(0, 0, 6).Format(dateLayout), true
}

// A week's aggregate counts on the Sunday time.Parse, AddDate and Format
// give, and a key that is no Monday's date is refused, whether or not
// the quick read (sundayInMonth) answers: every day of the years 0000 to
// 0800 and 1900 to 2500, the first of every month to 9999, and keys that
// are not dates.
func TestCountsOnAgreesWithTime(t *testing.T) {
	check := func(key string) {
		got, err := countsOn([]byte(key), true)
		want, ok := countsOnByTime([]byte(key))
		if (err == nil) != ok || got != want {
			t.Fatalf("%q: counts on %q (%v); time says %q (%t)", key, got, err, want, ok)
		}
	}
	quick := 0
	for day := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() <= 9999; {
		key := day.Format(dateLayout)
		check(key)
		if _, ok := sundayInMonth([]byte(key)); ok {
			quick++
		}
		if y := day.Year(); y > 800 && y < 1900 || y > 2500 {
			day = day.AddDate(0, 1, 0)
		} else {
			day = day.AddDate(0, 0, 1)
		}
	}
	if quick == 0 {
		t.Fatal("no Monday was read by sundayInMonth")
	}
	for _, key := range []string{"2026-02-30", "2026-13-02", "2026-00-05", "2026-11-00", "2026-11-1x", "2026/11/16",
		"2026-11-16 ", "+026-11-16", "2026-1-16x", "", "2024-02-26", "2023-02-27", "2100-02-22", "2000-02-28"} {
		check(key)
	}
	for m := 1; m <= 12; m++ {
		for d := 25; d <= 32; d++ {
			for _, y := range []int{0, 4, 100, 400, 1900, 2000, 2024, 2025, 2100} {
				check(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
}
