package ui

import (
	"fmt"
	"math/rand/v2"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
)

// mockScreen records the whole answer in one go, as in an interview: only
// the question and a running total against the level window. The
// candidate presses N when moving on, which marks where each step starts.
type mockScreen struct {
	r       *rehearsal
	panel   *recordPanel
	current *widget.Label
	nextBtn *widget.Button
	// marks[i] is where step i+1 starts in the recording.
	marks   []time.Duration
	content fyne.CanvasObject

	// After the recording: per-step results, the timeline and ratings.
	results  *fyne.Container
	timeline *stepTimeline
	verdicts map[practice.StepID]*widget.Label
	total    *widget.Label
	followUp *widget.Button
}

func (r *rehearsal) showMock() {
	m := &mockScreen{r: r, verdicts: map[practice.StepID]*widget.Label{}}
	r.mock = m
	m.panel = newRecordPanel(m.onRecord)
	m.panel.setWindow(r.level)
	m.current = bold("Press Space and start with the Situation.")
	m.nextBtn = widget.NewButtonWithIcon("Next step  (N)", theme.MediaSkipNextIcon(), m.onNextStep)
	m.nextBtn.Disable()
	m.results = container.NewVBox()
	leave := widget.NewButtonWithIcon("Leave  (Esc)", theme.CancelIcon(), r.leave)
	keys := para("Keys: Space record or stop · N next step · P play · Enter follow-up · Esc leave")
	keys.TextStyle = fyne.TextStyle{Italic: true}
	title := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: r.q.Title})
	title.Wrapping = fyne.TextWrapWord
	window := widget.NewLabel(fmt.Sprintf("%s: the whole answer in %s", r.level.Name, r.level.WindowText()))
	m.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, leave, nil, keys)), nil, nil,
		container.NewVScroll(container.NewVBox(title, window, m.panel.content,
			container.NewBorder(nil, nil, nil, m.nextBtn, m.current), m.results)))
	r.show(m.content)
}

// stepAt is the index of the step being spoken.
func (m *mockScreen) stepAt() int { return len(m.marks) }

func (m *mockScreen) onRecord() {
	r := m.r
	if r.recording() {
		marks := append([]time.Duration(nil), m.marks...) // N is ignored from now on
		r.stopRecording(m.panel, func(res audio.Recording, abs, rel string, err error) {
			m.analyse(marks, abs, rel, err)
		})
		m.nextBtn.Hide()
		m.current.SetText("Measuring each step…")
		return
	}
	if len(r.takes) > 0 {
		return // one continuous recording per mock attempt
	}
	m.marks = nil
	r.startRecording(practice.Situation, m.panel, func() {
		m.nextBtn.Enable()
		m.showCurrent()
	})
}

// elapsed estimates the audio time now from the latest level report.
func (m *mockScreen) elapsed() time.Duration {
	p := m.panel
	if p.lastAt.IsZero() {
		return time.Since(m.r.recStart)
	}
	return p.last.Elapsed + time.Since(p.lastAt)
}

// onNextStep marks the start of the next step (N).
func (m *mockScreen) onNextStep() {
	if !m.r.recording() || m.r.busy || m.stepAt() >= len(m.r.q.Steps)-1 {
		return
	}
	// Milliseconds: what storage keeps, so the marks read back the same.
	m.marks = append(m.marks, m.elapsed().Round(time.Millisecond))
	m.showCurrent()
}

func (m *mockScreen) showCurrent() {
	steps := m.r.q.Steps
	i := m.stepAt()
	text := fmt.Sprintf("Now: %s", steps[i].Step.Name())
	if i+1 < len(steps) {
		text += fmt.Sprintf(" · press N when you move on to the %s", steps[i+1].Step.Name())
	} else {
		m.nextBtn.Disable()
		text += " · press Space when you have finished"
	}
	m.current.SetText(text)
}

// clips splits a recording of length total at the marks.
func clips(marks []time.Duration, total time.Duration) [][2]time.Duration {
	var out [][2]time.Duration
	start := time.Duration(0)
	for _, mk := range marks {
		mk = min(max(mk, start), total)
		out = append(out, [2]time.Duration{start, mk})
		start = mk
	}
	return append(out, [2]time.Duration{start, total})
}

// analyse measures each step's clip of the recording and saves the takes;
// it runs off the UI goroutine.
func (m *mockScreen) analyse(marks []time.Duration, abs, rel string, recErr error) {
	r := m.r
	samples, rate, err := audio.ReadWAV(abs)
	var takes []practice.Take
	if err == nil {
		total := time.Duration(len(samples)) * time.Second / time.Duration(rate)
		for i, c := range clips(marks, total) {
			step := r.q.Steps[i].Step
			from, to := frameAt(c[0], rate, len(samples)), frameAt(c[1], rate, len(samples))
			t := measure(audio.Analyze(samples[from:to], rate), step, r.targets[step])
			t.WAV, t.ClipStart, t.ClipEnd = rel, c[0], c[1]
			if t, err = r.saveTake(t); err != nil {
				break
			}
			takes = append(takes, t)
		}
	}
	r.u.do(func() {
		for _, t := range takes {
			r.addTake(t)
		}
		if err != nil {
			r.u.showError("save the mock interview", err)
		}
		if recErr != nil {
			r.u.showError("record to the end (what was said is kept)", recErr)
		}
		if len(takes) > 0 {
			m.showResults()
		}
	})
}

func frameAt(d time.Duration, rate, n int) int {
	f := int(d.Seconds() * float64(rate))
	return min(max(f, 0), n)
}

// showResults lists each step's measured time, the whole answer against
// the window, the timeline to play from, and the ratings.
func (m *mockScreen) showResults() {
	r := m.r
	m.current.SetText("Here is how each step landed. Play a step from the timeline, rate them, then take the follow-up question.")
	var spans []timelineSpan
	grid := container.NewGridWithColumns(5, bold("Step"), bold("Spoken"), bold("Target"), bold("Verdict"), bold("Your rating"))
	var total time.Duration
	for _, st := range r.q.Steps {
		t := r.counted(st.Step)
		if t == nil {
			continue
		}
		total += t.Spoken
		spans = append(spans, timelineSpan{label: st.Step.Letter(), from: t.ClipStart, to: t.ClipEnd, verdict: t.Verdict})
		v := widget.NewLabel(string(t.Verdict))
		v.Importance = verdictImportance(t.Verdict)
		m.verdicts[st.Step] = v
		take := t
		// A drop-down, not five radio buttons: the table must fit 800 px.
		rating := widget.NewSelect(ratingOptions, func(sel string) {
			take.Rating = ratingValue(sel)
			r.updateTakeMeta(take)
		})
		rating.PlaceHolder = "Rate 1-5"
		grid.Add(widget.NewLabel(st.Step.Name()))
		grid.Add(widget.NewLabel(practice.FormatClock(t.Spoken)))
		grid.Add(widget.NewLabel(practice.FormatClock(t.Target)))
		grid.Add(v)
		grid.Add(rating)
	}
	verdict := practice.TotalVerdict(total, r.level)
	m.total = bold(fmt.Sprintf("Whole answer: %s spoken against %s: %s", practice.FormatClock(total), r.level.WindowText(), verdict))
	m.total.Importance = verdictImportance(verdict)
	m.timeline = newStepTimeline(spans, func(i int) {
		m.playClip(spans[i].from, spans[i].to)
	})
	playAll := widget.NewButtonWithIcon("Play the whole answer  (P)", theme.MediaPlayIcon(), m.onPlayAll)
	m.followUp = widget.NewButtonWithIcon("Follow-up question  (Enter)", theme.NavigateNextIcon(), m.onFollowUp)
	m.followUp.Importance = widget.HighImportance
	m.panel.lock()
	m.results.Objects = []fyne.CanvasObject{
		widget.NewSeparator(), m.timeline, grid, m.total, container.NewHBox(playAll, m.followUp),
	}
	m.results.Refresh()
}

func ratingValue(sel string) int {
	for i, o := range ratingOptions {
		if o == sel {
			return i + 1
		}
	}
	return 0
}

func (m *mockScreen) onPlayAll() { m.playClip(0, 0) }

// playClip plays part of the whole recording ([from, to), to 0 for the
// end), moving the timeline's playhead as it goes.
func (m *mockScreen) playClip(from, to time.Duration) {
	first := m.r.counted(m.r.q.Steps[0].Step)
	if first == nil || m.r.recording() {
		return
	}
	m.r.play(first.WAV, from, to,
		func(pos time.Duration) { m.timeline.setPlaying(from + pos) },
		func() { m.timeline.setPlaying(-1) })
}

func (m *mockScreen) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyN:
		m.onNextStep()
	case fyne.KeyP:
		if m.timeline != nil {
			m.onPlayAll()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.followUp != nil {
			m.onFollowUp()
		}
	default:
		return false
	}
	return true
}

// pickFollowUp draws a follow-up at random, never the one drawn last time
// for this question when there is another.
func pickFollowUp(n, last int, rnd func(int) int) int {
	if n <= 1 {
		return 0
	}
	i := rnd(n - 1)
	if i >= last && last >= 0 {
		i++ // skip last: uniform over the others
	}
	return i
}

func (m *mockScreen) onFollowUp() {
	r := m.r
	if r.recording() || len(r.q.FollowUps) == 0 {
		r.finish()
		return
	}
	prefs := r.u.app.Preferences()
	key := "followup.last." + r.q.ID
	i := pickFollowUp(len(r.q.FollowUps), prefs.IntWithFallback(key, -1), rand.IntN)
	prefs.SetInt(key, i)
	r.showFollowUp(r.q.FollowUps[i])
}
