package suggest

import "testing"

func TestNearest(t *testing.T) {
	commands := []string{"start", "setup", "history", "trends", "report", "export", "import", "routines", "check", "backup", "due", "remind", "version", "help"}
	for word, want := range map[string]string{
		"strat": "start", "stat": "start", "setpu": "setup", "histroy": "history", "trend": "trends",
		"reprot": "report", "chekc": "check", "remnid": "remind", "dur": "due",
		"xyzzy": "", "delete": "", "s": "", "": "",
	} {
		if got := Nearest(word, commands); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"strat", "start", 1}, {"colour", "color", 1}, {"kitten", "sitting", 3}, {"", "due", 3},
	} {
		if got := distance(c.a, c.b); got != c.want {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
