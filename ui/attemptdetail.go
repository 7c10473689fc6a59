package ui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/report"
	"starcoach/session"
)

// attemptDetail shows one attempt in full: every step with all its takes
// (the counted one marked), each take's figures, rating, ticked
// self-checks and note, and a Play button per take. From here the
// candidate deletes the attempt, exports it, compares it with another
// attempt at the same question, or opens the question's progress chart.
type attemptDetail struct {
	h       *historyScreen
	attempt practice.Attempt
	takes   []practice.Take

	title    *widget.Label
	total    *widget.Label
	rows     []*takeRow // in speaking order, takes in recording order
	compare  *keySelect
	others   []practice.Attempt // the compare choices, by option index
	deleteB  *widget.Button
	exportB  *widget.Button
	reportB  *widget.Button
	loopB    *widget.Button // a loop's answer opens its loop
	chartB   *widget.Button
	backB    *widget.Button
	content  fyne.CanvasObject
	deleting bool
}

// takeRow is one take on the detail screen.
type takeRow struct {
	take    practice.Take
	name    *widget.Label // "Take 2 · counts"
	figures *widget.Label
	play    *widget.Button
}

// openDetail loads an attempt and its takes off the UI goroutine and shows
// them on top of the list. Opened twice before the first load returns,
// it shows the newest once.
func (h *historyScreen) openDetail(id int64) {
	type detail struct {
		a      practice.Attempt
		takes  []practice.Take
		others []practice.Attempt
	}
	load(h.u.bridge, "history.detail", func(ctx context.Context) (detail, error) {
		var d detail
		var err error
		if d.a, err = h.u.store.Attempt(ctx, id); err != nil {
			return d, err
		}
		if d.takes, err = h.u.store.Takes(ctx, id); err != nil {
			return d, err
		}
		d.others, err = h.u.store.Attempts(ctx, practice.HistoryFilter{QuestionID: d.a.QuestionID, Limit: 50})
		return d, err
	}, func(d detail, err error) {
		if err != nil {
			h.u.showError("open the attempt", err)
			return
		}
		h.stopPlayback()
		h.detail = newAttemptDetail(h, d.a, d.takes, d.others)
		h.push(h.detail.content)
	})
}

func newAttemptDetail(h *historyScreen, a practice.Attempt, takes []practice.Take, others []practice.Attempt) *attemptDetail {
	d := &attemptDetail{h: h, attempt: a, takes: takes}
	now := h.now()
	d.title = bold(h.questionTitle(a.QuestionID))
	level, _ := practice.LevelByID(a.Level)
	meta := widget.NewLabel(fmt.Sprintf("%s · %s · %s · %s", attemptDate(a.StartedAt, now), levelName(a.Level),
		modeNames[a.Mode], statusText(a.Status)))
	d.total = bold(fmt.Sprintf("Whole answer: %s against the %s window of %s: %s", practice.FormatClock(a.Spoken),
		level.Name, level.WindowText(), verdictText(a.Verdict)))
	d.total.Importance = verdictImportance(a.Verdict, a.Trust)
	overall := "Overall rating: " + ratingText(a.Rating)
	if a.Note != "" {
		overall += " · Note: " + a.Note
	}

	trust := para("")
	warning(trust, trustText(a.Trust))
	body := container.NewVBox(d.title, meta, d.total, trust, para(overall))
	if a.Loop != 0 {
		d.loopB = widget.NewButtonWithIcon("Open its loop", theme.ListIcon(), func() { h.openLoop(a.Loop) })
		body.Add(container.NewHBox(widget.NewLabel("Answered in an interview loop."), d.loopB))
	}
	byStep := map[practice.StepID][]practice.Take{}
	for _, t := range takes {
		byStep[t.Step] = append(byStep[t.Step], t)
	}
	q := h.u.bank.Question(a.QuestionID)
	var targets map[practice.StepID]time.Duration
	if q != nil && level.ID != "" {
		targets = practice.Targets(q, level)
	}
	for _, step := range practice.Parts {
		list := byStep[step]
		if len(list) == 0 && step == practice.FollowUpStep {
			continue
		}
		body.Add(widget.NewSeparator())
		name := widget.NewLabel(step.Letter() + " · " + step.Name())
		name.TextStyle = fyne.TextStyle{Bold: true}
		target := targets[step]
		if len(list) > 0 {
			target = list[0].Target
		}
		tl := layout.NewSpacer()
		if target > 0 {
			tl = widget.NewLabel("target " + bandText(target))
		}
		body.Add(container.NewHBox(name, tl))
		if len(list) == 0 {
			missing := "Not recorded in this attempt."
			if by := practice.HeldBy(a.Mode, takes, step); by != "" {
				missing = "Not marked with N in this mock: its time is counted in the " + by.Name() + "."
			}
			body.Add(para(missing))
			continue
		}
		for i, t := range list {
			r := d.newTakeRow(i+1, t)
			d.rows = append(d.rows, r)
			line := container.NewBorder(nil, nil, container.NewHBox(r.play, r.name), nil, r.figures)
			body.Add(line)
			if len(t.Checks) > 0 {
				body.Add(para("Self-checks ticked: " + strings.Join(t.Checks, "; ")))
			}
			if t.Note != "" {
				body.Add(para("Note: " + t.Note))
			}
		}
	}

	d.backB = widget.NewButtonWithIcon("Back  (Esc)", theme.NavigateBackIcon(), h.back)
	d.deleteB = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), d.onDelete)
	d.deleteB.Importance = widget.DangerImportance
	d.exportB = widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), func() {
		h.saveFile(fmt.Sprintf("starcoach-attempt-%d.csv", a.ID), ".csv", func(w io.Writer) error {
			return h.exportCSV(w, practice.HistoryFilter{QuestionID: a.QuestionID}, a.ID)
		})
	})
	d.reportB = widget.NewButtonWithIcon("Report…", theme.DocumentIcon(), func() {
		h.u.saveFileProgress(fmt.Sprintf("starcoach-attempt-%d.html", a.ID), ".html", d.writeReport)
	})
	d.chartB = widget.NewButtonWithIcon("Progress chart", theme.GridIcon(), func() { h.openChart(a.QuestionID) })
	var opts []string
	for _, o := range others {
		if o.ID == a.ID {
			continue
		}
		d.others = append(d.others, o)
		opts = append(opts, statusMark(o.Status)+attemptLabel(o, now)+" · "+practice.FormatClock(o.Spoken))
	}
	d.compare = newKeySelect(opts, func(string) {
		if i := d.compare.SelectedIndex(); i >= 0 {
			h.openCompare(d.attempt, d.takes, d.others[i])
		}
	})
	d.compare.PlaceHolder = "Compare with…"
	if len(opts) == 0 {
		d.compare.PlaceHolder = "No other attempt to compare"
		d.compare.Disable()
	}
	// The buttons on one row, the picker under them: side by side they
	// are wider than the pane at 800x600.
	bar := container.NewVBox(
		container.NewBorder(nil, nil, d.backB, container.NewHBox(d.chartB, d.reportB, d.exportB, d.deleteB)),
		d.compare)
	d.content = container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil,
		newCuedScroll(body).content)
	return d
}

// writeReport writes the attempt as the page `starcoach report` writes,
// off the UI goroutine.
func (d *attemptDetail) writeReport(ctx context.Context, w io.Writer, progress func(done, total int)) error {
	u := d.h.u
	return report.Write(ctx, w, u.store, u.bank, []int64{d.attempt.ID}, u.now(), progress)
}

func (d *attemptDetail) newTakeRow(n int, t practice.Take) *takeRow {
	r := &takeRow{take: t}
	name := fmt.Sprintf("Take %d", n)
	r.name = widget.NewLabel(name)
	if t.Counted {
		r.name.SetText(name + " · counts")
		r.name.TextStyle = fyne.TextStyle{Bold: true}
		r.name.Importance = widget.HighImportance
	}
	r.figures = widget.NewLabel(t.Figures())
	r.figures.Wrapping = fyne.TextWrapWord
	r.figures.Importance = verdictImportance(t.Verdict, t.Trust)
	if !t.Counted {
		r.figures.Importance = widget.MediumImportance // not the verdict's colour: it does not count
	}
	r.play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() {
		d.h.player.Toggle(session.PlayKey(t.ID), t.WAV, t.ClipStart, t.ClipEnd)
	})
	return r
}

// renderPlaying shows Stop on the take that plays, Play on the others.
func (d *attemptDetail) renderPlaying() {
	now := d.h.player.Now()
	for _, r := range d.rows {
		icon := theme.MediaPlayIcon()
		if now.Key == session.PlayKey(r.take.ID) {
			icon = theme.MediaStopIcon()
		}
		if r.play.Icon != icon {
			r.play.SetIcon(icon)
		}
	}
}

// playCounted plays the first step's counted take (P on the keyboard).
func (d *attemptDetail) playCounted() {
	for _, r := range d.rows {
		if r.take.Counted {
			r.play.OnTapped()
			return
		}
	}
}

// onDelete asks first, then deletes the attempt and its recordings.
func (d *attemptDetail) onDelete() {
	c := dialog.NewConfirm("Delete this attempt?",
		fmt.Sprintf("The attempt of %s and its %s will be deleted for good.",
			attemptDate(d.attempt.StartedAt, d.h.now()), takesText(d.takes)),
		func(ok bool) {
			if ok {
				d.delete()
			}
		}, d.h.u.win)
	c.SetConfirmText("Delete")
	c.SetDismissText("Cancel")
	c.SetConfirmImportance(widget.DangerImportance)
	d.h.u.showDialog(c, c.Confirm, nil)
}

// takesText counts an attempt's takes and, where a mock interview's
// steps share one, its recordings: "6 takes (2 recordings)".
func takesText(takes []practice.Take) string {
	files := map[string]bool{}
	for _, t := range takes {
		files[t.WAV] = true
	}
	text := practice.Plural(len(takes), "take", "takes")
	if len(files) != len(takes) {
		text += " (" + practice.Plural(len(files), "recording", "recordings") + ")"
	}
	return text
}

// delete removes the attempt through the database's writer and goes back
// to the list without it.
func (d *attemptDetail) delete() {
	if d.deleting {
		return
	}
	d.deleting = true
	d.h.stopPlayback()
	h, id := d.h, d.attempt.ID
	h.u.bridge.write(func(ctx context.Context) error { return h.u.store.DeleteAttempt(ctx, id) }, func(err error) {
		d.deleting = false
		if err != nil {
			h.u.showError("delete the attempt", err)
			return
		}
		h.removeRow(id)
		if h.detail == d {
			h.home()
		}
	})
}
