// Package numtext writes the averages and changes the program shows with
// one decimal, never as "-0.0": a value that rounds to zero is written
// 0.0 whatever its sign (a rise of -0.04 is no fall at all). Otherwise
// the digits are fmt's "%.1f".
package numtext

import (
	"strconv"
)

// One is x with one decimal: "2.5", "0.0".
func One(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if s == "-0.0" {
		return "0.0"
	}
	return s
}

// Signed is x with one decimal and its sign: "+1.5", "-0.5", and "0.0"
// for what rounds to zero, which has no direction.
func Signed(x float64) string {
	s := One(x)
	if s == "0.0" || s[0] == '-' || s == "NaN" {
		return s
	}
	return "+" + s
}
