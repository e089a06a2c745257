package store

import (
	"bytes"
	"os"
	"sort"
	"strconv"
	"time"
)

// Salvage: what can be read back from a damaged or cut-short data file.
// The file is opened read-only and read with pread alone (no bbolt, no
// memory map, no lock, nothing written); its pages are walked from the
// newest valid meta page, round every page that fails a check, and the
// leaves below a lost page are looked for among the pages no walk
// reached. A session whose record decoded is salvaged with every set and
// decision found, and named as partial when a lost page, or a record that
// did not decode, may have held more of them.

// Salvaged is what a salvage read.
type Salvaged struct {
	Sessions   []SessionHistory // sessions read, in time order
	Partial    []string         // of them, those whose sets or decisions may have been on a page lost for good
	Profile    *Profile         // the profile, if its page was read
	LostPages  int              // pages that could not be read or failed a check
	LostRanges int              // ranges of sessions whose records were on a lost page: not even their dates are known
	Unreadable int              // records on intact pages that did not decode
	Unreached  int              // pages in use that no tree reached
	Refused    []Session        // sessions read whole but refused by the checks of an import (a flipped bit in a value)
	Rebuilt    []string         // of Sessions, those whose own record was lost, rebuilt from their sets (rebuild)
}

// Salvage reads what it can of the data file at path.
func Salvage(path string) (Salvaged, error) {
	f, err := os.Open(path)
	if err != nil {
		return Salvaged{}, fileErr([]error{err}, "cannot read %s: %s", path, cause(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return Salvaged{}, notRegular(path)
	}
	p := &pageReader{r: f, size: info.Size(), seen: map[uint64]bool{}, free: map[uint64]bool{}}
	m, ok := salvageMeta(f)
	if !ok {
		return Salvaged{}, fileErr([]error{ErrCorrupt}, "%s: neither meta page is readable, so nothing can be salvaged", path)
	}
	p.pageSize = m.pageSize
	p.readFreelist(m.freelist)
	top, lostTop := p.tree(m.root)
	buckets := map[string][]byte{}
	for _, e := range top {
		if e.bucket {
			buckets[string(e.key)] = e.val
		}
	}
	var out Salvaged
	read := func(name []byte) ([]salvageElem, []keyRange) {
		v, ok := buckets[string(name)]
		if !ok {
			if len(lostTop) > 0 {
				return nil, []keyRange{{}} // on a lost page of the root
			}
			return nil, nil
		}
		return p.bucket(v)
	}
	out.Profile = salvageProfile(read(bucketMeta))
	sessions, sessLost := read(bucketSessions)
	sets, setsLost := read(bucketSets)
	decisions, decLost := read(bucketDecisions)
	for name, v := range buckets { // the others, only so their pages count as reached
		if name != string(bucketSessions) && name != string(bucketSets) && name != string(bucketDecisions) && name != string(bucketMeta) {
			p.bucket(v)
		}
	}
	if out.Unreached = p.unreached(m.hwm); out.Unreached > 0 {
		// Some tree lost pages without a trace: which is unknown, so
		// every bucket is searched whole and no session is taken as whole.
		everything := []keyRange{{}}
		sessLost, setsLost, decLost = everything, everything, everything
	}
	// Leaves below a lost page, found again by a read of every page.
	sessions = append(sessions, p.orphans(sessLost, isSessionRecord, laterSession)...)
	sets = append(sets, p.orphans(setsLost, isSetRecord, firstCopy)...)
	decisions = append(decisions, p.orphans(decLost, isDecisionRecord, firstCopy)...)
	out.collect(sessions, sets, decisions, append(setsLost, decLost...))
	out.LostRanges, out.LostPages = len(sessLost), p.lost
	return out, nil
}

// salvageMeta finds the meta page to start from: the valid one with the
// higher transaction id, at the page size meta page 0 names, or at the
// usual sizes when meta page 0 is gone.
func salvageMeta(f *os.File) (metaInfo, bool) {
	var best metaInfo
	found := false
	for _, ps := range []uint64{4096, 8192, 16384, 65536, 1024, 2048, 32768} {
		for n := 0; n < 2; n++ {
			m, ok := readMeta(f, n, ps)
			if ok && m.pageSize == ps && (!found || m.txid > best.txid) {
				best, found = m, true
			}
		}
		if found {
			return best, true
		}
	}
	return best, false
}

// salvageProfile decodes the profile from the meta bucket's elements.
func salvageProfile(meta []salvageElem, _ []keyRange) *Profile {
	for _, e := range meta {
		if !e.bucket && bytes.Equal(e.key, keyProfile) {
			if p, err := decodeProfile(e.val); err == nil {
				return &p
			}
		}
	}
	return nil
}

// collect keeps the sessions whose records decoded: whole, or partial
// when a lost page, or a record that did not decode, may have held some
// of their sets or decisions.
func (out *Salvaged) collect(sessions, sets, decisions []salvageElem, lost []keyRange) {
	bySession := map[string]*SessionHistory{}
	for _, e := range sessions {
		s, err := decodeSession(e.val)
		if err != nil || e.bucket || s.ID != string(e.key) {
			out.Unreadable++
			out.LostRanges++ // which session it was is not known
			continue
		}
		bySession[s.ID] = &SessionHistory{Session: s}
	}
	for i, e := range sets {
		r, err := decodeSet(e.val)
		if err != nil || e.bucket || !bytes.Equal(e.key, setKey(r.SessionID, r.Index)) {
			out.Unreadable++
			lost = append(lost, around(sets, i), keyRange{}.upTo(r.SessionID))
			continue
		}
		historyOf(bySession, r.SessionID).Sets = append(historyOf(bySession, r.SessionID).Sets, r)
	}
	for i, e := range decisions {
		d, err := decodeDecision(e.val)
		if err != nil || e.bucket || !bytes.Equal(e.key, decisionKey(d.SessionID, d.Seq)) {
			out.Unreadable++
			lost = append(lost, around(decisions, i), keyRange{}.upTo(d.SessionID))
			continue
		}
		historyOf(bySession, d.SessionID).Decisions = append(historyOf(bySession, d.SessionID).Decisions, d)
	}
	out.rebuild(bySession)
	out.sortOut(bySession, lost)
}

// historyOf is the history of session id, begun without its record when
// the record was not read (ID empty): rebuild gives it one.
func historyOf(bySession map[string]*SessionHistory, id string) *SessionHistory {
	h := bySession[id]
	if h == nil {
		h = &SessionHistory{}
		bySession[id] = h
	}
	return h
}

// rebuild gives a session whose record was lost, but some of whose sets
// or decisions were read, a record of what those show: its start (its ID
// holds it), the time of its last set, and nothing guessed: no check-in
// (-1), no routine, marked abandoned, with a note saying so. Without it
// those pain scores would be lost with the record.
func (out *Salvaged) rebuild(bySession map[string]*SessionHistory) {
	for id, h := range bySession {
		if h.Session.ID != "" {
			continue
		}
		nanos, err := strconv.ParseInt(id[:idTimeLen], 16, 64)
		if err != nil {
			delete(bySession, id)
			continue
		}
		start, end := time.Unix(0, nanos), time.Time{}
		for _, r := range h.Sets {
			if r.At.After(end) {
				end = r.At
			}
		}
		if !end.IsZero() {
			start = start.In(end.Location()) // the offset its sets were written in
		}
		h.Session = Session{ID: id, StartedAt: start, EndedAt: end, Baseline: -1, DoseLevel: -1, Status: StatusAbandoned,
			Note: "Rebuilt by spinecoach check --salvage from its sets: the session's own record (check-in, routine) was lost."}
		out.Rebuilt = append(out.Rebuilt, id)
	}
	sort.Strings(out.Rebuilt)
}

// around is the range between the keys either side of element i: where
// the key of a damaged element lay (a page's keys ascend).
func around(elems []salvageElem, i int) keyRange {
	var r keyRange
	if i > 0 {
		r.lo = elems[i-1].key
	}
	if i+1 < len(elems) {
		r.hi = append(append([]byte(nil), elems[i+1].key...), 0)
	}
	return r
}

// upTo is the range of the records of session id, or an empty range for
// no id.
func (keyRange) upTo(id string) keyRange {
	if id == "" {
		return keyRange{lo: []byte{0xff}, hi: []byte{0xff}}
	}
	return keyRange{lo: []byte(id), hi: append([]byte(id), 0xff, 0xff, 0xff, 0xff, 0xff)}
}

// sortOut lists the sessions, whole or partial, in time order.
func (out *Salvaged) sortOut(bySession map[string]*SessionHistory, lost []keyRange) {
	for id, h := range bySession {
		if anyCovers(lost, []byte(id)) {
			out.Partial = append(out.Partial, id)
		}
		sort.Slice(h.Sets, func(i, j int) bool { return h.Sets[i].Index < h.Sets[j].Index })
		sort.Slice(h.Decisions, func(i, j int) bool { return h.Decisions[i].Seq < h.Decisions[j].Seq })
		if _, err := encodeHistory(*h); err != nil {
			out.Refused = append(out.Refused, h.Session)
			continue
		}
		out.Sessions = append(out.Sessions, *h)
	}
	sort.Strings(out.Partial)
	sort.Slice(out.Refused, func(i, j int) bool { return out.Refused[i].ID < out.Refused[j].ID })
	sort.Slice(out.Sessions, func(i, j int) bool { return out.Sessions[i].Session.ID < out.Sessions[j].Session.ID })
}

func anyCovers(ranges []keyRange, prefix []byte) bool {
	for _, r := range ranges {
		if r.covers(prefix) {
			return true
		}
	}
	return false
}
