package routine

import (
	"fmt"
	"testing"
	"time"
)

// DayOfDate numbers every date a YYYY-MM-DD can name as time.Date does
// (dayNumber), and refuses the days a month does not have: every day of
// the years 0000 to 0800 (two whole 400-year cycles) and 1600 to 2500,
// the first of every month to 9999, and the 29th to 32nd of every month
// of some years.
func TestDayOfDateIsTimeDates(t *testing.T) {
	next := func(day time.Time) time.Time {
		if y := day.Year(); y > 800 && y < 1600 || y > 2500 {
			return day.AddDate(0, 1, 0)
		}
		return day.AddDate(0, 0, 1)
	}
	for day := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() <= 9999; day = next(day) {
		date := day.Format(time.DateOnly)
		n, ok := DayOfDate(date)
		if !ok || n != dayNumber(day.Date()) {
			t.Fatalf("%s: day %d, %t; want %d", date, n, ok, dayNumber(day.Date()))
		}
	}
	for _, y := range []int{0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9996, 9999} {
		for m := 1; m <= 12; m++ {
			for d := 29; d <= 32; d++ {
				date := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				_, err := time.Parse(time.DateOnly, date)
				if _, ok := DayOfDate(date); ok != (err == nil) {
					t.Errorf("%s: read %t, time.Parse says %v", date, ok, err)
				}
			}
		}
	}
}
