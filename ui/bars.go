package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/audio"
	"starcoach/practice"
	"starcoach/session"
)

// timeBar fills with elapsed time toward a mark (a step's target, or the
// top of the level window), over a band that shows the on-target range.
// Its colour warns as the mark nears: amber from 90 % of it, red past the
// band's top.
type timeBar struct {
	widget.BaseWidget
	elapsed, mark time.Duration
	lo, hi        time.Duration    // the on-target band
	verdict       practice.Verdict // a finished take's, which then sets the colour
	labelled      bool             // the band's ends are written under it
}

func newTimeBar() *timeBar {
	b := &timeBar{}
	b.ExtendBaseWidget(b)
	return b
}

// set changes the mark and band; elapsed goes back to zero.
func (b *timeBar) set(mark, lo, hi time.Duration) {
	b.mark, b.lo, b.hi, b.elapsed = mark, lo, hi, 0
	b.Refresh()
}

// setWindow prepares the bar for a whole answer against a level's window,
// whose ends are written under the band.
func (b *timeBar) setWindow(l practice.Level) {
	b.labelled = true
	b.set(l.Max, l.Min, l.Max)
}

// setElapsed shows the time so far of a take being recorded.
func (b *timeBar) setElapsed(d time.Duration) {
	b.elapsed, b.verdict = d, ""
	b.Refresh()
}

// setResult shows a finished take in its verdict's colour, as the verdict
// beside it is shown: green on target even where the live bar would have
// been turning amber.
func (b *timeBar) setResult(d time.Duration, v practice.Verdict) {
	b.elapsed, b.verdict = d, v
	b.Refresh()
}

// colorName is the fill colour for the elapsed time so far.
func (b *timeBar) colorName() fyne.ThemeColorName {
	switch b.verdict {
	case practice.OnTarget:
		return theme.ColorNameSuccess
	case practice.Short, practice.Long:
		return theme.ColorNameWarning // as the verdict's text is shown
	}
	// Red once the clock shows a time past the band, as the verdict would.
	switch {
	case practice.Band{Lo: b.lo, Hi: b.hi}.Verdict(b.elapsed) == practice.Long:
		return theme.ColorNameError
	case float64(b.elapsed) >= practice.NearMark*float64(b.mark):
		return theme.ColorNameWarning
	}
	return theme.ColorNamePrimary
}

// scale is the time the full width stands for: a quarter past the mark,
// or more once the candidate runs over that.
func (b *timeBar) scale() time.Duration {
	s := b.hi + b.mark/4
	if b.elapsed > s {
		s = b.elapsed
	}
	if s <= 0 {
		s = time.Second
	}
	return s
}

func (b *timeBar) CreateRenderer() fyne.WidgetRenderer {
	r := &timeBarRenderer{b: b,
		track: canvas.NewRectangle(color.Transparent),
		band:  canvas.NewRectangle(color.Transparent),
		fill:  canvas.NewRectangle(color.Transparent),
		tick:  canvas.NewRectangle(color.Transparent),
		lo:    canvas.NewText("", color.Transparent),
		hi:    canvas.NewText("", color.Transparent),
	}
	r.lo.TextSize, r.hi.TextSize = theme.CaptionTextSize(), theme.CaptionTextSize()
	r.track.CornerRadius = 4
	r.fill.CornerRadius = 4
	r.Refresh()
	return r
}

type timeBarRenderer struct {
	b                       *timeBar
	track, band, fill, tick *canvas.Rectangle
	lo, hi                  *canvas.Text // the band's ends, when labelled
}

// barHeight is the bar's own height, without the labels under it.
const barHeight = 28

func (r *timeBarRenderer) Layout(full fyne.Size) {
	size := fyne.NewSize(full.Width, barHeight)
	if !r.b.labelled {
		size = full
	}
	x := func(d time.Duration) float32 { return size.Width * float32(float64(d)/float64(r.b.scale())) }
	// Each end's time centred under it, and kept inside the bar.
	for _, l := range []struct {
		t  *canvas.Text
		at time.Duration
	}{{r.lo, r.b.lo}, {r.hi, r.b.hi}} {
		w := l.t.MinSize().Width
		l.t.Move(fyne.NewPos(max(0, min(x(l.at)-w/2, size.Width-w)), size.Height))
		l.t.Resize(l.t.MinSize())
	}
	r.track.Resize(size)
	r.band.Move(fyne.NewPos(x(r.b.lo), 0))
	r.band.Resize(fyne.NewSize(x(r.b.hi)-x(r.b.lo), size.Height))
	r.fill.Resize(fyne.NewSize(min(x(r.b.elapsed), size.Width), size.Height))
	r.tick.Move(fyne.NewPos(x(r.b.mark)-1, 0))
	r.tick.Resize(fyne.NewSize(2, size.Height))
}

func (r *timeBarRenderer) MinSize() fyne.Size {
	if r.b.labelled {
		return fyne.NewSize(120, barHeight+r.lo.MinSize().Height)
	}
	return fyne.NewSize(120, barHeight)
}

func (r *timeBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.band.FillColor = withAlpha(theme.Color(theme.ColorNameSuccess), 0x50)
	r.fill.FillColor = withAlpha(theme.Color(r.b.colorName()), 0xd0)
	r.tick.FillColor = theme.Color(theme.ColorNameForeground)
	r.lo.Text, r.hi.Text = "", ""
	if r.b.labelled {
		r.lo.Text, r.hi.Text = practice.FormatClock(r.b.lo), practice.FormatClock(r.b.hi)
	}
	r.lo.Color, r.hi.Color = theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameForeground)
	r.Layout(r.b.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *timeBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.band, r.fill, r.tick, r.lo, r.hi}
}

func (r *timeBarRenderer) Destroy() {}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// levelMeter shows the microphone's input level: RMS as the bar, peak as a
// tick, from -60 dBFS (silence) to 0 (clipping).
type levelMeter struct {
	widget.BaseWidget
	rms, peak float64
}

const meterFloor = -60.0

func newLevelMeter() *levelMeter {
	m := &levelMeter{rms: audio.MinDBFS, peak: audio.MinDBFS}
	m.ExtendBaseWidget(m)
	return m
}

// show draws a reading; with live false (no reading has come yet, or
// none is being taken) it rests: empty, never a level of 0 dBFS drawn in
// the clipping colour.
func (m *levelMeter) show(l audio.Level, live bool) {
	if !live {
		l = audio.Level{RMS: audio.MinDBFS, Peak: audio.MinDBFS}
	}
	if m.rms != l.RMS || m.peak != l.Peak {
		m.rms, m.peak = l.RMS, l.Peak
		m.Refresh()
	}
}

func (m *levelMeter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m,
		track: canvas.NewRectangle(color.Transparent),
		fill:  canvas.NewRectangle(color.Transparent),
		peak:  canvas.NewRectangle(color.Transparent),
	}
	r.track.CornerRadius = 3
	r.fill.CornerRadius = 3
	r.Refresh()
	return r
}

type meterRenderer struct {
	m                 *levelMeter
	track, fill, peak *canvas.Rectangle
}

func frac(db float64) float32 {
	f := (db - meterFloor) / -meterFloor
	return float32(max(0, min(1, f)))
}

func (r *meterRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	r.fill.Resize(fyne.NewSize(size.Width*frac(r.m.rms), size.Height))
	r.peak.Move(fyne.NewPos(size.Width*frac(r.m.peak)-2, 0))
	r.peak.Resize(fyne.NewSize(2, size.Height))
}

func (r *meterRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 10) }

func (r *meterRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	name := theme.ColorNameSuccess
	switch {
	case r.m.peak > session.ClipDBFS:
		name = theme.ColorNameError
	case r.m.rms > -12:
		name = theme.ColorNameWarning
	}
	r.fill.FillColor = theme.Color(name)
	r.peak.FillColor = theme.Color(theme.ColorNameForeground)
	r.Layout(r.m.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *meterRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.peak}
}
func (r *meterRenderer) Destroy() {}
