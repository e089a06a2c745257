package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"sync/atomic"
)

// The page walk: a check of the file's structure that reads it with
// pread, never through the memory map, so a damaged length can make it
// neither allocate nor touch more than a page's worth of bytes.
//
// bbolt trusts the lengths it finds on a page: a key or value whose stored
// size has one bit flipped becomes a slice of hundreds of megabytes, which
// bbolt's own Tx.Check then prints, and which a decoder would read (or
// fault on). verifyPages follows every branch, leaf, bucket and inline
// page from the newest valid meta page and checks, before anything else
// reads the file, that every page is where its parent says, of a known
// type, inside the file, and that every element's key and value lie inside
// its page; then that each page is used once, and that every page is
// either in use or free. It reads each page's header and element table
// only, so a walk of a ten-year file (180 MB) reads a few megabytes.
//
// The layout (bbolt's internal/common, which cannot be imported): a page
// starts with a 16-byte header (id u64, flags u16, count u16, overflow
// u32); a branch page has count elements of (pos u32, ksize u32, pgid
// u64), a leaf page count elements of (flags u32, pos u32, ksize u32, vsize
// u32), pos counted from the element itself; a meta page's body is magic,
// version, page size, flags (u32 each), the root bucket (root pgid u64,
// sequence u64), the freelist pgid, the high-water pgid, the txid (u64
// each) and an FNV-64a checksum of all that; a freelist page holds count
// pgids, or, when count is 0xFFFF, the real count as its first u64. All in
// the machine's byte order, as bbolt writes them.

const (
	pageHeaderSize   = 16
	elementSize      = 16 // a branch and a leaf element are both 16 bytes
	bucketHeaderSize = 16 // root pgid, sequence

	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01

	metaBodySize   = 56 // magic through txid: what the checksum covers
	boltVersion    = 2
	noFreelistPgid = ^uint64(0)

	// maxBucketDepth bounds nested buckets (spinecoach has one level).
	maxBucketDepth = 8
)

var ne = binary.NativeEndian

// errPages marks damage the page walk found; the store's error wraps it
// and ErrCorrupt.
var errPages = errors.New("damaged page")

// damagef is one finding of the walk, in words.
func damagef(format string, args ...any) error { return fmt.Errorf(format, args...) }

// pageWalk is one walk of one file.
type pageWalk struct {
	r        io.ReaderAt
	size     int64 // the file's size
	pageSize uint64
	hwm      uint64   // the high-water mark: pages [0, hwm) exist
	used     []uint64 // a bit per page: reached from the root (or the freelist page)
	free     []uint64 // a bit per page: listed as free
	page     []byte   // the first page of the run last read
	buf      []byte
	stop     *atomic.Bool
}

// metaInfo is what verifyPages needs of a meta page.
type metaInfo struct {
	pageSize       uint64
	root, freelist uint64
	hwm, txid      uint64
}

// readMeta reads and validates the meta page in page slot n (0 or 1) for
// a page size. ok is false for a meta that bbolt would not use.
func readMeta(r io.ReaderAt, n int, pageSize uint64) (m metaInfo, ok bool) {
	var b [pageHeaderSize + metaBodySize + 8]byte
	if _, err := r.ReadAt(b[:], int64(uint64(n)*pageSize)); err != nil {
		return m, false
	}
	body := b[pageHeaderSize:]
	h := fnv.New64a()
	_, _ = h.Write(body[:metaBodySize])
	if ne.Uint16(b[8:]) != metaPageFlag || ne.Uint32(body[0:]) != boltMagic ||
		ne.Uint32(body[4:]) != boltVersion || ne.Uint64(body[metaBodySize:]) != h.Sum64() {
		return m, false
	}
	return metaInfo{
		pageSize: uint64(ne.Uint32(body[8:])),
		root:     ne.Uint64(body[16:]),
		freelist: ne.Uint64(body[32:]),
		hwm:      ne.Uint64(body[40:]),
		txid:     ne.Uint64(body[48:]),
	}, true
}

// errWalkStopped ends a walk that is no longer wanted (the store closes).
var errWalkStopped = errors.New("the page walk was stopped")

// verifyPages walks the file behind r (size bytes, pages of pageSize as
// bbolt found them) from the meta page bbolt uses: the valid one with the
// higher transaction id. It returns nil or one sentence, without the
// file's name, saying what is wrong where. It ends early, with
// errWalkStopped, once stop is set.
func verifyPages(r io.ReaderAt, size int64, pageSize int, stop *atomic.Bool) error {
	ps := uint64(pageSize)
	if ps < 1024 || ps > 1<<20 || ps&(ps-1) != 0 {
		return damagef("page size %d is not one bbolt writes", pageSize)
	}
	m0, ok0 := readMeta(r, 0, ps)
	m1, ok1 := readMeta(r, 1, ps)
	m := m0
	switch {
	case ok0 && ok1 && m1.txid > m0.txid, !ok0 && ok1:
		m = m1
	case !ok0 && !ok1:
		return damagef("neither meta page is valid")
	}
	if m.pageSize != ps {
		return damagef("the meta page says pages of %d bytes, not %d", m.pageSize, ps)
	}
	pages := uint64(size) / ps
	switch {
	case m.hwm < 3:
		return damagef("the meta page says the file has %d pages", m.hwm)
	case m.hwm > pages:
		return damagef("the meta page says the file has %d pages, but it holds %d: it is cut short", m.hwm, pages)
	}
	w := &pageWalk{
		stop: stop,
		r:    &blockReader{r: r, size: size, block: make([]byte, 0, walkBlock)}, size: size, pageSize: ps, hwm: m.hwm,
		used: make([]uint64, (m.hwm+63)/64),
		free: make([]uint64, (m.hwm+63)/64),
		page: make([]byte, ps),
		buf:  make([]byte, ps),
	}
	w.mark(w.used, 0, 0) // the two meta pages
	w.mark(w.used, 1, 0)
	if m.freelist != noFreelistPgid {
		if err := w.freelist(m.freelist); err != nil {
			return err
		}
	}
	if err := w.tree(m.root, 0); err != nil {
		return err
	}
	if m.freelist == noFreelistPgid {
		return nil // free pages are not recorded: nothing to compare with
	}
	for id := uint64(2); id < m.hwm; id++ {
		u, f := w.isSet(w.used, id), w.isSet(w.free, id)
		switch {
		case u && f:
			return damagef("page %d is both in use and listed as free", id)
		case !u && !f:
			return damagef("page %d is neither in use nor listed as free", id)
		}
	}
	return nil
}

func (w *pageWalk) isSet(bits []uint64, id uint64) bool { return bits[id/64]&(1<<(id%64)) != 0 }

// mark sets the bits of pages id..id+overflow, and reports whether one
// was already set.
func (w *pageWalk) mark(bits []uint64, id, overflow uint64) (again bool) {
	for p := id; p <= id+overflow; p++ {
		if w.isSet(bits, p) {
			again = true
		}
		bits[p/64] |= 1 << (p % 64)
	}
	return again
}

// header reads the first page of the run at id (one read: the header and,
// on most pages, the whole element table) and checks that the run lies
// inside the file.
func (w *pageWalk) header(id uint64, from string) (flags, count uint16, overflow uint64, err error) {
	if w.stop != nil && w.stop.Load() {
		return 0, 0, 0, errWalkStopped
	}
	if id < 2 || id >= w.hwm {
		return 0, 0, 0, damagef("%s points to page %d, outside pages 2 to %d", from, id, w.hwm-1)
	}
	if _, err := w.r.ReadAt(w.page, int64(id*w.pageSize)); err != nil {
		return 0, 0, 0, damagef("page %d cannot be read: %v", id, err)
	}
	h := w.page
	if got := ne.Uint64(h[0:]); got != id {
		return 0, 0, 0, damagef("page %d says it is page %d", id, got)
	}
	flags, count, overflow = ne.Uint16(h[8:]), ne.Uint16(h[10:]), uint64(ne.Uint32(h[12:]))
	if id+overflow >= w.hwm {
		return 0, 0, 0, damagef("page %d runs on for %d pages, past the end of the file", id, overflow)
	}
	return flags, count, overflow, nil
}

// freelist checks the freelist page and marks the pages it lists.
func (w *pageWalk) freelist(id uint64) error {
	flags, count, overflow, err := w.header(id, "the meta page's freelist")
	if err != nil {
		return err
	}
	if flags != freelistPageFlag {
		return damagef("the freelist page %d is of type %#x", id, flags)
	}
	w.mark(w.used, id, overflow)
	run := (overflow + 1) * w.pageSize
	base := int64(id*w.pageSize) + pageHeaderSize
	n, skip := uint64(count), uint64(0)
	if count == 0xFFFF {
		var c [8]byte
		if _, err := w.r.ReadAt(c[:], base); err != nil {
			return damagef("freelist page %d cannot be read: %v", id, err)
		}
		n, skip = ne.Uint64(c[:]), 1
	}
	if n > w.hwm || pageHeaderSize+(skip+n)*8 > run {
		return damagef("the freelist page %d claims %d entries, more than it can hold", id, n)
	}
	// Read the ids a page at a time: memory stays one page whatever n is.
	per := w.pageSize / 8
	for done := uint64(0); done < n; {
		k := min(per, n-done)
		b := w.buf[:k*8]
		if _, err := w.r.ReadAt(b, base+int64((skip+done)*8)); err != nil {
			return damagef("freelist page %d cannot be read: %v", id, err)
		}
		for i := uint64(0); i < k; i++ {
			f := ne.Uint64(b[i*8:])
			if f < 2 || f >= w.hwm {
				return damagef("the freelist lists page %d, outside pages 2 to %d", f, w.hwm-1)
			}
			if w.mark(w.free, f, 0) {
				return damagef("the freelist lists page %d twice", f)
			}
		}
		done += k
	}
	return nil
}

// tree checks the pages of one bucket from its root page, depth-first.
func (w *pageWalk) tree(root uint64, depth int) error {
	type item struct{ id, parent uint64 } // parent 0: the bucket's root
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		from := "a bucket"
		if it.parent != 0 {
			from = fmt.Sprintf("branch page %d", it.parent)
		}
		flags, count, overflow, err := w.header(it.id, from)
		if err != nil {
			return err
		}
		if w.mark(w.used, it.id, overflow) {
			return damagef("page %d is used twice", it.id)
		}
		run := (overflow + 1) * w.pageSize
		elems, err := w.elements(it.id, count, run)
		if err != nil {
			return err
		}
		switch flags {
		case branchPageFlag:
			if count == 0 {
				return damagef("branch page %d is empty", it.id)
			}
			for i := uint64(0); i < uint64(count); i++ {
				e := elems[i*elementSize:]
				pos, ksize, child := uint64(ne.Uint32(e[0:])), uint64(ne.Uint32(e[4:])), ne.Uint64(e[8:])
				if end := pageHeaderSize + i*elementSize + pos + ksize; end > run {
					return damagef("page %d, element %d: its key of %d bytes runs past the page", it.id, i, ksize)
				}
				stack = append(stack, item{child, it.id})
			}
		case leafPageFlag:
			if err := w.leaf(it.id, elems, uint64(count), run, int64(it.id*w.pageSize), depth); err != nil {
				return err
			}
		default:
			return damagef("page %d, reached from %s, is of type %#x, not a branch or a leaf", it.id, from, flags)
		}
	}
	return nil
}

// elements returns the element table of the page header last read, a run
// of run bytes. It is only valid until the next read.
func (w *pageWalk) elements(id uint64, count uint16, run uint64) ([]byte, error) {
	n := uint64(count) * elementSize
	if pageHeaderSize+n > run {
		return nil, damagef("page %d claims %d elements, more than it can hold", id, count)
	}
	if pageHeaderSize+n <= uint64(len(w.page)) {
		return w.page[pageHeaderSize : pageHeaderSize+n], nil
	}
	if n > uint64(cap(w.buf)) {
		w.buf = make([]byte, n) // at most 64 Ki elements: 1 MiB
	}
	b := w.buf[:n]
	if _, err := w.r.ReadAt(b, int64(id*w.pageSize)+pageHeaderSize); err != nil {
		return nil, damagef("page %d cannot be read: %v", id, err)
	}
	return b, nil
}

// leaf checks the elements of a leaf page (or of an inline page: then
// base is the inline page's offset in the file and run its length) and
// walks the buckets it holds. elems is only valid until the next read.
func (w *pageWalk) leaf(id uint64, elems []byte, count, run uint64, base int64, depth int) error {
	type sub struct {
		at  int64  // where its value starts in the file
		len uint64 // the value's length
		i   uint64
	}
	var buckets []sub
	for i := uint64(0); i < count; i++ {
		e := elems[i*elementSize:]
		flags, pos := ne.Uint32(e[0:]), uint64(ne.Uint32(e[4:]))
		ksize, vsize := uint64(ne.Uint32(e[8:])), uint64(ne.Uint32(e[12:]))
		start := pageHeaderSize + i*elementSize + pos
		if start+ksize+vsize > run {
			return damagef("page %d, element %d: a key of %d bytes and a value of %d run past the page's %d bytes",
				id, i, ksize, vsize, run)
		}
		if flags&bucketLeafFlag != 0 {
			buckets = append(buckets, sub{at: base + int64(start+ksize), len: vsize, i: i})
		}
	}
	for _, b := range buckets {
		if depth >= maxBucketDepth {
			return damagef("page %d: buckets nested more than %d deep", id, maxBucketDepth)
		}
		if b.len < bucketHeaderSize {
			return damagef("page %d, element %d: a bucket of %d bytes", id, b.i, b.len)
		}
		var h [bucketHeaderSize]byte
		if _, err := w.r.ReadAt(h[:], b.at); err != nil {
			return damagef("page %d cannot be read: %v", id, err)
		}
		if root := ne.Uint64(h[:]); root != 0 {
			if err := w.tree(root, depth+1); err != nil {
				return err
			}
			continue
		}
		// An inline bucket: its one leaf page follows the header.
		inline := b.len - bucketHeaderSize
		if inline < pageHeaderSize {
			return damagef("page %d, element %d: an inline bucket of %d bytes", id, b.i, inline)
		}
		var ph [pageHeaderSize]byte
		if _, err := w.r.ReadAt(ph[:], b.at+bucketHeaderSize); err != nil {
			return damagef("page %d cannot be read: %v", id, err)
		}
		if f := ne.Uint16(ph[8:]); f != leafPageFlag {
			return damagef("page %d, element %d: an inline bucket of type %#x", id, b.i, f)
		}
		n := uint64(ne.Uint16(ph[10:]))
		if pageHeaderSize+n*elementSize > inline {
			return damagef("page %d, element %d: an inline bucket claims %d elements, more than it can hold", id, b.i, n)
		}
		sub := make([]byte, n*elementSize)
		if _, err := w.r.ReadAt(sub, b.at+bucketHeaderSize+pageHeaderSize); err != nil {
			return damagef("page %d cannot be read: %v", id, err)
		}
		if err := w.leaf(id, sub, n, inline, b.at+bucketHeaderSize, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// walkBlock is how much the walk reads at a time: pages a tree holds side
// by side (as appends leave them) then cost one read between them, not one
// each.
const walkBlock = 64 << 10

// blockReader serves reads from the last block it read.
type blockReader struct {
	r     io.ReaderAt
	size  int64
	block []byte
	at    int64 // where block starts in the file
}

func (b *blockReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= b.at && off+int64(len(p)) <= b.at+int64(len(b.block)) {
		return copy(p, b.block[off-b.at:]), nil
	}
	if len(p) > cap(b.block)/2 {
		return b.r.ReadAt(p, off) // large: directly
	}
	start := off - off%int64(cap(b.block))
	if off+int64(len(p)) > start+int64(cap(b.block)) {
		start = off // across a block's end: a block from here
	}
	n := int64(cap(b.block))
	if start+n > b.size {
		n = b.size - start
	}
	if n < int64(len(p)) {
		return b.r.ReadAt(p, off) // at the end of the file: let the reader say so
	}
	b.block = b.block[:n]
	if _, err := b.r.ReadAt(b.block, start); err != nil {
		b.block = b.block[:0]
		return 0, err
	}
	b.at = start
	return copy(p, b.block[off-start:]), nil
}
