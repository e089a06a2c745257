package store

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

var holdRe = regexp.MustCompile(`"hold_s": [0-9.]+`)

func exportOf(t *testing.T, s *Store) []byte {
	t.Helper()
	var b bytes.Buffer
	mustNil(t, s.ExportJSON(&b))
	return b.Bytes()
}

// TestImportRefusesConflictsAndTrailingData: a record the document gives
// twice with different contents, and a document that goes on after its
// end, are refused with the record or the byte named; nothing is written.
// A record given twice the same is taken once.
func TestImportRefusesConflictsAndTrailingData(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	doc := string(exportOf(t, src))
	body := doc[strings.Index(doc, "[")+1 : strings.LastIndex(doc, "]")]
	first := body[:strings.Index(body, "\n    },")+6]    // the first session, with its sets and events
	twice := strings.Replace(doc, "[", "["+first+",", 1) // that session listed twice
	id := first[strings.Index(first, `"id": "`)+7:][:idLen]
	changed := func(old, new string) string {
		if !strings.Contains(first, old) {
			t.Fatalf("%q is not in the first session", old)
		}
		return strings.Replace(doc, "[", "["+strings.Replace(first, old, new, 1)+",", 1)
	}
	for _, c := range []struct{ name, doc, want string }{
		{"a session twice, another note", changed(`"note": ""`, `"note": "edited"`), "session " + id + " is given twice, with different contents"},
		{"a set twice, another score", changed(`"pain": 2`, `"pain": 9`), "set 0 of session " + id + " is given twice"},
		{"an event twice, another reason", changed(`"rule": "amber"`, `"rule": "red"`), "event 0 of session " + id + " is given twice"},
		{"two exports joined", doc + doc, "the export goes on after its end, at byte"},
		{"something after the end", doc + "x", "the export goes on after its end"},
		{"a hold too long", holdRe.ReplaceAllString(doc, `"hold_s": 1e300`), "hold_s 1e+300 is not from 0 to 86400"},
		{"a negative hold", holdRe.ReplaceAllString(doc, `"hold_s": -1`), "hold_s -1 is not from 0"},
		{"a part too large", strings.Replace(doc, `"note": ""`, `"note": "`+strings.Repeat("x", maxImportSessionBytes)+`"`, 1), "the export has a part of more than 4 MiB"},
		{"a key twice", strings.Replace(doc, `"version": 1,`, `"version": 1, "version": 1,`, 1), `"version" is given twice`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dst := newStore(t)
			before := exportOf(t, dst)
			_, err := dst.ImportJSON(strings.NewReader(c.doc))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v\nwant %q", err, c.want)
			}
			if len(err.Error()) > 400 {
				t.Errorf("a sentence of %d bytes", len(err.Error()))
			}
			if after := exportOf(t, dst); !bytes.Equal(before, after) {
				t.Error("a refused import changed the file")
			}
		})
	}
	dst := newStore(t)
	res, err := dst.ImportJSON(strings.NewReader(twice))
	mustNil(t, err)
	if res.Sessions != 3 || res.SessionsKnown != 1 {
		t.Errorf("a session given twice the same: %+v", res)
	}
	if got := exportOf(t, dst); !bytes.Equal(got, []byte(doc)) {
		t.Errorf("imported differently:\n%s", got)
	}
	mustNil(t, dst.Check())
}

// TestImportReplacesTheFileAndGoesOn: the import lands in a new file at
// the same path; the store goes on with it (reads, writes, a backup),
// and nothing is left beside it.
func TestImportReplacesTheFileAndGoesOn(t *testing.T) {
	src := newStore(t)
	fill(t, src)
	dir := t.TempDir()
	path := filepath.Join(dir, "spinecoach.db")
	dst := mustOpen(t, path, Options{})
	defer dst.Close()
	before, err := os.Stat(path)
	mustNil(t, err)
	_, err = dst.ImportJSON(bytes.NewReader(exportOf(t, src)))
	mustNil(t, err)
	after, err := os.Stat(path)
	mustNil(t, err)
	if os.SameFile(before, after) {
		t.Error("the import wrote into the file itself")
	}
	at := time.Date(2026, 1, 2, 7, 0, 0, 0, zoneEast)
	sess := testSession(at, StatusInProgress)
	mustNil(t, dst.PutSession(sess))
	mustNil(t, dst.RecordSet(testSet(sess.ID, 0, 1)))
	backup := filepath.Join(t.TempDir(), "b.db")
	mustNil(t, dst.Backup(backup))
	mustNil(t, dst.Close())
	b := mustOpen(t, backup, Options{ReadOnly: true})
	if sets, _ := b.SetsOf(sess.ID); len(sets) != 1 {
		t.Errorf("the backup after an import holds %d sets", len(sets))
	}
	mustNil(t, b.Check())
	mustNil(t, b.Close())
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("left beside the file: %v", left)
	}
}

// TestImportKilledIsAllOrNothing kills an import (a child process) at
// moments spread over its run: each time the file checks sound and holds
// either nothing of the import or all of it, and the next import of the
// same document completes.
func TestImportKilledIsAllOrNothing(t *testing.T) {
	if childScenario() == "import" {
		s := mustOpen(t, os.Getenv("SPINECOACH_TEST_DB"), Options{})
		f, err := os.Open(os.Getenv("SPINECOACH_TEST_DOC"))
		mustNil(t, err)
		_, err = s.ImportJSON(f)
		mustNil(t, err)
		mustNil(t, s.Close())
		return
	}
	src := filepath.Join(t.TempDir(), "src.db")
	fillForPages(t, src, 1500)
	s := mustOpen(t, src, Options{ReadOnly: true})
	doc := filepath.Join(t.TempDir(), "doc.json")
	full := exportOf(t, s)
	mustNil(t, os.WriteFile(doc, full, 0o600))
	mustNil(t, s.Close())

	// How long one import takes, to spread the kills over it.
	path := filepath.Join(t.TempDir(), "a.db")
	mustNil(t, closed(Open(path, Options{})))
	r := mustOpen(t, path, Options{ReadOnly: true})
	base := exportOf(t, r)
	mustNil(t, r.Close())
	start := time.Now()
	out, err := runChild(t, "^TestImportKilledIsAllOrNothing$", "import", "SPINECOACH_TEST_DB="+path, "SPINECOACH_TEST_DOC="+doc)
	childPassed(t, "TestImportKilledIsAllOrNothing", out, err)
	took := time.Since(start)

	nothing, all := 0, 0
	defer func() { t.Logf("an import of %v killed 8 times: %d left nothing, %d all", took, nothing, all) }()
	for i := 0; i < 8; i++ {
		p := filepath.Join(t.TempDir(), "a.db")
		mustNil(t, closed(Open(p, Options{})))
		cmd := exec.Command(os.Args[0], "-test.run=^TestImportKilledIsAllOrNothing$", "-test.count=1")
		cmd.Env = append(os.Environ(), childEnv+"=import", "SPINECOACH_TEST_DB="+p, "SPINECOACH_TEST_DOC="+doc)
		mustNil(t, cmd.Start())
		time.Sleep(took * time.Duration(3+i) / 7) // the first part is the child starting; the last kills come after the end
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		r := mustOpen(t, p, Options{ReadOnly: true})
		mustNil(t, r.Check())
		got := exportOf(t, r)
		mustNil(t, r.Close())
		switch {
		case bytes.Equal(got, base):
			nothing++
		case bytes.Equal(got, full):
			all++
		default:
			t.Fatalf("kill %d: the file holds part of the import", i)
		}
		w := mustOpen(t, p, Options{})
		f, err := os.Open(doc)
		mustNil(t, err)
		_, err = w.ImportJSON(f)
		f.Close()
		mustNil(t, err)
		if !bytes.Equal(exportOf(t, w), full) {
			t.Fatalf("kill %d: the import after it differs", i)
		}
		mustNil(t, w.Close())
	}
}

func closed(s *Store, err error) error {
	if err != nil {
		return err
	}
	return s.Close()
}
