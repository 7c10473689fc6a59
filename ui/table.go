package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newTable lays cells out in rows of cols, like a grid, but each row only
// as tall as its own cells: a heading that wraps onto two lines does not
// make every row two lines tall, as it does in Fyne's grid. Columns are
// as wide as their cells on one line when there is room; when there is
// not, the ones whose text wraps give way, in proportion to their text.
func newTable(cols int, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(tableLayout(cols), cells...)
}

type tableLayout int

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
