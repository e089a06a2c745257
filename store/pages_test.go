package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// fillForPages writes a file with enough records for branch pages: days
// of sessions with sets and decisions.
func fillForPages(t testing.TB, path string, days int) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var hist []SessionHistory
	first := time.Date(2024, 1, 1, 8, 0, 0, 0, zoneEast)
	for d := 0; d < days; d++ {
		at := first.AddDate(0, 0, d)
		sess := testSession(at, StatusCompleted)
		h := SessionHistory{Session: sess}
		for i := 0; i < 10; i++ {
			r := testSet(sess.ID, i, (d+i)%8)
			r.At = at.Add(time.Duration(i) * time.Minute)
			h.Sets = append(h.Sets, r)
		}
		h.Decisions = append(h.Decisions, Decision{SessionID: sess.ID, Seq: 0, At: at, Rule: "amber",
			ExerciseID: "ankle-pumps", Exercise: "Ankle pumps", LevelAfter: 1, Reason: "Pain rose by 2."})
		hist = append(hist, h)
	}
	if _, err := s.Import(hist); err != nil {
		t.Fatal(err)
	}
	mustNil(t, s.Close())
}

// leafOf finds a leaf page of a bucket, going down the nth child of each
// branch, and returns its page id and the file offset of its last element.
func leafOf(t *testing.T, path string, bucket []byte, nth int) (id uint64, elem int64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	mustNil(t, err)
	ps := int64(db.Info().PageSize)
	var root uint64
	mustNil(t, db.View(func(tx *bolt.Tx) error { root = uint64(tx.Bucket(bucket).Root()); return nil }))
	mustNil(t, db.Close())
	data, err := os.ReadFile(path)
	mustNil(t, err)
	for id = root; ; {
		p := data[int64(id)*ps:]
		flags, count := ne.Uint16(p[8:]), int(ne.Uint16(p[10:]))
		if flags == leafPageFlag {
			return id, int64(id)*ps + pageHeaderSize + int64(count-1)*elementSize
		}
		if flags != branchPageFlag {
			t.Fatalf("page %d of %s is of type %#x", id, bucket, flags)
		}
		id = ne.Uint64(p[pageHeaderSize+min(nth, count-1)*elementSize+8:])
	}
}

// flip xors bit of the little (native) word of 4 bytes at off.
func flip(t *testing.T, path string, off int64, bit int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	mustNil(t, err)
	defer f.Close()
	var b [4]byte
	_, err = f.ReadAt(b[:], off)
	mustNil(t, err)
	ne.PutUint32(b[:], ne.Uint32(b[:])^1<<bit)
	_, err = f.WriteAt(b[:], off)
	mustNil(t, err)
}

// TestDamagedLengthRefusedFirst: one flipped bit in a stored key or value
// length. Open, read-only or not, refuses the file with the page and
// element, before any read or write; in the background, reads meanwhile
// refuse the damaged value by its length, and every write is refused; the
// file is left as it was.
func TestDamagedLengthRefusedFirst(t *testing.T) {
	clean := filepath.Join(t.TempDir(), "clean.db")
	fillForPages(t, clean, 400)
	data, err := os.ReadFile(clean)
	mustNil(t, err)
	for _, c := range []struct {
		name   string
		bucket []byte
		nth    int
		field  int64 // offset in the leaf element: 8 ksize, 12 vsize
		bit    int
	}{
		{"value length, high bit", bucketSessions, 0, 12, 29},
		{"value length, a page more", bucketSets, 3, 12, 12},
		{"key length", bucketSets, 1000, 8, 26},
		{"value length of a day", bucketDays, 1000, 12, 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.db")
			mustNil(t, os.WriteFile(path, data, 0o600))
			_, elem := leafOf(t, path, c.bucket, c.nth)
			flip(t, path, elem+c.field, c.bit)
			damaged, err := os.ReadFile(path)
			mustNil(t, err)
			for _, opts := range []Options{{ReadOnly: true}, {}} {
				start := time.Now()
				_, err := Open(path, opts)
				if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "is damaged: page ") ||
					!strings.Contains(err.Error(), "run past the page") {
					t.Errorf("%+v: %v", opts, err)
				}
				if d := time.Since(start); d > time.Second {
					t.Errorf("%+v: refused after %v", opts, d)
				}
				if len(err.Error()) > 300 {
					t.Errorf("the sentence is %d bytes long", len(err.Error()))
				}
			}
			s := mustOpen(t, path, Options{CheckInBackground: true})
			if err := s.Checked(); !errors.Is(err, ErrCorrupt) {
				t.Errorf("the walk in the background: %v", err)
			}
			if err := s.PutProfile(Profile{SurgeryDate: "2024-01-01"}); !errors.Is(err, ErrCorrupt) {
				t.Errorf("a write to the damaged file: %v", err)
			}
			mustNil(t, s.Close())
			if now, _ := os.ReadFile(path); !bytes.Equal(now, damaged) {
				t.Error("the damaged file was changed")
			}
		})
	}
}

// TestSmallLengthDamageFoundByCheck: a flipped low bit keeps a value
// inside its page, where only its contents can tell: the walk lets the
// file open, and Check and every read of the value refuse it.
func TestSmallLengthDamageFoundByCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.db")
	fillForPages(t, path, 100)
	_, elem := leafOf(t, path, bucketSessions, 2)
	flip(t, path, elem+12, 3) // a value of ~250 bytes, 8 more or fewer
	s := mustOpen(t, path, Options{ReadOnly: true})
	if err := s.Check(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "does not decode") {
		t.Errorf("Check: %v", err)
	}
	if err := s.ExportJSON(&bytes.Buffer{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("an export: %v", err)
	}
}

// TestWalkFindsWhatBboltChecks: the walk agrees with bbolt's own check on
// a sound file, and finds pages lost from the freelist or used twice.
func TestWalkFindsWhatBboltChecks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	fillForPages(t, path, 200)
	s := mustOpen(t, path, Options{ReadOnly: true})
	mustNil(t, s.Check())
	mustNil(t, s.Close())

	// A branch element pointing at the meta page, and one at a page past
	// the end: both refused by the walk.
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	mustNil(t, err)
	var root uint64
	ps := int64(db.Info().PageSize)
	mustNil(t, db.View(func(tx *bolt.Tx) error { root = uint64(tx.Bucket(bucketSets).Root()); return nil }))
	mustNil(t, db.Close())
	data, err := os.ReadFile(path)
	mustNil(t, err)
	if ne.Uint16(data[int64(root)*ps+8:]) != branchPageFlag {
		t.Fatal("the sets' root is not a branch page")
	}
	for want, child := range map[string]uint64{"outside pages 2 to": 1, "outside pages": 1 << 40} {
		bad := bytes.Clone(data)
		binary.NativeEndian.PutUint64(bad[int64(root)*ps+pageHeaderSize+8:], child)
		p := filepath.Join(t.TempDir(), "bad.db")
		mustNil(t, os.WriteFile(p, bad, 0o600))
		if _, err := Open(p, Options{ReadOnly: true}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), want) {
			t.Errorf("child %d: %v", child, err)
		}
	}
}

// FuzzOpenDamaged flips bytes of a small sound file. Whatever it does,
// Open, Check and an export end (never a panic, never a hang), and a
// refusal is one sentence of bounded length.
//
//	go test ./store -run '^$' -fuzz '^FuzzOpenDamaged$' -fuzztime 10s
func FuzzOpenDamaged(f *testing.F) {
	dir := f.TempDir()
	clean := filepath.Join(dir, "clean.db")
	fillForPages(f, clean, 60)
	data, err := os.ReadFile(clean)
	if err != nil {
		f.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 16; i++ {
		f.Add(uint32(rng.IntN(len(data))), uint8(1<<rng.IntN(8)), uint32(rng.IntN(len(data))), uint8(rng.IntN(256)))
	}
	f.Add(uint32(4096*2+16+12), uint8(0x20), uint32(0), uint8(0)) // a value length of the first data page
	f.Fuzz(func(t *testing.T, at1 uint32, x1 uint8, at2 uint32, x2 uint8) {
		bad := bytes.Clone(data)
		bad[int(at1)%len(bad)] ^= x1
		bad[int(at2)%len(bad)] ^= x2
		p := filepath.Join(t.TempDir(), "bad.db")
		if err := os.WriteFile(p, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(p, Options{ReadOnly: true, LockTimeout: 50 * time.Millisecond})
		if err != nil {
			sentence(t, err)
			return
		}
		defer s.Close()
		if err := s.Check(); err != nil {
			sentence(t, err)
		}
		if err := s.ExportJSON(&bytes.Buffer{}); err != nil {
			sentence(t, err)
		}
	})
}

func sentence(t *testing.T, err error) {
	t.Helper()
	if msg := err.Error(); msg == "" || len(msg) > 4096 || strings.Contains(msg, "\n") {
		t.Fatalf("not one short sentence (%d bytes): %.300q", len(msg), msg)
	}
}
