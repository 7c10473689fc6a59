package ui

import (
	"strings"

	"fyne.io/fyne/v2"
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

// the number of columns
