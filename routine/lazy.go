package routine

import (
	"errors"
	"sort"
	"sync/atomic"
)

// Start-up takes only what today's plan needs. BuiltProgram holds the
// shipped routines as they were parsed when the binary was built; PlanFor
// chooses from their headers, and a routine counts as taken (Parsed) the
// first time it is asked for (Program.At, Program.Routine, Program.All),
// which a start-up test checks. LoadProgram parses and checks every file
// at once, for a prescription, `routines` and the tests.

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

// lazyRoutine is one routine of a built program: its header for
// choosing, the routine itself once asked for.
type lazyRoutine struct {
	head  Header
	name  string      // its file
	built *Routine    // Parse of the file when the binary was built
	done  atomic.Bool // asked for
}

func (l *lazyRoutine) get() (Routine, error) {
	l.done.Store(true)
	return l.built.clone(), nil
}

// BuiltFile is one routine file as Parse made it when the binary was
// built.
type BuiltFile struct {
	Name    string // the file
	Routine Routine
}

// BuiltProgram is a program of routines parsed when the binary was built
// (the shipped ones, cli/shipped_gen.go), one per file: nothing is parsed
// at all, and a routine counts as parsed (Parsed) once it is asked for.
// The files' routines are static data the linker laid out: start-up
// builds none of them, and each one asked for is a clone (clone.go).
// The caller's tests compare them with the files.
func BuiltProgram(built []BuiltFile) Program {
	var p Program
	p.lazy = make([]*lazyRoutine, len(built))
	for i := range built {
		f := &built[i]
		p.lazy[i] = &lazyRoutine{head: HeaderOf(f.Routine), name: f.Name, built: &f.Routine}
	}
	sort.SliceStable(p.lazy, func(i, j int) bool {
		a, b := p.lazy[i], p.lazy[j]
		return a.head.Phase < b.head.Phase || a.head.Phase == b.head.Phase && a.name < b.name
	})
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

// At is routine i, parsed on its first use: a copy the caller may change
// (clone.go).
func (p Program) At(i int) (Routine, error) {
	if p.lazy != nil {
		return p.lazy[i].get()
	}
	return p.Routines[i].clone(), nil
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
