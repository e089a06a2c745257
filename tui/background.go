package tui

import (
	"strconv"
	"strings"

	"github.com/muesli/termenv"
)

// Background is what is known of the terminal's background, in the order
// it is trusted: the patient's own --theme light or dark, then COLORFGBG
// (set by rxvt, Konsole and others, and kept by tmux and screen from the
// terminal they started in), then the terminal's answer to the colour
// query (OSC 11; inside tmux, tmux answers with the outer terminal's
// colour). With none of them the background is taken as dark.
type Background struct {
	Theme     string        // the theme chosen: light or dark decide; others leave it to the rest
	COLORFGBG string        // the variable's value, "" when unset
	Answer    termenv.Color // the terminal's answer, nil when it gave none
}

// Dark reports whether the background is dark, and from what.
func (b Background) Dark() (dark bool, from string) {
	switch b.Theme {
	case "light":
		return false, "--theme light"
	case "dark":
		return true, "--theme dark"
	}
	if dark, ok := darkFromCOLORFGBG(b.COLORFGBG); ok {
		return dark, "COLORFGBG"
	}
	if b.Answer != nil {
		_, _, l := termenv.ConvertToRGB(b.Answer).Hsl()
		return l < 0.5, "the terminal's answer"
	}
	return true, "no answer (dark assumed)"
}

// darkFromCOLORFGBG reads "fg;bg" or "fg;default;bg": the background is
// an ANSI colour index, dark for 0-6 and 8 (black, the dark colours and
// dark grey), light for 7 and 9-15, as rxvt means them.
func darkFromCOLORFGBG(v string) (dark, ok bool) {
	parts := strings.Split(v, ";")
	if len(parts) < 2 {
		return false, false
	}
	n, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil || n < 0 || n > 15 {
		return false, false
	}
	return n <= 6 || n == 8, true
}
