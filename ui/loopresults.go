package ui

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/report"
)

// loopResults shows a loop on one page: the figures of the whole round,
// any story told twice, then every answer's whole time against the level
// window and each step's bar against its target, with its pauses, pace,
// trust and follow-up. It can be compared with an earlier loop and
// written as a report. The end of a loop shows it, and so does History.
type loopResults struct {
	u       *UI
	r       practice.LoopResult
	done    *widget.Button
	report  *widget.Button
	compare *keySelect
	others  []practice.Loop   // the loops the picker offers
	versus  *fyne.Container   // the comparison, once one is chosen
	reuse   *fyne.Container   // stories told twice, once the story bank is read
	content fyne.CanvasObject // the page
}

func newLoopResults(u *UI, r practice.LoopResult, done func()) *loopResults {
	v := &loopResults{u: u, r: r, versus: container.NewVBox(), reuse: container.NewVBox()}
	v.done = widget.NewButtonWithIcon("Done  (Esc)", theme.ConfirmIcon(), done)
	v.done.Importance = widget.HighImportance
	v.report = widget.NewButtonWithIcon("Report…", theme.DocumentSaveIcon(), v.onReport)
	v.compare = newKeySelect(nil, func(string) {
		if i := v.compare.SelectedIndex(); i >= 0 {
			v.compareWith(v.others[i])
		}
	})
	v.compare.PlaceHolder = "Compare with an earlier loop…"
	v.compare.Disable()
	f := r.Figures()
	title := fmt.Sprintf("Loop %d · %s", r.Loop.ID, r.Loop.StartedAt.Format("Mon 2 Jan 2006, 15:04"))
	status := ""
	switch answers := practice.Plural(f.Answered, "answer", "answers"); r.Loop.Status {
	case practice.Complete:
	case practice.Abandoned, practice.Interrupted:
		status = fmt.Sprintf("This loop was %s after %s.", r.Loop.Status.Word(), answers)
	default:
		status = fmt.Sprintf("This loop has not ended: %s so far.", answers)
	}
	figures := bold(loopFiguresText(f, r.Loop.Level))
	body := container.NewVBox(heading(title), figures)
	if status != "" {
		s := para(status)
		s.Importance = widget.WarningImportance
		body.Add(s)
	}
	body.Add(para(coveredText(f)))
	body.Add(v.reuse)
	body.Add(v.versus)
	for i, a := range r.Answers {
		body.Add(widget.NewSeparator())
		body.Add(v.answerCard(i, a))
	}
	bar := container.NewBorder(nil, nil, container.NewHBox(v.report, v.compare), v.done)
	v.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, newCuedScroll(body).content)
	v.loadOthers()
	return v
}

// bind makes Enter and Esc close the page, on the screen's keys.
func (v *loopResults) bind(keys keyMap) { keys.bind(v.done, append(enter, fyne.KeyEscape)...) }

// loopFiguresText sums a loop up in a line; a level StarCoach does not
// know is named as stored.
func loopFiguresText(f practice.LoopFigures, id practice.LevelID) string {
	level := fmt.Sprintf("the level %q, which this StarCoach does not know", id)
	if l, ok := practice.LevelByID(id); ok {
		level = l.Name + " (" + l.WindowText() + ")"
	}
	return fmt.Sprintf("%d of %d answered · %d on target for %s · %s spoken · %s answered",
		f.Answered, f.Asked, f.OnTarget, level, practice.FormatClock(f.Spoken),
		practice.Plural(f.FollowUps, "follow-up", "follow-ups"))
}

// coveredText names the competencies covered and the stories told.
func coveredText(f practice.LoopFigures) string {
	comps, stories := "none", "none linked"
	if len(f.Competencies) > 0 {
		comps = strings.Join(f.Competencies, ", ")
	}
	if len(f.Stories) > 0 {
		stories = "“" + strings.Join(f.Stories, "”, “") + "”"
	}
	return "Competencies covered: " + comps + ". Stories told: " + stories + "."
}

// answerCard is one question of the loop as answered.
func (v *loopResults) answerCard(i int, a practice.LoopAnswer) fyne.CanvasObject {
	q := v.u.bank.Question(a.Pick.QuestionID)
	card := container.NewVBox(
		bold(fmt.Sprintf("%d. %s", i+1, loopQuestionTitle(q, a.Pick.QuestionID))),
		para(pickCompetencyText(a.Pick)+" · "+storyText(a.Pick)),
	)
	if a.Unplanned {
		card.Add(para("Answered in this loop, though not one of the questions it planned."))
	}
	if a.Attempt == nil {
		card.Add(para(v.r.Missing(i) + "."))
		return card
	}
	att := *a.Attempt
	whole := newTimeBar()
	if l, ok := practice.LevelByID(att.Level); ok {
		whole.setWindow(l) // the answer's own: the loop's, unless edited by hand
	}
	whole.setResult(att.Spoken, att.Verdict)
	total := widget.NewLabel(fmt.Sprintf("Whole answer %s · %s", practice.FormatClock(att.Spoken), verdictText(att.Verdict)))
	total.Importance = verdictImportance(att.Verdict, att.Trust)
	if att.Status != practice.Complete {
		total.SetText(fmt.Sprintf("Left unfinished (%s): what was recorded is kept", att.Status.Word()))
		total.Importance = widget.WarningImportance
	}
	card.Add(container.NewBorder(nil, nil, total, nil, whole))
	steps := newTable(3)
	for _, t := range a.Counted() {
		if !t.Step.Valid() {
			continue
		}
		b := newTimeBar()
		band := practice.StepBand(t.Target)
		b.set(t.Target, band.Lo, band.Hi)
		b.setResult(t.Spoken, t.Verdict)
		figs := widget.NewLabel(fmt.Sprintf("%s of %s · %s", practice.FormatClock(t.Spoken), practice.FormatClock(t.Target), verdictText(t.Verdict)))
		figs.Importance = verdictImportance(t.Verdict, t.Trust)
		steps.Add(widget.NewLabel(t.Step.Name()))
		steps.Add(b)
		steps.Add(figs)
	}
	card.Add(steps)
	n, longest := a.Pauses()
	line := fmt.Sprintf("%s of a second or more", practice.Plural(n, "pause", "pauses"))
	if n > 0 {
		line += fmt.Sprintf(" (the longest %.1f s)", longest.Seconds())
	}
	card.Add(para(line + " · " + answerPaceText(att.Pace)))
	if t := trustText(att.Trust); t != "" {
		w := para(t)
		w.Importance = widget.WarningImportance
		card.Add(w)
	}
	follow := "Follow-up: not answered."
	if f := a.FollowUp(); f != nil {
		follow = "Follow-up: " + spokenOf(*f) + "."
	}
	card.Add(para(follow))
	return card
}

// loadOthers reads the other loops to compare with, newest first, and
// the story bank, which names another story for one told twice.
func (v *loopResults) loadOthers() {
	type data struct {
		loops   []practice.Loop
		stories []practice.Story
	}
	load(v.u.bridge, "loops.others", func(ctx context.Context) (data, error) {
		var d data
		var err error
		if d.loops, err = v.u.store.Loops(ctx); err == nil {
			d.stories, err = v.u.store.Stories(ctx)
		}
		return d, err
	}, func(d data, err error) {
		if err != nil {
			v.u.showError("list your loops", err)
			return
		}
		for _, reuse := range practice.StoryReuses(v.r.Loop.Picks, d.stories) {
			w := para(reuse.Text(func(id string) string { return loopQuestionTitle(v.u.bank.Question(id), id) }))
			w.Importance = widget.WarningImportance
			v.reuse.Add(w)
		}
		v.others = slices.DeleteFunc(d.loops, func(l practice.Loop) bool { return l.ID == v.r.Loop.ID })
		var opts []string
		for _, l := range v.others {
			opts = append(opts, loopLabel(l))
		}
		v.compare.Options = opts
		if len(opts) == 0 {
			v.compare.PlaceHolder = "No other loop to compare"
		} else {
			v.compare.Enable()
		}
		v.compare.Refresh()
	})
}

// loopLabel names a loop in a list: when, how many questions, the level
// and how it ended.
func loopLabel(l practice.Loop) string {
	s := fmt.Sprintf("Loop %d · %s · %s · %s", l.ID, l.StartedAt.Format("2 Jan 2006 15:04"), practice.Plural(len(l.Picks), "question", "questions"), levelName(l.Level))
	if l.Status != practice.Complete {
		s += " · " + l.Status.Word()
	}
	return s
}

// compareWith reads an earlier loop and sets its figures beside this
// one's.
func (v *loopResults) compareWith(other practice.Loop) {
	load(v.u.bridge, "loops.compare", func(ctx context.Context) (practice.LoopResult, error) {
		return v.u.store.LoopResult(ctx, other.ID)
	}, func(o practice.LoopResult, err error) {
		if err != nil {
			v.u.showError("read the loop to compare", err)
			return
		}
		v.versus.Objects = []fyne.CanvasObject{widget.NewSeparator(), bold("Compared with the loop of " + o.Loop.StartedAt.Format("2 Jan 2006 15:04")),
			loopComparison(v.u.bank, v.r, o)}
		v.versus.Refresh()
	})
}

// loopComparison is a table of this loop's figures beside another's,
// and of each question both asked.
func loopComparison(bank *practice.Bank, this, that practice.LoopResult) fyne.CanvasObject {
	a, b := this.Figures(), that.Figures()
	head := func(name string, l practice.Loop) fyne.CanvasObject {
		return bold(fmt.Sprintf("%s, %s · %s", name, l.StartedAt.Format("2 Jan"), levelName(l.Level)))
	}
	t := newTable(3, bold(""), head("This loop", this.Loop), head("That one", that.Loop))
	row := func(name, x, y string) {
		t.Add(widget.NewLabel(name))
		t.Add(widget.NewLabel(x))
		t.Add(widget.NewLabel(y))
	}
	row("Answered", fmt.Sprintf("%d of %d", a.Answered, a.Asked), fmt.Sprintf("%d of %d", b.Answered, b.Asked))
	row("On target", fmt.Sprint(a.OnTarget), fmt.Sprint(b.OnTarget))
	mean := func(f practice.LoopFigures) string {
		if f.Answered == 0 {
			return "–"
		}
		return practice.FormatClock(f.Spoken / time.Duration(f.Answered))
	}
	row("Average answer", mean(a), mean(b))
	row("Outside the window, on average", practice.FormatSeconds(a.MeanOff), practice.FormatSeconds(b.MeanOff))
	row("Long pauses", fmt.Sprint(a.Pauses), fmt.Sprint(b.Pauses))
	row("Follow-ups answered", fmt.Sprint(a.FollowUps), fmt.Sprint(b.FollowUps))
	for _, step := range practice.Steps {
		row(step.Name()+", off its target", offText(a.StepOff, step), offText(b.StepOff, step))
	}
	for _, x := range this.Answers {
		for _, y := range that.Answers {
			if x.Pick.QuestionID == y.Pick.QuestionID && x.Attempt != nil && y.Attempt != nil {
				row(loopQuestionTitle(bank.Question(x.Pick.QuestionID), x.Pick.QuestionID),
					practice.FormatClock(x.Attempt.Spoken)+" "+verdictText(x.Attempt.Verdict),
					practice.FormatClock(y.Attempt.Spoken)+" "+verdictText(y.Attempt.Verdict))
			}
		}
	}
	return t
}

// offText says how far a step ran outside its band on average.
func offText(off map[practice.StepID]time.Duration, step practice.StepID) string {
	d, ok := off[step]
	switch {
	case !ok:
		return "–"
	case d == 0:
		return "on target"
	case d < 0:
		return practice.FormatSeconds(-d) + " short"
	}
	return practice.FormatSeconds(d) + " long"
}

// onReport asks where to save the loop's report, then writes it in the
// background with its progress shown.
func (v *loopResults) onReport() {
	v.u.saveFileProgress(fmt.Sprintf("starcoach-loop-%d.html", v.r.Loop.ID), ".html",
		func(ctx context.Context, w io.Writer, progress func(done, total int)) error {
			return report.WriteLoop(ctx, w, v.u.store, v.u.bank, v.r.Loop.ID, v.u.now(), progress)
		})
}
