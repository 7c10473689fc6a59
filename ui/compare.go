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

// compareScreen puts two attempts at one question side by side, step by
// step, the older on the left, with what changed.
type compareScreen struct {
	older, newer practice.Attempt
	rows         []compareRow // the five steps, then the whole answer
	content      fyne.CanvasObject
}

// compareRow is one line of the comparison.
type compareRow struct {
	step         practice.StepID // "" for the whole answer
	older, newer *widget.Label
	diff         *widget.Label
}

// openCompare loads the other attempt's takes off the UI goroutine and
// shows the comparison on top of the detail.
func (h *historyScreen) openCompare(a practice.Attempt, takes []practice.Take, other practice.Attempt) {
	load(h.u.bridge, "history.compare", func(ctx context.Context) ([]practice.Take, error) {
		return h.u.store.Takes(ctx, other.ID)
	}, func(otherTakes []practice.Take, err error) {
		if err != nil {
			h.u.showError("load the attempt to compare", err)
			return
		}
		h.stopPlayback()
		h.compare = newCompareScreen(h, a, takes, other, otherTakes)
		h.push(h.compare.content)
	})
}

func newCompareScreen(h *historyScreen, a practice.Attempt, aTakes []practice.Take, b practice.Attempt, bTakes []practice.Take) *compareScreen {
	if b.StartedAt.Before(a.StartedAt) {
		a, b, aTakes, bTakes = b, a, bTakes, aTakes
	}
	c := &compareScreen{older: a, newer: b}
	now := h.now()
	counted := func(ts []practice.Take) map[practice.StepID]practice.Take {
		m := map[practice.StepID]practice.Take{}
		for _, t := range ts {
			if t.Counted {
				m[t.Step] = t
			}
		}
		return m
	}
	ca, cb := counted(aTakes), counted(bTakes)
	grid := newTable(4, bold("Step"),
		bold(attemptLabel(a, now)),
		bold(attemptLabel(b, now)),
		bold("What changed"))
	// The figures wrap, as the headings do: in a narrow pane a row takes
	// two lines rather than widening the window.
	cell := func(spoken, target time.Duration, v practice.Verdict, ok bool) *widget.Label {
		if !ok {
			return para("not recorded")
		}
		l := para(fmt.Sprintf("%s of %s · %s", practice.FormatClock(spoken), practice.FormatClock(target), verdictText(v)))
		l.Importance = verdictImportance(v, practice.Trust{})
		return l
	}
	add := func(r compareRow, name string) {
		c.rows = append(c.rows, r)
		grid.Add(widget.NewLabel(name))
		grid.Add(r.older)
		grid.Add(r.newer)
		grid.Add(r.diff)
	}
	for _, step := range practice.Steps {
		ta, okA := ca[step]
		tb, okB := cb[step]
		r := compareRow{step: step,
			older: cell(ta.Spoken, ta.Target, ta.Verdict, okA),
			newer: cell(tb.Spoken, tb.Target, tb.Verdict, okB),
			diff:  widget.NewLabel("–"),
		}
		if okA && okB {
			r.diff.SetText(changeText(practice.Compare(ta.Spoken, practice.StepBand(ta.Target), tb.Spoken, practice.StepBand(tb.Target))))
		}
		r.diff.Wrapping = fyne.TextWrapWord
		add(r, step.Name())
	}
	la, _ := practice.LevelByID(a.Level)
	lb, _ := practice.LevelByID(b.Level)
	total := compareRow{
		older: cell(a.Spoken, la.Max, a.Verdict, true),
		newer: cell(b.Spoken, lb.Max, b.Verdict, true),
		diff:  widget.NewLabel(changeText(practice.Compare(a.Spoken, la.Window(), b.Spoken, lb.Window()))),
	}
	total.older.SetText(practice.FormatClock(a.Spoken) + " of " + la.WindowText() + " · " + verdictText(a.Verdict))
	total.newer.SetText(practice.FormatClock(b.Spoken) + " of " + lb.WindowText() + " · " + verdictText(b.Verdict))
	total.diff.Wrapping = fyne.TextWrapWord
	add(total, "Whole answer")
	grid.Add(widget.NewLabel("Your rating"))
	grid.Add(widget.NewLabel(ratingText(a.Rating)))
	grid.Add(widget.NewLabel(ratingText(b.Rating)))
	grid.Add(widget.NewLabel(ratingChange(a.Rating, b.Rating)))

	back := widget.NewButtonWithIcon("Back  (Esc)", theme.NavigateBackIcon(), h.back)
	c.content = container.NewBorder(
		container.NewVBox(container.NewHBox(back), heading("Compare · "+h.questionTitle(a.QuestionID))),
		nil, nil, nil, newCuedScroll(grid).content)
	return c
}

// changeText words a change, e.g. "12 s shorter, now on target".
func changeText(c practice.Change) string {
	var s string
	switch {
	case c.By > 0:
		s = practice.FormatSeconds(c.By) + " longer"
	case c.By < 0:
		s = practice.FormatSeconds(-c.By) + " shorter"
	default:
		s = "the same length"
	}
	switch c.Move {
	case practice.CameOn:
		return s + ", now on target"
	case practice.StayedOn:
		return s + ", on target both times"
	case practice.WentOff:
		return s + ", off target now"
	case practice.Closer:
		return s + ", closer to target"
	case practice.Further:
		return s + ", further from target"
	}
	return s + ", as far from target"
}

func ratingChange(a, b int) string {
	switch {
	case a == 0 || b == 0:
		return "–"
	case b > a:
		return fmt.Sprintf("%d higher", b-a)
	case b < a:
		return fmt.Sprintf("%d lower", a-b)
	}
	return "the same"
}
