package store_test

import (
	"path/filepath"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// BenchmarkHomeReads times, on ten years of history in an open store,
// each read a start makes before its first frame, alone: the home
// screen's (Store.Home), due's (Store.Today) and the 90-day trends'
// (TrendInput and BuildTrends). With -benchmem it shows the allocations,
// which a new process pays for twice (each fresh page is a page fault).
func BenchmarkHomeReads(b *testing.B) {
	path := filepath.Join(b.TempDir(), "10years.db")
	buildHistory(b, path, 3650)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rules := routine.DefaultPainRules()
	for _, read := range []struct {
		name string
		read func() error
	}{
		{"home", func() error { return benchHome(st, rules, benchNow) }},
		{"due", func() error { _, _, err := st.Today(rules, benchNow); return err }},
		{"trends", func() error { return benchTrends(st, rules, benchNow, benchWindow) }},
	} {
		b.Run(read.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := read.read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
