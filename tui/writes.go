package tui

import (
	"sort"
	"strconv"

	"github.com/spinecoach/spinecoach/store"
)

// pendingWrites are the scores handed to the store whose commit has not
// come back. They outlive the session on screen, so a quit right after
// leaving a session still hands them to main to write before the file
// closes. The App holds them by pointer: its copies share one set.
type pendingWrites struct {
	scores map[string]store.Score
}

// scoreKey is a score's session and its first set: a score is written
// once per set.
func scoreKey(sc store.Score) string {
	if len(sc.Sets) == 0 {
		return sc.SessionID() + "/-"
	}
	return sc.SessionID() + "/" + strconv.Itoa(sc.Sets[0].Index)
}

func (p *pendingWrites) add(sc store.Score) { p.scores[scoreKey(sc)] = sc }

func (p *pendingWrites) done(sc store.Score) { delete(p.scores, scoreKey(sc)) }

// of counts the pending writes of one session.
func (p *pendingWrites) of(sessionID string) int {
	n := 0
	for _, sc := range p.scores {
		if sc.SessionID() == sessionID {
			n++
		}
	}
	return n
}

// all lists them in a stable order.
func (p *pendingWrites) all() []store.Score {
	out := make([]store.Score, 0, len(p.scores))
	for _, sc := range p.scores {
		out = append(out, sc)
	}
	sort.Slice(out, func(i, j int) bool { return scoreKey(out[i]) < scoreKey(out[j]) })
	return out
}
