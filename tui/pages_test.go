package tui

import (
	"fmt"
	"testing"
)

// Every screen of the enum has a page in the table, with a name.
func TestEveryScreenHasAPage(t *testing.T) {
	a := New(Config{Clock: &manualClock{now: t0}})
	for s := screen(0); s < screenCount; s++ {
		e := pageTable[s]
		if e.slot == nil || e.name == "" {
			t.Errorf("screen %d has no page in pageTable", int(s))
			continue
		}
		if _, ok := e.slot.page(&a.screens).(page); !ok {
			t.Errorf("%s: the slot holds no page", s)
		}
	}
	if got := screenCount.String(); got != fmt.Sprintf("screen(%d)", int(screenCount)) {
		t.Errorf("past the table: %q", got)
	}
}
