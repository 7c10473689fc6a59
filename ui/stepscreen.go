package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/session"
)

// prefHints remembers whether the step screens show their key phrases.
const prefHints = "hints"

// stepScreen records one STAR step: the prompt and target, the
// candidate's cue card, hints, the recorder, and after each take the
// measured result with playback, redo, the choice of take, self-rating,
// self-checks and a note.
type stepScreen struct {
	r    *rehearsal
	step practice.Step

	title     *widget.Label
	prompt    *widget.Label
	target    *widget.Label
	cue       *keyEntry
	cueFrom   *widget.Label // the story the card comes from, and whether this line is the question's own
	cueBox    *fyne.Container
	showCue   *keyCheck
	hints     *widget.Label
	showHints *keyCheck
	keyHelp   *widget.Label
	panel     *recordPanel
	keys      keyMap

	result   *fyne.Container // hidden until the step has a take
	verdict  *widget.Label
	trust    *widget.Label // why the take's figures are not to be trusted, if they are not
	detail   *widget.Label
	notice   *widget.Label // the newest take is not the one that counts
	play     *widget.Button
	redo     *widget.Button
	takeList *keySelect
	takeIDs  []int64         // takeList's options, in order
	counts   *fyne.Container // takeList and its label, shown once there is a choice
	rating   *ratingBar
	checks   []*keyCheck
	note     *keyEntry
	prev     *widget.Button
	next     *widget.Button
	leave    *widget.Button
	scroll   *cuedScroll // the two columns, cued when the result runs below
	content  fyne.CanvasObject
}

func newStepScreen(r *rehearsal, s session.Snapshot) *stepScreen {
	st := &stepScreen{r: r, step: s.Question.Steps[s.Step], keys: keyMap{}}
	step := st.step.Step
	st.title = widget.NewLabel(fmt.Sprintf("Step %d of %d · %s", s.Step+1, len(s.Question.Steps), s.Question.ShortTitle()))
	st.title.Wrapping = fyne.TextWrapWord
	name := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: step.Letter() + " · " + step.Name()})
	st.prompt = para(step.Prompt())
	st.target = bold(fmt.Sprintf("Target at %s: %s", s.Level.Name, bandText(s.Target(step))))

	st.cue = newKeyEntry(true)
	st.cue.SetPlaceHolder("Your cue card: a few words on what you will say in this step. Kept in your story, under My stories.")
	st.cue.SetMinRowsVisible(3)
	st.cue.onLeave = func(text string) { r.s.SetCue(step, text) }
	st.cueFrom = para("")
	st.cueFrom.TextStyle = fyne.TextStyle{Italic: true}
	st.cueFrom.Hide()
	st.cueBox = container.NewVBox(st.cueFrom, st.cue)
	st.showCue = newKeyCheck("Cue card", func(on bool) { setVisible(st.cueBox, on) })
	st.showCue.Checked = true

	st.hints = para("Key phrases: " + strings.Join(st.step.KeyPhrases, " · "))
	st.hints.Hide() // off by default: a harder drill
	st.showHints = newKeyCheck("Hints", func(on bool) {
		setVisible(st.hints, on)
		r.u.settings.SetBool(prefHints, on) // kept from step to step, and rehearsal to rehearsal
	})
	if len(st.step.KeyPhrases) == 0 {
		st.showHints.Disable()
	} else if r.u.settings.Bool(prefHints) {
		st.showHints.Checked = true
		st.hints.Show()
	}

	st.panel = newRecordPanel(func() { r.do(r.s.Toggle) })
	st.keys.bind(st.panel.button, fyne.KeySpace)
	st.panel.setTarget(s.Target(step))

	st.verdict = widget.NewLabel("")
	st.verdict.TextStyle = fyne.TextStyle{Bold: true}
	st.trust = para("")
	st.detail = para("")
	st.notice = para("")
	st.notice.Importance = widget.WarningImportance
	st.play = st.keys.button("Play", theme.MediaPlayIcon(), func() {
		if c := r.counted(); c != nil {
			r.do(func() { r.s.PlayTake(c.ID) })
		}
	}, fyne.KeyP)
	st.redo = st.keys.button("Redo", theme.MediaReplayIcon(), func() { r.do(r.s.Redo) }, fyne.KeyR)
	st.takeList = newKeySelect(nil, func(string) {
		if i := st.takeList.SelectedIndex(); i >= 0 && i < len(st.takeIDs) {
			r.do(func() { r.s.Count(st.takeIDs[i]) })
		}
	})
	st.rating = newRatingBar(func(n int) {
		if c := r.counted(); c != nil {
			r.do(func() { r.s.Rate(c.ID, n) })
		}
	})
	st.rating.bindKeys(st.keys)
	checks := container.NewVBox()
	for _, text := range st.step.SelfChecks {
		check := newKeyCheck(text, func(bool) { st.onChecks() })
		st.checks = append(st.checks, check)
		checks.Add(check)
	}
	st.note = newKeyEntry(false)
	st.note.SetPlaceHolder("A note on this take (Enter saves it and moves on)")
	st.note.onLeave = func(text string) {
		if c := r.counted(); c != nil {
			r.s.SetNote(c.ID, text)
		}
	}
	st.note.OnSubmitted = func(string) { r.do(r.s.Next) }
	st.counts = container.NewBorder(nil, nil, widget.NewLabel("Counts:"), nil, st.takeList)
	st.result = container.NewVBox(
		widget.NewSeparator(), st.verdict, st.trust, st.detail, st.notice,
		container.NewHBox(st.play, st.redo),
		st.counts,
		container.NewHBox(widget.NewLabel("How did it go?"), st.rating.content),
		checks, st.note,
	)
	st.result.Hide()

	st.prev = st.keys.button("Previous", theme.NavigateBackIcon(), func() { r.do(r.s.Prev) }, fyne.KeyLeft)
	nextLabel := "Next step"
	if s.Step == len(s.Question.Steps)-1 {
		nextLabel = "Finish"
	}
	st.next = st.keys.button(nextLabel, theme.NavigateNextIcon(), func() { r.do(r.s.Next) }, append(enter, fyne.KeyRight)...)
	st.leave = st.keys.button("Leave", theme.CancelIcon(), r.leave, fyne.KeyEscape)
	st.keyHelp = para("Keys: Space record or stop · P play · R redo · 1-5 rate · Enter or → next · ← previous · Esc leave")
	st.keyHelp.TextStyle = fyne.TextStyle{Italic: true}

	left := container.NewVBox(st.title, name, st.prompt, st.target,
		container.NewHBox(st.showCue, st.showHints), st.cueBox, st.hints, st.keyHelp)
	right := container.NewVBox(st.panel.content, st.result)
	st.scroll = newCuedScroll(container.NewGridWithColumns(2, left, right))
	st.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, container.NewHBox(st.leave, st.prev), st.next)),
		nil, nil, st.scroll.content)
	return st
}

func (st *stepScreen) bindings() keyMap { return st.keys }

func (st *stepScreen) render(s session.Snapshot) {
	step := st.step.Step
	if s.CuesLoaded {
		st.cue.setText(s.Cues.Line(step))
		st.cue.Enable()
		st.cueFrom.SetText(cueSource(s.Cues, step))
		setVisible(st.cueFrom, st.cueFrom.Text != "")
	} else {
		st.cue.Disable() // typing now would be lost when the cards arrive
	}
	c := s.Counted(step)
	st.panel.render(s, spokenOrZero(c), verdictOrNone(c))
	enable(st.prev, s.Can(session.Prev))
	enable(st.next, s.Can(session.Next))
	enable(st.play, s.Can(session.PlayTake))
	enable(st.redo, s.Can(session.Redo))
	st.rating.enable(s.Can(session.Rate))

	if c == nil || !s.Can(session.Rate) { // the take on show is about to change
		st.result.Hide()
		return
	}
	st.verdict.SetText(spokenOf(*c))
	st.verdict.Importance = verdictImportance(c.Verdict, c.Trust)
	st.verdict.Refresh()
	warning(st.trust, trustText(c.Trust))
	st.detail.SetText(takeDetail(*c))

	takes := s.TakesOf(step)
	newest := takes[len(takes)-1]
	st.notice.SetText(practice.KeptBack(newest))
	setVisible(st.notice, st.notice.Text != "")

	opts := make([]string, len(takes))
	st.takeIDs = st.takeIDs[:0]
	for i, t := range takes {
		opts[i] = fmt.Sprintf("Take %d · %s · %s", i+1, practice.FormatClock(t.Spoken), verdictText(t.Verdict))
		if t.Spoken == 0 {
			opts[i] = fmt.Sprintf("Take %d · no speech", i+1)
		}
		st.takeIDs = append(st.takeIDs, t.ID)
		if t.Counted {
			st.takeList.Selected = opts[i]
		}
	}
	if !slices.Equal(st.takeList.Options, opts) {
		st.takeList.Options = opts
	}
	st.takeList.Refresh()
	setVisible(st.counts, len(takes) > 1) // one take: nothing to choose, and room saved at 800x600
	st.rating.set(c.Rating)
	for _, check := range st.checks {
		if on := slices.Contains(c.Checks, check.Text); check.Checked != on {
			check.Checked = on
			check.Refresh()
		}
	}
	st.note.setText(c.Note)
	playing := s.Playing.Key == session.PlayKey(c.ID)
	setPlayButton(st.play, playing, "Play  (P)")
	st.result.Show()
}

// onChecks sends the self-checks ticked.
func (st *stepScreen) onChecks() {
	c := st.r.counted()
	if c == nil {
		return
	}
	var ticked []string
	for _, check := range st.checks {
		if check.Checked {
			ticked = append(ticked, check.Text)
		}
	}
	st.r.s.SetChecks(c.ID, ticked)
}

// cueSource says which story a step's cue card comes from, and when the
// line shown is the question's own instead of the story's: editing it
// then changes this question only. Without a story it says nothing.
func cueSource(c practice.Cues, step practice.StepID) string {
	if c.StoryID == 0 {
		return ""
	}
	text := "From your story: " + c.StoryTitle
	if c.Overridden(step) {
		text += " · your own line for this question"
	}
	return text
}

// spokenOrZero is a take's spoken time, or zero without a take.
func spokenOrZero(t *practice.Take) (d time.Duration) {
	if t != nil {
		d = t.Spoken
	}
	return d
}

// verdictOrNone is a take's verdict, as its bar shows it: none without a
// take, or when its figures are in doubt.
func verdictOrNone(t *practice.Take) (v practice.Verdict) {
	if t != nil && t.Trust.Trusted() {
		v = t.Verdict
	}
	return v
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// setPlayButton shows Stop while its clip plays, else play, the
// button's own label.
func setPlayButton(b *widget.Button, playing bool, play string) {
	text, icon := play, theme.MediaPlayIcon()
	if playing {
		text, icon = "Stop  (P)", theme.MediaStopIcon()
	}
	if b.Text != text {
		b.SetText(text)
		b.SetIcon(icon)
	}
}
