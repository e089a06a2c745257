package tui

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/store"
)

func queuedScore(session string, index, pain int) store.Score {
	return store.Score{Sets: []store.SetRecord{{SessionID: session, Index: index, Pain: pain}}}
}

// Only the first pending score is ever with the store: a later one waits
// behind it through failures, and they leave in the order they came.
func TestPendingWritesKeepTheirOrderThroughFailures(t *testing.T) {
	p := &pendingWrites{}
	if p.add(nil, queuedScore("s", 0, 1)) == nil {
		t.Fatal("the first score was not handed to the store")
	}
	if p.add(nil, queuedScore("s", 1, 2)) != nil || p.add(nil, queuedScore("s", 2, 3)) != nil {
		t.Fatal("a score was handed to the store while an earlier one was being written")
	}
	if p.failed() == nil || p.retry(nil) == nil {
		t.Fatal("a failed write is not tried again")
	}
	if got := p.of("s"); got != 3 {
		t.Fatalf("%d pending after a failure, want 3: a failure dropped a score", got)
	}
	// A stale commit of another score never takes the first one off.
	p.done(nil, queuedScore("s", 2, 3))
	for want := 0; want < 3; want++ {
		all := p.all()
		if len(all) != 3-want || all[0].Sets[0].Index != want {
			t.Fatalf("pending %v, want set %d first of %d", all, want, 3-want)
		}
		next := p.done(nil, all[0])
		if (next != nil) != (want < 2) {
			t.Fatalf("after set %d: next write %v", want, next != nil)
		}
	}
	if p.writing || len(p.all()) != 0 {
		t.Fatal("the queue is not empty after every commit came back")
	}
}

// A score typed while the data file cannot be written is kept and said to
// be NOT saved; scores typed while it waits are not taken, and the page
// says so until it is saved; then it is in the file, once, and the session
// goes on. The file is moved away (the store then refuses every write) and
// back, which is a write failure without a full disk.
func TestScoreTypedWhileWritesFailIsKeptOrReported(t *testing.T) {
	dir := t.TempDir()
	st := openTestStore(t, dir)
	h := newHarness(t, st, nil)
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("Pain check")
	id := h.app.run.rec.ID
	if err := os.Rename(st.Path(), st.Path()+".away"); err != nil {
		t.Fatal(err)
	}
	h.keys("2", "enter")
	h.expect("Pain 2/10 after", "is NOT saved yet", "tried again every 2 seconds")
	h.keys("3", "enter", "4", "enter")
	h.expect("Not taken: 3, 4, typed while pain 2/10 was being saved. 2/10 stands for this set.")
	h.keys("x") // the footer's sentence goes at a key; the page's lines stay
	h.expect("is NOT saved yet", "Not taken: 3, 4")
	retryNow(h) // still failing
	h.expect("is NOT saved yet")
	if got := h.app.Unsaved(); len(got) != 1 || got[0].Sets[0].Pain != 2 {
		t.Fatalf("unsaved %v, want the score 2 alone", got)
	}
	if err := os.Rename(st.Path()+".away", st.Path()); err != nil {
		t.Fatal(err)
	}
	retryNow(h)
	if v := h.view(); h.screen() == screenPain || strings.Contains(v, "NOT saved") || strings.Contains(v, "Not taken") {
		t.Fatalf("the session did not go on once the score was saved:\n%s", v)
	}
	h.expect("Saved: pain 2/10")
	sets, err := st.SetsOf(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 1 || sets[0].Pain != 2 {
		t.Fatalf("the file holds %+v, want the one set scored 2", sets)
	}
	if len(h.app.Unsaved()) != 0 {
		t.Fatal("a saved score is still pending")
	}
}

// retryNow delivers the retry the real clock would, which the harness
// otherwise drops.
func retryNow(h *harness) {
	h.t.Helper()
	next, cmd := h.app.Update(retrySaveMsg{})
	h.app = next.(App)
	h.run(cmd)
}

// In plain mode the same is said in lines: the score not saved, and a
// score typed meanwhile not taken.
func TestPlainModeSaysAScoreIsNotSavedOrNotTaken(t *testing.T) {
	var out bytes.Buffer
	narrator := NewNarrator(&out, "\n")
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, func(c *Config) { c.Plain = narrator })
	h.keys("enter", "2", "enter", "n")
	h.keys("enter")
	h.fireUntilStep("pain")
	if err := os.Rename(st.Path(), st.Path()+".away"); err != nil {
		t.Fatal(err)
	}
	h.keys("4", "enter", "5", "enter")
	narrator.Close()
	for _, want := range []string{"This score is NOT saved yet, trying again", "Not taken: 5, typed while pain 4/10 was being saved. 4/10 stands for this set."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("plain mode did not say %q:\n%s", want, out.String())
		}
	}
	if err := os.Rename(st.Path()+".away", st.Path()); err != nil {
		t.Fatal(err)
	}
}
