package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
)

// Mic check thresholds, in dBFS: a peak under silentDBFS means nothing
// reached the microphone; one over clipDBFS means the signal clips.
const (
	silentDBFS = -45.0
	clipDBFS   = -1.0
)

// recordPanel is the big clock, the bar against the target and the live
// input meter: what a candidate watches while speaking.
type recordPanel struct {
	clock   *canvas.Text
	bar     *timeBar
	meter   *levelMeter
	button  *widget.Button
	content fyne.CanvasObject
	// last is the latest level report and lastAt when it came: a mock
	// interview's step marks are placed from them.
	last   audio.Level
	lastAt time.Time
	// locked keeps the button off for good: the screen has its recording.
	locked bool
}

func newRecordPanel(onRecord func()) *recordPanel {
	p := &recordPanel{bar: newTimeBar(), meter: newLevelMeter()}
	p.clock = canvas.NewText("0:00", theme.Color(theme.ColorNameForeground))
	p.clock.TextSize = 64
	p.clock.TextStyle = fyne.TextStyle{Monospace: true} // digits that do not jitter
	p.clock.Alignment = fyne.TextAlignCenter
	p.button = widget.NewButtonWithIcon("Record  (Space)", theme.MediaRecordIcon(), onRecord)
	p.button.Importance = widget.HighImportance
	meterRow := container.NewBorder(nil, nil, widget.NewIcon(theme.VolumeUpIcon()), nil, p.meter)
	p.content = container.NewVBox(p.clock, p.bar, meterRow, p.button)
	return p
}

// setTarget prepares the bar for a step target (on target from 80 % to
// 110 %) and resets the clock.
func (p *recordPanel) setTarget(target time.Duration) {
	p.lastAt = time.Time{}
	lo, hi := practice.StepBand(target)
	p.bar.set(target, lo, hi)
	p.showElapsed(0)
}

// setWindow prepares the bar for a whole answer timed against a level.
func (p *recordPanel) setWindow(l practice.Level) {
	p.lastAt = time.Time{}
	p.bar.set(l.Max, l.Min, l.Max)
	p.showElapsed(0)
}

func (p *recordPanel) showElapsed(d time.Duration) {
	p.clock.Text = practice.FormatClock(d)
	p.clock.Color = theme.Color(theme.ColorNameForeground)
	p.clock.Refresh()
	p.bar.setElapsed(d)
}

func (p *recordPanel) update(l audio.Level) {
	p.last, p.lastAt = l, time.Now()
	p.showElapsed(l.Elapsed)
	p.meter.setLevel(l)
}

// recording switches the button between Record and Stop.
func (p *recordPanel) recording(on bool) {
	if on {
		p.button.SetText("Stop  (Space)")
		p.button.SetIcon(theme.MediaStopIcon())
		p.button.Importance = widget.DangerImportance
	} else {
		p.button.SetText("Record  (Space)")
		p.button.SetIcon(theme.MediaRecordIcon())
		p.button.Importance = widget.HighImportance
		p.meter.setLevel(audio.Level{RMS: audio.MinDBFS, Peak: audio.MinDBFS})
	}
	if !p.locked {
		p.button.Enable()
	}
	p.button.Refresh()
}

// lock disables recording on this panel for good.
func (p *recordPanel) lock() {
	p.locked = true
	p.button.Disable()
}

// micVerdict says what a mic check heard.
func micVerdict(peak float64) (string, bool) {
	switch {
	case peak < silentDBFS:
		return fmt.Sprintf("We heard almost nothing (peak %.0f dBFS). Check the microphone is on, unmuted and the one selected.", peak), false
	case peak > clipDBFS:
		return "Too loud: your voice clips. Move back a little or turn the input gain down.", false
	}
	return fmt.Sprintf("Sounds good (peak %.0f dBFS).", peak), true
}
