package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// The quick reading of an export (import_doc.go, import_scan.go) against
// encoding/json's (exportReader over the whole document, as the import
// read before): over made-up histories with every kind of text and number
// a record can hold, written as ExportJSON writes them and in other ways
// JSON allows, whole and cut by every kind of read, and damaged, both
// give the same records and the same refusals, and the same files.

var quickTexts = []string{"", "Phase 1: protect", `Sit & stand <slowly>`, `He said "stop", then \ went on / up`,
	"rosé ✓ 𝄞 日本語", "Bridge", "a", strings.Repeat("long text ", 30)}

var quickZones = []*time.Location{time.UTC, time.FixedZone("", 2*3600), time.FixedZone("", -(5*3600 + 1800)), time.FixedZone("", 14*3600)}

// quickHistory is n sessions from start on, in time order, with a bit of
// everything an export can hold.
func quickHistory(rng *rand.Rand, start time.Time, n int) []SessionHistory {
	text := func() string { return quickTexts[rng.IntN(len(quickTexts))] }
	at := func(t time.Time) time.Time {
		if rng.IntN(10) == 0 {
			return time.Time{}
		}
		return t.Add(time.Duration(rng.IntN(3)) * time.Nanosecond * 7).In(quickZones[rng.IntN(len(quickZones))])
	}
	var out []SessionHistory
	for i := range n {
		t := start.Add(time.Duration(i)*5*time.Hour + time.Duration(rng.IntN(1000))*time.Microsecond).In(quickZones[rng.IntN(len(quickZones))])
		sess := Session{ID: NewSessionID(t), StartedAt: t, EndedAt: at(t.Add(30 * time.Minute)), RoutineID: "phase" + fmt.Sprint(rng.IntN(3)),
			Routine: text(), Baseline: rng.IntN(12) - 1, DoseLevel: rng.IntN(5) - 1, Short: rng.IntN(4) == 0,
			Status: Status(1 + rng.IntN(4)), Note: text()}
		h := SessionHistory{Session: sess}
		for j := range rng.IntN(12) {
			r := SetRecord{SessionID: sess.ID, Index: j, ExerciseID: []string{"glide", "walk", "bridge"}[rng.IntN(3)], Exercise: text(),
				Side: routine.Side(rng.IntN(3)), SetNo: rng.IntN(4), RepsPlanned: rng.IntN(20), RepsDone: rng.IntN(20),
				Hold: []time.Duration{0, 30 * time.Second, 2500 * time.Millisecond, 1234567891, time.Nanosecond, 5 * time.Minute}[rng.IntN(6)],
				Pain: rng.IntN(11), DoseLevel: rng.IntN(4) - 1, At: at(t.Add(time.Duration(j) * time.Minute))}
			if rng.IntN(5) == 0 {
				r.Pain, r.Skipped = -1, true
			}
			h.Sets = append(h.Sets, r)
		}
		for j := range rng.IntN(3) {
			d := Decision{SessionID: sess.ID, Seq: j, At: at(t), Rule: []string{"amber", "red", "build-up"}[rng.IntN(3)],
				ExerciseID: "glide", Exercise: text(), Side: routine.Side(rng.IntN(3)), LevelBefore: rng.IntN(3), LevelAfter: rng.IntN(3),
				HoldStepUp: rng.IntN(2) == 0, Minutes: rng.IntN(3) * 5, Reason: "Pain " + text() + ".", Sign: []string{"", "numbness"}[rng.IntN(2)],
				Tier: []string{"", "urgent"}[rng.IntN(2)]}
			h.Decisions = append(h.Decisions, d)
		}
		out = append(out, h)
	}
	return out
}

// quickExportDoc is the JSON export of a store holding a made-up history
// of n sessions; with part, also those of stores holding its first part
// sessions and the rest.
func quickExportDoc(t testing.TB, seed uint64, n, part int) (doc, first, rest []byte) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 81))
	hist := quickHistory(rng, time.Date(2024, 1, 2, 7, 0, 0, 0, time.UTC), n)
	export := func(h []SessionHistory) []byte {
		s := newStore(t)
		if _, err := s.Import(h); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := s.ExportJSON(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if part > 0 {
		first, rest = export(hist[:part]), export(hist[part:])
	}
	return export(hist), first, rest
}

// readsOf is what reading doc gives: each record encoded as it would be
// stored (or the error encoding it gave), and the error reading ended
// with.
func readsOf(doc io.Reader, read func(io.Reader, func(SessionHistory) error) error) (recs []string, end string) {
	err := read(doc, func(h SessionHistory) error {
		if h.Review != nil {
			v, err := json.Marshal(toReviewJSON(*h.Review))
			recs = append(recs, fmt.Sprintf("review %s %v", v, err))
			return nil
		}
		it, err := encodeHistory(h)
		if err != nil {
			recs = append(recs, "refused: "+err.Error())
			return nil
		}
		recs = append(recs, fmt.Sprintf("%s %q %q", it.sessVal, it.setVals, it.decVals))
		return nil
	})
	if err != nil {
		end = err.Error()
	}
	return recs, end
}

// readWithEncodingJSON reads a document as the import did before the
// quick reading: encoding/json over all of it.
func readWithEncodingJSON(r io.Reader, add func(SessionHistory) error) error {
	return newExportReader(r, 0, add).document()
}

// sameReads fails the test where the quick reading of doc, in reads of
// every kind, differs from encoding/json's.
func sameReads(t *testing.T, name string, doc []byte) {
	t.Helper()
	want, wantErr := readsOf(bytes.NewReader(doc), readWithEncodingJSON)
	readers := map[string]io.Reader{"whole": bytes.NewReader(doc), "half": iotest.HalfReader(bytes.NewReader(doc)),
		"by 7000 bytes": &chunkReader{doc, 7000}}
	if len(doc) < 20000 {
		readers["a byte at a time"] = iotest.OneByteReader(bytes.NewReader(doc))
	}
	for how, r := range readers {
		got, gotErr := readsOf(r, readExport)
		if gotErr != wantErr {
			t.Fatalf("%s, read %s: the quick reading ends with\n%q\nencoding/json with\n%q", name, how, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("%s, read %s: record %d is\n%s\nencoding/json's\n%s", name, how, i, got[i], want[i])
				}
			}
			t.Fatalf("%s, read %s: %d records, encoding/json %d", name, how, len(got), len(want))
		}
	}
}

// chunkReader reads n bytes at a time.
type chunkReader struct {
	b []byte
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	m := copy(p[:min(len(p), c.n)], c.b)
	c.b = c.b[m:]
	return m, nil
}

// The forms JSON allows beside ExportJSON's, each made from an export by
// a replacement: the ones the quick reading leaves to encoding/json, and
// the ones it reads itself.
var quickForms = []struct{ name, old, new string }{
	{"a key in capitals", `"note":`, `"Note":`},
	{"a null", `"note": ""`, `"note": null`},
	{"an escaped letter", `"routine": "P`, `"routine": "\u0050`},
	{"an escaped key", `"pain":`, `"p\u0061in":`},
	{"a hold with an exponent", `"hold_s": 30`, `"hold_s": 3.0e1`},
	{"a hold of many digits", `"hold_s": 30`, `"hold_s": 300000000000000`},
	{"a hold negative zero", `"hold_s": 0,`, `"hold_s": -0,`},
	{"a whole number with a fraction", `"pain": 2`, `"pain": 2.0`},
	{"a number too long", `"pain": 2`, `"pain": 200000000000000000000`},
	{"a number over 32 bits", `"index": 1,`, `"index": 3000000000,`},
	{"a key twice", `"note": "",`, `"note": "x", "note": "",`},
	{"a list twice", `"events": [`, `"events": [], "events": [`},
	{"an unknown key", `"short":`, `"tall": 1, "short":`},
	{"a surrogate pair", `"note": ""`, `"note": "\ud834\udd1e"`},
	{"a lone surrogate", `"note": ""`, `"note": "\ud834"`},
	{"a status unknown", `"status": "completed"`, `"status": "done"`},
	{"a status as a number", `"status": "completed"`, `"status": 2`},
	{"a session as null", `"sessions": [`, `"sessions": [null,`},
	{"a session empty", `"sessions": [`, `"sessions": [{},`},
	{"no comma", `},
    {`, `}
    {`},
	{"a comma too many", `
  ]`, `,
  ]`},
	{"an escape of each kind", `"note": ""`, `"note": "\"\\\/\b\f\n\r\t\u00e9\u2028"`},
	{"a control character", `"note": ""`, "\"note\": \"\x01\""},
	{"the fields in another order", `"format": "spinecoach-export",
  "version": 1,`, `"version": 1, "format": "spinecoach-export",`},
	{"another format", `"spinecoach-export"`, `"other"`},
	{"a newer version", `"version": 1`, `"version": 3`},
	{"reviews", "\n  ]\n}", "\n  ],\n  \"reviews\": []\n}"},
	{"something after", "\n  ]\n}", "\n  ]\n}x"},
}

// TestQuickReadingIsEncodingJSON: the export of a made-up history, in
// every form of quickForms, compacted, cut short and damaged.
func TestQuickReadingIsEncodingJSON(t *testing.T) {
	doc, _, _ := quickExportDoc(t, 1, 60, 0)
	sameReads(t, "the export", doc)
	var compact bytes.Buffer
	mustNil(t, json.Compact(&compact, doc))
	sameReads(t, "the export compacted", compact.Bytes())
	for _, f := range quickForms {
		if !bytes.Contains(doc, []byte(f.old)) {
			t.Fatalf("%s: %q is not in the export", f.name, f.old)
		}
		sameReads(t, f.name, bytes.Replace(doc, []byte(f.old), []byte(f.new), 1))
		// The same in the last session: after the quick reading read many.
		if i := bytes.LastIndex(doc, []byte(f.old)); i > len(doc)/2 {
			sameReads(t, f.name+" at the end", append(append(append([]byte{}, doc[:i]...), f.new...), doc[i+len(f.old):]...))
		}
	}
	// Cut at every byte of a short export: every place a read can stop.
	short, _, _ := quickExportDoc(t, 4, 3, 0)
	for at := range len(short) {
		want, wantErr := readsOf(bytes.NewReader(short[:at]), readWithEncodingJSON)
		got, gotErr := readsOf(bytes.NewReader(short[:at]), readExport)
		if gotErr != wantErr || !reflect.DeepEqual(got, want) {
			t.Fatalf("cut at byte %d: the quick reading ends with %q after %d records, encoding/json with %q after %d",
				at, gotErr, len(got), wantErr, len(want))
		}
	}
	rng := rand.New(rand.NewPCG(2, 81))
	for i := range 300 {
		bad := append([]byte{}, doc...)
		at := rng.IntN(len(bad))
		switch i % 4 {
		case 0:
			bad = bad[:at]
		case 1:
			bad[at] = byte(rng.IntN(256))
		case 2:
			bad = append(bad[:at], bad[at+1:]...)
		case 3:
			bad = append(bad[:at], append([]byte{"{}[],:\"\\0e-"[rng.IntN(11)]}, bad[at:]...)...)
		}
		sameReads(t, fmt.Sprintf("damage %d at byte %d", i, at), bad)
	}
}

// TestQuickImportIsEncodingJSONs: imports of made-up exports by the quick
// reading and by encoding/json leave the same records in every bucket,
// into a new file and into one that holds the first or the last part of
// them.
func TestQuickImportIsEncodingJSONs(t *testing.T) {
	for seed := range uint64(4) {
		doc, first, rest := quickExportDoc(t, 10+seed, 150, 75)
		quick, slow := newStore(t), newStore(t)
		// The first part, all of it (the rest new, after every key the
		// file has), all again (nothing new); then into a file holding
		// the rest, all (the first part new, before every key).
		docs := [][]byte{first, doc, doc}
		if seed%2 == 1 {
			docs = [][]byte{rest, doc, doc}
		}
		for _, d := range docs {
			_, err := quick.ImportJSON(bytes.NewReader(d))
			mustNil(t, err)
			_, err = slow.importWith(nil, func(add func(SessionHistory) error) error {
				return readWithEncodingJSON(bytes.NewReader(d), add)
			})
			mustNil(t, err)
			mustNil(t, quick.Check()) // the aggregates, digests and indexes match the records
			if a, b := fileRecords(t, quick), fileRecords(t, slow); a != b {
				t.Fatalf("seed %d: the files differ:\n%s\n\n%s", seed, a, b)
			}
		}
		if got := exportOf(t, quick); !bytes.Equal(got, doc) {
			t.Fatalf("seed %d: the export of the import is not the export imported", seed)
		}
	}
}

// fileRecords is every key and value of every bucket of s's file.
func fileRecords(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			fmt.Fprintf(&b, "[%s]\n", name)
			return bk.ForEach(func(k, v []byte) error {
				fmt.Fprintf(&b, "%q=%q\n", k, v)
				return nil
			})
		})
	}))
	return b.String()
}

// FuzzQuickReading: whatever the document, the quick reading gives what
// encoding/json gives.
//
//	go test ./store -run '^$' -fuzz '^FuzzQuickReading$' -fuzztime 60s
func FuzzQuickReading(f *testing.F) {
	doc, _, _ := quickExportDoc(f, 3, 3, 0)
	f.Add(doc)
	for _, q := range quickForms {
		f.Add(bytes.Replace(doc, []byte(q.old), []byte(q.new), 1))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		sameReads(t, "the document", doc)
	})
}
