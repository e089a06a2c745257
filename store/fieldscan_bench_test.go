package store

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// The hand-written field scan (eachField) against encoding/json, on the
// values the home screen and the trends read most: a stored set and a
// day's aggregate. README ("Layout") quotes the ratio.
func BenchmarkFieldScan(b *testing.B) {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	set, err := json.Marshal(toSetJSON(SetRecord{SessionID: NewSessionID(at), Index: 3, ExerciseID: "slr-glide",
		Exercise: "Straight-leg nerve glide", Side: routine.Left, SetNo: 1, RepsPlanned: 3, RepsDone: 3,
		Hold: 30 * time.Second, Pain: 4, DoseLevel: 1, At: at}))
	if err != nil {
		b.Fatal(err)
	}
	day, err := json.Marshal(Day{Date: "2026-03-02", Sessions: 2, Sets: 28, Skipped: 1, BaselineSum: 5, Baselines: 2, MaxPain: 5, Completed: 2})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("set/scan", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := setScoreOf(set); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("set/encoding-json", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var p setScoreJSON
			if err := json.Unmarshal(set, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("day/scan", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := decodeDay(day); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("day/encoding-json", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var d Day
			if err := json.Unmarshal(day, &d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
