package store

import (
	"bytes"
	"encoding/json"
)

// longestList is the number of items of the longest array directly in
// the JSON object at the start of raw (a session of an export: its sets
// and its events), found without decoding it; what follows the object is
// not read, and of an object cut short, the items so far. encoding/json
// would make every item before the count could be checked: a 4 MiB part
// of empty objects is a million sets, a gigabyte.
func longestList(raw []byte) int {
	type frame struct {
		array     bool
		items     int
		something bool // an item has begun
	}
	var stack []frame
	longest, inString, escaped := 0, false, false
	for _, c := range raw {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].array && !stack[n-1].something && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ']' {
			stack[n-1].something, stack[n-1].items = true, 1
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			stack = append(stack, frame{array: c == '['})
		case '}', ']':
			if n := len(stack); n > 0 {
				if n == 2 && stack[1].array {
					longest = max(longest, stack[1].items)
				}
				if stack = stack[:n-1]; len(stack) == 0 {
					return longest // the object's end
				}
			}
		case ',':
			if n := len(stack); n > 0 && stack[n-1].array {
				stack[n-1].items++
			}
		}
	}
	if len(stack) == 2 && stack[1].array { // cut short inside a list
		longest = max(longest, stack[1].items)
	}
	return longest
}

// decodeSession decodes one session of the export as encoding/json reads
// it (unknown fields refused), after a look at the length of its lists:
// one longer than a session may hold is refused before it is made.
func (x *exportReader) decodeSession(e *exportSession) error {
	var raw json.RawMessage
	if err := x.dec.Decode(&raw); err != nil {
		return x.notExport(err)
	}
	if n := longestList(raw); n > max(maxSetsPerSession, maxEventsPerSession) {
		return invalid("a session of the export, ending at byte %d, lists %d sets or events; at most %d and %d are allowed",
			x.offset(), n, maxSetsPerSession, maxEventsPerSession)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(e); err != nil {
		return x.notExport(err)
	}
	return nil
}
