package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// para is a paragraph that wraps to the width it is given.
func para(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// heading is a section title.
func heading(text string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: text})
}

// bold is a paragraph in bold.
func bold(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

// highlight splits text into segments with every occurrence of a key phrase
// (case-insensitive), and the punctuation right after it, styled as one.
// Overlapping phrases: the earliest, then the longest, wins.
func highlight(text string, phrases []string) []widget.RichTextSegment {
	lower := strings.ToLower(text)
	var segs []widget.RichTextSegment
	plain := func(s string) {
		if s != "" {
			segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleInline, Text: s})
		}
	}
	pos := 0
	for pos < len(text) {
		start, length := -1, 0
		for _, p := range phrases {
			if p == "" {
				continue
			}
			i := strings.Index(lower[pos:], strings.ToLower(p))
			if i < 0 {
				continue
			}
			i += pos
			if start < 0 || i < start || (i == start && len(p) > length) {
				start, length = i, len(p)
			}
		}
		if start < 0 {
			break
		}
		// Punctuation right after a phrase goes with it: a segment boundary
		// is a place to wrap, and a line must not start with ". Customers".
		for start+length < len(text) && strings.ContainsRune(".,;:!?)”'\"", rune(text[start+length])) {
			length++
		}
		plain(text[pos:start])
		segs = append(segs, &widget.TextSegment{Style: keyPhraseStyle, Text: text[start : start+length]})
		pos = start + length
	}
	plain(text[pos:])
	return segs
}

// richPara is a wrapped paragraph with key phrases highlighted.
func richPara(text string, phrases []string) *phraseText {
	p := &phraseText{segs: highlight(text, phrases), rt: widget.NewRichText()}
	p.ExtendBaseWidget(p)
	p.rewrap(0)
	return p
}

// phraseText is a paragraph of segments in more than one style, wrapped by
// word here rather than by Fyne: Fyne 2.7's RichText, given a segment that
// starts where not even one letter fits on the line, wraps all of it a
// letter a line (fyne-io/fyne#6200, fixed after 2.7.1, which is the newest
// served here). It breaks the lines itself, between words, as the width
// it is given allows, and hands the RichText the lines ready made.
type phraseText struct {
	widget.BaseWidget
	segs  []widget.RichTextSegment // TextSegments, as highlight makes them
	rt    *widget.RichText
	width float32 // the width the lines were broken for
}

func (p *phraseText) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.rt) }

// Resize breaks the lines again for a new width.
func (p *phraseText) Resize(size fyne.Size) {
	if size.Width != p.width {
		p.rewrap(size.Width)
	}
	p.BaseWidget.Resize(size)
}

// MinSize is as narrow as a wrapped paragraph may be, and as tall as the
// lines broken for the width it has.
func (p *phraseText) MinSize() fyne.Size {
	return fyne.NewSize(theme.TextSize()*8, p.rt.MinSize().Height)
}

// rewrap breaks the segments' text into lines that fit width (none yet
// known: a line a paragraph), word by word, a word's width measured in its
// own segment's style.
func (p *phraseText) rewrap(width float32) {
	p.width = width
	room := width - 2*theme.InnerPadding()
	var out []widget.RichTextSegment
	x := float32(0)
	for _, s := range p.segs {
		ts, ok := s.(*widget.TextSegment)
		if !ok {
			out = append(out, s)
			continue
		}
		var b strings.Builder
		for _, word := range strings.SplitAfter(ts.Text, " ") {
			if word == "" {
				continue
			}
			w := fyne.MeasureText(strings.TrimRight(word, " "), theme.TextSize(), ts.Style.TextStyle).Width
			if width > 0 && x > 0 && x+w > room {
				b.WriteString("\n")
				x = 0
			}
			b.WriteString(word)
			x += fyne.MeasureText(word, theme.TextSize(), ts.Style.TextStyle).Width
		}
		out = append(out, &widget.TextSegment{Style: ts.Style, Text: b.String()})
	}
	p.rt.Segments = out
	p.rt.Refresh()
	p.Refresh()
}

// warning is a paragraph that is shown only while it has text.
func warning(l *widget.Label, text string) {
	l.Importance = widget.DangerImportance
	l.SetText(text)
	setVisible(l, text != "")
}

func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// keyPhraseStyle makes a key phrase stand out in an example, in the theme's
// accent colour so it follows light and dark.
var keyPhraseStyle = widget.RichTextStyle{
	Inline:    true,
	ColorName: theme.ColorNamePrimary,
	TextStyle: fyne.TextStyle{Bold: true},
}
