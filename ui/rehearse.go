package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
	"starcoach/session"
)

// rehearsal shows one session: the setup screen, a screen per step or the
// mock interview, the follow-up, the summary. It renders the snapshots
// the session publishes and forwards the candidate's clicks and keys to
// it as commands; it keeps no takes and applies no rules of its own.
type rehearsal struct {
	u       *UI
	s       *session.Session
	snap    session.Snapshot // the latest rendered
	screen  *fyne.Container  // the screen showing
	notice  *widget.Label    // the status line: why a shortcut waits
	content fyne.CanvasObject
	then    func() // what a shortcut asked to do once the rehearsal closes

	built    string // the screen built, as screenKey names it
	view     view   // the screen built
	setup    *setupScreen
	step     *stepScreen
	mock     *mockScreen
	followUp *followUpScreen
	summary  *summaryScreen

	again  bool // Practise again: start a new one once this has closed
	ended  bool
	closed func(*rehearsal) // told once the session has closed
	// finishText names what Finish leads to: "Finish", or in a loop the
	// next question.
	finishText string
	// onLeave, when set, is what Esc and Leave do instead: in a loop,
	// leaving an answer leaves the loop, which asks first.
	onLeave func()
}

func newRehearsal(u *UI, q *practice.Question, mode practice.Mode, level practice.Level) *rehearsal {
	r := newRehearsalView(u, u.endRehearsal)
	cfg := u.sessionConfig()
	cfg.Question, cfg.Mode, cfg.Level = q, mode, level
	cfg.Publish = func(s session.Snapshot) { u.bridge.ui(func() { r.render(s) }) }
	r.s = session.New(cfg)
	return r
}

// newRehearsalView shows a session's screens; closed is told once it has
// closed. Its session is set by whoever starts it.
func newRehearsalView(u *UI, closed func(*rehearsal)) *rehearsal {
	r := &rehearsal{u: u, screen: container.NewStack(), notice: para(""), closed: closed, finishText: "Finish"}
	r.notice.Importance = widget.WarningImportance
	r.notice.Hide()
	r.content = container.NewBorder(nil, r.notice, nil, nil, r.screen)
	return r
}

// sessionConfig is a session's ports as the app has them: the
// microphone, the analysis, the speaker, the store, the remembered
// choices and the clock. The question, mode, level and Publish are the
// caller's.
func (u *UI) sessionConfig() session.Config {
	prefs := u.settings
	return session.Config{
		Device:  prefs.StringWithFallback(session.PrefDevice, ""),
		Worker:  u.bridge.worker,
		Devices: u.audio.Devices, Recorder: u.audio, Analyse: audio.AnalyzeClips, Speaker: u.audio, Store: u.store,
		Prefs: prefs, Clock: u.clock,
		Notify: func(doing string, err error) { u.bridge.ui(func() { u.showError(doing, err) }) },
	}
}

// view is a screen of a rehearsal: it shows each snapshot, and its keys
// tap its buttons.
type view interface {
	render(session.Snapshot)
	bindings() keyMap
}

// screenKey names the screen a snapshot is on: a step screen is one per
// step.
func screenKey(s session.Snapshot) string {
	return fmt.Sprintf("%d/%d", s.Screen, s.Step)
}

// render shows a snapshot, building its screen when it changed.
func (r *rehearsal) render(s session.Snapshot) {
	if r.ended {
		return
	}
	before := r.snap
	r.snap = s
	if s.State == session.Closed {
		r.ended = true
		r.closed(r)
		return
	}
	if s.Screen == session.SummaryScreen && s.Loop != 0 {
		return // the loop's break comes instead
	}
	if key := screenKey(s); key != r.built {
		r.built = key
		var o fyne.CanvasObject
		switch s.Screen {
		case session.SetupScreen:
			r.setup = newSetupScreen(r, s)
			r.view, o = r.setup, r.setup.content
		case session.StepScreen:
			r.step = newStepScreen(r, s)
			r.view, o = r.step, r.step.content
		case session.MockScreen:
			r.mock = newMockScreen(r, s)
			r.view, o = r.mock, r.mock.content
		case session.FollowUpScreen:
			r.followUp = newFollowUpScreen(r, s)
			r.view, o = r.followUp, r.followUp.content
		case session.SummaryScreen:
			r.summary = newSummaryScreen(r, s)
			r.view, o = r.summary, r.summary.content
		}
		r.screen.Objects = []fyne.CanvasObject{o}
		r.screen.Refresh()
		// A control focused on the screen before must not keep the keys.
		r.u.win.Canvas().Unfocus()
	}
	if !s.Busy() {
		r.notice.Hide() // the take it waited for is saved
	}
	r.view.render(s)
	// Lines come and go as the state changes (the recorder's status line,
	// a take's result): the screen is laid out again then, which Fyne's
	// driver does not always do by itself (the mock's step line was left
	// under the status line shown above it, at 800x600).
	if s.State != before.State || s.Leaving != before.Leaving {
		r.screen.Refresh()
	}
}

// say shows text in the status line until the take being made is saved.
func (r *rehearsal) say(text string) {
	r.notice.SetText(text)
	r.notice.Show()
}

// do sends a command to the session after whatever the candidate was
// typing: leaving the text field sends it first.
func (r *rehearsal) do(command func()) {
	r.u.win.Canvas().Unfocus()
	command()
}

// leave is Esc or the Leave button: it asks first when a recording would
// be cut short.
func (r *rehearsal) leave() {
	if r.onLeave != nil {
		r.onLeave()
		return
	}
	if r.snap.State != session.Recording {
		r.do(r.s.Leave)
		return
	}
	r.u.confirm("Leave this attempt?", "A recording is running. Leaving stops it and keeps what you said as a take.",
		"Leave", func() { r.do(r.s.Leave) })
}

// leaveNow leaves without asking, as the window closes.
func (r *rehearsal) leaveNow() { r.do(r.s.Leave) }

// counted is the take that counts on the step screen showing, if any.
func (r *rehearsal) counted() *practice.Take { return r.snap.Counted(r.snap.StepID()) }

// typedKey handles the rehearsal's keys: each taps its button on the
// screen showing.
func (r *rehearsal) typedKey(ev *fyne.KeyEvent) {
	if r.view != nil {
		r.view.bindings().press(ev.Name)
	}
}

// setupScreen picks the level and microphone and checks the microphone.
type setupScreen struct {
	r         *rehearsal
	level     *keySelect
	targets   *widget.Label
	device    *keySelect
	meter     *levelMeter
	micCheck  *widget.Button
	micResult *widget.Label
	start     *widget.Button
	back      *widget.Button
	keys      keyMap
	content   fyne.CanvasObject
}

func (st *setupScreen) bindings() keyMap { return st.keys }

const defaultDevice = "System default"

func newSetupScreen(r *rehearsal, s session.Snapshot) *setupScreen {
	st := &setupScreen{r: r, meter: newLevelMeter(), keys: keyMap{}}
	st.level = newKeySelect(levelNames(), func(name string) {
		if l, ok := practice.LevelByName(name); ok {
			r.s.SetLevel(l.ID)
		}
	})
	st.targets = para("")
	st.device = newKeySelect([]string{defaultDevice}, func(name string) {
		if name == defaultDevice {
			name = ""
		}
		r.s.SetDevice(name)
	})
	st.micCheck = widget.NewButtonWithIcon("Mic check ("+practice.FormatSeconds(s.MicCheck.Length)+")", theme.MediaRecordIcon(), func() { r.do(r.s.CheckMic) })
	st.micResult = para("")
	st.start = st.keys.button("Start", theme.MediaPlayIcon(), func() { r.do(r.s.Begin) }, enter...)
	st.start.Importance = widget.HighImportance
	st.back = st.keys.button("Back", theme.NavigateBackIcon(), r.leave, fyne.KeyEscape)

	title := "Rehearse step by step"
	how := "Record each step on its own screen against its target; redo a step as often as you like."
	if s.Mode == practice.Mock {
		title = "Mock interview"
		how = "Answer in one go, as in the interview. Press N as you move on to the next step so StarCoach knows where each step starts; a follow-up question comes after."
	}
	st.content = container.NewVScroll(container.NewVBox(
		heading(title), bold(s.Question.Title), para(how),
		container.NewHBox(widget.NewLabel("Level"), st.level), st.targets,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewLabel("Microphone"), nil, st.device),
		container.NewBorder(nil, nil, widget.NewIcon(theme.VolumeUpIcon()), nil, st.meter),
		container.NewHBox(st.micCheck), st.micResult,
		widget.NewSeparator(),
		container.NewHBox(st.back, st.start),
	))
	return st
}

func (st *setupScreen) render(s session.Snapshot) {
	if st.level.Selected != s.Level.Name {
		st.level.Selected = s.Level.Name
		st.level.Refresh()
	}
	device := s.Device
	if device == "" {
		device = defaultDevice
	}
	opts := []string{defaultDevice}
	for _, d := range s.Devices {
		opts = append(opts, d.Name)
	}
	if !slices.Equal(st.device.Options, opts) || st.device.Selected != device {
		st.device.Options, st.device.Selected = opts, device
		st.device.Refresh()
	}
	var parts []string
	for _, step := range s.Question.Steps {
		parts = append(parts, step.Step.Name()+" "+practice.FormatSeconds(s.Targets[step.Step]))
	}
	st.targets.SetText(fmt.Sprintf("Targets at %s: %s. Whole answer: %s.",
		s.Level.Name, strings.Join(parts, " · "), s.Level.WindowText()))
	st.meter.show(s.Meter, s.Metered)
	msg, imp := "Say something for "+practice.FormatSeconds(s.MicCheck.Length)+" to check the level.", widget.MediumImportance
	switch m := s.MicCheck; {
	case s.NoMicrophone != nil:
		msg, imp = "No microphone found: "+s.NoMicrophone.Error()+". Plug one in, then come back to this screen.", widget.DangerImportance
	case m.Running:
		msg = m.Message
	case m.Done && m.OK:
		msg, imp = m.Message, widget.SuccessImportance
	case m.Done:
		msg, imp = m.Message, widget.WarningImportance
	}
	if st.micResult.Text != msg || st.micResult.Importance != imp {
		st.micResult.Text, st.micResult.Importance = msg, imp
		st.micResult.Refresh()
	}
	enable(st.micCheck, s.Can(session.CheckMic))
	enable(st.start, s.Can(session.Begin))
}
