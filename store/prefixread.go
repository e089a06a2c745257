package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// prefixReader reads the records under one key prefix after another with
// a single cursor. Sets and decisions are keyed by session ID first, so
// the records of sessions read in time order lie one after the other: a
// prefix that starts where the last one ended costs no seek, and a seek
// down a ten-year tree was most of what reading a week's sessions cost.
type prefixReader struct {
	c    *bolt.Cursor // nil: the bucket does not exist
	k, v []byte       // where the cursor is
	last []byte       // the prefix read last; nil before the first
}

func newPrefixReader(b *bolt.Bucket) *prefixReader {
	if b == nil {
		return &prefixReader{}
	}
	return &prefixReader{c: b.Cursor()}
}

// each calls fn with every record whose key begins with prefix, in key
// order. Prefixes may come in any order, and none may be a prefix of
// another (session IDs have a fixed width); ascending ones are cheapest.
func (r *prefixReader) each(prefix []byte, fn func(k, v []byte) error) error {
	if r.c == nil {
		return nil
	}
	// The cursor stands on the first key after the last prefix's records
	// (or the bucket's end, k nil). A later prefix's records can only start
	// there or further on: only a prefix behind the cursor needs a seek.
	if r.last == nil || bytes.Compare(prefix, r.last) <= 0 || r.k != nil && bytes.Compare(r.k, prefix) < 0 {
		r.k, r.v = r.c.Seek(prefix)
	}
	r.last = append(r.last[:0], prefix...)
	for ; r.k != nil && bytes.HasPrefix(r.k, prefix); r.k, r.v = r.c.Next() {
		if err := fn(r.k, r.v); err != nil {
			return err
		}
	}
	return nil
}

// get returns the value of key, read as each reads a prefix: the records
// of a key that comes after the last one read cost no seek. key must be
// as long as every key of the bucket (a session ID, fixed in width).
func (r *prefixReader) get(key []byte) []byte {
	if r.c == nil {
		return nil
	}
	if r.last == nil || bytes.Compare(key, r.last) <= 0 || r.k != nil && bytes.Compare(r.k, key) < 0 {
		r.k, r.v = r.c.Seek(key)
	}
	r.last = append(r.last[:0], key...)
	if r.k == nil || !bytes.Equal(r.k, key) {
		return nil
	}
	v := r.v
	r.k, r.v = r.c.Next()
	return v
}
