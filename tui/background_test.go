package tui

import (
	"testing"

	"github.com/muesli/termenv"
)

func TestBackgroundDecision(t *testing.T) {
	for _, c := range []struct {
		b        Background
		dark     bool
		fromWant string
	}{
		{Background{}, true, "no answer (dark assumed)"},
		{Background{Theme: "light", COLORFGBG: "15;0"}, false, "--theme light"},
		{Background{Theme: "dark", Answer: termenv.RGBColor("#ffffff")}, true, "--theme dark"},
		{Background{Theme: "high-contrast", COLORFGBG: "0;15"}, false, "COLORFGBG"},
		{Background{COLORFGBG: "0;default;7"}, false, "COLORFGBG"},
		{Background{COLORFGBG: "7;8"}, true, "COLORFGBG"},
		{Background{COLORFGBG: "15;0", Answer: termenv.RGBColor("#ffffff")}, true, "COLORFGBG"},
		{Background{COLORFGBG: "garbage", Answer: termenv.RGBColor("#ffffff")}, false, "the terminal's answer"},
		{Background{COLORFGBG: "0;99", Answer: termenv.RGBColor("#101010")}, true, "the terminal's answer"},
		{Background{Answer: termenv.ANSIColor(7)}, false, "the terminal's answer"}, // tmux's "white"
	} {
		dark, from := c.b.Dark()
		if dark != c.dark || from != c.fromWant {
			t.Errorf("%+v: dark %v from %q, want %v from %q", c.b, dark, from, c.dark, c.fromWant)
		}
	}
}
