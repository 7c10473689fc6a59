package session

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

// Command is what a screen asks of a session: a key or a button sends
// one, and Snapshot.Can says whether the session would act on it now.
type Command int

// The commands, then the session's own events: what the microphone, the
// clock and the slow work Off the worker report back.
const (
	SetLevel Command = iota
	SetDevice
	CheckMic
	Begin
	Toggle // Space: record, or stop the recording
	Redo
	MarkNext // N in a mock interview
	Next
	Prev
	Count
	Rate
	SetChecks
	SetNote
	SetCue
	PlayTake
	PlayAnswer
	StopPlayback
	AskFollowUp
	Finish
	RateAttempt
	SetAttemptNote
	Leave

	numCommands

	devicesListed // the microphones were listed
	micOpened     // the mic check's microphone opened, or failed to
	micLevel      // a level reading of the mic check
	micTick       // time to see whether the mic check has ended
	micStopped    // the mic check's recording is stopped
	recOpened     // the take's microphone opened, or failed to
	recLevel      // a level reading of the take
	recTick       // time to see whether the recording ended by itself
	recStopped    // the take's recording is stopped
	saved         // the take is measured and saved, or could not be
	finished      // the attempt is marked complete, or could not be
)

// event is a command or an event with what it carries.
type event struct {
	on     Command
	take   int64
	n      int // a rating
	text   string
	step   practice.StepID
	level  practice.LevelID
	checks []string

	gen     int // which recording a reading or tick is of
	devices []audio.Device
	meter   audio.Level
	rec     LiveRecording
	res     audio.Recording
	att     practice.Attempt
	rel     string
	abs     string
	split   *practice.MockSplit
	summary *Summary
	err     error // the slow work's
	recErr  error // the recording's own, from Stop
}

// settled is the state a recording screen rests in: Reviewing when it
// has a take to review, Ready when not.
const settled State = "settled"

// transition is one row of the table: in one of the states in, on the
// event on, when its guard holds (nil: always), do its effect (nil:
// nothing), then move to next ("": stay). quiet rows change only a level
// reading, which a screen redraws without rebuilding.
type transition struct {
	in    []State
	on    Command
	when  func(*Session, event) bool
	do    func(*Session, event)
	next  State
	quiet bool
}

func in(states ...State) []State { return states }

// open is every state but Closed.
var open = in(Setup, Ready, Starting, Recording, Stopping, Analysing, Reviewing, Finishing, Finished)

// transitions is a rehearsal, read top to bottom: the first row whose
// state, event and guard match is the one that runs. A command no row
// takes is ignored, and a screen never offers it (Snapshot.Can).
var transitions []transition

func init() {
	type s = Session
	transitions = []transition{
		// The setup screen: the level, the microphone and its check.
		{in: in(Setup), on: SetLevel, when: (*s).noAttempt, do: (*s).setLevel},
		{in: in(Setup), on: SetDevice, when: (*s).micIdle, do: (*s).setDevice},
		{in: in(Setup), on: CheckMic, when: (*s).micIdle, do: (*s).checkMic},
		{in: in(Setup), on: micOpened, do: (*s).micOpened},
		{in: in(Setup), on: micLevel, do: (*s).micLevel, quiet: true},
		{in: in(Setup), on: micTick, when: (*s).micEnded, do: (*s).stopMic, quiet: true},
		{in: in(Setup), on: micStopped, do: (*s).micChecked},
		{in: in(Setup), on: Begin, when: (*s).micIdleInMock, do: (*s).showMock, next: Ready},
		{in: in(Setup), on: Begin, when: (*s).micIdle, do: (*s).showFirstStep, next: Ready},

		// A take: Space opens the microphone (Starting), Space again stops
		// it (Stopping), then it is measured and saved (Analysing) and the
		// screen settles on it. A recording that ends by itself (the
		// microphone went away, MaxTake) is stopped as if asked, so what
		// was said is still measured and kept.
		{in: in(Ready), on: Toggle, when: (*s).canRecord, do: (*s).startRecording, next: Starting},
		{in: in(Reviewing), on: Toggle, when: (*s).canRedo, do: (*s).startRecording, next: Starting},
		{in: in(Reviewing), on: Redo, when: (*s).canRedo, do: (*s).startRecording, next: Starting},
		{in: in(Starting), on: recOpened, when: (*s).openedWhileLeaving, do: (*s).stopRecordingOpened, next: Stopping},
		{in: in(Starting), on: recOpened, when: (*s).opened, do: (*s).recording, next: Recording},
		{in: in(Starting), on: recOpened, when: (*s).leaving, do: (*s).recordingFailedThenClose, next: Closed},
		{in: in(Starting), on: recOpened, do: (*s).recordingFailed, next: settled},
		{in: in(Recording), on: recLevel, when: (*s).current, do: (*s).recLevel, quiet: true},
		{in: in(Recording), on: recTick, when: (*s).recEnded, do: (*s).stopRecording, next: Stopping},
		{in: in(Recording), on: MarkNext, when: (*s).moreSteps, do: (*s).mark},
		{in: in(Recording), on: Toggle, do: (*s).stopRecording, next: Stopping},
		{in: in(Recording), on: Leave, do: (*s).leaveAfterSaving, next: Stopping},
		{in: in(Stopping), on: recStopped, do: (*s).analyse, next: Analysing},
		{in: in(Analysing), on: saved, when: (*s).leaving, do: (*s).savedThenClose, next: Closed},
		{in: in(Analysing), on: saved, do: (*s).saved, next: settled},

		// Moving between the steps, and the takes on show.
		{in: in(Ready, Reviewing), on: Next, when: (*s).notLastStep, do: (*s).nextStep, next: settled},
		{in: in(Ready, Reviewing), on: Next, when: (*s).lastStepUnrecorded, do: (*s).close, next: Closed},
		{in: in(Ready, Reviewing), on: Next, when: (*s).lastStep, do: (*s).finish, next: Finishing},
		{in: in(Ready, Reviewing), on: Prev, when: (*s).notFirstStep, do: (*s).prevStep, next: settled},
		{in: in(Ready, Reviewing), on: Count, do: (*s).count},
		{in: in(Ready, Reviewing), on: Rate, do: (*s).rate},
		{in: in(Ready, Reviewing), on: SetChecks, do: (*s).setChecks},
		{in: in(Ready, Reviewing), on: SetNote, do: (*s).setNote},
		{in: in(Ready, Reviewing, Finished), on: PlayTake, do: (*s).playTake},
		{in: in(Reviewing), on: PlayAnswer, when: (*s).onMock, do: (*s).playAnswer},
		{in: open, on: StopPlayback, do: (*s).stopPlayback},
		{in: open, on: SetCue, do: (*s).setCue},
		{in: open, on: devicesListed, do: (*s).devicesListed},

		// The mock's follow-up, and finishing the attempt.
		{in: in(Reviewing), on: AskFollowUp, when: (*s).onMockWithFollowUps, do: (*s).askFollowUp, next: Ready},
		{in: in(Reviewing), on: AskFollowUp, when: (*s).onMock, do: (*s).finish, next: Finishing},
		{in: in(Ready, Reviewing), on: Finish, when: (*s).canFinishUnrecorded, do: (*s).close, next: Closed},
		{in: in(Ready, Reviewing), on: Finish, when: (*s).canFinish, do: (*s).finish, next: Finishing},
		{in: in(Finishing), on: finished, when: (*s).finishedWhileLeaving, do: (*s).close, next: Closed},
		{in: in(Finishing), on: finished, when: (*s).finishedOK, do: (*s).showSummary, next: Finished},
		{in: in(Finishing), on: finished, do: (*s).finishFailed, next: settled},
		{in: in(Finished), on: RateAttempt, do: (*s).rateAttempt},
		{in: in(Finished), on: SetAttemptNote, do: (*s).setAttemptNote},

		// Leaving: at once, or when the slow work under way has ended.
		{in: in(Starting, Stopping, Analysing, Finishing), on: Leave, do: (*s).leaveAfterWork},
		{in: open, on: Leave, do: (*s).close, next: Closed},

		// What a microphone opened for a session already closed holds is
		// let go.
		{in: in(Closed), on: micOpened, do: (*s).release},
		{in: in(Closed), on: recOpened, do: (*s).release},
	}
}

// send runs the first row of the table that takes e, and publishes the
// result. A closed session takes no command.
func (s *Session) send(e event) {
	t, ok := s.row(e)
	if !ok {
		return
	}
	if t.do != nil {
		t.do(s, e)
	}
	switch t.next {
	case "":
	case settled:
		s.snap.State = s.restState()
	default:
		s.snap.State = t.next
	}
	s.publish(!t.quiet)
}

// row finds the row that takes e in the current state.
func (s *Session) row(e event) (transition, bool) {
	if s.snap.State == Closed && e.on < numCommands {
		return transition{}, false
	}
	for _, t := range transitions {
		if t.on == e.on && slices.Contains(t.in, s.snap.State) && (t.when == nil || t.when(s, e)) {
			return t, true
		}
	}
	return transition{}, false
}

// can is the set of commands a row takes now, for Snapshot.Can.
func (s *Session) can() uint64 {
	var set uint64
	for c := Command(0); c < numCommands; c++ {
		if _, ok := s.row(event{on: c}); ok {
			set |= 1 << c
		}
	}
	return set
}

// restState is where a recording screen rests: Reviewing when it has a
// take to review.
func (s *Session) restState() State {
	switch s.snap.Screen {
	case StepScreen:
		if s.snap.Counted(s.snap.StepID()) != nil {
			return Reviewing
		}
	case FollowUpScreen:
		if len(s.snap.TakesOf(practice.FollowUpStep)) > 0 {
			return Reviewing
		}
	case MockScreen:
		if s.snap.Split != nil {
			return Reviewing
		}
	}
	return Ready
}

// The guards. Each reads the state only: Snapshot.Can asks them with no
// command's arguments.

func (s *Session) noAttempt(event) bool { return s.snap.Attempt.ID == 0 }
func (s *Session) micIdle(event) bool   { return !s.snap.MicCheck.Running }

func (s *Session) micIdleInMock(e event) bool { return s.micIdle(e) && s.cfg.Mode == practice.Mock }

func (s *Session) micEnded(e event) bool { return s.mic != nil && e.rec == s.mic && ended(s.mic) }

// canRecord: a screen that takes a recording. A microphone listed as
// missing may have been plugged in since: trying again says so if not.
func (s *Session) canRecord(event) bool {
	return s.snap.Screen != SetupScreen && s.snap.Screen != SummaryScreen
}

// canRedo: a step, or the follow-up's answer, is recorded again; the
// mock's answer is one recording, marked as it was spoken.
func (s *Session) canRedo(e event) bool {
	return (s.snap.Screen == StepScreen || s.snap.Screen == FollowUpScreen) && s.canRecord(e)
}

func (s *Session) opened(e event) bool             { return e.err == nil }
func (s *Session) openedWhileLeaving(e event) bool { return e.err == nil && s.snap.Leaving }
func (s *Session) current(e event) bool            { return e.gen == s.recGen }
func (s *Session) recEnded(e event) bool           { return s.current(e) && ended(s.rec) }
func (s *Session) leaving(event) bool              { return s.snap.Leaving }

func (s *Session) moreSteps(event) bool {
	return s.snap.Screen == MockScreen && len(s.snap.Marks) < len(s.cfg.Question.Steps)-1
}

func (s *Session) lastStep(event) bool {
	return s.snap.Screen == StepScreen && s.snap.Step == len(s.cfg.Question.Steps)-1
}

func (s *Session) lastStepUnrecorded(e event) bool { return s.lastStep(e) && s.noAttempt(e) }
func (s *Session) notLastStep(e event) bool        { return s.snap.Screen == StepScreen && !s.lastStep(e) }
func (s *Session) notFirstStep(event) bool         { return s.snap.Screen == StepScreen && s.snap.Step > 0 }
func (s *Session) onMock(event) bool               { return s.snap.Screen == MockScreen }

func (s *Session) onMockWithFollowUps(e event) bool {
	return s.onMock(e) && len(s.cfg.Question.FollowUps) > 0
}

// canFinish: from the last step, the mock's results or the follow-up;
// a loop's answer only after its follow-up, as an interviewer always
// asks one.
func (s *Session) canFinish(e event) bool {
	owed := s.cfg.Loop != 0 && len(s.cfg.Question.FollowUps) > 0
	return s.lastStep(e) || s.snap.Screen == MockScreen && !owed || s.snap.Screen == FollowUpScreen
}

func (s *Session) canFinishUnrecorded(e event) bool { return s.canFinish(e) && s.noAttempt(e) }
func (s *Session) finishedOK(e event) bool          { return e.err == nil }
func (s *Session) finishedWhileLeaving(event) bool  { return s.snap.Leaving }

// ended reports whether a recording has ended by itself.
func ended(r LiveRecording) bool {
	select {
	case <-r.Done():
		return true
	default:
		return false
	}
}

// The effects.

func (s *Session) setLevel(e event) {
	if l, ok := practice.LevelByID(e.level); ok {
		s.applyLevel(l)
		s.cfg.Prefs.SetString(PrefLevel, string(e.level))
	}
}

func (s *Session) setDevice(e event) {
	s.snap.Device = e.text
	s.cfg.Prefs.SetString(PrefDevice, e.text)
}

// devicesListed keeps the microphones to offer beside the system
// default (not its aliases), and says when there is none at all.
func (s *Session) devicesListed(e event) {
	s.snap.Devices, s.snap.DevicesKnown, s.snap.NoMicrophone = audio.Choices(e.devices), true, e.err
	if e.err == nil && len(e.devices) == 0 {
		s.snap.NoMicrophone = audio.ErrNoInputDevice
	}
}

// checkMic opens the microphone for MicCheckTime, saving nothing.
func (s *Session) checkMic(event) {
	s.snap.MicCheck = MicCheck{Length: MicCheckTime, Running: true, Message: "Opening the microphone…"}
	s.snap.Meter, s.snap.Metered = audio.Level{}, false
	s.recGen++
	gen, device := s.recGen, s.snap.Device
	var rec LiveRecording
	var err error
	s.cfg.Worker.Off(func() {
		rec, err = s.cfg.Recorder.Record(audio.RecordOptions{
			Device:      device,
			MaxDuration: MicCheckTime,
			OnLevel:     func(l audio.Level) { s.post(event{on: micLevel, gen: gen, meter: l}) },
		})
	}, func() { s.send(event{on: micOpened, gen: gen, rec: rec, err: err}) })
}

func (s *Session) micOpened(e event) {
	if e.err != nil {
		s.snap.MicCheck = MicCheck{Length: MicCheckTime, Done: true, Message: "The microphone could not be opened: " + e.err.Error()}
		return
	}
	s.mic = e.rec
	s.snap.MicCheck.Message = "Listening… say something."
	s.watch = s.cfg.Clock.Every(recordingEvery, func() { s.post(event{on: micTick, rec: e.rec}) })
}

func (s *Session) micLevel(e event) {
	if s.mic != nil && e.gen == s.recGen {
		s.snap.Meter, s.snap.Metered = e.meter, true
	}
}

// stopMic stops the mic check's recording, which ended by itself.
func (s *Session) stopMic(event) {
	s.stopWatching()
	mic := s.mic
	var res audio.Recording
	var err error
	s.cfg.Worker.Off(func() { res, err = mic.Stop() },
		func() { s.send(event{on: micStopped, rec: mic, res: res, err: err}) })
}

func (s *Session) micChecked(e event) {
	if s.mic != e.rec {
		return
	}
	s.mic = nil
	s.snap.Meter, s.snap.Metered = audio.Level{}, false
	m := MicCheck{Length: MicCheckTime, Done: true}
	switch res := e.res; {
	case e.err != nil:
		m.Message = "The microphone could not be opened: " + e.err.Error()
	case res.Peak < SilentDBFS:
		m.Message = fmt.Sprintf("We heard almost nothing (peak %.0f dBFS). Check the microphone is on, unmuted and the one selected.", res.Peak)
	case res.Peak > ClipDBFS:
		m.Message = "Too loud: your voice clips. Move back a little or turn the input gain down."
	default:
		m.OK, m.Message = true, fmt.Sprintf("Sounds good (peak %.0f dBFS).", res.Peak)
	}
	s.snap.MicCheck = m
}

func (s *Session) showMock(event) { s.snap.Screen = MockScreen }

func (s *Session) showFirstStep(event) { s.snap.Screen, s.snap.Step = StepScreen, 0 }

func (s *Session) nextStep(event) { s.player.Stop(); s.snap.Step++ }

func (s *Session) prevStep(event) { s.player.Stop(); s.snap.Step-- }

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

// startRecording creates the attempt with the first recording, reserves
// a WAV and opens the microphone, off the worker.
func (s *Session) startRecording(event) {
	s.player.Stop()
	s.snap.Meter, s.snap.Metered, s.snap.Elapsed, s.snap.Spoken, s.snap.Marks = audio.Level{}, false, 0, 0, nil
	s.recGen++
	gen, step, device := s.recGen, s.recordingStep(), s.snap.Device
	att := s.snap.Attempt
	if att.ID == 0 {
		att = practice.Attempt{QuestionID: s.cfg.Question.ID, Level: s.snap.Level.ID, Mode: s.cfg.Mode, Loop: s.cfg.Loop}
	}
	var rel, abs string
	var rec LiveRecording
	var err error
	s.cfg.Worker.Off(func() {
		if att.ID == 0 {
			err = s.cfg.Store.CreateAttempt(s.ctx, &att)
		}
		if err == nil {
			rel, abs, err = s.cfg.Store.TakePath(s.ctx, att.ID, step)
		}
		if err == nil {
			rec, err = s.cfg.Recorder.Record(audio.RecordOptions{
				Device:      device,
				Path:        abs,
				MaxDuration: practice.MaxTake,
				OnLevel:     func(l audio.Level) { s.post(event{on: recLevel, gen: gen, meter: l}) },
			})
		}
		if err != nil && abs != "" {
			os.Remove(abs) // the name reserved for a recording that never started
		}
	}, func() { s.send(event{on: recOpened, gen: gen, att: att, rel: rel, abs: abs, rec: rec, err: err}) })
}

// recording follows the recording just opened.
func (s *Session) recording(e event) {
	s.snap.Attempt = e.att
	s.rec, s.recRel, s.recAbs, s.recStart = e.rec, e.rel, e.abs, s.cfg.Clock.Now()
	s.recorded = true
	s.meterAt = time.Time{}
	gen := e.gen
	s.watch = s.cfg.Clock.Every(recordingEvery, func() { s.post(event{on: recTick, gen: gen}) })
}

func (s *Session) recordingFailed(e event) {
	if e.att.ID != 0 {
		s.snap.Attempt = e.att
	}
	s.notify("start recording", e.err)
}

func (s *Session) recordingFailedThenClose(e event) {
	s.recordingFailed(e)
	s.close(e)
}

func (s *Session) recLevel(e event) {
	s.snap.Meter, s.snap.Metered, s.snap.Elapsed, s.meterAt = e.meter, true, e.meter.Elapsed, s.cfg.Clock.Now()
	s.snap.Spoken = 0
	if e.meter.Spoke {
		s.snap.Spoken = max(e.meter.Elapsed-e.meter.SpeechStart, 0)
	}
}

// elapsed estimates the audio recorded by now from the latest reading.
func (s *Session) elapsed() time.Duration {
	if s.meterAt.IsZero() {
		return s.cfg.Clock.Now().Sub(s.recStart)
	}
	return s.snap.Meter.Elapsed + s.cfg.Clock.Now().Sub(s.meterAt)
}

// mark notes where the mock's next step starts: now, in the recording.
func (s *Session) mark(event) {
	// Milliseconds: what storage keeps, so the clips read back the same.
	s.snap.Marks = append(slices.Clip(s.snap.Marks), s.elapsed().Round(time.Millisecond))
}

// stopRecording finishes the recording, off the worker.
func (s *Session) stopRecording(event) {
	s.stopWatching()
	rec, abs, rel := s.rec, s.recAbs, s.recRel
	s.rec = nil
	var res audio.Recording
	var err error
	s.cfg.Worker.Off(func() { res, err = rec.Stop() },
		func() { s.send(event{on: recStopped, res: res, recErr: err, abs: abs, rel: rel}) })
}

// stopRecordingOpened stops a recording that opened after Leave.
func (s *Session) stopRecordingOpened(e event) {
	s.recording(e)
	s.stopRecording(e)
}

func (s *Session) leaveAfterSaving(e event) {
	s.snap.Leaving = true
	s.stopRecording(e)
}

func (s *Session) leaveAfterWork(event) { s.snap.Leaving = true }

// analyse measures the stopped recording and saves its takes, off the
// worker: one take, or a mock's one per step, cut at the marks.
func (s *Session) analyse(e event) {
	s.snap.Elapsed = e.res.Duration
	w := saveWork{
		store: s.cfg.Store, analyse: s.cfg.Analyse, ctx: s.ctx,
		attempt: s.snap.Attempt.ID, abs: e.abs, rel: e.rel, overflows: e.res.Overflows,
		targets: map[practice.StepID]time.Duration{},
	}
	if s.snap.Screen == MockScreen {
		for _, st := range s.cfg.Question.Steps {
			w.mockSteps = append(w.mockSteps, st.Step)
		}
		w.marks = s.snap.Marks
	} else {
		w.step = s.recordingStep()
	}
	for _, st := range append(w.mockSteps, w.step) {
		w.targets[st] = s.snap.Target(st)
	}
	if s.snap.FollowUp != nil {
		w.followUp = s.snap.FollowUp.Question
	}
	var split *practice.MockSplit
	var err error
	s.cfg.Worker.Off(func() { split, err = w.save() }, func() {
		s.send(event{on: saved, split: split, err: err, recErr: e.recErr, res: e.res, rel: e.rel})
	})
}

// saved shows the saved takes, read back from the store, and says what
// went wrong on the way.
func (s *Session) saved(e event) {
	if e.split != nil {
		s.snap.Split = e.split
	}
	if e.err != nil {
		s.notify("save the take ("+practice.FormatClock(e.res.Duration)+" recorded in "+e.rel+")", e.err)
	}
	if e.recErr != nil {
		s.notify("record to the end (what was said is kept)", e.recErr)
	}
	s.reload()
}

func (s *Session) savedThenClose(e event) {
	s.saved(e)
	s.close(e)
}

// saveWork is what saving a take needs, copied off the session for the
// goroutine that does it.
type saveWork struct {
	store     Store
	analyse   Analyser
	ctx       context.Context
	attempt   int64
	abs, rel  string
	overflows int
	step      practice.StepID   // a single take's step
	mockSteps []practice.StepID // or a mock's steps, cut at marks
	marks     []time.Duration
	targets   map[practice.StepID]time.Duration
	followUp  string // the follow-up question asked, for its take's note
}

// save measures the recording and saves its takes; for a mock it
// returns how the answer was divided.
func (w saveWork) save() (*practice.MockSplit, error) {
	var split *practice.MockSplit
	clips := []practice.MockClip{{Step: w.step}}
	cut := func(length time.Duration) []audio.Span { return []audio.Span{{Start: 0, End: length}} }
	if w.mockSteps != nil {
		cut = func(length time.Duration) []audio.Span {
			sp := practice.SplitMock(w.mockSteps, w.marks, length)
			split, clips = &sp, sp.Clips
			spans := make([]audio.Span, len(sp.Clips))
			for i, c := range sp.Clips {
				spans[i] = audio.Span{Start: c.From, End: c.To}
			}
			return spans
		}
	}
	as, err := w.analyse(w.abs, cut)
	if err != nil {
		return nil, err
	}
	for i, c := range clips {
		t := Measure(as[i], c.Step, w.targets[c.Step])
		t.AttemptID, t.WAV, t.Overflows = w.attempt, w.rel, w.overflows
		if c.To > 0 {
			t.ClipStart, t.ClipEnd = c.From, c.To
		}
		if c.Step == practice.FollowUpStep && w.followUp != "" {
			t.Note = "Follow-up: " + w.followUp
		}
		if err := w.store.AddTake(w.ctx, &t); err != nil {
			return split, err
		}
	}
	return split, nil
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
}

func (s *Session) count(e event) {
	if t, ok := s.take(e.take); ok && !t.Counted {
		s.player.Stop()
		s.edit("count that take", func() error { return s.cfg.Store.SetCounted(s.ctx, e.take) })
	}
}

func (s *Session) rate(e event) {
	if t, ok := s.take(e.take); ok && e.n >= 0 && e.n <= 5 && t.Rating != e.n {
		s.edit("save your rating", func() error { return s.cfg.Store.UpdateTake(s.ctx, e.take, e.n, t.Checks, t.Note) })
	}
}

func (s *Session) setChecks(e event) {
	if t, ok := s.take(e.take); ok && !slices.Equal(t.Checks, e.checks) {
		s.edit("save your self-checks", func() error { return s.cfg.Store.UpdateTake(s.ctx, e.take, t.Rating, e.checks, t.Note) })
	}
}

func (s *Session) setNote(e event) {
	if t, ok := s.take(e.take); ok && t.Note != e.text {
		s.edit("save your note", func() error { return s.cfg.Store.UpdateTake(s.ctx, e.take, t.Rating, t.Checks, e.text) })
	}
}

// setCue saves a cue card. The store decides whether it is the story's
// line or the question's own, so the cards are read back from it.
func (s *Session) setCue(e event) {
	if !s.snap.CuesLoaded || s.snap.Cues.Line(e.step) == e.text {
		return // before the load, the card shown was not the stored one
	}
	if err := s.cfg.Store.SetCue(s.ctx, s.cfg.Question.ID, e.step, e.text, s.cfg.Question.ShortTitle()); err != nil {
		s.notify("save your cue card", err)
		return
	}
	s.loadCues()
}

// loadCues reads the question's cue cards into the snapshot, or says why
// it could not.
func (s *Session) loadCues() {
	c, err := s.cfg.Store.Cues(s.ctx, s.cfg.Question.ID)
	if err != nil {
		s.notify("load your cue cards", err)
		return
	}
	s.snap.Cues, s.snap.CuesLoaded = c, true
}

func (s *Session) playTake(e event) {
	if t, ok := s.take(e.take); ok {
		s.player.Toggle(PlayKey(e.take), t.WAV, t.ClipStart, t.ClipEnd)
	}
}

func (s *Session) playAnswer(event) {
	if t := s.snap.Counted(s.cfg.Question.Steps[0].Step); t != nil {
		s.player.Toggle(AnswerKey, t.WAV, 0, 0)
	}
}

func (s *Session) stopPlayback(event) { s.player.Stop() }

// askFollowUp draws a follow-up question at random, never the one asked
// last time when there is another.
func (s *Session) askFollowUp(event) {
	q := s.cfg.Question
	key := prefLastFollowUp + q.ID
	i := pickFollowUp(len(q.FollowUps), s.cfg.Prefs.IntWithFallback(key, -1), s.cfg.Rand)
	s.cfg.Prefs.SetInt(key, i)
	s.player.Stop()
	s.snap.FollowUp = &q.FollowUps[i]
	s.snap.Screen = FollowUpScreen
}

// finish marks the attempt complete and reads what the summary compares
// it with, off the worker.
func (s *Session) finish(event) {
	s.player.Stop()
	id, q, level := s.snap.Attempt.ID, s.cfg.Question.ID, s.snap.Level.ID
	var att practice.Attempt
	var sum Summary
	var err error
	s.cfg.Worker.Off(func() {
		att, err = s.cfg.Store.FinishAttempt(s.ctx, id)
		if err == nil {
			f := practice.HistoryFilter{QuestionID: q, Level: level, Status: practice.Complete, To: att.StartedAt}
			if sum.Before, err = s.cfg.Store.Attempts(s.ctx, f); err == nil {
				sum.Stats, err = s.cfg.Store.StepStats(s.ctx, f)
			}
		}
	}, func() { s.send(event{on: finished, att: att, summary: &sum, err: err}) })
}

func (s *Session) showSummary(e event) {
	s.reload()
	s.snap.Attempt, s.snap.Summary = e.att, e.summary
	s.snap.Screen = SummaryScreen
}

func (s *Session) finishFailed(e event) { s.notify("finish the attempt", e.err) }

func (s *Session) rateAttempt(e event) { s.saveAttemptRating(e.n, s.snap.Attempt.Note) }

func (s *Session) setAttemptNote(e event) { s.saveAttemptRating(s.snap.Attempt.Rating, e.text) }

func (s *Session) saveAttemptRating(rating int, note string) {
	a := s.snap.Attempt
	if rating < 0 || rating > 5 || (a.Rating == rating && a.Note == note) {
		return
	}
	if err := s.cfg.Store.RateAttempt(s.ctx, a.ID, rating, note); err != nil {
		s.notify("save your rating", err)
	}
	s.reload()
}

func (s *Session) stopWatching() {
	if s.watch != nil {
		s.watch()
		s.watch = nil
	}
}

// close ends the session: the microphone let go, an attempt left
// unfinished kept as abandoned (or, if its microphone never opened,
// removed: no empty attempt in History).
func (s *Session) close(event) {
	s.player.Stop()
	s.stopWatching()
	if mic := s.mic; mic != nil {
		s.cfg.Worker.Off(func() { mic.Stop() }, nil)
		s.mic = nil
	}
	switch id := s.snap.Attempt.ID; {
	case id == 0 || s.snap.State == Finished:
	case !s.recorded:
		if err := s.cfg.Store.DeleteAttempt(s.ctx, id); err != nil && !errors.Is(err, practice.ErrNotFound) {
			s.notify("remove the empty attempt", err)
		}
	default:
		if err := s.cfg.Store.AbandonAttempt(s.ctx, id); err != nil && !errors.Is(err, practice.ErrNotFound) {
			s.notify("keep the unfinished attempt", err)
		}
		s.reload()
	}
}

// release lets go of a microphone opened for a session that closed
// meanwhile.
func (s *Session) release(e event) {
	if e.rec != nil {
		rec := e.rec
		s.cfg.Worker.Off(func() { rec.Stop() }, nil)
	}
}
