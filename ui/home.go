package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// homeRows is how many questions "Rehearse next" offers: enough to choose,
// few enough to start without deliberating.
const homeRows = 3

// home is what the app opens on: the interview being prepared for, what to
// rehearse next and why, readiness per competency and this week's
// practice. The plan is worked out by practice.Plan from what the store
// holds; home only shows it.
type home struct {
	u   *UI
	now func() time.Time

	interview   *keyDateEntry
	dateRefused *widget.Label // why a date typed was not kept
	daysLeft    *widget.Label
	level       *keySelect

	welcome  *fyne.Container // first run only
	micCheck *widget.Button
	tryFirst *widget.Button

	next       []*dueRow
	loop       *widget.Button
	activity   *widget.Label
	readiness  *fyne.Container
	nothingDue *widget.Label
	noStory    *widget.Label

	scroll  *cuedScroll // says when more of Home lies below
	content fyne.CanvasObject

	keys    keyMap         // 1-3 tap the rows' Rehearse buttons
	plan    []practice.Due // as shown: the rows start these questions
	setting bool           // showing the stored date, not the candidate typing one
}

// dueRow is one question in "Rehearse next": its short title and why
// it is due, on one line where they fit, then the buttons that start it.
type dueRow struct {
	text     *widget.RichText
	rehearse *widget.Button
	mock     *widget.Button
	study    *widget.Button
	box      *fyne.Container
}

func newHome(u *UI, level practice.Level) *home {
	h := &home{u: u, now: u.now, keys: keyMap{}}
	h.interview = newKeyDateEntry()
	h.interview.OnChanged = h.onDate
	h.dateRefused = para("")
	h.dateRefused.Hide()
	h.daysLeft = para("")
	h.level = newKeySelect(levelNames(), func(name string) {
		if l, ok := practice.LevelByName(name); ok {
			u.setLevel(l)
		}
	})
	h.level.Selected = level.Name

	h.welcome = h.newWelcome()

	rows := container.NewVBox()
	for i := range homeRows {
		r := h.newDueRow(i)
		h.next = append(h.next, r)
		rows.Add(r.box)
	}
	h.loop = widget.NewButtonWithIcon("Interview loop  ("+shortcutLabel(fyne.KeyL)+")", theme.ListIcon(), u.startLoop)
	h.activity = para("")
	h.readiness = container.NewGridWithColumns(2)
	h.noStory = para("")
	h.nothingDue = para("Nothing is due today: these come back first.")

	date := container.NewHBox(widget.NewLabel("Interview on"), container.NewGridWrap(fyne.NewSize(150, h.interview.MinSize().Height), h.interview.withoutTick()),
		widget.NewLabel("Level"), h.level)
	h.scroll = newCuedScroll(container.NewVBox(
		h.welcome,
		date, h.dateRefused, h.daysLeft,
		heading("Rehearse next"),
		h.nothingDue,
		rows,
		container.NewBorder(nil, nil, h.loop, nil, para("Three to six questions back to back, each a different competency, as on the day.")),
		heading("This week"),
		h.activity,
		heading("Readiness"),
		para("Questions on target in their last complete attempt, by competency."),
		h.readiness,
		h.noStory,
		container.NewHBox(widget.NewButtonWithIcon("My stories ("+shortcutLabel(fyne.Key2)+")", theme.DocumentCreateIcon(), u.onStories)),
	))
	h.content = h.scroll.content
	return h
}

// newWelcome is what a first run shows above the plan: the three ways to
// practise, a mic check and the first question to try. Hidden until the
// plan says nothing was rehearsed yet.
func (h *home) newWelcome() *fyne.Container {
	h.micCheck = widget.NewButtonWithIcon("Check your microphone", theme.VolumeUpIcon(), h.onMicCheck)
	h.tryFirst = widget.NewButtonWithIcon("", theme.MediaRecordIcon(), func() { h.start(0, practice.StepByStep) })
	h.tryFirst.Importance = widget.HighImportance
	w := container.NewVBox(
		heading("Welcome to StarCoach"),
		para("Practise an answer three ways, each closer to the real thing. Study a question's walkthrough: "+
			"each STAR step with its target time, an example and the usual mistake. Rehearse step by step: "+
			"record each step and hear at once whether it was short, on target or long. Mock interview: "+
			"the whole answer in one go, as in the interview, then a follow-up question."),
		para("Check your microphone first, then try the first question below."),
		container.NewHBox(h.micCheck, h.tryFirst),
		widget.NewSeparator(),
	)
	w.Hide()
	return w
}

func (h *home) newDueRow(i int) *dueRow {
	r := &dueRow{text: widget.NewRichText(
		&widget.TextSegment{Style: widget.RichTextStyleStrong},
		&widget.TextSegment{Style: widget.RichTextStyleInline},
	)}
	r.text.Wrapping = fyne.TextWrapWord
	r.rehearse = h.keys.button("Rehearse", theme.MediaRecordIcon(), func() { h.start(i, practice.StepByStep) }, fyne.KeyName(fmt.Sprint(i+1)))
	r.mock = widget.NewButtonWithIcon("Mock", theme.AccountIcon(), func() { h.start(i, practice.Mock) })
	r.study = widget.NewButtonWithIcon("Study", theme.DocumentIcon(), func() {
		if i < len(h.plan) {
			h.u.openQuestion(h.plan[i].Question)
		}
	})
	r.study.Importance = widget.LowImportance
	if i == 0 {
		r.rehearse.Importance = widget.HighImportance
		r.rehearse.SetText("Rehearse  (1 or " + shortcutLabel(fyne.KeyR) + ")")
		r.mock.SetText("Mock  (" + shortcutLabel(fyne.KeyM) + ")")
	}
	r.box = container.NewVBox(r.text, container.NewHBox(r.rehearse, r.mock, r.study), widget.NewSeparator())
	return r
}

// show puts a due question in the row.
func (r *dueRow) show(d practice.Due) {
	r.text.Segments[0].(*widget.TextSegment).Text = d.Question.ShortTitle() + " "
	r.text.Segments[1].(*widget.TextSegment).Text = "· " + capitalize(d.Reason) + "."
	r.text.Refresh()
}

// homeData is what the home screen shows, read in one go off the UI
// goroutine.
type homeData struct {
	hist      []practice.QuestionHistory
	interview time.Time
	stories   []practice.Story
	streak    int
	counts    practice.Counts
}

// reload reads the plan's inputs and shows them.
func (h *home) reload() {
	now := h.now()
	load(h.u.bridge, "home", func(ctx context.Context) (homeData, error) {
		var d homeData
		var err error
		if d.hist, err = h.u.store.PlanHistory(ctx); err != nil {
			return d, err
		}
		if d.interview, err = h.u.store.InterviewDate(ctx); err != nil {
			return d, err
		}
		if d.stories, err = h.u.store.Stories(ctx); err != nil {
			return d, err
		}
		if d.streak, err = h.u.store.Streak(ctx, now); err != nil {
			return d, err
		}
		d.counts, err = h.u.store.Counts(ctx, now)
		return d, err
	}, func(d homeData, err error) {
		if err != nil {
			h.u.showError("work out what to rehearse next", err)
			return
		}
		h.render(d, now)
	})
}

func (h *home) render(d homeData, now time.Time) {
	qs := h.u.bank.Questions()
	h.plan = practice.Plan(qs, d.hist, d.interview, now)
	h.showDate(d.interview)
	h.daysLeft.SetText(daysLeftText(d.interview, now))
	for i, r := range h.next {
		if i >= len(h.plan) {
			r.box.Hide()
			continue
		}
		due := h.plan[i]
		r.show(due)
		r.box.Show()
	}
	setVisible(h.nothingDue, len(h.plan) > 0 && !h.plan[0].IsDue(now))
	first := len(d.hist) == 0 && d.counts.Questions == 0
	setVisible(h.welcome, first && len(h.plan) > 0)
	if len(h.plan) > 0 {
		h.tryFirst.SetText("Try: " + h.plan[0].Question.ShortTitle())
	}
	h.activity.SetText(fmt.Sprintf("%s · %s this week · %s spoken",
		streakText(d.streak), practice.Plural(d.counts.ThisWeek, "attempt", "attempts"), minutesText(d.counts.SpokenThisWeek)))
	h.renderReadiness(practice.Readiness(qs, d.hist))
	h.noStory.SetText(uncoveredText(practice.StoryCoverage(h.u.bank.Competencies(), d.stories).Uncovered))
}

// renderReadiness shows each competency's share of questions on target as
// a bar.
func (h *home) renderReadiness(rs []practice.CompetencyReadiness) {
	var objs []fyne.CanvasObject
	for _, r := range rs {
		bar := widget.NewProgressBar()
		bar.Max = float64(r.Questions)
		bar.Value = float64(r.OnTarget)
		bar.TextFormatter = func() string { return fmt.Sprintf("%d of %d on target", r.OnTarget, r.Questions) }
		l := widget.NewLabel(r.Competency)
		l.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, l, bar)
	}
	h.readiness.Objects = objs
	h.readiness.Refresh()
}

// showDate shows the stored interview date without saving it back, unless
// the candidate is typing one.
func (h *home) showDate(d time.Time) {
	if isFocused(h.interview) || h.interview.Date != nil && !d.IsZero() && sameDay(*h.interview.Date, d) {
		return
	}
	warning(h.dateRefused, "") // the date it was about is gone from the field
	h.setting = true
	defer func() { h.setting = false }()
	if d.IsZero() {
		h.interview.SetText("")
		return
	}
	h.interview.SetDate(&d)
}

// onDate saves a date the candidate typed or picked; a cleared field
// clears it. A date the store refuses (one past, or years ahead) stays in
// the field with the reason under it.
func (h *home) onDate(t *time.Time) {
	if h.setting {
		return
	}
	var d time.Time
	if t != nil {
		// The entry parses a calendar day as UTC midnight; it is meant here.
		d = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
	}
	h.u.bridge.write(func(ctx context.Context) error { return h.u.store.SetInterviewDate(ctx, d) }, func(err error) {
		var refused *practice.InterviewDateError
		switch {
		case errors.As(err, &refused):
			warning(h.dateRefused, capitalize(refused.Error())+".")
		case err != nil:
			h.u.showError("save your interview date", err)
		default:
			warning(h.dateRefused, "")
			h.reload()
		}
	})
}

// start begins a rehearsal of the plan's row i.
func (h *home) start(i int, mode practice.Mode) {
	if i < len(h.plan) {
		h.u.startRehearsal(h.plan[i].Question, mode, h.u.study.level)
	}
}

// onMicCheck opens the first question's start screen, which is where a
// microphone is chosen, and runs its three-second check: nothing is
// recorded as an attempt until the candidate starts.
func (h *home) onMicCheck() {
	h.start(0, practice.StepByStep)
	if r := h.u.rehearsal; r != nil {
		r.do(r.s.CheckMic)
	}
}

// typedKey starts the row whose number was pressed, through its button.
func (h *home) typedKey(ev *fyne.KeyEvent) { h.keys.press(ev.Name) }

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func daysLeftText(interview, now time.Time) string {
	if interview.IsZero() {
		return "Set the date of your interview and the plan brings questions back sooner as it nears."
	}
	switch n := practice.DaysUntil(interview, now); {
	case n < 0:
		return "Your interview was on " + interview.Format("Mon 2 Jan") + ". Set the next one when you have it."
	case n == 0:
		return "Your interview is today. Good luck!"
	default:
		return practice.Plural(n, "day", "days") + " to go."
	}
}

func streakText(days int) string {
	if days == 0 {
		return "No streak yet"
	}
	return practice.Plural(days, "day", "days") + " in a row"
}

// minutesText is time spoken in whole minutes, or seconds under one.
func minutesText(d time.Duration) string {
	if s := practice.Shown(d); s < time.Minute {
		return fmt.Sprintf("%d s", int(s/time.Second))
	}
	return fmt.Sprintf("%d min", int((d+time.Minute/2)/time.Minute)) // 1:52 is nearer 2 min
}

func uncoveredText(cs []string) string {
	if len(cs) == 0 {
		return "Every competency has a story."
	}
	// Some names hold a comma ("Are Right, A Lot").
	return "No story yet for " + strings.Join(cs, " · ") + "."
}
