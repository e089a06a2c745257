package store

import (
	"bytes"
	"io"
)

// The salvage's page reader: where the page walk (pages.go) stops at the
// first damage, this one goes round it. Every page is read with pread and
// checked as the walk checks it; a page that fails is skipped, and the
// range of keys its parent gave it is noted as lost, so the salvage knows
// which records it may have held.

// maxSalvageRun bounds a page with its overflow: more than any record.
const maxSalvageRun = 16 << 20

type salvageElem struct {
	bucket bool
	key    []byte
	val    []byte
	child  uint64 // a branch element's page
}

// keyRange is the keys a lost page held: from lo (nil: from the start) up
// to hi (nil: to the end), hi not included.
type keyRange struct{ lo, hi []byte }

// covers tells whether the range may hold a key that begins with prefix.
func (r keyRange) covers(prefix []byte) bool {
	last := append(append([]byte(nil), prefix...), 0xff, 0xff, 0xff, 0xff, 0xff)
	return (r.lo == nil || bytes.Compare(r.lo, last) <= 0) && (r.hi == nil || bytes.Compare(r.hi, prefix) > 0)
}

type pageReader struct {
	r        io.ReaderAt
	size     int64
	pageSize uint64
	seen     map[uint64]bool // pages read once: a loop is damage
	free     map[uint64]bool // pages the freelist says are free: an old copy, never the tree's
	lost     int             // pages that could not be read or failed a check
}

// readFreelist notes the pages the freelist page at id lists as free. A
// freelist that cannot be read is left out: every page is then taken.
func (p *pageReader) readFreelist(id uint64) {
	head := make([]byte, pageHeaderSize+8)
	if id == noFreelistPgid || int64((id+1)*p.pageSize) > p.size {
		return
	}
	if _, err := p.r.ReadAt(head, int64(id*p.pageSize)); err != nil || ne.Uint64(head) != id || ne.Uint16(head[8:]) != freelistPageFlag {
		return
	}
	n, skip := uint64(ne.Uint16(head[10:])), uint64(0)
	if n == 0xFFFF {
		n, skip = ne.Uint64(head[pageHeaderSize:]), 1
	}
	run := (uint64(ne.Uint32(head[12:])) + 1) * p.pageSize
	if run > maxSalvageRun || int64(id*p.pageSize+run) > p.size || n > run/8 || pageHeaderSize+(skip+n)*8 > run {
		return
	}
	ids := make([]byte, n*8)
	if _, err := p.r.ReadAt(ids, int64(id*p.pageSize)+pageHeaderSize+int64(skip*8)); err != nil {
		return
	}
	p.seen[id] = true // the freelist page itself is no record's
	for i := uint64(0); i < n; i++ {
		p.free[ne.Uint64(ids[i*8:])] = true
	}
}

// page reads the run at id and parses its elements; ok is false for a
// page that cannot be read or fails a check.
func (p *pageReader) page(id uint64) (branch bool, elems []salvageElem, ok bool) {
	if id < 2 || p.seen[id] || p.free[id] || int64((id+1)*p.pageSize) > p.size {
		return false, nil, false
	}
	p.seen[id] = true
	buf, ok := p.readRun(id, func([]byte) bool { return true })
	if !ok {
		return false, nil, false
	}
	for o := uint64(1); o < uint64(len(buf))/p.pageSize; o++ {
		p.seen[id+o] = true // its overflow pages are its own
	}
	return parsePage(buf)
}

// readRun reads the page at id with its overflow pages, if its header
// names it, passes want, and the run is of a sane size within the file.
func (p *pageReader) readRun(id uint64, want func(head []byte) bool) ([]byte, bool) {
	head := make([]byte, pageHeaderSize)
	if _, err := p.r.ReadAt(head, int64(id*p.pageSize)); err != nil || ne.Uint64(head) != id || !want(head) {
		return nil, false
	}
	run := (uint64(ne.Uint32(head[12:])) + 1) * p.pageSize
	if run > maxSalvageRun || int64(id*p.pageSize+run) > p.size {
		return nil, false
	}
	buf := make([]byte, run)
	if _, err := p.r.ReadAt(buf, int64(id*p.pageSize)); err != nil {
		return nil, false
	}
	return buf, true
}

// unreached counts the pages below the high-water mark that no walk read
// and the freelist does not list: a tree that lost them without a trace
// (a page number damaged so it points to another of its own pages).
func (p *pageReader) unreached(hwm uint64) int {
	n := 0
	for id := uint64(2); id < hwm && int64((id+1)*p.pageSize) <= p.size; id++ {
		if !p.seen[id] && !p.free[id] {
			n++
		}
	}
	return n
}

// parsePage reads the elements of a branch or leaf page held whole in buf
// (an inline bucket's page too), checking it as bbolt lays it out: every
// element's key and value inside the page, the first right after the
// element table and each right after the one before, the keys in
// ascending order. So a flipped bit in a count, a position or a size is
// found, not read as fewer or other records.
func parsePage(buf []byte) (branch bool, elems []salvageElem, ok bool) {
	if len(buf) < pageHeaderSize {
		return false, nil, false
	}
	flags, count := ne.Uint16(buf[8:]), int(ne.Uint16(buf[10:]))
	if flags != branchPageFlag && flags != leafPageFlag || pageHeaderSize+count*elementSize > len(buf) {
		return false, nil, false
	}
	next := uint64(pageHeaderSize + count*elementSize) // where the next element's data must start
	for i := 0; i < count; i++ {
		at := pageHeaderSize + i*elementSize
		e := buf[at:]
		var el salvageElem
		var start, ksize, vsize uint64
		if flags == branchPageFlag {
			start, ksize = uint64(at)+uint64(ne.Uint32(e[0:])), uint64(ne.Uint32(e[4:]))
			el.child = ne.Uint64(e[8:])
		} else {
			el.bucket = ne.Uint32(e[0:])&bucketLeafFlag != 0
			start, ksize, vsize = uint64(at)+uint64(ne.Uint32(e[4:])), uint64(ne.Uint32(e[8:])), uint64(ne.Uint32(e[12:]))
		}
		if start != next || start+ksize+vsize > uint64(len(buf)) {
			return false, nil, false
		}
		next = start + ksize + vsize
		el.key, el.val = buf[start:start+ksize], buf[start+ksize:start+ksize+vsize]
		if i > 0 && bytes.Compare(elems[i-1].key, el.key) >= 0 {
			return false, nil, false
		}
		elems = append(elems, el)
	}
	return flags == branchPageFlag, elems, true
}

// tree reads every leaf element of the tree at root that it can, and the
// key ranges of the pages it could not. A page must hold only keys in the
// range its parent gives it (a flipped page number then points nowhere
// useful); a lost page's range is taken as its parent's whole range, so
// a separator key damaged in the parent cannot make it look smaller.
func (p *pageReader) tree(root uint64) (leaves []salvageElem, lost []keyRange) {
	type item struct {
		id     uint64
		lo, hi []byte   // the keys the parent gives it
		parent keyRange // the parent's own range: what is lost with it
	}
	stack := []item{{id: root}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		branch, elems, ok := p.page(it.id)
		if ok && len(elems) > 0 {
			ok = keyRange{it.lo, it.hi}.in(elems[0].key) && keyRange{it.lo, it.hi}.in(elems[len(elems)-1].key)
		}
		if !ok {
			p.lost++
			lost = append(lost, it.parent)
			continue
		}
		if !branch {
			leaves = append(leaves, elems...)
			continue
		}
		for i := len(elems) - 1; i >= 0; i-- { // pushed backwards: read in key order
			lo, hi := elems[i].key, it.hi
			if i == 0 {
				lo = it.lo
			}
			if i+1 < len(elems) {
				hi = elems[i+1].key
			}
			stack = append(stack, item{elems[i].child, lo, hi, keyRange{it.lo, it.hi}})
		}
	}
	return leaves, lost
}

// bucket reads the bucket whose header (and inline page) is v.
func (p *pageReader) bucket(v []byte) ([]salvageElem, []keyRange) {
	if len(v) < bucketHeaderSize {
		p.lost++
		return nil, []keyRange{{}}
	}
	if root := ne.Uint64(v); root != 0 {
		return p.tree(root)
	}
	if _, elems, ok := parsePage(v[bucketHeaderSize:]); ok {
		return elems, nil
	}
	p.lost++
	return nil, []keyRange{{}}
}
