package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/session"
)

// followUpScreen asks a follow-up question after a mock answer and records
// the reply as a take of its own; then it shows what the question probes
// and a strong answer to compare with.
type followUpScreen struct {
	r       *rehearsal
	panel   *recordPanel
	verdict *widget.Label
	reveal  *fyne.Container
	play    *widget.Button
	redo    *widget.Button
	finish  *widget.Button
	leave   *widget.Button
	keys    keyMap
	content fyne.CanvasObject
}

func newFollowUpScreen(r *rehearsal, s session.Snapshot) *followUpScreen {
	f := s.FollowUp
	st := &followUpScreen{r: r, keys: keyMap{}}
	target := s.Target(practice.FollowUpStep)
	st.panel = newRecordPanel(func() { r.do(r.s.Toggle) })
	st.keys.bind(st.panel.button, fyne.KeySpace)
	st.panel.setTarget(target)
	st.verdict = bold("")
	st.reveal = container.NewVBox(
		bold("What it probes"), para(f.Probes),
		bold("A strong answer"), para(quote(f.Strong)),
	)
	if f.Takeaway != "" {
		st.reveal.Add(para("Key takeaway: " + f.Takeaway))
	}
	st.reveal.Hide()
	st.play = st.keys.button("Play", theme.MediaPlayIcon(), func() {
		if c := r.snap.Counted(practice.FollowUpStep); c != nil {
			r.do(func() { r.s.PlayTake(c.ID) })
		}
	}, fyne.KeyP)
	st.redo = st.keys.button("Redo", theme.MediaReplayIcon(), func() { r.do(r.s.Redo) }, fyne.KeyR)
	st.finish = st.keys.button(r.finishText, theme.ConfirmIcon(), func() { r.do(r.s.Finish) }, enter...)
	st.finish.Importance = widget.HighImportance
	st.leave = st.keys.button("Leave", theme.CancelIcon(), r.leave, fyne.KeyEscape)
	question := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: "“" + f.Question + "”"})
	question.Wrapping = fyne.TextWrapWord
	st.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, st.leave, st.finish)), nil, nil,
		newCuedScroll(container.NewVBox(
			bold("The interviewer follows up:"), question,
			widget.NewLabel(fmt.Sprintf("Answer aloud; aim for about %s.", practice.FormatSeconds(target))),
			st.panel.content, st.verdict, container.NewHBox(st.play, st.redo), st.reveal,
		)).content)
	return st
}

func (st *followUpScreen) bindings() keyMap { return st.keys }

func (st *followUpScreen) render(s session.Snapshot) {
	c := s.Counted(practice.FollowUpStep)
	st.panel.render(s, spokenOrZero(c), verdictOrNone(c))
	enable(st.finish, s.Can(session.Finish))
	answered := c != nil && s.Can(session.PlayTake)
	setVisible(st.play, answered)
	setVisible(st.redo, answered)
	enable(st.redo, s.Can(session.Redo))
	setVisible(st.reveal, answered)
	if !answered {
		st.verdict.SetText("")
		return
	}
	st.verdict.SetText(spokenOf(*c))
	st.verdict.Importance = verdictImportance(c.Verdict, c.Trust)
	st.verdict.Refresh()
	setPlayButton(st.play, s.Playing.Key == session.PlayKey(c.ID), "Play  (P)")
}
