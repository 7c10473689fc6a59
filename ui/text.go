package ui

import (
	"strings"
	"time"

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

func bold(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

func secs(n int) time.Duration { return time.Duration(n) * time.Second }

// keyPhraseStyle makes a key phrase stand out in an example, in the theme's
// accent colour so it follows light and dark.
var keyPhraseStyle = widget.RichTextStyle{
	Inline:    true,
	ColorName: theme.ColorNamePrimary,
	TextStyle: fyne.TextStyle{Bold: true},
}

// highlight splits text into segments with every occurrence of a key phrase
// (case-insensitive) styled as one. Overlapping phrases: the earliest, then
// the longest, wins.
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
