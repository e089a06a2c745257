package routine

import (
	"fmt"
	"time"
)

// SessionSummary is one stored session as the weekly rows count it.
type SessionSummary struct {
	Date     string // the local day it started, YYYY-MM-DD
	Baseline int    // its check-in score; -1 unknown
	Done     int    // sets with a pain score
	Skipped  int    // sets skipped by the patient
	LeftOut  int    // sets the pain rules left out (a red, a stop)
	MaxPain  int    // highest pain after a set; -1 none
	// The dose levels in force: where it started, and the highest level
	// any of its sets or in-session decisions reached. -1: unknown.
	StartLevel, EndLevel int
}

// WeekRow sums up one calendar week (Monday to Sunday) of a window, cut
// to the window at both ends.
type WeekRow struct {
	From, To string // YYYY-MM-DD, both included
	// CheckIn is the mean of the week's daily mean check-in scores, each
	// day counting once (as in the chart and the verdict).
	CheckIn    float64
	CheckInDay int // days with a check-in score
	MaxPain    int // highest pain after a set; -1: no scored set
	Sessions   int // sessions started, stops at the check-in included
	Done       int // sets with a score
	Skipped    int // sets skipped by the patient
	LeftOut    int // sets the pain rules left out
	// MinLevel..MaxLevel are the dose levels in force during the week's
	// sessions; -1 when it had none.
	MinLevel, MaxLevel int
}

// HasCheckIn reports whether the week had a check-in score.
func (w WeekRow) HasCheckIn() bool { return w.CheckInDay > 0 }

// Levels is the week's range of dose levels in words: "0", "0-2", or "-"
// when none is known.
func (w WeekRow) Levels() string {
	switch {
	case w.MaxLevel < 0:
		return "-"
	case w.MinLevel == w.MaxLevel || w.MinLevel < 0:
		return fmt.Sprint(w.MaxLevel)
	}
	return fmt.Sprintf("%d-%d", w.MinLevel, w.MaxLevel)
}

// WeekRows lays the sessions of the days from..today (YYYY-MM-DD) out as
// calendar weeks, oldest first, every week of the window there even when
// it had no session. Sessions outside the window are left out.
func WeekRows(sessions []SessionSummary, from, today string) []WeekRow {
	first, err1 := time.Parse(time.DateOnly, from)
	last, err2 := time.Parse(time.DateOnly, today)
	if err1 != nil || err2 != nil || last.Before(first) {
		return nil
	}
	monday := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
	var rows []WeekRow
	index := map[string]int{} // a day of the window -> its row
	for start := monday; !start.After(last); start = start.AddDate(0, 0, 7) {
		row := WeekRow{From: start.Format(time.DateOnly), To: start.AddDate(0, 0, 6).Format(time.DateOnly),
			MaxPain: -1, MinLevel: -1, MaxLevel: -1}
		row.From, row.To = max(row.From, from), min(row.To, today)
		for d := 0; d < 7; d++ {
			index[start.AddDate(0, 0, d).Format(time.DateOnly)] = len(rows)
		}
		rows = append(rows, row)
	}
	type dayMean struct {
		date   string
		sum, n int
	}
	days := make([][]dayMean, len(rows)) // each row's days with a check-in, in the order met
	for _, s := range sessions {
		if s.Date < from || s.Date > today {
			continue
		}
		i := index[s.Date]
		r := &rows[i]
		r.Sessions++
		r.Done += s.Done
		r.Skipped += s.Skipped
		r.LeftOut += s.LeftOut
		r.MaxPain = max(r.MaxPain, s.MaxPain)
		if s.StartLevel >= 0 && (r.MinLevel < 0 || s.StartLevel < r.MinLevel) {
			r.MinLevel = s.StartLevel
		}
		if top := max(s.StartLevel, s.EndLevel); top >= 0 {
			r.MaxLevel = max(r.MaxLevel, top)
			if r.MinLevel < 0 {
				r.MinLevel = top
			}
		}
		if s.Baseline >= 0 {
			j := len(days[i]) - 1
			for j >= 0 && days[i][j].date != s.Date {
				j--
			}
			if j < 0 {
				days[i] = append(days[i], dayMean{date: s.Date})
				j = len(days[i]) - 1
			}
			days[i][j].sum += s.Baseline
			days[i][j].n++
		}
	}
	for i, ds := range days {
		var means []float64
		for _, d := range ds {
			means = append(means, float64(d.sum)/float64(d.n))
		}
		if len(means) > 0 {
			rows[i].CheckIn = mean(means)
			rows[i].CheckInDay = len(means)
		}
	}
	return rows
}
