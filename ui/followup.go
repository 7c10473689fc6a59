package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
)

// followUpScreen asks a follow-up question after a mock answer and records
// the reply as a take of its own; then it shows what the question probes
// and a strong answer to compare with.
type followUpScreen struct {
	r       *rehearsal
	f       practice.FollowUp
	target  time.Duration
	panel   *recordPanel
	verdict *widget.Label
	reveal  *fyne.Container
	finish  *widget.Button
	content fyne.CanvasObject
}

func (r *rehearsal) showFollowUp(f practice.FollowUp) {
	s := &followUpScreen{r: r, f: f, target: time.Duration(f.Target()) * time.Second}
	r.followUp = s
	s.panel = newRecordPanel(s.onRecord)
	s.panel.setTarget(s.target)
	s.verdict = bold("")
	s.reveal = container.NewVBox(
		bold("What it probes"), para(f.Probes),
		bold("A strong answer"), para("“"+f.Strong+"”"),
	)
	if f.Takeaway != "" {
		s.reveal.Add(para("Key takeaway: " + f.Takeaway))
	}
	s.reveal.Hide()
	s.finish = widget.NewButtonWithIcon("Finish  (Enter)", theme.ConfirmIcon(), r.finish)
	s.finish.Importance = widget.HighImportance
	question := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: "“" + f.Question + "”"})
	question.Wrapping = fyne.TextWrapWord
	s.content = container.NewVScroll(container.NewVBox(
		bold("The interviewer follows up:"), question,
		widget.NewLabel(fmt.Sprintf("Answer aloud; aim for about %s.", practice.FormatSeconds(s.target))),
		s.panel.content, s.verdict, s.reveal, container.NewHBox(s.finish),
	))
	r.show(s.content)
}

func (s *followUpScreen) onRecord() {
	r := s.r
	if r.recording() {
		r.stopRecording(s.panel, s.analyse)
		return
	}
	if r.counted(practice.FollowUpStep) != nil {
		return // answered; the comparison is showing
	}
	r.startRecording(practice.FollowUpStep, s.panel, func() {})
}

// analyse measures and saves the reply, off the UI goroutine.
func (s *followUpScreen) analyse(_ audio.Recording, abs, rel string, recErr error) {
	r := s.r
	a, err := audio.AnalyzeFile(abs)
	var t practice.Take
	if err == nil {
		t = measure(a, practice.FollowUpStep, s.target)
		t.WAV, t.ClipEnd = rel, a.Duration
		t.Note = "Follow-up: " + s.f.Question
		t, err = r.saveTake(t)
	}
	r.u.do(func() {
		if err != nil {
			r.u.showError("save your follow-up answer", err)
			return
		}
		if recErr != nil {
			r.u.showError("record to the end (what was said is kept)", recErr)
		}
		r.addTake(t)
		s.panel.showElapsed(t.Spoken)
		s.panel.lock()
		s.verdict.SetText(fmt.Sprintf("Spoken %s of %s: %s", practice.FormatClock(t.Spoken), practice.FormatClock(s.target), t.Verdict))
		s.verdict.Importance = verdictImportance(t.Verdict)
		s.verdict.Refresh()
		s.reveal.Show()
	})
}
