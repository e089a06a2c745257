package cli

import (
	"testing"

	"github.com/muesli/termenv"
)

func TestParseBackgroundAnswer(t *testing.T) {
	cases := []struct {
		in   string
		want termenv.RGBColor
		ok   bool
	}{
		{"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[5;1R", "#ffffff", true}, // ST, as tmux ends it
		{"\x1b]11;rgb:0000/0000/0000\a\x1b[1;1R", "#000000", true},     // BEL
		{"\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\", "#1e1e2e", true},
		{"\x1b]11;rgb:ff/80/00\a", "#ff8000", true},          // two digits each
		{"\x1b]11;rgb:f/8/0\a", "#ff8800", true},             // one digit: f is full
		{"\x1b]11;rgb:FFFF/8000/0000\a", "#ff8000", true},    // capitals
		{"abc\x1b]11;rgb:ffff/ffff/ffff\a", "#ffffff", true}, // keys typed before it
		{"\x1b[5;1R", "", false},                             // only the cursor: no OSC 11
		{"\x1b]11;rgb:ffff/ffff\a", "", false},               // two channels
		{"\x1b]11;rgb:fffff/ffff/ffff\a", "", false},         // five digits
		{"\x1b]11;rgb:gggg/ffff/ffff\a", "", false},          // not hex
		{"\x1b]11;rgba:ffff/ffff/ffff/ffff\a", "", false},    // not rgb:
		{"\x1b]11;rgb:ffff/ffff/ffff", "", false},            // not ended
		{"\x1b]11;rgb://\a", "", false},                      // empty channels
		{"\x1b]10;rgb:ffff/ffff/ffff\a\x1b[5;1R", "", false}, // the foreground's answer
	}
	for _, c := range cases {
		got, ok := parseBackgroundAnswer([]byte(c.in))
		if got != c.want || ok != c.ok {
			t.Errorf("parseBackgroundAnswer(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestCursorReported(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"\x1b[5;1R", true},
		{"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[24;80R", true},
		{"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[24;8", false}, // still coming
		{"\x1b[R", false},
		{"\x1b[5;1", false},
		{"R", false},
		{"", false},
	}
	for _, c := range cases {
		if got := cursorReported([]byte(c.in)); got != c.want {
			t.Errorf("cursorReported(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
