package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/store"
)

// An import of years of history takes seconds: on a terminal, once it
// has run for a second, a line says how far it is (sessions, megabytes,
// an estimate of the time left) and is rewritten in place at most four
// times a second; it is wiped when the import ends. On a pipe or a file
// nothing is written. A failed import says how far it had read.

// progressAfter is how long an import runs before its progress is shown;
// progressEvery is how often the line is rewritten.
const (
	progressAfter = time.Second
	progressEvery = 250 * time.Millisecond
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// importProgress is the progress line of one import.
type importProgress struct {
	w      io.Writer // the terminal; nil: a pipe or a file, nothing is said
	in     *countingReader
	total  int64 // the document's size; 0 when unknown (a pipe)
	now    func() time.Time
	start  time.Time
	last   time.Time // when the line was last written; zero: not yet
	width  int       // of the line on screen
	counts store.ImportResult
}

// update takes the counts after a batch and rewrites the line when due.
func (p *importProgress) update(res store.ImportResult) {
	p.counts = res
	if p.w == nil {
		return
	}
	now := p.now()
	if now.Sub(p.start) < progressAfter || (!p.last.IsZero() && now.Sub(p.last) < progressEvery) {
		return
	}
	p.last = now
	line := "Importing: " + p.where()
	if left, ok := p.left(now); ok {
		line += fmt.Sprintf(", about %s left", left)
	}
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	fmt.Fprint(p.w, "\r"+line+strings.Repeat(" ", pad))
}

// where is how far the import has read: sessions and megabytes.
func (p *importProgress) where() string {
	sessions := p.counts.Sessions + p.counts.SessionsKnown
	read := float64(p.in.n) / 1e6
	if p.total > 0 {
		return fmt.Sprintf("%d sessions, %.1f of %.1f MB", sessions, read, float64(p.total)/1e6)
	}
	return fmt.Sprintf("%d sessions, %.1f MB", sessions, read)
}

// left estimates the time to read the rest at the pace so far.
func (p *importProgress) left(now time.Time) (time.Duration, bool) {
	spent := now.Sub(p.start)
	if p.total <= 0 || p.in.n <= 0 || p.in.n >= p.total {
		return 0, false
	}
	rest := time.Duration(float64(spent) * float64(p.total-p.in.n) / float64(p.in.n))
	return rest.Round(time.Second) + time.Second, true
}

// end wipes the line, if one was written.
func (p *importProgress) end() {
	if p.w != nil && p.width > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
		p.width = 0
	}
}
