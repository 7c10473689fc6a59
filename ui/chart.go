package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// The progress chart of one question: a small chart per STAR step and one
// for the whole answer, each plotting the spoken time of every attempt
// (oldest on the left) over the on-target band. Fyne has no chart widget,
// so it is drawn with canvas primitives: it follows the theme, is sharp at
// any size and scale, and its model and geometry can be checked in tests.

// chartAttempt is one attempt along the x axis.
type chartAttempt struct {
	ID    int64
	At    time.Time
	Level practice.LevelID
}

// chartPoint is one attempt's figure in one panel.
type chartPoint struct {
	Attempt int // index into chartModel.Attempts
	Spoken  time.Duration
	// Target is the step's target (for the whole answer, the top of the
	// level window); Lo and Hi bound the on-target band.
	Target, Lo, Hi time.Duration
	Verdict        practice.Verdict
}

// chartPanel is the small chart of one step, or of the whole answer when
// Step is empty.
type chartPanel struct {
	Title  string
	Step   practice.StepID
	Points []chartPoint // oldest attempt first
	YMax   time.Duration
	Ticks  []time.Duration
}

// chartModel is what the chart shows, independent of its size.
type chartModel struct {
	Attempts []chartAttempt // oldest first
	Panels   []chartPanel
}

// newChartModel turns a question's attempts (as StepProgress gives them:
// newest first) into the chart's panels. The whole answer is each
// attempt's own, as every other screen shows it: a mock's runs from the
// first word to the last, pauses between steps included.
func newChartModel(as []practice.AttemptTimes) chartModel {
	var m chartModel
	total := chartPanel{Title: "Whole answer"}
	for i := range as {
		a := as[len(as)-1-i]
		m.Attempts = append(m.Attempts, chartAttempt{ID: a.ID, At: a.StartedAt, Level: a.Level})
		if l, ok := practice.LevelByID(a.Level); ok {
			w := l.Window()
			total.Points = append(total.Points, chartPoint{Attempt: i, Spoken: practice.Shown(a.Spoken), Target: l.Max, Lo: w.Lo, Hi: w.Hi, Verdict: a.Verdict})
		}
	}
	for _, step := range practice.Steps {
		panel := chartPanel{Title: step.Name(), Step: step}
		for i := range as {
			for _, p := range as[len(as)-1-i].Steps {
				if p.Step != step {
					continue
				}
				b := practice.StepBand(p.Target)
				panel.Points = append(panel.Points, chartPoint{Attempt: i, Spoken: practice.Shown(p.Spoken), Target: p.Target, Lo: b.Lo, Hi: b.Hi, Verdict: p.Verdict})
			}
		}
		m.Panels = append(m.Panels, panel)
	}
	m.Panels = append(m.Panels, total)
	for i := range m.Panels {
		m.Panels[i].scale()
	}
	return m
}

// scale picks the panel's y range and round tick marks: the range holds
// every point and the whole band, with a little room above.
func (p *chartPanel) scale() {
	top := 10 * time.Second
	for _, pt := range p.Points {
		top = max(top, pt.Spoken, pt.Hi)
	}
	top = top * 108 / 100
	step := 5 * time.Second
	for _, s := range []time.Duration{5, 10, 15, 20, 30, 60, 90, 120, 180, 300} {
		if s*time.Second*4 >= top {
			step = s * time.Second
			break
		}
		step = s * time.Second
	}
	p.YMax = (top + step - 1) / step * step
	p.Ticks = nil
	for t := time.Duration(0); t <= p.YMax; t += step {
		p.Ticks = append(p.Ticks, t)
	}
}

// The chart's geometry at a given size: where every primitive goes.
type chartGeom struct {
	Panels []panelGeom
}

type rectGeom struct {
	Pos  fyne.Position
	Size fyne.Size
}

type panelGeom struct {
	Frame  rectGeom
	Plot   rectGeom // the plotting area inside the frame
	Title  fyne.Position
	Bands  []rectGeom      // runs of attempts with the same band
	Ticks  []float32       // y of each tick, as in chartPanel.Ticks
	Points []fyne.Position // centres, as in chartPanel.Points
	// First and Last place the dates of the first and last attempts
	// under the plot.
	First, Last fyne.Position
}

const (
	chartPad      = 6
	chartAxisW    = 40
	chartDot      = 4.5 // radius
	chartHoverDot = 8
	chartHitSlop  = 14
)

// chartColumns is how many panels fit across the given width.
func chartColumns(w float32) int {
	switch {
	case w >= 720:
		return 3
	case w >= 420:
		return 2
	}
	return 1
}

// layout computes the geometry for size. It allocates only the slices it
// returns, so a resize is cheap.
func (m *chartModel) layout(size fyne.Size, textSize float32) chartGeom {
	g := chartGeom{Panels: make([]panelGeom, len(m.Panels))}
	if len(m.Panels) == 0 {
		return g
	}
	cols := chartColumns(size.Width)
	rows := (len(m.Panels) + cols - 1) / cols
	pw, ph := size.Width/float32(cols), size.Height/float32(rows)
	n := max(1, len(m.Attempts))
	for i, p := range m.Panels {
		pg := &g.Panels[i]
		x0, y0 := float32(i%cols)*pw, float32(i/cols)*ph
		pg.Frame = rectGeom{fyne.NewPos(x0+chartPad/2, y0+chartPad/2), fyne.NewSize(pw-chartPad, ph-chartPad)}
		pg.Title = fyne.NewPos(x0+chartPad+chartAxisW, y0+chartPad)
		top := y0 + chartPad + textSize + 8
		plot := rectGeom{fyne.NewPos(x0+chartPad+chartAxisW, top),
			fyne.NewSize(max(1, pw-2*chartPad-chartAxisW-4), max(1, ph-(top-y0)-chartPad-textSize-6))}
		pg.Plot = plot
		pg.First = fyne.NewPos(plot.Pos.X, plot.Pos.Y+plot.Size.Height+2)
		pg.Last = fyne.NewPos(plot.Pos.X+plot.Size.Width, plot.Pos.Y+plot.Size.Height+2)
		slot := plot.Size.Width / float32(n)
		x := func(a int) float32 { return plot.Pos.X + (float32(a)+0.5)*slot }
		y := func(d time.Duration) float32 {
			return plot.Pos.Y + plot.Size.Height*(1-float32(float64(d)/float64(p.YMax)))
		}
		for _, t := range p.Ticks {
			pg.Ticks = append(pg.Ticks, y(t))
		}
		pg.Points = make([]fyne.Position, len(p.Points))
		for j, pt := range p.Points {
			pg.Points[j] = fyne.NewPos(x(pt.Attempt), y(pt.Spoken))
		}
		for j := 0; j < len(p.Points); {
			k := j
			for k+1 < len(p.Points) && p.Points[k+1].Attempt == p.Points[k].Attempt+1 &&
				p.Points[k+1].Lo == p.Points[j].Lo && p.Points[k+1].Hi == p.Points[j].Hi {
				k++
			}
			left, right := x(p.Points[j].Attempt)-slot/2, x(p.Points[k].Attempt)+slot/2
			top, bottom := y(p.Points[j].Hi), y(p.Points[j].Lo)
			pg.Bands = append(pg.Bands, rectGeom{fyne.NewPos(left, top), fyne.NewSize(right-left, bottom-top)})
			j = k + 1
		}
	}
	return g
}

// chartRef names one point: panel and index in it.
type chartRef struct{ Panel, Point int }

// progressChart draws a chartModel. Hovering a point highlights it and
// tells onHover; tapping it tells onTap (the chart screen opens that
// attempt).
type progressChart struct {
	widget.BaseWidget
	model   chartModel
	version int // bumped when the model changes: the renderer rebuilds
	hover   chartRef
	hovered bool
	onHover func(ref chartRef, ok bool)
	onTap   func(ref chartRef)
	ring    *canvas.Circle // the hovered point's highlight
}

func newProgressChart(m chartModel) *progressChart {
	c := &progressChart{model: m, ring: canvas.NewCircle(color.Transparent)}
	c.ring.StrokeWidth = 2
	c.ring.Hide()
	c.ExtendBaseWidget(c)
	return c
}

// placeRing moves the highlight to the hovered point, or hides it. Only
// the ring is redrawn: hovering costs nothing however many points there are.
func (c *progressChart) placeRing() {
	if !c.hovered {
		c.ring.Hide()
		return
	}
	g := c.model.layout(c.Size(), theme.CaptionTextSize())
	h := c.hover
	if h.Panel >= len(g.Panels) || h.Point >= len(g.Panels[h.Panel].Points) {
		c.ring.Hide()
		return
	}
	p := g.Panels[h.Panel].Points[h.Point]
	c.ring.Move(fyne.NewPos(p.X-chartHoverDot, p.Y-chartHoverDot))
	c.ring.Resize(fyne.NewSize(2*chartHoverDot, 2*chartHoverDot))
	c.ring.Show()
	c.ring.Refresh()
}

func (c *progressChart) setModel(m chartModel) {
	c.model, c.hovered = m, false
	c.ring.Hide()
	c.version++
	c.Refresh()
}

// hit finds the point nearest pos, within reach of a finger or pointer.
func (c *progressChart) hit(pos fyne.Position) (chartRef, bool) {
	g := c.model.layout(c.Size(), theme.CaptionTextSize())
	best, bestD := chartRef{}, float32(chartHitSlop*chartHitSlop)
	found := false
	for i, pg := range g.Panels {
		f := pg.Frame
		if pos.X < f.Pos.X || pos.X > f.Pos.X+f.Size.Width || pos.Y < f.Pos.Y || pos.Y > f.Pos.Y+f.Size.Height {
			continue
		}
		for j, p := range pg.Points {
			dx, dy := p.X-pos.X, p.Y-pos.Y
			if d := dx*dx + dy*dy; d <= bestD {
				best, bestD, found = chartRef{i, j}, d, true
			}
		}
	}
	return best, found
}

func (c *progressChart) MouseIn(ev *desktop.MouseEvent) { c.MouseMoved(ev) }

func (c *progressChart) MouseMoved(ev *desktop.MouseEvent) {
	ref, ok := c.hit(ev.Position)
	if ok == c.hovered && ref == c.hover {
		return
	}
	c.hover, c.hovered = ref, ok
	c.placeRing()
	if c.onHover != nil {
		c.onHover(ref, ok)
	}
}

func (c *progressChart) MouseOut() {
	if !c.hovered {
		return
	}
	c.hovered = false
	c.placeRing()
	if c.onHover != nil {
		c.onHover(chartRef{}, false)
	}
}

// Tapped opens the attempt of the point under the finger; on a touch
// screen, where nothing hovers, it also shows what the point is.
func (c *progressChart) Tapped(ev *fyne.PointEvent) {
	ref, ok := c.hit(ev.Position)
	if !ok {
		return
	}
	c.hover, c.hovered = ref, true
	c.placeRing()
	if c.onHover != nil {
		c.onHover(ref, true)
	}
	if c.onTap != nil {
		c.onTap(ref)
	}
}

// MinSize leaves each of the six panels room to read its dots: 110 high
// in three rows of two, as in a small window, where the screen scrolls.
func (c *progressChart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(300, 330)
}

func (c *progressChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c, version: -1}
	r.Refresh()
	return r
}

// panelObjects are the primitives of one panel.
type panelObjects struct {
	frame       *canvas.Rectangle
	title       *canvas.Text
	first, last *canvas.Text // dates of the first and last attempts
	grid        []*canvas.Line
	tickTexts   []*canvas.Text
	bands       []*canvas.Rectangle
	lines       []*canvas.Line
	dots        []*canvas.Circle
}

type chartRenderer struct {
	c       *progressChart
	version int
	panels  []panelObjects
	objects []fyne.CanvasObject
}

// build makes the primitives for the model; Layout only moves them.
func (r *chartRenderer) build() {
	m := &r.c.model
	r.panels = make([]panelObjects, len(m.Panels))
	r.objects = r.objects[:0]
	for i, p := range m.Panels {
		po := &r.panels[i]
		po.frame = canvas.NewRectangle(color.Transparent)
		po.frame.CornerRadius = 6
		po.title = canvas.NewText(p.Title, color.Black)
		po.title.TextStyle = fyne.TextStyle{Bold: true}
		po.first, po.last = canvas.NewText("", color.Black), canvas.NewText("", color.Black)
		po.last.Alignment = fyne.TextAlignTrailing
		if n := len(m.Attempts); n > 0 {
			po.first.Text = m.Attempts[0].At.Format("2 Jan")
			if n > 1 {
				po.last.Text = m.Attempts[n-1].At.Format("2 Jan")
			}
		}
		r.objects = append(r.objects, po.frame, po.title, po.first, po.last)
		for _, t := range p.Ticks {
			l := canvas.NewLine(color.Transparent)
			txt := canvas.NewText(practice.FormatClock(t), color.Black)
			txt.Alignment = fyne.TextAlignTrailing
			po.grid, po.tickTexts = append(po.grid, l), append(po.tickTexts, txt)
			r.objects = append(r.objects, l, txt)
		}
		nBands := 0
		for j := range p.Points {
			if j == 0 || p.Points[j].Attempt != p.Points[j-1].Attempt+1 ||
				p.Points[j].Lo != p.Points[j-1].Lo || p.Points[j].Hi != p.Points[j-1].Hi {
				nBands++
			}
		}
		for range nBands {
			b := canvas.NewRectangle(color.Transparent)
			po.bands = append(po.bands, b)
			r.objects = append(r.objects, b)
		}
		for j := range p.Points {
			if j > 0 {
				l := canvas.NewLine(color.Transparent)
				l.StrokeWidth = 2
				po.lines = append(po.lines, l)
				r.objects = append(r.objects, l)
			}
		}
		for range p.Points {
			d := canvas.NewCircle(color.Transparent)
			d.StrokeWidth = 1.2
			po.dots = append(po.dots, d)
		}
	}
	for _, po := range r.panels { // dots above every line
		for _, d := range po.dots {
			r.objects = append(r.objects, d)
		}
	}
	r.objects = append(r.objects, r.c.ring)
	r.version = r.c.version
}

func (r *chartRenderer) Layout(size fyne.Size) {
	ts := theme.CaptionTextSize()
	g := r.c.model.layout(size, ts)
	for i, pg := range g.Panels {
		if i >= len(r.panels) {
			break
		}
		po := &r.panels[i]
		po.frame.Move(pg.Frame.Pos)
		po.frame.Resize(pg.Frame.Size)
		po.title.TextSize = ts
		po.title.Move(pg.Title)
		po.first.TextSize, po.last.TextSize = ts, ts
		po.first.Move(pg.First)
		po.last.Move(fyne.NewPos(pg.Last.X-100, pg.Last.Y))
		po.last.Resize(fyne.NewSize(100, ts))
		for k, y := range pg.Ticks {
			po.grid[k].Position1 = fyne.NewPos(pg.Plot.Pos.X, y)
			po.grid[k].Position2 = fyne.NewPos(pg.Plot.Pos.X+pg.Plot.Size.Width, y)
			t := po.tickTexts[k]
			t.TextSize = ts
			t.Move(fyne.NewPos(pg.Frame.Pos.X+2, y-ts*0.7))
			t.Resize(fyne.NewSize(chartAxisW, ts))
		}
		for k, b := range pg.Bands {
			if k < len(po.bands) {
				po.bands[k].Move(b.Pos)
				po.bands[k].Resize(b.Size)
			}
		}
		for k, p := range pg.Points {
			if k > 0 {
				po.lines[k-1].Position1 = pg.Points[k-1]
				po.lines[k-1].Position2 = p
			}
			po.dots[k].Move(fyne.NewPos(p.X-chartDot, p.Y-chartDot))
			po.dots[k].Resize(fyne.NewSize(2*chartDot, 2*chartDot))
		}
	}
	if h := r.c.hover; r.c.hovered && h.Panel < len(g.Panels) && h.Point < len(g.Panels[h.Panel].Points) {
		p := g.Panels[h.Panel].Points[h.Point]
		r.c.ring.Move(fyne.NewPos(p.X-chartHoverDot, p.Y-chartHoverDot))
	}
}

func (r *chartRenderer) MinSize() fyne.Size { return r.c.MinSize() }

// Refresh rebuilds the primitives when the model changed and colours
// them from the current theme, so light and dark both read well.
func (r *chartRenderer) Refresh() {
	if r.version != r.c.version {
		r.build()
	}
	fg := theme.Color(theme.ColorNameForeground)
	// A dot's outline sets it off from the band and the line in both
	// variants: dark on a light theme, light on a dark one.
	outline := withAlpha(fg, 0x90)
	frame := theme.Color(theme.ColorNameInputBackground)
	grid := theme.Color(theme.ColorNameSeparator)
	band := withAlpha(theme.Color(theme.ColorNameSuccess), 0x48)
	line := withAlpha(theme.Color(theme.ColorNamePrimary), 0xc0)
	for i, po := range r.panels {
		po.frame.FillColor = frame
		po.title.Color = fg
		for _, l := range po.grid {
			l.StrokeColor = grid
			l.StrokeWidth = 1
		}
		for _, t := range append(po.tickTexts, po.first, po.last) {
			t.Color = withAlpha(fg, 0xb0)
		}
		for _, b := range po.bands {
			b.FillColor = band
		}
		for _, l := range po.lines {
			l.StrokeColor = line
		}
		for j, d := range po.dots {
			d.FillColor = pointColor(r.c.model.Panels[i].Points[j].Verdict)
			d.StrokeColor = outline
		}
	}
	r.c.ring.FillColor = color.Transparent
	r.c.ring.StrokeColor = fg
	r.Layout(r.c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// pointColor is a verdict's colour: the theme's success green on target,
// its warning amber off it.
func pointColor(v practice.Verdict) color.Color {
	if v == practice.OnTarget {
		return theme.Color(theme.ColorNameSuccess)
	}
	return theme.Color(theme.ColorNameWarning)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}

// chartPointAt is the attempt and point a ref names.
func (m *chartModel) pointAt(ref chartRef) (chartAttempt, chartPoint, bool) {
	if ref.Panel < 0 || ref.Panel >= len(m.Panels) || ref.Point < 0 || ref.Point >= len(m.Panels[ref.Panel].Points) {
		return chartAttempt{}, chartPoint{}, false
	}
	p := m.Panels[ref.Panel].Points[ref.Point]
	return m.Attempts[p.Attempt], p, true
}
