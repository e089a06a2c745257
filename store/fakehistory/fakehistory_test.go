package fakehistory

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/store"
)

// A made-up history is one the store takes as it is, the same for the
// same seed, with the sessions and sets it promises.
func TestDaysImportAndRepeat(t *testing.T) {
	first := time.Date(2026, 1, 5, 0, 0, 0, 0, time.FixedZone("CET", 3600))
	h := Days(rand.New(rand.NewPCG(1, 2)), first, 0, 3)
	if len(h) != 3*SessionsPerDay {
		t.Fatalf("%d sessions in 3 days, want %d", len(h), 3*SessionsPerDay)
	}
	// The same seed, the same history but for the random part of each
	// session's ID.
	again := Days(rand.New(rand.NewPCG(1, 2)), first, 0, 3)
	for i := range again {
		id := h[i].Session.ID
		again[i].Session.ID = id
		for j := range again[i].Sets {
			again[i].Sets[j].SessionID = id
		}
		for j := range again[i].Decisions {
			again[i].Decisions[j].SessionID = id
		}
	}
	if !reflect.DeepEqual(again, h) {
		t.Error("the same seed made another history")
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "spinecoach.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Import(h)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sessions != 3*SessionsPerDay || res.Sets != 3*SessionsPerDay*SetsPerSession {
		t.Errorf("imported %+v", res)
	}
	if err := st.Check(); err != nil {
		t.Error(err)
	}
	if got := h[SessionsPerDay].Session.StartedAt; !got.Equal(first.AddDate(0, 0, 1).Add(FirstHour * time.Hour)) {
		t.Errorf("the second day's first session starts at %v", got)
	}
}
