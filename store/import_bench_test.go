package store_test

import (
	"bytes"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/spinecoach/spinecoach/store"
)

// BenchmarkImportJSON imports the JSON export of a year of made-up
// history (fakehistory, 21,900 sets) into a new data file, and again into
// the file that then holds it all (every record known, nothing written):
// the import row of issue 24, a tenth of its size, for a profile.
//
//	go test ./store -run '^$' -bench '^BenchmarkImportJSON$' -cpuprofile /tmp/import.prof
func BenchmarkImportJSON(b *testing.B) {
	src := filepath.Join(b.TempDir(), "src.db")
	buildHistory(b, src, 365)
	st, err := store.Open(src, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	var doc bytes.Buffer
	err = st.ExportJSON(&doc)
	_ = st.Close()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	n := 0
	b.Run("new", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		for b.Loop() {
			n++
			dst, err := store.Open(filepath.Join(dir, strconv.Itoa(n)+".db"), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			res, err := dst.ImportJSON(bytes.NewReader(doc.Bytes()))
			_ = dst.Close()
			if err != nil || res.Sets != 365*60 {
				b.Fatalf("%+v, %v", res, err)
			}
		}
	})
	b.Run("known", func(b *testing.B) {
		dst, err := store.Open(filepath.Join(dir, "known.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer dst.Close()
		if _, err := dst.ImportJSON(bytes.NewReader(doc.Bytes())); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(doc.Len()))
		for b.Loop() {
			if res, err := dst.ImportJSON(bytes.NewReader(doc.Bytes())); err != nil || res.Sets+res.Sessions+res.Decisions != 0 {
				b.Fatalf("%+v, %v", res, err)
			}
		}
	})
}
