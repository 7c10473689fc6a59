package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

const allCategories = "All categories"

// questionList is the left pane: search, category filter and the matching
// questions.
type questionList struct {
	bank     *practice.Bank
	onOpen   func(*practice.Question)
	shown    []*practice.Question
	search   *keyEntry
	category *keySelect
	list     *keyList
	count    *widget.Label
	content  fyne.CanvasObject
}

func newQuestionList(bank *practice.Bank, onOpen func(*practice.Question)) *questionList {
	l := &questionList{bank: bank, onOpen: onOpen}
	l.search = newKeyEntry(false)
	l.search.SetPlaceHolder("Search questions (" + shortcutLabel(fyne.KeyF) + ")")
	l.search.OnChanged = func(string) { l.refresh() }
	// Enter, or Down into the list, opens the first question found.
	first := func() {
		if len(l.shown) > 0 {
			l.list.Select(0)
		}
	}
	l.search.OnSubmitted = func(string) { first() }
	l.search.onDown = first
	l.category = newKeySelect(nil, func(string) { l.refresh() })
	l.count = widget.NewLabel("")
	l.list = newKeyList(
		func() int { return len(l.shown) },
		func() fyne.CanvasObject {
			// Cut at a word: "Made an unpopular…", not "Made an unpop…".
			title := newFitLabel("Made an unpopular decision")
			title.TextStyle = fyne.TextStyle{Bold: true}
			meta := newFitLabel("Leadership · 2:55")
			meta.TextStyle = fyne.TextStyle{Italic: true}
			return container.NewVBox(title, meta)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			q := l.shown[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*fitLabel).SetText(q.ShortTitle())
			box.Objects[1].(*fitLabel).SetText(fmt.Sprintf("%s · %s reference", q.Category, practice.FormatClock(time.Duration(q.ReferenceTotal())*time.Second)))
		},
	)
	l.list.OnSelected = func(id widget.ListItemID) {
		if id < len(l.shown) {
			l.onOpen(l.shown[id])
		}
	}
	l.refresh()
	l.content = container.NewBorder(
		container.NewVBox(l.search, l.category, l.count), nil, nil, nil, l.list)
	return l
}

// refresh re-reads the bank (an import may have grown it) and re-filters.
func (l *questionList) refresh() {
	cats := append([]string{allCategories}, l.bank.Categories()...)
	l.category.Options = cats
	if l.category.Selected == "" {
		l.category.Selected = allCategories
	}
	l.category.Refresh()
	cat := l.category.Selected
	if cat == allCategories {
		cat = ""
	}
	l.shown = l.bank.Search(l.search.Text, cat)
	switch n := len(l.shown); n {
	case 0:
		l.count.SetText("No question matches")
	case 1:
		l.count.SetText("1 question")
	default:
		l.count.SetText(fmt.Sprintf("%d questions", n))
	}
	l.list.UnselectAll()
	l.list.Refresh()
}
