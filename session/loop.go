package session

import (
	"context"
	"errors"
	"slices"
	"time"

	"starcoach/practice"
)

// A Loop is an interview day's behavioral round: a few questions back to
// back, each a mock interview with its follow-up run by a Session of its
// own, with a break between them. It is a state machine like a
// Session's, smaller: its table is loopTransitions. It plans the loop
// (practice.PlanLoop), starts each answer's session, notices when one
// finishes or is left, and reads the results back from the store.

// LoopState is where a loop is.
type LoopState string

// The states of a loop, in the order it meets them.
const (
	// Planning: the plan is read and the candidate picks how many
	// questions and the level.
	Planning LoopState = "planning"
	// Opening: the loop is being saved.
	Opening LoopState = "opening"
	// Answering: a question is being answered, in Snapshot.Answer.
	Answering LoopState = "answering"
	// Break: between two questions; the next is shown only on Continue.
	Break LoopState = "break"
	// Ending: the loop is being marked complete and its results read.
	Ending LoopState = "ending"
	// Results: every answer against its targets.
	Results LoopState = "results"
	// LoopClosed: the loop is over; it ignores every command.
	LoopClosed LoopState = "closed"
)

// LoopStore is what a loop needs from storage beyond its answers'
// (Store). The errors are Store's; each method says what it adds.
type LoopStore interface {
	// PlanHistory, InterviewDate and Stories are what the plan reads.
	PlanHistory(ctx context.Context) ([]practice.QuestionHistory, error)
	InterviewDate(ctx context.Context) (time.Time, error)
	Stories(ctx context.Context) ([]practice.Story, error)
	// LinkStory links a question to a story, in place of any before.
	LinkStory(ctx context.Context, questionID string, storyID int64) error
	// CreateLoop saves a loop in progress with its picks and sets l.ID;
	// an unknown level or a count of picks outside 1-6 is an error.
	CreateLoop(ctx context.Context, l *practice.Loop) error
	// FinishLoop and AbandonLoop end a loop in progress; one ended
	// already is left as it is.
	FinishLoop(ctx context.Context, id int64) error
	AbandonLoop(ctx context.Context, id int64) error
	LoopResult(ctx context.Context, id int64) (practice.LoopResult, error)
}

// LoopConfig is what a loop starts with.
type LoopConfig struct {
	Questions []*practice.Question // the bank
	Level     practice.Level
	Size      int // questions to ask: practice.MinLoop to practice.MaxLoop
	Store     LoopStore
	// Answer configures each answer's session: its ports, prefs and
	// clock. The loop sets the question, the mode, the level, the loop
	// and Publish, which hands each snapshot to PublishAnswer with the
	// session it is of.
	Answer        Config
	PublishAnswer func(*Session, Snapshot)
	// Publish gets every loop snapshot and Notify what went wrong, both on
	// the worker's goroutine, as a Session's.
	Publish func(LoopSnapshot)
	Notify  func(doing string, err error)
}

// LoopCommand is what a screen asks of a loop.
type LoopCommand int

// The loop's commands, then its own events.
const (
	SetLoopSize LoopCommand = iota
	SetLoopLevel
	Relink // tell another story for a question, as a reuse warning offers
	StartLoop
	Continue // press on from a break to the next question
	LeaveLoop

	numLoopCommands

	planRead    // the plan, stories and interview date were read
	relinked    // a question's story was linked anew, and the stories read again
	loopOpened  // the loop was saved, or could not be
	answerEnded // the answer's session finished or closed
	resultsRead // the loop was ended and its results read
)

// LoopSnapshot is a loop as the screens see it, never changed once
// published.
type LoopSnapshot struct {
	Version int
	State   LoopState
	can     uint64

	Level practice.Level
	Size  int
	// Picks are the questions planned, in the order asked, and Questions
	// the bank's question for each (nil for one no longer in it).
	Picks     []practice.LoopPick
	Questions []*practice.Question
	Reuses    []practice.StoryReuse // stories linked to two of Picks
	Planned   bool                  // the plan has been read
	// Bank is how many questions the bank holds: a loop needs
	// practice.MinLoop.
	Bank int

	Loop    practice.Loop      // ID 0 until started
	Current int                // the question answered, or next after a break
	Answer  *Session           // the current answer's session, while answering
	Done    []practice.Attempt // the answers finished, in order
	// LastTakes are the takes of the answer finished last.
	LastTakes []practice.Take
	Result    *practice.LoopResult
	// Left says the candidate left the loop before its end; it closes
	// once the answer under way is kept.
	Left bool
}

// Can reports whether the loop acts on c now.
func (s LoopSnapshot) Can(c LoopCommand) bool { return s.can&(1<<c) != 0 }

// Last is the answer finished last, or nil.
func (s LoopSnapshot) Last() *practice.Attempt {
	if len(s.Done) == 0 {
		return nil
	}
	return &s.Done[len(s.Done)-1]
}

// Loop is one loop rehearsed. Its methods may be called from any
// goroutine: each queues a command on the worker.
type Loop struct {
	cfg     LoopConfig
	ctx     context.Context
	snap    LoopSnapshot
	plan    []practice.Due
	stories []practice.Story
	// relinking: a story's link is being saved, so the picks are about
	// to change; the loop starts once they have.
	relinking bool
}

type loopEvent struct {
	on     LoopCommand
	n      int
	level  practice.LevelID
	text   string // a question's ID, for Relink
	story  int64  // the story to link, for Relink
	answer *Session
	snap   Snapshot // the answer's, for answerEnded
	loop   practice.Loop
	result practice.LoopResult
	plan   []practice.Due
	// stories is the story bank, for planRead
	stories []practice.Story
	err     error
}

type loopTransition struct {
	in   []LoopState
	on   LoopCommand
	when func(*Loop, loopEvent) bool
	do   func(*Loop, loopEvent)
	next LoopState
}

// loopTransitions is a loop, read top to bottom as a Session's table.
var loopTransitions []loopTransition

func init() {
	loopTransitions = []loopTransition{
		{in: []LoopState{Planning}, on: planRead, do: (*Loop).planRead},
		{in: []LoopState{Planning}, on: SetLoopSize, do: (*Loop).setSize},
		{in: []LoopState{Planning}, on: SetLoopLevel, do: (*Loop).setLevel},
		{in: []LoopState{Planning}, on: Relink, when: (*Loop).planned, do: (*Loop).relink},
		{in: []LoopState{Planning}, on: relinked, do: (*Loop).planRead},
		{in: []LoopState{Planning}, on: StartLoop, when: (*Loop).canStart, do: (*Loop).open, next: Opening},
		{in: []LoopState{Planning}, on: LeaveLoop, next: LoopClosed},
		{in: []LoopState{Opening}, on: loopOpened, when: (*Loop).failedWhileLeaving, do: (*Loop).openFailed, next: LoopClosed},
		{in: []LoopState{Opening}, on: loopOpened, when: (*Loop).failed, do: (*Loop).openFailed, next: Planning},
		{in: []LoopState{Opening}, on: loopOpened, when: (*Loop).leftMeanwhile, do: (*Loop).abandon, next: LoopClosed},
		{in: []LoopState{Opening}, on: loopOpened, do: (*Loop).ask, next: Answering},
		{in: []LoopState{Opening}, on: LeaveLoop, do: (*Loop).markLeft},
		{in: []LoopState{Answering}, on: answerEnded, when: (*Loop).answerFinished, do: (*Loop).answered, next: Break},
		{in: []LoopState{Answering}, on: answerEnded, when: (*Loop).lastFinished, do: (*Loop).end, next: Ending},
		{in: []LoopState{Answering}, on: answerEnded, when: (*Loop).answerLeft, do: (*Loop).abandon, next: LoopClosed},
		{in: []LoopState{Answering}, on: LeaveLoop, do: (*Loop).leaveAnswer},
		{in: []LoopState{Break}, on: Continue, do: (*Loop).ask, next: Answering},
		{in: []LoopState{Break}, on: LeaveLoop, do: (*Loop).abandon, next: LoopClosed},
		{in: []LoopState{Ending}, on: resultsRead, when: (*Loop).leftMeanwhile, do: (*Loop).endedWhileLeaving, next: LoopClosed},
		{in: []LoopState{Ending}, on: resultsRead, do: (*Loop).showResults, next: Results},
		{in: []LoopState{Ending}, on: LeaveLoop, do: (*Loop).markLeft},
		{in: []LoopState{Results}, on: LeaveLoop, next: LoopClosed},
	}
}

// NewLoop starts a loop on its planning screen and reads the plan.
func NewLoop(cfg LoopConfig) *Loop {
	l := &Loop{cfg: cfg, ctx: context.Background()}
	if cfg.Answer.Clock == nil {
		l.cfg.Answer.Clock = SystemClock{}
	}
	l.snap = LoopSnapshot{State: Planning, Level: cfg.Level, Size: min(max(cfg.Size, practice.MinLoop), practice.MaxLoop),
		Bank: len(cfg.Questions)}
	var plan []practice.Due
	var stories []practice.Story
	var err error
	now := l.cfg.Answer.Clock.Now()
	cfg.Answer.Worker.Off(func() {
		// What cannot be read is left out, and said: a plan without the
		// history still chooses a loop by competency.
		hist, herr := cfg.Store.PlanHistory(l.ctx)
		interview, ierr := cfg.Store.InterviewDate(l.ctx)
		stories, err = cfg.Store.Stories(l.ctx)
		err = errors.Join(herr, ierr, err)
		plan = practice.Plan(cfg.Questions, hist, interview, now)
	}, func() { l.send(loopEvent{on: planRead, plan: plan, stories: stories, err: err}) })
	return l
}

// SetSize picks how many questions to ask, on the planning screen.
func (l *Loop) SetSize(n int) { l.post(loopEvent{on: SetLoopSize, n: n}) }

// SetLevel picks the level, on the planning screen.
func (l *Loop) SetLevel(id practice.LevelID) { l.post(loopEvent{on: SetLoopLevel, level: id}) }

// Relink tells the story storyID for the question questionID: the link
// is saved, as in My stories, and the questions chosen again.
func (l *Loop) Relink(questionID string, storyID int64) {
	l.post(loopEvent{on: Relink, text: questionID, story: storyID})
}

// Start saves the loop and asks its first question.
func (l *Loop) Start() { l.post(loopEvent{on: StartLoop}) }

// Continue asks the next question after a break.
func (l *Loop) Continue() { l.post(loopEvent{on: Continue}) }

// Leave ends the loop from wherever it is: an answer under way is left
// as its session leaves it (a recording running is kept as a take), the
// answers finished stay, and a loop begun is marked left.
func (l *Loop) Leave() { l.post(loopEvent{on: LeaveLoop}) }

func (l *Loop) post(e loopEvent) { l.cfg.Answer.Worker.Go(func() { l.send(e) }) }

func (l *Loop) send(e loopEvent) {
	if l.snap.State == LoopClosed {
		return
	}
	t, ok := l.row(e)
	if !ok {
		return
	}
	if t.do != nil {
		t.do(l, e)
	}
	if t.next != "" {
		l.snap.State = t.next
	}
	l.snap.Version++
	l.snap.can = 0
	for c := LoopCommand(0); c < numLoopCommands; c++ {
		if _, ok := l.row(loopEvent{on: c}); ok {
			l.snap.can |= 1 << c
		}
	}
	l.cfg.Publish(l.snap)
}

func (l *Loop) row(e loopEvent) (loopTransition, bool) {
	for _, t := range loopTransitions {
		if t.on == e.on && slices.Contains(t.in, l.snap.State) && (t.when == nil || t.when(l, e)) {
			return t, true
		}
	}
	return loopTransition{}, false
}

// The guards.

func (l *Loop) planned(loopEvent) bool { return l.snap.Planned }
func (l *Loop) canStart(e loopEvent) bool {
	return l.planned(e) && !l.relinking && len(l.snap.Picks) >= practice.MinLoop
}
func (l *Loop) failed(e loopEvent) bool { return e.err != nil }
func (l *Loop) failedWhileLeaving(e loopEvent) bool {
	return e.err != nil && l.snap.Left
}
func (l *Loop) leftMeanwhile(loopEvent) bool { return l.snap.Left }
func (l *Loop) current(e loopEvent) bool     { return e.answer == l.snap.Answer }
func (l *Loop) finishedOne(e loopEvent) bool {
	return l.current(e) && e.snap.State == Finished && !l.snap.Left
}
func (l *Loop) answerFinished(e loopEvent) bool {
	return l.finishedOne(e) && l.snap.Current+1 < len(l.snap.Picks)
}
func (l *Loop) lastFinished(e loopEvent) bool { return l.finishedOne(e) }
func (l *Loop) answerLeft(e loopEvent) bool   { return l.current(e) && e.snap.State == Closed }

// The effects.

func (l *Loop) planRead(e loopEvent) {
	if e.on == relinked {
		l.relinking = false
	}
	switch {
	case e.err != nil && e.on == relinked:
		l.notify("link the story", e.err)
		return
	case e.err != nil:
		l.notify("read your plan", e.err)
	}
	if e.on == planRead {
		l.plan = e.plan
	}
	l.stories, l.snap.Planned = e.stories, true
	l.replan()
}

// relink saves a question's new story and reads the stories back, off
// the worker.
func (l *Loop) relink(e loopEvent) {
	l.relinking = true
	q, id := e.text, e.story
	var stories []practice.Story
	var err error
	l.cfg.Answer.Worker.Off(func() {
		if err = l.cfg.Store.LinkStory(l.ctx, q, id); err == nil {
			stories, err = l.cfg.Store.Stories(l.ctx)
		}
	}, func() { l.send(loopEvent{on: relinked, stories: stories, err: err}) })
}

func (l *Loop) setSize(e loopEvent) {
	l.snap.Size = min(max(e.n, practice.MinLoop), practice.MaxLoop)
	l.replan()
}

func (l *Loop) setLevel(e loopEvent) {
	if lv, ok := practice.LevelByID(e.level); ok {
		l.snap.Level = lv
		l.cfg.Answer.Prefs.SetString(PrefLevel, string(lv.ID))
	}
}

// replan chooses the questions again for the size asked.
func (l *Loop) replan() {
	l.snap.Picks = practice.PlanLoop(l.plan, l.stories, l.snap.Size)
	l.snap.Questions = make([]*practice.Question, len(l.snap.Picks))
	for i, p := range l.snap.Picks {
		l.snap.Questions[i] = l.question(p.QuestionID)
	}
	l.snap.Reuses = practice.StoryReuses(l.snap.Picks, l.stories)
}

func (l *Loop) question(id string) *practice.Question {
	if i := slices.IndexFunc(l.cfg.Questions, func(q *practice.Question) bool { return q.ID == id }); i >= 0 {
		return l.cfg.Questions[i]
	}
	return nil
}

// open saves the loop, off the worker.
func (l *Loop) open(loopEvent) {
	lp := practice.Loop{Level: l.snap.Level.ID, StartedAt: l.cfg.Answer.Clock.Now(), Picks: l.snap.Picks}
	var err error
	l.cfg.Answer.Worker.Off(func() { err = l.cfg.Store.CreateLoop(l.ctx, &lp) },
		func() { l.send(loopEvent{on: loopOpened, loop: lp, err: err}) })
}

func (l *Loop) openFailed(e loopEvent) { l.notify("start the loop", e.err) }

// markLeft remembers that Leave came while the loop was being saved or
// ended: it closes when that is done.
func (l *Loop) markLeft(loopEvent) { l.snap.Left = true }

// ask starts the session answering the next question: the first once the
// loop is saved, then one after each break.
func (l *Loop) ask(e loopEvent) {
	if e.on == loopOpened {
		l.snap.Loop = e.loop
	} else {
		l.snap.Current++
	}
	cfg := l.cfg.Answer
	cfg.Question, cfg.Mode, cfg.Level, cfg.Loop = l.snap.Questions[l.snap.Current], practice.Mock, l.snap.Level, l.snap.Loop.ID
	var s *Session
	cfg.Publish = func(snap Snapshot) {
		l.cfg.PublishAnswer(s, snap)
		if snap.State == Finished || snap.State == Closed {
			l.post(loopEvent{on: answerEnded, answer: s, snap: snap})
		}
	}
	s = New(cfg)
	l.snap.Answer = s
}

// answered keeps the finished answer and closes its session.
func (l *Loop) answered(e loopEvent) {
	l.snap.Done = append(slices.Clip(l.snap.Done), e.snap.Attempt)
	l.snap.LastTakes = e.snap.Takes
	l.snap.Answer = nil
	e.answer.Leave()
}

// end keeps the last answer, marks the loop complete and reads its
// results, off the worker.
func (l *Loop) end(e loopEvent) {
	l.answered(e)
	id := l.snap.Loop.ID
	var r practice.LoopResult
	var err error
	l.cfg.Answer.Worker.Off(func() {
		if err = l.cfg.Store.FinishLoop(l.ctx, id); err == nil {
			r, err = l.cfg.Store.LoopResult(l.ctx, id)
		}
	}, func() { l.send(loopEvent{on: resultsRead, result: r, err: err}) })
}

// showResults shows the loop's results as stored; when they could not be
// stored or read back, it says so and shows what the loop itself knows:
// its picks and the answers finished, without their takes.
func (l *Loop) showResults(e loopEvent) {
	if e.err == nil {
		l.snap.Result, l.snap.Loop = &e.result, e.result.Loop
		return
	}
	l.notify("finish the loop and read its results", e.err)
	r := practice.LoopResult{Loop: l.snap.Loop, Answers: make([]practice.LoopAnswer, len(l.snap.Picks))}
	for i, p := range l.snap.Picks {
		r.Answers[i].Pick = p
		if i < len(l.snap.Done) {
			r.Answers[i].Attempt = &l.snap.Done[i]
		}
	}
	l.snap.Result = &r
}

// endedWhileLeaving says what went wrong ending a loop left meanwhile.
func (l *Loop) endedWhileLeaving(e loopEvent) {
	if e.err != nil {
		l.notify("finish the loop", e.err)
	}
}

// leaveAnswer leaves the answer under way; the loop is marked left once
// its session has closed (answerLeft).
func (l *Loop) leaveAnswer(loopEvent) {
	l.snap.Left = true
	l.snap.Answer.Leave()
}

// abandon marks the loop left: the answers finished stay complete.
func (l *Loop) abandon(e loopEvent) {
	l.snap.Left, l.snap.Answer = true, nil
	id := l.snap.Loop.ID
	if e.on == loopOpened {
		id = e.loop.ID
	}
	if id == 0 {
		return
	}
	if err := l.cfg.Store.AbandonLoop(l.ctx, id); err != nil && !errors.Is(err, practice.ErrNotFound) {
		l.notify("keep the loop as left", err)
	}
}

func (l *Loop) notify(doing string, err error) { l.cfg.Notify(doing, practice.Plain(err)) }
