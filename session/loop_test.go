package session

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"starcoach/audio"
	"starcoach/audio/wav"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session/sessiontest"
)

// A loop's tests record real speech: the fake microphone writes LibriVox
// recordings into the spans a test scripts, room tone around them, and
// the real analysis measures them.

const librivox = "/usr/share/pocketsphinx/test/data/librivox"

// realSpeech reads the LibriVox clips back to back, at 16 kHz.
func realSpeech(t *testing.T) []float32 {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(librivox, "*.wav"))
	if len(paths) == 0 {
		t.Skip("no LibriVox speech: install pocketsphinx-testdata (make test does)")
	}
	var all []float32
	for _, p := range paths {
		s, rate, err := wav.Read(p)
		if err != nil {
			t.Fatal(err)
		}
		if rate != speechRate {
			t.Fatalf("%s is %d Hz, want %d", p, rate, speechRate)
		}
		all = append(all, s...)
	}
	return all
}

const speechRate = 16000

// writeSaid writes what h scripts as a recording: real speech in its
// spans, room tone between them, at -60 dBFS as a quiet room gives.
func writeSaid(path string, h said, speech []float32) error {
	w, err := wav.Create(path, speechRate)
	if err != nil {
		return err
	}
	n := int(h.length.Seconds() * speechRate)
	buf := make([]int16, n)
	seed, from := uint32(7), 0
	for i := range buf {
		seed = seed*1664525 + 1013904223
		buf[i] = int16((float64(seed>>8)/(1<<24) - 0.5) * 0.002 * math.MaxInt16)
	}
	for _, sp := range h.speech {
		a, b := int(sp.Start.Seconds()*speechRate), min(int(sp.End.Seconds()*speechRate), n)
		for i := a; i < b; i++ {
			buf[i] = int16(speech[from%len(speech)] * math.MaxInt16)
			from++
		}
	}
	if err := w.Write(buf); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// loopRig is a loop under test, on a real SQLite file.
type loopRig struct {
	*rig
	l       *Loop
	qs      []*practice.Question
	loopMu  sync.Mutex
	loops   []LoopSnapshot
	answers map[*Session]Snapshot
}

// loopBank is five of the built-in questions, tagged so that the choice
// is plain: failure and ownership share Ownership, conflict and feedback
// Teamwork.
func loopBank(t *testing.T) []*practice.Question {
	b := builtin(t)
	var qs []*practice.Question
	for _, c := range []struct{ id, comp string }{
		{"failure", "Ownership"}, {"beyond-scope", "Ownership"}, {"conflict-with-coworker", "Teamwork"},
		{"feedback-received", "Growth"}, {"feedback-given", "Teamwork"},
	} {
		q := *b.Question(c.id)
		q.Competencies = []string{c.comp}
		qs = append(qs, &q)
	}
	return qs
}

func newLoopRig(t *testing.T, size int, prepare func(db *sqlite.DB)) *loopRig {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	speech := realSpeech(t)
	g := &loopRig{rig: &rig{t: t, db: db, w: NewWorker(),
		mic:     &fakeMic{files: map[string]said{}, peak: -9},
		speaker: &fakeSpeaker{},
		prefs:   &prefs{ints: map[string]int{}, strs: map[string]string{}},
		clock:   sessiontest.NewClock(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)),
	}, qs: loopBank(t), answers: map[*Session]Snapshot{}}
	g.mic.write = func(path string, h said) error { return writeSaid(path, h, speech) }
	t.Cleanup(func() {
		g.w.Wait()
		db.Close()
	})
	if prepare != nil {
		prepare(db)
	}
	level, _ := practice.LevelByID("sde2")
	g.l = NewLoop(LoopConfig{
		Questions: g.qs, Level: level, Size: size, Store: db,
		Answer: Config{Worker: g.w, Recorder: g.mic, Analyse: audio.AnalyzeClips, Speaker: g.speaker, Store: db,
			Prefs: g.prefs, Clock: g.clock, Rand: func(int) int { return 0 }, Notify: g.notice},
		PublishAnswer: func(s *Session, snap Snapshot) {
			g.mu.Lock()
			g.snaps = append(g.snaps, snap)
			g.mu.Unlock()
			g.loopMu.Lock()
			g.answers[s] = snap
			g.loopMu.Unlock()
		},
		Publish: g.publishLoop,
		Notify:  g.notice,
	})
	g.settle()
	return g
}

// publishLoop keeps the loop's snapshots.
func (g *loopRig) publishLoop(s LoopSnapshot) {
	g.loopMu.Lock()
	g.loops = append(g.loops, s)
	g.loopMu.Unlock()
}

func (g *loopRig) loop() LoopSnapshot {
	g.loopMu.Lock()
	defer g.loopMu.Unlock()
	if len(g.loops) == 0 {
		g.t.Fatal("the loop published nothing")
	}
	return g.loops[len(g.loops)-1]
}

// answer speaks the current question's answer as a candidate does: the
// five steps with N between them, the follow-up, then Finish.
func (g *loopRig) answer(steps []time.Duration, followUp time.Duration) Snapshot {
	g.t.Helper()
	ls := g.loop()
	if ls.State != Answering || ls.Answer == nil {
		g.t.Fatalf("loop %s, want answering (%v)", ls.State, g.noticesSaid())
	}
	g.s = ls.Answer
	if s := g.snap(); s.Screen != MockScreen || s.State != Ready || s.Loop != ls.Loop.ID || s.Level.ID != ls.Level.ID {
		g.t.Fatalf("an answer begins on %d in %s, loop %d at %s", s.Screen, s.State, s.Loop, s.Level.ID)
	}
	if g.snap().Can(Finish) {
		g.t.Error("a loop's answer offers Finish before its follow-up")
	}
	s := g.speakMock(mockAnswer(steps))
	if s.Split == nil {
		g.t.Fatalf("the answer was not measured: %+v (%v)", s, g.noticesSaid())
	}
	g.s.AskFollowUp()
	g.settle()
	if s := g.snap(); s.Screen != FollowUpScreen {
		g.t.Fatalf("after AskFollowUp: screen %d", s.Screen)
	}
	g.record(speech(followUp))
	g.s.Finish()
	g.settle()
	return g.answers[g.s]
}

// The whole loop, as a candidate goes through it: the choice by
// competency with due questions first, the story told twice, three
// answers of real speech with their follow-ups and breaks, the results,
// and the loop kept as a group of attempts.
func TestLoopWhole(t *testing.T) {
	var told, other practice.Story
	g := newLoopRig(t, 3, func(db *sqlite.DB) {
		// beyond-scope ran long yesterday: due now. failure was on
		// target yesterday: not due for three days.
		for _, c := range []struct {
			id     string
			spoken time.Duration
		}{{"beyond-scope", secs(200)}, {"failure", secs(140)}} {
			a := practice.Attempt{QuestionID: c.id, Level: "sde2", Mode: practice.Mock,
				StartedAt: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
			if err := db.CreateAttempt(ctx, &a); err != nil {
				t.Fatal(err)
			}
			rel, _, err := db.TakePath(ctx, a.ID, practice.Situation)
			if err != nil {
				t.Fatal(err)
			}
			tk := practice.Take{AttemptID: a.ID, Step: practice.Situation, WAV: rel, ClipEnd: c.spoken, Duration: c.spoken,
				SpeechEnd: c.spoken, Spoken: c.spoken, Voiced: c.spoken, Target: secs(30)}
			if err := db.AddTake(ctx, &tk); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FinishAttempt(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		told = practice.Story{Title: "Payments outage", Competencies: []string{"Ownership", "Teamwork"}}
		other = practice.Story{Title: "On-call rota", Competencies: []string{"Ownership"}}
		for _, s := range []*practice.Story{&told, &other} {
			if err := db.SaveStory(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range []string{"conflict-with-coworker", "beyond-scope"} {
			if err := db.LinkStory(ctx, q, told.ID); err != nil {
				t.Fatal(err)
			}
		}
	})
	ls := g.loop()
	if ls.State != Planning || !ls.Planned {
		t.Fatalf("a new loop is %s, planned %v", ls.State, ls.Planned)
	}
	// Never rehearsed first, in bank order: conflict (Teamwork), then
	// feedback-received (Growth); feedback-given repeats Teamwork. Then
	// beyond-scope, due, before failure, not due, for Ownership.
	want := []string{"conflict-with-coworker/Teamwork", "feedback-received/Growth", "beyond-scope/Ownership"}
	var got []string
	for _, p := range ls.Picks {
		got = append(got, p.QuestionID+"/"+p.Competency)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the loop asks %v, want %v", got, want)
	}
	if len(ls.Reuses) != 1 || ls.Reuses[0].StoryTitle != told.Title || !slices.Equal(ls.Reuses[0].Instead, []practice.StoryName{{ID: other.ID, Title: "On-call rota"}}) {
		t.Errorf("while picking, the reuse warning is %+v: want %q told twice, On-call rota instead", ls.Reuses, told.Title)
	}
	// The candidate takes the other story for the later question: the
	// link is saved, and the loop tells two stories.
	g.l.Relink("beyond-scope", other.ID)
	g.settle()
	ls = g.loop()
	if len(ls.Reuses) != 0 || ls.Picks[2].StoryTitle != other.Title {
		t.Errorf("after taking %q: reuses %+v, the third question's story %q", other.Title, ls.Reuses, ls.Picks[2].StoryTitle)
	}
	if c, err := g.db.Cues(ctx, "beyond-scope"); err != nil || c.StoryID != other.ID {
		t.Errorf("beyond-scope's story is %d (%v), want %d", c.StoryID, err, other.ID)
	}
	g.l.SetSize(4)
	g.settle()
	if n := len(g.loop().Picks); n != 4 {
		t.Errorf("four asked for: %d picked", n)
	}
	g.l.SetSize(3)
	g.l.Start()
	g.settle()
	steps := []time.Duration{secs(25), secs(15), secs(60), secs(20), secs(10)} // 130 s and four 2 s pauses: 2:18
	var done []Snapshot
	for i := range 3 {
		done = append(done, g.answer(steps, secs(40)))
		ls = g.loop()
		if i < 2 {
			if ls.State != Break || ls.Current != i || ls.Answer != nil || len(ls.Done) != i+1 {
				t.Fatalf("after answer %d: %s, current %d, %d done", i+1, ls.State, ls.Current, len(ls.Done))
			}
			if !ls.Can(Continue) || ls.Can(StartLoop) {
				t.Error("a break does not offer Continue alone")
			}
			g.l.Continue()
			g.settle()
			if ls = g.loop(); ls.Current != i+1 || ls.Answer == nil {
				t.Fatalf("Continue asks question %d with %v", ls.Current+1, ls.Answer)
			}
		}
	}
	ls = g.loop()
	if ls.State != Results || ls.Result == nil {
		t.Fatalf("after the last answer: %s (%v)", ls.State, g.noticesSaid())
	}
	f := ls.Result.Figures()
	if f.Answered != 3 || f.OnTarget != 3 || f.FollowUps != 3 || !slices.Equal(f.Competencies, []string{"Teamwork", "Growth", "Ownership"}) ||
		!slices.Equal(f.Stories, []string{told.Title, other.Title}) {
		t.Errorf("results: %+v", f)
	}
	for i, a := range ls.Result.Answers {
		// Real speech, measured: within a second of the 2:18 spoken.
		if a.Attempt == nil || a.Attempt.Status != practice.Complete || (a.Attempt.Spoken-secs(138)).Abs() > time.Second {
			t.Errorf("answer %d: %+v, want complete, about 2:18", i+1, a.Attempt)
			continue
		}
		if a.FollowUp() == nil || (a.FollowUp().Spoken-secs(40)).Abs() > time.Second {
			t.Errorf("answer %d's follow-up: %+v, want about 40 s", i+1, a.FollowUp())
		}
		if a.Attempt.Loop != ls.Loop.ID || a.Attempt.ID != done[i].Attempt.ID {
			t.Errorf("answer %d is attempt %d of loop %d", i+1, a.Attempt.ID, a.Attempt.Loop)
		}
	}
	if ls.Loop.Status != practice.Complete {
		t.Errorf("the loop is %s", ls.Loop.Status)
	}
	// History: the loop groups its three answers, each its own attempt.
	grouped, err := g.db.Attempts(ctx, practice.HistoryFilter{Loop: ls.Loop.ID})
	if err != nil || len(grouped) != 3 {
		t.Errorf("the loop's attempts: %d, %v", len(grouped), err)
	}
	all, _ := g.db.Attempts(ctx, practice.HistoryFilter{Status: practice.Complete})
	if len(all) != 5 {
		t.Errorf("%d complete attempts, want the 2 earlier and the loop's 3", len(all))
	}
	g.l.Leave()
	g.settle()
	if g.loop().State != LoopClosed {
		t.Errorf("Leave on the results: %s", g.loop().State)
	}
	if n := g.noticesSaid(); len(n) != 0 {
		t.Errorf("notices: %v", n)
	}
}

// A loop left midway keeps its finished answers, and the take being
// recorded, and is marked left.
func TestLoopLeftMidway(t *testing.T) {
	g := newLoopRig(t, 3, nil)
	g.l.Start()
	g.settle()
	first := g.answer([]time.Duration{secs(25), secs(15), secs(60), secs(20), secs(10)}, secs(30))
	g.l.Continue()
	g.settle()
	g.s = g.loop().Answer
	g.mic.script = append(g.mic.script, speech(secs(20)))
	g.s.Toggle()
	g.settle()
	g.clock.Add(secs(22))
	g.l.Leave() // with the second answer's recording running
	g.settle()
	ls := g.loop()
	if ls.State != LoopClosed || !ls.Left {
		t.Fatalf("after Leave: %s, left %v", ls.State, ls.Left)
	}
	r, err := g.db.LoopResult(ctx, ls.Loop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Loop.Status != practice.Abandoned || r.Loop.Status.Word() != "left" {
		t.Errorf("the loop is %s", r.Loop.Status)
	}
	if a := r.Answers[0].Attempt; a == nil || a.ID != first.Attempt.ID || a.Status != practice.Complete {
		t.Errorf("the finished answer: %+v", a)
	}
	if a := r.Answers[1]; a.Attempt == nil || a.Attempt.Status != practice.Abandoned || len(a.Takes) != 1 {
		t.Errorf("the answer left: %+v, want left with its one take", a)
	}
	if r.Answers[2].Attempt != nil {
		t.Errorf("the question never reached has an attempt: %+v", r.Answers[2].Attempt)
	}
	if r.Answered() != 1 {
		t.Errorf("Answered = %d", r.Answered())
	}
}

// Leaving on a break, or before the loop starts, is as plain.
func TestLoopLeftOnABreakOrBefore(t *testing.T) {
	g := newLoopRig(t, 3, nil)
	g.l.Leave()
	g.settle()
	if ls, _ := g.db.Loops(ctx); g.loop().State != LoopClosed || len(ls) != 0 {
		t.Errorf("left while picking: %s, %d loops stored", g.loop().State, len(ls))
	}

	g = newLoopRig(t, 3, nil)
	g.l.SetLevel("senior")
	g.l.Start()
	g.settle()
	if g.loop().Level.ID != "senior" || g.prefs.StringWithFallback(PrefLevel, "") != "senior" {
		t.Errorf("the loop's level %s is not remembered", g.loop().Level.ID)
	}
	g.answer([]time.Duration{secs(30), secs(20), secs(80), secs(20), secs(15)}, secs(30))
	g.l.Leave()
	g.settle()
	ls, err := g.db.Loops(ctx)
	if err != nil || len(ls) != 1 || ls[0].Status != practice.Abandoned || ls[0].Level != "senior" {
		t.Errorf("left on a break: %+v, %v", ls, err)
	}
}

// A loop left before a word was recorded keeps nothing, as an attempt
// left so does not.
func TestLoopLeftBeforeAWord(t *testing.T) {
	g := newLoopRig(t, 3, nil)
	g.l.Start()
	g.settle()
	if g.loop().State != Answering {
		t.Fatalf("after Start: %s", g.loop().State)
	}
	g.l.Leave()
	g.settle()
	if ls, err := g.db.Loops(ctx); g.loop().State != LoopClosed || err != nil || len(ls) != 0 {
		t.Errorf("left before a word: %s, loops %+v, %v", g.loop().State, ls, err)
	}
}

// A bank too small for a loop offers no start.
func TestLoopNeedsThreeQuestions(t *testing.T) {
	g := newLoopRig(t, 3, nil)
	g.l = NewLoop(LoopConfig{Questions: g.qs[:2], Size: 3, Store: g.db, Answer: Config{Worker: g.w, Clock: g.clock},
		Publish: g.publishLoop})
	g.settle()
	if ls := g.loop(); ls.Can(StartLoop) || ls.Bank != 2 || len(ls.Picks) != 2 {
		t.Errorf("a bank of two: start %v, bank %d, picks %d", ls.Can(StartLoop), ls.Bank, len(ls.Picks))
	}
}

// failingStore is the real store with some of a loop's reads and writes
// failing, as a full or vanished disk makes them.
type failingStore struct {
	*sqlite.DB
	plan, create, finish error
}

func (f failingStore) PlanHistory(ctx context.Context) ([]practice.QuestionHistory, error) {
	if f.plan != nil {
		return nil, f.plan
	}
	return f.DB.PlanHistory(ctx)
}

func (f failingStore) CreateLoop(ctx context.Context, l *practice.Loop) error {
	if f.create != nil {
		return f.create
	}
	return f.DB.CreateLoop(ctx, l)
}

func (f failingStore) FinishLoop(ctx context.Context, id int64) error {
	if f.finish != nil {
		return f.finish
	}
	return f.DB.FinishLoop(ctx, id)
}

// reopen starts the rig's loop again over store.
func (g *loopRig) reopen(store LoopStore) {
	cfg := g.l.cfg
	cfg.Store = store
	g.l = NewLoop(cfg)
	g.settle()
}

// A loop goes on, or ends, plainly when the store fails under it: a plan
// read without the history still chooses by competency; a loop that
// cannot be saved says so and stays on its plan, or closes when the
// candidate left meanwhile; one that cannot be finished shows the
// answers it knows; a Start pressed while a story's link is being saved
// waits for the plan it changes.
func TestLoopStoreFailures(t *testing.T) {
	g := newLoopRig(t, 3, nil)
	disk := errors.New("disk gone")
	g.reopen(failingStore{DB: g.db, plan: disk})
	if ls := g.loop(); !ls.Planned || len(ls.Picks) != 3 || !ls.Can(StartLoop) {
		t.Errorf("without the history: planned %v, %d picks, start %v", ls.Planned, len(ls.Picks), ls.Can(StartLoop))
	}
	if n := g.noticesSaid(); len(n) != 1 || !strings.Contains(n[0], "read your plan: disk gone") {
		t.Errorf("notices %v", n)
	}

	g.reopen(failingStore{DB: g.db, create: disk})
	g.l.Start()
	g.settle()
	if g.loop().State != Planning {
		t.Errorf("a loop that could not be saved is %s, want back on its plan", g.loop().State)
	}
	g.l.Start()
	g.l.Leave()
	g.settle()
	if g.loop().State != LoopClosed {
		t.Errorf("left while it could not be saved: %s, want closed", g.loop().State)
	}

	story := practice.Story{Title: "Outage", Competencies: []string{"Ownership"}}
	if err := g.db.SaveStory(ctx, &story); err != nil {
		t.Fatal(err)
	}
	g.reopen(g.db)
	g.l.Relink(g.loop().Picks[0].QuestionID, story.ID)
	g.l.Start() // before the link is saved: ignored
	g.settle()
	if ls := g.loop(); ls.State != Planning || ls.Picks[0].StoryTitle != "Outage" {
		t.Errorf("Start while relinking: %s, the first story %q", ls.State, ls.Picks[0].StoryTitle)
	}

	g.reopen(failingStore{DB: g.db, finish: disk})
	g.l.Start()
	g.settle()
	steps := []time.Duration{secs(25), secs(15), secs(60), secs(20), secs(10)}
	for i := range 3 {
		g.answer(steps, secs(20))
		if i < 2 {
			g.l.Continue()
			g.settle()
		}
	}
	ls := g.loop()
	if ls.State != Results || ls.Result == nil || len(ls.Result.Answers) != 3 || ls.Result.Answered() != 3 {
		t.Fatalf("a loop that could not be finished: %s, %+v", ls.State, ls.Result)
	}
	if n := g.noticesSaid(); !strings.Contains(n[len(n)-1], "finish the loop and read its results: disk gone") {
		t.Errorf("notices %v", n)
	}
}
