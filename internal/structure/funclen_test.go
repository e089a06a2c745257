package structure

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// maxFuncLines is the most lines a function may take, from `func` to its
// closing brace: past it a function does several things that want names.
const maxFuncLines = 80

// shortFuncDirs are the packages whose code keeps every function within
// maxFuncLines (their tests aside).
var shortFuncDirs = []string{".", "cli", "store", "report"}

// longFuncsAllowed are the functions still over the limit, each with the
// work that splits it: the test fails when one of them is split and its
// line stays, so the list only shrinks.
var longFuncsAllowed = map[string]string{}

// longFunc is a function of more than maxFuncLines lines.
type longFunc struct {
	name  string // package.(receiver).name, as longFuncsAllowed names it
	at    string // file:line
	lines int
}

// longFuncs lists the functions over max lines in the non-test files of
// the given directories under root.
func longFuncs(root string, dirs []string, max int) ([]longFunc, error) {
	var out []longFunc
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if err != nil {
			return nil, err
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution|parser.ParseComments)
			if err != nil {
				return nil, err
			}
			if ast.IsGenerated(f) {
				continue // data written by go generate (cli/shipped_gen.go), not code to read
			}
			rel := filepath.ToSlash(filepath.Join(dir, filepath.Base(path)))
			pkg := show(filepath.ToSlash(dir))
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				start, end := fset.Position(fn.Pos()), fset.Position(fn.End())
				if n := end.Line - start.Line + 1; n > max {
					out = append(out, longFunc{name: pkg + "." + funcName(fn), at: fmt.Sprintf("%s:%d", rel, start.Line), lines: n})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out, nil
}

// funcName is a function's name with its receiver's type: (*Store).Check.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	star := ""
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = "*", s.X
	}
	if g, ok := t.(*ast.IndexExpr); ok { // a generic receiver
		t = g.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return "(" + star + id.Name + ")." + fn.Name.Name
	}
	return fn.Name.Name
}

// TestNoLongFunctions fails on a function of store/, report/ or the root
// package over maxFuncLines lines, naming it and its length.
func TestNoLongFunctions(t *testing.T) {
	long, err := longFuncs(root, shortFuncDirs, maxFuncLines)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range long {
		seen[f.name] = true
		if why, ok := longFuncsAllowed[f.name]; ok {
			t.Logf("%s: %s is %d lines, over %d until %s", f.at, f.name, f.lines, maxFuncLines, why)
			continue
		}
		t.Errorf("%s: %s is %d lines, over %d: split it into functions whose names say what they do", f.at, f.name, f.lines, maxFuncLines)
	}
	for name := range longFuncsAllowed {
		if !seen[name] {
			t.Errorf("%s is no longer over %d lines (or no longer there): take its line out of longFuncsAllowed", name, maxFuncLines)
		}
	}
}

// TestLongFunctionsCaught counts a made-up long function, so the count can
// fail: one of 81 lines is caught, one of 80 is not.
func TestLongFunctionsCaught(t *testing.T) {
	dir := t.TempDir()
	body := func(name string, lines int) string { // lines in all, func to brace
		return "func " + name + "() {\n" + strings.Repeat("\t_ = 0\n", lines-2) + "}\n"
	}
	src := "package p\n\ntype T struct{}\n\n" + body("short", 80) + "\n" +
		strings.Replace(body("long", 81), "func long", "func (t *T) long", 1)
	writeFile(t, filepath.Join(dir, "p.go"), src)
	writeFile(t, filepath.Join(dir, "p_test.go"), "package p\n\n"+body("longTest", 200))
	long, err := longFuncs(dir, []string{"."}, maxFuncLines)
	if err != nil {
		t.Fatal(err)
	}
	if len(long) != 1 || long[0].name != "main.(*T).long" || long[0].lines != 81 || long[0].at != "p.go:86" {
		t.Errorf("long functions %+v, want only main.(*T).long of 81 lines at p.go:86", long)
	}
}
