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
func richPara(text string, phrases []string) *widget.RichText {
	rt := widget.NewRichText(highlight(text, phrases)...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
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
