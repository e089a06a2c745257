package store

import (
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// appendFillUse imports a year of history and then records five days of
// use as the coach does (a check-in, sets one by one, the session's end)
// with the append buckets filled to fill: it returns their leaf pages at
// the end and the pages the five days wrote.
func appendFillUse(t *testing.T, fill float64) (leaves int, written int64) {
	t.Helper()
	defer func(was float64) { appendFill = was }(appendFill)
	appendFill = fill
	s := newStore(t)
	first := time.Date(2025, 1, 6, 0, 0, 0, 0, zoneEast)
	var old []SessionHistory
	for d := 0; d < 365; d++ {
		for i := 0; i < 4; i++ {
			sess := testSession(first.AddDate(0, 0, d).Add(time.Duration(8+3*i)*time.Hour), StatusCompleted)
			h := SessionHistory{Session: sess}
			for n := 0; n < 8; n++ {
				h.Sets = append(h.Sets, scoredSet(sess.ID, n, []string{"glide", "pull", "bridge"}[n%3], (d+n)%8))
			}
			old = append(old, h)
		}
	}
	_, err := s.Import(old)
	mustNil(t, err)
	pages := func() int64 { st := s.db.Stats(); return st.TxStats.GetWrite() }
	before := pages()
	for d := 365; d < 370; d++ {
		for i := 0; i < 4; i++ {
			sess := testSession(first.AddDate(0, 0, d).Add(time.Duration(8+3*i)*time.Hour), StatusInProgress)
			mustNil(t, s.PutSessionWithDecisions(sess, nil))
			for n := 0; n < 8; n++ {
				mustNil(t, s.RecordSet(scoredSet(sess.ID, n, []string{"glide", "pull", "bridge"}[n%3], (d+n)%8)))
			}
			sess.Status, sess.EndedAt = StatusCompleted, sess.StartedAt.Add(30*time.Minute)
			mustNil(t, s.PutSession(sess))
		}
	}
	written = pages() - before
	mustNil(t, s.Check())
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		for _, name := range appendBuckets {
			leaves += tx.Bucket(name).Stats().LeafPageN
		}
		return nil
	}))
	return leaves, written
}

// Filled to appendFill, the buckets that grow with time hold a year in
// far fewer pages than at bbolt's half (what every window's range scan
// reads), and days of use write no more pages than at half.
func TestAppendFillPacksPagesAndWritesNoMore(t *testing.T) {
	halfLeaves, halfWritten := appendFillUse(t, 0.5)
	leaves, written := appendFillUse(t, appendFill)
	t.Logf("leaf pages %d at half, %d at %.1f; pages written by five days %d and %d", halfLeaves, leaves, appendFill, halfWritten, written)
	if leaves > halfLeaves*2/3 {
		t.Errorf("%d leaf pages filled to %.1f, %d at half: want at most two thirds", leaves, appendFill, halfLeaves)
	}
	if written > halfWritten {
		t.Errorf("five days of use wrote %d pages filled to %.1f, %d at half", written, appendFill, halfWritten)
	}
}
