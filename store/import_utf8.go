package store

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// notUTF8 is a byte of an import that is not UTF-8. encoding/json would
// quietly turn it into U+FFFD, so a damaged note would be stored as
// another text than the one exported: the import is refused instead,
// naming the byte's offset in the file.
type notUTF8 struct {
	offset int64
	b      byte
}

func (e *notUTF8) Error() string {
	return fmt.Sprintf("byte %d (0x%02X) is not UTF-8; an export is UTF-8 text", e.offset, e.b)
}

// utf8Reader passes bytes through, checking as they pass that they are
// UTF-8; a character cut by a read boundary is checked with the next. It
// stops before a bad byte, and every read after it fails: the decoder
// never gets past it, so it cannot finish a value without seeing the
// error.
type utf8Reader struct {
	r    io.Reader
	off  int64  // offset of the first byte of the next read
	tail []byte // the start of a character the last read cut, already passed on
	err  *notUTF8
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	if u.err != nil {
		return 0, u.err
	}
	n, err := u.r.Read(p)
	buf := append(u.tail, p[:n]...)
	first := u.off                      // offset of p[0]
	start := u.off - int64(len(u.tail)) // offset of buf[0]
	u.off += int64(n)
	u.tail = nil
	for i := 0; i < len(buf); {
		if buf[i] < utf8.RuneSelf {
			i++
			continue
		}
		if !utf8.FullRune(buf[i:]) && err == nil {
			u.tail = append([]byte(nil), buf[i:]...) // the rest comes next
			break
		}
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size == 1 {
			u.err = &notUTF8{offset: start + int64(i), b: buf[i]}
			return int(max(u.err.offset-first, 0)), u.err
		}
		i += size
	}
	return n, err
}
