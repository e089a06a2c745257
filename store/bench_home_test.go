package store_test

import (
	"path/filepath"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// BenchmarkHome times the home screen's read alone (Store.Home) on ten
// years of history, in an open store: what a start reads before its
// first frame. With -benchmem it shows the allocations, which a new
// process pays for twice (each fresh page is a page fault).
func BenchmarkHome(b *testing.B) {
	path := filepath.Join(b.TempDir(), "10years.db")
	buildHistory(b, path, 3650)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rules := routine.DefaultPainRules()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := benchHome(st, rules, benchNow); err != nil {
			b.Fatal(err)
		}
	}
}
