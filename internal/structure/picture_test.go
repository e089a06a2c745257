package structure

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's picture of the imports")

// The README's picture sits between these two lines.
const (
	pictureStart = "<!-- imports: drawn and checked by `go test ./internal/structure -run Picture` (-update redraws it) -->"
	pictureEnd   = "<!-- end of imports -->"
)

// picture draws the imports of our packages' code, a line a package in
// the direction table's order, so every arrow points to a line below its
// own; the leaves under internal/ close it, undrawn as arrows.
func picture(rules []rule, graph map[string]*pkgImports) string {
	width := 0
	for _, r := range rules {
		width = max(width, len(show(r.pkg)))
	}
	var b strings.Builder
	var leaves []string
	for _, r := range rules {
		p := graph[r.pkg]
		switch {
		case p == nil || !p.hasCode:
			continue
		case isLeaf(r.pkg):
			leaves = append(leaves, r.pkg)
			continue
		}
		var to []string
		for _, q := range rules { // in the table's order: top down
			if p.code[q.pkg] && !isLeaf(q.pkg) {
				to = append(to, show(q.pkg))
			}
		}
		if len(to) == 0 {
			fmt.Fprintf(&b, "%s\n", show(r.pkg))
			continue
		}
		fmt.Fprintf(&b, "%-*s -> %s\n", width, show(r.pkg), strings.Join(to, ", "))
	}
	what := "leaves any package may import, importing nothing of ours"
	if len(leaves) == 1 {
		what = "a leaf any package may import, importing nothing of ours"
	}
	fmt.Fprintf(&b, "\n%s: %s\n", strings.Join(leaves, ", "), what)
	return b.String()
}

// readmePicture finds the picture in the README: the text of the fenced
// block between the markers, and where that text starts and ends.
func readmePicture(readme []byte) (text string, from, to int, err error) {
	start := bytes.Index(readme, []byte(pictureStart+"\n```text\n"))
	end := bytes.Index(readme, []byte("```\n"+pictureEnd))
	if start < 0 || end < start {
		return "", 0, 0, fmt.Errorf("README.md has no picture of the imports: %q, a ```text block and %q", pictureStart, pictureEnd)
	}
	from = start + len(pictureStart+"\n```text\n")
	return string(readme[from:end]), from, end, nil
}

// TestReadmePicture fails when the README's picture of the imports is not
// the imports of the code; -update redraws it.
func TestReadmePicture(t *testing.T) {
	graph, err := readImports(root)
	if err != nil {
		t.Fatal(err)
	}
	want := picture(direction, graph)
	path := filepath.Join(root, "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, from, to, err := readmePicture(readme)
	if err != nil {
		t.Fatal(err)
	}
	if got == want {
		return
	}
	if *update {
		redrawn := slices.Concat(readme[:from], []byte(want), readme[to:])
		if err := os.WriteFile(path, redrawn, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's picture of the imports is not the code's; run go test ./internal/structure -run Picture -update, or draw:\n%s", want)
}

// TestPictureShowsAnImport draws a made-up import into the picture, so a
// README that leaves it out fails.
func TestPictureShowsAnImport(t *testing.T) {
	graph, err := readImports(root)
	if err != nil {
		t.Fatal(err)
	}
	before := picture(direction, graph)
	g := clone(graph)
	g["report"].code["remind"] = true
	after := picture(direction, g)
	drawn := false
	for _, line := range strings.Split(after, "\n") {
		if strings.HasPrefix(line, "report ") && strings.HasSuffix(line, " -> remind, store, routine") {
			drawn = true
		}
	}
	if before == after || !drawn {
		t.Errorf("a new import of report's is not drawn:\n%s", after)
	}
}
