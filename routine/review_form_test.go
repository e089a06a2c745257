package routine

import (
	"reflect"
	"strings"
	"testing"
)

// answer types each answer in turn, failing on a refusal.
func answer(t *testing.T, f ReviewForm, answers ...string) ReviewForm {
	t.Helper()
	for _, a := range answers {
		var why string
		if f, why = f.Answer(a); why != "" {
			t.Fatalf("answer %q to %q refused: %s", a, f.Question(), why)
		}
	}
	return f
}

func TestReviewFormFirstReview(t *testing.T) {
	f := NewReviewForm(nil, "leg", "2026-12-01")
	if f.Step() != AskBackPain || !strings.Contains(f.Question(), "Back pain over the last week") {
		t.Fatalf("first question %q", f.Question())
	}
	f = answer(t, f, "6", "7")
	if f.Step() != AskNewName || !strings.Contains(f.Question(), "putting on socks") {
		t.Fatalf("no activity yet: want the first name asked with examples, got %q", f.Question())
	}
	f = answer(t, f, "  putting\ton   socks ", "3", "driving\x1b[31m", "5", "")
	if !f.Done() {
		t.Fatalf("empty name should finish; at %q", f.Question())
	}
	want := Review{Date: "2026-12-01", Limb: "leg", BackPain: 6, LimbPain: 7,
		Activities: []Activity{{"a1", "putting on socks", 3}, {"a2", "driving [31m", 5}}}
	if got := f.Review(); !reflect.DeepEqual(got, want) {
		t.Errorf("review %+v, want %+v", got, want)
	}
	if err := f.Review().Validate(); err != nil {
		t.Errorf("the form's review does not validate: %v", err)
	}
}

func TestReviewFormRefusals(t *testing.T) {
	f := NewReviewForm(nil, "arm", "2026-12-01")
	for _, bad := range []string{"", "11", "-1", "5.5", "seven"} {
		if g, why := f.Answer(bad); why == "" || g.Step() != AskBackPain {
			t.Errorf("back pain %q accepted", bad)
		}
	}
	if _, why := f.Answer(""); why != "Type a whole number from 0 to 10, then press Enter." {
		t.Errorf("Enter alone is answered %q", why)
	}
	f = answer(t, f, "2")
	if !strings.HasPrefix(f.Question(), "Arm pain") {
		t.Errorf("after a neck fusion the second question is %q", f.Question())
	}
	f = answer(t, f, "2")
	if _, why := f.Answer(strings.Repeat("x", MaxActivityName+1)); why == "" {
		t.Error("a name over the limit was accepted")
	}
}

func TestReviewFormLaterReviewRenameRetireAdd(t *testing.T) {
	past := []Review{answered("2026-11-01", 6, 5,
		Activity{"a1", "socks", 2}, Activity{"a2", "driving", 4}, Activity{"a3", "sleeping", 5})}
	f := answer(t, NewReviewForm(past, "leg", "2026-11-08"), "5", "4")
	if !strings.Contains(f.Question(), `"socks": last time 2`) {
		t.Fatalf("kept activity question %q", f.Question())
	}
	f = answer(t, f, "r", "putting on socks")
	if !strings.Contains(f.Question(), `"putting on socks": last time 2`) {
		t.Fatalf("after the rename %q", f.Question())
	}
	f = answer(t, f, "4", "x", "6", "lifting a bag", "3", "")
	got := f.Review().Activities
	want := []Activity{{"a1", "putting on socks", 4}, {"a3", "sleeping", 6}, {"a4", "lifting a bag", 3}}
	if !f.Done() || !reflect.DeepEqual(got, want) {
		t.Errorf("activities %+v, want %+v (a2 retired, a4 new: a retired id is not reused)", got, want)
	}
	if past[0].Activities[0].Name != "socks" {
		t.Error("the rename changed the stored past review")
	}
}

func TestReviewFormStopsAtFive(t *testing.T) {
	f := answer(t, NewReviewForm(nil, "leg", "2026-12-01"), "1", "1")
	for i := 0; i < MaxActivities; i++ {
		f = answer(t, f, "thing "+string(rune('a'+i)), "5")
	}
	if !f.Done() || len(f.Review().Activities) != MaxActivities {
		t.Errorf("after five activities: done %t, %d rated", f.Done(), len(f.Review().Activities))
	}
}
