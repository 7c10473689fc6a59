package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"starcoach/audio"
	"starcoach/practice"
	"starcoach/session"
)

var ctx = context.Background()

// A whole step-by-step rehearsal driven as a candidate does: every control
// is clicked, and after each click the screen's keys still work.
func TestStepByStepControlsThenKeys(t *testing.T) {
	g := newRig(t)
	r := g.rehearse(practice.StepByStep)
	st := r.setup

	// Setup: pick a level and a microphone, check it, then the keys.
	g.choose(st.level, "Senior SDE")
	g.settle("devices listed", func() bool { return len(st.device.Options) == 2 })
	g.choose(st.device, "Test microphone")
	if !strings.Contains(st.targets.Text, "Action 1:30") || !strings.Contains(st.targets.Text, "2:30–3:00") {
		t.Errorf("targets at Senior: %q", st.targets.Text)
	}
	g.tap(st.micCheck)
	g.clock.Add(session.MicCheckTime)
	g.settle("the mic check", func() bool { return strings.HasPrefix(st.micResult.Text, "Sounds good") })
	g.press(fyne.KeySpace) // the microphone list must not open
	if g.u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Space opened the microphone list")
	}
	g.press(fyne.KeyReturn)
	s := r.step
	if s == nil || g.snap().StepID() != practice.Situation {
		t.Fatal("Enter after picking a microphone did not open the Situation")
	}

	// The Situation: the cue card is typed and left with Esc; the hints
	// are ticked by a click; Space still records.
	g.typeInto(s.cue, "webhook drops, nobody's job")
	g.press(fyne.KeyEscape)
	if g.u.rehearsal == nil || g.u.win.Canvas().Focused() != nil {
		t.Fatal("Esc in the cue card left the attempt or kept the field")
	}
	// The first card typed on a question without a story starts one.
	if want := "From your story: " + g.snap().Question.ShortTitle(); s.cueFrom.Text != want {
		t.Errorf("under the cue card %q, want %q", s.cueFrom.Text, want)
	}
	g.tap(s.showHints)
	if !s.hints.Visible() {
		t.Error("ticking Hints did not show them")
	}
	wav := g.speechWAV("situation", 25)
	snap := g.record(wav)
	if !s.showHints.Checked {
		t.Error("Space unticked the Hints")
	}
	want := measured(t, wav)
	c := snap.Counted(practice.Situation)
	if c == nil || c.Spoken != want.Spoken {
		t.Fatalf("counted %+v, the analysis says %v", c, want.Spoken)
	}
	if got, wantText := s.verdict.Text, fmt.Sprintf("Spoken %s of 0:30: on target", practice.FormatClock(want.Spoken)); got != wantText {
		t.Errorf("verdict shown %q, want %q", got, wantText)
	}
	if s.panel.clock.Text != practice.FormatClock(want.Spoken) {
		t.Errorf("clock %s after the take, spoken %s", s.panel.clock.Text, practice.FormatClock(want.Spoken))
	}
	if p := practice.TakePace(*c); p.Band == practice.PaceUnknown || !strings.Contains(s.detail.Text, p.String()+" (an estimate from the sound)") {
		t.Errorf("detail %q, want the pace %q as a band and a figure", s.detail.Text, p)
	}

	// A self-check clicked, then 4 rates; the rating clicked, then P plays.
	g.tap(s.checks[0])
	g.press(fyne.Key4)
	if c := g.snap().Counted(practice.Situation); c.Rating != 4 || len(c.Checks) != 1 {
		t.Errorf("after a check and 4: rating %d, checks %v", c.Rating, c.Checks)
	}
	g.tap(s.rating.buttons[2])
	g.press(fyne.KeyP)
	g.settle("playing", func() bool { return g.snap().Playing.Key != "" })
	if s.play.Text != "Stop  (P)" {
		t.Errorf("while playing the button says %q", s.play.Text)
	}
	if c := g.snap().Counted(practice.Situation); c.Rating != 3 {
		t.Errorf("rating %d after clicking 3", c.Rating)
	}
	g.tap(s.play) // stops it
	if g.snap().Playing.Key != "" || s.play.Text != "Play  (P)" {
		t.Errorf("after Stop: playing %q, button %q", g.snap().Playing.Key, s.play.Text)
	}

	// Redo clicked, recorded; the take list clicked, then 1-5 still rate
	// and → moves on.
	g.mic.queue = append(g.mic.queue, g.speechWAV("situation-redo", 27))
	g.tap(s.redo)
	g.settle("recording the redo", func() bool { return g.snap().State == session.Recording })
	g.press(fyne.KeySpace)
	g.settle("saved", func() bool { return !g.snap().Busy() })
	if n := len(s.takeList.Options); n != 2 {
		t.Fatalf("%d takes listed", n)
	}
	g.choose(s.takeList, s.takeList.Options[0])
	if c := g.snap().Counted(practice.Situation); c.ID != g.snap().TakesOf(practice.Situation)[0].ID {
		t.Error("choosing the first take did not make it count")
	}
	g.press(fyne.Key5)
	if c := g.snap().Counted(practice.Situation); c.Rating != 5 {
		t.Errorf("5 after the take list: rating %d", c.Rating)
	}

	// The note: typed, then Enter saves it and moves on.
	g.typeInto(s.note, "slow start")
	g.press(fyne.KeyReturn)
	if g.snap().StepID() != practice.Task {
		t.Fatalf("Enter in the note went to %s, want the Task", g.snap().StepID())
	}
	if c := g.snap().Counted(practice.Situation); c.Note != "slow start" {
		t.Errorf("note stored %q", c.Note)
	}

	// Previous and Next clicked, then ← and → still move.
	s = r.step
	g.tap(s.prev)
	g.press(fyne.KeyRight)
	if g.snap().StepID() != practice.Task {
		t.Fatalf("→ after Previous: on %s", g.snap().StepID())
	}
	for _, c := range []struct {
		step practice.StepID
		secs float64
	}{{practice.Task, 18}, {practice.Action, 85}, {practice.Result, 19}, {practice.Reflection, 14}} {
		if g.snap().StepID() != c.step {
			t.Fatalf("on %s, want %s", g.snap().StepID(), c.step)
		}
		if tk := g.record(g.speechWAV(string(c.step), c.secs)).Counted(c.step); tk.Verdict != practice.OnTarget {
			t.Errorf("%s: %v spoken against %v is %q", c.step, tk.Spoken, tk.Target, tk.Verdict)
		}
		g.tap(r.step.next)
	}
	g.settle("the summary", func() bool { return r.summary != nil })
	sum := r.summary

	// The summary shows what the store holds.
	a, _ := g.db.Attempt(ctx, g.snap().Attempt.ID)
	if !strings.Contains(sum.total.Text, "Whole answer: "+practice.FormatClock(a.Spoken)) || a.Status != practice.Complete {
		t.Errorf("summary %q; stored %v, %s", sum.total.Text, a.Spoken, a.Status)
	}
	if !strings.Contains(sum.compare.Text, "first complete attempt") {
		t.Errorf("compare %q", sum.compare.Text)
	}
	g.tap(sum.rating.buttons[3])
	g.typeInto(sum.note, "tighter action")
	g.press(fyne.KeyEscape) // leaves the note, not the summary
	if g.u.rehearsal == nil {
		t.Fatal("Esc in the note left the summary")
	}
	g.press(fyne.Key5)
	if a, _ := g.db.Attempt(ctx, a.ID); a.Rating != 5 || a.Note != "tighter action" {
		t.Errorf("overall rating %d, note %q", a.Rating, a.Note)
	}
	g.press(fyne.KeyReturn)
	g.settle("back in Study mode", func() bool { return g.u.rehearsal == nil })
	if c, _ := g.db.Cues(ctx, "unpopular-decision"); c.Line(practice.Situation) != "webhook drops, nobody's job" {
		t.Errorf("cue card stored %q", c.Line(practice.Situation))
	}
}

// Defect 11: the level and the microphone are remembered at the next
// start, and the window's size.
func TestLevelMicrophoneAndWindowRemembered(t *testing.T) {
	g := newRig(t)
	r := g.rehearse(practice.StepByStep)
	g.choose(r.setup.level, "Senior SDE")
	g.settle("devices listed", func() bool { return len(r.setup.device.Options) == 2 })
	g.choose(r.setup.device, "Test microphone")
	g.u.win.Resize(fyne.NewSize(900, 650))
	g.u.onClose()
	g.idle()

	g.start() // the app again, same preferences
	if g.u.study.level.ID != "senior" {
		t.Errorf("Study opens at %s", g.u.study.level.Name)
	}
	if size := g.u.win.Canvas().Size(); size.Width != 900 || size.Height != 650 {
		t.Errorf("window %v, want 900x650", size)
	}
	r = g.rehearse(practice.StepByStep)
	if s := g.snap(); s.Level.ID != "senior" || s.Device != "Test microphone" {
		t.Errorf("rehearsal starts at %s with %q", s.Level.ID, s.Device)
	}
	g.settle("devices listed", func() bool { return len(r.setup.device.Options) == 2 })
	if r.setup.device.Selected != "Test microphone" {
		t.Errorf("microphone shown %q", r.setup.device.Selected)
	}
}

// Defect 2 on screen: a silent redo never replaces the good take; the
// screen says why, and History shows the good one.
func TestSilentRedoKeepsTheGoodTake(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	good := g.record(g.speechWAV("situation", 22)).Counted(practice.Situation)
	g.record(g.silentWAV("nothing", 0.4)) // Space twice quickly
	s := g.u.rehearsal.step
	if c := g.snap().Counted(practice.Situation); c.ID != good.ID {
		t.Fatalf("the silent take counts: %+v", c)
	}
	if !s.notice.Visible() || !strings.Contains(s.notice.Text, "too little to replace") {
		t.Errorf("notice %q", s.notice.Text)
	}
	if !strings.HasPrefix(s.verdict.Text, "Spoken "+practice.FormatClock(good.Spoken)) {
		t.Errorf("verdict %q, want the good take's", s.verdict.Text)
	}
}

// mockWAV is one recording of five answers separated by two seconds of
// quiet, and where the candidate presses N: a second into each pause.
func (g *rig) mockWAV(secs []float64) (string, []time.Duration) {
	parts := [][]float32{silence(g.rate, 0.8)}
	var marks []time.Duration
	at := 0.8
	for i, s := range secs {
		parts = append(parts, speech(g.clips, g.rate, s), silence(g.rate, 2))
		at += s + 2
		if i < len(secs)-1 {
			marks = append(marks, time.Duration((at-1)*float64(time.Second)))
		}
	}
	return writeWAV(g.t, filepath.Join(g.dir, "mock.wav"), g.rate, parts...), marks
}

// speakMock records a mock answer, marking steps with N, or with the Next
// step button when click is set.
func (g *rig) speakMock(wav string, marks []time.Duration, click bool) session.Snapshot {
	g.t.Helper()
	m := g.shownRehearsal().mock
	g.mic.queue = append(g.mic.queue, wav)
	g.press(fyne.KeySpace)
	g.settle("recording", func() bool { return g.snap().State == session.Recording })
	last := time.Duration(0)
	for _, mk := range marks {
		g.mic.advance(mk - last)
		last = mk
		g.idle()
		if click {
			g.tap(m.nextBtn)
		} else {
			g.press(fyne.KeyN)
		}
	}
	g.press(fyne.KeySpace)
	g.settle("the results", func() bool { return m.timeline != nil && !g.snap().Busy() })
	return g.snap()
}

// A mock interview, its follow-up and summary, every control clicked and
// the keys pressed after it.
func TestMockControlsThenKeys(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.Mock)
	g.tap(g.u.rehearsal.setup.start)
	m := g.u.rehearsal.mock
	secs := []float64{25, 16, 75, 16, 12.5}
	wav, marks := g.mockWAV(secs)
	s := g.speakMock(wav, marks, true)

	takes, err := g.db.Takes(ctx, s.Attempt.ID)
	if err != nil || len(takes) != 5 {
		t.Fatalf("stored %d takes (%v), want one per step", len(takes), err)
	}
	for i, tk := range takes {
		want := time.Duration(secs[i] * float64(time.Second))
		if d := tk.Spoken - want; d < -time.Second || d > time.Second {
			t.Errorf("%s: spoken %v in its clip, %v was said", tk.Step, tk.Spoken, want)
		}
		if got := m.verdicts[tk.Step].Text; got != string(tk.Verdict) {
			t.Errorf("%s shown as %q, stored %q", tk.Step, got, tk.Verdict)
		}
	}
	// Defect 6: one figure for the whole answer, first word to last with
	// the pauses: the clock, the line under the table and the store.
	a, _ := g.db.Attempt(ctx, s.Attempt.ID)
	first, last := takes[0].ClipStart+takes[0].SpeechStart, takes[4].ClipStart+takes[4].SpeechEnd
	if a.Spoken != last-first {
		t.Errorf("stored whole answer %v, first word to last is %v", a.Spoken, last-first)
	}
	if want := answerPaceText(practice.AnswerPace(takes)); m.pace.Text != want {
		t.Errorf("pace %q, want %q", m.pace.Text, want)
	}
	whole := practice.FormatClock(a.Spoken)
	if m.panel.clock.Text != whole || !strings.Contains(m.total.Text, "Whole answer: "+whole+" from your first word to your last") {
		t.Errorf("clock %s, total %q; the store says %s", m.panel.clock.Text, m.total.Text, whole)
	}
	for i, sp := range m.timeline.spans {
		if sp.spoken != takes[i].Spoken || sp.from != takes[i].ClipStart {
			t.Errorf("timeline span %d %+v, take %v from %v", i, sp, takes[i].Spoken, takes[i].ClipStart)
		}
	}

	// Defect 5: tap the Result on the timeline: its clip plays and the
	// playhead is where the player is in the file.
	w := m.timeline.Size().Width
	at := takes[3].ClipStart + time.Second
	g.tap(m.timeline) // a tap on the first part: the Situation plays
	m.timeline.Tapped(&fyne.PointEvent{Position: fyne.NewPos(w*float32(at)/float32(m.timeline.total()), 5)})
	g.idle()
	p := g.mic.playedClips()
	if got := p[len(p)-1]; got.From != takes[3].ClipStart || got.To != takes[3].ClipEnd {
		t.Fatalf("played %v-%v, want the Result's clip %v-%v", got.From, got.To, takes[3].ClipStart, takes[3].ClipEnd)
	}
	g.mic.playing().seek(takes[3].ClipStart + 2*time.Second)
	g.clock.Add(session.PlayheadEvery)
	g.settle("the playhead moves", func() bool { return m.timeline.playing == takes[3].ClipStart+2*time.Second })

	// The Result played from the timeline is the one the digits rate: 2
	// rates it, and the Reflection is marked next. The Action's 4 clicked,
	// then P plays the whole answer.
	if got := m.rows[m.rateAt].step; got != practice.Result {
		t.Errorf("after the Result was played the digits rate the %s", got)
	}
	g.press(fyne.Key2)
	if got := m.rows[m.rateAt]; got.step != practice.Reflection || got.name.Text != "▸ Reflection" {
		t.Errorf("after a rating the digits rate the %s, shown as %q", got.step, got.name.Text)
	}
	g.tap(m.rows[2].bar.buttons[3])
	g.press(fyne.KeyP)
	if got := g.snap().Playing.Key; got != session.AnswerKey || m.playAll.Text != "Stop  (P)" {
		t.Errorf("P after rating: playing %q, button %q", got, m.playAll.Text)
	}
	g.idle()
	stored, _ := g.db.Takes(ctx, s.Attempt.ID)
	for i, want := range []int{0, 0, 4, 2, 0} {
		if stored[i].Rating != want || m.rows[i].bar.rating != want {
			t.Errorf("%s stored with rating %d, shown %d, want %d", stored[i].Step, stored[i].Rating, m.rows[i].bar.rating, want)
		}
	}
	g.tap(m.playAll) // stops
	g.press(fyne.KeyReturn)
	f := g.u.rehearsal.followUp
	if f == nil {
		t.Fatal("Enter did not bring the follow-up question")
	}

	// The follow-up: the record button clicked, Space stops it; Play
	// clicked, Enter finishes.
	if f.reveal.Visible() {
		t.Fatal("the strong answer shows before the candidate answered")
	}
	g.mic.queue = append(g.mic.queue, g.speechWAV("followup", g.snap().Target(practice.FollowUpStep).Seconds()))
	g.tap(f.panel.button)
	g.settle("recording the follow-up", func() bool { return g.snap().State == session.Recording })
	g.press(fyne.KeySpace)
	g.settle("the strong answer is revealed", func() bool { return f.reveal.Visible() })
	if !strings.HasSuffix(f.verdict.Text, ": on target") {
		t.Errorf("follow-up verdict %q", f.verdict.Text)
	}
	// The strong answer in one pair of curly quotes, whatever the bank has.
	if strong := shownTexts(f.reveal)[3]; !strings.HasPrefix(strong, "“") || strings.HasPrefix(strong, "“\"") || strings.HasSuffix(strong, "\"”") {
		t.Errorf("the strong answer reads %q", strong)
	}
	g.tap(f.play)
	g.press(fyne.KeyReturn)
	g.settle("the summary", func() bool { return g.u.rehearsal != nil && g.u.rehearsal.summary != nil })
	sum := g.u.rehearsal.summary
	if sum.verdicts[practice.FollowUpStep] == nil || !strings.Contains(sum.total.Text, whole) {
		t.Errorf("summary: follow-up row %v, total %q (want %s)", sum.verdicts[practice.FollowUpStep] != nil, sum.total.Text, whole)
	}

	// Practise again, then Esc on the new setup goes back to Study.
	g.tap(sum.again)
	g.settle("a new attempt", func() bool { return g.u.rehearsal != nil && g.u.rehearsal.setup != nil })
	g.press(fyne.KeyEscape)
	g.settle("Study mode", func() bool { return g.u.rehearsal == nil })
	if a, _ := g.db.Attempt(ctx, a.ID); a.Status != practice.Complete || a.Mode != practice.Mock {
		t.Errorf("stored attempt %+v", a)
	}
}

// Defect 7: a forgotten N press is said on the results, with the steps it
// affected.
func TestMockForgottenMarkIsSaid(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.Mock)
	g.press(fyne.KeyReturn)
	wav, marks := g.mockWAV([]float64{12, 8, 30, 8, 6})
	g.speakMock(wav, marks[:3], false)
	m := g.u.rehearsal.mock
	if !m.unmarked.Visible() || !strings.Contains(m.unmarked.Text, "pressed N 3 of 4 times: the Reflection was never marked, so the Result's time includes it") {
		t.Errorf("results say %q", m.unmarked.Text)
	}
	if len(m.timeline.spans) != 4 {
		t.Errorf("timeline has %d parts, want 4", len(m.timeline.spans))
	}
	// The attempt's page in History says so too, not "not recorded".
	g.press(fyne.KeyReturn) // the follow-up
	g.press(fyne.KeyReturn) // finish without answering it
	g.press(fyne.KeyReturn) // leave the summary
	h := g.openHistory()
	h.list.Select(0)
	g.settle("the detail opens", func() bool { return h.detail != nil })
	if shown := shownTexts(h.detail.content); !containsText(shown, "Not marked with N in this mock: its time is counted in the Result.") {
		t.Errorf("the attempt's page shows %q", shown)
	}
}

// recordingSituation starts a step-by-step rehearsal and leaves it
// recording 20 s of speech for the Situation.
func (g *rig) recordingSituation() {
	g.t.Helper()
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	g.mic.queue = append(g.mic.queue, g.speechWAV("situation", 20))
	g.press(fyne.KeySpace)
	g.settle("recording", func() bool { return g.snap().State == session.Recording })
}

// Esc while recording asks first; Yes keeps what was said as a take and
// the attempt is kept as left unfinished.
func TestEscWhileRecordingAsksAndKeepsTheTake(t *testing.T) {
	g := newRig(t)
	g.recordingSituation()
	id := g.snap().Attempt.ID
	g.press(fyne.KeyEscape)
	if g.u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Esc during a recording left without asking")
	}
	g.tap(g.overlayButton("Leave"))
	g.settle("back in Study mode", func() bool { return g.u.rehearsal == nil })
	takes, _ := g.db.Takes(ctx, id)
	a, _ := g.db.Attempt(ctx, id)
	if len(takes) != 1 || takes[0].Spoken == 0 || a.Status != practice.Abandoned {
		t.Fatalf("stored %d takes, attempt %s", len(takes), a.Status)
	}
}

// Closing the window while recording saves the take before it closes.
func TestClosingTheWindowWhileRecordingKeepsTheTake(t *testing.T) {
	g := newRig(t)
	g.recordingSituation()
	g.typeInto(g.u.rehearsal.step.cue, "typed while recording")
	id := g.snap().Attempt.ID
	g.u.onClose()
	g.u.Wait()
	if takes, _ := g.db.Takes(ctx, id); len(takes) != 1 {
		t.Fatalf("%d takes stored", len(takes))
	}
	if c, _ := g.db.Cues(ctx, "unpopular-decision"); c.Line(practice.Situation) != "typed while recording" {
		t.Errorf("cue card lost on close: %q", c.Line(practice.Situation))
	}
}

func TestMissingMicrophoneIsReportedAndNothingIsLost(t *testing.T) {
	g := newRig(t)
	g.mic.startErr = fmt.Errorf("open default input: %w", audio.ErrNoInputDevice)
	r := g.rehearse(practice.StepByStep)
	g.settle("the start screen says so", func() bool { return strings.Contains(r.setup.micResult.Text, "No microphone found") })
	g.press(fyne.KeyReturn)
	g.press(fyne.KeySpace)
	g.settle("the error is shown", func() bool { return g.u.win.Canvas().Overlays().Top() != nil })
	if !strings.Contains(g.dialogText(), "no microphone was found") {
		t.Errorf("dialog says %q", g.dialogText())
	}
	if s := g.snap(); s.State != session.Ready || len(s.Takes) != 0 {
		t.Fatalf("after a failed start: %s, %d takes", s.State, len(s.Takes))
	}
	// Plugging one in lets the same attempt go on.
	g.mic.startErr = nil
	g.u.win.Canvas().Overlays().Top().Hide()
	if c := g.record(g.speechWAV("situation", 20)).Counted(practice.Situation); c == nil || c.Spoken == 0 {
		t.Fatal("no take after the microphone came back")
	}
}

// Ctrl+Q quits from anywhere, a text field included, keeping the take.
func TestCtrlQQuits(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	g.record(g.speechWAV("situation", 10))
	g.typeInto(g.u.rehearsal.step.note, "ok")
	id := g.snap().Attempt.ID
	g.u.rehearsal.step.note.TypedShortcut(&desktopShortcutQ)
	g.u.Wait()
	for _, w := range g.app.Driver().AllWindows() {
		if w == g.u.win {
			t.Fatal("Ctrl+Q left the window open")
		}
	}
	if takes, _ := g.db.Takes(ctx, id); len(takes) != 1 || takes[0].Note != "ok" {
		t.Errorf("stored %+v", takes)
	}
}

// Importing from the app adds the questions and stores the pack; a bad
// file is refused with its line and field, and changes nothing.
func TestImportFromTheApp(t *testing.T) {
	g := newBareRig(t)
	n := len(g.u.bank.Questions())
	pack := strings.Replace(goodPackYAML, "target_s: 90", "target_s: 0", 1)
	bad := filepath.Join(g.dir, "bad.yaml")
	os.WriteFile(bad, []byte(pack), 0o600)
	g.u.importFile(bad)
	g.settle("the error", func() bool { return g.u.win.Canvas().Overlays().Top() != nil })
	if len(g.u.bank.Questions()) != n {
		t.Fatal("a refused pack changed the bank")
	}
	if msg := g.dialogText(); !strings.Contains(msg, "bad.yaml:11: questions[0].steps[2].target_s") {
		t.Errorf("error shown: %q", msg)
	}
	g.u.win.Canvas().Overlays().Top().Hide()

	good := filepath.Join(g.dir, "mine.yaml")
	os.WriteFile(good, []byte(goodPackYAML), 0o600)
	g.u.importFile(good)
	g.settle("the question is listed", func() bool { return len(g.u.list.shown) == n+1 })
	if msg := g.dialogText(); !strings.Contains(msg, "1 question from mine.yaml") {
		t.Errorf("told %q", msg)
	}
	packs, err := g.db.Packs(ctx)
	if err != nil || len(packs) != 1 || packs[0].Name != "mine.yaml" {
		t.Fatalf("stored packs %v (%v)", packs, err)
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
	// A finished take takes its verdict's colour, as its text does: 27 s
	// is on target, so green, not the amber that warned while recording;
	// short and long are amber.
	for _, c := range []struct {
		at   time.Duration
		v    practice.Verdict
		want fyne.ThemeColorName
	}{{27 * time.Second, practice.OnTarget, "success"}, {20 * time.Second, practice.Short, "warning"}, {34 * time.Second, practice.Long, "warning"}} {
		b.setResult(c.at, c.v)
		if got := b.colorName(); got != c.want {
			t.Errorf("a take of %v, %s: the bar is %q, want %q", c.at, c.v, got, c.want)
		}
	}
}

// desktopShortcutQ is Ctrl+Q as the driver reports it.
var desktopShortcutQ = desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}

// Text fields keep their own shortcuts (Ctrl+Backspace deletes a word);
// only the app's shortcuts go to the window.
func TestTextFieldsKeepTheirShortcuts(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	cue := g.u.rehearsal.step.cue
	g.typeInto(cue, "hello world")
	cue.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyBackspace, Modifier: fyne.KeyModifierShortcutDefault})
	if cue.Text != "hello " {
		t.Errorf("Ctrl+Backspace left %q", cue.Text)
	}
}

// P and 1-5 pressed while a redo records or is measured wait for it: they
// neither rate nor play the take about to stop counting.
func TestKeysWaitForTheTakeBeingMade(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	first := g.record(g.speechWAV("situation", 15)).Counted(practice.Situation)
	g.mic.queue = append(g.mic.queue, g.speechWAV("redo", 18))
	g.press(fyne.KeyR)
	g.settle("recording the redo", func() bool { return g.snap().State == session.Recording })
	played := len(g.mic.playedClips())
	g.press(fyne.Key3)
	g.press(fyne.KeyP)
	g.press(fyne.KeySpace)
	g.settle("saved", func() bool { return !g.snap().Busy() })
	takes, _ := g.db.Takes(ctx, first.AttemptID)
	if takes[0].Rating != 0 || len(g.mic.playedClips()) != played {
		t.Errorf("during the redo: the old take rated %d, %d clips played", takes[0].Rating, len(g.mic.playedClips())-played)
	}
	// Choosing the first take again is the candidate's choice: no warning.
	s := g.u.rehearsal.step
	g.choose(s.takeList, s.takeList.Options[0])
	if s.notice.Visible() {
		t.Errorf("after choosing Take 1 the screen warns %q", s.notice.Text)
	}
}

// While recording, the clock counts from the first word, not from the
// key press: 0:00 through the quiet before it, then the time since it,
// measured as the recorder measures it (audio.Live on the take's real
// speech); after Stop it shows the take's measured spoken time.
func TestClockCountsFromTheFirstWord(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	p := g.u.rehearsal.step.panel
	wav := writeWAV(t, filepath.Join(g.dir, "late.wav"), g.rate,
		silence(g.rate, 2.5), speech(g.clips, g.rate, 12), silence(g.rate, 1))
	g.mic.queue = append(g.mic.queue, wav)
	g.press(fyne.KeySpace)
	g.settle("recording", func() bool { return g.snap().State == session.Recording })
	for range 20 { // 2 s of quiet
		g.mic.advance(100 * time.Millisecond)
	}
	g.idle()
	if p.clock.Text != "0:00" || !strings.Contains(p.status.Text, "starts at your first word") {
		t.Errorf("2 s into the quiet: clock %q, status %q; want 0:00, waiting for the first word", p.clock.Text, p.status.Text)
	}
	for range 60 { // to 8 s: about 5.5 s after the first word
		g.mic.advance(100 * time.Millisecond)
	}
	g.idle()
	s := g.snap()
	if p.clock.Text != "0:05" || !strings.Contains(p.status.Text, "counting from your first word") {
		t.Errorf("8 s in, the first word at 2.5 s: clock %q (spoken %v from %v), status %q; want 0:05",
			p.clock.Text, s.Spoken, s.Meter.SpeechStart, p.status.Text)
	}
	if d := s.Meter.SpeechStart - measured(t, wav).SpeechStart; d.Abs() > 50*time.Millisecond {
		t.Errorf("the clock counts from %v; the take's first word is at %v", s.Meter.SpeechStart, measured(t, wav).SpeechStart)
	}
	g.press(fyne.KeySpace)
	g.settle("the take is saved", func() bool { return !g.snap().Busy() })
	c := g.snap().Counted(practice.Situation)
	if c == nil || p.clock.Text != practice.FormatClock(c.Spoken) {
		t.Fatalf("after Stop the clock shows %q, the take %+v", p.clock.Text, c)
	}
	want := map[practice.Verdict]fyne.ThemeColorName{practice.OnTarget: "success", practice.Short: "warning", practice.Long: "error"}[c.Verdict]
	if got := p.bar.colorName(); got != want {
		t.Errorf("after Stop the bar is %q beside a %q verdict, want %q", got, c.Verdict, want)
	}
}

// The Hints tick is kept from step to step; a take with no speech is
// listed as such, not as "0:00 · short".
func TestHintsKeptAndEmptyTakesNamed(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	st := g.u.rehearsal.step
	g.tap(st.showHints)
	if !st.hints.Visible() {
		t.Fatal("ticking Hints did not show them")
	}
	g.record(g.speechWAV("situation", 20))
	g.record(g.silentWAV("nothing", 4))
	if opts := st.takeList.Options; len(opts) != 2 || opts[1] != "Take 2 · no speech" {
		t.Errorf("takes listed as %q", opts)
	}
	g.press(fyne.KeyRight)
	if next := g.u.rehearsal.step; next == st || !next.showHints.Checked || !next.hints.Visible() {
		t.Error("the next step does not keep the Hints ticked")
	}
}
