package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/spinecoach/spinecoach/internal/tempfile"
)

// Import: all or nothing, idempotent, in bounded memory.
//
// An export can hold ten years (220,000 sets, 400 MB held whole), so it
// is read one session at a time and written in transactions of a few
// thousand records: one transaction for all of it would hold every page
// it writes in memory until the commit. All or nothing then needs a place
// for the records that is not the data file: the import writes to a copy
// of the file beside it, and only when every record has been read, checked
// and written, and the copy synced, does the copy take the file's place,
// by a rename. A bad record, a full disk or a crash at any moment before
// leaves the data file exactly as it was (and at most a stray copy, which
// the next import or create removes once it is old).
//
// A record whose key the data file holds already is kept as it is (that
// makes an import idempotent); an import that brings nothing new makes no
// copy and leaves the file as it is. A key the document gives twice must give
// the same record both times: a session, set or event listed twice with
// different contents is refused, naming it. The document must end after
// its closing brace: two exports joined by cat are refused, not half
// imported.

// Limits on what an import reads; a document over them is refused with a
// sentence before they cost memory.
const (
	maxImportSessionBytes = 4 << 20 // one session with its sets and events, as JSON
	maxSetsPerSession     = 2000
	maxEventsPerSession   = 2000
	maxHoldSeconds        = 24 * 60 * 60 // hold_s, checked before it becomes a Duration

	// importChunk is how many bytes of records go into one transaction.
	importChunk = 2 << 20
)

// ImportResult counts what ImportJSON added and what it already had.
type ImportResult struct {
	Sessions, Sets, Decisions                int // added
	SessionsKnown, SetsKnown, DecisionsKnown int // already present, left as they were
	Reviews, ReviewsKnown                    int // weekly reviews added, and already present
}

// SessionHistory is a session with its sets and dose decisions: what an
// import brings, one session at a time.
type SessionHistory struct {
	Session   Session
	Sets      []SetRecord
	Decisions []Decision
	Review    *Review // set instead of the rest: a weekly review (reviews_io.go)
}

// ImportJSON merges an ExportJSON document, read as a stream: memory stays
// bounded whatever its size. A document without "events" (exported before
// they existed) imports with none.
func (s *Store) ImportJSON(r io.Reader) (ImportResult, error) {
	return s.ImportJSONProgress(r, nil)
}

// ImportJSONProgress is ImportJSON telling progress, when it is not nil,
// what has been read and checked so far, after each batch of records (a
// few megabytes of the document).
func (s *Store) ImportJSONProgress(r io.Reader, progress func(ImportResult)) (ImportResult, error) {
	return s.importWith(progress, func(add func(SessionHistory) error) error {
		return readExport(r, add)
	})
}

// Import merges sessions with their sets and decisions, the way ImportJSON
// does (the same checks, all or nothing, a record already present kept as
// it is).
func (s *Store) Import(history []SessionHistory) (ImportResult, error) {
	return s.importFrom(func(add func(SessionHistory) error) error {
		for _, h := range history {
			if err := add(h); err != nil {
				return err
			}
		}
		return nil
	})
}

// importFrom runs an import fed by each: onto a copy of the file, which
// then replaces it.
func (s *Store) importFrom(each func(add func(SessionHistory) error) error) (res ImportResult, err error) {
	return s.importWith(nil, each)
}

func (s *Store) importWith(progress func(ImportResult), each func(add func(SessionHistory) error) error) (res ImportResult, err error) {
	if err := s.Checked(); err != nil {
		return res, err
	}
	if s.ReadOnly() {
		return res, fileErr([]error{berrors.ErrDatabaseReadOnly}, "cannot import into %s: it was opened read-only", s.path)
	}
	s.importMu.Lock() // one import at a time per Store
	defer s.importMu.Unlock()

	real, err := filepath.EvalSymlinks(s.path) // the copy replaces the file, not a link to it
	if err != nil {
		return res, fileErr([]error{err}, "cannot import into %s: %s", s.path, cause(err))
	}
	imp := &importer{s: s, real: real, touched: map[string]bool{}, progress: progress}
	defer func() {
		if imp.dst != nil { // not moved into place: the copy goes
			_ = imp.dst.db.Close()
			tempfile.Remove(imp.dst.path)
		}
	}()
	err = s.view(func(orig *bolt.Tx) error {
		imp.orig = orig
		if err := each(imp.add); err != nil {
			return err
		}
		return imp.flush()
	})
	if err != nil {
		return ImportResult{}, err
	}
	if imp.dst == nil {
		return imp.res, nil // nothing new: no copy was made, the file is as it was
	}
	// The history may have completed weeks, or added days to weeks not
	// built: build them all, as the migration does (exerciseweeks.go);
	// and the set digests of the window as of now (setdigests.go).
	if err := imp.dst.update("the import", func(tx *bolt.Tx) error {
		if err := buildAllWeeks(tx); err != nil {
			return err
		}
		return imp.dst.buildDigestsNow(tx)
	}); err != nil {
		return ImportResult{}, fileErr([]error{err}, "cannot import into %s: %s", s.path, err)
	}
	if err := syncCopy(imp.dst, s.path); err != nil {
		return ImportResult{}, err
	}
	if err := s.replaceWith(imp.dst, real); err != nil {
		return ImportResult{}, err
	}
	imp.dst = nil
	return imp.res, nil
}

// copyBeside writes a copy of the file as tx sees it beside real, and
// opens it read-write, unsynced: syncCopy writes all of it to the disk
// (fdatasync writes all of a file's data) before it is moved into place.
func (s *Store) copyBeside(tx *bolt.Tx, real string) (*Store, error) {
	fail := func(err error) error {
		return fileErr([]error{err}, "cannot import into %s: %s", s.path, cause(err))
	}
	removeStaleTemps(real)            // what an import cut short by a crash left
	tmp, err := tempfile.Create(real) // 0600, removed at a signal
	if err != nil {
		return nil, fail(err)
	}
	name := tmp.Name()
	_, err = tx.WriteTo(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tempfile.Remove(name)
		return nil, fail(err)
	}
	cp, err := openBolt(name, &bolt.Options{Timeout: defaultLockTimeout})
	if err != nil {
		tempfile.Remove(name)
		return nil, err
	}
	cp.startWalk(false) // a copy of a walked file
	// No fsync per batch: the copy is nobody's data file until the rename,
	// which importFrom does only after one sync of all of it (syncCopy).
	cp.db.NoSync = true
	return cp, nil
}

// syncCopy writes the finished copy to the disk, once for the whole
// import, and makes its later commits synced again.
func syncCopy(cp *Store, path string) error {
	if err := cp.db.Sync(); err != nil {
		return fileErr([]error{err}, "cannot import into %s: %s; it was left as it was", path, cause(err))
	}
	cp.db.NoSync = false
	return nil
}

// replaceWith moves the finished copy into the file's place and makes it
// this Store's file: the copy's handle, already locked, is kept, so no
// other spinecoach can take the new file between the rename and us. The
// old file goes when its handle closes.
func (s *Store) replaceWith(cp *Store, real string) error {
	if err := s.stillOurs("the import"); err != nil {
		return err
	}
	if err := os.Rename(cp.path, real); err != nil {
		return fileErr([]error{err}, "cannot import into %s: %s; it was left as it was", s.path, cause(err))
	}
	tempfile.Done(cp.path)
	// From here the import is in the file; a failed sync of the directory
	// may lose the rename in a power cut, leaving the file as it was.
	syncErr := syncDir(filepath.Dir(real))
	cp.names.renamed(cp.path, real)
	s.mu.Lock()
	old := s.db
	s.db, s.file, s.names = cp.db, cp.file, cp.names
	s.mu.Unlock()
	_ = old.Close()
	if syncErr != nil {
		return fileErr([]error{syncErr}, "cannot save the import to %s: %s", s.path, cause(syncErr))
	}
	return nil
}

// importer writes the sessions it is given to the copy, a transaction
// every importChunk bytes, checking each key the copy has already against
// the file before the import (orig): there it is a record kept as it is;
// added by this import, the same record given twice, or a conflict.
type importer struct {
	s       *Store
	real    string // the file's real path, where the copy goes beside
	dst     *Store // the copy; nil until a record the file lacks needs writing
	orig    *bolt.Tx
	res     ImportResult
	pending []importItem
	size    int // bytes of records pending
	touched map[string]bool
	// lastKeys is the greatest key of each bucket of the copy put writes
	// to (only the import writes to the copy).
	lastKeys []bucketKey
	reviews  []reviewItem // pending reviews
	// progress, if not nil, hears the counts after each batch.
	progress func(ImportResult)
}

// importItem is one session ready to write: its records, checked and
// encoded.
type importItem struct {
	sess    Session
	sessVal []byte
	sets    []SetRecord
	setVals [][]byte
	decs    []Decision
	decVals [][]byte
}

// add checks one session with its records and queues it.
func (imp *importer) add(h SessionHistory) error {
	if h.Review != nil {
		return imp.addReview(*h.Review)
	}
	it, err := encodeHistory(h)
	if err != nil {
		return err
	}
	imp.pending = append(imp.pending, it)
	imp.size += len(it.sessVal)
	for _, v := range it.setVals {
		imp.size += len(v)
	}
	for _, v := range it.decVals {
		imp.size += len(v)
	}
	if imp.size >= importChunk {
		return imp.flush()
	}
	return nil
}

// encodeHistory validates a session and its records and encodes them as
// they are stored (import_encode.go), all into one buffer.
func encodeHistory(h SessionHistory) (importItem, error) {
	sess := h.Session
	if err := validateSession(sess); err != nil {
		return importItem{}, err
	}
	if len(h.Sets) > maxSetsPerSession || len(h.Decisions) > maxEventsPerSession {
		return importItem{}, invalid("session %s: %d sets and %d events; at most %d and %d are allowed",
			sess.ID, len(h.Sets), len(h.Decisions), maxSetsPerSession, maxEventsPerSession)
	}
	it := importItem{sess: sess, sets: h.Sets, decs: h.Decisions}
	buf, ok := appendSessionJSON(make([]byte, 0, 320*(1+len(h.Sets)+len(h.Decisions))), toSessionJSON(sess))
	if !ok {
		_, err := json.Marshal(toSessionJSON(sess)) // its sentence
		return it, invalid("session %s: %s", sess.ID, err)
	}
	it.sessVal = buf[:len(buf):len(buf)]
	// Each value is its own part of buf: one that grows leaves the values
	// before in the old one, where nothing writes again.
	buf, err := it.encodeSets(buf[len(buf):])
	if err != nil {
		return it, err
	}
	it.decVals = make([][]byte, 0, len(h.Decisions))
	for _, d := range h.Decisions {
		if d.SessionID != sess.ID {
			return it, invalid("event %d listed under session %s belongs to %s", d.Seq, sess.ID, d.SessionID)
		}
		if err := validateDecision(d); err != nil {
			return it, err
		}
		start := len(buf)
		buf = appendDecisionJSON(buf, toDecisionJSON(d))
		it.decVals = append(it.decVals, buf[start:len(buf):len(buf)])
	}
	return it, nil
}

// encodeSets validates and encodes the item's sets, appending to buf.
func (it *importItem) encodeSets(buf []byte) ([]byte, error) {
	it.setVals = make([][]byte, 0, len(it.sets))
	for _, r := range it.sets {
		if r.SessionID != it.sess.ID {
			return buf, invalid("set %d listed under session %s belongs to %s", r.Index, it.sess.ID, r.SessionID)
		}
		if err := validateSet(r); err != nil {
			return buf, err
		}
		start := len(buf)
		var ok bool
		if buf, ok = appendSetJSON(buf, toSetJSON(r)); !ok {
			_, err := json.Marshal(toSetJSON(r)) // its sentence
			return buf, invalid("set %d of session %s: %s", r.Index, it.sess.ID, err)
		}
		it.setVals = append(it.setVals, buf[start:len(buf):len(buf)])
	}
	return buf, nil
}

// put writes val under key unless the copy has it: kept when the file had
// it before the import, refused when this import wrote something else
// under it. It reports whether it wrote.
func (imp *importer) put(tx *bolt.Tx, bucket, key, val []byte, what func() string) (added bool, err error) {
	b := tx.Bucket(bucket)
	old := imp.stored(b, bucket, key)
	if old == nil {
		if last := imp.lastKey(b, bucket); bytes.Compare(key, *last) > 0 {
			*last = key
		}
		return true, b.Put(key, val)
	}
	if ob := imp.orig.Bucket(bucket); ob != nil && ob.Get(key) != nil {
		return false, nil // the file's own record, kept as it is
	}
	if !bytes.Equal(old, val) {
		return false, invalid("%s is given twice, with different contents; the export is not one spinecoach wrote, or was edited", what())
	}
	return false, nil // given twice, the same both times
}

// stored is the copy's value under key in bucket b (named name), or nil.
// An export lists the records in the order of their keys, so most keys
// come after every key the bucket has: those are not there, and need no
// look (a look costs as much as the write).
func (imp *importer) stored(b *bolt.Bucket, name, key []byte) []byte {
	if bytes.Compare(key, *imp.lastKey(b, name)) > 0 {
		return nil
	}
	return b.Get(key)
}

// lastKey is where the importer keeps the greatest key of bucket b (named
// name) of the copy.
func (imp *importer) lastKey(b *bolt.Bucket, name []byte) *[]byte {
	for i := range imp.lastKeys {
		if bytes.Equal(imp.lastKeys[i].bucket, name) {
			return &imp.lastKeys[i].key
		}
	}
	k, _ := b.Cursor().Last()
	// bytes.Clone keeps nil for an empty bucket: every key comes after.
	imp.lastKeys = append(imp.lastKeys, bucketKey{name, bytes.Clone(k)})
	return &imp.lastKeys[len(imp.lastKeys)-1].key
}

// bucketKey is a bucket's name and a key of it.
type bucketKey struct{ bucket, key []byte }

// flush writes the pending sessions in one transaction on the copy, and
// brings the days they touched up to date.
func (imp *importer) flush() error {
	if len(imp.pending) == 0 && len(imp.reviews) == 0 {
		return nil
	}
	if imp.progress != nil {
		defer func() { imp.progress(imp.res) }()
	}
	if !imp.anyNew() && !imp.newReviews() {
		imp.countKnown()
		return nil
	}
	if imp.dst == nil {
		cp, err := imp.s.copyBeside(imp.orig, imp.real)
		if err != nil {
			return err
		}
		imp.dst = cp
	}
	err := imp.dst.update("the import", imp.putBatch)
	clear(imp.touched)
	imp.pending, imp.size = imp.pending[:0], 0
	if err == nil {
		// Keep the pages read so far from counting against this process.
		dropResident(imp.s.db, imp.orig)
		err = imp.dst.view(func(tx *bolt.Tx) error {
			dropResident(imp.dst.db, tx)
			return nil
		})
	}
	if err != nil && !errors.Is(err, ErrInvalid) {
		// The copy's name is no use to the patient: the data file's is.
		return fileErr([]error{err}, "cannot import into %s: %s", imp.s.path, err)
	}
	return err
}

// countKnown counts a batch the file holds already, kept as it is: no
// copy is needed for it.
func (imp *importer) countKnown() {
	_ = imp.putReviews(nil) // all known
	for _, it := range imp.pending {
		imp.res.SessionsKnown++
		imp.res.SetsKnown += len(it.sets)
		imp.res.DecisionsKnown += len(it.decs)
	}
	imp.pending, imp.size = imp.pending[:0], 0
	dropResident(imp.s.db, imp.orig)
}

// putBatch writes the batch into the copy in one transaction: each
// session with its sets and decisions, the reviews, and then the
// aggregates of every day it touched, once.
func (imp *importer) putBatch(tx *bolt.Tx) error {
	// The records come in the order of their keys: update has the pages
	// filled as the coach's own writes fill them (appendFill, store.go),
	// further than half before they split, a file of fewer pages to write.
	for _, it := range imp.pending {
		if err := imp.putItem(tx, it); err != nil {
			return err
		}
	}
	if err := imp.putReviews(tx); err != nil {
		return err
	}
	for d := range imp.touched {
		if err := recomputeDay(tx, d); err != nil {
			return err
		}
	}
	return nil
}

// putItem writes one session and its records, counting what was new.
func (imp *importer) putItem(tx *bolt.Tx, it importItem) error {
	day := dayOf(it.sess.StartedAt)
	if old := imp.stored(tx.Bucket(bucketSessions), bucketSessions, []byte(it.sess.ID)); old != nil {
		if o, err := decodeSession(old); err == nil {
			day = dayOf(o.StartedAt) // the sets count where the kept session is
		}
	}
	added, err := imp.put(tx, bucketSessions, []byte(it.sess.ID), it.sessVal,
		func() string { return "session " + it.sess.ID })
	if err != nil {
		return err
	}
	if added {
		// The open index now; the days once, at the end of the batch.
		days, err := putSessionRecord(tx, it.sess, it.sessVal)
		if err != nil {
			return err
		}
		for _, d := range days {
			imp.touched[d] = true
		}
		imp.res.Sessions++
	} else {
		imp.res.SessionsKnown++
	}
	return imp.putItemRecords(tx, it, day)
}

// putItemRecords writes a session's sets and decisions; a new set touches
// the day its session counts in.
func (imp *importer) putItemRecords(tx *bolt.Tx, it importItem, day string) error {
	newSets := false
	for i, r := range it.sets {
		added, err := imp.put(tx, bucketSets, setKey(r.SessionID, r.Index), it.setVals[i],
			func() string { return fmt.Sprintf("set %d of session %s", r.Index, r.SessionID) })
		if err != nil {
			return err
		}
		if added {
			imp.res.Sets++
			imp.touched[day] = true
			newSets = true
		} else {
			imp.res.SetsKnown++
		}
	}
	if newSets { // the digest of the session's sets is stale: once for all of them
		if err := dropDigest(tx, it.sess.ID); err != nil {
			return err
		}
	}
	for i, d := range it.decs {
		added, err := imp.put(tx, bucketDecisions, decisionKey(d.SessionID, d.Seq), it.decVals[i],
			func() string { return fmt.Sprintf("event %d of session %s", d.Seq, d.SessionID) })
		if err != nil {
			return err
		}
		if added {
			imp.res.Decisions++
		} else {
			imp.res.DecisionsKnown++
		}
	}
	return nil
}

// anyNew reports whether a pending record is one the file lacks.
func (imp *importer) anyNew() bool {
	has := func(bucket, key []byte) bool {
		b := imp.orig.Bucket(bucket)
		return b != nil && b.Get(key) != nil
	}
	for _, it := range imp.pending {
		if !has(bucketSessions, []byte(it.sess.ID)) {
			return true
		}
		for _, r := range it.sets {
			if !has(bucketSets, setKey(r.SessionID, r.Index)) {
				return true
			}
		}
		for _, d := range it.decs {
			if !has(bucketDecisions, decisionKey(d.SessionID, d.Seq)) {
				return true
			}
		}
	}
	return false
}

// newExportReader reads a document from r with encoding/json; shift is
// the document's offset of r's first byte.
func newExportReader(r io.Reader, shift int64, add func(SessionHistory) error) *exportReader {
	lr := &limitedReader{r: &utf8Reader{r: r, off: shift}, left: maxImportSessionBytes}
	x := &exportReader{lr: lr, dec: json.NewDecoder(lr), shift: shift, add: add, seen: map[string]bool{}}
	x.dec.UseNumber()
	return x
}

// document reads a whole document.
func (x *exportReader) document() error {
	if err := x.delim('{'); err != nil {
		return err
	}
	return x.fields()
}

// inSessions reads the rest of the document from inside the list of
// sessions.
func (x *exportReader) inSessions() error {
	if err := x.readSessions(); err != nil {
		return err
	}
	if err := x.delim(']'); err != nil {
		return err
	}
	x.lr.allow(x.dec.InputOffset(), maxImportSessionBytes)
	return x.fields()
}

// fields reads the document's fields from the next to its end, and checks
// that nothing but white space follows.
func (x *exportReader) fields() error {
	for x.dec.More() {
		if err := x.field(); err != nil {
			return err
		}
		x.lr.allow(x.dec.InputOffset(), maxImportSessionBytes)
	}
	if err := x.delim('}'); err != nil {
		return err
	}
	if x.format == "" || x.version == 0 {
		return fileErr([]error{ErrInvalid}, `not a spinecoach export (no "format" or no "version")`)
	}
	// Nothing may follow but white space: two exports joined by cat would
	// otherwise import as the first alone.
	if _, err := x.dec.Token(); !errors.Is(err, io.EOF) {
		return fileErr([]error{ErrInvalid}, "the export goes on after its end, at byte %d (two exports joined into one file?); import each file on its own", x.offset())
	}
	return nil
}

// exportReader is readExport's state: the decoder over the limited
// reader, the fields seen, and the header once read.
type exportReader struct {
	lr      *limitedReader
	dec     *json.Decoder
	shift   int64 // the document's offset of the decoder's first byte
	add     func(SessionHistory) error
	seen    map[string]bool
	format  string
	version int
}

// offset is the document's offset of the decoder's next byte.
func (x *exportReader) offset() int64 { return x.shift + x.dec.InputOffset() }

// notExport is the error for a document that is not an export, with the
// byte it went wrong at.
func (x *exportReader) notExport(err error) error {
	if errors.Is(err, errTooLarge) {
		return fileErr([]error{ErrInvalid, err}, "the export has a part of more than %d MiB at byte %d; a spinecoach export has none", maxImportSessionBytes>>20, x.offset())
	}
	var bad *notUTF8
	if errors.As(err, &bad) {
		return fileErr([]error{ErrInvalid, err}, "the export's %s", bad)
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fileErr([]error{ErrInvalid, err}, "not a spinecoach export: %s (at byte %d)", err, x.offset())
}

// delim reads the delimiter want, or says what was found instead.
func (x *exportReader) delim(want json.Delim) error {
	tok, err := x.dec.Token()
	if err != nil {
		return x.notExport(err)
	}
	if tok != want {
		return x.notExport(fmt.Errorf("expected %q, found %v", want, tok))
	}
	return nil
}

// field reads one field of the document, each at most once. ExportJSON
// writes "format" and "version" first, and then they are checked before
// any session is read; in another order they are checked at the end,
// before anything counts.
func (x *exportReader) field() error {
	tok, err := x.dec.Token()
	if err != nil {
		return x.notExport(err)
	}
	key, _ := tok.(string)
	if x.seen[key] {
		return x.notExport(fmt.Errorf("%q is given twice", key))
	}
	x.seen[key] = true
	switch key {
	case "format":
		return x.readFormat()
	case "version":
		return x.readVersion()
	case "sessions":
		return x.list(x.readSessions)
	case "reviews":
		return x.list(func() error { return readReviews(x.dec, x.add, x.notExport) })
	}
	return x.notExport(fmt.Errorf("unknown field %q", key))
}

func (x *exportReader) readFormat() error {
	if err := x.dec.Decode(&x.format); err != nil {
		return x.notExport(err)
	}
	if x.format != exportFormat {
		return fileErr([]error{ErrInvalid}, "not a spinecoach export (format %q)", x.format)
	}
	return nil
}

func (x *exportReader) readVersion() error {
	var n json.Number
	if err := x.dec.Decode(&n); err != nil {
		return x.notExport(err)
	}
	v, err := n.Int64()
	switch {
	case err != nil || v < 1:
		return fileErr([]error{ErrInvalid}, "not a spinecoach export (version %s)", n)
	case v > exportReviewsVersion:
		return fileErr([]error{ErrNewerSchema},
			"the export was written by a newer spinecoach (version %d; this one reads up to %d)", v, exportReviewsVersion)
	}
	x.version = int(v)
	return nil
}

// list reads a JSON array whose items read reads.
func (x *exportReader) list(read func() error) error {
	if err := x.delim('['); err != nil {
		return err
	}
	if err := read(); err != nil {
		return err
	}
	return x.delim(']')
}

// readSessions reads the sessions of the array, handing each to add.
func (x *exportReader) readSessions() error {
	for x.dec.More() {
		x.lr.allow(x.dec.InputOffset(), maxImportSessionBytes)
		var e exportSession
		if err := x.decodeSession(&e); err != nil {
			return err
		}
		h, err := e.history()
		if err != nil {
			return err
		}
		if err := x.add(h); err != nil {
			return err
		}
	}
	return nil
}

// history turns a session of the export into records, naming the record
// that does not convert.
func (e exportSession) history() (SessionHistory, error) {
	sess, err := e.session()
	if err != nil {
		return SessionHistory{}, invalid("session %s: %s", e.ID, err)
	}
	h := SessionHistory{Session: sess}
	sets, events := max(len(e.Sets), e.setsRead), max(len(e.Events), e.eventsRead)
	if sets > maxSetsPerSession || events > maxEventsPerSession {
		return h, invalid("session %s: %d sets and %d events; at most %d and %d are allowed",
			sess.ID, sets, events, maxSetsPerSession, maxEventsPerSession)
	}
	h.Sets = make([]SetRecord, 0, len(e.Sets))
	if len(e.Events) > 0 {
		h.Decisions = make([]Decision, 0, len(e.Events))
	}
	for _, sj := range e.Sets {
		if sj.SessionID == "" {
			sj.SessionID = sess.ID
		}
		// Range first: a float too large for a Duration would wrap.
		if math.IsNaN(sj.HoldS) || sj.HoldS < 0 || sj.HoldS > maxHoldSeconds {
			return h, invalid("set %d of session %s: hold_s %g is not from 0 to %d", sj.Index, sess.ID, sj.HoldS, maxHoldSeconds)
		}
		r, err := sj.set()
		if err != nil {
			return h, invalid("set %d of session %s: %s", sj.Index, sess.ID, err)
		}
		h.Sets = append(h.Sets, r)
	}
	for _, ej := range e.Events {
		if ej.SessionID == "" {
			ej.SessionID = sess.ID
		}
		d, err := ej.decision()
		if err != nil {
			return h, invalid("event %d of session %s: %s", ej.Seq, sess.ID, err)
		}
		h.Decisions = append(h.Decisions, d)
	}
	return h, nil
}

var errTooLarge = errors.New("too large")

// limitedReader lets a json.Decoder read at most left bytes past the
// offset last allowed: the decoder buffers a whole value before decoding
// it, so this bounds what one value (a session) can make it hold.
type limitedReader struct {
	r    io.Reader
	read int64 // bytes handed to the decoder
	left int64 // more it may have
}

// allow lets the decoder read up to n bytes past offset.
func (l *limitedReader) allow(offset, n int64) { l.left = offset + n - l.read }

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	l.left -= int64(n)
	return n, err
}
