package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// What makes the screens fit a small laptop (800x600, the window's
// MinSize) without the window growing: text cut at a word, tables whose
// rows are only as tall as their own cells, and scrolls that say there is
// more below.

// fitLabel is a one-line label that, when its text is too long for its
// width, keeps the whole words that fit and adds an ellipsis: "Made an
// unpopular…", where Fyne's own truncation cuts mid-word ("Made an unpop…").
type fitLabel struct {
	widget.Label
	full string // the whole text; Text is the part that fits
}

func newFitLabel(text string) *fitLabel {
	l := &fitLabel{full: text}
	l.Text = text
	// Fyne's truncation stays on: it keeps the label from asking for the
	// width of its whole text, and cuts a single word too long to fit.
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows text, cut to the label's width.
func (l *fitLabel) SetText(text string) {
	l.full = text
	l.Text = l.fitted()
	l.Refresh()
}

func (l *fitLabel) Resize(size fyne.Size) {
	l.Label.Resize(size)
	if text := l.fitted(); text != l.Text {
		l.Text = text
		l.Refresh()
	}
}

// fitted is as much of the text as fits the label's width.
func (l *fitLabel) fitted() string {
	w := l.Size().Width
	if w <= 0 {
		return l.full // not laid out yet
	}
	th := l.Theme()
	return fitWords(l.full, w-2*th.Size(theme.SizeNameInnerPadding), th.Size(theme.SizeNameText), l.TextStyle)
}

// fitWords is text cut after its last whole word that fits width, with an
// ellipsis; text itself when it fits or when not even its first word does.
func fitWords(text string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	words := strings.Fields(text)
	for n := len(words) - 1; n > 0; n-- {
		// "Left · Made…", never "Left ·…".
		cut := strings.TrimRight(strings.Join(words[:n], " "), " ·,;:–-") + "…"
		if fyne.MeasureText(cut, size, style).Width <= width {
			return cut
		}
	}
	return text
}

// newTable lays cells out in rows of cols, like a grid, but each row only
// as tall as its own cells: a heading that wraps onto two lines does not
// make every row two lines tall, as it does in Fyne's grid. Columns are
// as wide as their cells on one line when there is room; when there is
// not, the ones whose text wraps give way, in proportion to their text.
func newTable(cols int, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(tableLayout(cols), cells...)
}

type tableLayout int // the number of columns

// widths are the columns' widths at width w.
func (t tableLayout) widths(objs []fyne.CanvasObject, w float32) []float32 {
	cols := int(t)
	mins, nats := make([]float32, cols), make([]float32, cols)
	for i, o := range objs {
		if o.Visible() {
			mins[i%cols] = max(mins[i%cols], o.MinSize().Width)
			nats[i%cols] = max(nats[i%cols], oneLineWidth(o))
		}
	}
	var sumMin, sumNat float32
	for i := range mins {
		nats[i] = max(nats[i], mins[i])
		sumMin, sumNat = sumMin+mins[i], sumNat+nats[i]
	}
	avail := w - theme.Padding()*float32(cols-1)
	ws := make([]float32, cols)
	for i := range ws {
		switch {
		case sumNat <= avail: // room for every cell on one line: share the rest
			ws[i] = nats[i] + (avail-sumNat)/float32(cols)
		case avail > sumMin: // the wrapping columns share what the others leave
			ws[i] = mins[i] + (avail-sumMin)*(nats[i]-mins[i])/(sumNat-sumMin)
		default:
			ws[i] = mins[i]
		}
	}
	return ws
}

// oneLineWidth is how wide a cell is with its text on one line: a
// wrapping label's whole text, anything else its minimum.
func oneLineWidth(o fyne.CanvasObject) float32 {
	l, ok := o.(*widget.Label)
	if !ok || l.Wrapping == fyne.TextWrapOff {
		return o.MinSize().Width
	}
	th := l.Theme()
	return fyne.MeasureText(l.Text, th.Size(theme.SizeNameText), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
}

func (t tableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	cols, pad := int(t), theme.Padding()
	ws := t.widths(objs, size.Width)
	y := float32(0)
	for row := 0; row*cols < len(objs); row++ {
		cells := objs[row*cols : min(len(objs), (row+1)*cols)]
		// Widths first: a wrapping label knows its height once it has one.
		for i, o := range cells {
			o.Resize(fyne.NewSize(ws[i], o.Size().Height))
		}
		h := float32(0)
		for _, o := range cells {
			if o.Visible() {
				h = max(h, o.MinSize().Height)
			}
		}
		x := float32(0)
		for i, o := range cells {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(ws[i], h))
			x += ws[i] + pad
		}
		y += h + pad
	}
}

func (t tableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	cols, pad := int(t), theme.Padding()
	size := fyne.NewSize(pad*float32(cols-1), 0)
	for _, w := range t.widths(objs, 0) {
		size.Width += w
	}
	for row := 0; row*cols < len(objs); row++ {
		h := float32(0)
		for _, o := range objs[row*cols : min(len(objs), (row+1)*cols)] {
			if o.Visible() {
				h = max(h, o.MinSize().Height)
			}
		}
		if row > 0 {
			size.Height += pad
		}
		size.Height += h
	}
	return size
}

// cuedScroll scrolls its content vertically and says when more of it lies
// below: a "More below" button sits at the bottom edge while the content
// runs past it (Fyne's thin scroll bar is easy to miss), and tapping it
// scrolls down a page.
type cuedScroll struct {
	scroll  *container.Scroll
	more    *widget.Button
	content *fyne.Container // the scroll with the button over it
}

func newCuedScroll(content fyne.CanvasObject) *cuedScroll {
	s := &cuedScroll{}
	// The scroll sizes its content to the content's MinSize: a layout
	// around it hears of every change, the content's growing included.
	s.scroll = container.NewVScroll(container.New(onLayout(s.update), content))
	s.scroll.OnScrolled = func(fyne.Position) { s.update() }
	s.more = widget.NewButtonWithIcon("More below", theme.MoveDownIcon(), s.pageDown)
	s.more.Importance = widget.HighImportance
	s.more.Hide()
	s.content = container.New(cueLayout{s}, s.scroll, s.more)
	return s
}

// below is how much of the content lies below the visible part.
func (s *cuedScroll) below() float32 {
	return s.scroll.Content.Size().Height - s.scroll.Offset.Y - s.scroll.Size().Height
}

// update shows the button while more than a label's bottom padding is
// out of sight: a few pixels of space are not "more".
func (s *cuedScroll) update() {
	setVisible(s.more, s.below() > theme.InnerPadding())
}

// pageDown scrolls down most of a page, keeping a few lines in sight.
func (s *cuedScroll) pageDown() {
	s.scroll.ScrollToOffset(fyne.NewPos(0, s.scroll.Offset.Y+s.scroll.Size().Height*0.8))
	s.update()
}

// ScrollToTop shows the content from its top.
func (s *cuedScroll) ScrollToTop() {
	s.scroll.ScrollToTop()
	s.update()
}

// cueLayout fills the space with the scroll and puts the button at the
// bottom right, clear of the scroll bar.
type cueLayout struct{ s *cuedScroll }

func (l cueLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.s.scroll.Resize(size)
	b := l.s.more.MinSize()
	pad := theme.Padding()
	l.s.more.Resize(b)
	l.s.more.Move(fyne.NewPos(size.Width-b.Width-3*pad, size.Height-b.Height-pad))
	l.s.update()
}

func (l cueLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.s.scroll.MinSize() }

// onLayout stretches its one object over the space and calls f each time
// it is laid out.
type onLayout func()

func (f onLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	f()
}

func (f onLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objs {
		size = size.Max(o.MinSize())
	}
	return size
}
