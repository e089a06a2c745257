package routine

import (
	"regexp"
	"strings"
	"testing"
)

// TestValidIDMatchesThePattern checks the hand-written id check against the
// pattern it replaced, on ids at and around every limit.
func TestValidIDMatchesThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	ids := []string{"", "a", "-", "-a", "a-", "bird-dog", "Bird", "a_b", "a b", "é", "9", "phase-1",
		strings.Repeat("a", 64), strings.Repeat("a", 65), "a\n", "\x00", strings.Repeat("-", 3)}
	for _, id := range ids {
		if got, want := validID(id), pattern.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, the pattern says %v", id, got, want)
		}
	}
}
