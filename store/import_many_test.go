package store

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// A session whose part of the export (under 4 MiB) lists a million empty
// sets is refused with their number, as one of 2,001 is, without holding
// them: the scan keeps no more than a session may have and counts the
// rest. Held, they took a gigabyte.
func TestImportOfAMillionSetsIsRefusedWithoutHoldingThem(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	doc := string(exportOf(t, src))
	if !strings.Contains(doc, `"sets": [`) {
		t.Fatal("no sets list in the export")
	}
	many := strings.Replace(doc, `"sets": [`, `"sets": [`+strings.Repeat("{},", 1_000_000), 1)
	dst := newStore(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := dst.ImportJSON(strings.NewReader(many))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "sets and") || !strings.Contains(err.Error(), "at most 2000") {
		t.Fatalf("got %v, want the refusal of a session of too many sets", err)
	}
	if !strings.Contains(err.Error(), ": 10000") {
		t.Errorf("the refusal does not count the million and more sets: %v", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 200<<20 {
		t.Errorf("the import allocated %d MiB for it", got>>20)
	}
}
