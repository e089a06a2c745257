package store

import (
	"encoding/json"
	"errors"

	bolt "go.etcd.io/bbolt"
)

// Score is one pain score and everything it caused: the scored set, the
// sets a decision left undone, the decisions, and the session itself when
// a stop ended it. RecordScore writes it all in one synced transaction, so
// a crash never keeps a score without the decision the screen showed for
// it, nor the other way round.
type Score struct {
	Sets      []SetRecord // the scored set first, then the sets a decision skipped
	Decisions []Decision
	Session   *Session // the session, ended, when a decision ended it; nil otherwise
}

// SessionID is the session the score belongs to.
func (sc Score) SessionID() string {
	if len(sc.Sets) > 0 {
		return sc.Sets[0].SessionID
	}
	if len(sc.Decisions) > 0 {
		return sc.Decisions[0].SessionID
	}
	return ""
}

// RecordScore writes a score and what it caused in a single transaction,
// synced to disk before it returns. Writing the same score again is
// harmless: sets and decisions are keyed by session and position.
func (s *Store) RecordScore(sc Score) error {
	id := sc.SessionID()
	type kv struct {
		bucket   []byte
		key, val []byte
	}
	var puts []kv
	for _, r := range sc.Sets {
		if err := validateSet(r); err != nil {
			return err
		}
		if r.SessionID != id {
			return invalid("set %d belongs to session %s, not %s", r.Index, r.SessionID, id)
		}
		val, err := json.Marshal(toSetJSON(r))
		if err != nil {
			return invalid("set %d of session %s: %s", r.Index, r.SessionID, err)
		}
		puts = append(puts, kv{bucketSets, setKey(r.SessionID, r.Index), val})
	}
	for _, d := range sc.Decisions {
		if err := validateDecision(d); err != nil {
			return err
		}
		if d.SessionID != id {
			return invalid("decision %d belongs to session %s, not %s", d.Seq, d.SessionID, id)
		}
		val, err := json.Marshal(toDecisionJSON(d))
		if err != nil {
			return invalid("decision %d of session %s: %s", d.Seq, d.SessionID, err)
		}
		puts = append(puts, kv{bucketDecisions, decisionKey(d.SessionID, d.Seq), val})
	}
	var sessVal []byte
	if sc.Session != nil {
		if sc.Session.ID != id {
			return invalid("the score of session %s ends session %s", id, sc.Session.ID)
		}
		if err := validateSession(*sc.Session); err != nil {
			return err
		}
		var err error
		if sessVal, err = json.Marshal(toSessionJSON(*sc.Session)); err != nil {
			return invalid("session %s: %s", id, err)
		}
	}
	return s.update("the score", func(tx *bolt.Tx) error {
		sess, err := s.getSession(tx, id)
		if errors.Is(err, ErrNotFound) {
			return fileErr([]error{ErrInvalid, ErrNotFound}, "%s: score: session %s does not exist", ErrInvalid, id)
		} else if err != nil {
			return err
		}
		var sets []newSet
		for _, p := range puts {
			if string(p.bucket) == string(bucketSets) {
				sets = append(sets, newSet{key: p.key, val: p.val})
			} else if err := tx.Bucket(p.bucket).Put(p.key, p.val); err != nil {
				return err
			}
		}
		if sc.Session != nil {
			if err := dropDigest(tx, id); err != nil {
				return err
			}
			for _, s := range sets {
				if err := tx.Bucket(bucketSets).Put(s.key, s.val); err != nil {
					return err
				}
			}
			return putSession(tx, *sc.Session, sessVal) // recomputes the day too
		}
		// A set counts on the day its session started (dayadd.go).
		return putSets(tx, sess, sets)
	})
}
