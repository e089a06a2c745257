package routine

import (
	"testing"
	"time"
)

// benchHistory is 8 days of phase 2: each day the routine (22 sets) and
// five stretch breaks (4 sets each), all green; today up to 15:00.
func benchHistory() ([]SessionLog, time.Time) {
	var out []SessionLog
	day0 := mustTime("2026-11-15T08:00:00+01:00")
	for d := 0; d < 8; d++ {
		for s := 0; s < 6 && (d < 7 || s < 3); s++ { // today: the routine and 2 breaks so far
			start := day0.AddDate(0, 0, d).Add(time.Duration(s) * 2 * time.Hour)
			n, isBreak := 22, s > 0
			if isBreak {
				n = 4
			}
			log := SessionLog{Start: start, End: start.Add(20 * time.Minute), Done: true, Baseline: 2, Break: isBreak, Routine: "phase2"}
			for i := 0; i < n; i++ {
				log.Sets = append(log.Sets, SetLog{ExerciseID: "ham", Pain: 2})
			}
			out = append(out, log)
		}
	}
	return out, day0.AddDate(0, 0, 7).Add(7 * time.Hour) // 15:00
}

// BenchmarkUpcoming is what the home screen adds per frame (its plan
// line and Enter's words), beside BenchmarkToday, the day rules it
// already runs per load, on the same records.
func BenchmarkUpcoming(b *testing.B) {
	sessions, now := benchHistory()
	r := phase2Like()
	day := Today(DefaultPainRules(), History{Sessions: sessions}, now)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if n := Upcoming(r, day, sessions, now, false); n.Kind != NextBreak {
			b.Fatal(n.Kind)
		}
	}
}

func BenchmarkToday(b *testing.B) {
	sessions, now := benchHistory()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Today(DefaultPainRules(), History{Sessions: sessions}, now)
	}
}
