package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// The weekly function reviews (routine/review.go) live in a bucket of
// their own (since schema 4, migrate_reviews.go): ID (time-sortable, made
// by NewSessionID(At)) -> reviewJSON. One review is one record, written in
// one synced transaction; a skip is a record too, so that it is offered
// again only on the next session day. A file of an older schema opened
// read-only has no bucket and is read as having no reviews.

var bucketReviews = []byte("reviews")

// maxReviews bounds how many reviews one import may bring: one a day for
// a century is far fewer.
const maxReviews = 40000

// Review is one weekly review as stored.
type Review struct {
	ID         string    // NewSessionID(At)
	At         time.Time // when it was answered or skipped, with its offset
	Skipped    bool
	BackPain   int
	LimbPain   int
	Limb       string // "leg" or "arm"
	Activities []routine.Activity
}

// Domain is the review as the rules see it, dated by its local day.
func (r Review) Domain() routine.Review {
	return routine.Review{Date: dayOf(r.At), Skipped: r.Skipped, BackPain: r.BackPain, LimbPain: r.LimbPain,
		Limb: r.Limb, Activities: append([]routine.Activity(nil), r.Activities...)}
}

// ReviewDomains converts a list of reviews for the rules.
func ReviewDomains(rs []Review) []routine.Review {
	out := make([]routine.Review, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.Domain())
	}
	return out
}

type activityJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Score int    `json:"score"`
}

type reviewJSON struct {
	ID         string         `json:"id"`
	At         string         `json:"at"`
	Skipped    bool           `json:"skipped,omitempty"`
	BackPain   int            `json:"back_pain"`
	LimbPain   int            `json:"limb_pain"`
	Limb       string         `json:"limb,omitempty"`
	Activities []activityJSON `json:"activities"`
}

func toReviewJSON(r Review) reviewJSON {
	j := reviewJSON{ID: r.ID, At: formatTime(r.At), Skipped: r.Skipped, BackPain: r.BackPain,
		LimbPain: r.LimbPain, Limb: r.Limb, Activities: make([]activityJSON, 0, len(r.Activities))}
	for _, a := range r.Activities {
		j.Activities = append(j.Activities, activityJSON(a))
	}
	return j
}

func (j reviewJSON) review() (Review, error) {
	at, err := parseTime(j.At)
	if err != nil {
		return Review{}, fmt.Errorf("time %q: %w", j.At, err)
	}
	r := Review{ID: j.ID, At: at, Skipped: j.Skipped, BackPain: j.BackPain, LimbPain: j.LimbPain, Limb: j.Limb}
	for _, a := range j.Activities {
		r.Activities = append(r.Activities, routine.Activity(a))
	}
	return r, nil
}

// validateReview checks a review's key, the rules' own checks and its text.
func validateReview(r Review) error {
	switch {
	case !validID(r.ID):
		return invalid("review id %q is not one made by NewSessionID", r.ID)
	case r.At.Before(minTime) || r.At.After(maxTime):
		return invalid("review %s: time %s is out of range", r.ID, r.At)
	case r.ID[:idTimeLen] != timeKey(r.At):
		return invalid("review %s: id does not match its time %s", r.ID, r.At.Format(time.RFC3339Nano))
	}
	if err := r.Domain().Validate(); err != nil {
		return invalid("review %s: %s", r.ID, err)
	}
	for _, a := range r.Activities {
		if err := textErr("review "+r.ID, textField{"activity " + a.ID, a.Name, maxTextLen}); err != nil {
			return err
		}
	}
	return nil
}

func (r Review) clean() Review {
	r.Limb = safetext.Line(r.Limb)
	if len(r.Activities) == 0 {
		r.Activities = nil
		return r
	}
	acts := make([]routine.Activity, len(r.Activities))
	for i, a := range r.Activities {
		a.ID, a.Name = safetext.Line(a.ID), safetext.Line(a.Name)
		acts[i] = a
	}
	r.Activities = acts
	return r
}

func decodeReview(v []byte) (Review, error) {
	if err := checkValue("review", v, maxRecordValue); err != nil {
		return Review{}, err
	}
	var j reviewJSON
	if err := json.Unmarshal(v, &j); err != nil {
		return Review{}, err
	}
	r, err := j.review()
	return r.clean(), err
}

// PutReview stores one review in one synced transaction.
func (s *Store) PutReview(r Review) error {
	if err := validateReview(r); err != nil {
		return err
	}
	val, err := json.Marshal(toReviewJSON(r))
	if err != nil {
		return invalid("review %s: %s", r.ID, err)
	}
	return s.update("the review", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReviews)
		if b == nil {
			return fileErr([]error{ErrCorrupt}, "%s is damaged: its reviews bucket is gone", s.path)
		}
		return b.Put([]byte(r.ID), val)
	})
}

// Reviews reads every review, oldest first. They come once a week, so
// ten years are some five hundred small records.
func (s *Store) Reviews() ([]Review, error) {
	var out []Review
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.reviewsIn(tx)
		return err
	})
	return out, err
}

// LatestReviews reads the reviews from the last one answered on, oldest
// first: all that routine.ReviewDue looks at, as a short walk back from
// the newest, so the home screen can say a review is due without reading
// years of them.
func (s *Store) LatestReviews() ([]Review, error) {
	var out []Review
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.latestReviews(tx)
		return err
	})
	return out, err
}

func (s *Store) latestReviews(tx *bolt.Tx) ([]Review, error) {
	b := tx.Bucket(bucketReviews)
	if b == nil {
		return nil, nil
	}
	var out []Review
	c := b.Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		r, err := decodeReview(v)
		if err != nil {
			return nil, s.damaged("review", k, err)
		}
		out = append(out, r)
		if !r.Skipped {
			break
		}
	}
	slices.Reverse(out)
	return out, nil
}

func (s *Store) reviewsIn(tx *bolt.Tx) ([]Review, error) {
	b := tx.Bucket(bucketReviews)
	if b == nil {
		return nil, nil // an older file read without migrating
	}
	var out []Review
	err := b.ForEach(func(k, v []byte) error {
		r, err := decodeReview(v)
		if err != nil {
			return s.damaged("review", k, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// checkReviews is Check's look at the reviews: each decodes, is valid and
// is stored under its own key.
func checkReviews(tx *bolt.Tx, add func(string, ...any)) {
	b := tx.Bucket(bucketReviews)
	if b == nil {
		return // an older file: bucketsOf has said whether it should be there
	}
	_ = b.ForEach(func(k, v []byte) error {
		r, err := decodeReview(v)
		if err != nil {
			add("review %q does not decode: %s", k, err)
			return nil
		}
		if string(k) != r.ID {
			add("review %q is stored under key %q", r.ID, k)
		}
		if err := validateReview(r); err != nil {
			add("%s", err)
		}
		return nil
	})
}
