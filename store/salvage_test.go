package store

import (
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// salvageFixture writes a file of many sessions, over many pages: each
// with sets and a decision. It returns the path and the histories.
func salvageFixture(t *testing.T) (string, map[string]SessionHistory) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data.db")
	s := openTest(t, path, Options{})
	var all []SessionHistory
	start := time.Date(2024, 1, 1, 8, 0, 0, 0, zoneEast)
	for i := 0; i < 400; i++ {
		sess := testSession(start.AddDate(0, 0, i), StatusCompleted)
		sess.EndedAt = sess.StartedAt.Add(30 * time.Minute)
		h := SessionHistory{Session: sess}
		for j := 0; j < 6; j++ {
			set := testSet(sess.ID, j, (i+j)%6)
			set.At = sess.StartedAt.Add(time.Duration(j) * time.Minute)
			h.Sets = append(h.Sets, set)
		}
		d := testDecision(sess.ID, 0)
		d.At = sess.StartedAt.Add(3 * time.Minute)
		h.Decisions = []Decision{d}
		all = append(all, h)
	}
	_, err := s.Import(all)
	mustNil(t, err)
	p, err := s.Profile()
	mustNil(t, err)
	p.SurgeryDate = "2023-12-01"
	mustNil(t, s.PutProfile(p))
	mustNil(t, s.Close())
	want := map[string]SessionHistory{}
	for _, h := range all {
		want[h.Session.ID] = h
	}
	return path, want
}

// historyJSON is a session with its records as the file stores them.
func historyJSON(t *testing.T, h SessionHistory) string {
	t.Helper()
	var sets []setJSON
	for _, r := range h.Sets {
		sets = append(sets, toSetJSON(r))
	}
	var decs []decisionJSON
	for _, d := range h.Decisions {
		decs = append(decs, toDecisionJSON(d))
	}
	b, err := json.Marshal([]any{toSessionJSON(h.Session), sets, decs})
	mustNil(t, err)
	return string(b)
}

// checkSalvage: every session salvaged is whole and the same as written;
// every session written is salvaged or named as lost, unless a lost range
// of the sessions themselves may hold it. The damaged file is unchanged.
func checkSalvage(t *testing.T, what, path string, want map[string]SessionHistory) Salvaged {
	t.Helper()
	before, err := os.ReadFile(path)
	mustNil(t, err)
	got, err := Salvage(path)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	after, err := os.ReadFile(path)
	mustNil(t, err)
	if string(before) != string(after) {
		t.Fatalf("%s: the salvage changed the damaged file", what)
	}
	seen, partial, rebuilt := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, id := range got.Partial {
		partial[id] = true
	}
	for _, id := range got.Rebuilt {
		rebuilt[id] = true
	}
	for _, h := range got.Sessions {
		w, ok := want[h.Session.ID]
		if ok && (partial[h.Session.ID] || rebuilt[h.Session.ID]) {
			w = subset(t, w, h) // what was found must be as written
		}
		if ok && rebuilt[h.Session.ID] {
			if !h.Session.StartedAt.Equal(w.Session.StartedAt) || h.Session.Baseline != -1 || h.Session.Status != StatusAbandoned {
				t.Fatalf("%s: session %s rebuilt as %+v", what, h.Session.ID, h.Session)
			}
			w.Session = h.Session // its record was lost: what was rebuilt is checked above
		}
		if !ok || historyJSON(t, h) != historyJSON(t, w) {
			t.Fatalf("%s: session %s salvaged differs from the one written (partial %v, unreached %d, lost pages %d):\n%s", what, h.Session.ID, partial[h.Session.ID], got.Unreached, got.LostPages, firstDiff(historyJSON(t, h), historyJSON(t, w)))
		}
		seen[h.Session.ID] = true
	}
	if got.LostRanges == 0 && len(seen) != len(want) {
		t.Fatalf("%s: %d of %d sessions accounted for, and no range of sessions is said lost", what, len(seen), len(want))
	}
	return got
}

// subset is w with only the sets and decisions h has (by index and seq).
func subset(t *testing.T, w, h SessionHistory) SessionHistory {
	t.Helper()
	sets, decs := map[int]bool{}, map[int]bool{}
	for _, r := range h.Sets {
		sets[r.Index] = true
	}
	for _, d := range h.Decisions {
		decs[d.Seq] = true
	}
	out := SessionHistory{Session: w.Session}
	for _, r := range w.Sets {
		if sets[r.Index] {
			out.Sets = append(out.Sets, r)
		}
	}
	for _, d := range w.Decisions {
		if decs[d.Seq] {
			out.Decisions = append(out.Decisions, d)
		}
	}
	return out
}

// usedBytes is how much of the file bbolt uses: its high-water mark.
func usedBytes(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open(path)
	mustNil(t, err)
	defer f.Close()
	m0, _ := readMeta(f, 0, 4096)
	m1, _ := readMeta(f, 1, 4096)
	return int64(max(m0.hwm, m1.hwm) * 4096)
}

func TestSalvageOfASoundFileIsEverything(t *testing.T) {
	path, want := salvageFixture(t)
	got := checkSalvage(t, "sound", path, want)
	if len(got.Sessions) != len(want) || len(got.Partial)+got.LostPages+got.Unreached != 0 ||
		got.Profile == nil || got.Profile.SurgeryDate != "2023-12-01" {
		t.Fatalf("a sound file: %d sessions of %d, %d partial, %d lost pages, %d unreached, profile %v",
			len(got.Sessions), len(want), len(got.Partial), got.LostPages, got.Unreached, got.Profile)
	}
}

// Cut at several points: what remains is salvaged whole, the rest named.
func TestSalvageOfACutFile(t *testing.T) {
	path, want := salvageFixture(t)
	used := usedBytes(t, path)
	full, err := os.ReadFile(path)
	mustNil(t, err)
	last := 0
	for _, frac := range []float64{0.3, 0.5, 0.75, 0.9, 0.99} {
		cut := filepath.Join(t.TempDir(), "cut.db")
		n := int64(float64(used)*frac) / 4096 * 4096
		mustNil(t, os.WriteFile(cut, full[:n], 0o600))
		got := checkSalvage(t, "cut", cut, want)
		t.Logf("cut at %d of %d bytes used: %d sessions salvaged (%d partial), %d ranges unknown, %d pages lost",
			n, used, len(got.Sessions), len(got.Partial), got.LostRanges, got.LostPages)
		if got.LostPages == 0 && frac <= 0.9 {
			t.Errorf("cut at %.0f%%: no page lost", frac*100)
		}
		// A longer part holds every page a shorter one does.
		if len(got.Sessions) < last || frac == 0.99 && len(got.Sessions) == 0 {
			t.Errorf("cut at %.0f%%: %d sessions salvaged, %d from less of the file", frac*100, len(got.Sessions), last)
		}
		last = len(got.Sessions)
	}
}

// Bits flipped at random: never a panic, never a session that differs
// from the one written (a page whose structure broke is left out).
func TestSalvageOfFlippedBits(t *testing.T) {
	path, want := salvageFixture(t)
	full, err := os.ReadFile(path)
	mustNil(t, err)
	rng := rand.New(rand.NewSource(26))
	for run := 0; run < 30; run++ {
		b := append([]byte(nil), full...)
		for i := 0; i < 1+run%4; i++ {
			page := 2 + rng.Intn(len(b)/4096-2)
			at := page*4096 + rng.Intn(16+16*8) // a header or the element table: where structure lives
			b[at] ^= 1 << rng.Intn(8)
		}
		flipped := filepath.Join(t.TempDir(), "flipped.db")
		mustNil(t, os.WriteFile(flipped, b, 0o600))
		checkSalvage(t, "flipped", flipped, want)
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-120, 0)
	return "got  ..." + a[lo:min(i+80, len(a))] + "\nwant ..." + b[lo:min(i+80, len(b))]
}
