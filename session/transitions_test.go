package session

import (
	"errors"
	"sync"
	"testing"
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

// What a screen may offer, state by state, as the table says: the only
// place a screen learns whether a key or button does anything.
func TestWhatEachStateOffers(t *testing.T) {
	type offer struct {
		can, cannot []Command
	}
	check := func(t *testing.T, where string, s Snapshot, o offer) {
		t.Helper()
		for _, c := range o.can {
			if !s.Can(c) {
				t.Errorf("%s (%s): cannot %s", where, s.State, commandName(c))
			}
		}
		for _, c := range o.cannot {
			if s.Can(c) {
				t.Errorf("%s (%s): can %s", where, s.State, commandName(c))
			}
		}
	}
	t.Run("step by step", func(t *testing.T) {
		g := newRig(t, practice.StepByStep, "sde2")
		check(t, "setup", g.snap(), offer{
			can:    []Command{SetLevel, SetDevice, CheckMic, Begin, Leave},
			cannot: []Command{Toggle, Redo, Next, Prev, MarkNext, Finish, RateAttempt}})
		g.s.Begin()
		g.settle()
		check(t, "first step, nothing recorded", g.snap(), offer{
			can:    []Command{Toggle, Next, Leave, SetCue},
			cannot: []Command{Redo, Prev, MarkNext, Finish, AskFollowUp, SetLevel, Begin}})
		g.mic.script = append(g.mic.script, speech(secs(20)))
		g.s.Toggle()
		g.settle()
		check(t, "recording", g.snap(), offer{
			can:    []Command{Toggle, Leave},
			cannot: []Command{Redo, Next, Prev, Rate, Count, PlayTake, MarkNext, Finish}})
		g.s.Toggle()
		g.settle()
		check(t, "a take on show", g.snap(), offer{
			can:    []Command{Toggle, Redo, Next, Rate, Count, PlayTake, SetNote, Leave},
			cannot: []Command{Prev, MarkNext, PlayAnswer, RateAttempt}})
		for range 4 {
			g.s.Next()
		}
		g.settle()
		check(t, "the last step", g.snap(), offer{can: []Command{Prev, Next, Finish}})
	})
	t.Run("mock", func(t *testing.T) {
		g := newRig(t, practice.Mock, "senior")
		g.s.Begin()
		g.settle()
		check(t, "before answering", g.snap(), offer{can: []Command{Toggle, Finish}, cannot: []Command{MarkNext, Redo, PlayAnswer, AskFollowUp}})
		g.mic.script = append(g.mic.script, speech(secs(60)))
		g.s.Toggle()
		g.settle()
		for i := range len(g.q.Steps) - 1 {
			check(t, "answering", g.snap(), offer{can: []Command{MarkNext, Toggle}})
			if got := g.snap().MockStep(); got != g.q.Steps[i].Step {
				t.Errorf("after %d marks the step is %s, want %s", i, got, g.q.Steps[i].Step)
			}
			g.s.MarkNext()
			g.settle()
		}
		check(t, "on the last step", g.snap(), offer{cannot: []Command{MarkNext}})
		g.s.Toggle()
		g.settle()
		check(t, "the results", g.snap(), offer{can: []Command{PlayAnswer, AskFollowUp, Finish}, cannot: []Command{Toggle, Redo, MarkNext}})
	})
}

// commandName names a command in a failure.
func commandName(c Command) string {
	return [...]string{"SetLevel", "SetDevice", "CheckMic", "Begin", "Toggle", "Redo", "MarkNext", "Next", "Prev",
		"Count", "Rate", "SetChecks", "SetNote", "SetCue", "PlayTake", "PlayAnswer", "StopPlayback", "AskFollowUp",
		"Finish", "RateAttempt", "SetAttemptNote", "Leave"}[c]
}

// Every command has a row: a command the table forgot would do nothing,
// silently, on every screen.
func TestEveryCommandHasARow(t *testing.T) {
	for c := Command(0); c < numCommands; c++ {
		found := false
		for _, r := range transitions {
			found = found || r.on == c
		}
		if !found {
			t.Errorf("no row takes %s", commandName(c))
		}
	}
}

// With no microphone to record from, the snapshot says so for the setup
// screen to show.
func TestNoMicrophoneListed(t *testing.T) {
	for name, err := range map[string]error{"none listed": nil, "listing failed": errors.New("no audio host")} {
		t.Run(name, func(t *testing.T) {
			g := newRig(t, practice.StepByStep, "sde2")
			g.mic.mu.Lock()
			g.mic.devErr = err
			g.mic.mu.Unlock()
			if err == nil {
				g.mic.none = true
			}
			g.start(practice.StepByStep, "sde2")
			if s := g.snap(); !s.DevicesKnown || s.NoMicrophone == nil || len(s.Devices) != 0 {
				t.Errorf("setup: devices %v known %v, no microphone %v", s.Devices, s.DevicesKnown, s.NoMicrophone)
			}
		})
	}
}

// Leave while a take is analysed and saved does not wait for it: the
// session says it is leaving at once, and closes when the take is kept.
func TestLeaveWhileAnalysing(t *testing.T) {
	g := newRig(t, practice.StepByStep, "sde2")
	g.s.Begin()
	g.settle()
	var analysing sync.WaitGroup
	analysing.Add(1)
	release := make(chan struct{})
	analyse := g.mic.analyse
	g.s.cfg.Analyse = func(path string, cut func(time.Duration) []audio.Span) ([]audio.Analysis, error) {
		analysing.Done()
		<-release
		return analyse(path, cut)
	}
	g.mic.script = append(g.mic.script, speech(secs(15)))
	g.s.Toggle()
	g.settle()
	g.s.Toggle()
	analysing.Wait() // the take is being measured, off the worker
	g.s.Leave()
	left := make(chan Snapshot)
	g.s.cfg.Worker.Go(func() { left <- g.s.snap })
	s := <-left // the worker was free to take Leave
	if s.State != Analysing || !s.Leaving {
		t.Errorf("after Leave during the analysis: %s, leaving %v", s.State, s.Leaving)
	}
	close(release)
	g.settle()
	s = g.snap()
	if s.State != Closed {
		t.Fatalf("after the take was saved: %s", s.State)
	}
	if a := g.attempt(s.Attempt.ID); a.Status != practice.Abandoned || len(g.stored(a.ID)) != 1 {
		t.Errorf("the attempt left: %s with %d takes, want abandoned with its take", a.Status, len(g.stored(a.ID)))
	}
	if n := g.noticesSaid(); len(n) != 0 {
		t.Errorf("told %q", n)
	}
}

// The follow-up's answer is redone like a step: the redo counts, the
// first is kept.
func TestFollowUpRedo(t *testing.T) {
	g := newRig(t, practice.Mock, "senior")
	g.s.Begin()
	g.settle()
	g.speakMock(mockAnswer([]time.Duration{secs(30), secs(20), secs(90), secs(20), secs(8)}))
	g.s.AskFollowUp()
	g.settle()
	g.record(speech(secs(12)))
	if !g.snap().Can(Redo) || !g.snap().Can(Toggle) {
		t.Fatal("the follow-up's answer cannot be redone")
	}
	g.mic.script = append(g.mic.script, speech(secs(20)))
	g.s.Redo()
	g.settle()
	g.clock.Add(secs(22))
	g.s.Toggle()
	g.settle()
	s := g.snap()
	takes := s.TakesOf(practice.FollowUpStep)
	if c := s.Counted(practice.FollowUpStep); len(takes) != 2 || c == nil || c.ID != takes[1].ID || c.Spoken != secs(20) {
		t.Errorf("after a redo: %d follow-up takes, counted %+v", len(takes), c)
	}
}
