package safetext

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFindAndLine(t *testing.T) {
	for _, c := range []struct {
		in, line, text string
		at             int
	}{
		{"Bridge", "Bridge", "Bridge", -1},
		{"Brücke · 30 s ▲ \uFFFD", "Brücke · 30 s ▲ \uFFFD", "Brücke · 30 s ▲ \uFFFD", -1},
		{"x\x1b]52;c;aGk=\x07y", "x\uFFFD]52;c;aGk=\uFFFDy", "x\uFFFD]52;c;aGk=\uFFFDy", 1},
		{"\x1b[2J", "\uFFFD[2J", "\uFFFD[2J", 0},
		{"a\nb\tc\r", "a\uFFFDb\uFFFDc\uFFFD", "a\nb\uFFFDc\uFFFD", 1},
		{"del\x7f", "del\uFFFD", "del\uFFFD", 3},
		{"c1 \u009b2J", "c1 \uFFFD2J", "c1 \uFFFD2J", 3},
		{"bidi \u202eevil\u2066", "bidi \uFFFDevil\uFFFD", "bidi \uFFFDevil\uFFFD", 5},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8", "bad \uFFFD\uFFFD utf8", 4},
		{"cut \xe2\x96", "cut \uFFFD\uFFFD", "cut \uFFFD\uFFFD", 4},
	} {
		if at, _ := Find(c.in); at != c.at {
			t.Errorf("Find(%q) = %d, want %d", c.in, at, c.at)
		}
		if got := Line(c.in); got != c.line {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
		}
	}
}

// Every bidirectional control is refused, and nothing near them is.
func TestEveryBidiControlIsRefused(t *testing.T) {
	bidi := []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}
	for _, r := range bidi {
		name := "Bridge " + string(r) + "left"
		err := Check("name", name, 100)
		want := fmt.Sprintf("name has a control character (U+%04X) at byte 7", r)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("U+%04X: %v, want %q", r, err, want)
		}
		if got := Line(name); strings.ContainsRune(got, r) {
			t.Errorf("U+%04X reaches the output: %q", r, got)
		}
	}
	for _, r := range []rune{0x061b, 0x061d, 0x200d, 0x2010, 0x2029, 0x202f, 0x2065, 0x206a, 0x05d0, 0x0627} {
		if Bad(r) {
			t.Errorf("U+%04X is refused, but it is not a control", r)
		}
	}
}

func TestCheckNamesTheCharacterNotItself(t *testing.T) {
	err := Check(`exercise "bridge": name`, "Bri\x1b]52;c;x\x07dge", 200)
	if err == nil || err.Error() != `exercise "bridge": name has an escape character (U+001B) at byte 3; text may not hold control characters` {
		t.Errorf("got %v", err)
	}
	if err := Check("note", strings.Repeat("a", 11), 10); err == nil || !strings.Contains(err.Error(), "is 11 bytes long; at most 10") {
		t.Errorf("got %v", err)
	}
	if err := Check("note", "fine ünïcode", 100); err != nil {
		t.Errorf("got %v", err)
	}
}

func TestWriterKeepsOnlyWhatItIsTold(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out, "\n")
	// "é" (2 bytes) and "▲" (3 bytes) cut across writes; an escape alone.
	for _, p := range []string{"a\xc3", "\xa9 \xe2\x96", "\xb2\n\x1b[31mred\r\n", "\xe2"} {
		if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", p, n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "aé ▲\n\uFFFD[31mred\uFFFD\n\uFFFD"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzLine: whatever goes in, what comes out is UTF-8 with no refused
// character, the same as what goes in when nothing was refused, and the
// same through a Writer in any two pieces.
//
//	go test ./internal/safetext -run '^$' -fuzz '^FuzzLine$' -fuzztime 10s
func FuzzLine(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]52;c;aGVsbG8=\x07", "\x1b[2J\x1b[H", "\u009b31m", "\xff", "é▲\uFFFD", "a\nb\r\n", "\u202e"} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		line, text := Line(s), Text(s)
		for _, out := range []string{line, text} {
			if !utf8.ValidString(out) {
				t.Fatalf("not UTF-8: %q", out)
			}
			if Line(out) != line {
				t.Fatalf("not idempotent: %q", out)
			}
		}
		if i, _ := Find(line); i >= 0 {
			t.Fatalf("Line(%q) = %q still has a refused character at %d", s, line, i)
		}
		if strings.ContainsAny(text, "\x1b\r\t\x07") {
			t.Fatalf("Text(%q) = %q", s, text)
		}
		if i, _ := Find(s); i < 0 && line != s {
			t.Fatalf("Line changed clean text %q to %q", s, line)
		}
		var out bytes.Buffer
		w := NewWriter(&out, "\n")
		k := int(cut) % (len(s) + 1)
		w.Write([]byte(s[:k]))
		w.Write([]byte(s[k:]))
		w.Flush()
		if out.String() != text {
			t.Fatalf("Writer(%q cut at %d) = %q, Text = %q", s, k, out.String(), text)
		}
	})
}

// findByBytes is Find as it was before unprintable8: every byte looked
// at. The reference of TestFindAgreesByteByByte.
func findByBytes(s string) (int, rune) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i, utf8.RuneError
		}
		if Bad(r) {
			return i, r
		}
		i += n
	}
	return -1, 0
}

// Find finds what the byte-by-byte Find finds, over random strings of
// printable ASCII with every byte value, bidi controls, UTF-8 whole and
// cut, at every place around the eight-byte steps.
func TestFindAgreesByteByByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	odd := []string{"\x7f", "\x1f", "\x00", " ", "~", "\x80", "\u009b", "\u202e", "é", "✓", "\xe2\x96", "\xff", "\u2066"}
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			switch rng.IntN(12) {
			case 0:
				b.WriteString(odd[rng.IntN(len(odd))])
			case 1:
				b.WriteByte(byte(rng.IntN(256)))
			default:
				b.WriteByte(byte(0x20 + rng.IntN(0x5f)))
			}
		}
		s := b.String()
		gi, gr := Find(s)
		wi, wr := findByBytes(s)
		if gi != wi || gr != wr {
			t.Fatalf("Find(%q) = %d %U, byte by byte %d %U", s, gi, gr, wi, wr)
		}
	}
}

// PrintableRun counts the printable ASCII a string begins with: every
// byte value at every place of strings of 1 to 20 printable bytes, and
// random strings around the printable range's ends.
func TestPrintableRun(t *testing.T) {
	want := func(s string) int {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7e {
				return i
			}
		}
		return len(s)
	}
	for size := 1; size <= 20; size++ {
		for at := 0; at < size; at++ {
			for b := 0; b < 256; b++ {
				s := []byte(strings.Repeat("abcdefghij", 2)[:size])
				s[at] = byte(b)
				if got := PrintableRun(string(s)); got != want(string(s)) {
					t.Fatalf("PrintableRun(%q) = %d, want %d", s, got, want(string(s)))
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	for range 100000 {
		s := make([]byte, rng.IntN(40))
		for i := range s {
			s[i] = byte(0x1c + rng.IntN(0x68)) // around the printable range's ends
			if rng.IntN(50) == 0 {
				s[i] = byte(rng.IntN(256))
			}
		}
		if got := PrintableRun(string(s)); got != want(string(s)) {
			t.Fatalf("PrintableRun(%q) = %d, want %d", s, got, want(string(s)))
		}
	}
}
