// Package session runs one rehearsal of one question (step by step, or a
// mock interview and its follow-up), and an interview loop of several
// (Loop, in loop.go), each as an explicit state machine: the
// table in transitions.go says, for each state and event, what happens
// and which state comes next. It knows nothing of Fyne or PortAudio: it
// drives the microphone, the analysis, the speaker and the store through
// small ports, runs every command and event on one Worker (the slow work,
// Off it), and publishes an immutable Snapshot after each change for the
// screens to render. What it knows of takes it reads back from the store
// after every write.
package session

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

// State is where a rehearsal is. The screen it is on is Screen.
type State string

// The states, in the order a rehearsal usually meets them.
const (
	// Setup: choosing the level and the microphone, maybe checking it.
	Setup State = "setup"
	// Ready: on a recording screen with nothing recorded for it yet.
	Ready State = "ready"
	// Starting: the microphone is being opened.
	Starting State = "starting"
	// Recording: the candidate is speaking.
	Recording State = "recording"
	// Stopping: the recording is being finished.
	Stopping State = "stopping"
	// Analysing: the take is being measured and saved.
	Analysing State = "analysing"
	// Reviewing: the screen's take (or the mock's takes) can be played,
	// rated, redone.
	Reviewing State = "reviewing"
	// Finishing: the attempt is being marked complete.
	Finishing State = "finishing"
	// Finished: the summary.
	Finished State = "finished"
	// Closed: the session is over; it ignores every command.
	Closed State = "closed"
)

// Screen is what the candidate looks at.
type Screen int

// The screens of a rehearsal.
const (
	SetupScreen Screen = iota
	StepScreen
	MockScreen
	FollowUpScreen
	SummaryScreen
)

// Config is what a session starts with.
type Config struct {
	Question *practice.Question
	Mode     practice.Mode
	Level    practice.Level
	Device   string // empty for the system default
	// Loop is the loop this is an answer of (see Loop), 0 for none: the
	// session begins on the mock screen, at the loop's level and on the
	// microphone remembered (Device), and owes the follow-up before it
	// finishes.
	Loop int64

	Worker   *Worker
	Devices  func() ([]audio.Device, error) // the microphones to choose from
	Recorder Recorder
	Analyse  Analyser
	Speaker  Speaker
	Store    Store
	Prefs    Prefs
	Clock    Clock           // nil: SystemClock
	Rand     func(n int) int // nil: math/rand; picks follow-ups

	// Publish gets every snapshot, on the worker's goroutine; the UI hands
	// it to its own goroutine.
	Publish func(Snapshot)
	// Notify says what went wrong while doing something ("save the take
	// of Action"), on the worker's goroutine; nothing recorded is lost by
	// then.
	Notify func(doing string, err error)
}

// Snapshot is a session as the screens see it: everything they draw,
// decided here. It is never changed after it is published: a newer one
// replaces it.
type Snapshot struct {
	// Version counts changes other than a level reading or a playhead,
	// so a screen can redraw the rest only when it changed.
	Version int
	State   State
	Screen  Screen
	// can holds the commands the session acts on now (Can).
	can uint64

	Question *practice.Question
	Mode     practice.Mode
	Loop     int64 // the loop this answers a question of, 0 for none
	Level    practice.Level
	Targets  map[practice.StepID]time.Duration
	Step     int // the step screen's step, an index into Question.Steps

	// The microphones to choose from, once listed, and the one chosen
	// (empty: the system default). NoMicrophone says why there is none
	// to record from.
	Devices      []audio.Device
	DevicesKnown bool
	NoMicrophone error
	Device       string

	Attempt practice.Attempt // ID 0 until the first recording starts
	Takes   []practice.Take  // the attempt's takes as stored, in recording order

	Cues       practice.Cues // the candidate's cue cards for the question
	CuesLoaded bool

	MicCheck MicCheck

	// Meter is the latest reading while recording or checking the
	// microphone; Metered says one has come (until then there is nothing
	// to show, not a level of 0 dBFS). Elapsed is the audio recorded so
	// far. Spoken is what the clock shows: the audio since the first word,
	// pauses included, zero until one is heard.
	Meter   audio.Level
	Metered bool
	Elapsed time.Duration
	Spoken  time.Duration

	Marks    []time.Duration     // a mock's N marks so far
	Split    *practice.MockSplit // how the mock was divided, once measured
	FollowUp *practice.FollowUp  // the follow-up asked, once asked
	Summary  *Summary            // once finished

	// Leaving says Leave was asked while slow work (a take being saved,
	// the attempt being finished) runs: the session closes when it ends.
	Leaving bool

	Playing Playing
}

// MicCheck is the microphone check on the setup screen.
type MicCheck struct {
	Length  time.Duration // how long it listens
	Running bool
	Done    bool
	OK      bool
	Message string
}

// Summary is what the summary screen compares the attempt with.
type Summary struct {
	// Before are the earlier complete attempts at the same question and
	// level, newest first; Stats their steps.
	Before []practice.Attempt
	Stats  []practice.StepStats
}

// Can reports whether the session acts on c now: a screen enables the
// control that sends it, and its key, by this alone.
func (s Snapshot) Can(c Command) bool { return s.can&(1<<c) != 0 }

// StepID is the step of the step screen.
func (s Snapshot) StepID() practice.StepID {
	if s.Step < 0 || s.Step >= len(s.Question.Steps) {
		return ""
	}
	return s.Question.Steps[s.Step].Step
}

// MockStep is the step a mock interview's candidate is speaking now: the
// first until the first N, then one further for each.
func (s Snapshot) MockStep() practice.StepID {
	return s.Question.Steps[min(len(s.Marks), len(s.Question.Steps)-1)].Step
}

// MockSoFar is the time spoken so far in each step of a mock begun: the
// steps marked with N and the one under way, each from its mark (the
// first from the first word) to the next mark or to now. It is the live
// estimate; the measured split replaces it once the recording stops.
func (s Snapshot) MockSoFar() []time.Duration {
	if s.Screen != MockScreen || s.Elapsed == 0 && s.State != Recording {
		return nil // not begun
	}
	start := s.Elapsed // no word yet: nothing spoken in any step
	if s.Meter.Spoke {
		start = s.Meter.SpeechStart
	}
	ends := append(slices.Clip(s.Marks), s.Elapsed)
	so := make([]time.Duration, len(ends))
	from := time.Duration(0)
	for i, end := range ends {
		so[i] = max(end-max(from, start), 0)
		from = end
	}
	return so
}

// TakesOf returns a step's takes in recording order.
func (s Snapshot) TakesOf(step practice.StepID) []practice.Take {
	var out []practice.Take
	for _, t := range s.Takes {
		if t.Step == step {
			out = append(out, t)
		}
	}
	return out
}

// Counted is the take that counts for step, or nil.
func (s Snapshot) Counted(step practice.StepID) *practice.Take {
	for i := range s.Takes {
		if s.Takes[i].Step == step && s.Takes[i].Counted {
			return &s.Takes[i]
		}
	}
	return nil
}

// Busy reports whether the microphone is opening, recording or being
// finished, or the attempt is: the takes on show are about to change.
func (s Snapshot) Busy() bool {
	switch s.State {
	case Starting, Recording, Stopping, Analysing, Finishing:
		return true
	}
	return false
}

// Target is the spoken-time target of a step, or of the follow-up.
func (s Snapshot) Target(step practice.StepID) time.Duration {
	if step == practice.FollowUpStep && s.FollowUp != nil {
		return time.Duration(s.FollowUp.Target()) * time.Second
	}
	return s.Targets[step]
}

// PlayKey names what Toggle plays for a take.
func PlayKey(takeID int64) string { return "take:" + strconv.FormatInt(takeID, 10) }

// AnswerKey names a mock's whole recording for PlayAnswer.
const AnswerKey = "answer"

// MicCheckTime is how long the setup screen's microphone check listens.
const MicCheckTime = 3 * time.Second

// Mic check thresholds, in dBFS: a peak under SilentDBFS means nothing
// reached the microphone; one over ClipDBFS means the signal clips.
const (
	SilentDBFS = -45.0
	ClipDBFS   = -1.0
)

// recordingEvery is how often a running recording is looked at for
// having ended by itself (the microphone went away, MaxTake reached).
const recordingEvery = 100 * time.Millisecond

// Session is one rehearsal. Its methods may be called from any goroutine:
// each queues a command on the worker, where the state machine runs.
type Session struct {
	cfg    Config
	ctx    context.Context
	player *Player
	snap   Snapshot // the state, as last published or being changed

	recGen   int           // counts recordings and mic checks, so a late reading is known
	rec      LiveRecording // the recording in progress
	recRel   string        // its WAV, relative to the data directory
	recAbs   string
	recStart time.Time
	meterAt  time.Time     // when snap.Meter came
	watch    func()        // stops looking at the recording or mic check
	recorded bool          // a recording has run: its file is kept, saved or not
	mic      LiveRecording // the mic check's metering
}

// New starts a session on its setup screen, and lists the microphones and
// loads the candidate's cue cards for the question.
func New(cfg Config) *Session {
	if cfg.Clock == nil {
		cfg.Clock = SystemClock{}
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.IntN
	}
	s := &Session{cfg: cfg, ctx: context.Background()}
	s.snap = Snapshot{
		State: Setup, Screen: SetupScreen,
		Question: cfg.Question, Mode: cfg.Mode, Loop: cfg.Loop, Device: cfg.Device,
		MicCheck: MicCheck{Length: MicCheckTime},
	}
	if cfg.Loop != 0 {
		s.snap.Mode, s.cfg.Mode = practice.Mock, practice.Mock
		s.snap.State, s.snap.Screen = Ready, MockScreen
	}
	s.player = NewPlayer(cfg.Speaker, cfg.Store, cfg.Worker, cfg.Clock, func(p Playing) {
		s.snap.Playing = p
		s.publish(false)
	}, func(err error) { s.notify("play the take", err) })
	s.applyLevel(cfg.Level)
	cfg.Worker.Go(func() {
		s.loadCues()
		s.publish(true)
	})
	if cfg.Devices != nil {
		var devs []audio.Device
		var err error
		cfg.Worker.Off(func() { devs, err = cfg.Devices() }, func() { s.send(event{on: devicesListed, devices: devs, err: err}) })
	}
	return s
}

// The commands, as the screens send them.

// SetLevel picks the level on the setup screen.
func (s *Session) SetLevel(id practice.LevelID) { s.post(event{on: SetLevel, level: id}) }

// SetDevice picks the microphone on the setup screen; empty is the
// system default.
func (s *Session) SetDevice(name string) { s.post(event{on: SetDevice, text: name}) }

// CheckMic listens for MicCheckTime without saving anything and says
// whether the level is good.
func (s *Session) CheckMic() { s.post(event{on: CheckMic}) }

// Begin leaves the setup screen for the first step, or the mock
// interview's screen.
func (s *Session) Begin() { s.post(event{on: Begin}) }

// Toggle is Space: it starts a recording on a screen that can take one,
// or stops the one running.
func (s *Session) Toggle() { s.post(event{on: Toggle}) }

// Redo records the step again; earlier takes are kept.
func (s *Session) Redo() { s.post(event{on: Redo}) }

// MarkNext is N in a mock interview: the next step starts now.
func (s *Session) MarkNext() { s.post(event{on: MarkNext}) }

// Next moves to the next step; on the last one it finishes the attempt.
func (s *Session) Next() { s.post(event{on: Next}) }

// Prev moves to the previous step.
func (s *Session) Prev() { s.post(event{on: Prev}) }

// Count makes one of a step's takes the one that counts: the candidate's
// own choice, whatever it holds.
func (s *Session) Count(takeID int64) { s.post(event{on: Count, take: takeID}) }

// Rate sets a take's self-rating, 1 to 5 (0 clears it).
func (s *Session) Rate(takeID int64, rating int) { s.post(event{on: Rate, take: takeID, n: rating}) }

// SetChecks sets the self-check items ticked for a take.
func (s *Session) SetChecks(takeID int64, checks []string) {
	s.post(event{on: SetChecks, take: takeID, checks: checks})
}

// SetNote sets a take's note.
func (s *Session) SetNote(takeID int64, note string) {
	s.post(event{on: SetNote, take: takeID, text: note})
}

// SetCue sets the candidate's cue card for a step of this question.
func (s *Session) SetCue(step practice.StepID, text string) {
	s.post(event{on: SetCue, step: step, text: text})
}

// PlayTake plays a take's clip, or stops it when it is playing.
func (s *Session) PlayTake(takeID int64) { s.post(event{on: PlayTake, take: takeID}) }

// PlayAnswer plays a mock interview's whole recording, or stops it.
func (s *Session) PlayAnswer() { s.post(event{on: PlayAnswer}) }

// StopPlayback stops what is playing.
func (s *Session) StopPlayback() { s.post(event{on: StopPlayback}) }

// AskFollowUp moves from a measured mock answer to a follow-up question.
func (s *Session) AskFollowUp() { s.post(event{on: AskFollowUp}) }

// Finish marks the attempt complete and shows the summary.
func (s *Session) Finish() { s.post(event{on: Finish}) }

// RateAttempt sets the attempt's overall self-rating (0 clears it), on
// the summary.
func (s *Session) RateAttempt(rating int) { s.post(event{on: RateAttempt, n: rating}) }

// SetAttemptNote sets the attempt's note, on the summary.
func (s *Session) SetAttemptNote(note string) { s.post(event{on: SetAttemptNote, text: note}) }

// Leave ends the session from wherever it is: a recording running is
// stopped and kept as a take first; an attempt left unfinished is marked
// abandoned. Commands queued before it run first, so nothing typed is
// lost; slow work under way (a take being saved) finishes first.
func (s *Session) Leave() { s.post(event{on: Leave}) }

// post queues an event on the worker.
func (s *Session) post(e event) { s.cfg.Worker.Go(func() { s.send(e) }) }

// publish works out what the session acts on now and hands a copy of the
// state to the screens; changed says whether it is more than a level
// reading or a playhead.
func (s *Session) publish(changed bool) {
	if changed {
		s.snap.Version++
	}
	s.snap.can = s.can()
	s.cfg.Publish(s.snap)
}

func (s *Session) notify(doing string, err error) { s.cfg.Notify(doing, practice.Plain(err)) }

func (s *Session) applyLevel(l practice.Level) {
	s.snap.Level = l
	s.snap.Targets = practice.Targets(s.cfg.Question, l)
}

// pickFollowUp draws one of n follow-ups, never last when there is
// another: uniform over the others.
func pickFollowUp(n, last int, rnd func(int) int) int {
	if n <= 1 {
		return 0
	}
	i := rnd(n - 1)
	if last >= 0 && i >= last {
		i++
	}
	return i
}
