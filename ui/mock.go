package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
	marks   *markStrip
	content fyne.CanvasObject

	// After the recording.
	results  *fyne.Container
	built    string // the takes the results were built from
	pace     *widget.Label
	trust    *widget.Label // why the answer's figures are not to be trusted, if they are not
	timeline *stepTimeline
	spoken   map[practice.StepID]*widget.Label
	verdicts map[practice.StepID]*widget.Label
	rows     []rateRow     // the steps measured, in order: each rated on its row
	rateAt   int           // the row the digit keys rate
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
	m.marks = newMarkStrip(s)
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
		next = r.finishText
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
			container.NewBorder(nil, nil, nil, m.nextBtn, m.current), m.marks.grid, m.results)).content)
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
		m.current.SetText("Here is how each step landed. Play a step from the timeline and rate it: the keys 1-5 rate the step marked ▸, then the next. Then take the follow-up question.")
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
	setVisible(m.marks.grid, !results)
	if !results {
		m.marks.render(s)
		return
	}
	if key := takesKey(s.Takes); key != m.built {
		m.built = key
		m.buildResults(s)
	}
	for _, row := range m.rows {
		if c := s.Counted(row.step); c != nil {
			row.bar.set(c.Rating)
		}
		row.bar.enable(s.Can(session.Rate))
	}
	head := time.Duration(-1)
	if s.Playing.Key != "" {
		head = s.Playing.Position
	}
	m.timeline.setPlaying(head)
	setPlayButton(m.playAll, s.Playing.Key == session.AnswerKey, "Play the whole answer  (P)")
}

// markStrip shows the steps of a mock as the candidate marks them: the
// time spoken in each step marked and in the one under way, against each
// step's target, the step under way highlighted.
type markStrip struct {
	grid    *fyne.Container
	bgs     []*canvas.Rectangle
	times   []*widget.Label
	targets []time.Duration
}

func newMarkStrip(s session.Snapshot) *markStrip {
	m := &markStrip{grid: container.NewGridWithColumns(len(s.Question.Steps))}
	for _, st := range s.Question.Steps {
		name := widget.NewLabel(st.Step.Letter() + " · " + st.Step.Name())
		name.Alignment = fyne.TextAlignCenter
		so := widget.NewLabel("")
		so.Alignment = fyne.TextAlignCenter
		bg := canvas.NewRectangle(color.Transparent)
		bg.CornerRadius = theme.InputRadiusSize()
		m.bgs, m.times = append(m.bgs, bg), append(m.times, so)
		m.targets = append(m.targets, s.Target(st.Step))
		m.grid.Add(container.NewStack(bg, container.NewVBox(name, so)))
	}
	return m
}

// render shows the times so far: a step not begun shows only its target.
func (m *markStrip) render(s session.Snapshot) {
	so := s.MockSoFar()
	now := -1
	if s.State == session.Recording {
		now = len(so) - 1
	}
	for i, l := range m.times {
		text := "target " + practice.FormatClock(m.targets[i])
		if i < len(so) {
			text = practice.FormatClock(so[i]) + " · " + text
		}
		bold := i == now
		if l.Text != text || l.TextStyle.Bold != bold {
			l.Text, l.TextStyle.Bold = text, bold
			l.Refresh()
		}
		fill := color.Color(color.Transparent)
		if i == now {
			fill = theme.Color(theme.ColorNameSelection)
		}
		if m.bgs[i].FillColor != fill {
			m.bgs[i].FillColor = fill
			m.bgs[i].Refresh()
		}
	}
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

// rateRow is a measured step's row of the results: its name, marked
// while the digit keys rate it, and its rating buttons.
type rateRow struct {
	step practice.StepID
	take int64
	name *widget.Label
	bar  *ratingBar
}

// pick makes row i the one the digit keys rate, and marks it.
func (m *mockScreen) pick(i int) {
	if i < 0 || i >= len(m.rows) {
		return
	}
	m.rateAt = i
	m.rows[i].bar.bindKeys(m.keys)
	for j, row := range m.rows {
		text, on := row.step.Name(), j == i
		if on {
			text = "▸ " + text
		}
		if row.name.Text != text {
			row.name.Text, row.name.TextStyle.Bold = text, on
			row.name.Refresh()
		}
	}
}

// rate rates row i, by its button or its digit key, and hands the digits
// on to the next row: five presses rate the five steps in turn.
func (m *mockScreen) rate(i, n int) {
	id := m.rows[i].take
	m.r.do(func() { m.r.s.Rate(id, n) })
	m.pick(min(i+1, len(m.rows)-1))
}

// buildResults lists each step's measured time, the whole answer against
// the window, the timeline to play from and the ratings.
func (m *mockScreen) buildResults(s session.Snapshot) {
	r := m.r
	m.spoken, m.verdicts, m.rows = map[practice.StepID]*widget.Label{}, map[practice.StepID]*widget.Label{}, nil
	var spans []timelineSpan
	var takes []practice.Take
	length := time.Duration(0)
	grid := newTable(5, bold("Step"), bold("Spoken"), bold("Target"), bold("Verdict"), bold("Your rating"))
	for _, st := range s.Question.Steps {
		step := st.Step
		name := widget.NewLabel(step.Name())
		grid.Add(name)
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
		i := len(m.rows)
		row := rateRow{step: step, take: take.ID, name: name, bar: newRatingBar(func(n int) { m.rate(i, n) })}
		m.rows = append(m.rows, row)
		grid.Add(m.spoken[step])
		grid.Add(widget.NewLabel(practice.FormatClock(take.Target)))
		grid.Add(m.verdicts[step])
		grid.Add(row.bar.content)
	}
	// The digits rate the first step not yet rated; a step played from the
	// timeline is the one to rate next.
	first := 0
	for i, t := range takes {
		if t.Rating == 0 {
			first = i
			break
		}
	}
	m.pick(first)
	m.timeline = newStepTimeline(spans, length, func(i int) {
		m.pick(i)
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
	m.pace = para(answerPaceText(practice.AnswerPace(takes)))
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
