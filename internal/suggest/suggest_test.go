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

func TestNearestRefusesToGuessBetweenEquals(t *testing.T) {
	phases := []string{"phase1", "phase2", "phase3", "phase4", "phase5"}
	if got := Nearest("phase9", phases); got != "" {
		t.Errorf("phase9: %q, want no guess", got)
	}
	if got := Nearest("phas2", phases); got != "phase2" {
		t.Errorf("phas2: %q, want phase2", got)
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
