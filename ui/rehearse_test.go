package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"starcoach/audio"
	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// rig is the app under test: a real SQLite file, the real analysis, and a
// microphone that plays WAV files of real speech.
type rig struct {
	t     *testing.T
	u     *UI
	db    *sqlite.DB
	mic   *fakeMic
	queue chan func()
	dir   string
	clips [][]float32
	rate  int
}

func newRig(t *testing.T) *rig {
	t.Helper()
	clips, rate := speechClips(t)
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	g := &rig{t: t, db: db, mic: &fakeMic{}, queue: make(chan func(), 1024), dir: dir, clips: clips, rate: rate}
	a := test.NewTempApp(t)
	g.u = New(a, builtinBank(t), db, g.mic)
	g.u.do = func(f func()) { g.queue <- f }
	t.Cleanup(func() { closeIfOpen(a, g.u.win) })
	t.Cleanup(g.u.Wait) // runs first: queued writes finish before the database closes
	return g
}

// closeIfOpen closes w unless the test closed it (a second Close panics).
func closeIfOpen(a fyne.App, w fyne.Window) {
	for _, open := range a.Driver().AllWindows() {
		if open == w {
			w.Close()
		}
	}
}

// settle runs what background work sent back to the UI until cond holds.
func (g *rig) settle(what string, cond func() bool) {
	g.t.Helper()
	deadline := time.Now().Add(60 * time.Second) // generous: CI machines are busy
	for !cond() {
		select {
		case f := <-g.queue:
			f()
		case <-time.After(5 * time.Millisecond):
			if time.Now().After(deadline) {
				g.t.Fatalf("timed out waiting until %s", what)
			}
		}
	}
}

// speechWAV writes a recording: quiet, then secs of speech, then quiet.
func (g *rig) speechWAV(name string, secs float64) string {
	return writeWAV(g.t, filepath.Join(g.dir, name+".wav"), g.rate,
		silence(g.rate, 0.8), speech(g.clips, g.rate, secs), silence(g.rate, 1.2))
}

func (g *rig) key(k fyne.KeyName) {
	g.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

// record presses Space, lets the fake microphone run, and presses Space
// again, then waits for the take to be measured and saved.
func (g *rig) record(s *stepScreen, wav string) *practice.Take {
	g.t.Helper()
	g.mic.queue = append(g.mic.queue, wav)
	before := len(g.u.rehearsal.takes[s.step.Step])
	g.key(fyne.KeySpace)
	g.settle("recording", g.u.rehearsal.recording)
	g.mic.advance(2 * time.Second)
	g.settle("the clock moves", func() bool { return s.panel.clock.Text == "0:02" })
	g.key(fyne.KeySpace)
	g.settle("the take is saved", func() bool {
		return len(g.u.rehearsal.takes[s.step.Step]) == before+1 && !g.u.rehearsal.busy && s.result.Visible()
	})
	return g.u.rehearsal.counted(s.step.Step)
}

// measured is what the analysis says of a WAV: the figure the UI must show.
func measured(t *testing.T, path string) audio.Analysis {
	a, err := audio.AnalyzeFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestStepByStepEndToEnd(t *testing.T) {
	g := newRig(t)
	openSeed(t, g.u)
	test.Tap(g.u.study.rehearse)
	r := g.u.rehearsal
	if r == nil || r.setup == nil {
		t.Fatal("Rehearse did not open the start screen")
	}
	// The start screen shows the targets at the chosen level (SDE 2).
	if !strings.Contains(r.setup.targets.Text, "Action 1:17") || !strings.Contains(r.setup.targets.Text, "2:00–2:30") {
		t.Errorf("start screen targets: %q", r.setup.targets.Text)
	}
	test.Tap(r.setup.micCheck)
	g.settle("the mic check ends", func() bool { return !r.setup.checkingOn && strings.HasPrefix(r.setup.micResult.Text, "Sounds good") })
	g.settle("devices listed", func() bool { return len(r.setup.device.Options) == 2 })

	g.key(fyne.KeyReturn)
	s := r.screen
	if s == nil || s.step.Step != practice.Situation {
		t.Fatal("Enter did not open the Situation step")
	}
	if s.hints.Visible() {
		t.Error("key-phrase hints are shown by default; they should be off for a harder drill")
	}
	test.Type(s.cue, "webhook drops, nobody's job")
	g.u.win.Canvas().Unfocus()

	// Situation: 25 s of speech against a 26 s target.
	wav := g.speechWAV("situation", 25)
	want := measured(t, wav)
	take := g.record(s, wav)
	if take.Spoken != want.Spoken || take.Verdict != practice.OnTarget {
		t.Fatalf("situation take: spoken %v verdict %q; the analysis says %v", take.Spoken, take.Verdict, want.Spoken)
	}
	if got, wantText := s.verdict.Text, fmt.Sprintf("Spoken %s of 0:26: on target", practice.FormatClock(want.Spoken)); got != wantText {
		t.Errorf("verdict shown %q, want %q", got, wantText)
	}
	if !strings.Contains(s.detail.Text, "words a minute (an estimate") || !strings.Contains(s.detail.Text, "s of silence before you spoke") {
		t.Errorf("detail %q lacks the trimmed silence or the pace estimate", s.detail.Text)
	}
	g.key(fyne.Key4)
	s.checks[0].SetChecked(true)
	g.key(fyne.KeyP)
	g.settle("playback started", func() bool { return len(g.mic.playedClips()) == 1 })

	// Task: too short, then a redo on target. Both takes are kept.
	g.key(fyne.KeyReturn)
	s = r.screen
	if s.step.Step != practice.Task {
		t.Fatalf("Enter went to %s, want Task", s.step.Step)
	}
	short := g.record(s, g.speechWAV("task-short", 5))
	if short.Verdict != practice.Short || !strings.HasSuffix(s.verdict.Text, ": short") {
		t.Fatalf("a 5 s task: verdict %q, shown %q", short.Verdict, s.verdict.Text)
	}
	g.mic.queue = append(g.mic.queue, g.speechWAV("task-redo", 16))
	g.key(fyne.KeyR)
	g.settle("recording the redo", r.recording)
	g.key(fyne.KeySpace)
	g.settle("the redo is saved", func() bool { return len(r.takes[practice.Task]) == 2 && !r.busy })
	redo := r.counted(practice.Task)
	if redo.Verdict != practice.OnTarget || len(s.takeList.Options) != 2 {
		t.Fatalf("redo: verdict %q, %d takes listed", redo.Verdict, len(s.takeList.Options))
	}

	// Action, Result, Reflection on target; Enter on the last one finishes.
	for _, c := range []struct {
		step practice.StepID
		secs float64
	}{{practice.Action, 75}, {practice.Result, 16}, {practice.Reflection, 12.5}} {
		g.key(fyne.KeyRight)
		s = r.screen
		if s.step.Step != c.step {
			t.Fatalf("→ went to %s, want %s", s.step.Step, c.step)
		}
		if tk := g.record(s, g.speechWAV(string(c.step), c.secs)); tk.Verdict != practice.OnTarget {
			t.Errorf("%s: %v spoken against %v is %q", c.step, tk.Spoken, tk.Target, tk.Verdict)
		}
	}
	g.key(fyne.KeyReturn)
	g.settle("the summary", func() bool { return r.summary != nil })
	sum := r.summary
	for _, st := range practice.Steps {
		if got := sum.verdicts[st].Text; got != string(practice.OnTarget) {
			t.Errorf("summary: %s is %q", st.Name(), got)
		}
	}
	if !strings.Contains(sum.total.Text, "against the SDE 2 window of 2:00–2:30: on target") {
		t.Errorf("summary total %q", sum.total.Text)
	}
	if !strings.Contains(sum.compare.Text, "first complete attempt") {
		t.Errorf("compare %q", sum.compare.Text)
	}

	// What is in the database is what the screen said.
	ctx := context.Background()
	atts, err := g.db.Attempts(ctx, practice.HistoryFilter{})
	if err != nil || len(atts) != 1 {
		t.Fatalf("attempts %v, %v", atts, err)
	}
	a := atts[0]
	if a.Status != practice.Complete || a.Mode != practice.StepByStep || a.Level != "sde2" || a.Verdict != practice.OnTarget {
		t.Errorf("stored attempt %+v", a)
	}
	takes, err := g.db.Takes(ctx, a.ID)
	if err != nil || len(takes) != 6 {
		t.Fatalf("stored %d takes (%v), want 6: one per step and the task's redo", len(takes), err)
	}
	var sum5 time.Duration
	for _, tk := range takes {
		if tk.Counted {
			sum5 += tk.Spoken
		}
		if tk.Step == practice.Situation && (tk.Rating != 4 || len(tk.Checks) != 1) {
			t.Errorf("situation stored with rating %d and checks %v", tk.Rating, tk.Checks)
		}
	}
	if sum5 != a.Spoken {
		t.Errorf("stored total %v, counted takes add to %v", a.Spoken, sum5)
	}
	if story, _ := g.db.Story(ctx, "unpopular-decision"); story.Notes[practice.Situation] != "webhook drops, nobody's job" {
		t.Errorf("cue card not saved: %q", story.Notes[practice.Situation])
	}

	// A second attempt is compared with the first.
	test.Tap(sum.again)
	r2 := g.u.rehearsal
	if r2 == r || r2.setup == nil {
		t.Fatal("Practise again did not start a new attempt")
	}
}

func TestMockInterviewEndToEnd(t *testing.T) {
	g := newRig(t)
	openSeed(t, g.u)
	test.Tap(g.u.study.mock)
	r := g.u.rehearsal
	g.key(fyne.KeyReturn)
	m := r.mock
	if m == nil {
		t.Fatal("no mock screen")
	}

	// One recording: five answers separated by two seconds of quiet.
	secs := []float64{25, 16, 75, 16, 12.5}
	parts := [][]float32{silence(g.rate, 0.8)}
	var bounds []time.Duration // where the candidate presses N
	at := 0.8
	for i, s := range secs {
		parts = append(parts, speech(g.clips, g.rate, s), silence(g.rate, 2))
		at += s + 2
		if i < len(secs)-1 {
			bounds = append(bounds, time.Duration((at-1)*float64(time.Second)))
		}
	}
	wav := writeWAV(t, filepath.Join(g.dir, "mock.wav"), g.rate, parts...)
	g.mic.queue = append(g.mic.queue, wav)

	g.key(fyne.KeySpace)
	g.settle("recording", r.recording)
	last := time.Duration(0)
	for _, b := range bounds {
		g.mic.advance(b - last)
		last = b
		g.settle("the level arrives", func() bool { return m.panel.last.Elapsed == b })
		g.key(fyne.KeyN)
	}
	if len(m.marks) != 4 {
		t.Fatalf("%d step marks, want 4", len(m.marks))
	}
	for i, mk := range m.marks {
		if d := mk - bounds[i]; d < 0 || d > 500*time.Millisecond {
			t.Errorf("mark %d at %v, pressed at %v", i, mk, bounds[i])
		}
	}
	g.key(fyne.KeySpace)
	g.settle("the results", func() bool { return m.timeline != nil && !r.recording() && !r.busy })

	ctx := context.Background()
	atts, _ := g.db.Attempts(ctx, practice.HistoryFilter{})
	takes, err := g.db.Takes(ctx, atts[0].ID)
	if err != nil || len(takes) != 5 {
		t.Fatalf("stored %d takes (%v), want one per step", len(takes), err)
	}
	for i, tk := range takes {
		want := time.Duration(secs[i] * float64(time.Second))
		if d := tk.Spoken - want; d < -time.Second || d > time.Second {
			t.Errorf("%s: spoken %v in its segment, %v was said", tk.Step, tk.Spoken, want)
		}
		if tk.WAV != takes[0].WAV || (i > 0 && tk.ClipStart != m.marks[i-1]) {
			t.Errorf("%s: clip %v-%v of %s", tk.Step, tk.ClipStart, tk.ClipEnd, tk.WAV)
		}
		if got := m.verdicts[tk.Step].Text; got != string(tk.Verdict) {
			t.Errorf("%s shown as %q, stored %q", tk.Step, got, tk.Verdict)
		}
	}
	if !strings.HasSuffix(m.total.Text, ": on target") {
		t.Errorf("total %q", m.total.Text)
	}
	if len(m.timeline.spans) != 5 || m.timeline.spans[2].label != "A" || m.timeline.spans[2].from != m.marks[1] {
		t.Errorf("timeline spans %+v", m.timeline.spans)
	}
	// Tapping the Action part of the timeline plays just that clip.
	w := m.timeline.Size().Width
	m.timeline.Tapped(&fyne.PointEvent{Position: fyne.NewPos(w*float32(m.marks[1]+time.Second)/float32(m.timeline.total()), 5)})
	g.settle("the Action clip plays", func() bool { return len(g.mic.playedClips()) == 1 })
	if p := g.mic.playedClips()[0]; p.From != m.marks[1] || p.To != m.marks[2] {
		t.Errorf("played %v-%v, want the Action clip %v-%v", p.From, p.To, m.marks[1], m.marks[2])
	}

	// The follow-up: a question of this one, answered and then compared.
	g.key(fyne.KeyReturn)
	f := r.followUp
	if f == nil {
		t.Fatal("Enter did not bring the follow-up question")
	}
	found := false
	for _, fu := range r.q.FollowUps {
		found = found || fu.Question == f.f.Question
	}
	if !found || f.target != 45*time.Second {
		t.Fatalf("follow-up %q with target %v", f.f.Question, f.target)
	}
	if f.reveal.Visible() {
		t.Fatal("the strong answer shows before the candidate answered")
	}
	g.mic.queue = append(g.mic.queue, g.speechWAV("followup", 40))
	g.key(fyne.KeySpace)
	g.settle("recording the follow-up", r.recording)
	g.key(fyne.KeySpace)
	g.settle("the strong answer is revealed", func() bool { return f.reveal.Visible() && !r.recording() && !r.busy })
	if !strings.HasSuffix(f.verdict.Text, ": on target") {
		t.Errorf("follow-up verdict %q", f.verdict.Text)
	}
	g.key(fyne.KeyReturn)
	g.settle("the summary", func() bool { return r.summary != nil })
	if r.summary.verdicts[practice.FollowUpStep] == nil {
		t.Error("the summary leaves out the follow-up")
	}
	a, _ := g.db.Attempt(ctx, atts[0].ID)
	if a.Status != practice.Complete || a.Mode != practice.Mock {
		t.Errorf("stored attempt %+v", a)
	}
}

func TestPickFollowUpNeverRepeatsTheLastOne(t *testing.T) {
	for last := -1; last < 4; last++ {
		seen := map[int]bool{}
		for k := 0; k < 3; k++ {
			i := pickFollowUp(4, last, func(n int) int { return k % n })
			if i == last {
				t.Fatalf("drew %d again after %d", i, last)
			}
			seen[i] = true
		}
		if len(seen) != 3 {
			t.Errorf("after %d: drew %v, want each of the other three", last, seen)
		}
	}
	if got := pickFollowUp(1, 0, func(int) int { return 0 }); got != 0 {
		t.Errorf("with one follow-up drew %d", got)
	}
}

func TestMissingMicrophoneIsReportedAndNothingIsLost(t *testing.T) {
	g := newRig(t)
	g.mic.startErr = fmt.Errorf("open default input: %w", audio.ErrNoInputDevice)
	openSeed(t, g.u)
	test.Tap(g.u.study.rehearse)
	r := g.u.rehearsal
	g.settle("the start screen says so", func() bool { return strings.Contains(r.setup.micResult.Text, "No microphone found") })
	g.key(fyne.KeyReturn)
	g.key(fyne.KeySpace)
	g.settle("the error is shown", func() bool {
		top := g.u.win.Canvas().Overlays().Top()
		return top != nil && !r.busy
	})
	if r.recording() || len(r.takes) != 0 {
		t.Fatal("a recording started without a microphone")
	}
	// Plugging one in lets the same attempt go on.
	g.mic.startErr = nil
	g.u.win.Canvas().Overlays().Top().Hide()
	take := g.record(r.screen, g.speechWAV("situation", 20))
	if take == nil || take.Spoken == 0 {
		t.Fatal("no take after the microphone came back")
	}
}

func TestTimeBarWarnsAsTheTargetNears(t *testing.T) {
	b := newTimeBar()
	b.set(30*time.Second, 24*time.Second, 33*time.Second)
	for _, c := range []struct {
		at   time.Duration
		want fyne.ThemeColorName
	}{{10 * time.Second, "primary"}, {27 * time.Second, "warning"}, {33 * time.Second, "warning"}, {34 * time.Second, "error"}} {
		b.setElapsed(c.at)
		if got := b.colorName(); got != c.want {
			t.Errorf("at %v of 30 s the bar is %q, want %q", c.at, got, c.want)
		}
	}
}
