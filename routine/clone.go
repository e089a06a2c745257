package routine

import "slices"

// clone is a copy of r that shares no memory with it: a caller may change
// any part of it. BuiltProgram hands out clones of static data, so that
// one caller's change is never another's (TestCloneSharesNothing walks
// every slice and pointer, those added later included).
func (r Routine) clone() Routine {
	r.Precautions = slices.Clone(r.Precautions)
	r.Exercises = cloneExercises(r.Exercises)
	r.Left = cloneExercises(r.Left)
	r.Ladder.Steps = slices.Clone(r.Ladder.Steps)
	return r
}

func cloneExercises(es []Exercise) []Exercise {
	if es == nil {
		return nil
	}
	out := make([]Exercise, len(es))
	for i, e := range es {
		e.Cues = slices.Clone(e.Cues)
		e.NotAfter = slices.Clone(e.NotAfter)
		if e.BuildUp != nil {
			b := *e.BuildUp
			e.BuildUp = &b
		}
		out[i] = e
	}
	return out
}
