package routine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// The trends as they were read through maps: Series, Adherence and
// Streak with every day looked up by name (byDate) or number.
func seriesByMap(days []TrendDay, today string, window int) []DayPoint {
	end, err := time.Parse(time.DateOnly, today)
	if err != nil || window < 1 {
		return nil
	}
	by := byDate(days)
	out := make([]DayPoint, window)
	for i := range out {
		date := end.AddDate(0, 0, i-window+1).Format(time.DateOnly)
		d, ok := by[date]
		p := DayPoint{Date: date, MaxPain: -1}
		if ok {
			p.Baseline, p.HasBaseline = d.baseline()
			p.Sessions = d.Sessions
			if d.Scored > 0 {
				p.MaxPain = d.MaxPain
			}
		}
		out[i] = p
	}
	return out
}

func adherenceByMap(days []TrendDay, today string) []AdherenceWeek {
	end, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return nil
	}
	by := byDate(days)
	monday := end.AddDate(0, 0, -(int(end.Weekday())+6)%7-7*(AdherenceWeeks-1))
	weeks := make([]AdherenceWeek, AdherenceWeeks)
	for w := range weeks {
		start := monday.AddDate(0, 0, 7*w)
		weeks[w].Monday = start.Format(time.DateOnly)
		for i := 0; i < 7; i++ {
			day := start.AddDate(0, 0, i)
			weeks[w].Dates[i] = day.Format(time.DateOnly)
			if day.After(end) {
				weeks[w].Days[i] = -1
				continue
			}
			weeks[w].Days[i] = by[weeks[w].Dates[i]].exercised()
		}
	}
	return weeks
}

func streakByMap(days []TrendDay, today string, first string) (n int, atLeast bool) {
	end, ok := DayOfDate(today)
	if !ok {
		return 0, false
	}
	start, ok := DayOfDate(first)
	if !ok {
		start = math.MinInt
	}
	exercised := map[int]bool{}
	for _, d := range days {
		if k, ok := DayOfDate(d.Date); ok {
			exercised[k] = d.exercised() > 0
		}
	}
	day := end
	if !exercised[end] {
		day--
	}
	for ; day >= start && exercised[day]; day-- {
		n++
	}
	return n, day < start && n > 0
}

// randomDays is a random run of days around today: most with exercise,
// some with sessions and no scored set, gaps; in date order as the store
// gives them, or (mixed) with a date twice, out of order, or not a date.
func randomDays(rng *rand.Rand, today time.Time, mixed bool) []TrendDay {
	var days []TrendDay
	for age := 100 + rng.IntN(30); age >= -3; age-- {
		if rng.IntN(8) == 0 {
			continue
		}
		d := TrendDay{Date: today.AddDate(0, 0, -age).Format(time.DateOnly), Sessions: rng.IntN(4), MaxPain: rng.IntN(12) - 1}
		if rng.IntN(6) > 0 {
			d.Scored = rng.IntN(5)
		}
		d.Baselines = rng.IntN(3)
		d.BaselineSum = d.Baselines * rng.IntN(11)
		days = append(days, d)
	}
	if mixed {
		switch rng.IntN(3) {
		case 0:
			i := rng.IntN(len(days))
			twice := days[i]
			twice.Sessions, twice.Scored = 1-min(1, twice.Sessions), rng.IntN(2)
			days = slices.Insert(days, i+1, twice)
		case 1:
			rng.Shuffle(len(days), func(i, j int) { days[i], days[j] = days[j], days[i] })
		default:
			days[rng.IntN(len(days))].Date = []string{"2026-02-30", "", "junk", "2026-13-01"}[rng.IntN(4)]
		}
	}
	return days
}

// Series, Adherence and Streak show what they showed when every day was
// looked up by name or number in a map, over random days in order (the
// store's) and not (a date twice, out of order, not a date), at random
// todays, windows and first days.
func TestTrendLookupsAgreeWithMaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(80, 1))
	for i := 0; i < 3000; i++ {
		today := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(900))
		days := randomDays(rng, today, i%2 == 1)
		date, window := today.Format(time.DateOnly), 1+rng.IntN(120)
		first := today.AddDate(0, 0, -rng.IntN(130)).Format(time.DateOnly)
		if rng.IntN(10) == 0 {
			first = ""
		}
		ctx := fmt.Sprintf("today %s, window %d, first %q, days %+v", date, window, first, days)
		if got, want := Series(days, date, window), seriesByMap(days, date, window); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\nSeries %+v\nwant %+v", ctx, got, want)
		}
		if got, want := Adherence(days, date), adherenceByMap(days, date); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\nAdherence %+v\nwant %+v", ctx, got, want)
		}
		n, atLeast := Streak(days, date, first)
		if wn, wa := streakByMap(days, date, first); n != wn || atLeast != wa {
			t.Fatalf("%s:\nStreak %d, %t; want %d, %t", ctx, n, atLeast, wn, wa)
		}
	}
}
