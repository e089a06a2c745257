package tui

import (
	"strconv"
	"strings"
)

// glyphRows is the height of a glyph at scale 1; glyphCols its width.
const (
	glyphRows = 5
	glyphCols = 5
)

// bigGlyphs are 5-row block characters for the hold countdown, readable
// from across a room or from the floor: the digits, the colon, and what
// the side and the hold's number need ("LEFT 2/3", "RIGHT").
var bigGlyphs = map[rune][glyphRows]string{
	'0': {"█████", "█   █", "█   █", "█   █", "█████"},
	'1': {"   █ ", "  ██ ", "   █ ", "   █ ", "  ███"},
	'2': {"█████", "    █", "█████", "█    ", "█████"},
	'3': {"█████", "    █", " ████", "    █", "█████"},
	'4': {"█   █", "█   █", "█████", "    █", "    █"},
	'5': {"█████", "█    ", "█████", "    █", "█████"},
	'6': {"█████", "█    ", "█████", "█   █", "█████"},
	'7': {"█████", "    █", "   █ ", "  █  ", "  █  "},
	'8': {"█████", "█   █", "█████", "█   █", "█████"},
	'9': {"█████", "█   █", "█████", "    █", "█████"},
	':': {"     ", "  █  ", "     ", "  █  ", "     "},
	'/': {"    █", "   █ ", "  █  ", " █   ", "█    "},
	' ': {"     ", "     ", "     ", "     ", "     "},
	'E': {"█████", "█    ", "████ ", "█    ", "█████"},
	'F': {"█████", "█    ", "████ ", "█    ", "█    "},
	'G': {"█████", "█    ", "█  ██", "█   █", "█████"},
	'H': {"█   █", "█   █", "█████", "█   █", "█   █"},
	'I': {"█████", "  █  ", "  █  ", "  █  ", "█████"},
	'L': {"█    ", "█    ", "█    ", "█    ", "█████"},
	'R': {"████ ", "█   █", "████ ", "█  █ ", "█   █"},
	'S': {"█████", "█    ", "█████", "    █", "█████"},
	'T': {"█████", "  █  ", "  █  ", "  █  ", "  █  "},
}

// bigTextScaled renders s in block glyphs wide times as wide and tall
// times as tall as at scale 1 (each cell of a glyph becomes wide × tall
// cells).
func bigTextScaled(s string, wide, tall int) string {
	wide, tall = max(wide, 1), max(tall, 1)
	var rows [glyphRows]strings.Builder
	first := true
	for _, r := range strings.ToUpper(s) {
		g, ok := bigGlyphs[r]
		if !ok {
			continue
		}
		for row := range rows {
			if !first {
				rows[row].WriteString(" ")
			}
			rows[row].WriteString(g[row])
		}
		first = false
	}
	out := make([]string, 0, glyphRows*tall)
	for i := range rows {
		var line strings.Builder
		for _, c := range rows[i].String() {
			line.WriteString(strings.Repeat(string(c), wide))
		}
		for j := 0; j < tall; j++ {
			out = append(out, line.String())
		}
	}
	return strings.Join(out, "\n")
}

// bigWidth is how many columns s takes at scale 1.
func bigWidth(s string) int {
	n := 0
	for _, r := range strings.ToUpper(s) {
		if _, ok := bigGlyphs[r]; ok {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return n*glyphCols + n - 1
}

// bigScale is the largest height scale at which s fits in width columns
// and rows lines, or 0 when not even scale 1 fits.
func bigScale(s string, width, rows int) int {
	w := bigWidth(s)
	if w == 0 {
		return 0
	}
	return max(0, min(width/w, rows/glyphRows))
}

// bigWide is how much wider than scale 1 to draw s at height scale tall:
// up to twice tall, since a terminal cell is about twice as high as it is
// wide, so the glyphs come out about square; never less than tall.
func bigWide(s string, width, tall int) int {
	w := bigWidth(s)
	if w == 0 {
		return tall
	}
	return max(tall, min(2*tall, width/w))
}

// clockText is a countdown in seconds as "30" or, from a minute up, "4:05".
func clockText(seconds int) string {
	if seconds < 60 {
		return strconv.Itoa(seconds)
	}
	s := seconds % 60
	pad := ""
	if s < 10 {
		pad = "0"
	}
	return strconv.Itoa(seconds/60) + ":" + pad + strconv.Itoa(s)
}
