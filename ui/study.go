package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// study shows one question as a walkthrough: the story, each STAR step with
// its target at the chosen level, the weak answer, follow-ups, a quiz and
// how to angle the story.
type study struct {
	win   fyne.Window
	q     *practice.Question
	level practice.Level

	title       *widget.Label
	levelSelect *widget.Select
	// window states the level's total window and what the targets add to.
	window *widget.Label
	// targets are the per-step figures in the timing strip; stepTargets the
	// same figures in each step's card.
	targets     map[practice.StepID]*widget.Label
	stepTargets map[practice.StepID]*widget.Label
	steps       *container.AppTabs
	levelFocus  *fyne.Container
	followUps   []*followUpView
	quiz        []*quizView

	body    *fyne.Container
	scroll  *container.Scroll
	content fyne.CanvasObject
}

func newStudy(win fyne.Window, level practice.LevelID) *study {
	s := &study{win: win}
	s.level, _ = practice.LevelByID(level)
	names := make([]string, len(practice.Levels))
	for i, l := range practice.Levels {
		names[i] = l.Name
	}
	s.levelSelect = widget.NewSelect(names, func(name string) {
		if l, ok := practice.LevelByName(name); ok && l != s.level {
			s.level = l
			s.updateLevel()
		}
	})
	s.levelSelect.Selected = s.level.Name
	s.title = widget.NewLabel("")
	s.title.TextStyle = fyne.TextStyle{Bold: true}
	s.title.Wrapping = fyne.TextWrapWord
	s.window = widget.NewLabel("")
	s.body = container.NewVBox()
	s.scroll = container.NewVScroll(s.body)
	empty := container.NewCenter(widget.NewLabel("Pick a question on the left to study it."))
	s.content = container.NewStack(empty, s.scroll)
	s.scroll.Hide()
	return s
}

// show replaces the page with question q.
func (s *study) show(q *practice.Question) {
	s.q = q
	s.title.SetText(q.Title)
	s.targets = map[practice.StepID]*widget.Label{}
	s.stepTargets = map[practice.StepID]*widget.Label{}
	s.levelFocus = container.NewVBox()
	s.followUps = nil
	s.quiz = nil

	meta := widget.NewLabel(q.Category + " · " + strings.Join(q.Competencies, ", "))
	meta.Importance = widget.LowImportance
	objs := []fyne.CanvasObject{
		s.title, meta,
		container.NewBorder(nil, nil, widget.NewLabel("Level"), nil, s.levelSelect),
		s.timingStrip(), s.window,
		heading("The story"), para(q.Overview),
	}
	if q.Takeaways != "" {
		objs = append(objs, heading("Why it works"), para(q.Takeaways))
	}
	objs = append(objs, heading("Step by step  (← → to move)"), s.stepCards(), s.levelFocus)
	if q.Weak != nil {
		objs = append(objs, heading("A weak answer"), s.weakAnswer())
	}
	if len(q.FollowUps) > 0 {
		objs = append(objs, heading("Follow-up questions"))
		for i, f := range q.FollowUps {
			v := newFollowUpView(i+1, f)
			s.followUps = append(s.followUps, v)
			objs = append(objs, v.content)
		}
	}
	if len(q.Quiz) > 0 {
		objs = append(objs, heading("Quiz"))
		for i, it := range q.Quiz {
			v := newQuizView(i+1, it)
			s.quiz = append(s.quiz, v)
			objs = append(objs, v.content)
		}
	}
	if len(q.Angles) > 0 {
		objs = append(objs, heading("Angle it to the competency"))
		for _, a := range q.Angles {
			objs = append(objs, angleView(a))
		}
	}
	s.body.Objects = objs
	s.updateLevel()
	s.body.Refresh()
	s.scroll.ScrollToTop()
	s.scroll.Show()
}

// timingStrip shows every step's target at a glance.
func (s *study) timingStrip() fyne.CanvasObject {
	row := container.NewGridWithColumns(len(s.q.Steps))
	for _, st := range s.q.Steps {
		l := widget.NewLabel("")
		l.Alignment = fyne.TextAlignCenter
		l.TextStyle = fyne.TextStyle{Bold: true}
		s.targets[st.Step] = l
		name := widget.NewLabel(st.Step.Name())
		name.Alignment = fyne.TextAlignCenter
		name.Importance = widget.LowImportance
		row.Add(container.NewVBox(name, l))
	}
	return row
}

func (s *study) stepCards() fyne.CanvasObject {
	s.steps = container.NewAppTabs()
	for _, st := range s.q.Steps {
		target := widget.NewLabel("")
		target.TextStyle = fyne.TextStyle{Bold: true}
		s.stepTargets[st.Step] = target
		card := container.NewVBox(
			container.NewHBox(widget.NewIcon(theme.HistoryIcon()), target),
			widget.NewLabel(st.Step.Prompt()),
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
		s.steps.Append(container.NewTabItem(st.Step.Letter()+" · "+st.Step.Name(), card))
	}
	return s.steps
}

// moveStep selects the previous or next step card.
func (s *study) moveStep(delta int) {
	if s.steps == nil {
		return
	}
	i := s.steps.SelectedIndex() + delta
	if i >= 0 && i < len(s.steps.Items) {
		s.steps.SelectIndex(i)
	}
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
	s.window.SetText(fmt.Sprintf("%s: the whole answer should take %s. These targets add up to %s.",
		s.level.Name, s.level.WindowText(), practice.FormatClock(practice.TotalTarget(t))))

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
	text := para("“" + w.Text + "”")
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
	v.weak = container.NewVBox(bold("Weak answer"), para("“"+f.Weak+"”"))
	if f.WeakWhy != "" {
		v.weak.Add(para("Why it is weak: " + f.WeakWhy))
	}
	v.strong = container.NewVBox(bold("Strong answer"), para("“"+f.Strong+"”"))
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
	probes.Importance = widget.LowImportance
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
		v.feedback.SetText("Not quite: the answer is “" + v.item.Options[v.item.Correct] + "”. " + v.item.Explanation)
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
