package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// summaryScreen ends an attempt: each step against its target, the whole
// answer against the level window, and how it compares with the
// candidate's earlier attempts at the same question and level.
type summaryScreen struct {
	r        *rehearsal
	spoken   map[practice.StepID]*widget.Label
	verdicts map[practice.StepID]*widget.Label
	total    *widget.Label
	compare  *widget.Label
	rating   *widget.RadioGroup
	note     *widget.Entry
	done     *widget.Button
	again    *widget.Button
	content  fyne.CanvasObject
}

func newSummaryScreen(r *rehearsal, prev []practice.Attempt, stats []practice.StepStats) *summaryScreen {
	s := &summaryScreen{r: r, spoken: map[practice.StepID]*widget.Label{}, verdicts: map[practice.StepID]*widget.Label{}}
	before := map[practice.StepID]practice.StepStats{}
	for _, st := range stats {
		before[st.Step] = st
	}
	grid := container.NewGridWithColumns(6,
		bold("Step"), bold("Spoken"), bold("Target"), bold("Verdict"), bold("Your rating"), bold("Before (avg · best)"))
	steps := append([]practice.StepID(nil), practice.Steps...)
	if r.counted(practice.FollowUpStep) != nil {
		steps = append(steps, practice.FollowUpStep)
	}
	for _, step := range steps {
		spoken, verdict, rating := widget.NewLabel("not recorded"), widget.NewLabel("–"), widget.NewLabel("–")
		target := widget.NewLabel(practice.FormatClock(r.targets[step]))
		if t := r.counted(step); t != nil {
			spoken.SetText(practice.FormatClock(t.Spoken))
			verdict.SetText(string(t.Verdict))
			verdict.Importance = verdictImportance(t.Verdict)
			target.SetText(practice.FormatClock(t.Target))
			if t.Rating > 0 {
				rating.SetText(fmt.Sprintf("%d / 5", t.Rating))
			}
		}
		prevText := "–"
		if b, ok := before[step]; ok && b.Takes > 0 {
			prevText = practice.FormatClock(b.AvgSpoken) + " · " + practice.FormatClock(b.Best)
		}
		s.spoken[step], s.verdicts[step] = spoken, verdict
		grid.Add(widget.NewLabel(step.Name()))
		grid.Add(spoken)
		grid.Add(target)
		grid.Add(verdict)
		grid.Add(rating)
		grid.Add(widget.NewLabel(prevText))
	}
	a := r.attempt
	s.total = bold(fmt.Sprintf("Whole answer: %s against the %s window of %s: %s",
		practice.FormatClock(a.Spoken), r.level.Name, r.level.WindowText(), a.Verdict))
	s.total.Importance = verdictImportance(a.Verdict)
	s.compare = para(compareText(a, r.level, prev))

	s.rating = widget.NewRadioGroup(ratingOptions, func(string) { s.save() })
	s.rating.Horizontal = true
	s.note = widget.NewMultiLineEntry()
	s.note.SetPlaceHolder("What will you change next time?")
	s.note.SetMinRowsVisible(2)
	s.done = widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), r.close) // close saves
	s.done.Importance = widget.HighImportance
	s.again = widget.NewButtonWithIcon("Practise again", theme.MediaReplayIcon(), func() {
		r.close()
		r.u.startRehearsal(r.q, r.mode, r.level)
	})
	title := "Summary"
	if a.Mode == practice.Mock {
		title = "Mock interview summary"
	}
	s.content = container.NewVScroll(container.NewVBox(
		heading(title), bold(r.q.Title), grid, widget.NewSeparator(), s.total, s.compare,
		container.NewHBox(widget.NewLabel("Overall, how did it go?"), s.rating), s.note,
		container.NewHBox(s.again, s.done),
	))
	return s
}

// save stores the overall rating and note, off the UI goroutine.
func (s *summaryScreen) save() {
	rating := 0
	for i, o := range ratingOptions {
		if o == s.rating.Selected {
			rating = i + 1
		}
	}
	id, note := s.r.attempt.ID, s.note.Text
	s.r.u.save("save your rating", func(ctx context.Context) error {
		return s.r.u.store.RateAttempt(ctx, id, rating, note)
	})
}

// compareText puts this attempt beside the earlier complete ones.
func compareText(a practice.Attempt, l practice.Level, prev []practice.Attempt) string {
	if len(prev) == 0 {
		return fmt.Sprintf("Your first complete attempt at this question at %s: the next one has this to beat.", l.Name)
	}
	var sum time.Duration
	best := prev[0]
	for _, p := range prev {
		sum += p.Spoken
		if offWindow(p.Spoken, l) < offWindow(best.Spoken, l) {
			best = p
		}
	}
	avg := sum / time.Duration(len(prev))
	diff := a.Spoken - avg
	change := "the same as"
	switch {
	case diff > time.Second/2:
		change = practice.FormatSeconds(diff) + " longer than"
	case diff < -time.Second/2:
		change = practice.FormatSeconds(-diff) + " shorter than"
	}
	verdict := "closer to the window than"
	switch d, b := offWindow(a.Spoken, l), offWindow(best.Spoken, l); {
	case d < b:
		verdict = "closer to the window than"
	case d == b:
		verdict = "as close to the window as"
	default:
		verdict = "further from the window than"
	}
	return fmt.Sprintf("Before this, %d complete attempt(s) at %s averaged %s and your best was %s (%s). This time is %s your average and %s your best.",
		len(prev), l.Name, practice.FormatClock(avg), practice.FormatClock(best.Spoken), best.StartedAt.Format("2 Jan"), change, verdict)
}

// offWindow is how far a total lies outside the level window.
func offWindow(d time.Duration, l practice.Level) time.Duration {
	switch {
	case d < l.Min:
		return l.Min - d
	case d > l.Max:
		return d - l.Max
	}
	return 0
}
