package store

import (
	"bytes"
	"os"
	"sort"
)

// Salvage: what can be read back from a damaged or cut-short data file.
// The file is opened read-only and read with pread alone (no bbolt, no
// memory map, no lock, nothing written); its pages are walked from the
// newest valid meta page, round every page that fails a check, and the
// leaves below a lost page are looked for among the pages no walk
// reached. A session whose records all decoded is salvaged; one that a
// lost page may have held sets or decisions of is salvaged with those
// found and named as partial; one with a record that did not decode is
// named as lost.

// Salvaged is what a salvage read.
type Salvaged struct {
	Sessions   []SessionHistory // sessions read, in time order
	Partial    []string         // of them, those whose sets or decisions may have been on a page lost for good
	Profile    *Profile         // the profile, if its page was read
	Lost       []Session        // sessions with a record that could not be read: not salvaged
	LostPages  int              // pages that could not be read or failed a check
	LostRanges int              // ranges of sessions whose records were on a lost page: not even their dates are known
	Unreadable int              // records on intact pages that did not decode
	Unreached  int              // pages in use that no tree reached
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

// collect keeps the sessions whose records all decoded and none of whose
// sets or decisions can be on a lost page.
func (out *Salvaged) collect(sessions, sets, decisions []salvageElem, lost []keyRange) {
	bySession := map[string]*SessionHistory{}
	broken := map[string]bool{}
	for _, e := range sessions {
		s, err := decodeSession(e.val)
		if err != nil || e.bucket || s.ID != string(e.key) {
			out.Unreadable++
			continue
		}
		bySession[s.ID] = &SessionHistory{Session: s}
	}
	for _, e := range sets {
		r, err := decodeSet(e.val)
		if err != nil || e.bucket || !bytes.Equal(e.key, setKey(r.SessionID, r.Index)) {
			out.unreadable(e.key, broken)
			continue
		}
		h := bySession[r.SessionID]
		if h == nil {
			continue // its session is on a lost page: counted there
		}
		h.Sets = append(h.Sets, r)
	}
	for _, e := range decisions {
		d, err := decodeDecision(e.val)
		if err != nil || e.bucket || !bytes.Equal(e.key, decisionKey(d.SessionID, d.Seq)) {
			out.unreadable(e.key, broken)
			continue
		}
		h := bySession[d.SessionID]
		if h == nil {
			continue // its session is on a lost page: counted there
		}
		h.Decisions = append(h.Decisions, d)
	}
	for id, h := range bySession {
		if broken[id] {
			out.Lost = append(out.Lost, h.Session)
			continue
		}
		if anyCovers(lost, []byte(id)) {
			out.Partial = append(out.Partial, id)
		}
		out.Sessions = append(out.Sessions, *h)
	}
	sort.Strings(out.Partial)
	for _, h := range out.Sessions { // leaves found loose come in page order
		sort.Slice(h.Sets, func(i, j int) bool { return h.Sets[i].Index < h.Sets[j].Index })
		sort.Slice(h.Decisions, func(i, j int) bool { return h.Decisions[i].Seq < h.Decisions[j].Seq })
	}
	sort.Slice(out.Sessions, func(i, j int) bool { return out.Sessions[i].Session.ID < out.Sessions[j].Session.ID })
	sort.Slice(out.Lost, func(i, j int) bool { return out.Lost[i].ID < out.Lost[j].ID })
}

// unreadable counts a record that did not decode and marks the session
// its key names, which then is not whole.
func (out *Salvaged) unreadable(key []byte, broken map[string]bool) {
	out.Unreadable++
	if len(key) >= idLen {
		broken[string(key[:idLen])] = true
	}
}

func anyCovers(ranges []keyRange, prefix []byte) bool {
	for _, r := range ranges {
		if r.covers(prefix) {
			return true
		}
	}
	return false
}
