package store

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The reviews in the exports and the import: JSON carries them whole, in a
// "reviews" list after the sessions (written only when there are any, so
// an export of a file without reviews is byte for byte what it was); CSV
// has a row per answer.

// exportReviewsVersion is the version of a JSON export with reviews: a
// spinecoach that knows no reviews then says the export is newer than it,
// instead of refusing an unknown field. An export without reviews stays
// version 1, byte for byte as before.
const exportReviewsVersion = 2

func (s *Store) exportVersionOf() (int, error) {
	rs, err := s.Reviews()
	if err != nil || len(rs) == 0 {
		return exportVersion, err
	}
	return exportReviewsVersion, nil
}

// writeReviewsJSON writes `,\n  "reviews": [...]` after the sessions, or
// nothing when the file has no review.
func (s *Store) writeReviewsJSON(bw *bufio.Writer) error {
	rs, err := s.Reviews()
	if err != nil || len(rs) == 0 {
		return err
	}
	bw.WriteString(",\n  \"reviews\": [")
	for i, r := range rs {
		b, err := json.MarshalIndent(toReviewJSON(r), "    ", "  ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		bw.Write(b)
	}
	bw.WriteString("\n  ]")
	return nil
}

// The events of the review rows of ExportCSV.
const (
	CSVEventReviewBack = "review-back-pain"
	CSVEventReviewLimb = "review-%s-pain" // leg or arm
	CSVEventReviewPSFS = "review-psfs"    // one row per activity rated
)

// reviewRows are the CSV rows of one review, in CSVHeader's columns: the
// review's ID and time in session_id and started_at, the score in pain,
// a PSFS activity's ID and name in exercise_id and exercise. A skipped
// review answered nothing and has no row (the JSON export keeps it).
func reviewRows(r Review) [][]string {
	at := r.At.Format(time.RFC3339)
	row := func(event, id, name string, score int) []string {
		cells := map[string]string{"session_id": r.ID, "started_at": at, "routine": "weekly review",
			"exercise_id": id, "exercise": name, "pain": strconv.Itoa(score), "recorded_at": at, "event": event}
		out := make([]string, len(CSVHeader)) // a column added later stays empty here
		for i, col := range CSVHeader {
			out[i] = cells[col]
		}
		return out
	}
	if r.Skipped {
		return nil
	}
	rows := [][]string{row(CSVEventReviewBack, "", "", r.BackPain), row(fmt.Sprintf(CSVEventReviewLimb, r.Limb), "", "", r.LimbPain)}
	for _, a := range r.Activities {
		rows = append(rows, row(CSVEventReviewPSFS, a.ID, a.Name, a.Score))
	}
	return rows
}

// csvReviews writes every review's rows after the sessions'.
func (s *Store) csvReviews(write func([]string) error) error {
	rs, err := s.Reviews()
	if err != nil {
		return err
	}
	for _, r := range rs {
		for _, row := range reviewRows(r) {
			if err := write(row); err != nil {
				return err
			}
		}
	}
	return nil
}

// readReviews reads the export's "reviews" list, one review at a time,
// handing each to add as a history of its own.
func readReviews(dec *json.Decoder, add func(SessionHistory) error, bad func(error) error) error {
	n := 0
	for dec.More() {
		var j reviewJSON
		dec.DisallowUnknownFields()
		if err := dec.Decode(&j); err != nil {
			return bad(err)
		}
		if n++; n > maxReviews {
			return invalid("the export has more than %d reviews", maxReviews)
		}
		r, err := j.review()
		if err != nil {
			return invalid("review %s: %s", j.ID, err)
		}
		if err := add(SessionHistory{Review: &r}); err != nil {
			return err
		}
	}
	return nil
}

// reviewItem is a review ready to import.
type reviewItem struct {
	id  string
	val []byte
}

func (imp *importer) addReview(r Review) error {
	if err := validateReview(r); err != nil {
		return err
	}
	v, err := json.Marshal(toReviewJSON(r))
	if err != nil {
		return invalid("review %s: %s", r.ID, err)
	}
	imp.reviews = append(imp.reviews, reviewItem{id: r.ID, val: v})
	imp.size += len(v)
	if imp.size >= importChunk {
		return imp.flush()
	}
	return nil
}

// newReviews reports whether a pending review is one the file lacks.
func (imp *importer) newReviews() bool {
	b := imp.orig.Bucket(bucketReviews)
	for _, it := range imp.reviews {
		if b == nil || b.Get([]byte(it.id)) == nil {
			return true
		}
	}
	return false
}

// putReviews writes the pending reviews in the import's transaction (or,
// with tx nil, counts them as known) and empties the list.
func (imp *importer) putReviews(tx *bolt.Tx) error {
	for _, it := range imp.reviews {
		added := false
		if tx != nil {
			var err error
			added, err = imp.put(tx, bucketReviews, []byte(it.id), it.val, func() string { return "review " + it.id })
			if err != nil {
				return err
			}
		}
		if added {
			imp.res.Reviews++
		} else {
			imp.res.ReviewsKnown++
		}
	}
	imp.reviews = imp.reviews[:0]
	return nil
}
