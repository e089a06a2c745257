package tui

import (
	"testing"
	"time"
)

// A home frame is drawn at one instant (homeModel.at): the clock is read
// once for the page and the footer's keys, and the frame is the one a
// clock stopped at that instant draws, at any time of the day. The clock
// here runs on by three hours at every read, so a second read would put
// another time, another session due, or none, into the same frame.
func TestHomeFrameReadsTheClockOnce(t *testing.T) {
	for _, surgery := range []bool{false, true} {
		a := homeFrameApp(t, 80, 24, DefaultTheme(), surgery)
		for step := 0; step < 48; step++ {
			at := homeFrameNow.Add(time.Duration(step) * 37 * time.Minute)
			a.pages().home.now = func() time.Time { return at }
			want, wantRoom := a.View(), a.bodyHeight()
			reads := 0
			a.pages().home.now = func() time.Time {
				reads++
				return at.Add(time.Duration(reads-1) * 3 * time.Hour)
			}
			if got := a.View(); got != want {
				t.Fatalf("surgery date %v, %s: the frame is not the one drawn at that instant:\n%s\nwant:\n%s", surgery, at, got, want)
			}
			if reads != 1 {
				t.Errorf("surgery date %v, %s: a frame read the clock %d times, want 1", surgery, at, reads)
			}
			reads = 0
			if got := a.bodyHeight(); got != wantRoom || reads != 1 {
				t.Errorf("surgery date %v, %s: the room is %d lines from %d reads of the clock, want %d from 1", surgery, at, got, reads, wantRoom)
			}
		}
	}
}
