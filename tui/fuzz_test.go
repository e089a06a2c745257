package tui

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
)

// fuzzKeys are the keys a control byte of the fuzz input stands for.
// Bytes 0x10 and up are typed characters: a run of them is one KeyRunes
// message, as fast typing or a paste delivers them; 0x00 ends a run.
var fuzzKeys = [16]tea.KeyMsg{
	0x01: {Type: tea.KeyEsc},
	0x02: {Type: tea.KeySpace, Runes: []rune{' '}},
	0x03: {Type: tea.KeyCtrlC},
	0x04: {Type: tea.KeyDelete},
	0x05: {Type: tea.KeyUp},
	0x06: {Type: tea.KeyLeft},
	0x07: {Type: tea.KeyTab},
	0x08: {Type: tea.KeyBackspace},
	0x09: {Type: tea.KeyCtrlH},
	0x0a: {Type: tea.KeyEnter},
	0x0b: {Type: tea.KeyRunes, Runes: []rune{'5'}, Alt: true},
	0x0c: {Type: tea.KeyPgDown},
	0x0d: {Type: tea.KeyEnter},
	0x0e: {Type: tea.KeyCtrlU},
	0x0f: {Type: tea.KeyF1},
}

// fuzzMsgs turns fuzz bytes into the key messages they stand for.
func fuzzMsgs(data []byte) []tea.KeyMsg {
	var msgs []tea.KeyMsg
	for len(data) > 0 {
		b := data[0]
		if b < 0x10 {
			if b != 0 {
				msgs = append(msgs, fuzzKeys[b])
			}
			data = data[1:]
			continue
		}
		n := 0
		for n < len(data) && data[n] >= 0x10 {
			n++
		}
		var runes []rune
		for s := data[:n]; len(s) > 0; {
			r, size := utf8.DecodeRune(s)
			runes = append(runes, r)
			s = s[size:]
		}
		msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: runes})
		data = data[n:]
	}
	return msgs
}

// FuzzScoreInput types arbitrary keys into the pain-score field: runes
// one at a time or many to a message, Enter, Backspace and other keys.
// Only a score from 0 to 10 ever comes out, and only the one the field
// held when Enter was pressed; the field never holds more than two ASCII
// digits; a refused key always says why; nothing panics, the view
// included.
//
//	go test ./tui -run '^$' -fuzz '^FuzzScoreInput$' -fuzztime 10s
func FuzzScoreInput(f *testing.F) {
	for _, seed := range []string{
		"5\n", "10\n", "0\n", "11\n", "007\n", "99\n", "\n", "x\n", "-1\n", "1\x002\n",
		"1\b0\n", "1\x080\n", "\x08\x08\n", "7\x0a\x0a", "3 \n", "1\x000\x00\n", "１\n", "٣\n",
		"\x0b\n", "\x0c\n", "\x05\x06\x07\n", "10\x0a9\x0a", "4\xff\n", "\x7f5\n",
	} {
		f.Add([]byte(seed))
	}
	theme := DefaultTheme()
	f.Fuzz(func(t *testing.T, data []byte) {
		var in scoreInput
		for i, msg := range fuzzMsgs(data) {
			held := in.digits
			next, score, ok := in.update(msg)
			if ok {
				if score < 0 || score > 10 {
					t.Fatalf("key %d (%v): score %d came out", i, msg, score)
				}
				if msg.Type != tea.KeyEnter {
					t.Fatalf("key %d (%v): a score came out without Enter", i, msg)
				}
				if n, err := strconv.Atoi(held); err != nil || n != score {
					t.Fatalf("key %d: the field held %q and %d came out", i, held, score)
				}
				if next.digits != "" {
					t.Fatalf("key %d: the field still holds %q after the score was taken", i, next.digits)
				}
			}
			if len(next.digits) > 2 || strings.Trim(next.digits, "0123456789") != "" {
				t.Fatalf("key %d (%v): the field holds %q", i, msg, next.digits)
			}
			if !ok && next.digits == held && next.hint == "" && msg.Type != tea.KeyBackspace {
				t.Fatalf("key %d (%v) did nothing and said nothing", i, msg)
			}
			if n, valid := next.pending(); valid && (n < 0 || n > 10) {
				t.Fatalf("key %d: pending score %d", i, n)
			}
			in = next
		}
		_ = in.view(theme, int(len(data)%100)) // the field as the keys left it
	})
}
