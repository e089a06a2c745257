package store

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// The per-session set digests (schema 6). Every start reads the home
// screen (history, day.go), whose window holds about 54 sessions and 540
// sets on a full history: the field scan of every set's JSON was about
// half of that read. A digest is what the day rules need of a session's
// sets (routine.SetLog: exercise ID, pain, skipped), in index order, in
// a compact binary value under the session's ID: one read per session
// instead of ten.
//
// Value: digestFormat, the number of sets (uvarint), then per set the
// length of its exercise ID (uvarint), the ID as stored in the set's JSON
// (before safetext.Line, which the read applies as setLogs does), and a
// byte: the pain + 1 (0 for no score, -1) in the low bits, digestSkipped
// for a skipped set. A value that does not decode exactly is not
// trusted: history reads the session's sets instead, and Check reports
// it.
//
// Digests are derived data, built only for sessions that will not
// change as a rule: those of the days before the builder's today inside
// what history reads (digestWindow), where none exists. The check-in's
// write builds them for its day (normally the sessions of the day
// before, once a day) and drops those of sessions that fell out of the
// window; the migration to schema 6 and an import build them for the
// window as of the clock, or of the day after the newest session when
// that comes first. A session whose sets the quick scan cannot read gets
// none: history reads its sets, and reports what is wrong with them.
// Every write of a set deletes its session's digest in the same
// transaction (dropDigest): for the session being recorded, today's, it
// has none, and a Delete of an absent key writes nothing. Digests are
// not exported, and a salvage does not copy them.

// bucketSetDigests came with schema 6: a file of an older schema opened
// read-only lacks it, and history reads every session's sets.
var bucketSetDigests = []byte("set_digests")

// digestFormat opens every digest: its layout, should it ever change.
const digestFormat = 1

// The last byte of a set in a digest.
const (
	digestSkipped  = 0x80 // the set was skipped
	digestPainMask = 0x0f // pain + 1: 0..11
	digestMaxPain  = 10
)

// clock is the time the migration and an import build digests as of (a
// variable for the tests).
var clock = time.Now

// quickSetLog reads what the day rules need of a stored set with the
// quick field scan, the exercise ID left uncleaned in v; ok is false for
// a set encoding/json must read.
func quickSetLog(v []byte) (id []byte, log routine.SetLog, ok bool) {
	ok = checkValue("set", v, maxRecordValue) == nil && scanFields(v, []field{{name: "exercise_id", raw: &id},
		{name: "exercise"}, {name: "pain", num: &log.Pain}, {name: "skipped", flag: &log.Skipped}})
	return id, log, ok
}

// exerciseIDs makes safetext.Line of each distinct stored exercise ID
// once, so that the sets of a window share a few strings. A window names
// a routine's few exercises: they are looked for in a short list, by
// their bytes (cheaper than hashing each of some five hundred), and past
// exerciseIDList of them in a map.
type exerciseIDs struct {
	list []exerciseID
	more map[string]string
}

type exerciseID struct{ raw, clean string }

const exerciseIDList = 16

// clean is safetext.Line(string(id)), made once per distinct id.
func (ids *exerciseIDs) clean(id []byte) string {
	for i := range ids.list {
		if ids.list[i].raw == string(id) {
			return ids.list[i].clean
		}
	}
	if clean, seen := ids.more[string(id)]; seen {
		return clean
	}
	raw := string(id)
	clean := safetext.Line(raw)
	if len(ids.list) < exerciseIDList {
		ids.list = append(ids.list, exerciseID{raw: raw, clean: clean})
	} else {
		if ids.more == nil {
			ids.more = map[string]string{}
		}
		ids.more[raw] = clean
	}
	return clean
}

// appendDigestSet adds one set to a digest; ok is false for a pain the
// digest cannot hold (no such set is ever written; a damaged one).
func appendDigestSet(d, id []byte, pain int, skipped bool) ([]byte, bool) {
	if pain < -1 || pain > digestMaxPain {
		return d, false
	}
	b := byte(pain + 1)
	if skipped {
		b |= digestSkipped
	}
	d = binary.AppendUvarint(d, uint64(len(id)))
	return append(append(d, id...), b), true
}

// decodeDigest puts a digest's sets on the end of buf, their IDs cleaned
// through ids, as setLogs does: it returns the session's sets (nil for
// none; a slice of buf that later appends cannot touch) and buf as it
// grew. ok is false, and buf as it was, for a value that does not decode
// exactly.
func decodeDigest(v []byte, ids *exerciseIDs, buf []routine.SetLog) (logs, out []routine.SetLog, ok bool) {
	if len(v) < 2 || v[0] != digestFormat {
		return nil, buf, false
	}
	n, w := binary.Uvarint(v[1:])
	if w <= 0 || n > uint64(len(v)) { // each set takes two bytes at least
		return nil, buf, false
	}
	start, i := len(buf), 1+w
	for ; n > 0; n-- {
		l, w := binary.Uvarint(v[i:])
		if w <= 0 || l >= uint64(len(v)-i-w) { // the ID and the set's byte
			return nil, buf[:start], false
		}
		i += w
		id := v[i : i+int(l)]
		i += int(l)
		b := v[i]
		i++
		if b&^(digestSkipped|digestPainMask) != 0 || b&digestPainMask > digestMaxPain+1 {
			return nil, buf[:start], false
		}
		buf = append(buf, routine.SetLog{ExerciseID: ids.clean(id), Pain: int(b&digestPainMask) - 1, Skipped: b&digestSkipped != 0})
	}
	if i != len(v) {
		return nil, buf[:start], false
	}
	if len(buf) == start {
		return nil, buf, true
	}
	return buf[start:len(buf):len(buf)], buf, true
}

// digestOf makes the digest of a session's sets, read with sets; ok is
// false when one of them is not for the quick scan (history reads them).
func digestOf(sets *prefixReader, sessionID []byte) (d []byte, ok bool) {
	var body []byte
	n, ok := 0, true
	_ = sets.each(sessionID, func(_, v []byte) error {
		id, log, quick := quickSetLog(v)
		if ok = ok && quick; ok {
			body, ok = appendDigestSet(body, id, log.Pain, log.Skipped)
			n++
		}
		return nil
	})
	if !ok {
		return nil, false
	}
	d = binary.AppendUvarint([]byte{digestFormat}, uint64(n))
	return append(d, body...), true
}

// dropDigest deletes a session's digest, for a write of one of its sets;
// one of a session without (today's, as a rule) writes nothing.
func dropDigest(tx *bolt.Tx, sessionID string) error {
	if b := tx.Bucket(bucketSetDigests); b != nil {
		return b.Delete([]byte(sessionID))
	}
	return nil
}

// digestWindow lists, ascending, the IDs of the sessions history reads
// at now, and at a now a day either side, whose local date is before
// now's: those of the routine.WeekDays days before today and of the day
// before them, and those of the last day with a session before that.
// Sessions whose record does not decode are left out.
func (s *Store) digestWindow(tx *bolt.Tx, now time.Time) [][]byte {
	b := tx.Bucket(bucketSessions)
	if b == nil {
		return nil
	}
	y, m, d := now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	first := midnight.AddDate(0, 0, -routine.WeekDays-1)
	from, today := dayOf(first), dayOf(midnight)
	var ids [][]byte
	if older, err := s.lastDayBefore(tx, first, from); err == nil {
		for _, sess := range older {
			ids = append(ids, []byte(sess.ID))
		}
	}
	// A session's date is its own local one: any offset puts it within
	// two days of now's.
	hi := []byte(timeKey(midnight.AddDate(0, 0, 2)))
	c := b.Cursor()
	for k, v := c.Seek([]byte(timeKey(first.AddDate(0, 0, -2)))); k != nil && bytes.Compare(timePart(k), hi) < 0; k, v = c.Next() {
		if at, err := sessionDayOf(v); err == nil && at.day >= from && at.day < today {
			ids = append(ids, bytes.Clone(k))
		}
	}
	sort.Slice(ids, func(i, j int) bool { return bytes.Compare(ids[i], ids[j]) < 0 })
	return ids
}

// buildDigests builds the digests of the sessions of digestWindow at now
// that have none, and deletes those of sessions older than all of them
// (no read that keeps to now or later looks at those).
func (s *Store) buildDigests(tx *bolt.Tx, now time.Time) error {
	digests := tx.Bucket(bucketSetDigests)
	if digests == nil {
		return nil // a migration's step before 6
	}
	ids := s.digestWindow(tx, now)
	if len(ids) == 0 {
		return nil
	}
	var stale [][]byte
	c := digests.Cursor()
	for k, _ := c.First(); k != nil && bytes.Compare(k, ids[0]) < 0; k, _ = c.Next() {
		stale = append(stale, bytes.Clone(k))
	}
	for _, k := range stale { // deleting under a cursor skips keys
		if err := digests.Delete(k); err != nil {
			return err
		}
	}
	sets := newPrefixReader(tx.Bucket(bucketSets))
	for _, id := range ids {
		if digests.Get(id) != nil {
			continue
		}
		if d, ok := digestOf(sets, id); ok {
			if err := digests.Put(id, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildDigestsNow builds digests as of the clock, or of the midnight
// after the newest session's day when that comes first (the migration,
// an import: a history that ends before today is read as of its end).
func (s *Store) buildDigestsNow(tx *bolt.Tx) error {
	now := clock()
	if b := tx.Bucket(bucketSessions); b != nil {
		if _, v := b.Cursor().Last(); v != nil {
			if at, err := sessionDayOf(v); err == nil {
				start, _ := parseTime(at.StartedAt) // sessionDayOf parsed it
				y, m, d := start.Date()
				if next := time.Date(y, m, d+1, 0, 0, 0, 0, start.Location()); next.Before(now) {
					now = next
				}
			}
		}
	}
	return s.buildDigests(tx, now)
}

// migrateSetDigests is the step to schema 6: the bucket, afresh, and the
// digests of the window as of now.
func migrateSetDigests(tx *bolt.Tx) error {
	if tx.Bucket(bucketSetDigests) != nil {
		if err := tx.DeleteBucket(bucketSetDigests); err != nil {
			return err
		}
	}
	if _, err := tx.CreateBucket(bucketSetDigests); err != nil {
		return err
	}
	return (&Store{}).buildDigestsNow(tx)
}

// checkSetDigests compares each digest (schema 6) with its session's
// sets as history reads them without it: one of no stored session, one
// that does not decode and one that differs are damage. A file older
// than schema 6 has none to check.
func (c *checker) checkSetDigests(tx *bolt.Tx) {
	b := tx.Bucket(bucketSetDigests)
	if b == nil {
		return
	}
	sessions := tx.Bucket(bucketSessions)
	reader := &Store{path: c.path}
	_ = b.ForEach(func(k, v []byte) error {
		if sessions.Get(k) == nil {
			c.add("set digest %q names no stored session", k)
			return nil
		}
		got, _, ok := decodeDigest(v, &exerciseIDs{}, nil)
		if !ok {
			c.add("set digest %q does not decode", k)
			return nil
		}
		want, _, err := reader.setLogs(newPrefixReader(tx.Bucket(bucketSets)), string(k), &exerciseIDs{}, nil)
		if err != nil || !reflect.DeepEqual(got, want) {
			c.add("set digest %q: %+v does not match its sets %+v", k, got, want)
		}
		return nil
	})
}
