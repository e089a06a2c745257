package tui

import (
	"fmt"
	"testing"
)

// Every screen of the enum has a page in the table, under a name of its
// own.
func TestEveryScreenHasAPage(t *testing.T) {
	names := map[string]screen{}
	for s := screen(0); s < screenCount; s++ {
		e := pageTable[s]
		if e.slot == nil || e.name == "" {
			t.Errorf("screen %d has no page in pageTable", int(s))
			continue
		}
		if other, ok := names[e.name]; ok {
			t.Errorf("screens %d and %d are both named %q", int(other), int(s), e.name)
		}
		names[e.name] = s
	}
	if got := screenCount.String(); got != fmt.Sprintf("screen(%d)", int(screenCount)) {
		t.Errorf("past the table: %q", got)
	}
}
