package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// An export whose note holds a byte that is not UTF-8 is refused, naming
// the byte's offset, and nothing is imported; the same export with the
// note intact imports, even read a byte at a time (every character cut
// by a read boundary).
func TestImportRefusesBytesThatAreNotUTF8(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	var buf bytes.Buffer
	mustNil(t, src.ExportJSON(&buf))
	good := bytes.Replace(buf.Bytes(), []byte(`"note": "pain rose"`), []byte(`"note": "pain rosé ✓ 𝄞"`), 1)
	if bytes.Equal(good, buf.Bytes()) {
		t.Fatal("the export has no note to change")
	}
	dst := newStore(t)
	if _, err := dst.ImportJSON(iotest.OneByteReader(bytes.NewReader(good))); err != nil {
		t.Fatalf("valid UTF-8 cut at every byte was refused: %v", err)
	}
	for _, bad := range [][]byte{{0xff}, {0xc3}, {0xe2, 0x9c}, {0xed, 0xa0, 0x80}, {0x80}} {
		doc := bytes.Replace(good, []byte("rosé"), append([]byte("ros"), bad...), 1)
		at := bytes.Index(doc, []byte("ros")) + 3
		for _, read := range []string{"whole", "a byte at a time"} {
			dst := newStore(t)
			r := bytes.NewReader(doc)
			var err error
			if read == "whole" {
				_, err = dst.ImportJSON(r)
			} else {
				_, err = dst.ImportJSON(iotest.OneByteReader(r))
			}
			want := fmt.Sprintf("byte %d (0x%02X) is not UTF-8", at, bad[0])
			if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
				t.Fatalf("% x read %s: %v, want an ErrInvalid saying %q", bad, read, err, want)
			}
			sessions, err := dst.SessionsBetween(time.Time{}, time.Now().AddDate(100, 0, 0))
			mustNil(t, err)
			if len(sessions) != 0 {
				t.Fatalf("% x: %d sessions imported from a refused export", bad, len(sessions))
			}
		}
	}
}

// A name with a bidirectional mark (U+200F, U+061C) is refused by every
// write: a session put, and an import, which stores nothing.
func TestNamesRefuseBidiMarks(t *testing.T) {
	for _, mark := range []string{"\u200f", "\u061c", "\u200e", "\u2067"} {
		s := newStore(t)
		sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC), StatusCompleted)
		sess.Routine = "Phase 1" + mark + " protect"
		if err := s.PutSession(sess); !errors.Is(err, ErrInvalid) {
			t.Errorf("%U: PutSession gave %v, want ErrInvalid", []rune(mark)[0], err)
		}
		src := newStore(t)
		fill(t, src)
		var buf bytes.Buffer
		mustNil(t, src.ExportJSON(&buf))
		doc := bytes.Replace(buf.Bytes(), []byte(`"Bridge"`), []byte(`"Bri`+mark+`dge"`), 1)
		dst := newStore(t)
		want := fmt.Sprintf("(U+%04X)", []rune(mark)[0])
		if _, err := dst.ImportJSON(bytes.NewReader(doc)); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("%U: import gave %v, want ErrInvalid naming %s", []rune(mark)[0], err, want)
		}
	}
}
