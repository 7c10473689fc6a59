package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// study shows one question as a walkthrough: a header with the level and
// every step's target, then sections for the steps, the story, a weak
// answer, follow-ups, a quiz and how to angle the story.
type study struct {
	win   fyne.Window
	q     *practice.Question
	level practice.Level

	title       *widget.RichText
	meta        *widget.Label
	levelSelect *keySelect
	// window states the level's total window and what the targets add to.
	window *widget.Label
	// targets are the per-step figures in the timing strip, which doubles
	// as the step picker; stepTargets the same figures in each step card.
	targets     map[practice.StepID]*widget.Label
	stepTargets map[practice.StepID]*widget.Label
	strip       *fyne.Container
	stripBg     []*canvas.Rectangle
	cards       []fyne.CanvasObject
	current     int // index of the step card shown
	stepBox     *fyne.Container
	stepScroll  *cuedScroll // scrolls stepBox; each step starts at its top
	levelFocus  *fyne.Container
	followUps   []*followUpView
	quiz        []*quizView
	sections    *container.AppTabs
	rehearse    *widget.Button
	mock        *widget.Button
	onRehearse  func(*practice.Question, practice.Mode, practice.Level)
	onLevel     func(practice.Level) // the level was changed

	page    fyne.CanvasObject
	empty   fyne.CanvasObject
	content *fyne.Container
}

func newStudy(win fyne.Window, level practice.LevelID) *study {
	s := &study{win: win}
	s.level, _ = practice.LevelByID(level)
	s.levelSelect = newKeySelect(levelNames(), func(name string) {
		if l, ok := practice.LevelByName(name); ok && l != s.level {
			s.level = l
			s.updateLevel()
			if s.onLevel != nil {
				s.onLevel(l)
			}
		}
	})
	s.levelSelect.Selected = s.level.Name
	s.title = widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleSubHeading})
	s.title.Wrapping = fyne.TextWrapWord
	s.meta = widget.NewLabel("")
	s.meta.TextStyle = fyne.TextStyle{Italic: true}
	s.meta.Wrapping = fyne.TextWrapWord
	s.window = widget.NewLabel("")
	s.window.Wrapping = fyne.TextWrapWord
	s.strip = container.NewGridWithColumns(len(practice.Steps))
	s.stepBox = container.NewVBox()
	s.stepScroll = newCuedScroll(s.stepBox)
	s.levelFocus = container.NewVBox()
	s.sections = container.NewAppTabs()
	s.empty = container.NewCenter(widget.NewLabel("Pick a question on the left to study it."))
	s.rehearse = widget.NewButtonWithIcon("Rehearse step by step  ("+shortcutLabel(fyne.KeyR)+")", theme.MediaRecordIcon(), func() {
		s.onRehearse(s.q, practice.StepByStep, s.level)
	})
	s.rehearse.Importance = widget.HighImportance
	s.mock = widget.NewButtonWithIcon("Mock interview  ("+shortcutLabel(fyne.KeyM)+")", theme.AccountIcon(), func() {
		s.onRehearse(s.q, practice.Mock, s.level)
	})
	// The header is kept to four short rows, the steps' reading gets the
	// rest of the height; the category and competencies open the Story.
	header := container.NewVBox(s.title,
		container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("Level"), s.levelSelect), nil, s.window),
		s.strip, container.NewHBox(s.rehearse, s.mock))
	s.page = container.NewBorder(header, nil, nil, nil, s.sections)
	s.page.Hide()
	s.content = container.NewStack(s.empty, s.page)
	return s
}

// show replaces the page with question q.
func (s *study) show(q *practice.Question) {
	s.q = q
	s.title.Segments[0].(*widget.TextSegment).Text = q.Title
	s.title.Refresh()
	s.meta.SetText(q.Category + " · " + strings.Join(q.Competencies, ", "))
	s.targets = map[practice.StepID]*widget.Label{}
	s.stepTargets = map[practice.StepID]*widget.Label{}
	s.buildStrip()
	s.buildCards()

	story := container.NewVBox(s.meta, para(q.Overview))
	if q.Takeaways != "" {
		story.Add(heading("Why it works"))
		story.Add(para(q.Takeaways))
	}
	story.Add(s.levelFocus)
	items := []*container.TabItem{
		container.NewTabItem("Steps", s.stepScroll.content),
		container.NewTabItem("Story", newCuedScroll(story).content),
	}
	if q.Weak != nil {
		items = append(items, container.NewTabItem("Weak answer", newCuedScroll(s.weakAnswer()).content))
	}
	s.followUps = nil
	if len(q.FollowUps) > 0 {
		box := container.NewVBox()
		for i, f := range q.FollowUps {
			v := newFollowUpView(i+1, f)
			s.followUps = append(s.followUps, v)
			box.Add(v.content)
		}
		items = append(items, container.NewTabItem("Follow-ups", newCuedScroll(box).content))
	}
	s.quiz = nil
	if len(q.Quiz) > 0 {
		box := container.NewVBox()
		for i, it := range q.Quiz {
			v := newQuizView(i+1, it)
			s.quiz = append(s.quiz, v)
			box.Add(v.content)
		}
		items = append(items, container.NewTabItem("Quiz", newCuedScroll(box).content))
	}
	if len(q.Angles) > 0 {
		box := container.NewVBox()
		for _, a := range q.Angles {
			box.Add(angleView(a))
		}
		items = append(items, container.NewTabItem("Angles", newCuedScroll(box).content))
	}
	s.sections.SetItems(items)
	s.selectStep(0)
	s.updateLevel()
	s.empty.Hide()
	s.page.Show()
}

// buildStrip makes the row of step targets; tapping a step shows its card.
func (s *study) buildStrip() {
	s.strip.RemoveAll()
	s.stripBg = nil
	for i, st := range s.q.Steps {
		target := widget.NewLabel("")
		target.Alignment = fyne.TextAlignCenter
		target.TextStyle = fyne.TextStyle{Bold: true}
		s.targets[st.Step] = target
		name := widget.NewLabel(st.Step.Letter() + " · " + st.Step.Name())
		name.Alignment = fyne.TextAlignCenter
		bg := canvas.NewRectangle(color.Transparent)
		bg.CornerRadius = theme.InputRadiusSize()
		s.stripBg = append(s.stripBg, bg)
		pick := widget.NewButton("", func() { s.selectStep(i) })
		pick.Importance = widget.LowImportance
		// The button sits under the labels: labels take no taps, so a tap
		// anywhere on the cell reaches it.
		s.strip.Add(container.NewStack(bg, pick, container.NewVBox(name, target)))
	}
	s.strip.Refresh()
}

func (s *study) buildCards() {
	s.cards = nil
	for _, st := range s.q.Steps {
		target := widget.NewLabel("")
		target.TextStyle = fyne.TextStyle{Bold: true}
		s.stepTargets[st.Step] = target
		card := container.NewVBox(
			container.NewHBox(widget.NewIcon(theme.HistoryIcon()), target),
			para(st.Step.Prompt()),
		)
		if st.Example != "" {
			card.Add(bold("Strong example"))
			card.Add(richPara(st.Example, st.KeyPhrases))
		}
		card.Add(bold("Coaching"))
		card.Add(para(st.Coaching))
		card.Add(bold("Common mistake"))
		card.Add(para(st.Mistake))
		card.Add(bold("Check yourself"))
		for _, c := range st.SelfChecks {
			card.Add(para("☐ " + c))
		}
		s.cards = append(s.cards, card)
	}
}

// selectStep shows step i's card and marks it in the strip.
func (s *study) selectStep(i int) {
	if i < 0 || i >= len(s.cards) {
		return
	}
	s.current = i
	s.stepBox.Objects = []fyne.CanvasObject{s.cards[i]}
	s.stepBox.Refresh()
	s.stepScroll.ScrollToTop() // not where the last step was read to
	for j, bg := range s.stripBg {
		if j == i {
			bg.FillColor = theme.Color(theme.ColorNameSelection)
		} else {
			bg.FillColor = color.Transparent
		}
		bg.Refresh()
	}
}

// moveStep shows the previous or next step, bringing the Steps section
// forward.
func (s *study) moveStep(delta int) {
	if s.q == nil {
		return
	}
	s.sections.SelectIndex(0)
	s.selectStep(s.current + delta)
}

// updateLevel refreshes everything that depends on the chosen level.
func (s *study) updateLevel() {
	if s.q == nil {
		return
	}
	t := practice.Targets(s.q, s.level)
	for _, st := range s.q.Steps {
		s.targets[st.Step].SetText(practice.FormatSeconds(t[st.Step]))
		s.stepTargets[st.Step].SetText(fmt.Sprintf("Target at %s: %s", s.level.Name, practice.FormatSeconds(t[st.Step])))
	}
	s.window.SetText(fmt.Sprintf("Whole answer %s · the targets add up to %s",
		s.level.WindowText(), practice.FormatClock(practice.TotalTarget(t))))

	s.levelFocus.RemoveAll()
	if v := s.q.Variant(s.level.ID); v != nil {
		s.levelFocus.Add(heading("At " + s.level.Name))
		s.levelFocus.Add(para(v.Focus))
		if v.Reflection != "" {
			s.levelFocus.Add(bold("Reflection at this level"))
			s.levelFocus.Add(para(v.Reflection))
		}
		if v.Bar != "" {
			s.levelFocus.Add(bold("What the interviewer expects"))
			s.levelFocus.Add(para(v.Bar))
		}
	}
}

func (s *study) weakAnswer() fyne.CanvasObject {
	w := s.q.Weak
	text := para(quote(w.Text))
	text.TextStyle = fyne.TextStyle{Italic: true}
	box := container.NewVBox(text, bold("What goes wrong"))
	for _, c := range w.Critique {
		box.Add(para("• " + c))
	}
	if w.Verdict != "" {
		box.Add(bold("The bar raiser's verdict"))
		box.Add(para(w.Verdict))
	}
	return box
}

// followUpView is one follow-up question with its answers hidden until
// asked for, so the candidate can think first.
type followUpView struct {
	showWeak, showStrong *widget.Button
	weak, strong         *fyne.Container
	content              fyne.CanvasObject
}

func newFollowUpView(n int, f practice.FollowUp) *followUpView {
	v := &followUpView{}
	v.weak = container.NewVBox(bold("Weak answer"), para(quote(f.Weak)))
	if f.WeakWhy != "" {
		v.weak.Add(para("Why it is weak: " + f.WeakWhy))
	}
	v.strong = container.NewVBox(bold("Strong answer"), para(quote(f.Strong)))
	if f.Takeaway != "" {
		v.strong.Add(para("Key takeaway: " + f.Takeaway))
	}
	v.weak.Hide()
	v.strong.Hide()
	reveal := func(b *widget.Button, box *fyne.Container) func() {
		return func() {
			box.Show()
			b.Disable()
		}
	}
	v.showWeak = widget.NewButton("Show weak answer", nil)
	v.showWeak.OnTapped = reveal(v.showWeak, v.weak)
	v.showStrong = widget.NewButton("Show strong answer", nil)
	v.showStrong.OnTapped = reveal(v.showStrong, v.strong)
	if f.Weak == "" {
		v.showWeak.Hide()
	}
	probes := para("Probes: " + f.Probes)
	probes.TextStyle = fyne.TextStyle{Italic: true}
	v.content = container.NewVBox(
		bold(fmt.Sprintf("%d. %s", n, f.Question)), probes,
		container.NewHBox(v.showWeak, v.showStrong), v.weak, v.strong,
	)
	return v
}

// quizView is one multiple-choice item answered by clicking an option.
type quizView struct {
	item     practice.QuizItem
	answered bool
	options  []*widget.Button
	feedback *widget.Label
	content  fyne.CanvasObject
}

func newQuizView(n int, it practice.QuizItem) *quizView {
	v := &quizView{item: it}
	v.feedback = para("")
	v.feedback.Hide()
	box := container.NewVBox(bold(fmt.Sprintf("%d. %s", n, it.Question)))
	for i, o := range it.Options {
		b := widget.NewButton(o, func() { v.answer(i) })
		b.Alignment = widget.ButtonAlignLeading
		v.options = append(v.options, b)
		box.Add(b)
	}
	box.Add(v.feedback)
	v.content = box
	return v
}

// answer marks the choice: the right option in green, a wrong pick in red.
func (v *quizView) answer(i int) {
	if v.answered {
		return // the first answer counts; buttons stay enabled to keep their colours
	}
	v.answered = true
	for j, b := range v.options {
		switch {
		case j == v.item.Correct:
			b.Importance = widget.SuccessImportance
		case j == i:
			b.Importance = widget.DangerImportance
		default:
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	if i == v.item.Correct {
		v.feedback.SetText("Right. " + v.item.Explanation)
	} else {
		v.feedback.SetText("Not quite. The right answer is “" + v.item.Options[v.item.Correct] + "”\n" + v.item.Explanation)
	}
	v.feedback.Show()
}

func angleView(a practice.Angle) fyne.CanvasObject {
	box := container.NewVBox(bold(a.Competency), para("Lead with: "+a.LeadWith))
	if a.Emphasize != "" {
		box.Add(para("Emphasize: " + a.Emphasize))
	}
	if a.Downplay != "" {
		box.Add(para("Downplay: " + a.Downplay))
	}
	return box
}
