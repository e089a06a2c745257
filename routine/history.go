package routine

import (
	"sort"
	"time"
)

// SessionLog is one stored session, as the rules across days need it.
type SessionLog struct {
	Start    time.Time // in the patient's local time when it was done
	Baseline int
	EndLevel int   // dose level in force when it ended
	Pains    []int // scores of the sets done, in order; skipped sets left out
}

// Days sums sessions up by local calendar day, oldest first: the day's
// first baseline, its scored sets, their worst zone and highest score, and
// the level its last session ended at.
func Days(r PainRules, logs []SessionLog) []DayRecord {
	logs = append([]SessionLog(nil), logs...)
	sort.SliceStable(logs, func(i, j int) bool { return logs[i].Start.Before(logs[j].Start) })
	var days []DayRecord
	for _, s := range logs {
		date := s.Start.Format(time.DateOnly)
		if len(days) == 0 || days[len(days)-1].Date != date {
			days = append(days, DayRecord{Date: date, Baseline: float64(s.Baseline), MaxPain: -1})
		}
		d := &days[len(days)-1]
		for _, p := range s.Pains {
			d.Sets++
			d.MaxPain = max(d.MaxPain, p)
			d.Worst = max(d.Worst, r.Classify(s.Baseline, p))
		}
		d.EndLevel = s.EndLevel
	}
	return days
}

// LastLevel is the level the latest day with exercise ended at; 0 when
// there is none.
func LastLevel(days []DayRecord) int {
	for i := len(days) - 1; i >= 0; i-- {
		if days[i].Sets > 0 {
			return days[i].EndLevel
		}
	}
	return 0
}

// LevelNow is the dose level in force on the date today (YYYY-MM-DD):
// where today's last session ended, else where the last day with exercise
// did.
func LevelNow(days []DayRecord, today string) int {
	if n := len(days); n > 0 && days[n-1].Date == today {
		return days[n-1].EndLevel
	}
	return LastLevel(days)
}
