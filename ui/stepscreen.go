package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
)

// stepScreen records one STAR step: the prompt and target, the
// candidate's cue card, hints, the recorder, and after each take the
// measured result with playback, redo, self-rating, self-checks and a note.
type stepScreen struct {
	r    *rehearsal
	step practice.Step

	title     *widget.Label
	prompt    *widget.Label
	target    *widget.Label
	cue       *widget.Entry
	cueBox    *fyne.Container
	showCue   *widget.Check
	hints     *widget.Label
	showHints *widget.Check
	panel     *recordPanel

	result   *fyne.Container // hidden until a take exists
	verdict  *widget.Label
	detail   *widget.Label
	play     *widget.Button
	redo     *widget.Button
	takeList *widget.Select
	rating   *widget.RadioGroup
	checks   []*widget.Check
	note     *widget.Entry
	prev     *widget.Button
	next     *widget.Button
	content  fyne.CanvasObject
}

var ratingOptions = []string{"1", "2", "3", "4", "5"}

// showStep opens the screen for step i (0 to 4).
func (r *rehearsal) showStep(i int) {
	if i < 0 || i >= len(r.q.Steps) {
		return
	}
	if r.screen != nil {
		r.screen.saveEdits()
	}
	r.stopPlayback()
	r.step = i
	s := &stepScreen{r: r, step: r.q.Steps[i]}
	r.screen = s
	s.build()
	r.show(s.content)
	s.showResult()
}

func (s *stepScreen) build() {
	r, st := s.r, s.step
	target := r.targets[st.Step]
	s.title = widget.NewLabel(fmt.Sprintf("Step %d of %d · %s", r.step+1, len(r.q.Steps), r.q.ShortTitle()))
	s.title.Wrapping = fyne.TextWrapWord
	heading := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: st.Step.Letter() + " · " + st.Step.Name()})
	s.prompt = para(st.Step.Prompt())
	s.target = bold(fmt.Sprintf("Target at %s: %s (on target from %s to %s)", r.level.Name,
		practice.FormatSeconds(target), practice.FormatSeconds(bandLo(target)), practice.FormatSeconds(bandHi(target))))

	s.cue = widget.NewMultiLineEntry()
	s.cue.Wrapping = fyne.TextWrapWord
	s.cue.SetPlaceHolder("Your cue card: a few words on what you will say in this step. Saved with your story for this question.")
	s.cue.SetText(r.story.Notes[st.Step])
	s.cue.SetMinRowsVisible(3)
	s.cue.OnChanged = func(t string) { r.story.Notes[st.Step] = t }
	s.cueBox = container.NewVBox(s.cue)
	s.showCue = widget.NewCheck("Cue card", func(on bool) { setVisible(s.cueBox, on) })
	s.showCue.SetChecked(true)

	s.hints = para("Key phrases: " + strings.Join(st.KeyPhrases, " · "))
	s.hints.Hide() // off by default: a harder drill
	s.showHints = widget.NewCheck("Hints", func(on bool) { setVisible(s.hints, on) })
	if len(st.KeyPhrases) == 0 {
		s.showHints.Disable()
	}

	s.panel = newRecordPanel(s.onRecord)
	s.panel.setTarget(target)

	s.verdict = widget.NewLabel("")
	s.verdict.TextStyle = fyne.TextStyle{Bold: true}
	s.detail = para("")
	s.play = widget.NewButtonWithIcon("Play  (P)", theme.MediaPlayIcon(), s.onPlay)
	s.redo = widget.NewButtonWithIcon("Redo  (R)", theme.MediaReplayIcon(), s.onRecord)
	s.takeList = widget.NewSelect(nil, s.onCountTake)
	s.rating = widget.NewRadioGroup(ratingOptions, s.onRate)
	s.rating.Horizontal = true
	checks := container.NewVBox()
	for _, c := range st.SelfChecks {
		check := widget.NewCheck(c, func(bool) { s.onChecks() })
		s.checks = append(s.checks, check)
		checks.Add(check)
	}
	s.note = widget.NewEntry()
	s.note.SetPlaceHolder("A note on this take (saved when you move on)")
	s.result = container.NewVBox(
		widget.NewSeparator(), s.verdict, s.detail,
		container.NewHBox(s.play, s.redo),
		container.NewBorder(nil, nil, widget.NewLabel("Counts:"), nil, s.takeList),
		container.NewHBox(widget.NewLabel("How did it go?"), s.rating),
		checks, s.note,
	)
	s.result.Hide()

	s.prev = widget.NewButtonWithIcon("Previous  (←)", theme.NavigateBackIcon(), s.onPrev)
	if r.step == 0 {
		s.prev.Disable()
	}
	nextLabel := "Next step  (Enter)"
	if r.step == len(r.q.Steps)-1 {
		nextLabel = "Finish  (Enter)"
	}
	s.next = widget.NewButtonWithIcon(nextLabel, theme.NavigateNextIcon(), s.onNext)
	leave := widget.NewButtonWithIcon("Leave  (Esc)", theme.CancelIcon(), r.leave)
	keys := para("Keys: Space record or stop · P play · R redo · 1-5 rate · Enter or → next · ← previous · Esc leave")
	keys.TextStyle = fyne.TextStyle{Italic: true}

	left := container.NewVBox(s.title, heading, s.prompt, s.target,
		container.NewHBox(s.showCue, s.showHints), s.cueBox, s.hints, keys)
	right := container.NewVBox(s.panel.content, s.result)
	s.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, container.NewHBox(leave, s.prev), s.next)),
		nil, nil,
		container.NewVScroll(container.NewGridWithColumns(2, left, right)))
}

func bandLo(t time.Duration) time.Duration { lo, _ := practice.StepBand(t); return lo }
func bandHi(t time.Duration) time.Duration { _, hi := practice.StepBand(t); return hi }

func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

func (s *stepScreen) onRecord() {
	r := s.r
	if r.recording() {
		r.stopRecording(s.panel, s.analyse)
		return
	}
	s.saveEdits()
	s.result.Hide()
	s.panel.setTarget(r.targets[s.step.Step])
	r.startRecording(s.step.Step, s.panel, func() {})
}

// analyse measures a finished recording and saves it as a take; it runs
// off the UI goroutine.
func (s *stepScreen) analyse(res audio.Recording, abs, rel string, recErr error) {
	r := s.r
	step, target := s.step.Step, r.targets[s.step.Step]
	a, err := audio.AnalyzeFile(abs)
	if err != nil && recErr != nil {
		err = fmt.Errorf("%w (the recording stopped with: %v)", err, recErr)
	}
	var t practice.Take
	if err == nil {
		t = measure(a, step, target)
		t.WAV = rel
		t.ClipEnd = a.Duration
		t, err = r.saveTake(t)
	}
	r.u.do(func() {
		if err != nil {
			r.u.showError("save the take of "+step.Name(), err)
			return
		}
		if recErr != nil {
			r.u.showError("record to the end ("+practice.FormatClock(t.Duration)+" was kept as a take)", recErr)
		}
		r.addTake(t)
		if r.screen == s {
			s.showResult()
		}
	})
}

// showResult fills the result panel from the counted take, if any.
func (s *stepScreen) showResult() {
	r := s.r
	t := r.counted(s.step.Step)
	if t == nil {
		s.result.Hide()
		return
	}
	s.panel.showElapsed(t.Spoken)
	s.verdict.SetText(fmt.Sprintf("Spoken %s of %s: %s", practice.FormatClock(t.Spoken), practice.FormatClock(t.Target), t.Verdict))
	s.verdict.Importance = verdictImportance(t.Verdict)
	s.verdict.Refresh()
	s.detail.SetText(takeDetail(*t))
	list := r.takes[s.step.Step]
	opts := make([]string, len(list))
	for i, tk := range list {
		opts[i] = fmt.Sprintf("Take %d · %s · %s", i+1, practice.FormatClock(tk.Spoken), tk.Verdict)
	}
	s.takeList.Options = opts
	for i, tk := range list {
		if tk.Counted {
			s.takeList.Selected = opts[i]
		}
	}
	s.takeList.Refresh()
	s.rating.OnChanged = nil // showing a saved rating is not a new rating
	if t.Rating > 0 {
		s.rating.SetSelected(ratingOptions[t.Rating-1])
	} else {
		s.rating.SetSelected("")
	}
	s.rating.OnChanged = s.onRate
	ticked := map[string]bool{}
	for _, c := range t.Checks {
		ticked[c] = true
	}
	for _, c := range s.checks {
		f := c.OnChanged
		c.OnChanged = nil
		c.SetChecked(ticked[c.Text])
		c.OnChanged = f
	}
	s.note.SetText(t.Note)
	s.result.Show()
}

// takeDetail explains how the spoken time was measured.
func takeDetail(t practice.Take) string {
	if t.Spoken == 0 {
		return fmt.Sprintf("No speech found in %s of recording. Check the microphone and try again.", practice.FormatClock(t.Duration))
	}
	pauses := "no pauses of a second or more"
	if t.Pauses > 0 {
		pauses = fmt.Sprintf("%d pause(s) of a second or more, the longest %.1f s", t.Pauses, t.LongestPause.Seconds())
	}
	return fmt.Sprintf("Recorded %s; trimmed %.1f s of silence before you spoke and %.1f s after. %s. Pace about %d words a minute (an estimate from the sound).",
		practice.FormatClock(t.Duration), t.SpeechStart.Seconds(), (t.Duration - t.SpeechEnd).Seconds(),
		capitalize(pauses), practice.EstimatedWPM(t.SyllablesPerSec))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func verdictImportance(v practice.Verdict) widget.Importance {
	switch v {
	case practice.OnTarget:
		return widget.SuccessImportance
	case practice.Short, practice.Long:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func (s *stepScreen) onPlay() {
	t := s.r.counted(s.step.Step)
	if t == nil || s.r.recording() || s.r.busy {
		return
	}
	s.play.SetIcon(theme.MediaStopIcon())
	s.r.play(t.WAV, t.ClipStart, t.ClipEnd, func(time.Duration) {}, func() { s.play.SetIcon(theme.MediaPlayIcon()) })
}

func (s *stepScreen) onCountTake(label string) {
	list := s.r.takes[s.step.Step]
	for i := range list {
		if s.takeList.Options[i] != label || list[i].Counted {
			continue
		}
		id := list[i].ID
		for j := range list {
			list[j].Counted = j == i
		}
		s.showResult()
		s.r.u.save("count that take", func(ctx context.Context) error { return s.r.u.store.SetCounted(ctx, id) })
	}
}

func (s *stepScreen) onRate(v string) {
	t := s.r.counted(s.step.Step)
	if t == nil {
		return
	}
	t.Rating = 0
	for i, o := range ratingOptions {
		if o == v {
			t.Rating = i + 1
		}
	}
	s.r.updateTakeMeta(t)
}

func (s *stepScreen) onChecks() {
	t := s.r.counted(s.step.Step)
	if t == nil {
		return
	}
	t.Checks = nil
	for _, c := range s.checks {
		if c.Checked {
			t.Checks = append(t.Checks, c.Text)
		}
	}
	s.r.updateTakeMeta(t)
}

// saveEdits stores the note typed for the take, if it changed.
func (s *stepScreen) saveEdits() {
	if t := s.r.counted(s.step.Step); t != nil && t.Note != s.note.Text {
		t.Note = s.note.Text
		s.r.updateTakeMeta(t)
	}
}

// onPrev goes back a step; never while a take is being recorded or
// saved, which would file it under the wrong step.
func (s *stepScreen) onPrev() {
	if !s.r.recording() && !s.r.busy {
		s.r.showStep(s.r.step - 1)
	}
}

func (s *stepScreen) onNext() {
	if s.r.recording() || s.r.busy {
		return
	}
	if s.r.step == len(s.r.q.Steps)-1 {
		s.saveEdits()
		s.r.finish()
		return
	}
	s.r.showStep(s.r.step + 1)
}

func (s *stepScreen) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyRight:
		s.onNext()
	case fyne.KeyLeft:
		s.onPrev()
	case fyne.KeyR:
		if s.r.counted(s.step.Step) != nil && !s.r.recording() {
			s.onRecord()
		}
	case fyne.KeyP:
		s.onPlay()
	case fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5:
		if s.r.counted(s.step.Step) != nil {
			s.rating.SetSelected(string(ev.Name)) // the keys are named "1" to "5"
		}
	default:
		return false
	}
	return true
}
