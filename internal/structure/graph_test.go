// Package structure is tests only: of the shape of the code rather than
// of what it does. They check the direction of imports between our
// packages (DESIGN.md), the README's picture of those imports, and the
// length of functions. Having no code, it is no package anyone imports.
package structure

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// root is the module's directory, from this package's.
const root = "../.."

// pkgImports is what one directory's package imports of ours, by path
// under the module ("." for the root), its code and its tests apart.
type pkgImports struct {
	hasCode bool            // a non-test file: code others could import
	code    map[string]bool // the imports of its non-test files
	tests   map[string]bool // the imports of its _test.go files, both packages
	outside map[string]bool // the imports of other modules, by code or tests
}

// modulePath reads the module's path from go.mod.
func modulePath(dir string) (string, error) {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", fmt.Errorf("%s/go.mod names no module", dir)
}

// readImports parses the import lines of every Go file under dir, build
// tags aside (a file for another system counts too), and keeps the imports
// of the module's own packages and of other modules. Hidden directories and testdata are not
// packages.
func readImports(dir string) (map[string]*pkgImports, error) {
	module, err := modulePath(dir)
	if err != nil {
		return nil, err
	}
	graph := map[string]*pkgImports{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); path != dir && err == nil {
				return filepath.SkipDir // a module of its own (third_party/), as for go's ./...
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, filepath.Dir(path))
		if err != nil {
			return err
		}
		p := graph[filepath.ToSlash(rel)]
		if p == nil {
			p = &pkgImports{code: map[string]bool{}, tests: map[string]bool{}, outside: map[string]bool{}}
			graph[filepath.ToSlash(rel)] = p
		}
		into := p.tests
		if !strings.HasSuffix(name, "_test.go") {
			p.hasCode, into = true, p.code
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if ours, ok := ourPackage(module, path); ok {
				into[ours] = true
			} else if strings.Contains(strings.SplitN(path, "/", 2)[0], ".") { // not the standard library
				p.outside[path] = true
			}
		}
		return nil
	})
	return graph, err
}

// ourPackage turns an import path of the module into its path under the
// module: "." for the module itself.
func ourPackage(module, path string) (string, bool) {
	if path == module {
		return ".", true
	}
	rest, ok := strings.CutPrefix(path, module+"/")
	return rest, ok
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
