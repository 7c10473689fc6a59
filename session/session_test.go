package session

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

var ctx = context.Background()

// A whole step-by-step rehearsal: setup, five steps, the summary; every
// figure shown is what the store holds.
func TestStepByStepFlow(t *testing.T) {
	g := newRig(t, practice.StepByStep, "senior")
	s := g.snap()
	if s.State != Setup || s.Screen != SetupScreen || !s.CuesLoaded || s.Targets[practice.Action] != 90*time.Second {
		t.Fatalf("start: %s, screen %d, cue cards loaded %v, Action target %v", s.State, s.Screen, s.CuesLoaded, s.Targets[practice.Action])
	}
	g.s.Begin()
	g.settle()
	if s := g.snap(); s.State != Ready || s.Screen != StepScreen || s.StepID() != practice.Situation {
		t.Fatalf("after Begin: %s on %s", s.State, s.StepID())
	}
	spoken := []time.Duration{secs(28), secs(19), secs(88), secs(21), secs(14)}
	for i, d := range spoken {
		s := g.record(speech(d))
		step := g.q.Steps[i].Step
		c := s.Counted(step)
		if s.State != Reviewing || c == nil || c.Spoken != d || c.Verdict != practice.OnTarget || c.SpeechStart != time.Second {
			t.Fatalf("%s: state %s, counted %+v", step, s.State, c)
		}
		g.s.Next()
		g.settle()
	}
	s = g.snap()
	if s.State != Finished || s.Screen != SummaryScreen || s.Summary == nil {
		t.Fatalf("after the last step: %s", s.State)
	}
	stored := g.attempt(s.Attempt.ID)
	if stored.Status != practice.Complete || stored.Spoken != secs(170) || stored.Verdict != practice.OnTarget {
		t.Errorf("stored attempt %+v, want complete, 2:50 on target", stored)
	}
	if s.Attempt.Spoken != stored.Spoken || len(s.Takes) != 5 {
		t.Errorf("the summary shows %v and %d takes; the store holds %v", s.Attempt.Spoken, len(s.Takes), stored.Spoken)
	}
	g.s.RateAttempt(4)
	g.s.SetAttemptNote("more numbers in the result")
	g.settle()
	if a := g.attempt(s.Attempt.ID); a.Rating != 4 || a.Note != "more numbers in the result" {
		t.Errorf("overall rating stored as %d %q", a.Rating, a.Note)
	}
	g.s.Leave()
	g.settle()
	if a := g.attempt(s.Attempt.ID); g.snap().State != Closed || a.Status != practice.Complete {
		t.Errorf("after Done: %s, attempt %s", g.snap().State, a.Status)
	}
}

// A redo with speech replaces the counted take; earlier takes are kept.
func TestRedoReplacesCountedTake(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.record(speech(secs(12)))
	g.mic.script = append(g.mic.script, speech(secs(5)))
	g.s.Redo()
	g.settle()
	if g.snap().State != Recording {
		t.Fatal("R did not start a redo")
	}
	g.s.Toggle()
	g.settle()
	if c := g.snap().Counted(practice.Situation); c.Spoken != secs(5) {
		t.Errorf("after the redo %v counts, want its 5 s", c.Spoken)
	}
	s := g.record(speech(secs(25))) // Space on a reviewed step records again
	takes := s.TakesOf(practice.Situation)
	if len(takes) != 3 || s.Counted(practice.Situation).Spoken != secs(25) {
		t.Errorf("takes %d, counted %v; want 3 kept and the last counted", len(takes), s.Counted(practice.Situation).Spoken)
	}
}

// Defect 2: a take with no speech never replaces a good counted take on
// its own: Space pressed twice, a Redo left at once, Leave while silent.
func TestSilentTakeNeverReplacesCountedTake(t *testing.T) {
	slip := said{length: secs(0.3)}
	cases := map[string]func(g *rig){
		"Space twice quickly": func(g *rig) { g.record(slip) },
		"an accidental Redo, then Esc": func(g *rig) {
			g.mic.script = append(g.mic.script, said{length: secs(1.5), speech: []audio.Span{{Start: secs(1), End: secs(1.4)}}})
			g.s.Redo()
			g.s.Leave()
			g.settle()
		},
		"Leave while silent": func(g *rig) {
			g.mic.script = append(g.mic.script, said{length: secs(4)})
			g.s.Toggle()
			g.settle()
			g.s.Leave()
			g.settle()
		},
	}
	for name, slipUp := range cases {
		t.Run(name, func(t *testing.T) {
			g := newRig(t, practice.StepByStep, "sde2")
			g.s.Begin()
			good := g.record(speech(secs(24))).Counted(practice.Situation)
			slipUp(g)
			id := g.snap().Attempt.ID
			takes := g.stored(id)
			if len(takes) != 2 {
				t.Fatalf("%d takes stored, want the good one and the slip", len(takes))
			}
			for _, tk := range takes {
				if tk.Counted != (tk.ID == good.ID) {
					t.Errorf("take %d (%v spoken) counted %v", tk.ID, tk.Spoken, tk.Counted)
				}
			}
			if a := g.attempt(id); a.Spoken != secs(24) {
				t.Errorf("whole answer %v, want the good take's 24 s", a.Spoken)
			}
		})
	}
}

// The candidate may still choose a silent take to count.
func TestCandidateChoosesWhichTakeCounts(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.record(speech(secs(24)))
	s := g.record(said{length: secs(0.5)})
	takes := s.TakesOf(practice.Situation)
	g.s.Count(takes[1].ID)
	g.settle()
	if c := g.snap().Counted(practice.Situation); c == nil || c.ID != takes[1].ID {
		t.Fatalf("counted %+v, want the take chosen", c)
	}
	if a := g.attempt(s.Attempt.ID); a.Spoken != 0 {
		t.Errorf("whole answer %v after counting the silent take, want 0:00", a.Spoken)
	}
}

// Defect 3: leaving an attempt unfinished marks it abandoned; its takes
// are kept; the next summary's "Before" leaves it out, as it leaves out
// interrupted ones.
func TestAbandonedAttemptsStayOutOfBefore(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.record(speech(secs(25)))
	first := g.snap().Attempt.ID
	g.s.Leave()
	g.settle()
	if a := g.attempt(first); a.Status != practice.Abandoned || len(g.stored(first)) != 1 {
		t.Fatalf("left attempt: %s with %d takes; want abandoned with its take", a.Status, len(g.stored(first)))
	}

	complete := func() int64 {
		g.start(practice.StepByStep, "sde2")
		g.s.Begin()
		for range g.q.Steps {
			g.record(speech(secs(20)))
			g.s.Next()
		}
		g.settle()
		return g.snap().Attempt.ID
	}
	done := complete()
	if s := g.snap(); len(s.Summary.Before) != 0 {
		t.Errorf("first complete attempt: Before holds %d attempts, want none (attempt %d was abandoned)", len(s.Summary.Before), first)
	}
	complete()
	s := g.snap()
	if len(s.Summary.Before) != 1 || s.Summary.Before[0].ID != done {
		t.Errorf("Before = %+v, want only attempt %d", s.Summary.Before, done)
	}
	for _, st := range s.Summary.Stats {
		if st.Takes != 1 || st.AvgSpoken != secs(20) {
			t.Errorf("%s statistics %+v: the abandoned attempt's 25 s leaked in", st.Step, st)
		}
	}
}

// Defect 4: the verdict is reached on the figure shown. The Senior
// Reflection's band is 12-17 s, and 17.15 s reads 0:17: on target.
func TestVerdictAgreesWithTheBandShown(t *testing.T) {
	g := newRig(t, practice.StepByStep, "senior")
	g.s.Begin()
	for range 4 {
		g.s.Next()
	}
	g.settle()
	s := g.snap()
	b := practice.StepBand(s.Target(practice.Reflection))
	if practice.FormatSeconds(b.Lo) != "12 s" || practice.FormatSeconds(b.Hi) != "17 s" {
		t.Fatalf("band shown %s to %s", practice.FormatSeconds(b.Lo), practice.FormatSeconds(b.Hi))
	}
	c := g.record(speech(secs(17.15))).Counted(practice.Reflection)
	if practice.FormatClock(c.Spoken) != "0:17" || c.Verdict != practice.OnTarget {
		t.Errorf("spoken %s: %q, want on target", practice.FormatClock(c.Spoken), c.Verdict)
	}
}

// mockAnswer is a mock recording: the candidate speaks each step with a
// pause of two seconds between steps and marks each new step a second
// into the pause.
func mockAnswer(spoken []time.Duration) (said, []time.Duration) {
	var h said
	at := time.Second
	var marks []time.Duration
	for i, d := range spoken {
		h.speech = append(h.speech, audio.Span{Start: at, End: at + d})
		at += d + 2*time.Second
		if i < len(spoken)-1 {
			marks = append(marks, at-time.Second)
		}
	}
	h.length = at
	return h, marks
}

// speakMock records a mock answer, pressing N at the marks.
func (g *rig) speakMock(h said, marks []time.Duration) Snapshot {
	g.t.Helper()
	g.mic.script = append(g.mic.script, h)
	g.s.Toggle()
	g.settle()
	rec := g.mic.active
	last := time.Duration(0)
	for _, m := range marks {
		g.clock.Add(m - last)
		last = m
		rec.opts.OnLevel(audio.Level{Elapsed: m}) // the meter's reading as N is pressed
		g.settle()
		g.s.MarkNext()
		g.settle()
	}
	g.clock.Add(h.length - last)
	g.s.Toggle()
	g.settle()
	return g.snap()
}

// Defect 6: a mock's whole answer runs from the first word to the last,
// the pauses between steps included, and it is one figure.
func TestMockWholeAnswerIncludesPauses(t *testing.T) {
	g := newRig(t, practice.Mock, "senior")
	g.s.Begin()
	g.settle()
	spoken := []time.Duration{secs(30), secs(20), secs(90), secs(20), secs(8)}
	s := g.speakMock(mockAnswer(spoken))
	if s.State != Reviewing || s.Split == nil || len(s.Split.Unmarked) != 0 {
		t.Fatalf("after the mock: %s, split %+v", s.State, s.Split)
	}
	// 168 s spoken plus four 2 s pauses.
	want := secs(176)
	if s.Attempt.Spoken != want || g.attempt(s.Attempt.ID).Spoken != want {
		t.Errorf("whole answer shown %v, stored %v; want %v (first word to last)", s.Attempt.Spoken, g.attempt(s.Attempt.ID).Spoken, want)
	}
	for i, d := range spoken {
		c := s.Counted(g.q.Steps[i].Step)
		if c == nil || c.Spoken != d {
			t.Errorf("%s: %+v, want %v spoken", g.q.Steps[i].Step, c, d)
		}
	}
	if n := files(t, filepath.Join(g.db.Dir(), filepath.Dir(s.Takes[0].WAV))); n != 1 {
		t.Errorf("%d recordings for one mock answer", n)
	}
}

// What a recording says about how far it can be trusted reaches the
// store with its take: the analysis's SNR, clipping and sample rate, and
// the input the recorder lost, which a mock answer's steps all share.
// The attempt carries its counted takes' worst, for History.
func TestTrustSignalsAreStored(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.settle()
	s := g.record(said{length: secs(14), speech: []audio.Span{{Start: secs(1), End: secs(13)}}, snr: 6, clipped: 0.02, overflows: 2})
	c := s.Counted(practice.Situation)
	want := practice.Trust{SampleRate: 16000, SNR: 6, Noisy: true, Clipped: 0.02, Overflows: 2}
	if c == nil || c.Trust != want {
		t.Fatalf("the take's trust: %+v, want %+v", c, want)
	}
	if a := g.attempt(s.Attempt.ID); a.Trust != want {
		t.Errorf("the attempt's trust %+v, want %+v", a.Trust, want)
	}
	s = g.record(speech(secs(12)))
	if c := s.Counted(practice.Situation); c == nil || len(c.Doubts()) != 0 || len(g.attempt(s.Attempt.ID).Trust.Doubts()) != 0 {
		t.Errorf("redone cleanly: take %+v, attempt %+v; want no doubts", c, g.attempt(s.Attempt.ID).Trust)
	}

	m := newRig(t, practice.Mock, "senior")
	m.s.Begin()
	m.settle()
	answer, marks := mockAnswer([]time.Duration{secs(30), secs(20), secs(90), secs(20), secs(8)})
	answer.overflows = 1
	s = m.speakMock(answer, marks)
	for _, st := range m.q.Steps {
		if c := s.Counted(st.Step); c == nil || c.Overflows != 1 || c.SampleRate != 16000 {
			t.Errorf("mock %s: %+v, want the recording's one overflow and its rate", st.Step, c)
		}
	}
}

// Defect 7: a forgotten N is said: the Reflection is reported unmarked
// and the Result's clip holds it.
func TestMockForgottenMark(t *testing.T) {
	g := newRig(t, practice.Mock, "senior")
	g.s.Begin()
	h, marks := mockAnswer([]time.Duration{secs(30), secs(20), secs(90), secs(20), secs(8)})
	s := g.speakMock(h, marks[:3])
	if s.Split == nil || !slices.Equal(s.Split.Unmarked, []practice.StepID{practice.Reflection}) || s.Split.Absorbing() != practice.Result {
		t.Fatalf("split %+v: want the Reflection unmarked, held by the Result", s.Split)
	}
	if s.Counted(practice.Reflection) != nil {
		t.Error("an unmarked Reflection has a take")
	}
	if r := s.Counted(practice.Result); r == nil || r.Spoken != secs(30) {
		t.Errorf("Result %+v: want its clip to run to the end, 20 s + 2 s + 8 s", r)
	}
}

// Defect 5: the playhead is the position in the file, however far into
// the recording the clip starts.
func TestPlayheadIsAbsolute(t *testing.T) {
	g := newRig(t, practice.Mock, "senior")
	g.s.Begin()
	s := g.speakMock(mockAnswer([]time.Duration{secs(30), secs(20), secs(90), secs(20), secs(8)}))
	result := s.Counted(practice.Result)
	g.s.PlayTake(result.ID)
	g.settle()
	p := g.speaker.playbacks()
	if len(p) != 1 || p[0].opts.From != result.ClipStart || p[0].opts.To != result.ClipEnd {
		t.Fatalf("played %+v, want the Result's clip %v-%v", p, result.ClipStart, result.ClipEnd)
	}
	p[0].seek(result.ClipStart + 2*time.Second) // the device's absolute position
	g.clock.Add(PlayheadEvery)                  // a tick of the player
	g.settle()
	if got := g.snap().Playing; got.Key != PlayKey(result.ID) || got.Position != result.ClipStart+2*time.Second {
		t.Errorf("playing %+v, want %s at %v", got, PlayKey(result.ID), result.ClipStart+2*time.Second)
	}
}

// Defect 8: P, P, P quickly: the last request decides, and a playback
// that ended never resets the state of a newer one.
func TestPlaybackNewestWins(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	c := g.record(speech(secs(20))).Counted(practice.Situation)
	g.s.PlayTake(c.ID)
	g.settle() // the first is playing, its watcher running
	g.s.PlayTake(c.ID)
	g.s.PlayTake(c.ID)
	g.settle()
	p := g.speaker.playbacks()
	if len(p) != 2 {
		t.Fatalf("%d playbacks opened, want 2", len(p))
	}
	select {
	case <-p[0].done:
	default:
		t.Error("the first playback still plays")
	}
	if got := g.snap().Playing.Key; got != PlayKey(c.ID) {
		t.Fatalf("after P, P, P: playing %q, want the take: the first one's end reset the newer one", got)
	}
	p[1].Stop() // the clip runs out
	g.clock.Add(PlayheadEvery)
	g.settle()
	if got := g.snap().Playing.Key; got != "" {
		t.Errorf("playing %q after the clip ended", got)
	}
	// Recording stops a playback first.
	g.s.PlayTake(c.ID)
	g.settle()
	g.mic.script = append(g.mic.script, speech(secs(5)))
	g.s.Redo()
	g.settle()
	if got := g.snap().Playing.Key; got != "" || g.snap().State != Recording {
		t.Errorf("recording while playing %q", got)
	}
}

// Defect 11: the level and the microphone chosen are remembered.
func TestLevelAndMicrophoneRemembered(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.SetLevel("senior")
	g.s.SetDevice("USB headset")
	g.settle()
	s := g.snap()
	if s.Level.ID != "senior" || s.Targets[practice.Action] != 90*time.Second || s.Device != "USB headset" {
		t.Errorf("snapshot level %s, Action %v, device %q", s.Level.ID, s.Targets[practice.Action], s.Device)
	}
	if g.prefs.StringWithFallback(PrefLevel, "") != "senior" || g.prefs.StringWithFallback(PrefDevice, "") != "USB headset" {
		t.Errorf("preferences %v", g.prefs.strs)
	}
	g.s.Begin()
	g.record(speech(secs(20)))
	if o := g.mic.opened[len(g.mic.opened)-1]; o.Device != "USB headset" {
		t.Errorf("recorded from %q", o.Device)
	}
	if a := g.attempt(g.snap().Attempt.ID); a.Level != "senior" {
		t.Errorf("attempt at %s", a.Level)
	}
	g.s.SetLevel("sde1") // too late: the attempt has begun
	g.settle()
	if g.snap().Level.ID != "senior" {
		t.Error("the level changed mid-attempt")
	}
}

// A follow-up is never the one asked last time, is recorded as its own
// take, and is not part of the whole answer.
func TestFollowUpFlow(t *testing.T) {
	g := newRig(t, practice.Mock, "senior")
	g.prefs.SetInt(prefLastFollowUp+g.q.ID, 0) // last time: the first follow-up
	g.s.Begin()
	s := g.speakMock(mockAnswer([]time.Duration{secs(30), secs(20), secs(90), secs(20), secs(8)}))
	whole := s.Attempt.Spoken
	g.s.AskFollowUp()
	g.settle()
	s = g.snap()
	if s.Screen != FollowUpScreen || s.FollowUp == nil || s.FollowUp.Question != g.q.FollowUps[1].Question {
		t.Fatalf("follow-up %+v, want the second one (the first was asked last time)", s.FollowUp)
	}
	s = g.record(speech(secs(40)))
	f := s.Counted(practice.FollowUpStep)
	if s.State != Reviewing || f == nil || f.Target != time.Duration(g.q.FollowUps[1].Target())*time.Second || !strings.Contains(f.Note, g.q.FollowUps[1].Question) {
		t.Fatalf("follow-up take %+v in state %s", f, s.State)
	}
	g.s.Toggle() // answered: no second recording
	g.settle()
	if g.snap().State != Reviewing {
		t.Error("Space recorded the follow-up twice")
	}
	g.s.Finish()
	g.settle()
	if a := g.attempt(s.Attempt.ID); a.Status != practice.Complete || a.Spoken != whole {
		t.Errorf("finished attempt %+v, want the whole answer %v unchanged by the follow-up", a, whole)
	}
	if g.prefs.IntWithFallback(prefLastFollowUp+g.q.ID, -1) != 1 {
		t.Error("the follow-up asked is not remembered")
	}
	for _, tt := range []struct{ n, last, draw, want int }{
		{1, 0, 0, 0}, {3, -1, 2, 2}, {3, 0, 0, 1}, {3, 1, 0, 0}, {3, 1, 1, 2}, {3, 2, 1, 1},
	} {
		if got := pickFollowUp(tt.n, tt.last, func(int) int { return tt.draw }); got != tt.want {
			t.Errorf("pickFollowUp(%d, last %d, draw %d) = %d, want %d", tt.n, tt.last, tt.draw, got, tt.want)
		}
	}
}

// Nothing moves while a take is being recorded: it would be filed under
// the wrong step.
func TestCommandsWaitForTheRecording(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.mic.script = append(g.mic.script, speech(secs(10)))
	g.s.Toggle()
	g.s.Next()
	g.s.Prev()
	g.s.Finish()
	g.s.Begin()
	g.settle()
	s := g.snap()
	if s.State != Recording || s.StepID() != practice.Situation {
		t.Fatalf("during a recording: %s on %s", s.State, s.StepID())
	}
	g.s.Toggle()
	g.settle()
	if c := g.snap().Counted(practice.Situation); c == nil {
		t.Error("the take was not filed under the Situation")
	}
}

// A microphone that goes away mid-take: what was said is measured, kept
// and counted, and the candidate is told.
func TestDeviceLostKeepsTheTake(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.mic.script = append(g.mic.script, speech(secs(12)))
	g.s.Toggle()
	g.settle()
	g.mic.active.lose()
	g.clock.Add(recordingEvery)
	g.settle()
	s := g.snap()
	if s.State != Reviewing || s.Counted(practice.Situation) == nil {
		t.Fatalf("after the device was lost: %s, counted %v", s.State, s.Counted(practice.Situation))
	}
	if n := g.noticesSaid(); len(n) != 1 || !strings.Contains(n[0], "record to the end") {
		t.Errorf("told %q", n)
	}
}

// A microphone that fails to open: the candidate is told, nothing is stored but the
// attempt, and the screen is ready to try again.
func TestRecordingFailsToStart(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.mic.startErr = audio.ErrNoInputDevice
	g.s.Begin()
	g.s.Toggle()
	g.settle()
	if s := g.snap(); s.State != Ready || len(s.Takes) != 0 {
		t.Errorf("after a failed start: %s with %d takes", s.State, len(s.Takes))
	}
	if n := g.noticesSaid(); len(n) != 1 || !strings.HasPrefix(n[0], "start recording") || !strings.Contains(n[0], "no audio input device") {
		t.Errorf("told %q", n)
	}
	g.s.CheckMic()
	g.settle()
	if s := g.snap(); s.MicCheck.OK || s.MicCheck.Running {
		t.Errorf("mic check without a microphone: %+v", s.MicCheck)
	}
	// Leaving with nothing recorded leaves nothing behind: no attempt, no
	// reserved file.
	g.s.Leave()
	g.settle()
	if as, _ := g.db.Attempts(ctx, practice.HistoryFilter{}); len(as) != 0 {
		t.Errorf("%d attempts kept with nothing recorded", len(as))
	}
	if rep, _ := g.db.Check(ctx); !rep.OK() {
		t.Errorf("files left behind: %+v", rep)
	}
}

// A recording whose take could not be saved is not lost: the attempt is
// kept when the candidate leaves, and the next start recovers the take.
func TestFailedSaveIsRecoveredLater(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.mic.script = append(g.mic.script, speech(secs(20)))
	g.s.Toggle()
	g.settle()
	wav := g.mic.active.opts.Path
	g.mic.mu.Lock()
	delete(g.mic.files, wav) // the analysis will not read it
	g.mic.mu.Unlock()
	g.s.Toggle()
	g.settle()
	if n := g.noticesSaid(); len(n) != 1 || !strings.HasPrefix(n[0], "save the take") {
		t.Fatalf("told %q", n)
	}
	id := g.snap().Attempt.ID
	g.s.Leave()
	g.settle()
	if a := g.attempt(id); a.Status != practice.Abandoned {
		t.Fatalf("attempt %s, want kept as abandoned", a.Status)
	}
	rep, err := g.db.Recover(ctx, func(string, practice.Attempt, practice.StepID) (practice.Take, error) {
		return Measure(audio.Analysis{Duration: secs(22), SpeechStart: secs(1), SpeechEnd: secs(21), Spoken: secs(20)}, practice.Situation, secs(26)), nil
	})
	if err != nil || len(rep.Salvaged) != 1 || !rep.Salvaged[0].Counted {
		t.Fatalf("recovered %+v, %v", rep, err)
	}
}

// Ratings, checks and notes wait for the take being recorded: "3" pressed
// during a redo must not rate the take about to stop counting.
func TestEditsWaitForTheTake(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	first := g.record(speech(secs(20))).Counted(practice.Situation)
	g.mic.script = append(g.mic.script, speech(secs(22)))
	g.s.Redo()
	g.s.Rate(first.ID, 3)
	g.s.SetNote(first.ID, "typed into a hidden field")
	g.settle()
	if back := g.stored(first.AttemptID)[0]; back.Rating != 0 || back.Note != "" {
		t.Errorf("edited while recording: rating %d, note %q", back.Rating, back.Note)
	}
}

func TestMicCheck(t *testing.T) {
	for peak, want := range map[float64]string{-9: "Sounds good", -60: "heard almost nothing", -0.5: "Too loud"} {
		g := newRig(t, practice.StepByStep, "sde2")
		g.mic.peak = peak
		g.s.CheckMic()
		g.settle()
		if m := g.snap().MicCheck; !m.Running || m.Done || m.Length != MicCheckTime {
			t.Errorf("peak %v dBFS, while it listens: %+v", peak, m)
		}
		g.clock.Add(MicCheckTime) // the recorder stops by itself
		g.settle()
		if m := g.snap().MicCheck; !m.Done || m.Running || !strings.Contains(m.Message, want) || m.OK != (peak == -9) {
			t.Errorf("peak %v dBFS: %+v, want %q", peak, m, want)
		}
		if o := g.mic.opened[0]; o.Path != "" || o.MaxDuration != MicCheckTime {
			t.Errorf("mic check opened %+v: it must save nothing and stop by itself", o)
		}
	}
}

// Ratings, self-checks, notes and cue cards go to the store and come
// back from it.
func TestEditsAreStored(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.SetCue(practice.Situation, "webhooks dropping")
	g.s.Begin()
	c := g.record(speech(secs(22))).Counted(practice.Situation)
	g.s.Rate(c.ID, 4)
	g.s.SetChecks(c.ID, []string{"scope"})
	g.s.SetNote(c.ID, "slower opening")
	g.s.SetCue(practice.Task, "own the backlog")
	g.settle()
	back := g.stored(c.AttemptID)[0]
	if back.Rating != 4 || !slices.Equal(back.Checks, []string{"scope"}) || back.Note != "slower opening" {
		t.Errorf("stored take %+v", back)
	}
	if got := g.snap().Counted(practice.Situation); got.Rating != 4 || got.Note != "slower opening" {
		t.Errorf("snapshot take %+v", got)
	}
	cues, _ := g.db.Cues(ctx, g.q.ID)
	if cues.Line(practice.Situation) != "webhooks dropping" || cues.Line(practice.Task) != "own the backlog" {
		t.Errorf("cue cards stored %+v", cues)
	}
}

// The first cue card typed on a question without a story starts one,
// titled from the question, and the cards shown are read back from the
// store: on a question linked to that story, a line typed over the
// story's is marked as the question's own.
func TestCueCardsStartAStoryAndComeFromIt(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.SetCue(practice.Situation, "webhooks dropping")
	g.settle()
	c := g.snap().Cues
	if c.StoryID == 0 || c.StoryTitle != g.q.ShortTitle() || c.Line(practice.Situation) != "webhooks dropping" || c.Overridden(practice.Situation) {
		t.Fatalf("cue cards after the first line: %+v, want a story titled %q holding it", c, g.q.ShortTitle())
	}

	other := builtin(t).Question("failure")
	if err := g.db.LinkStory(ctx, other.ID, c.StoryID); err != nil {
		t.Fatal(err)
	}
	g.s.Leave()
	g.settle()
	g.q = other
	g.start(practice.StepByStep, "sde2")
	if got := g.snap().Cues; got.StoryID != c.StoryID || got.Line(practice.Situation) != "webhooks dropping" || got.Overridden(practice.Situation) {
		t.Fatalf("the linked question's cue cards %+v, want the story's line", got)
	}
	g.s.SetCue(practice.Situation, "the outage I caused")
	g.settle()
	if c := g.snap().Cues; c.Line(practice.Situation) != "the outage I caused" || !c.Overridden(practice.Situation) {
		t.Errorf("after typing over the story's line: %q, overridden %v", c.Line(practice.Situation), c.Overridden(practice.Situation))
	}
	if n := len(g.noticesSaid()); n != 0 {
		t.Errorf("notices: %v", g.noticesSaid())
	}
}

// A session that is closed ignores what comes after, and a snapshot once
// published never changes.
func TestClosedAndSnapshotsImmutable(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	before := g.record(speech(secs(20)))
	takes := slices.Clone(before.Takes)
	g.record(speech(secs(21)))
	if !slices.EqualFunc(before.Takes, takes, func(a, b practice.Take) bool { return a.ID == b.ID && a.Counted == b.Counted }) {
		t.Error("a published snapshot changed")
	}
	g.s.Leave()
	g.settle()
	n := len(g.snaps)
	g.s.Toggle()
	g.s.Next()
	g.settle()
	if len(g.snaps) != n || len(g.mic.opened) != 2 {
		t.Error("a closed session acted")
	}
}

// Recovered: a mock recording cut off by a crash is kept untimed, so it
// never counts as the Situation; a step's recording gets its target.
func TestRecovered(t *testing.T) {
	q := builtin(t).Question("unpopular-decision")
	a := audio.Analysis{Duration: secs(170), SpeechStart: secs(1), SpeechEnd: secs(169), Spoken: secs(168)}
	mock := Recovered(practice.Situation, practice.Attempt{Mode: practice.Mock, Level: "senior"}, q, a)
	if mock.Timed() || mock.Verdict != "" || practice.TakeCounts(mock, nil) || mock.Note != RecoveredNote {
		t.Errorf("recovered mock answer %+v: want untimed, never counted", mock)
	}
	step := Recovered(practice.Action, practice.Attempt{Mode: practice.StepByStep, Level: "senior"}, q, a)
	if step.Step != practice.Action || step.Target != 90*time.Second || step.Verdict != practice.Long {
		t.Errorf("recovered Action %+v", step)
	}
	follow := Recovered(practice.FollowUpStep, practice.Attempt{Mode: practice.Mock, Level: "senior"}, q, a)
	if follow.Target != time.Duration(practice.DefaultFollowUpSeconds)*time.Second {
		t.Errorf("recovered follow-up %+v", follow)
	}
}

// The worker runs jobs one at a time, in order, and Wait sees jobs queued
// by jobs.
func TestWorkerOrder(t *testing.T) {
	w := NewWorker()
	var got []int
	for i := range 100 {
		w.Go(func() {
			got = append(got, i)
			if i == 99 {
				w.Go(func() { got = append(got, 100) })
			}
		})
	}
	w.Wait()
	if len(got) != 101 || !slices.IsSorted(got) {
		t.Errorf("ran %v", got)
	}
}

// The mock screen shows each step's time as it is marked: from the first
// word (not from Space) to the first N, from N to N, and the step under
// way up to now.
func TestMockSoFar(t *testing.T) {
	q := &practice.Question{Steps: []practice.Step{{Step: practice.Situation}, {Step: practice.Task}, {Step: practice.Action}}}
	s := func(elapsed, first time.Duration, marks ...time.Duration) Snapshot {
		return Snapshot{Screen: MockScreen, Question: q, Elapsed: elapsed, Marks: marks,
			Meter: audio.Level{Spoke: first >= 0, SpeechStart: max(first, 0)}}
	}
	sec := func(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
	for _, c := range []struct {
		name string
		snap Snapshot
		want []time.Duration
	}{
		{"not recording yet", Snapshot{Screen: MockScreen, Question: q}, nil},
		{"recording, no reading yet", Snapshot{Screen: MockScreen, State: Recording, Question: q}, []time.Duration{0}},
		{"no word yet", s(sec(3), -1), []time.Duration{0}},
		{"the Situation under way", s(sec(12), sec(2)), []time.Duration{sec(10)}},
		{"one mark", s(sec(40), sec(2), sec(30)), []time.Duration{sec(28), sec(10)}},
		{"two marks", s(sec(61), sec(2), sec(30), sec(50.5)), []time.Duration{sec(28), sec(20.5), sec(10.5)}},
		{"marked before the first word", s(sec(20), sec(8), sec(5)), []time.Duration{0, sec(12)}},
		{"step-by-step screen", Snapshot{Screen: StepScreen, Question: q, Elapsed: sec(9)}, nil},
	} {
		if got := c.snap.MockSoFar(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
