// Package session runs one rehearsal of one question (step by step, or a
// mock interview and its follow-up) as an explicit state machine. It
// knows nothing of Fyne or PortAudio: it drives the microphone, the
// analysis, the speaker and the store through small ports, runs every
// command and event on one Worker, and publishes an immutable Snapshot
// after each change for the screens to render. What it knows of takes
// it reads back from the store after every write.
package session

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
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

	Worker   *Worker
	Recorder Recorder
	Analyse  Analyser
	Speaker  Speaker
	Store    Store
	Prefs    Prefs
	Now      func() time.Time // nil: time.Now
	Rand     func(n int) int  // nil: math/rand; picks follow-ups

	// Publish gets every snapshot, on the worker's goroutine; the UI hands
	// it to its own goroutine.
	Publish func(Snapshot)
	// Notify says what went wrong while doing something ("save the take
	// of Action"), on the worker's goroutine; nothing recorded is lost by
	// then.
	Notify func(doing string, err error)
}

// Snapshot is a session as the screens see it. It is never changed after
// it is published: a newer one replaces it.
type Snapshot struct {
	// Version counts changes other than a level reading or a playhead,
	// so a screen can redraw the rest only when it changed.
	Version int
	State   State
	Screen  Screen

	Question *practice.Question
	Mode     practice.Mode
	Level    practice.Level
	Targets  map[practice.StepID]time.Duration
	Device   string
	Step     int // the step screen's step, an index into Question.Steps

	Attempt practice.Attempt // ID 0 until the first recording starts
	Takes   []practice.Take  // the attempt's takes as stored, in recording order

	Cues       practice.Cues // the candidate's cue cards for the question
	CuesLoaded bool

	MicCheck MicCheck

	// Meter is the latest reading while recording, and Elapsed the audio
	// recorded so far. Spoken is what the clock shows: the audio since
	// the first word, pauses included, zero until one is heard.
	Meter   audio.Level
	Elapsed time.Duration
	Spoken  time.Duration

	Marks    []time.Duration     // a mock's N marks so far
	Split    *practice.MockSplit // how the mock was divided, once measured
	FollowUp *practice.FollowUp  // the follow-up asked, once asked
	Summary  *Summary            // once finished

	Playing Playing
}

// MicCheck is the three-second microphone check on the setup screen.
type MicCheck struct {
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

// StepID is the step of the step screen.
func (s Snapshot) StepID() practice.StepID {
	if s.Step < 0 || s.Step >= len(s.Question.Steps) {
		return ""
	}
	return s.Question.Steps[s.Step].Step
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
	return counted(s.Takes, step)
}

func counted(takes []practice.Take, step practice.StepID) *practice.Take {
	for i := range takes {
		if takes[i].Step == step && takes[i].Counted {
			return &takes[i]
		}
	}
	return nil
}

// Busy reports whether the microphone is opening, recording or being
// finished: nothing else can start then.
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

// Session is one rehearsal. Its methods may be called from any goroutine:
// each queues a command on the worker, where the state machine runs.
type Session struct {
	cfg    Config
	ctx    context.Context
	player *Player
	snap   Snapshot // the state, as last published or being changed

	rec      LiveRecording // the recording in progress
	recRel   string        // its WAV, relative to the data directory
	recAbs   string
	recStart time.Time
	meterAt  time.Time     // when snap.Meter came
	leaving  bool          // Leave was asked while a recording ran
	recorded bool          // a recording has run: its file is kept, saved or not
	mic      LiveRecording // the mic check's metering
}

// MicCheckTime is how long the setup screen's microphone check listens.
const MicCheckTime = 3 * time.Second

// New starts a session on its setup screen and loads the candidate's cue
// cards for the question.
func New(cfg Config) *Session {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.IntN
	}
	s := &Session{cfg: cfg, ctx: context.Background()}
	s.snap = Snapshot{
		State: Setup, Screen: SetupScreen,
		Question: cfg.Question, Mode: cfg.Mode, Device: cfg.Device,
	}
	s.player = NewPlayer(cfg.Speaker, cfg.Store, cfg.Worker.Go, func(p Playing) {
		s.snap.Playing = p
		s.publish(false)
	}, func(err error) { s.notify("play the take", err) })
	s.setLevel(cfg.Level)
	cfg.Worker.Go(func() {
		if s.loadCues() {
			s.publish(true)
		}
	})
	return s
}

// do runs a command on the worker unless the session is closed.
func (s *Session) do(f func()) {
	s.cfg.Worker.Go(func() {
		if s.snap.State != Closed {
			f()
		}
	})
}

// publish hands a copy of the state to the screens; changed says whether
// it is more than a level reading or a playhead.
func (s *Session) publish(changed bool) {
	if changed {
		s.snap.Version++
	}
	s.cfg.Publish(s.snap)
}

func (s *Session) notify(doing string, err error) { s.cfg.Notify(doing, practice.Plain(err)) }

func (s *Session) setState(st State) {
	s.snap.State = st
	s.publish(true)
}

func (s *Session) setLevel(l practice.Level) {
	s.snap.Level = l
	s.snap.Targets = practice.Targets(s.cfg.Question, l)
}

// SetLevel picks the level on the setup screen.
func (s *Session) SetLevel(id practice.LevelID) {
	s.do(func() {
		l, ok := practice.LevelByID(id)
		if !ok || s.snap.State != Setup || s.snap.Attempt.ID != 0 {
			return
		}
		s.setLevel(l)
		s.cfg.Prefs.SetString(PrefLevel, string(id))
		s.publish(true)
	})
}

// SetDevice picks the microphone on the setup screen; empty is the
// system default.
func (s *Session) SetDevice(name string) {
	s.do(func() {
		if s.snap.State != Setup || s.snap.MicCheck.Running {
			return
		}
		s.snap.Device = name
		s.cfg.Prefs.SetString(PrefDevice, name)
		s.publish(true)
	})
}

// Mic check thresholds, in dBFS: a peak under SilentDBFS means nothing
// reached the microphone; one over ClipDBFS means the signal clips.
const (
	SilentDBFS = -45.0
	ClipDBFS   = -1.0
)

// CheckMic listens for MicCheckTime without saving anything and says
// whether the level is good.
func (s *Session) CheckMic() {
	s.do(func() {
		if s.snap.State != Setup || s.snap.MicCheck.Running {
			return
		}
		var rec LiveRecording
		rec, err := s.cfg.Recorder.Record(audio.RecordOptions{
			Device:      s.snap.Device,
			MaxDuration: MicCheckTime,
			OnLevel: func(l audio.Level) {
				s.cfg.Worker.Go(func() {
					if s.mic != nil && s.mic == rec {
						s.snap.Meter = l
						s.publish(false)
					}
				})
			},
		})
		if err != nil {
			s.snap.MicCheck = MicCheck{Done: true, Message: "The microphone could not be opened: " + err.Error()}
			s.publish(true)
			return
		}
		s.mic = rec
		s.snap.MicCheck = MicCheck{Running: true, Message: "Listening… say something."}
		s.publish(true)
		go func() {
			<-rec.Done()
			res, err := rec.Stop()
			s.cfg.Worker.Go(func() { s.micChecked(rec, res, err) })
		}()
	})
}

func (s *Session) micChecked(rec LiveRecording, res audio.Recording, err error) {
	if s.mic != rec {
		return
	}
	s.mic = nil
	s.snap.Meter = audio.Level{RMS: audio.MinDBFS, Peak: audio.MinDBFS}
	switch {
	case err != nil:
		s.snap.MicCheck = MicCheck{Done: true, Message: "The microphone could not be opened: " + err.Error()}
	case res.Peak < SilentDBFS:
		s.snap.MicCheck = MicCheck{Done: true, Message: fmt.Sprintf("We heard almost nothing (peak %.0f dBFS). Check the microphone is on, unmuted and the one selected.", res.Peak)}
	case res.Peak > ClipDBFS:
		s.snap.MicCheck = MicCheck{Done: true, Message: "Too loud: your voice clips. Move back a little or turn the input gain down."}
	default:
		s.snap.MicCheck = MicCheck{Done: true, OK: true, Message: fmt.Sprintf("Sounds good (peak %.0f dBFS).", res.Peak)}
	}
	if s.snap.State == Closed {
		return
	}
	s.publish(true)
}

// Begin leaves the setup screen for the first step, or the mock
// interview's screen.
func (s *Session) Begin() {
	s.do(func() {
		if s.snap.State != Setup || s.snap.MicCheck.Running {
			return
		}
		if s.cfg.Mode == practice.Mock {
			s.snap.Screen = MockScreen
			s.setState(Ready)
			return
		}
		s.goToStep(0)
	})
}

// goToStep shows step i of a step-by-step rehearsal.
func (s *Session) goToStep(i int) {
	s.player.Stop()
	s.snap.Screen, s.snap.Step = StepScreen, i
	s.snap.State = Ready
	if s.snap.Counted(s.snap.StepID()) != nil {
		s.snap.State = Reviewing
	}
	s.publish(true)
}

// Next moves to the next step; on the last one it finishes the attempt.
// Never while a take is being recorded or saved, which would file it
// under the wrong step.
func (s *Session) Next() {
	s.do(func() {
		if s.snap.Screen != StepScreen || s.snap.Busy() {
			return
		}
		if s.snap.Step == len(s.cfg.Question.Steps)-1 {
			s.finish()
			return
		}
		s.goToStep(s.snap.Step + 1)
	})
}

// Prev moves to the previous step.
func (s *Session) Prev() {
	s.do(func() {
		if s.snap.Screen != StepScreen || s.snap.Busy() || s.snap.Step == 0 {
			return
		}
		s.goToStep(s.snap.Step - 1)
	})
}

// Toggle is Space: it starts a recording on a screen that can take one,
// or stops the one running.
func (s *Session) Toggle() {
	s.do(func() {
		switch {
		case s.snap.State == Recording:
			s.stop()
		case s.snap.State == Ready,
			s.snap.State == Reviewing && s.snap.Screen == StepScreen:
			s.start()
		}
	})
}

// Redo records the step again; earlier takes are kept.
func (s *Session) Redo() {
	s.do(func() {
		if s.snap.State == Reviewing && s.snap.Screen == StepScreen {
			s.start()
		}
	})
}

// recordingStep is the step the next recording on this screen is a take
// of; a mock's one recording is filed under its first step's name.
func (s *Session) recordingStep() practice.StepID {
	switch s.snap.Screen {
	case StepScreen:
		return s.snap.StepID()
	case FollowUpScreen:
		return practice.FollowUpStep
	}
	return s.cfg.Question.Steps[0].Step
}

// start creates the attempt with the first recording, reserves a WAV and
// opens the microphone.
func (s *Session) start() {
	s.player.Stop()
	back := s.snap.State
	s.setState(Starting)
	att := s.snap.Attempt
	var err error
	if att.ID == 0 {
		att = practice.Attempt{QuestionID: s.cfg.Question.ID, Level: s.snap.Level.ID, Mode: s.cfg.Mode}
		err = s.cfg.Store.CreateAttempt(s.ctx, &att)
	}
	var rel, abs string
	if err == nil {
		s.snap.Attempt = att
		rel, abs, err = s.cfg.Store.TakePath(s.ctx, att.ID, s.recordingStep())
	}
	var rec LiveRecording
	if err == nil {
		rec, err = s.cfg.Recorder.Record(audio.RecordOptions{
			Device:      s.snap.Device,
			Path:        abs,
			MaxDuration: practice.MaxTake,
			OnLevel: func(l audio.Level) {
				s.cfg.Worker.Go(func() { s.level(rec, l) })
			},
		})
	}
	if err != nil {
		if abs != "" {
			os.Remove(abs) // the name reserved for a recording that never started
		}
		s.setState(back)
		s.notify("start recording", err)
		return
	}
	s.rec, s.recRel, s.recAbs, s.recStart = rec, rel, abs, s.cfg.Now()
	s.recorded = true
	s.meterAt = time.Time{}
	s.snap.Meter, s.snap.Elapsed, s.snap.Spoken, s.snap.Marks = audio.Level{}, 0, 0, nil
	s.setState(Recording)
	go func() {
		// A recording that ends by itself (the microphone went away) is
		// stopped as if asked, so what was said is still measured and kept.
		<-rec.Done()
		s.cfg.Worker.Go(func() {
			if s.rec == rec && s.snap.State == Recording {
				s.stop()
			}
		})
	}()
}

func (s *Session) level(rec LiveRecording, l audio.Level) {
	if s.rec == nil || s.rec != rec || s.snap.State != Recording {
		return
	}
	s.snap.Meter, s.snap.Elapsed, s.meterAt = l, l.Elapsed, s.cfg.Now()
	s.snap.Spoken = 0
	if l.Spoke {
		s.snap.Spoken = max(l.Elapsed-l.SpeechStart, 0)
	}
	s.publish(false)
}

// elapsed estimates the audio recorded by now from the latest reading.
func (s *Session) elapsed() time.Duration {
	if s.meterAt.IsZero() {
		return s.cfg.Now().Sub(s.recStart)
	}
	return s.snap.Meter.Elapsed + s.cfg.Now().Sub(s.meterAt)
}

// MarkNext is N in a mock interview: the next step starts now.
func (s *Session) MarkNext() {
	s.do(func() {
		if s.snap.Screen != MockScreen || s.snap.State != Recording || len(s.snap.Marks) >= len(s.cfg.Question.Steps)-1 {
			return
		}
		// Milliseconds: what storage keeps, so the clips read back the same.
		s.snap.Marks = append(slices.Clip(s.snap.Marks), s.elapsed().Round(time.Millisecond))
		s.publish(true)
	})
}

// stop finishes the recording, then measures and saves what it holds.
func (s *Session) stop() {
	s.setState(Stopping)
	rec, abs, rel := s.rec, s.recAbs, s.recRel
	res, recErr := rec.Stop()
	s.rec = nil
	s.snap.Elapsed = res.Duration
	s.setState(Analysing)
	var err error
	switch s.snap.Screen {
	case MockScreen:
		err = s.saveMock(abs, rel, res.Overflows)
	default:
		step := s.recordingStep()
		err = s.saveTakes(abs, rel, []practice.MockClip{{Step: step}}, res.Overflows)
	}
	if err != nil {
		s.notify("save the take ("+practice.FormatClock(res.Duration)+" recorded in "+rel+")", err)
	}
	if recErr != nil {
		s.notify("record to the end (what was said is kept)", recErr)
	}
	s.reload()
	s.snap.State = Ready
	if s.reviewable() {
		s.snap.State = Reviewing
	}
	s.publish(true)
	if s.leaving {
		s.close()
	}
}

// reviewable reports whether the screen has a take to review.
func (s *Session) reviewable() bool {
	switch s.snap.Screen {
	case StepScreen:
		return s.snap.Counted(s.snap.StepID()) != nil
	case FollowUpScreen:
		return len(s.snap.TakesOf(practice.FollowUpStep)) > 0
	case MockScreen:
		return s.snap.Split != nil
	}
	return false
}

// saveMock measures each step's clip of the mock recording, cut at the
// marks, and saves a take per step. Input lost (overflows) is counted
// for the recording, not a moment of it, so every step's take carries it.
func (s *Session) saveMock(abs, rel string, overflows int) error {
	var split practice.MockSplit
	steps := make([]practice.StepID, len(s.cfg.Question.Steps))
	for i, st := range s.cfg.Question.Steps {
		steps[i] = st.Step
	}
	marks := s.snap.Marks
	as, err := s.cfg.Analyse(abs, func(length time.Duration) []audio.Span {
		split = practice.SplitMock(steps, marks, length)
		spans := make([]audio.Span, len(split.Clips))
		for i, c := range split.Clips {
			spans[i] = audio.Span{Start: c.From, End: c.To}
		}
		return spans
	})
	if err != nil {
		return err
	}
	s.snap.Split = &split
	return s.store(as, split.Clips, rel, overflows)
}

// saveTakes measures a recording as one take per clip (a zero clip is
// the whole file) and saves them.
func (s *Session) saveTakes(abs, rel string, clips []practice.MockClip, overflows int) error {
	as, err := s.cfg.Analyse(abs, func(length time.Duration) []audio.Span {
		return []audio.Span{{Start: 0, End: length}}
	})
	if err != nil {
		return err
	}
	return s.store(as, clips, rel, overflows)
}

func (s *Session) store(as []audio.Analysis, clips []practice.MockClip, rel string, overflows int) error {
	for i, c := range clips {
		t := Measure(as[i], c.Step, s.snap.Target(c.Step))
		t.AttemptID, t.WAV, t.Overflows = s.snap.Attempt.ID, rel, overflows
		if c.To > 0 {
			t.ClipStart, t.ClipEnd = c.From, c.To
		}
		if c.Step == practice.FollowUpStep && s.snap.FollowUp != nil {
			t.Note = "Follow-up: " + s.snap.FollowUp.Question
		}
		if err := s.cfg.Store.AddTake(s.ctx, &t); err != nil {
			return err
		}
	}
	return nil
}

// reload reads the attempt and its takes back from the store, the single
// source of truth.
func (s *Session) reload() {
	id := s.snap.Attempt.ID
	if id == 0 {
		return
	}
	takes, err := s.cfg.Store.Takes(s.ctx, id)
	var att practice.Attempt
	if err == nil {
		att, err = s.cfg.Store.Attempt(s.ctx, id)
	}
	if err != nil {
		s.notify("read back your takes", err)
		return
	}
	s.snap.Takes, s.snap.Attempt = takes, att
}

// take finds one of the attempt's takes.
func (s *Session) take(id int64) (practice.Take, bool) {
	for _, t := range s.snap.Takes {
		if t.ID == id {
			return t, true
		}
	}
	return practice.Take{}, false
}

// edit saves a change to a take and reads the takes back.
func (s *Session) edit(doing string, f func() error) {
	if err := f(); err != nil {
		s.notify(doing, err)
	}
	s.reload()
	s.publish(true)
}

// Count makes one of a step's takes the one that counts: the candidate's
// own choice, whatever it holds.
func (s *Session) Count(takeID int64) {
	s.do(func() {
		if t, ok := s.take(takeID); ok && !t.Counted && !s.snap.Busy() {
			s.player.Stop()
			s.edit("count that take", func() error { return s.cfg.Store.SetCounted(s.ctx, takeID) })
		}
	})
}

// Rate sets a take's self-rating, 1 to 5 (0 clears it).
func (s *Session) Rate(takeID int64, rating int) {
	s.do(func() {
		if t, ok := s.take(takeID); ok && !s.snap.Busy() && rating >= 0 && rating <= 5 && t.Rating != rating {
			s.edit("save your rating", func() error { return s.cfg.Store.UpdateTake(s.ctx, takeID, rating, t.Checks, t.Note) })
		}
	})
}

// SetChecks sets the self-check items ticked for a take.
func (s *Session) SetChecks(takeID int64, checks []string) {
	s.do(func() {
		if t, ok := s.take(takeID); ok && !s.snap.Busy() && !slices.Equal(t.Checks, checks) {
			s.edit("save your self-checks", func() error { return s.cfg.Store.UpdateTake(s.ctx, takeID, t.Rating, checks, t.Note) })
		}
	})
}

// SetNote sets a take's note.
func (s *Session) SetNote(takeID int64, note string) {
	s.do(func() {
		if t, ok := s.take(takeID); ok && !s.snap.Busy() && t.Note != note {
			s.edit("save your note", func() error { return s.cfg.Store.UpdateTake(s.ctx, takeID, t.Rating, t.Checks, note) })
		}
	})
}

// SetCue sets the candidate's cue card for a step of this question. The
// store decides whether it is the story's line or the question's own, so
// the cards are read back from it.
func (s *Session) SetCue(step practice.StepID, text string) {
	s.do(func() {
		if !s.snap.CuesLoaded || s.snap.Cues.Line(step) == text {
			return // before the load, the card shown was not the stored one
		}
		if err := s.cfg.Store.SetCue(s.ctx, s.cfg.Question.ID, step, text, s.cfg.Question.ShortTitle()); err != nil {
			s.notify("save your cue card", err)
			return
		}
		if s.loadCues() {
			s.publish(true)
		}
	})
}

// loadCues reads the question's cue cards into the snapshot, or says why
// it could not.
func (s *Session) loadCues() bool {
	c, err := s.cfg.Store.Cues(s.ctx, s.cfg.Question.ID)
	if err != nil {
		s.notify("load your cue cards", err)
		return false
	}
	s.snap.Cues, s.snap.CuesLoaded = c, true
	return true
}

// PlayTake plays a take's clip, or stops it when it is playing.
func (s *Session) PlayTake(takeID int64) {
	s.do(func() {
		t, ok := s.take(takeID)
		if !ok || s.snap.Busy() {
			return
		}
		s.player.Toggle(PlayKey(takeID), t.WAV, t.ClipStart, t.ClipEnd)
	})
}

// PlayAnswer plays a mock interview's whole recording, or stops it.
func (s *Session) PlayAnswer() {
	s.do(func() {
		if s.snap.Screen != MockScreen || s.snap.Busy() {
			return
		}
		if t := s.snap.Counted(s.cfg.Question.Steps[0].Step); t != nil {
			s.player.Toggle(AnswerKey, t.WAV, 0, 0)
		}
	})
}

// StopPlayback stops what is playing.
func (s *Session) StopPlayback() { s.do(s.player.Stop) }

// AskFollowUp moves from a measured mock answer to a follow-up question,
// drawn at random, never the one asked last time when there is another.
// A question without follow-ups finishes the attempt.
func (s *Session) AskFollowUp() {
	s.do(func() {
		if s.snap.Screen != MockScreen || s.snap.State != Reviewing {
			return
		}
		q := s.cfg.Question
		if len(q.FollowUps) == 0 {
			s.finish()
			return
		}
		key := prefLastFollowUp + q.ID
		i := pickFollowUp(len(q.FollowUps), s.cfg.Prefs.IntWithFallback(key, -1), s.cfg.Rand)
		s.cfg.Prefs.SetInt(key, i)
		s.player.Stop()
		s.snap.FollowUp = &q.FollowUps[i]
		s.snap.Screen = FollowUpScreen
		s.setState(Ready)
	})
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

// Finish marks the attempt complete and shows the summary (Enter on the
// last step, the mock's results without follow-ups, or the follow-up).
func (s *Session) Finish() {
	s.do(func() {
		switch {
		case s.snap.Busy(), s.snap.Screen == SetupScreen, s.snap.Screen == SummaryScreen:
			return
		case s.snap.Screen == StepScreen && s.snap.Step != len(s.cfg.Question.Steps)-1:
			return
		}
		s.finish()
	})
}

func (s *Session) finish() {
	s.player.Stop()
	id := s.snap.Attempt.ID
	if id == 0 {
		s.close() // nothing was recorded
		return
	}
	back := s.snap.State
	s.setState(Finishing)
	att, err := s.cfg.Store.FinishAttempt(s.ctx, id)
	var sum Summary
	if err == nil {
		f := practice.HistoryFilter{QuestionID: s.cfg.Question.ID, Level: s.snap.Level.ID, Status: practice.Complete, To: att.StartedAt}
		if sum.Before, err = s.cfg.Store.Attempts(s.ctx, f); err == nil {
			sum.Stats, err = s.cfg.Store.StepStats(s.ctx, f)
		}
	}
	if err != nil {
		s.setState(back)
		s.notify("finish the attempt", err)
		return
	}
	s.reload()
	s.snap.Attempt, s.snap.Summary = att, &sum
	s.snap.Screen = SummaryScreen
	s.setState(Finished)
}

// RateAttempt sets the attempt's overall self-rating (0 clears it), on
// the summary.
func (s *Session) RateAttempt(rating int) {
	s.do(func() { s.rateAttempt(rating, s.snap.Attempt.Note) })
}

// SetAttemptNote sets the attempt's note, on the summary.
func (s *Session) SetAttemptNote(note string) {
	s.do(func() { s.rateAttempt(s.snap.Attempt.Rating, note) })
}

func (s *Session) rateAttempt(rating int, note string) {
	a := s.snap.Attempt
	if s.snap.State != Finished || rating < 0 || rating > 5 || (a.Rating == rating && a.Note == note) {
		return
	}
	if err := s.cfg.Store.RateAttempt(s.ctx, a.ID, rating, note); err != nil {
		s.notify("save your rating", err)
	}
	s.reload()
	s.publish(true)
}

// Leave ends the session from wherever it is: a recording running is
// stopped and kept as a take first; an attempt left unfinished is marked
// abandoned. Commands queued before it run first, so nothing typed is
// lost.
func (s *Session) Leave() {
	s.do(func() {
		switch s.snap.State {
		case Recording:
			s.leaving = true
			s.stop() // closes when the take is saved
		default:
			s.close()
		}
	})
}

func (s *Session) close() {
	s.player.Stop()
	if s.mic != nil {
		mic := s.mic
		s.mic = nil
		go mic.Stop()
	}
	switch id := s.snap.Attempt.ID; {
	case id == 0 || s.snap.State == Finished:
	case !s.recorded:
		// The microphone never opened: nothing to keep, and no empty
		// attempt in History.
		if err := s.cfg.Store.DeleteAttempt(s.ctx, id); err != nil && !errors.Is(err, practice.ErrNotFound) {
			s.notify("remove the empty attempt", err)
		}
	default:
		if err := s.cfg.Store.AbandonAttempt(s.ctx, id); err != nil && !errors.Is(err, practice.ErrNotFound) {
			s.notify("keep the unfinished attempt", err)
		}
		s.reload()
	}
	s.setState(Closed)
}
