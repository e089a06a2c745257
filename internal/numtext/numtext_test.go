package numtext

import (
	"math"
	"testing"
)

func TestNoNegativeZero(t *testing.T) {
	for _, c := range []struct {
		x           float64
		one, signed string
	}{
		{-0.04, "0.0", "0.0"}, {math.Copysign(0, -1), "0.0", "0.0"}, {0.04, "0.0", "0.0"}, {0, "0.0", "0.0"},
		{-0.06, "-0.1", "-0.1"}, {1.26, "1.3", "+1.3"}, {-2.5, "-2.5", "-2.5"}, {3, "3.0", "+3.0"},
	} {
		if got := One(c.x); got != c.one {
			t.Errorf("One(%v) = %q, want %q", c.x, got, c.one)
		}
		if got := Signed(c.x); got != c.signed {
			t.Errorf("Signed(%v) = %q, want %q", c.x, got, c.signed)
		}
	}
}
