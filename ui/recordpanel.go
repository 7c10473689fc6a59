package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/session"
)

// recordPanel is the big clock, the bar against the target and the live
// input meter: what a candidate watches while speaking.
type recordPanel struct {
	clock   *canvas.Text
	bar     *timeBar
	meter   *levelMeter
	button  *widget.Button
	status  *widget.Label
	content fyne.CanvasObject
}

func newRecordPanel(onRecord func()) *recordPanel {
	p := &recordPanel{bar: newTimeBar(), meter: newLevelMeter(), status: widget.NewLabel("")}
	p.clock = canvas.NewText("0:00", theme.Color(theme.ColorNameForeground))
	p.clock.TextSize = 64
	p.clock.TextStyle = fyne.TextStyle{Monospace: true} // digits that do not jitter
	p.clock.Alignment = fyne.TextAlignCenter
	p.button = widget.NewButtonWithIcon("Record  (Space)", theme.MediaRecordIcon(), onRecord)
	p.button.Importance = widget.HighImportance
	p.status.Alignment = fyne.TextAlignCenter
	meterRow := container.NewBorder(nil, nil, widget.NewIcon(theme.VolumeUpIcon()), nil, p.meter)
	p.content = container.NewVBox(p.clock, p.bar, meterRow, p.button, p.status)
	return p
}

// setTarget prepares the bar for a step target and its on-target band.
func (p *recordPanel) setTarget(target time.Duration) {
	b := practice.StepBand(target)
	p.bar.set(target, b.Lo, b.Hi)
}

// setWindow prepares the bar for a whole answer timed against a level.
func (p *recordPanel) setWindow(l practice.Level) { p.bar.setWindow(l) }

// render shows the state of the recording: while recording the clock
// counts from the first word heard, and otherwise shows shown (the take's
// spoken time) in its verdict's colour.
func (p *recordPanel) render(s session.Snapshot, shown time.Duration, verdict practice.Verdict) {
	d := shown
	if s.State == session.Recording {
		d = s.Spoken
	}
	if text := practice.FormatClock(d); p.clock.Text != text {
		p.clock.Text = text
		p.clock.Refresh()
	}
	if s.State == session.Recording {
		p.bar.setElapsed(d)
	} else {
		p.bar.setResult(d, verdict)
	}
	p.meter.show(s.Meter, s.Metered && s.State == session.Recording)

	text, icon, imp := "Record  (Space)", theme.MediaRecordIcon(), widget.HighImportance
	if s.State == session.Recording {
		text, icon, imp = "Stop  (Space)", theme.MediaStopIcon(), widget.DangerImportance
	}
	if p.button.Text != text || p.button.Importance != imp {
		p.button.Text, p.button.Icon, p.button.Importance = text, icon, imp
		p.button.Refresh()
	}
	enable(p.button, s.Can(session.Toggle))
	status := map[session.State]string{
		session.Starting:  "Opening the microphone…",
		session.Recording: "Recording: the clock starts at your first word",
		session.Stopping:  "Finishing the recording…",
		session.Analysing: "Measuring how long you spoke…",
	}[s.State]
	switch {
	case s.State == session.Recording && s.Meter.Spoke:
		status = "Recording: counting from your first word"
	case s.Leaving:
		status = "Saving your take, then leaving…"
	}
	p.status.SetText(status)
	setVisible(p.status, status != "") // an empty line would push the take's result down
}
