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

// mockScreen records the whole answer in one go, as in an interview: only
// the question and a running clock against the level window. The
// candidate presses N when moving on, which marks where each step starts.
// Afterwards it shows each step's measured time, the timeline to play
// from, the whole answer and the ratings.
type mockScreen struct {
	r       *rehearsal
	panel   *recordPanel
	current *widget.Label
	nextBtn *widget.Button
	keyHelp *widget.Label
	leave   *widget.Button
	keys    keyMap
	content fyne.CanvasObject

	// After the recording.
	results  *fyne.Container
	built    string // the takes the results were built from
	pace     *widget.Label
	trust    *widget.Label // why the answer's figures are not to be trusted, if they are not
	timeline *stepTimeline
	spoken   map[practice.StepID]*widget.Label
	verdicts map[practice.StepID]*widget.Label
	ratings  map[practice.StepID]*keySelect
	unmarked *widget.Label // says which steps a forgotten N left out
	total    *widget.Label
	playAll  *widget.Button
	followUp *widget.Button
	actions  *fyne.Container // playAll and followUp
}

func newMockScreen(r *rehearsal, s session.Snapshot) *mockScreen {
	m := &mockScreen{r: r, keys: keyMap{}}
	m.panel = newRecordPanel(func() { r.do(r.s.Toggle) })
	m.keys.bind(m.panel.button, fyne.KeySpace)
	m.panel.setWindow(s.Level)
	m.current = bold("")
	m.nextBtn = m.keys.button("Next step", theme.MediaSkipNextIcon(), func() { r.do(r.s.MarkNext) }, fyne.KeyN)
	m.results = container.NewVBox()
	m.leave = m.keys.button("Leave", theme.CancelIcon(), r.leave, fyne.KeyEscape)
	m.keyHelp = para("Keys: Space record or stop · N next step · P play · Enter follow-up · Esc leave")
	m.keyHelp.TextStyle = fyne.TextStyle{Italic: true}
	// In the bottom bar, never scrolled out of sight; shown with the results.
	m.playAll = m.keys.button("Play the whole answer", theme.MediaPlayIcon(), func() { r.do(r.s.PlayAnswer) }, fyne.KeyP)
	next := "Follow-up question"
	if len(s.Question.FollowUps) == 0 {
		next = "Finish"
	}
	m.followUp = m.keys.button(next, theme.NavigateNextIcon(), func() { r.do(r.s.AskFollowUp) }, enter...)
	m.followUp.Importance = widget.HighImportance
	m.actions = container.NewHBox(m.playAll, m.followUp)
	m.actions.Hide()
	title := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: s.Question.Title})
	title.Wrapping = fyne.TextWrapWord
	window := widget.NewLabel(fmt.Sprintf("%s: the whole answer in %s", s.Level.Name, s.Level.WindowText()))
	m.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, m.leave, m.actions, m.keyHelp)), nil, nil,
		newCuedScroll(container.NewVBox(title, window, m.panel.content,
			container.NewBorder(nil, nil, nil, m.nextBtn, m.current), m.results)).content)
	return m
}

func (m *mockScreen) bindings() keyMap { return m.keys }

func (m *mockScreen) render(s session.Snapshot) {
	measured := s.Split != nil
	m.panel.render(s, s.Attempt.Spoken, s.Attempt.Verdict)
	steps := s.Question.Steps
	enable(m.nextBtn, s.Can(session.MarkNext))
	setVisible(m.nextBtn, !measured)
	switch {
	case s.State == session.Recording:
		text := "Now: " + s.MockStep().Name()
		if i := len(s.Marks); s.Can(session.MarkNext) {
			text += " · press N when you move on to the " + steps[i+1].Step.Name()
		} else {
			text += " · press Space when you have finished"
		}
		m.current.SetText(text)
	case s.Busy():
		m.current.SetText("Measuring each step…")
	case measured:
		m.current.SetText("Here is how each step landed. Play a step from the timeline, rate them, then take the follow-up question.")
	default:
		m.current.SetText("Press Space and start with the " + steps[0].Step.Name() + ".")
	}
	results := measured && s.Can(session.AskFollowUp)
	setVisible(m.actions, results)
	setVisible(m.keyHelp, !results) // the buttons say it then
	enable(m.playAll, s.Can(session.PlayAnswer))
	enable(m.followUp, s.Can(session.AskFollowUp))
	// The recorder is done with: the results take its place, and fit
	// without scrolling at 1024x700.
	setVisible(m.panel.content, !results)
	if !results {
		return
	}
	if key := takesKey(s.Takes); key != m.built {
		m.built = key
		m.buildResults(s)
	}
	for step, sel := range m.ratings {
		if c := s.Counted(step); c != nil {
			sel.Selected = ""
			if c.Rating > 0 {
				sel.Selected = ratingOptions[c.Rating-1]
			}
			sel.Refresh()
		}
	}
	head := time.Duration(-1)
	if s.Playing.Key != "" {
		head = s.Playing.Position
	}
	m.timeline.setPlaying(head)
	setPlayButton(m.playAll, s.Playing.Key == session.AnswerKey, "Play the whole answer  (P)")
}

// takesKey names a set of takes and which of them count: results are
// rebuilt only when it changes.
func takesKey(takes []practice.Take) string {
	var b strings.Builder
	for _, t := range takes {
		fmt.Fprintf(&b, "%d:%v,", t.ID, t.Counted)
	}
	return b.String()
}

var ratingOptions = []string{"1", "2", "3", "4", "5"}

// buildResults lists each step's measured time, the whole answer against
// the window, the timeline to play from and the ratings.
func (m *mockScreen) buildResults(s session.Snapshot) {
	r := m.r
	m.spoken, m.verdicts, m.ratings = map[practice.StepID]*widget.Label{}, map[practice.StepID]*widget.Label{}, map[practice.StepID]*keySelect{}
	var spans []timelineSpan
	var takes []practice.Take
	length := time.Duration(0)
	grid := newTable(5, bold("Step"), bold("Spoken"), bold("Target"), bold("Verdict"), bold("Your rating"))
	for _, st := range s.Question.Steps {
		step := st.Step
		grid.Add(widget.NewLabel(step.Name()))
		c := s.Counted(step)
		if c == nil {
			grid.Add(widget.NewLabel("not marked"))
			grid.Add(widget.NewLabel(practice.FormatClock(s.Target(step))))
			grid.Add(widget.NewLabel("–"))
			grid.Add(widget.NewLabel("–"))
			continue
		}
		take := *c
		length = max(length, take.ClipEnd)
		spans = append(spans, timelineSpan{label: step.Letter(), from: take.ClipStart, to: take.ClipEnd, spoken: take.Spoken, verdict: take.Verdict})
		takes = append(takes, take)
		m.spoken[step] = widget.NewLabel(practice.FormatClock(take.Spoken))
		verdict := verdictText(take.Verdict)
		if w := strings.Join(take.DoubtWords(), ", "); w != "" {
			verdict += " · " + w
		}
		m.verdicts[step] = widget.NewLabel(verdict)
		m.verdicts[step].Wrapping = fyne.TextWrapWord
		m.verdicts[step].Importance = verdictImportance(take.Verdict, take.Trust)
		// A drop-down, not five buttons: the table must fit 800 px.
		rating := newKeySelect(ratingOptions, func(sel string) {
			if n := slices.Index(ratingOptions, sel) + 1; n > 0 {
				r.do(func() { r.s.Rate(take.ID, n) })
			}
		})
		rating.PlaceHolder = "Rate 1-5"
		m.ratings[step] = rating
		grid.Add(m.spoken[step])
		grid.Add(widget.NewLabel(practice.FormatClock(take.Target)))
		grid.Add(m.verdicts[step])
		grid.Add(rating)
	}
	m.timeline = newStepTimeline(spans, length, func(i int) {
		r.do(func() { r.s.PlayTake(takes[i].ID) })
	})
	m.unmarked = para(unmarkedText(s))
	m.unmarked.Importance = widget.WarningImportance
	setVisible(m.unmarked, m.unmarked.Text != "")
	a := s.Attempt
	m.total = bold(fmt.Sprintf("Whole answer: %s from your first word to your last, against %s: %s",
		practice.FormatClock(a.Spoken), s.Level.WindowText(), verdictText(a.Verdict)))
	m.total.Importance = verdictImportance(a.Verdict, a.Trust)
	m.trust = para("")
	warning(m.trust, trustText(a.Trust))
	m.pace = para("Pace over the whole answer: " + paceText(practice.AnswerPace(takes)) + ".")
	m.results.Objects = []fyne.CanvasObject{widget.NewSeparator(), m.timeline, m.unmarked, grid, m.total, m.trust, m.pace}
	m.results.Refresh()
}

// unmarkedText says which steps a forgotten N left without a mark, and
// whose time holds them; empty when every step was marked.
func unmarkedText(s session.Snapshot) string {
	if s.Split == nil || len(s.Split.Unmarked) == 0 {
		return ""
	}
	names := make([]string, len(s.Split.Unmarked))
	for i, st := range s.Split.Unmarked {
		names[i] = "the " + st.Name()
	}
	these, verb, it := names[0], "was", "it"
	if n := len(names); n > 1 {
		these, verb, it = strings.Join(names[:n-1], ", ")+" and "+names[n-1], "were", "them"
	}
	marks := len(s.Question.Steps) - 1
	return fmt.Sprintf("You pressed N %d of %d times: %s %s never marked, so the %s's time includes %s. Press N as you move on to each step.",
		marks-len(s.Split.Unmarked), marks, these, verb, s.Split.Absorbing().Name(), it)
}
