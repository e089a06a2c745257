package tui

import (
	"testing"
)

// Keys that arrive together (a held j read in one go) act once each:
// jjjj on the trends screen scrolls four lines, as j j j j does.
func TestKeyBurstActsOncePerKey(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	trendsHistory(t, st)
	h := newHarness(t, st, nil)
	h.keys("t")
	if h.screen() != screenTrends {
		t.Fatalf("t opened %v", h.screen())
	}
	if end := h.app.trends.maxOffset(); end < 8 {
		t.Fatalf("the trends scroll only %d lines: the test needs more", end)
	}
	h.keys("jjjj")
	if got := h.app.trends.offset; got != 4 {
		t.Errorf("jjjj arriving together scrolled %d lines, want 4", got)
	}
	h.keys("j", "j")
	h.keys("kkk")
	if got := h.app.trends.offset; got != 3 {
		t.Errorf("after jjjj, j, j and kkk the offset is %d, want 3", got)
	}
}
