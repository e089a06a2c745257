package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzSalvage: bytes of a sound file changed at random, or cut, and then
// Salvage: it must end, never panic, and take only sessions that pass
// the import's checks.
func FuzzSalvage(f *testing.F) {
	path := filepath.Join(f.TempDir(), "seed.db")
	s, err := Open(path, Options{})
	if err != nil {
		f.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		sess := testSession(time.Date(2025, 1, 1+i, 8, 0, 0, 0, time.UTC), StatusCompleted)
		if err := s.PutSession(sess); err != nil {
			f.Fatal(err)
		}
		if err := s.RecordSet(testSet(sess.ID, 0, i%10)); err != nil {
			f.Fatal(err)
		}
	}
	s.Close()
	seed, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint32(5000), byte(1), uint32(0))
	f.Add(uint32(8192+10), byte(0x80), uint32(0))
	f.Add(uint32(0), byte(0), uint32(len(seed)/2))
	f.Fuzz(func(t *testing.T, at uint32, flip byte, cut uint32) {
		b := append([]byte(nil), seed...)
		b[int(at)%len(b)] ^= flip
		if cut > 0 {
			b = b[:int(cut)%len(b)]
		}
		p := filepath.Join(t.TempDir(), "fuzzed.db")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := Salvage(p)
		if err != nil {
			return // one sentence: nothing readable
		}
		for _, h := range got.Sessions {
			if _, err := encodeHistory(h); err != nil {
				t.Fatalf("a salvaged session fails the import's checks: %v", err)
			}
		}
	})
}
