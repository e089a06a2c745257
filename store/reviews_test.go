package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

func testReview(at time.Time, back, limb int, acts ...routine.Activity) Review {
	return Review{ID: NewSessionID(at), At: at, BackPain: back, LimbPain: limb, Limb: "leg", Activities: acts}
}

func fillReviews(t *testing.T, s *Store) []Review {
	t.Helper()
	first := time.Date(2025, 3, 4, 10, 0, 0, 0, zoneEast)
	rs := []Review{
		testReview(first, 6, 7, routine.Activity{ID: "a1", Name: "putting on socks", Score: 2}, routine.Activity{ID: "a2", Name: `driving, "short"`, Score: 4}),
		{ID: NewSessionID(first.Add(7 * 24 * time.Hour)), At: first.Add(7 * 24 * time.Hour), Skipped: true},
		testReview(first.Add(9*24*time.Hour), 4, 3, routine.Activity{ID: "a1", Name: "socks on", Score: 5}, routine.Activity{ID: "a3", Name: "sleeping", Score: 6}),
	}
	for _, r := range []Review{rs[2], rs[0], rs[1]} { // order of writing must not matter
		mustNil(t, s.PutReview(r))
	}
	return rs
}

func TestReviewsStoredAndReadBack(t *testing.T) {
	s := newStore(t)
	want := fillReviews(t, s)
	got, err := s.Reviews()
	mustNil(t, err)
	if len(got) != len(want) {
		t.Fatalf("read %d reviews, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i].ID || !got[i].At.Equal(want[i].At) || !reflect.DeepEqual(got[i].Activities, want[i].Activities) ||
			got[i].Skipped != want[i].Skipped || got[i].BackPain != want[i].BackPain {
			t.Errorf("review %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if routine.ReviewDue(ReviewDomains(got), "2025-03-14") {
		t.Error("a review answered on 03-13 makes one due on 03-14")
	}
	mustNil(t, s.Check())
}

func TestReviewRefusesBadInput(t *testing.T) {
	s := newStore(t)
	at := time.Date(2025, 3, 4, 10, 0, 0, 0, zoneEast)
	bad := map[string]Review{
		"control character": testReview(at, 1, 1, routine.Activity{ID: "a1", Name: "socks\x1b[2J", Score: 3}),
		"bidi override":     testReview(at, 1, 1, routine.Activity{ID: "a1", Name: "socks\u202e", Score: 3}),
		"name too long":     testReview(at, 1, 1, routine.Activity{ID: "a1", Name: strings.Repeat("é", routine.MaxActivityName+1), Score: 3}),
		"score 11":          testReview(at, 1, 1, routine.Activity{ID: "a1", Name: "socks", Score: 11}),
		"back pain -1":      testReview(at, -1, 1),
		"id of another time": func() Review {
			r := testReview(at, 1, 1)
			r.ID = NewSessionID(at.Add(time.Hour))
			return r
		}(),
	}
	for name, r := range bad {
		if err := s.PutReview(r); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: PutReview = %v, want ErrInvalid", name, err)
		}
	}
	if rs, _ := s.Reviews(); len(rs) != 0 {
		t.Errorf("refused reviews were stored: %+v", rs)
	}
}

// Check finds a review stored under another key, and one that does not
// decode.
func TestCheckFindsDamagedReviews(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	s := mustOpen(t, path, Options{})
	rs := fillReviews(t, s)
	mustNil(t, s.Close())
	db, err := bolt.Open(path, 0o600, nil)
	mustNil(t, err)
	mustNil(t, db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReviews)
		v := b.Get([]byte(rs[0].ID))
		if err := b.Put([]byte(rs[0].ID[:idTimeLen]+"-00000000"), append([]byte(nil), v...)); err != nil {
			return err
		}
		return b.Put([]byte(rs[1].ID), []byte("{not json"))
	}))
	mustNil(t, db.Close())
	s = mustOpen(t, path, Options{ReadOnly: true})
	err = s.Check()
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "is stored under key") || !strings.Contains(err.Error(), "does not decode") {
		t.Errorf("Check = %v, want both damages named", err)
	}
}

// Export, import into an empty file, export again: the same bytes; a
// second import adds nothing.
func TestReviewsJSONRoundTrip(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	fillReviews(t, src)
	doc := exportOf(t, src)
	if !bytes.Contains(doc, []byte(`"reviews": [`)) || !bytes.Contains(doc, []byte(`"version": 2,`)) {
		t.Fatalf("export has no reviews:\n%s", doc)
	}
	dst := newStore(t)
	res, err := dst.ImportJSON(bytes.NewReader(doc))
	mustNil(t, err)
	if res.Reviews != 3 {
		t.Errorf("import added %d reviews, want 3", res.Reviews)
	}
	if again := exportOf(t, dst); !bytes.Equal(again, doc) {
		t.Errorf("export after import differs:\n%s\nwant\n%s", again, doc)
	}
	res, err = dst.ImportJSON(bytes.NewReader(doc))
	mustNil(t, err)
	if res.Reviews != 0 || res.ReviewsKnown != 3 {
		t.Errorf("second import: %+v, want 3 reviews known and none added", res)
	}
	mustNil(t, dst.Check())

	// An export of a file without reviews has no "reviews" list.
	plain := newStore(t)
	fill(t, plain)
	if doc := exportOf(t, plain); bytes.Contains(doc, []byte("reviews")) || !bytes.Contains(doc, []byte(`"version": 1,`)) {
		t.Error("an export without reviews mentions them, or is not version 1")
	}
}

func TestImportRefusesABadReview(t *testing.T) {
	src := newStore(t)
	fillReviews(t, src)
	doc := strings.Replace(string(exportOf(t, src)), `"score": 6`, `"score": 12`, 1)
	dst := newStore(t)
	if _, err := dst.ImportJSON(strings.NewReader(doc)); !errors.Is(err, ErrInvalid) {
		t.Fatalf("import of a review rated 12: %v, want ErrInvalid", err)
	}
	if rs, _ := dst.Reviews(); len(rs) != 0 {
		t.Errorf("a refused import stored %d reviews", len(rs))
	}
}

func TestReviewsCSVRows(t *testing.T) {
	s := newStore(t)
	rs := fillReviews(t, s)
	var b bytes.Buffer
	mustNil(t, s.ExportCSV(&b))
	rows, err := csv.NewReader(&b).ReadAll()
	mustNil(t, err)
	col := func(name string) int { return slices.Index(CSVHeader, name) }
	var got []string
	for _, row := range rows[1:] {
		if len(row) != len(CSVHeader) {
			t.Fatalf("row %q has %d cells, want %d", row, len(row), len(CSVHeader))
		}
		got = append(got, row[col("event")]+"/"+row[col("exercise")]+"/"+row[col("pain")])
	}
	want := []string{
		"review-back-pain//6", "review-leg-pain//7", "review-psfs/putting on socks/2", `review-psfs/driving, "short"/4`,
		"review-back-pain//4", "review-leg-pain//3", "review-psfs/socks on/5", "review-psfs/sleeping/6",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("review rows %q, want %q", got, want)
	}
	if rows[1][col("session_id")] != rs[0].ID {
		t.Errorf("first review row names %q, want the review's id %s", rows[1][0], rs[0].ID)
	}
}

// A version 3 file: read-only it has no reviews and is not written; read
// write it is migrated, takes reviews and checks clean.
func TestMigrateFromVersion3(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	writeV2(t, path)
	mustNil(t, mustOpen(t, path, Options{}).Close()) // up to now
	downgrade(t, path, bucketReviews, "3")
	before := fileSum(t, path)

	ro := mustOpen(t, path, Options{ReadOnly: true})
	rs, err := ro.Reviews()
	mustNil(t, err)
	mustNil(t, ro.Check())
	mustNil(t, ro.Close())
	if len(rs) != 0 || fileSum(t, path) != before {
		t.Fatalf("read-only open of a version 3 file: %d reviews, written %t", len(rs), fileSum(t, path) != before)
	}

	rw := mustOpen(t, path, Options{})
	assertV1Data(t, rw, true)
	mustNil(t, rw.PutReview(testReview(time.Date(2025, 3, 6, 9, 0, 0, 0, zoneEast), 3, 2)))
	mustNil(t, rw.Check())
	mustNil(t, rw.Close())
	if v, buckets := rawSchema(t, path); v != strconv.Itoa(schemaVersion) || !slices.Contains(buckets, string(bucketReviews)) {
		t.Errorf("after the migration: schema %s, buckets %v", v, buckets)
	}
}

// LatestReviews, a walk back to the last review answered, decides
// ReviewDue as all the reviews do, on every day of a history of answers
// and skips, and on a file with none.
func TestLatestReviewsDecideAsAllDo(t *testing.T) {
	s := newStore(t)
	due := func(today string) (latest, all bool) {
		t.Helper()
		rs, err := s.LatestReviews()
		mustNil(t, err)
		every, err := s.Reviews()
		mustNil(t, err)
		return routine.ReviewDue(ReviewDomains(rs), today), routine.ReviewDue(ReviewDomains(every), today)
	}
	if latest, all := due("2025-03-01"); !latest || !all {
		t.Fatalf("no review yet: due %v (all: %v), want due", latest, all)
	}
	start := time.Date(2025, 3, 1, 19, 0, 0, 0, zoneEast)
	for day := 0; day < 40; day++ {
		at := start.AddDate(0, 0, day)
		switch {
		case day%9 == 0:
			mustNil(t, s.PutReview(testReview(at, 3, 2)))
		case day%4 == 1:
			mustNil(t, s.PutReview(Review{ID: NewSessionID(at), At: at, Skipped: true}))
		}
		for _, probe := range []time.Time{at, at.AddDate(0, 0, 1)} {
			today := probe.Format(time.DateOnly)
			if latest, all := due(today); latest != all {
				t.Fatalf("day %d, %s: LatestReviews says due %v, all the reviews %v", day, today, latest, all)
			}
		}
	}
	rs, err := s.LatestReviews()
	mustNil(t, err)
	if len(rs) == 0 || rs[0].Skipped || len(rs) > 4 {
		t.Errorf("LatestReviews read %d, starting with a skip: %v", len(rs), len(rs) > 0 && rs[0].Skipped)
	}
}
