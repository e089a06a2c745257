package structure

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
)

// rule is one package's line in the direction of imports: which of our
// packages its code may import, beyond the leaves under internal/ that any
// package may import, and what its tests may import besides.
type rule struct {
	pkg     string   // its path under the module; "." is the root, package main
	imports []string // what its code may import: only packages below its line
	tests   []string // what its tests may import besides its code's and itself
}

// direction is ../shared/DESIGN.md's direction of imports, top down:
// "main -> cli; cli -> tui, report, remind, store, routine, assets;
// tui -> routine, store; report -> routine, store; store -> routine. Never
// the reverse. internal/ holds leaves any package may import."
//
// A package's code may import only packages whose line is below its own,
// so the order of the lines is the direction. The root is main.go alone;
// its one test file runs the built binary, so it imports nothing of ours.
//
// Beyond DESIGN.md's sentence: tui/screen is tui's renderer; remind, like
// report, sits above routine; store/fakehistory makes up histories and
// scripts/genhistory writes them, for tests and benchmarks only;
// scripts/genroutines writes cli's shipped_gen.go (go generate), and
// scripts/pairs times `due` for bench.sh.
var direction = []rule{
	{pkg: ".", imports: []string{"cli"}},
	{pkg: "cli", imports: []string{"tui", "report", "remind", "store", "routine", "assets"},
		tests: []string{"store/fakehistory"}},
	{pkg: "scripts/genhistory", imports: []string{"store/fakehistory", "store"}},
	{pkg: "scripts/bare"},
	{pkg: "scripts/pairs"},
	{pkg: "scripts/genroutines", imports: []string{"routine"}},
	{pkg: "tui", imports: []string{"tui/screen", "store", "routine"}},
	{pkg: "tui/screen"},
	{pkg: "report", imports: []string{"store", "routine"}},
	{pkg: "remind", imports: []string{"routine"}, tests: []string{"assets"}},
	{pkg: "store/fakehistory", imports: []string{"store", "routine"}},
	{pkg: "store", imports: []string{"routine"}, tests: []string{"store/fakehistory"}},
	{pkg: "routine"},
	{pkg: "assets", tests: []string{"routine"}},
	{pkg: "internal/safetext"},
	{pkg: "internal/suggest"},
	{pkg: "internal/numtext"},
	{pkg: "internal/safecsv"},
	{pkg: "internal/tempfile"},
	{pkg: "internal/oneproc"},
	{pkg: "internal/structure"},
}

// moduleOwners are the outside modules only some of our packages may
// import, in code or tests (DESIGN.md's layout), by import path prefix.
var moduleOwners = []struct {
	prefix string
	owners []string
}{
	// The only package that touches the data file.
	{"go.etcd.io/bbolt", []string{"store"}},
	// The terminal: the domain, the store, the report and the reminders
	// know nothing of Bubble Tea. scripts/bare is the benchmarks' floor;
	// cli starts the program and runs setup.
	{"github.com/charmbracelet/", []string{"cli", "tui", "tui/screen", "scripts/bare"}},
}

// moduleProblems finds imports of an outside module by a package that
// does not own it.
func moduleProblems(graph map[string]*pkgImports) []string {
	var out []string
	for _, p := range sortedKeys(graph) {
		for _, m := range sortedKeys(graph[p].outside) {
			for _, o := range moduleOwners {
				if strings.HasPrefix(m, o.prefix) && !slices.Contains(o.owners, p) {
					owners := make([]string, len(o.owners))
					for i, q := range o.owners {
						owners[i] = show(q)
					}
					out = append(out, fmt.Sprintf("%s imports %s, which only %s may import", show(p), m, strings.Join(owners, ", ")))
				}
			}
		}
	}
	return out
}

// isLeaf reports whether any package may import p: the packages under
// internal/, which import nothing of ours, not even each other.
func isLeaf(p string) bool { return strings.HasPrefix(p, "internal/") }

// tableProblems finds lines that would let an import run upward (the
// reverse of the direction), leaves that may import, and lines twice.
func tableProblems(rules []rule) []string {
	var out []string
	line := map[string]int{}
	for i, r := range rules {
		if _, twice := line[r.pkg]; twice {
			out = append(out, fmt.Sprintf("%s has two lines in the direction table", r.pkg))
		}
		line[r.pkg] = i
	}
	for i, r := range rules {
		if isLeaf(r.pkg) && len(r.imports) > 0 {
			out = append(out, fmt.Sprintf("%s is a leaf under internal/: it may import nothing of ours", r.pkg))
		}
		for _, q := range r.imports {
			if j, ok := line[q]; !ok || j <= i {
				out = append(out, fmt.Sprintf("the table lets %s import %s, which is not on a line below it: "+
					"that import would run against the direction", r.pkg, q))
			}
		}
	}
	return out
}

// importProblems finds every import of ours that the rules do not allow,
// every package without a line and every line without a package.
func importProblems(rules []rule, graph map[string]*pkgImports) []string {
	var out []string
	byPkg := map[string]rule{}
	for _, r := range rules {
		byPkg[r.pkg] = r
		if graph[r.pkg] == nil {
			out = append(out, fmt.Sprintf("the direction table has a line for %s, which is no package", r.pkg))
		}
	}
	for _, p := range sortedKeys(graph) {
		r, ok := byPkg[p]
		if !ok {
			out = append(out, fmt.Sprintf("package %s has no line in the direction table "+
				"(internal/structure/imports_test.go): add one where it belongs", p))
			continue
		}
		for _, q := range sortedKeys(graph[p].code) {
			if !(isLeaf(q) && !isLeaf(p)) && !slices.Contains(r.imports, q) {
				out = append(out, fmt.Sprintf("%s imports %s: against the direction of imports (DESIGN.md)", show(p), show(q)))
			}
		}
		for _, q := range sortedKeys(graph[p].tests) {
			if !isLeaf(q) && q != p && !slices.Contains(r.imports, q) && !slices.Contains(r.tests, q) {
				out = append(out, fmt.Sprintf("the tests of %s import %s: against the direction of imports (DESIGN.md)", show(p), show(q)))
			}
		}
	}
	return out
}

// show names a package as the picture does: the root is main.
func show(p string) string {
	if p == "." {
		return "main"
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestImportDirection fails on any import of ours against DESIGN.md's
// direction, in code or in tests, naming the package and the import.
func TestImportDirection(t *testing.T) {
	for _, p := range tableProblems(direction) {
		t.Error(p)
	}
	graph, err := readImports(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range importProblems(direction, graph) {
		t.Error(p)
	}
	for _, p := range moduleProblems(graph) {
		t.Error(p)
	}
}

// TestImportDirectionCatches feeds the checks made-up imports and tables
// against the direction and expects each to be named: the checks can fail.
func TestImportDirectionCatches(t *testing.T) {
	real, err := readImports(root)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		rules []rule
		edit  func(g map[string]*pkgImports) // a forbidden edge added to the real imports
		want  string
	}{
		{"store imports tui", direction, func(g map[string]*pkgImports) { g["store"].code["tui"] = true },
			"store imports tui: against the direction"},
		{"routine imports store", direction, func(g map[string]*pkgImports) { g["routine"].code["store"] = true },
			"routine imports store: against the direction"},
		{"the program imports the made-up histories", direction,
			func(g map[string]*pkgImports) { g["tui"].code["store/fakehistory"] = true },
			"tui imports store/fakehistory: against the direction"},
		{"a leaf imports a package", direction, func(g map[string]*pkgImports) { g["internal/safetext"].code["routine"] = true },
			"internal/safetext imports routine: against the direction"},
		{"a leaf imports a leaf", direction, func(g map[string]*pkgImports) { g["internal/safetext"].code["internal/other"] = true },
			"internal/safetext imports internal/other: against the direction"},
		{"a test imports upward", direction, func(g map[string]*pkgImports) { g["routine"].tests["store"] = true },
			"the tests of routine import store: against the direction"},
		{"store imports the root", direction, func(g map[string]*pkgImports) { g["store"].code["."] = true },
			"store imports main: against the direction"},
		{"a package without a line", direction, func(g map[string]*pkgImports) { g["plugins"] = &pkgImports{hasCode: true} },
			"package plugins has no line in the direction table"},
		{"the report opens the data file itself", direction,
			func(g map[string]*pkgImports) { g["report"].outside["go.etcd.io/bbolt"] = true },
			"report imports go.etcd.io/bbolt, which only store may import"},
		{"the domain draws", direction,
			func(g map[string]*pkgImports) { g["routine"].outside["github.com/charmbracelet/lipgloss"] = true },
			"routine imports github.com/charmbracelet/lipgloss, which only cli, tui, tui/screen, scripts/bare may import"},
		{"a table that lets an import run upward", withLine(rule{pkg: "store", imports: []string{"routine", "tui"}}),
			nil, "the table lets store import tui, which is not on a line below it"},
		{"a leaf that may import", withLine(rule{pkg: "internal/safetext", imports: []string{"routine"}}),
			nil, "internal/safetext is a leaf under internal/: it may import nothing of ours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := clone(real)
			if tt.edit != nil {
				tt.edit(g)
			}
			got := slices.Concat(tableProblems(tt.rules), importProblems(tt.rules, g), moduleProblems(g))
			if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems %q\nwant one that says %q", got, tt.want)
			}
		})
	}
}

// withLine is the direction table with one package's line replaced.
func withLine(r rule) []rule {
	out := slices.Clone(direction)
	for i := range out {
		if out[i].pkg == r.pkg {
			out[i] = r
		}
	}
	return out
}

func clone(g map[string]*pkgImports) map[string]*pkgImports {
	out := map[string]*pkgImports{}
	for k, p := range g {
		c := *p
		c.code, c.tests, c.outside = copyMap(p.code), copyMap(p.tests), copyMap(p.outside)
		out[k] = &c
	}
	return out
}

func copyMap(m map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k, v := range m {
		out[k] = v
	}
	return out
}
