package routine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
)

// Start-up parses only what today's plan needs. OpenProgram reads each
// routine file's header (the top-level keys before its first table: id,
// name, phase, opens week, clearance), which is all PlanFor needs to
// choose; a routine's full parse and checks run the first time it is
// asked for (Program.At, Program.Routine, Program.All). LoadProgram still
// parses and checks every file at once, for `routines` and the tests.

// Header is what choosing a routine needs of it.
type Header struct {
	ID             string
	Name           string
	Phase          int
	OpensWeek      int
	NeedsClearance bool
}

// HeaderOf is r's header.
func HeaderOf(r Routine) Header {
	return Header{ID: r.ID, Name: r.Name, Phase: r.Phase, OpensWeek: r.OpensWeek, NeedsClearance: r.NeedsClearance}
}

// lazyRoutine is one routine file of a lazy program: its header now, its
// routine on first use.
type lazyRoutine struct {
	head  Header
	fsys  fs.FS
	name  string
	built *Routine // Parse of the file made when the binary was built (BuiltProgram), or nil
	once  sync.Once
	done  atomic.Bool // the parse has run
	r     Routine
	err   error
}

func (l *lazyRoutine) get() (Routine, error) {
	l.once.Do(func() {
		l.done.Store(true)
		if l.built != nil {
			l.r = *l.built
			return
		}
		l.r, l.err = LoadFile(l.fsys, l.name)
		if l.err == nil && HeaderOf(l.r) != l.head {
			// Only a header the quick read got wrong can differ: refuse
			// rather than follow a plan chosen from it.
			l.err = &LoadError{File: l.name, Msg: "its header reads differently on a full parse"}
		}
	})
	return l.r, l.err
}

// fileHeader mirrors a routine file's top-level keys; only OpenProgram sees it.
type fileHeader struct {
	ID             string `toml:"id"`
	Name           string `toml:"name"`
	Phase          int    `toml:"phase"`
	OpensWeek      int    `toml:"opens_week"`
	NeedsClearance bool   `toml:"needs_clearance"`
}

// readHeader decodes the top-level keys of a routine file: the lines
// before its first table header, which in TOML hold all of them. A cut
// that falls inside a multi-line string or array leaves a document that
// does not decode; the whole file is then parsed instead.
func readHeader(name string, data []byte) (Header, error) {
	if len(data) > MaxFileSize {
		_, err := Parse(name, data) // says so, as file: message
		return Header{}, err
	}
	top := data
	for off := 0; off < len(data); {
		line := data[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '[' {
			top = data[:off]
			break
		}
		off += len(line)
	}
	var f fileHeader
	if _, err := toml.NewDecoder(bytes.NewReader(top)).Decode(&f); err == nil && validID(f.ID) {
		return Header(f), nil
	}
	r, err := Parse(name, data)
	if err != nil {
		return Header{}, err
	}
	return HeaderOf(r), nil
}

// OpenProgram reads the header of every *.toml file in dir of fsys,
// ordered by phase; each routine is parsed and checked on first use.
// Routine ids must be unique across the files.
func OpenProgram(fsys fs.FS, dir string) (Program, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return Program{}, err
	}
	if len(names) == 0 {
		return Program{}, fmt.Errorf("%s: no routine files (*.toml) found", dir)
	}
	var p Program
	var errs []error
	seen := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		h, err := readHeader(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := seen[h.ID]; dup {
			errs = append(errs, &LoadError{File: name, Line: 1, Msg: fmt.Sprintf("routine id %q is already used by %s", h.ID, prev)})
			continue
		}
		seen[h.ID] = name
		p.lazy = append(p.lazy, &lazyRoutine{head: h, fsys: fsys, name: name})
	}
	if len(errs) > 0 {
		return Program{}, errors.Join(errs...)
	}
	sort.SliceStable(p.lazy, func(i, j int) bool { return p.lazy[i].head.Phase < p.lazy[j].head.Phase })
	return p, nil
}

// BuiltProgram is a lazy program of routines parsed when the binary was
// built (the shipped ones: assets.Routines), by file name: nothing is
// parsed at all, and a routine counts as parsed (Parsed) once it is
// asked for, as with OpenProgram. The caller checks the routines as
// Parse would (assets' tests compare them with the files).
func BuiltProgram(built map[string]Routine) Program {
	names := make([]string, 0, len(built))
	for name := range built {
		names = append(names, name)
	}
	sort.Strings(names)
	var p Program
	for _, name := range names {
		r := built[name]
		p.lazy = append(p.lazy, &lazyRoutine{head: HeaderOf(r), name: name, built: &r})
	}
	sort.SliceStable(p.lazy, func(i, j int) bool { return p.lazy[i].head.Phase < p.lazy[j].head.Phase })
	return p
}

// Len is the number of routines in the program.
func (p Program) Len() int {
	if p.lazy != nil {
		return len(p.lazy)
	}
	return len(p.Routines)
}

// Header is routine i's header (0 <= i < Len), without parsing it.
func (p Program) Header(i int) Header {
	if p.lazy != nil {
		return p.lazy[i].head
	}
	return HeaderOf(p.Routines[i])
}

// Headers are every routine's header, in phase order.
func (p Program) Headers() []Header {
	out := make([]Header, p.Len())
	for i := range out {
		out[i] = p.Header(i)
	}
	return out
}

// At is routine i, parsed on its first use.
func (p Program) At(i int) (Routine, error) {
	if p.lazy != nil {
		return p.lazy[i].get()
	}
	return p.Routines[i], nil
}

// All is every routine, each parsed and checked.
func (p Program) All() ([]Routine, error) {
	if p.lazy == nil {
		return p.Routines, nil
	}
	out := make([]Routine, 0, len(p.lazy))
	var errs []error
	for _, l := range p.lazy {
		r, err := l.get()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, r)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// Parsed lists the ids of the routines parsed so far: all of an eager
// program, the ones used so far of a lazy one. Tests of start-up read it.
func (p Program) Parsed() []string {
	var ids []string
	for i := 0; i < p.Len(); i++ {
		if p.lazy == nil || p.lazy[i].parsed() {
			ids = append(ids, p.Header(i).ID)
		}
	}
	return ids
}

func (l *lazyRoutine) parsed() bool { return l.done.Load() }
