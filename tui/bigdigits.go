package tui

import (
	"strconv"
	"strings"
)

// bigGlyphs are 5-row block digits for the hold countdown, readable from
// across a room or from the floor.
var bigGlyphs = map[rune][5]string{
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
}

// bigText renders digits and colons in block letters, one space apart.
func bigText(s string) string {
	var rows [5]strings.Builder
	for i, r := range s {
		g, ok := bigGlyphs[r]
		if !ok {
			continue
		}
		for row := range rows {
			if i > 0 {
				rows[row].WriteString(" ")
			}
			rows[row].WriteString(g[row])
		}
	}
	out := make([]string, len(rows))
	for i := range rows {
		out[i] = rows[i].String()
	}
	return strings.Join(out, "\n")
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
