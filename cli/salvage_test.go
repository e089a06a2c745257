package cli

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

// check --salvage of a file cut short: refused by check, salvaged into a
// new file that check passes, the damaged file unchanged, what was lost
// said; a second salvage onto the same --out is refused.
func TestCheckSalvageOfACutFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "spinecoach.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	res, err := st.Import(fakehistory.Days(rand.New(rand.NewPCG(26, 26)), first, 0, 60))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the file holds %d sessions, %d sets", res.Sessions, res.Sets)
	if err := st.PutProfile(store.Profile{SurgeryDate: "2026-07-20"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	full, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.db")
	if err := os.WriteFile(cut, full[:len(full)/2/4096*4096], 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := Run([]string{"--db", cut, "check"}, &out, &errOut); code != 2 {
		t.Fatalf("check of a cut file: exit %d, %s", code, errOut.String())
	}
	salvaged := filepath.Join(dir, "salvaged.db")
	out.Reset()
	errOut.Reset()
	if code := Run([]string{"--db", cut, "check", "--salvage", "--out", salvaged}, &out, &errOut); code != 0 {
		t.Fatalf("salvage: exit %d: %s", code, errOut.String())
	}
	said := out.String()
	t.Log(said)
	if !strings.Contains(said, "Salvaged ") || strings.Contains(said, "Salvaged 0 sessions") || !strings.Contains(said, "was only read, never changed") ||
		!strings.Contains(said, "Lost: ") {
		t.Errorf("the salvage says:\n%s", said)
	}
	if after, _ := os.ReadFile(cut); !bytes.Equal(after, full[:len(full)/2/4096*4096]) {
		t.Error("the salvage changed the damaged file")
	}
	if code := Run([]string{"--db", salvaged, "check"}, &out, &errOut); code != 0 {
		t.Errorf("check of the salvaged file: exit %d: %s", code, errOut.String())
	}
	errOut.Reset()
	if code := Run([]string{"--db", cut, "check", "--salvage", "--out", salvaged}, &out, &errOut); code != 2 ||
		!strings.Contains(errOut.String(), "already exists") {
		t.Errorf("a salvage onto an existing file: exit %d: %s", code, errOut.String())
	}
}
