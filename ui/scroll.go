package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cuedScroll scrolls its content vertically and says when more of it lies
// below: a "More below" button sits under it while the content runs past
// the bottom edge (Fyne's thin scroll bar is easy to miss), never over the
// text, and tapping it scrolls down a page.
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
// out of sight (a few pixels of space are not "more"), and lays the two
// out again when that changes: the button takes a strip under the scroll.
func (s *cuedScroll) update() {
	if show := s.below() > theme.InnerPadding(); show != s.more.Visible() {
		setVisible(s.more, show)
		if s.content != nil {
			s.content.Refresh()
		}
	}
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

// cueLayout fills the space with the scroll and, while the button shows,
// puts it in a strip of its own at the bottom right, so that it covers no
// text.
type cueLayout struct{ s *cuedScroll }

func (l cueLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	b := l.s.more.MinSize()
	pad := theme.Padding()
	strip := b.Height + pad
	l.s.scroll.Resize(size)
	l.s.update()
	if l.s.more.Visible() {
		// Shorter by the strip, the scroll still hides what it hid.
		l.s.scroll.Resize(fyne.NewSize(size.Width, size.Height-strip))
	}
	l.s.more.Resize(b)
	l.s.more.Move(fyne.NewPos(size.Width-b.Width-3*pad, size.Height-b.Height))
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
