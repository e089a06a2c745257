package report

import (
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
)

// The Function section: each activity with its first and latest rating,
// the verdicts, a mark per review and series on the chart; an activity's
// name is escaped and has no control character.
func TestFunctionSection(t *testing.T) {
	in := input(90, nil)
	in.Function = routine.BuildFunction([]routine.Review{
		{Date: "2026-11-02", BackPain: 6, LimbPain: 8, Limb: "leg", Activities: []routine.Activity{
			{ID: "a1", Name: "putting on socks", Score: 2}, {ID: "a2", Name: "<b>driving</b>\x1b[2J", Score: 4}}},
		{Date: "2026-11-09", Skipped: true},
		{Date: "2026-11-16", BackPain: 5, LimbPain: 4, Limb: "leg", Activities: []routine.Activity{
			{ID: "a1", Name: "socks on", Score: 6}, {ID: "a3", Name: "sleeping", Score: 7}}},
	})
	page := render(t, in)
	for _, want := range []string{
		`<h2>Function, week by week</h2>`,
		`<tr data-activity="a1"><td class="head">socks on</td><td class="n" data-label="First rating">2 <span class="to">(2 Nov)</span></td><td class="n" data-label="Latest rating">6 <span class="to">(16 Nov)</span></td><td class="n" data-label="Change">&#43;4</td><td data-label="Status">rated</td></tr>`,
		`&lt;b&gt;driving&lt;/b&gt;`, "retired after 2 Nov",
		`data-measure="leg pain"`, "Leg pain: 4 at the latest review (2026-11-16), down 4 from 8 at the first (2026-11-02): a real improvement.",
		"PSFS mean: 6.5 at the latest review (2026-11-16), up 3.5 from 3.0 at the first (2026-11-02): a real improvement.",
		`data-series="back"`, `data-series="limb"`, `data-series="psfs"`, `data-value="6.5"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, "\x1b") {
		t.Error("a control character reached the page")
	}
	if n := strings.Count(page, `data-date="2026-11-16" data-value=`); n != 3 {
		t.Errorf("%d marks on the latest review, want one per series", n)
	}
	if empty := render(t, input(90, nil)); !strings.Contains(empty, "No weekly review answered yet.") {
		t.Error("no reviews: the section does not say so")
	}
}
