package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/session"
)

// loopRun shows a loop (session.Loop): its planning screen, each answer
// through the rehearsal screens of a mock interview, the breaks between
// them and the results. Like a rehearsal it takes the whole window,
// renders the snapshots and forwards the candidate's commands.
type loopRun struct {
	u      *UI
	l      *session.Loop
	snap   session.LoopSnapshot
	screen *fyne.Container
	// header says where in the loop an answer is: "Question 2 of 4".
	header  *widget.Label
	content fyne.CanvasObject
	then    func() // what a shortcut asked to do once the loop closes
	ended   bool

	built   session.LoopState
	keys    keyMap // the planning, break or results screen's
	answer  *rehearsal
	plan    *loopPlan
	pause   *loopBreak
	results *loopResults
}

func newLoopRun(u *UI, level practice.Level) *loopRun {
	lr := &loopRun{u: u, screen: container.NewStack(), header: bold("")}
	lr.header.Hide()
	lr.content = container.NewBorder(lr.header, nil, nil, nil, lr.screen)
	lr.l = session.NewLoop(session.LoopConfig{
		Questions: u.bank.Questions(), Level: level, Store: u.store,
		Size:   u.settings.IntWithFallback(prefLoopSize, practice.DefaultLoop),
		Answer: u.sessionConfig(),
		PublishAnswer: func(s *session.Session, snap session.Snapshot) {
			u.bridge.ui(func() {
				if lr.answer != nil && lr.answer.s == s {
					lr.answer.render(snap)
				}
			})
		},
		Publish: func(s session.LoopSnapshot) { u.bridge.ui(func() { lr.render(s) }) },
		Notify:  func(doing string, err error) { u.bridge.ui(func() { u.showError(doing, err) }) },
	})
	return lr
}

// prefLoopSize remembers how many questions the last loop asked.
const prefLoopSize = "loop.size"

func (lr *loopRun) render(s session.LoopSnapshot) {
	if lr.ended {
		return
	}
	lr.snap = s
	if s.State == session.LoopClosed {
		lr.ended = true
		lr.u.endLoop(lr)
		return
	}
	if s.State == session.Answering && (lr.answer == nil || lr.answer.s != s.Answer) {
		lr.answer = newRehearsalView(lr.u, func(*rehearsal) {})
		lr.answer.s = s.Answer
		lr.answer.onLeave = lr.leave
		lr.answer.finishText = "Next question"
		if s.Current == len(s.Picks)-1 {
			lr.answer.finishText = "Finish the loop"
		}
		lr.built = "" // a new answer: its screens replace the last
	}
	if s.State != lr.built && s.State != session.Opening && s.State != session.Ending {
		lr.built = s.State
		lr.keys = keyMap{}
		var o fyne.CanvasObject
		switch s.State {
		case session.Planning:
			lr.plan = newLoopPlan(lr)
			o = lr.plan.content
		case session.Answering:
			o = lr.answer.content
		case session.Break:
			lr.pause = newLoopBreak(lr, s)
			o = lr.pause.content
		case session.Results:
			lr.results = newLoopResults(lr.u, *s.Result, lr.leave)
			lr.results.bind(lr.keys)
			o = lr.results.content
		}
		lr.screen.Objects = []fyne.CanvasObject{o}
		lr.screen.Refresh()
		lr.u.win.Canvas().Unfocus()
	}
	if s.State == session.Answering {
		pick := s.Picks[s.Current]
		lr.header.SetText(fmt.Sprintf("Interview loop · question %d of %d · %s", s.Current+1, len(s.Picks), pick.Competency))
	}
	setVisible(lr.header, s.State == session.Answering)
	if (s.State == session.Planning || s.State == session.Opening) && lr.plan != nil {
		lr.plan.render(s) // Start greys out while the loop is saved
	}
}

// typedKey handles the loop's keys: an answer's screen has its own.
func (lr *loopRun) typedKey(ev *fyne.KeyEvent) {
	if lr.snap.State == session.Answering && lr.answer != nil {
		lr.answer.typedKey(ev)
		return
	}
	lr.keys.press(ev.Name)
}

// busy reports whether a take is being made, which a shortcut waits for.
func (lr *loopRun) busy() bool {
	return lr.snap.State == session.Answering && lr.answer != nil && lr.answer.snap.Busy()
}

// say shows why a shortcut waits, on the answer's status line.
func (lr *loopRun) say(text string) {
	if lr.answer != nil {
		lr.answer.say(text)
	}
}

// leave ends the loop from its plan or results, where nothing is lost,
// and asks first from a break or an answer (confirmLeave).
func (lr *loopRun) leave() { lr.leaveThen(nil) }

// leaveThen is leave, then runs then (a shortcut's screen) once the loop
// has closed.
func (lr *loopRun) leaveThen(then func()) {
	if lr.snap.State == session.Answering || lr.snap.State == session.Break {
		lr.confirmLeave(then)
		return
	}
	lr.then = then
	lr.u.win.Canvas().Unfocus()
	lr.l.Leave()
}

// confirmLeave asks before leaving a loop under way, then runs then:
// the answers finished are kept, and the one under way as its session
// keeps it.
func (lr *loopRun) confirmLeave(then func()) {
	n := len(lr.snap.Done)
	recorded := lr.answer != nil && lr.snap.State == session.Answering && lr.answer.snap.Attempt.ID != 0
	var msg string
	switch {
	case n > 0:
		verb := "are"
		if n == 1 {
			verb = "is"
		}
		msg = fmt.Sprintf("The %s you finished %s kept in History, with the loop marked left.", practice.Plural(n, "answer", "answers"), verb)
	case recorded:
		msg = "What you recorded is kept in History, with the loop marked left."
	default:
		msg = "Nothing has been recorded in it yet, so nothing is kept."
	}
	if lr.answer != nil && lr.snap.State == session.Answering && lr.answer.snap.State == session.Recording {
		msg = "A recording is running: leaving stops it and keeps what you said as a take. " + msg
	}
	lr.u.confirm("Leave the loop?", msg, "Leave", func() {
		lr.then = then
		lr.u.win.Canvas().Unfocus()
		lr.l.Leave()
	})
}

// leaveNow leaves without asking, as the window closes.
func (lr *loopRun) leaveNow() { lr.l.Leave() }

// loopPlan is the loop's first screen: how many questions, the level,
// the questions chosen and why, and any story told twice.
type loopPlan struct {
	lr      *loopRun
	size    *keySelect
	level   *keySelect
	picks   *widget.RichText // a bold title and a line of detail per question
	reuse   *fyne.Container  // each story told twice, and a button per story that could replace it
	short   *widget.Label
	start   *widget.Button
	content fyne.CanvasObject
}

func newLoopPlan(lr *loopRun) *loopPlan {
	p := &loopPlan{lr: lr, picks: widget.NewRichTextWithText("Choosing the questions…"), reuse: container.NewVBox(), short: para("")}
	var sizes []string
	for n := practice.MinLoop; n <= practice.MaxLoop; n++ {
		sizes = append(sizes, strconv.Itoa(n))
	}
	p.size = newKeySelect(sizes, func(v string) {
		n, _ := strconv.Atoi(v)
		lr.u.settings.SetInt(prefLoopSize, n)
		lr.l.SetSize(n)
	})
	p.level = newKeySelect(levelNames(), func(name string) {
		if l, ok := practice.LevelByName(name); ok {
			lr.l.SetLevel(l.ID)
		}
	})
	p.picks.Wrapping = fyne.TextWrapWord
	p.short.Importance = widget.WarningImportance
	p.start = lr.keys.button("Start the loop", theme.MediaPlayIcon(), func() {
		lr.u.win.Canvas().Unfocus()
		lr.l.Start()
	}, enter...)
	p.start.Importance = widget.HighImportance
	back := lr.keys.button("Back", theme.NavigateBackIcon(), lr.leave, fyne.KeyEscape)
	p.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, back, p.start)), nil, nil,
		newCuedScroll(container.NewVBox(
			heading("Interview loop"),
			para("A behavioral round asks several questions back to back, each about a different competency, and a panel notices a story told twice. "+
				"Each question here is a mock interview with its follow-up; between them you get a short break, and the next question appears only when you press on."),
			container.NewHBox(widget.NewLabel("Questions"), p.size, widget.NewLabel("Level"), p.level),
			bold("The questions, in the order asked"),
			p.picks, p.reuse, p.short,
		)).content)
	return p
}

func (p *loopPlan) render(s session.LoopSnapshot) {
	if n := strconv.Itoa(s.Size); p.size.Selected != n {
		p.size.Selected = n
		p.size.Refresh()
	}
	if p.level.Selected != s.Level.Name {
		p.level.Selected = s.Level.Name
		p.level.Refresh()
	}
	enable(p.start, s.Can(session.StartLoop))
	if !s.Planned {
		return
	}
	// One rich text: its lines sit closer than labels in a box.
	var segs []widget.RichTextSegment
	for i, pick := range s.Picks {
		segs = append(segs,
			&widget.TextSegment{Style: pickTitleStyle, Text: fmt.Sprintf("%d. %s", i+1, loopQuestionTitle(s.Questions[i], pick.QuestionID))},
			&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: pickCompetencyText(pick) + " · " + capitalize(pick.Reason) + " · " + storyText(pick)})
	}
	p.picks.Segments = segs
	p.picks.Refresh()
	title := func(id string) string { return loopQuestionTitle(p.lr.u.bank.Question(id), id) }
	var warn []fyne.CanvasObject
	for _, r := range s.Reuses {
		w := para(r.Text(title))
		w.Importance = widget.WarningImportance
		warn = append(warn, w)
		for i, alt := range r.Instead {
			if alt.ID == 0 {
				continue
			}
			q := r.Questions[i+1]
			warn = append(warn, container.NewHBox(widget.NewButtonWithIcon(
				fmt.Sprintf("Tell “%s” for “%s”", alt.Title, title(q)), theme.DocumentCreateIcon(),
				func() { p.lr.l.Relink(q, alt.ID) })))
		}
	}
	p.reuse.Objects = warn
	p.reuse.Refresh()
	short := ""
	if s.Bank < practice.MinLoop {
		short = fmt.Sprintf("A loop asks at least %d questions and the bank holds %d: import a pack to add more.", practice.MinLoop, s.Bank)
	}
	p.short.SetText(short)
	setVisible(p.short, short != "")
}

// pickTitleStyle is a question's title in the plan: bold, on a line of
// its own.
var pickTitleStyle = widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameText, ColorName: theme.ColorNameForeground}

// loopQuestionTitle is a question's short title, or its ID once it is no
// longer in the bank.
func loopQuestionTitle(q *practice.Question, id string) string {
	if q == nil {
		return id + " (no longer in the bank)"
	}
	return q.ShortTitle()
}

// pickCompetencyText says what a question brings to the loop.
func pickCompetencyText(p practice.LoopPick) string {
	switch {
	case p.Competency == "":
		return "no competency tagged"
	case p.Repeat:
		return p.Competency + " again: the bank has no question for another competency"
	}
	return p.Competency
}

// storyText names the story a question's cue cards tell.
func storyText(p practice.LoopPick) string {
	if p.StoryTitle == "" {
		return "no story linked"
	}
	return "story “" + p.StoryTitle + "”"
}

// loopBreak is the pause between two questions: how the last answer
// went, and the next question kept back until the candidate presses on.
type loopBreak struct {
	next, leave *widget.Button
	content     fyne.CanvasObject
}

func newLoopBreak(lr *loopRun, s session.LoopSnapshot) *loopBreak {
	b := &loopBreak{}
	last := s.Last()
	done := bold("")
	if last != nil {
		done.SetText(fmt.Sprintf("Whole answer %s: %s for %s (%s).", practice.FormatClock(last.Spoken),
			verdictText(last.Verdict), s.Level.Name, s.Level.WindowText()))
		done.Importance = verdictImportance(last.Verdict, last.Trust)
	}
	var steps []string
	for _, t := range s.LastTakes {
		if t.Counted {
			steps = append(steps, fmt.Sprintf("%s %s %s", t.Step.Name(), practice.FormatClock(t.Spoken), verdictText(t.Verdict)))
		}
	}
	var so []string
	for i, a := range s.Done {
		so = append(so, fmt.Sprintf("%d. %s · %s, %s", i+1, loopQuestionTitle(s.Questions[i], a.QuestionID),
			practice.FormatClock(a.Spoken), verdictText(a.Verdict)))
	}
	b.next = lr.keys.button("Next question", theme.NavigateNextIcon(), func() { lr.l.Continue() }, append([]fyne.KeyName{fyne.KeySpace}, enter...)...)
	b.next.Importance = widget.HighImportance
	b.leave = lr.keys.button("Leave the loop", theme.CancelIcon(), lr.leave, fyne.KeyEscape)
	b.content = container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, b.leave, b.next)), nil, nil,
		newCuedScroll(container.NewVBox(
			heading(fmt.Sprintf("Question %d of %d done", len(s.Done), len(s.Picks))),
			done,
			para(strings.Join(steps, " · ")+"."),
			bold("So far"),
			para(strings.Join(so, "\n")),
			widget.NewSeparator(),
			bold(fmt.Sprintf("Question %d of %d is next", len(s.Done)+1, len(s.Picks))),
			para("Take a breath and reset. The interviewer asks the next question when you are ready: it appears when you press on."),
		)).content)
	return b
}
