package tui

import (
	"sort"
	"strconv"

	"github.com/spinecoach/spinecoach/store"
)

// pendingWrites are the sets handed to the store whose commit has not
// come back. They outlive the session on screen, so a quit right after
// leaving a session still hands them to main to write before the file
// closes. The App holds them by pointer: its copies share one set.
type pendingWrites struct {
	sets map[string]store.SetRecord
}

func writeKey(sessionID string, index int) string { return sessionID + "/" + strconv.Itoa(index) }

func (p *pendingWrites) add(r store.SetRecord) { p.sets[writeKey(r.SessionID, r.Index)] = r }

func (p *pendingWrites) done(sessionID string, index int) { delete(p.sets, writeKey(sessionID, index)) }

// of counts the pending writes of one session.
func (p *pendingWrites) of(sessionID string) int {
	n := 0
	for _, r := range p.sets {
		if r.SessionID == sessionID {
			n++
		}
	}
	return n
}

// all lists them in a stable order.
func (p *pendingWrites) all() []store.SetRecord {
	out := make([]store.SetRecord, 0, len(p.sets))
	for _, r := range p.sets {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].SessionID != out[j].SessionID {
			return out[i].SessionID < out[j].SessionID
		}
		return out[i].Index < out[j].Index
	})
	return out
}
