package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// The import reads an export in one pass: docReader reads the document
// into a buffer, checking as it comes that it is UTF-8, and docScan
// (import_scan.go) reads each session from the buffer. The header and
// the end of the document (the reviews, the closing brace, nothing after
// it), and anything docScan leaves, go to encoding/json as before
// (exportReader, import.go), which goes on reading from where docScan
// stopped: the same checks, the same sentences, the same byte offsets,
// but for one: the white space between two sessions counts against the
// 4 MiB of the one after it here, of the one before it there, so a
// document with megabytes of it between two sessions may be taken here
// that encoding/json refused (memory stays bounded either way).

// importReadSize is how much of the document one read asks for.
const importReadSize = 256 << 10

// docReader holds the part of the document being read: buf[:n] is
// checked UTF-8; buf[n:raw] was read but not yet checked (a character a
// read cut, or what follows a byte that is not UTF-8).
type docReader struct {
	src         io.Reader
	buf         []byte
	pos, n, raw int
	off         int64 // the document's offset of buf[0]
	err         error // the read's end (io.EOF) or failure, or a *notUTF8
}

// more reads more of the document, keeping buf[pos:]; it reports whether
// there is more to read.
func (d *docReader) more() bool {
	if d.err != nil {
		return false
	}
	if d.pos > 0 {
		copy(d.buf, d.buf[d.pos:d.raw])
		d.off += int64(d.pos)
		d.n, d.raw, d.pos = d.n-d.pos, d.raw-d.pos, 0
	}
	if len(d.buf)-d.raw < importReadSize {
		buf := make([]byte, max(2*len(d.buf), d.raw+importReadSize))
		copy(buf, d.buf[:d.raw])
		d.buf = buf
	}
	// A reader may give little at a time (a pipe, a terminal): read on
	// until there is a good part more, so that a session is not read
	// again from its start for every few bytes.
	for want, empty := d.raw+importReadSize/2, 0; d.raw < want && d.err == nil; {
		m, err := d.src.Read(d.buf[d.raw:])
		d.raw += m
		if empty++; m > 0 {
			empty = 0
		} else if empty == 100 && err == nil {
			err = io.ErrNoProgress // as bufio says of a reader that gives nothing
		}
		d.check(err)
	}
	return true
}

// check checks the bytes read since the last check, up to the last
// whole character (all of them at the end of the document); at a byte
// that is not UTF-8, it stops and err is that byte.
func (d *docReader) check(err error) {
	end := d.raw
	if err == nil { // a character the read cut is checked with the next read
		start := max(end-utf8.UTFMax, d.n)
		for i := end - 1; i >= start; i-- {
			if utf8.RuneStart(d.buf[i]) {
				if !utf8.FullRune(d.buf[i:end]) {
					end = i
				}
				break
			}
		}
	}
	if utf8.Valid(d.buf[d.n:end]) {
		d.n, d.err = end, err
		return
	}
	for i := d.n; i < end; {
		r, size := utf8.DecodeRune(d.buf[i:end])
		if r == utf8.RuneError && size == 1 {
			d.n, d.err = i, &notUTF8{offset: d.off + int64(i), b: d.buf[i]}
			return
		}
		i += size
	}
}

// rest is the document from buf[at] on, as encoding/json reads it: the
// bytes held, then the rest of src, or the error the read ended with.
func (d *docReader) rest(at int) io.Reader {
	var tail io.Reader = d.src
	var bad *notUTF8
	if d.err != nil && !errors.As(d.err, &bad) {
		tail = errReader{d.err}
	}
	return io.MultiReader(bytes.NewReader(d.buf[at:d.raw]), tail)
}

// errReader gives err and nothing else: io.EOF after a document that
// ended, or what a read failed with.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// quickExport reads an export: sessions with docScan while it can, and
// the rest with an exportReader.
type quickExport struct {
	d       docReader
	p       docScan
	add     func(SessionHistory) error
	format  string
	version int
	e       exportSession // the session read last
}

// readExport reads an ExportJSON document from r, calling add for each
// session in turn. It holds one session at a time.
func readExport(r io.Reader, add func(SessionHistory) error) error {
	q := &quickExport{d: docReader{src: r}, add: add}
	q.p.names = map[string]string{}
	q.p.sets, q.p.evs = make([]exportSet, 0, 16), make([]decisionJSON, 0, 4)
	if !q.header() {
		// Another header than ExportJSON's: encoding/json reads all of it.
		x := newExportReader(q.d.rest(0), 0, add)
		return x.document()
	}
	return q.sessions()
}

// header reads the start of the document as ExportJSON writes it, up to
// the sessions' opening bracket, or reports false having read nothing.
func (q *quickExport) header() bool {
	for {
		p := docScan{b: q.d.buf[:q.d.n]}
		p.eat('{')
		p.key("format")
		q.format = p.text()
		p.eat(',')
		p.key("version")
		q.version = p.int()
		p.eat(',')
		p.key("sessions")
		p.eat('[')
		switch {
		case !p.failed():
			q.d.pos = p.i
			return q.format == exportFormat && q.version >= 1 && q.version <= exportReviewsVersion
		case p.bad || q.d.n > maxImportSessionBytes || !q.d.more():
			return false
		}
	}
}

// sessions reads the sessions, each with docScan, or with encoding/json
// when docScan leaves it; at the list's end, or at a session that
// encoding/json must refuse, an exportReader goes on from there.
func (q *quickExport) sessions() error {
	after := false // a session was read: a comma comes before the next
	for {
		e, ok := q.next(after)
		if !ok {
			return q.resume(after) // next leaves pos where it found what it did not read
		}
		h, err := e.history()
		if err != nil {
			return err
		}
		if err := q.add(h); err != nil {
			return err
		}
		after = true
	}
}

// next reads the next session, after its comma, or reports false at the
// list's end or at something docScan and encoding/json did not read.
func (q *quickExport) next(after bool) (*exportSession, bool) {
	d, p := &q.d, &q.p
	for {
		p.b, p.i, p.short, p.bad = d.buf[d.pos:d.n], 0, false, false
		if after && p.peek() == ',' {
			p.i++
		} else if after && !p.short {
			return nil, false // the list's end, or not JSON
		}
		if !p.failed() && p.peek() == ']' {
			return nil, false
		}
		start := p.i
		q.e = exportSession{}
		p.session(&q.e)
		switch {
		case p.short:
			if d.n-d.pos > maxImportSessionBytes || !d.more() {
				return nil, false
			}
		case p.bad:
			return q.decode(start)
		case p.i > maxImportSessionBytes-64: // near the bound: the exportReader decides
			return nil, false
		default:
			d.pos += p.i
			return &q.e, true
		}
	}
}

// decode reads the session at buf[pos+start] with encoding/json, as the
// exportReader would, or reports false when it does not read.
func (q *quickExport) decode(start int) (*exportSession, bool) {
	d := &q.d
	for {
		if longestList(d.buf[d.pos+start:d.n]) > max(maxSetsPerSession, maxEventsPerSession) {
			return nil, false // the exportReader refuses it, before it is made
		}
		dec := json.NewDecoder(bytes.NewReader(d.buf[d.pos+start : d.n]))
		dec.DisallowUnknownFields()
		dec.UseNumber()
		q.e = exportSession{}
		err := dec.Decode(&q.e)
		if end := start + int(dec.InputOffset()); err == nil && end <= maxImportSessionBytes-64 {
			d.pos += end
			return &q.e, true
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) || d.n-d.pos > maxImportSessionBytes || !d.more() {
			return nil, false
		}
	}
}

// resume reads the rest of the document, from buf[pos] in the list of
// sessions, with an exportReader, in the state its own reading of the
// document up to there would have left it.
func (q *quickExport) resume(after bool) error {
	cut := q.d.pos
	// What the exportReader would have read to get here, in short: the
	// document's brace, the key, the list's bracket and, after a session,
	// a value in its place, which ends where the session did.
	prefix := `{"sessions":[`
	if after {
		prefix += `{}`
	}
	in := io.MultiReader(strings.NewReader(prefix), q.d.rest(cut))
	x := newExportReader(in, q.d.off+int64(cut)-int64(len(prefix)), q.add)
	x.seen["format"], x.seen["version"], x.seen["sessions"] = true, true, true
	x.format, x.version = q.format, q.version
	for range 3 {
		if _, err := x.dec.Token(); err != nil {
			return x.notExport(err)
		}
	}
	if after { // the list then waits for a comma
		if err := x.dec.Decode(&struct{}{}); err != nil {
			return x.notExport(err)
		}
	}
	return x.inSessions()
}
