package routine

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestCloneSharesNothing: a clone's slices and pointers are its own, all
// of them, found by walking the type: a field added to Routine or
// Exercise that clone does not copy fails here.
func TestCloneSharesNothing(t *testing.T) {
	full := Exercise{ID: "e", Name: "E", Cues: []string{"a", "b"}, NotAfter: []Region{"cervical"},
		BuildUp: &BuildUp{Start: time.Minute, Target: 5 * time.Minute}}
	r := Routine{ID: "r", Precautions: []string{"p"}, Exercises: []Exercise{full, full}, Left: []Exercise{full},
		Ladder: Ladder{Steps: []LadderStep{{RepsOff: 1}}}}
	assertNoSharedMemory(t, reflect.ValueOf(r), reflect.ValueOf(r.clone()), "Routine")
	// Every slice and pointer of the test's routine is non-empty, so that
	// the walk reaches them: a new one must be filled in above.
	assertAllFilled(t, reflect.ValueOf(r), "Routine")
}

func assertNoSharedMemory(t *testing.T, a, b reflect.Value, path string) {
	t.Helper()
	switch a.Kind() {
	case reflect.Slice:
		if a.Len() > 0 && a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares its array", path)
		}
		for i := 0; i < a.Len() && i < b.Len(); i++ {
			assertNoSharedMemory(t, a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Pointer:
		if !a.IsNil() && a.Pointer() == b.Pointer() {
			t.Errorf("%s: the clone shares the value it points to", path)
		}
		if !a.IsNil() && !b.IsNil() {
			assertNoSharedMemory(t, a.Elem(), b.Elem(), "*"+path)
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			assertNoSharedMemory(t, a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)
		}
	case reflect.Map, reflect.Interface, reflect.Chan, reflect.Func:
		t.Errorf("%s: a %s, which clone does not know how to copy", path, a.Kind())
	}
}

func assertAllFilled(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			t.Errorf("%s is empty in the test's routine: fill it in", path)
		}
		for i := 0; i < v.Len(); i++ {
			assertAllFilled(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			t.Errorf("%s is nil in the test's routine: fill it in", path)
			return
		}
		assertAllFilled(t, v.Elem(), "*"+path)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			assertAllFilled(t, v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	}
}
