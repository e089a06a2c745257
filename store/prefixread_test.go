package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// prefixReader gives each prefix exactly the records a seek of its own
// gives, whatever order the prefixes come in: ascending (as a window's
// sessions are read), repeated, backwards, absent, past the last key.
func TestPrefixReaderMatchesASeekPerPrefix(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "p.db"), 0o600, nil)
	mustNil(t, err)
	defer db.Close()
	rng := rand.New(rand.NewPCG(11, 4))
	var prefixes [][]byte
	mustNil(t, db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		for i := 0; i < 60; i++ {
			p := []byte(fmt.Sprintf("%08d", i*10))
			prefixes = append(prefixes, p)
			for j := 0; j < rng.IntN(4); j++ { // some have none
				if err := b.Put(append(slices.Clip(p), byte(j)), []byte{byte(i), byte(j)}); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	prefixes = append(prefixes, []byte("00000005"), []byte("99999999")) // between keys; past the end
	read := func(r *prefixReader, p []byte) [][]byte {
		var got [][]byte
		mustNil(t, r.each(p, func(k, v []byte) error {
			got = append(got, bytes.Clone(v))
			return nil
		}))
		return got
	}
	mustNil(t, db.View(func(tx *bolt.Tx) error {
		want := map[string][][]byte{}
		for _, p := range prefixes {
			want[string(p)] = read(newPrefixReader(tx.Bucket([]byte("b"))), p)
		}
		sorted := slices.SortedFunc(slices.Values(prefixes), bytes.Compare)
		shuffled := slices.Clone(prefixes)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		reversed := slices.Clone(sorted)
		slices.Reverse(reversed)
		for name, order := range map[string][][]byte{"ascending": sorted, "shuffled": shuffled, "backwards": reversed,
			"each twice": append(slices.Clone(sorted), sorted...)} {
			r := newPrefixReader(tx.Bucket([]byte("b")))
			for _, p := range order {
				if got := read(r, p); !slices.EqualFunc(got, want[string(p)], bytes.Equal) {
					t.Errorf("%s: prefix %s gave %v, a seek gives %v", name, p, got, want[string(p)])
				}
			}
		}
		if got := read(newPrefixReader(tx.Bucket([]byte("none"))), prefixes[0]); got != nil {
			t.Errorf("no bucket gave %v", got)
		}
		return nil
	}))
}
