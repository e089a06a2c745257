package store

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The stored form of the records an import writes, byte for byte what
// json.Marshal makes of sessionJSON, setJSON and decisionJSON (the fields
// in their order, strings escaped as encoding/json escapes them, a float
// as it writes one), without its reflection: an import of ten years
// encodes a quarter of a million records (TestStoredFormIsEncodingJSONs).

const lowerHex = "0123456789abcdef"

// appendSessionJSON appends j as json.Marshal writes it; false for a
// status json.Marshal refuses.
func appendSessionJSON(b []byte, j sessionJSON) ([]byte, bool) {
	status, ok := statusText[j.Status]
	if !ok {
		return b, false
	}
	b = appendJSONKey(b, '{', "id", j.ID)
	b = appendJSONKey(b, ',', "started_at", j.StartedAt)
	b = appendJSONKey(b, ',', "ended_at", j.EndedAt)
	b = appendJSONKey(b, ',', "routine_id", j.RoutineID)
	b = appendJSONKey(b, ',', "routine", j.Routine)
	b = strconv.AppendInt(append(b, `,"baseline_pain":`...), int64(j.Baseline), 10)
	b = strconv.AppendInt(append(b, `,"dose_level":`...), int64(j.DoseLevel), 10)
	b = strconv.AppendBool(append(b, `,"short":`...), j.Short)
	b = appendJSONKey(b, ',', "status", status)
	b = appendJSONKey(b, ',', "note", j.Note)
	return append(b, '}'), true
}

// appendSetJSON appends j as json.Marshal writes it; false for a hold
// json.Marshal refuses (not a number, or infinite).
func appendSetJSON(b []byte, j setJSON) ([]byte, bool) {
	if math.IsNaN(j.HoldS) || math.IsInf(j.HoldS, 0) {
		return b, false
	}
	b = appendJSONKey(b, '{', "session_id", j.SessionID)
	b = strconv.AppendInt(append(b, `,"index":`...), int64(j.Index), 10)
	b = appendJSONKey(b, ',', "exercise_id", j.ExerciseID)
	b = appendJSONKey(b, ',', "exercise", j.Exercise)
	b = appendJSONKey(b, ',', "side", j.Side)
	b = strconv.AppendInt(append(b, `,"set":`...), int64(j.SetNo), 10)
	b = strconv.AppendInt(append(b, `,"reps_planned":`...), int64(j.RepsPlanned), 10)
	b = strconv.AppendInt(append(b, `,"reps_done":`...), int64(j.RepsDone), 10)
	b = appendJSONFloat(append(b, `,"hold_s":`...), j.HoldS)
	b = strconv.AppendInt(append(b, `,"pain":`...), int64(j.Pain), 10)
	b = strconv.AppendBool(append(b, `,"skipped":`...), j.Skipped)
	b = strconv.AppendInt(append(b, `,"dose_level":`...), int64(j.DoseLevel), 10)
	b = appendJSONKey(b, ',', "at", j.At)
	return append(b, '}'), true
}

// appendDecisionJSON appends j as json.Marshal writes it.
func appendDecisionJSON(b []byte, j decisionJSON) []byte {
	b = appendJSONKey(b, '{', "session_id", j.SessionID)
	b = strconv.AppendInt(append(b, `,"seq":`...), int64(j.Seq), 10)
	b = appendJSONKey(b, ',', "at", j.At)
	b = appendJSONKey(b, ',', "rule", j.Rule)
	b = appendJSONKey(b, ',', "exercise_id", j.ExerciseID)
	b = appendJSONKey(b, ',', "exercise", j.Exercise)
	b = appendJSONKey(b, ',', "side", j.Side)
	b = strconv.AppendInt(append(b, `,"level_before":`...), int64(j.LevelBefore), 10)
	b = strconv.AppendInt(append(b, `,"level_after":`...), int64(j.LevelAfter), 10)
	if j.HoldStepUp { // omitempty
		b = append(b, `,"hold_step_up":true`...)
	}
	if j.Minutes != 0 {
		b = strconv.AppendInt(append(b, `,"minutes":`...), int64(j.Minutes), 10)
	}
	b = appendJSONKey(b, ',', "reason", j.Reason)
	if j.Sign != "" {
		b = appendJSONKey(b, ',', "sign", j.Sign)
	}
	if j.Tier != "" {
		b = appendJSONKey(b, ',', "tier", j.Tier)
	}
	return append(b, '}')
}

// appendJSONKey appends sep, the key (plain ASCII) and the string s.
func appendJSONKey(b []byte, sep byte, key, s string) []byte {
	b = append(append(append(append(b, sep, '"'), key...), '"'), ':')
	return appendJSONString(b, s)
}

// appendJSONString appends s quoted as encoding/json quotes a string: the
// HTML characters, the control characters, U+2028 and U+2029 escaped, a
// byte that is not UTF-8 written as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', lowerHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// appendJSONFloat appends f as encoding/json writes a float64: like
// JavaScript, an exponent only for the very small and the very large.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 is written e-9
		b = b[:n-1]
	}
	return b
}
