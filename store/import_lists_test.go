package store

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// longestList counts the items of the lists directly in an object, not
// those of lists deeper down, nor brackets and commas in its strings;
// it stops at the object's end, and counts what came of one cut short.
func TestLongestList(t *testing.T) {
	for _, c := range []struct {
		json string
		want int
	}{
		{`{}`, 0},
		{`{"sets": []}`, 0},
		{`{"sets": [ ]}`, 0},
		{`{"sets": [{}]}`, 1},
		{`{"sets": [ {} , {} ], "events": [{}, {}, {}]}`, 3},
		{`{"note": "a,[b]\"c,{", "sets": [{"x": "[,],"}]}`, 1},
		{`{"sets": [{"a": [1, 2, 3, 4, 5]}], "b": {"c": [1, 2, 3, 4]}}`, 1},
		{`{"sets": [{}, {}, {}`, 3},
		{`{"sets": [{}]} {"sets": [{}, {}, {}]}`, 1},
		{`{"sets": ["\\", "]", "\"],"]}`, 3},
	} {
		if got := longestList([]byte(c.json)); got != c.want {
			t.Errorf("longestList(%s) = %d, want %d", c.json, got, c.want)
		}
	}
}

// A session of a million empty sets that the import's scan leaves to
// encoding/json (a key in other letter cases, a key it does not know) is
// refused by the count of its list, before encoding/json makes a million
// sets, a gigabyte.
func TestImportLeftToEncodingJSONRefusesAMillionSetsUnmade(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	doc := string(exportOf(t, src))
	for _, c := range []struct{ name, key, extra string }{
		{"a key in capitals", `"Sets": [`, ""},
		{"an unknown key", `"sets": [`, `"unknown": 1, `},
	} {
		t.Run(c.name, func(t *testing.T) {
			many := strings.Replace(doc, `"sets": [`, c.extra+c.key+strings.Repeat("{},", 1_000_000), 1)
			dst := newStore(t)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := dst.ImportJSON(strings.NewReader(many))
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "sets or events; at most 2000") {
				t.Fatalf("got %v, want the refusal of a session's list of a million items", err)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 200<<20 {
				t.Errorf("the import allocated %d MiB for it", got>>20)
			}
		})
	}
}
