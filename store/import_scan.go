package store

import (
	"strconv"
	"unicode/utf8"
)

// The import's quick reader of a session. An export is what ExportJSON
// writes: objects of known keys with strings, whole numbers, a number of
// seconds and booleans. docScan reads one session of it straight into an
// exportSession, the fields encoding/json (with DisallowUnknownFields)
// would give it, without its reflection, its second pass over the bytes
// or a string for every value. What it does not take it leaves to
// encoding/json, which then reads or refuses the session as it always
// did (import_doc.go): a key it does not know exactly or that comes twice,
// a null, a number in another form than an int field's, an escape of a
// surrogate, anything not JSON. So whatever docScan reads is what
// encoding/json reads from the same bytes (TestDocScanIsEncodingJSON).

// maxInterned bounds docScan's table of short strings it has met (the
// names of exercises, sides, rules, routines): enough for any routine,
// small enough to stay a few kilobytes.
const (
	maxInterned    = 4096
	maxInternedLen = 64
)

// docScan reads JSON values from b, a part of the document. Each method
// reads one value and returns its zero after a failure: short when b ends
// inside the value (more of the document is needed), bad when the value
// is left to encoding/json.
type docScan struct {
	b     []byte
	i     int
	short bool
	bad   bool
	tmp   []byte            // a string with escapes, unescaped
	names map[string]string // short strings met before, to share
	sets  []exportSet       // reused from session to session
	evs   []decisionJSON
}

func (p *docScan) failed() bool { return p.short || p.bad }

// ws skips white space.
func (p *docScan) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\n', '\r', '\t':
			p.i++
		default:
			return
		}
	}
}

// peek is the next byte after white space; 0 and short at the end of b.
func (p *docScan) peek() byte {
	p.ws()
	if p.i >= len(p.b) {
		p.short = true
		return 0
	}
	return p.b[p.i]
}

// eat reads the byte c after white space.
func (p *docScan) eat(c byte) bool {
	if p.failed() {
		return false
	}
	if got := p.peek(); got != c {
		p.bad = p.bad || !p.short
		return false
	}
	p.i++
	return true
}

// key reads the key name and its colon; another key is bad.
func (p *docScan) key(name string) {
	if k := p.rawString(); !p.failed() && string(k) != name {
		p.bad = true
	}
	p.eat(':')
}

// once marks a key as read, and a key read twice as bad: encoding/json
// would take the second (into what the first left, for a list).
func (p *docScan) once(seen *uint32, bit uint) {
	if *seen&(1<<bit) != 0 {
		p.bad = true
	}
	*seen |= 1 << bit
}

// object reads an object, calling field with each key, positioned at its
// value, which field reads.
func (p *docScan) object(field func(key []byte)) {
	if !p.eat('{') {
		return
	}
	if p.peek() == '}' {
		p.i++
		return
	}
	for !p.failed() {
		key := p.rawString() // an escape in a key: encoding/json reads it
		if !p.eat(':') {
			return
		}
		field(key)
		if p.failed() || !p.more('}') {
			return
		}
	}
}

// list reads an array, calling item for each value, which item reads.
func (p *docScan) list(item func()) {
	if !p.eat('[') {
		return
	}
	if p.peek() == ']' {
		p.i++
		return
	}
	for !p.failed() {
		item()
		if p.failed() || !p.more(']') {
			return
		}
	}
}

// more reads what follows a member or an item: a comma, and more come
// (true), or closer, the end. Anything else fails the scan.
func (p *docScan) more(closer byte) bool {
	switch p.peek() {
	case ',':
		p.i++
		return true
	case closer:
		p.i++
	default:
		p.bad = p.bad || !p.short
	}
	return false
}

// rawString reads a string without escapes, as the bytes of b.
func (p *docScan) rawString() []byte {
	if !p.eat('"') {
		return nil
	}
	for i := p.i; i < len(p.b); i++ {
		switch c := p.b[i]; {
		case c == '"':
			s := p.b[p.i:i]
			p.i = i + 1
			return s
		case c == '\\' || c < 0x20:
			p.bad = true
			return nil
		}
	}
	p.short = true
	return nil
}

// strBytes reads a string: the bytes of b, or unescaped into p.tmp (valid
// until the next string). The document's bytes are UTF-8 already
// (docReader).
func (p *docScan) strBytes() []byte {
	if !p.eat('"') {
		return nil
	}
	for i := p.i; i < len(p.b); i++ {
		switch c := p.b[i]; {
		case c == '"':
			s := p.b[p.i:i]
			p.i = i + 1
			return s
		case c == '\\':
			return p.unescape(i)
		case c < 0x20:
			p.bad = true // encoding/json refuses it
			return nil
		}
	}
	p.short = true
	return nil
}

// unescape reads the rest of a string whose first escape is at b[at].
func (p *docScan) unescape(at int) []byte {
	out := append(p.tmp[:0], p.b[p.i:at]...)
	for i := at; i < len(p.b); {
		c := p.b[i]
		switch {
		case c == '"':
			p.i, p.tmp = i+1, out
			return out
		case c < 0x20:
			p.bad = true
			return nil
		case c != '\\':
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(p.b) {
			break
		}
		n := 2
		switch e := p.b[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if i+6 > len(p.b) {
				p.short = true
				return nil
			}
			r, ok := hex4(p.b[i+2 : i+6])
			if !ok || utf8.RuneLen(r) < 0 { // a surrogate: pairs and lone ones, encoding/json's way
				p.bad = true
				return nil
			}
			out, n = utf8.AppendRune(out, r), 6
		default:
			p.bad = true
			return nil
		}
		i += n
	}
	p.short = true
	return nil
}

// hex4 reads the four hex digits of a \u escape.
func hex4(h []byte) (rune, bool) {
	var r rune
	for _, c := range h {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// text reads a string.
func (p *docScan) text() string {
	return string(p.strBytes())
}

// name reads a string that repeats from record to record, shared.
func (p *docScan) name() string {
	b := p.strBytes()
	if len(b) > maxInternedLen {
		return string(b)
	}
	if s, ok := p.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.names) < maxInterned && !p.failed() {
		p.names[s] = s
	}
	return s
}

// sessionID reads the session ID of a set or an event: most often its
// session's, id, shared.
func (p *docScan) sessionID(id string) string {
	b := p.strBytes()
	if string(b) == id {
		return id
	}
	return string(b)
}

// number reads the bytes of a number, its syntax checked as JSON's.
func (p *docScan) number() []byte {
	p.ws()
	b, start := p.b, p.i
	i := start
	digits := func() int {
		n := 0
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		p.short = true
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		digits()
	default:
		p.bad = true
	}
	if !p.failed() && i < len(b) && b[i] == '.' {
		i++
		p.bad = digits() == 0 && i < len(b)
	}
	if !p.failed() && i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		if i++; i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		p.bad = digits() == 0 && i < len(b)
	}
	if i >= len(b) { // the number may go on
		p.short = true
	}
	if p.failed() {
		return nil
	}
	p.i = i
	return b[start:i]
}

// int reads a whole number; one with a fraction or an exponent, or too
// long for certain, is left to encoding/json (it refuses some).
func (p *docScan) int() int {
	b := p.number()
	digits := b
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if p.failed() || len(digits) == 0 || len(digits) > 18 {
		p.bad = p.bad || !p.short
		return 0
	}
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			p.bad = true
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	if b[0] == '-' {
		n = -n
	}
	if int64(int(n)) != n { // too large for a 32-bit int: encoding/json refuses it
		p.bad = true
	}
	return int(n)
}

// float reads a number as encoding/json reads one into a float64.
func (p *docScan) float() float64 {
	b := p.number()
	if p.failed() {
		return 0
	}
	if len(b) <= 15 && b[0] != '-' {
		n, whole := int64(0), true
		for _, c := range b {
			if c < '0' || c > '9' {
				whole = false
				break
			}
			n = n*10 + int64(c-'0')
		}
		if whole {
			return float64(n) // exact below 2^53
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		p.bad = true // out of range: encoding/json refuses it
	}
	return f
}

// boolean reads true or false.
func (p *docScan) boolean() bool {
	p.ws()
	rest := p.b[p.i:]
	for _, lit := range []string{"true", "false"} {
		if len(rest) < len(lit) && string(rest) == lit[:len(rest)] {
			p.short = true
			return false
		}
		if len(rest) >= len(lit) && string(rest[:len(lit)]) == lit {
			p.i += len(lit)
			return lit == "true"
		}
	}
	p.bad = true
	return false
}

// status reads a session's status by its text.
func (p *docScan) status() Status {
	var s Status
	if b := p.strBytes(); !p.failed() && s.UnmarshalText(b) != nil {
		p.bad = true
	}
	return s
}

// session reads a session of the export into e.
func (p *docScan) session(e *exportSession) {
	var seen uint32
	p.object(func(key []byte) {
		switch string(key) {
		case "id":
			p.once(&seen, 0)
			e.ID = p.text()
		case "started_at":
			p.once(&seen, 1)
			e.StartedAt = p.text()
		case "ended_at":
			p.once(&seen, 2)
			e.EndedAt = p.text()
		case "routine_id":
			p.once(&seen, 3)
			e.RoutineID = p.name()
		case "routine":
			p.once(&seen, 4)
			e.Routine = p.name()
		case "baseline_pain":
			p.once(&seen, 5)
			e.Baseline = p.int()
		case "dose_level":
			p.once(&seen, 6)
			e.DoseLevel = p.int()
		case "short":
			p.once(&seen, 7)
			e.Short = p.boolean()
		case "status":
			p.once(&seen, 8)
			e.Status = p.status()
		case "note":
			p.once(&seen, 9)
			e.Note = p.name()
		case "sets":
			p.once(&seen, 10)
			e.Sets, e.setsRead = p.setList(e.ID)
		case "events":
			p.once(&seen, 11)
			e.Events, e.eventsRead = p.eventList(e.ID)
		default:
			p.bad = true
		}
	})
}

// setList reads the sets of session id (reusing the last session's list)
// and how many it held when that is more than it kept (else 0).
func (p *docScan) setList(id string) ([]exportSet, int) {
	sets, n := keptList(p, p.sets[:0], maxSetsPerSession, func(s *exportSet) { p.set(s, id) })
	p.sets = sets
	return sets, n
}

// keptList reads a list into into, each item by read, keeping no more
// than one past max: the rest are read into the last place and counted,
// not kept, as a 4 MiB part of empty objects would otherwise hold a
// million items, a gigabyte, before the refusal that names their number.
// It returns the items kept and how many the list held when that is more
// (else 0).
func keptList[T any](p *docScan, into []T, max int, read func(*T)) ([]T, int) {
	n := 0
	p.list(func() {
		var zero T
		if n++; len(into) <= max {
			into = append(into, zero)
		} else {
			into[len(into)-1] = zero
		}
		read(&into[len(into)-1])
	})
	if n > len(into) {
		return into, n
	}
	return into, 0
}

func (p *docScan) set(s *exportSet, id string) {
	var seen uint32
	p.object(func(key []byte) {
		switch string(key) {
		case "session_id":
			p.once(&seen, 0)
			s.SessionID = p.sessionID(id)
		case "index":
			p.once(&seen, 1)
			s.Index = p.int()
		case "exercise_id":
			p.once(&seen, 2)
			s.ExerciseID = p.name()
		case "exercise":
			p.once(&seen, 3)
			s.Exercise = p.name()
		case "side":
			p.once(&seen, 4)
			s.Side = p.name()
		case "set":
			p.once(&seen, 5)
			s.SetNo = p.int()
		case "reps_planned":
			p.once(&seen, 6)
			s.RepsPlanned = p.int()
		case "reps_done":
			p.once(&seen, 7)
			s.RepsDone = p.int()
		case "hold_s":
			p.once(&seen, 8)
			s.HoldS = p.float()
		case "pain":
			p.once(&seen, 9)
			s.Pain = p.int()
		case "skipped":
			p.once(&seen, 10)
			s.Skipped = p.boolean()
		case "dose_level":
			p.once(&seen, 11)
			s.DoseLevel = p.int()
		case "at":
			p.once(&seen, 12)
			s.At = p.text()
		case "skip":
			p.once(&seen, 13)
			s.Skip = p.name()
		default:
			p.bad = true
		}
	})
}

// eventList reads the events of session id (reusing the last session's
// list), as setList.
func (p *docScan) eventList(id string) ([]decisionJSON, int) {
	evs, n := keptList(p, p.evs[:0], maxEventsPerSession, func(d *decisionJSON) { p.event(d, id) })
	p.evs = evs
	return evs, n
}

func (p *docScan) event(d *decisionJSON, id string) {
	var seen uint32
	p.object(func(key []byte) {
		switch string(key) {
		case "session_id":
			p.once(&seen, 0)
			d.SessionID = p.sessionID(id)
		case "seq":
			p.once(&seen, 1)
			d.Seq = p.int()
		case "at":
			p.once(&seen, 2)
			d.At = p.text()
		case "rule":
			p.once(&seen, 3)
			d.Rule = p.name()
		case "exercise_id":
			p.once(&seen, 4)
			d.ExerciseID = p.name()
		case "exercise":
			p.once(&seen, 5)
			d.Exercise = p.name()
		case "side":
			p.once(&seen, 6)
			d.Side = p.name()
		case "level_before":
			p.once(&seen, 7)
			d.LevelBefore = p.int()
		case "level_after":
			p.once(&seen, 8)
			d.LevelAfter = p.int()
		case "hold_step_up":
			p.once(&seen, 9)
			d.HoldStepUp = p.boolean()
		case "minutes":
			p.once(&seen, 10)
			d.Minutes = p.int()
		case "reason":
			p.once(&seen, 11)
			d.Reason = p.name()
		case "sign":
			p.once(&seen, 12)
			d.Sign = p.name()
		case "tier":
			p.once(&seen, 13)
			d.Tier = p.name()
		default:
			p.bad = true
		}
	})
}
