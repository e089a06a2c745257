package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Fixed zones keep the tests independent of the machine's TZ.
var (
	zoneEast = time.FixedZone("", 2*3600)
	zoneWest = time.FixedZone("", -5*3600)
)

func openTest(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func newStore(t testing.TB) *Store {
	t.Helper()
	return openTest(t, filepath.Join(t.TempDir(), "data", "spinecoach.db"), Options{})
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "xdg", "spinecoach")
	path := filepath.Join(dir, "spinecoach.db")
	s := openTest(t, path, Options{})
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	for _, c := range []struct {
		path string
		want fs.FileMode
	}{{dir, 0o700}, {filepath.Dir(dir), 0o700}, {path, 0o600}} {
		info, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != c.want {
			t.Errorf("%s: mode %v, want %v", c.path, got, c.want)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// The first transaction wrote the marker and schema version.
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			t.Fatal("no meta bucket")
		}
		if got := string(meta.Get(keyMarker)); got != "spinecoach" {
			t.Errorf("marker %q", got)
		}
		if got := string(meta.Get(keySchema)); got != strconv.Itoa(schemaVersion) {
			t.Errorf("schema %q", got)
		}
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				t.Errorf("bucket %s missing", b)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlyOpenCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	path := filepath.Join(dir, "spinecoach.db")
	_, err := Open(path, Options{ReadOnly: true})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read-only open created %s", dir)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	start := time.Date(2025, 3, 4, 9, 30, 15, 123456789, zoneWest)
	sess := testSession(start, StatusCompleted)
	sess.EndedAt = start.Add(25 * time.Minute)
	sess.Note = "felt fine"
	set := testSet(sess.ID, 0, 3)
	prof := Profile{SurgeryDate: "2025-01-20", Region: "lumbar", ClearedPhase: 2,
		ClearedAt: time.Date(2025, 2, 1, 10, 0, 0, 0, zoneWest), Cues: "off"}

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustNil(t, s.PutSession(sess))
	mustNil(t, s.RecordSet(set))
	mustNil(t, s.PutProfile(prof))
	mustNil(t, s.Close())

	for _, ro := range []bool{false, true} {
		s := openTest(t, path, Options{ReadOnly: ro})
		got, err := s.Session(sess.ID)
		mustNil(t, err)
		assertSession(t, got, sess)
		sets, err := s.SetsOf(sess.ID)
		mustNil(t, err)
		if len(sets) != 1 {
			t.Fatalf("ro=%t: %d sets", ro, len(sets))
		}
		assertSet(t, sets[0], set)
		p, err := s.Profile()
		mustNil(t, err)
		if p.SurgeryDate != prof.SurgeryDate || p.Region != prof.Region || p.ClearedPhase != 2 ||
			!p.ClearedAt.Equal(prof.ClearedAt) || p.Cues != "off" {
			t.Errorf("ro=%t: profile %+v", ro, p)
		}
		mustNil(t, s.Close())
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	const timeout = 100 * time.Millisecond
	tests := []struct {
		name          string
		first, second bool // ReadOnly
		wantLocked    bool
	}{
		{"writer then writer", false, false, true},
		{"writer then reader", false, true, true},
		{"reader then writer", true, false, true},
		{"reader then reader", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			mustNil(t, mustOpen(t, path, Options{}).Close()) // create it
			first := openTest(t, path, Options{ReadOnly: tt.first, LockTimeout: timeout})
			_ = first

			begin := time.Now()
			second, err := Open(path, Options{ReadOnly: tt.second, LockTimeout: timeout})
			elapsed := time.Since(begin)
			if !tt.wantLocked {
				mustNil(t, err)
				mustNil(t, second.Close())
				return
			}
			if !errors.Is(err, ErrLocked) {
				t.Fatalf("err = %v, want ErrLocked", err)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "another spinecoach") {
				t.Errorf("message %q should name the file and say why", err)
			}
			// bbolt retries every 50 ms and gives up within one retry of
			// the timeout; allow for a slow machine, but no hang.
			if elapsed < timeout/2 || elapsed > 10*timeout {
				t.Errorf("gave up after %v, want about %v", elapsed, timeout)
			}
		})
	}
}

func mustOpen(t *testing.T, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// plainBolt makes a bbolt file the way another program would.
func plainBolt(t *testing.T, path string, opts *bolt.Options, bucket string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, opts)
	if err != nil {
		t.Fatal(err)
	}
	if bucket != "" {
		err = db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte(bucket))
			if err != nil {
				return err
			}
			return b.Put([]byte("k"), []byte("v"))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	mustNil(t, db.Close())
}

func TestForeignFilesRefusedUntouched(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rnd.UintN(256))
	}
	tests := []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"empty file", func(t *testing.T, p string) { mustNil(t, os.WriteFile(p, nil, 0o600)) }},
		{"short file", func(t *testing.T, p string) { mustNil(t, os.WriteFile(p, []byte("abc"), 0o600)) }},
		{"text file", func(t *testing.T, p string) {
			mustNil(t, os.WriteFile(p, []byte(strings.Repeat("date,pain\n2025-01-01,3\n", 500)), 0o600))
		}},
		{"random bytes", func(t *testing.T, p string) { mustNil(t, os.WriteFile(p, random, 0o600)) }},
		{"plain bbolt", func(t *testing.T, p string) { plainBolt(t, p, nil, "other") }},
		// A read-write bbolt open would write this one (freelist sync).
		{"plain bbolt without freelist", func(t *testing.T, p string) {
			plainBolt(t, p, &bolt.Options{NoFreelistSync: true}, "other")
		}},
		{"bbolt with another marker", func(t *testing.T, p string) {
			plainBolt(t, p, nil, "")
			db, err := bolt.Open(p, 0o600, nil)
			mustNil(t, err)
			mustNil(t, db.Update(func(tx *bolt.Tx) error {
				b, _ := tx.CreateBucket(bucketMeta)
				return b.Put(keyMarker, []byte("someoneelse"))
			}))
			mustNil(t, db.Close())
		}},
	}
	// Every way of opening: the coach's (read-write, the page walk in the
	// background) opens a file read-write at once when bbolt would not
	// write to it, and checks it after.
	modes := map[string]Options{"read-write": {}, "read-only": {ReadOnly: true},
		"as the coach opens": {CheckInBackground: true}, "read-only, walk after": {ReadOnly: true, CheckInBackground: true}}
	for _, tt := range tests {
		for mode, opts := range modes {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "spinecoach.db")
				tt.make(t, path)
				before := fileSum(t, path)
				opts.LockTimeout = 100 * time.Millisecond
				s, err := Open(path, opts)
				if err == nil {
					_ = s.Close()
					t.Fatal("Open succeeded")
				}
				if !errors.Is(err, ErrForeign) {
					t.Fatalf("err = %v, want ErrForeign", err)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("message %q does not name the file", err)
				}
				if fileSum(t, path) != before {
					t.Error("the file was modified")
				}
			})
		}
	}
}

func TestDirectoryRefused(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrForeign) {
		t.Fatalf("err = %v, want ErrForeign", err)
	}
}

// setMeta rewrites a meta key of a closed spinecoach file behind our back.
func setMeta(t *testing.T, path string, key []byte, val string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(key, []byte(val)) }))
	mustNil(t, db.Close())
}

func TestSchemaChecks(t *testing.T) {
	tests := []struct {
		name   string
		key    []byte
		val    string
		want   error
		phrase string
	}{
		{"newer schema", keySchema, strconv.Itoa(schemaVersion + 1), ErrNewerSchema, "newer spinecoach"},
		{"garbled schema", keySchema, "one", ErrCorrupt, "damaged"},
		{"zero schema", keySchema, "0", ErrCorrupt, "damaged"},
		{"wrong marker", keyMarker, "spinecoach2", ErrForeign, "not a spinecoach data file"},
	}
	for _, tt := range tests {
		for _, ro := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{false: "/read-write", true: "/read-only"}[ro], func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "spinecoach.db")
				mustNil(t, mustOpen(t, path, Options{}).Close())
				setMeta(t, path, tt.key, tt.val)
				before := fileSum(t, path)
				_, err := Open(path, Options{ReadOnly: ro})
				if !errors.Is(err, tt.want) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
				if !strings.Contains(err.Error(), tt.phrase) || !strings.Contains(err.Error(), path) {
					t.Errorf("message %q", err)
				}
				if fileSum(t, path) != before {
					t.Error("the file was modified")
				}
			})
		}
	}
}

// A bbolt file with no buckets is what a crash between bbolt creating the
// file and our first transaction leaves; it is adopted, not refused.
func TestEmptyBoltFileAdopted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	plainBolt(t, path, nil, "")

	ro := openTest(t, path, Options{ReadOnly: true})
	if _, ok, err := ro.OpenSession(); err != nil || ok {
		t.Fatalf("read-only on empty file: %v %v", ok, err)
	}
	if days, err := ro.DaysBetween("2025-01-01", "2025-12-31"); err != nil || len(days) != 0 {
		t.Fatalf("read-only DaysBetween: %v %v", days, err)
	}
	if p, err := ro.Profile(); err != nil || p != (Profile{}) {
		t.Fatalf("read-only Profile: %+v %v", p, err)
	}
	mustNil(t, ro.Close())

	s := openTest(t, path, Options{})
	mustNil(t, s.PutSession(testSession(time.Date(2025, 1, 1, 8, 0, 0, 0, zoneEast), StatusInProgress)))
	mustNil(t, s.Check())
}

func TestDamagedFileRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	mustNil(t, mustOpen(t, path, Options{}).Close())
	b, err := os.ReadFile(path)
	mustNil(t, err)
	// Flip bytes inside both meta pages (after the magic) so their checksums fail.
	ps := os.Getpagesize()
	for _, off := range []int{boltMagicOffset + 12, ps + boltMagicOffset + 12} {
		b[off] ^= 0xff
	}
	mustNil(t, os.WriteFile(path, b, 0o600))
	before := fileSum(t, path)
	for _, ro := range []bool{false, true} {
		_, err = Open(path, Options{ReadOnly: ro})
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("ro=%t: err = %v, want ErrCorrupt", ro, err)
		}
	}
	if fileSum(t, path) != before {
		t.Error("the file was modified")
	}
}

func TestReadOnlyStoreRefusesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	mustNil(t, mustOpen(t, path, Options{}).Close())
	before := fileSum(t, path)
	s := openTest(t, path, Options{ReadOnly: true})
	if !s.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	err := s.PutSession(testSession(time.Date(2025, 1, 1, 8, 0, 0, 0, zoneEast), StatusInProgress))
	if err == nil || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
	mustNil(t, s.Close())
	if fileSum(t, path) != before {
		t.Error("the file was modified")
	}
}

func TestUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	dir := t.TempDir()
	mustNil(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	path := filepath.Join(dir, "spinecoach.db")
	_, err := Open(path, Options{})
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
}

func mustNil(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A data file cut short at any length is refused as damaged, never crashes
// the program, and is left as it was.
func TestTruncatedFileIsRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full.db")
	s := openTest(t, full, Options{})
	at := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 30; i++ {
		start := at.Add(time.Duration(i) * time.Hour)
		sess := Session{ID: NewSessionID(start), StartedAt: start, RoutineID: "phase1", Routine: "P1", Baseline: 2, Status: StatusCompleted}
		if err := s.PutSession(sess); err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 10; j++ {
			r := SetRecord{SessionID: sess.ID, Index: j, ExerciseID: "glide", Exercise: "Glide", SetNo: 1, RepsPlanned: 3, RepsDone: 3, Pain: j % 11, At: start}
			if err := s.RecordSet(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close()
	data, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{4096, 5000, 8192, 12288, len(data) / 3, len(data) / 2, len(data) - 4096, len(data) - 1} {
		for _, ro := range []bool{true, false} {
			path := filepath.Join(dir, fmt.Sprintf("cut-%d-%v.db", n, ro))
			if err := os.WriteFile(path, data[:n], 0o600); err != nil {
				t.Fatal(err)
			}
			st, err := Open(path, Options{ReadOnly: ro})
			if err == nil {
				// Some cuts leave a file bbolt can open: reading it must
				// still fail cleanly or succeed, never crash.
				_, _ = st.SessionsBetween(at.Add(-time.Hour), at.Add(48*time.Hour))
				_ = st.Check()
				st.Close()
			} else if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrForeign) {
				t.Errorf("cut at %d (read-only %v): err %v, want ErrCorrupt", n, ro, err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, data[:n]) && err != nil {
				t.Errorf("cut at %d (read-only %v): the refused file was changed", n, ro)
			}
		}
	}
}
