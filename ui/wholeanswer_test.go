package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// Issue 21: one mock attempt, recorded through the app, is shown with the
// same whole answer and the same verdict on every screen that shows it:
// the mock's results, the summary, History's row, the attempt's detail,
// the comparison, the progress chart's point and its words, and the
// reason Home gives for rehearsing it again. Its steps add up to a time
// inside the window; with the pauses between them, from the first word
// to the last, it runs long.
func TestOneMockAttemptReadsTheSameOnEveryScreen(t *testing.T) {
	g := newRig(t)
	// An earlier step-by-step answer, every step on its target: 2:30, the
	// window's top.
	earlier := g.addAttempt(seedSpec{q: "unpopular-decision", level: "sde2", mode: practice.StepByStep,
		start: time.Now().Add(-time.Hour), factor: 1, rating: 4})

	g.rehearse(practice.Mock)
	g.tap(g.u.rehearsal.setup.start)
	m := g.u.rehearsal.mock
	wav, marks := g.mockWAV([]float64{25, 16, 78, 16, 12.5})
	s := g.speakMock(wav, marks, false)
	a, err := g.db.Attempt(ctx, s.Attempt.ID)
	if err != nil {
		t.Fatal(err)
	}
	takes, err := g.db.Takes(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	l := s.Level
	var sum time.Duration
	for _, tk := range takes {
		if tk.Counted && tk.Step.Valid() {
			sum += tk.Spoken
			if tk.Verdict != practice.OnTarget {
				t.Fatalf("%s ran %s: the fixture wants every step on target", tk.Step, tk.Verdict)
			}
		}
	}
	if l.ID != "sde2" || a.Spoken != practice.WholeAnswer(practice.Mock, takes) || a.Verdict != practice.Long ||
		practice.TotalVerdict(sum, l) != practice.OnTarget {
		t.Fatalf("the fixture: at %s the whole answer %s is %s, the steps add up to %s (%s)", l.Name,
			practice.FormatClock(a.Spoken), a.Verdict, practice.FormatClock(sum), practice.TotalVerdict(sum, l))
	}
	whole, verdict, window := practice.FormatClock(a.Spoken), verdictText(a.Verdict), l.WindowText()
	over := practice.FormatSeconds(practice.Shown(a.Spoken) - l.Max) // past the window's top
	t.Logf("whole answer %s (%s), steps adding up to %s", whole, verdict, practice.FormatClock(sum))
	saw := func(screen, got, want string, imp, wantImp widget.Importance) {
		t.Helper()
		if !strings.Contains(got, want) {
			t.Errorf("%s says %q, want %q", screen, got, want)
		}
		if imp != wantImp {
			t.Errorf("%s is coloured %v, want %v for %s", screen, imp, wantImp, verdict)
		}
	}
	long := verdictImportance(a.Verdict, a.Trust)

	// The mock's results, then the summary after the follow-up.
	saw("the mock's results", m.total.Text, "Whole answer: "+whole+" from your first word to your last, against "+window+": "+verdict,
		m.total.Importance, long)
	g.press(fyne.KeyReturn)
	g.press(fyne.KeyReturn)
	g.settle("the summary", func() bool { return g.u.rehearsal != nil && g.u.rehearsal.summary != nil })
	sum1 := g.u.rehearsal.summary
	saw("the summary", sum1.total.Text, "Whole answer: "+whole+" against the SDE 2 window of "+window+": "+verdict,
		sum1.total.Importance, long)
	saw("the summary's comparison", sum1.compare.Text, "This time is "+over+" longer than your average and further from the window than your best.",
		long, long)
	g.press(fyne.KeyReturn)
	g.settle("the rehearsal closes", func() bool { return g.u.rehearsal == nil })

	// History's row.
	h := g.openHistory()
	if h.rows[0].ID != a.ID {
		t.Fatalf("the newest row is attempt %d, want the mock %d", h.rows[0].ID, a.ID)
	}
	row := false
	for _, obj := range test.LaidOutObjects(h.list) {
		if lb, ok := obj.(*widget.Label); ok && strings.HasPrefix(lb.Text, whole+" of ") {
			row = true
			saw("History's row", lb.Text, whole+" of "+window, lb.Importance, long)
		}
	}
	if !row {
		t.Errorf("no History row shows %s; it shows %q", whole, shownTexts(h.list))
	}

	// The attempt's detail, and what the earlier attempt offers to
	// compare it with.
	h.list.Select(1)
	g.settle("the earlier attempt opens", func() bool { return h.detail != nil && h.detail.attempt.ID == earlier.ID })
	if opts := h.detail.compare.Options; len(opts) != 1 || !strings.HasSuffix(opts[0], " · "+whole) {
		t.Errorf("the earlier attempt offers %q to compare with, want the mock at %s", opts, whole)
	}
	g.press(fyne.KeyEscape)
	h.list.Select(0)
	g.settle("the mock opens", func() bool { return h.detail != nil && h.detail.attempt.ID == a.ID })
	d := h.detail
	saw("the attempt's detail", d.total.Text, "Whole answer: "+whole+" against the SDE 2 window of "+window+": "+verdict,
		d.total.Importance, long)

	// The comparison with the earlier answer, on target at 2:30.
	d.compare.SetSelectedIndex(0)
	g.settle("the comparison opens", func() bool { return h.compare != nil })
	total := h.compare.rows[5]
	saw("the comparison", total.newer.Text, whole+" of "+window+" · "+verdict, total.newer.Importance, long)
	saw("the comparison's change", total.diff.Text, over+" longer, off target now", long, long)
	g.press(fyne.KeyEscape)

	// The progress chart: the whole-answer panel's point, where it is
	// drawn against the window, and the words under the chart.
	g.tap(d.chartB)
	g.settle("the chart loads", func() bool { return h.chart != nil && len(h.chart.chart.model.Attempts) == 2 })
	c := h.chart
	cm := c.chart.model
	panel := len(cm.Panels) - 1
	if cm.Panels[panel].Title != "Whole answer" {
		t.Fatalf("the last panel is %q", cm.Panels[panel].Title)
	}
	point := -1
	for j, p := range cm.Panels[panel].Points {
		if cm.Attempts[p.Attempt].ID == a.ID {
			point = j
			if got := practice.FormatClock(p.Spoken); got != whole || p.Verdict != a.Verdict {
				t.Errorf("the chart plots the whole answer at %s, %s; every other screen says %s, %s", got, p.Verdict, whole, verdict)
			}
		}
	}
	if point < 0 {
		t.Fatal("the chart has no whole-answer point for the mock")
	}
	pg := cm.layout(fyne.NewSize(900, 600), 12).Panels[panel]
	if band := pg.Bands[0]; pg.Points[point].Y >= band.Pos.Y {
		t.Errorf("the point is drawn at y %v, inside the window's band from y %v: not long", pg.Points[point].Y, band.Pos.Y)
	}
	c.showPoint(chartRef{panel, point}, true)
	saw("the chart's words", c.info.Text, "Whole answer: "+whole+" against the SDE 2 window "+window+", "+verdict, long, long)

	// Home: why to rehearse the question again.
	g.u.onHome()
	g.idle()
	home := g.openHome()
	reason := ""
	for _, due := range home.plan {
		if due.Question.ID == a.QuestionID {
			reason = due.Reason
		}
	}
	saw("Home", reason, "the whole answer ran "+over+" "+verdict+" last time", long, long)
}

// What changed between two takes is said of the figures shown, at the
// band's edges as the verdicts judge them (a 15 s target: 12 s to 17 s).
func TestChangeTextAgreesWithTheVerdicts(t *testing.T) {
	band := practice.StepBand(15 * time.Second)
	for _, tc := range []struct {
		older, newer time.Duration
		want         string
	}{
		{14400 * time.Millisecond, 17400 * time.Millisecond, "3 s longer, on target both times"}, // 0:14, 0:17
		{16600 * time.Millisecond, 17400 * time.Millisecond, "the same length, on target both times"},
		{14600 * time.Millisecond, 17400 * time.Millisecond, "2 s longer, on target both times"}, // 0:15, 0:17
		{14 * time.Second, 17500 * time.Millisecond, "4 s longer, off target now"},               // 0:18
		{11400 * time.Millisecond, 11500 * time.Millisecond, "1 s longer, now on target"},        // 0:11, 0:12
		{18400 * time.Millisecond, 17600 * time.Millisecond, "the same length, as far from target"},
		{19 * time.Second, 17500 * time.Millisecond, "1 s shorter, closer to target"},
		{10 * time.Second, 20 * time.Second, "10 s longer, further from target"},
	} {
		if got := changeText(practice.Compare(tc.older, band, tc.newer, band)); got != tc.want {
			t.Errorf("%v then %v: %q, want %q", tc.older, tc.newer, got, tc.want)
		}
	}
}

// The recording bar turns red when the clock shows a time past the band,
// not while it still shows the band's top.
func TestTimeBarTurnsRedAsTheClockPassesTheBand(t *testing.T) {
	b := newTimeBar()
	band := practice.StepBand(15 * time.Second)
	b.set(15*time.Second, band.Lo, band.Hi)
	for _, c := range []struct {
		at   time.Duration
		want fyne.ThemeColorName
	}{{17400 * time.Millisecond, "warning"}, {17500 * time.Millisecond, "error"}} {
		b.setElapsed(c.at)
		if got := b.colorName(); got != c.want {
			t.Errorf("at %v (the clock shows %s) the bar is %q, want %q", c.at, practice.FormatClock(c.at), got, c.want)
		}
	}
}
