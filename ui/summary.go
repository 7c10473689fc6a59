package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/session"
)

// summaryScreen ends an attempt: each step against its target, the whole
// answer against the level window, and how it compares with the
// candidate's earlier complete attempts at the same question and level.
type summaryScreen struct {
	r        *rehearsal
	spoken   map[practice.StepID]*widget.Label
	verdicts map[practice.StepID]*widget.Label
	ratings  map[practice.StepID]*widget.Label
	total    *widget.Label
	compare  *widget.Label
	rating   *ratingBar
	note     *keyEntry
	done     *widget.Button
	again    *widget.Button
	keys     keyMap
	content  fyne.CanvasObject
}

func newSummaryScreen(r *rehearsal, s session.Snapshot) *summaryScreen {
	st := &summaryScreen{r: r, keys: keyMap{}, spoken: map[practice.StepID]*widget.Label{},
		verdicts: map[practice.StepID]*widget.Label{}, ratings: map[practice.StepID]*widget.Label{}}
	before := map[practice.StepID]practice.StepStats{}
	for _, b := range s.Summary.Stats {
		before[b.Step] = b
	}
	// The headings keep to one line: the columns are wide enough for them at 800x600.
	head := func(text string) fyne.CanvasObject {
		l := bold(text)
		l.Wrapping = fyne.TextWrapOff
		return l
	}
	grid := newTable(6,
		head("Step"), head("Spoken"), head("Target"), head("Verdict"), head("Your rating"), head("Before (avg · best)"))
	steps := append([]practice.StepID(nil), practice.Steps...)
	if s.Counted(practice.FollowUpStep) != nil {
		steps = append(steps, practice.FollowUpStep)
	}
	for _, step := range steps {
		st.spoken[step], st.verdicts[step], st.ratings[step] = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
		prev := "–"
		if b, ok := before[step]; ok && b.Takes > 0 {
			prev = practice.FormatClock(b.AvgSpoken) + " · " + practice.FormatClock(b.Best)
		}
		grid.Add(widget.NewLabel(step.Name()))
		grid.Add(st.spoken[step])
		grid.Add(widget.NewLabel(practice.FormatClock(s.Target(step))))
		grid.Add(st.verdicts[step])
		grid.Add(st.ratings[step])
		grid.Add(widget.NewLabel(prev))
	}
	a := s.Attempt
	st.total = bold(fmt.Sprintf("Whole answer: %s against the %s window of %s: %s",
		practice.FormatClock(a.Spoken), s.Level.Name, s.Level.WindowText(), verdictText(a.Verdict)))
	st.total.Importance = verdictImportance(a.Verdict, a.Trust)
	st.compare = para(compareText(a, s.Level, s.Summary.Before))

	st.rating = newRatingBar(st.rate)
	st.rating.bindKeys(st.keys)
	st.note = newKeyEntry(true)
	st.note.SetPlaceHolder("What will you change next time?")
	st.note.SetMinRowsVisible(2)
	st.note.onLeave = r.s.SetAttemptNote
	st.done = st.keys.button("Done", theme.ConfirmIcon(), func() { r.do(r.s.Leave) }, append(enter, fyne.KeyEscape)...)
	st.done.Importance = widget.HighImportance
	st.again = widget.NewButtonWithIcon("Practise again", theme.MediaReplayIcon(), func() {
		r.again = true
		r.do(r.s.Leave)
	})
	title := "Summary"
	if a.Mode == practice.Mock {
		title = "Mock interview summary"
	}
	// The rating sits in the bottom bar, beside Done, never scrolled out
	// of sight; the note is the last thing on the page.
	rate := container.NewCenter(container.NewHBox(widget.NewLabel("Overall, how did it go?"), st.rating.content))
	st.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, st.again, st.done, rate)), nil, nil,
		newCuedScroll(container.NewVBox(
			heading(title+" · "+s.Question.ShortTitle()), grid, widget.NewSeparator(), st.total, st.compare, st.note,
		)).content)
	return st
}

func (st *summaryScreen) bindings() keyMap { return st.keys }

func (st *summaryScreen) render(s session.Snapshot) {
	for step, l := range st.spoken {
		spoken, verdict, rating := "not recorded", "–", "–"
		if t := s.Counted(step); t != nil {
			spoken, verdict = practice.FormatClock(t.Spoken), verdictText(t.Verdict)
			st.verdicts[step].Importance = verdictImportance(t.Verdict, t.Trust)
			if t.Rating > 0 {
				rating = fmt.Sprintf("%d / 5", t.Rating)
			}
		}
		l.SetText(spoken)
		st.verdicts[step].SetText(verdict)
		st.ratings[step].SetText(rating)
	}
	st.rating.set(s.Attempt.Rating)
	st.rating.enable(s.Can(session.RateAttempt))
	st.note.setText(s.Attempt.Note)
}

// rate sets the overall rating (a button or the keys 1-5).
func (st *summaryScreen) rate(n int) {
	st.r.do(func() { st.r.s.RateAttempt(n) })
}

// compareText puts this attempt beside the earlier complete ones.
func compareText(a practice.Attempt, l practice.Level, prev []practice.Attempt) string {
	if len(prev) == 0 {
		return fmt.Sprintf("Your first complete attempt at this question at %s: the next one has this to beat.", l.Name)
	}
	spoken := make([]time.Duration, len(prev))
	for i, p := range prev {
		spoken[i] = p.Spoken
	}
	avg := practice.Mean(spoken)
	best := prev[practice.BestAnswer(prev, l)]
	w := l.Window()
	change := "the same as"
	switch by := practice.Compare(avg, w, a.Spoken, w).By; {
	case by > 0:
		change = practice.FormatSeconds(by) + " longer than"
	case by < 0:
		change = practice.FormatSeconds(-by) + " shorter than"
	}
	verdict := "as close to the window as"
	switch practice.Compare(best.Spoken, w, a.Spoken, w).Move {
	case practice.CameOn, practice.Closer:
		verdict = "closer to the window than"
	case practice.WentOff, practice.Further:
		verdict = "further from the window than"
	}
	averaged := "averaged"
	if len(prev) == 1 {
		averaged = "took"
	}
	return fmt.Sprintf("Before this, %s at %s %s %s and your best was %s (%s). This time is %s your average and %s your best.",
		practice.Plural(len(prev), "complete attempt", "complete attempts"), l.Name, averaged, practice.FormatClock(avg), practice.FormatClock(best.Spoken),
		best.StartedAt.Format("2 Jan"), change, verdict)
}
