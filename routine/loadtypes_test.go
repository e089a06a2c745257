package routine

import (
	"strings"
	"testing"
)

// A value of the wrong kind is reported at the FIRST line that has one,
// with the kind wanted in words, not the decoder's text.
func TestParseWrongTypeAtFirstBadLine(t *testing.T) {
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"text for a count", "reps = 3", `reps = "three"`, `rx.toml:13: reps must be a whole number (such as 3), got the text "three"`},
		{"text for a flag", "sides = true", `sides = "yes"`, `rx.toml:10: sides must be true or false, got the text "yes"`},
		{"a fraction for whole seconds", "rest_s = 10", "rest_s = 1.5", "rx.toml:4: rest_s must be a whole number (such as 3), got the number 1.5"},
		{"a word for a list", `cues = ["Knee straight.", "Breathe."]`, `cues = "Knee straight."`, `rx.toml:12: cues must be a list in brackets (such as ["one", "two"]), got the text "Knee straight."`},
	} {
		// The same mistake in a later exercise too: the first line is named.
		data := strings.Replace(goodRoutine, c.from, c.to, 1)
		if c.from == "reps = 3" {
			data += "\n[[exercise]]\nid = \"x\"\nname = \"X\"\nposition = \"P.\"\ncues = [\"C.\"]\nreps = \"four\"\nhold_s = 5\n"
		}
		_, err := Parse("rx.toml", []byte(data))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: %v\nwant %s", c.name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "incompatible types") {
			t.Errorf("%s: the decoder's words: %v", c.name, err)
		}
	}
}
