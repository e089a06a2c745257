package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The streak and the sparkline of the check-in scores share a line where
// it fits; where it does not, each has a line of its own, and no score is
// wrapped away from the others onto a line by itself.
func TestHomeTrendLineKeepsTheScoresTogether(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	var days []store.Day
	for i, sum := range []int{27, 28, 35, 25, 20, 30, 22} { // means 2.7 2.8 3.5 2.5 2 3 2.2
		days = append(days, store.Day{Date: now.AddDate(0, 0, i-6).Format(time.DateOnly), Sessions: 10,
			Completed: 10, Sets: 10, BaselineSum: sum, Baselines: 10})
	}
	const scores = "2.7 2.8 3.5 2.5 2 3 2.2"
	for _, width := range []int{120, 79, 70} {
		m := newHomeModel(DefaultTheme(), &routine.Plan{Routine: testRoutine(), Week: -1, Day: -1})
		m.data, m.now, m.width = &store.Home{Days: days}, func() time.Time { return now }, width
		lines := strings.Split(ansi.Strip(m.statusView()), "\n")
		var streak, spark int
		for i, l := range lines {
			if strings.Contains(l, "days in a row") {
				streak = i + 1
			}
			if strings.Contains(l, "pain before sessions") {
				spark = i + 1
				if !strings.HasSuffix(strings.TrimRight(l, " "), scores) {
					t.Errorf("width %d: the scores are split: %q", width, l)
				}
			}
		}
		if streak == 0 || spark == 0 {
			t.Fatalf("width %d: no streak or sparkline:\n%s", width, strings.Join(lines, "\n"))
		}
		if together := streak == spark; together != (width >= 100) {
			t.Errorf("width %d: streak on line %d, sparkline on line %d", width, streak, spark)
		}
	}
}
