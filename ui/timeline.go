package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// timelineSpan is one step's part of a mock-interview recording: its clip
// [from, to) and its spoken time, the figure its label shows.
type timelineSpan struct {
	label    string
	from, to time.Duration
	spoken   time.Duration
	verdict  practice.Verdict
}

// stepTimeline draws a whole mock answer as a bar split at the step marks,
// each part coloured by its verdict, with a playhead while it plays.
// Tapping a part plays that step.
type stepTimeline struct {
	widget.BaseWidget
	spans   []timelineSpan
	length  time.Duration // of the whole recording
	onTap   func(span int)
	playing time.Duration // playhead position in the recording; <0 hides it
}

func newStepTimeline(spans []timelineSpan, length time.Duration, onTap func(int)) *stepTimeline {
	t := &stepTimeline{spans: spans, length: length, onTap: onTap, playing: -1}
	t.ExtendBaseWidget(t)
	return t
}

func (t *stepTimeline) total() time.Duration { return max(t.length, time.Second) }

// setPlaying moves the playhead to pos, a position in the whole
// recording; pos < 0 hides it.
func (t *stepTimeline) setPlaying(pos time.Duration) {
	if t.playing != pos {
		t.playing = pos
		t.Refresh()
	}
}

// Tapped plays the step under the pointer.
func (t *stepTimeline) Tapped(ev *fyne.PointEvent) {
	at := time.Duration(float64(t.total()) * float64(ev.Position.X/t.Size().Width))
	for i, s := range t.spans {
		if at >= s.from && at < s.to {
			t.onTap(i)
			return
		}
	}
}

func (t *stepTimeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t, head: canvas.NewRectangle(color.Transparent)}
	for _, s := range t.spans {
		bg := canvas.NewRectangle(color.Transparent)
		bg.CornerRadius = 3
		txt := canvas.NewText(s.label+" "+practice.FormatClock(s.spoken), color.Black)
		txt.Alignment = fyne.TextAlignCenter
		txt.TextStyle = fyne.TextStyle{Bold: true}
		r.parts = append(r.parts, bg)
		r.texts = append(r.texts, txt)
	}
	r.Refresh()
	return r
}

type timelineRenderer struct {
	t     *stepTimeline
	parts []*canvas.Rectangle
	texts []*canvas.Text
	head  *canvas.Rectangle
}

func (r *timelineRenderer) x(d time.Duration, w float32) float32 {
	return w * float32(float64(d)/float64(r.t.total()))
}

func (r *timelineRenderer) Layout(size fyne.Size) {
	for i, s := range r.t.spans {
		x0, x1 := r.x(s.from, size.Width), r.x(s.to, size.Width)
		r.parts[i].Move(fyne.NewPos(x0+1, 0))
		r.parts[i].Resize(fyne.NewSize(max(x1-x0-2, 1), size.Height))
		r.texts[i].Move(fyne.NewPos(x0, 0))
		r.texts[i].Resize(fyne.NewSize(x1-x0, size.Height))
	}
	r.head.Move(fyne.NewPos(r.x(r.t.playing, size.Width)-1, 0))
	r.head.Resize(fyne.NewSize(3, size.Height))
}

func (r *timelineRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 36) }

func (r *timelineRenderer) Refresh() {
	for i, s := range r.t.spans {
		name := theme.ColorNameSuccess
		if s.verdict != practice.OnTarget {
			name = theme.ColorNameWarning
		}
		r.parts[i].FillColor = theme.Color(name)
		r.texts[i].Color = theme.Color(theme.ColorNameForegroundOnSuccess)
	}
	r.head.FillColor = theme.Color(theme.ColorNameForeground)
	if r.t.playing < 0 {
		r.head.FillColor = color.Transparent
	}
	r.Layout(r.t.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 2*len(r.parts)+1)
	for i := range r.parts {
		objs = append(objs, r.parts[i], r.texts[i])
	}
	return append(objs, r.head)
}

func (r *timelineRenderer) Destroy() {}
