package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/store"
)

func TestPlainFirstRunStoresTheAnswers(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	t.Setenv("LC_ALL", "en_US.UTF-8")
	g := &globals{db: filepath.Join(t.TempDir(), "a.db"), speed: 1}
	var out strings.Builder
	if err := beforeSession(g, true, strings.NewReader("\n11/01/2026\n3\n1\n"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "11/01/2026 (month/day/year)") || !strings.Contains(out.String(), "Saved. Week 3 after surgery") {
		t.Errorf("the questions said:\n%s", out.String())
	}
	st, err := store.Open(g.db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.Profile()
	st.Close()
	if err != nil || p.SurgeryDate != "2026-11-01" || p.Region != "cervical" || p.ClearedPhase != 0 || p.SetupSkipped {
		t.Errorf("profile %+v, %v", p, err)
	}
	// A file set up is not asked again: the input is left unread.
	out.Reset()
	if err := beforeSession(g, true, strings.NewReader("x\n"), &out); err != nil || out.Len() != 0 {
		t.Errorf("a second run asked again: %v %q", err, out.String())
	}
}

func TestPlainFirstRunSkip(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	g := &globals{db: filepath.Join(t.TempDir(), "a.db"), speed: 1}
	var out strings.Builder
	if err := beforeSession(g, true, strings.NewReader("skip\n"), &out); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(g.db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if p, _ := st.Profile(); !p.SetupSkipped || !strings.Contains(out.String(), "Setup skipped: phase 1 runs.") {
		t.Errorf("skip: profile %+v, said %q", p, out.String())
	}
}

func TestThemeFlagIsRemembered(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	g := &globals{db: filepath.Join(t.TempDir(), "a.db"), speed: 1, theme: "light"}
	if err := beforeSession(g, false, strings.NewReader(""), &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(g.db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := st.Profile()
	st.Close()
	if p.Theme != "light" {
		t.Errorf("theme %q kept, want light", p.Theme)
	}
	g.theme = "sepia"
	err = beforeSession(g, false, strings.NewReader(""), &strings.Builder{})
	if err == nil || err.Error() != `--theme must be default, light, dark or high-contrast, got "sepia"` {
		t.Errorf("a bad theme: %v", err)
	}
}
