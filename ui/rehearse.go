package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
)

// rehearsal is one attempt at a question: the setup screen, then either a
// screen per step (step-by-step) or one continuous recording (mock), then
// a summary. Everything slow runs off the UI goroutine and comes back
// through UI.do (fyne.Do); each take is saved the moment its recording stops.
type rehearsal struct {
	u       *UI
	q       *practice.Question
	mode    practice.Mode
	level   practice.Level
	targets map[practice.StepID]time.Duration
	device  string // empty for the system default

	attempt practice.Attempt // ID 0 until the first recording starts
	takes   map[practice.StepID][]practice.Take
	story   practice.Story
	step    int // index into q.Steps on the step screens

	rec      Recording // the recording in progress, if any
	recRel   string    // its WAV, relative to the data directory
	recAbs   string
	recStart time.Time
	busy     bool // starting, stopping or analysing: ignore Space
	// closing asks to leave as soon as the recording starting or stopping
	// now is stopped and saved; closeWindow then closes the window too.
	closing, closeWindow bool
	closed               bool
	finishing            bool // the summary is being prepared
	storyLoaded          bool // saving before the load would wipe the notes
	player               Playback
	playGen              int // bumped by every play or stop request

	setup    *setupScreen
	screen   *stepScreen
	mock     *mockScreen
	followUp *followUpScreen
	summary  *summaryScreen
	content  *fyne.Container
}

func newRehearsal(u *UI, q *practice.Question, mode practice.Mode, level practice.Level) *rehearsal {
	r := &rehearsal{u: u, q: q, mode: mode, takes: map[practice.StepID][]practice.Take{}}
	r.setLevel(level)
	r.story = practice.Story{QuestionID: q.ID, Notes: map[practice.StepID]string{}}
	r.content = container.NewStack()
	r.showSetup()
	go func() {
		// The cue cards are the candidate's own notes, kept per question.
		s, err := u.store.Story(context.Background(), q.ID)
		r.u.do(func() {
			if err != nil {
				r.u.showError("load your story notes", err)
				return
			}
			r.storyLoaded = true
			// Keep anything typed while the notes were loading.
			for step, note := range s.Notes {
				if r.story.Notes[step] == "" {
					r.story.Notes[step] = note
					if r.screen != nil && r.screen.step.Step == step {
						r.screen.cue.SetText(note)
					}
				}
			}
		})
	}()
	return r
}

func (r *rehearsal) setLevel(l practice.Level) {
	r.level = l
	r.targets = practice.Targets(r.q, l)
}

func (r *rehearsal) show(o fyne.CanvasObject) {
	r.content.Objects = []fyne.CanvasObject{o}
	r.content.Refresh()
}

// recording reports whether a recording is running.
func (r *rehearsal) recording() bool { return r.rec != nil }

// startRecording creates the attempt if needed, reserves a WAV for step and
// starts the recorder, all off the UI goroutine; started runs on the UI
// goroutine once audio flows.
func (r *rehearsal) startRecording(step practice.StepID, panel *recordPanel, started func()) {
	if r.busy || r.recording() {
		return
	}
	r.stopPlayback()
	r.busy = true
	panel.button.Disable()
	att := r.attempt
	r.saveStory()
	go func() {
		ctx := context.Background()
		var err error
		if att.ID == 0 {
			att = practice.Attempt{QuestionID: r.q.ID, Level: r.level.ID, Mode: r.mode}
			err = r.u.store.CreateAttempt(ctx, &att)
		}
		var rel, abs string
		if err == nil {
			rel, abs, err = r.u.store.TakePath(ctx, att.ID, step)
		}
		var rec Recording
		if err == nil {
			rec, err = r.u.audio.StartRecording(audio.RecordOptions{
				Device: r.device,
				Path:   abs,
				OnLevel: func(l audio.Level) {
					r.u.do(func() {
						if r.rec != nil {
							panel.update(l)
						}
					})
				},
			})
		}
		r.u.do(func() {
			r.busy = false
			r.attempt = att
			if err != nil {
				panel.recording(false)
				r.u.showError("start recording", err)
				if r.closing {
					r.close()
				}
				return
			}
			r.rec, r.recRel, r.recAbs, r.recStart = rec, rel, abs, time.Now()
			panel.recording(true)
			started()
			go r.watchDevice(rec, panel)
			if r.closing { // left while it started: stop, keep it, then go
				r.onRecordToggle()
			}
		})
	}()
}

// watchDevice stops a recording that ended by itself (the microphone went
// away), so what was recorded is still analysed and saved.
func (r *rehearsal) watchDevice(rec Recording, panel *recordPanel) {
	<-rec.Done()
	r.u.do(func() {
		if r.rec == rec && !r.busy {
			r.onRecordToggle()
		}
	})
}

// stopRecording stops the recorder and hands the file and the recorder's
// error (the part recorded is kept even then) to done, off the UI goroutine.
func (r *rehearsal) stopRecording(panel *recordPanel, done func(res audio.Recording, abs, rel string, err error)) {
	if r.busy || !r.recording() {
		return
	}
	r.busy = true
	panel.button.Disable()
	rec, abs, rel := r.rec, r.recAbs, r.recRel
	go func() {
		res, err := rec.Stop()
		done(res, abs, rel, err)
		r.u.do(func() {
			r.rec = nil
			r.busy = false
			panel.recording(false)
			if r.closing {
				r.close()
			}
		})
	}()
}

// onRecordToggle is Space: record or stop on whichever screen is showing.
func (r *rehearsal) onRecordToggle() {
	switch {
	case r.screen != nil && r.content.Objects[0] == r.screen.content:
		r.screen.onRecord()
	case r.mock != nil && r.content.Objects[0] == r.mock.content:
		r.mock.onRecord()
	case r.followUp != nil && r.content.Objects[0] == r.followUp.content:
		r.followUp.onRecord()
	}
}

// measure makes a take from the analysis of (a clip of) a recording. A
// new take counts; the step's earlier takes are kept.
func measure(a audio.Analysis, step practice.StepID, target time.Duration) practice.Take {
	t := practice.MeasuredTake(a, step, target)
	t.Counted = true
	return t
}

// saveTake stores a take (off the UI goroutine) and records it in r.takes.
func (r *rehearsal) saveTake(t practice.Take) (practice.Take, error) {
	t.AttemptID = r.attempt.ID
	if err := r.u.store.AddTake(context.Background(), &t); err != nil {
		return t, err
	}
	return t, nil
}

func (r *rehearsal) addTake(t practice.Take) {
	list := r.takes[t.Step]
	if t.Counted {
		for i := range list {
			list[i].Counted = false
		}
	}
	r.takes[t.Step] = append(list, t)
}

// counted is the take of step that counts, or nil.
func (r *rehearsal) counted(step practice.StepID) *practice.Take {
	list := r.takes[step]
	for i := range list {
		if list[i].Counted {
			return &list[i]
		}
	}
	return nil
}

// updateTakeMeta saves a take's rating, ticked checks and note.
func (r *rehearsal) updateTakeMeta(t *practice.Take) {
	id, rating, checks, note := t.ID, t.Rating, append([]string(nil), t.Checks...), t.Note
	r.u.save("save your rating", func(ctx context.Context) error {
		return r.u.store.UpdateTake(ctx, id, rating, checks, note)
	})
}

// saveStory stores the cue-card notes, once they have been loaded.
func (r *rehearsal) saveStory() {
	if !r.storyLoaded {
		return
	}
	s := r.story
	s.Notes = make(map[practice.StepID]string, len(r.story.Notes))
	for k, v := range r.story.Notes {
		s.Notes[k] = v
	}
	r.u.save("save your story notes", func(ctx context.Context) error {
		return r.u.store.SaveStory(ctx, &s)
	})
}

// play plays a clip of a recording, or stops the playback in progress.
// While it plays, progress gets the position in the clip ten times a
// second; end runs when it stops. Both run on the UI goroutine.
func (r *rehearsal) play(rel string, from, to time.Duration, progress func(time.Duration), end func()) {
	if r.player != nil || r.playGen%2 == 1 {
		r.stopPlayback()
		end()
		return
	}
	r.playGen++ // odd: a playback is starting
	gen := r.playGen
	path := filepath.Join(r.u.store.Dir(), filepath.FromSlash(rel))
	go func() {
		p, err := r.u.audio.Play(path, audio.PlayOptions{From: from, To: to})
		if err != nil {
			r.u.do(func() {
				if r.playGen == gen {
					r.playGen++
				}
				r.u.showError("play the take", err)
				end()
			})
			return
		}
		r.u.do(func() {
			// Stopped, recording or gone meanwhile: this one never plays.
			if r.playGen != gen || r.closed {
				p.Stop()
				return
			}
			r.player = p
		})
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.Done():
				r.u.do(func() {
					if r.player == p {
						r.player = nil
						r.playGen++
					}
					end()
				})
				return
			case <-tick.C:
				pos := p.Position()
				r.u.do(func() {
					if r.player == p {
						progress(pos)
					}
				})
			}
		}
	}()
}

// stopPlayback stops the playback in progress or about to start.
func (r *rehearsal) stopPlayback() {
	if r.playGen%2 == 1 {
		r.playGen++
	}
	if r.player != nil {
		r.player.Stop()
		r.player = nil
	}
}

// leave ends the attempt from the UI (Esc or the Leave button), asking
// first when a recording would be cut short.
func (r *rehearsal) leave() {
	if !r.recording() || r.busy {
		r.stopAndClose()
		return
	}
	dialog.ShowConfirm("Leave this attempt?",
		"A recording is running. Leaving stops it and keeps what you said as a take.",
		func(ok bool) {
			if ok {
				r.stopAndClose()
			}
		}, r.u.win)
}

// stopAndClose leaves the attempt, first stopping and saving a recording
// that is running, starting or stopping.
func (r *rehearsal) stopAndClose() {
	r.closing = true
	switch {
	case r.busy: // the start or stop under way closes when it is done
	case r.recording():
		r.onRecordToggle()
	default:
		r.close()
	}
}

// close saves what was typed and goes back to Study mode.
func (r *rehearsal) close() {
	if r.closed {
		return
	}
	r.closed = true
	if r.screen != nil {
		r.screen.saveEdits()
	}
	if r.summary != nil {
		r.summary.save()
	}
	r.stopPlayback()
	r.saveStory()
	r.u.endRehearsal(r)
	if r.closeWindow {
		r.u.win.Close()
	}
}

// finish marks the attempt complete and shows the summary.
func (r *rehearsal) finish() {
	if r.recording() || r.busy || r.finishing {
		return
	}
	r.stopPlayback()
	id := r.attempt.ID
	if id == 0 {
		r.close() // nothing was recorded
		return
	}
	r.finishing = true
	go func() {
		ctx := context.Background()
		att, err := r.u.store.FinishAttempt(ctx, id)
		var prev []practice.Attempt
		var stats []practice.StepStats
		if err == nil {
			f := practice.HistoryFilter{QuestionID: r.q.ID, Level: r.level.ID, To: att.StartedAt}
			prev, err = r.u.store.Attempts(ctx, f)
			if err == nil {
				stats, err = r.u.store.StepStats(ctx, f)
			}
		}
		r.u.do(func() {
			r.finishing = false
			if r.closed {
				return
			}
			if err != nil {
				r.u.showError("finish the attempt", err)
				return
			}
			r.attempt = att
			r.summary = newSummaryScreen(r, completeOnly(prev), stats)
			r.show(r.summary.content)
		})
	}()
}

func completeOnly(as []practice.Attempt) []practice.Attempt {
	var out []practice.Attempt
	for _, a := range as {
		if a.Status == practice.Complete {
			out = append(out, a)
		}
	}
	return out
}

// typedKey handles the rehearsal's keys; it reports whether it used one.
func (r *rehearsal) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		r.leave()
		return true
	case fyne.KeySpace:
		r.onRecordToggle()
		return true
	}
	switch cur := r.content.Objects[0]; {
	case r.setup != nil && cur == r.setup.content:
		if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
			r.setup.onStart()
			return true
		}
	case r.screen != nil && cur == r.screen.content:
		return r.screen.typedKey(ev)
	case r.mock != nil && cur == r.mock.content:
		return r.mock.typedKey(ev)
	case r.followUp != nil && cur == r.followUp.content:
		if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
			r.finish()
			return true
		}
	}
	return false
}

// setupScreen picks the level and microphone and checks the microphone.
type setupScreen struct {
	r          *rehearsal
	level      *widget.Select
	targets    *widget.Label
	device     *widget.Select
	meter      *levelMeter
	micCheck   *widget.Button
	micResult  *widget.Label
	start      *widget.Button
	content    fyne.CanvasObject
	devices    []audio.Device
	checkingOn bool
}

const defaultDevice = "System default"

func (r *rehearsal) showSetup() {
	s := &setupScreen{r: r, meter: newLevelMeter()}
	r.setup = s
	names := make([]string, len(practice.Levels))
	for i, l := range practice.Levels {
		names[i] = l.Name
	}
	s.level = widget.NewSelect(names, func(name string) {
		if l, ok := practice.LevelByName(name); ok {
			r.setLevel(l)
			s.showTargets()
		}
	})
	s.level.Selected = r.level.Name
	s.targets = para("")
	s.device = widget.NewSelect([]string{defaultDevice}, func(name string) {
		if name == defaultDevice {
			name = ""
		}
		r.device = name
	})
	s.device.Selected = defaultDevice
	s.micCheck = widget.NewButtonWithIcon("Mic check (3 s)", theme.MediaRecordIcon(), s.onMicCheck)
	s.micResult = para("Say something for three seconds to check the level.")
	s.start = widget.NewButtonWithIcon("Start  (Enter)", theme.MediaPlayIcon(), s.onStart)
	s.start.Importance = widget.HighImportance
	leave := widget.NewButtonWithIcon("Back  (Esc)", theme.NavigateBackIcon(), r.leave)

	title := "Rehearse step by step"
	how := "Record each step on its own screen against its target; redo a step as often as you like."
	if r.mode == practice.Mock {
		title = "Mock interview"
		how = "Answer in one go, as in the interview. Press N as you move on to the next step so StarCoach knows where each step starts; a follow-up question comes after."
	}
	s.showTargets()
	s.content = container.NewVScroll(container.NewVBox(
		heading(title), bold(r.q.Title), para(how),
		container.NewHBox(widget.NewLabel("Level"), s.level), s.targets,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewLabel("Microphone"), nil, s.device),
		container.NewBorder(nil, nil, widget.NewIcon(theme.VolumeUpIcon()), nil, s.meter),
		container.NewHBox(s.micCheck), s.micResult,
		widget.NewSeparator(),
		container.NewHBox(leave, s.start),
	))
	r.show(s.content)
	go func() {
		devs, err := r.u.audio.Devices()
		r.u.do(func() { s.setDevices(devs, err) })
	}()
}

func (s *setupScreen) showTargets() {
	var parts []string
	for _, st := range s.r.q.Steps {
		parts = append(parts, st.Step.Name()+" "+practice.FormatSeconds(s.r.targets[st.Step]))
	}
	s.targets.SetText(fmt.Sprintf("Targets at %s: %s. Whole answer: %s.",
		s.r.level.Name, strings.Join(parts, " · "), s.r.level.WindowText()))
}

func (s *setupScreen) setDevices(devs []audio.Device, err error) {
	if err == nil && len(devs) == 0 {
		err = audio.ErrNoInputDevice
	}
	if err != nil {
		s.micResult.SetText("No microphone found: " + err.Error() + ". Plug one in, then come back to this screen.")
		s.micResult.Importance = widget.DangerImportance
		s.micResult.Refresh()
		return
	}
	s.devices = devs
	opts := []string{defaultDevice}
	for _, d := range devs {
		opts = append(opts, d.Name)
	}
	s.device.Options = opts
	s.device.Refresh()
}

// onMicCheck meters the microphone for three seconds without saving audio.
func (s *setupScreen) onMicCheck() {
	if s.checkingOn {
		return
	}
	s.checkingOn = true
	s.micCheck.Disable()
	s.micResult.SetText("Listening… say something.")
	s.micResult.Importance = widget.MediumImportance
	s.micResult.Refresh()
	go func() {
		rec, err := s.r.u.audio.StartRecording(audio.RecordOptions{
			Device:      s.r.device,
			MaxDuration: 3 * time.Second,
			OnLevel:     func(l audio.Level) { s.r.u.do(func() { s.meter.setLevel(l) }) },
		})
		var res audio.Recording
		if err == nil {
			<-rec.Done()
			res, err = rec.Stop()
		}
		s.r.u.do(func() {
			s.checkingOn = false
			s.micCheck.Enable()
			s.meter.setLevel(audio.Level{RMS: audio.MinDBFS, Peak: audio.MinDBFS})
			if err != nil {
				s.micResult.SetText("The microphone could not be opened: " + err.Error())
				s.micResult.Importance = widget.DangerImportance
			} else {
				msg, ok := micVerdict(res.Peak)
				s.micResult.SetText(msg)
				s.micResult.Importance = widget.SuccessImportance
				if !ok {
					s.micResult.Importance = widget.WarningImportance
				}
			}
			s.micResult.Refresh()
		})
	}()
}

func (s *setupScreen) onStart() {
	if s.checkingOn {
		return
	}
	if s.r.mode == practice.Mock {
		s.r.showMock()
		return
	}
	s.r.showStep(0)
}

// showError reports a failure in the window without losing anything: the
// message names what was being done.
func (u *UI) showError(doing string, err error) {
	msg := fmt.Errorf("could not %s: %w", doing, err)
	if errors.Is(err, audio.ErrNoInputDevice) {
		msg = fmt.Errorf("could not %s: no microphone was found. Plug one in and choose it on the start screen", doing)
	}
	dialog.ShowError(msg, u.win)
}
