package store

import (
	"bytes"
)

// A branch page lost (cut off, or damaged) leaves its leaves in the file,
// unreachable. bbolt rewrites a tree's upper pages at every commit, so
// they are the likeliest to sit past a cut: orphans finds the leaves
// below them again by reading every page the walk did not reach.

// in tells whether key lies in the range.
func (r keyRange) in(key []byte) bool {
	return (r.lo == nil || bytes.Compare(key, r.lo) >= 0) && (r.hi == nil || bytes.Compare(key, r.hi) < 0)
}

// orphans returns the elements of the leaf pages no walk reached whose
// key lies in one of lost and that keep takes (a record of the bucket's
// kind), one per key: a page freed since may hold an older copy, and
// prefer says which of two copies to keep.
func (p *pageReader) orphans(lost []keyRange, keep func(key, val []byte) bool, prefer func(old, new []byte) bool) []salvageElem {
	if len(lost) == 0 {
		return nil
	}
	byKey := map[string]int{}
	var out []salvageElem
	for id := uint64(2); int64((id+1)*p.pageSize) <= p.size; id++ {
		if p.seen[id] {
			continue
		}
		_, elems, ok := p.leafAt(id)
		if !ok {
			continue
		}
		for _, e := range elems {
			if e.bucket || !anyIn(lost, e.key) || !keep(e.key, e.val) {
				continue
			}
			if i, dup := byKey[string(e.key)]; dup {
				if prefer(out[i].val, e.val) {
					out[i] = e
				}
				continue
			}
			byKey[string(e.key)] = len(out)
			out = append(out, e)
		}
	}
	return out
}

// leafAt reads the page at id if it is a leaf, without marking it seen.
func (p *pageReader) leafAt(id uint64) (bool, []salvageElem, bool) {
	buf, ok := p.readRun(id, func(head []byte) bool { return ne.Uint16(head[8:]) == leafPageFlag })
	if !ok {
		return false, nil, false
	}
	return parsePage(buf)
}

func anyIn(ranges []keyRange, key []byte) bool {
	for _, r := range ranges {
		if r.in(key) {
			return true
		}
	}
	return false
}

// The records of each bucket, told apart by a field only they have and
// by their key, which must be the one their content gives.
func isSessionRecord(key, val []byte) bool {
	s, err := decodeSession(val)
	return err == nil && bytes.Contains(val, []byte(`"started_at":`)) && s.ID == string(key) && validateSession(s) == nil
}

func isSetRecord(key, val []byte) bool {
	r, err := decodeSet(val)
	return err == nil && bytes.Contains(val, []byte(`"reps_done":`)) && bytes.Equal(key, setKey(r.SessionID, r.Index)) && validateSet(r) == nil
}

func isDecisionRecord(key, val []byte) bool {
	d, err := decodeDecision(val)
	return err == nil && bytes.Contains(val, []byte(`"level_before":`)) && bytes.Equal(key, decisionKey(d.SessionID, d.Seq)) && validateDecision(d) == nil
}

// laterSession prefers a copy of a session that has ended over one in
// progress: a session only ever moves on from in progress.
func laterSession(old, new []byte) bool {
	o, err1 := decodeSession(old)
	n, err2 := decodeSession(new)
	return err1 == nil && err2 == nil && o.Status == StatusInProgress && n.Status != StatusInProgress
}

func firstCopy(_, _ []byte) bool { return false }
