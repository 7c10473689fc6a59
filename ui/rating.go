package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ratingBar is five buttons for a 1-5 rating, the chosen one
// highlighted. Buttons do not take the focus when clicked.
type ratingBar struct {
	buttons []*widget.Button
	rating  int
	onRate  func(int)
	content fyne.CanvasObject
}

// newRatingBar makes the five buttons.
func newRatingBar(onRate func(int)) *ratingBar {
	r := &ratingBar{onRate: onRate}
	var objs []fyne.CanvasObject
	for i := 1; i <= 5; i++ {
		b := widget.NewButton(string(rune('0'+i)), func() { r.onRate(i) })
		r.buttons = append(r.buttons, b)
		objs = append(objs, b)
	}
	r.content = container.NewHBox(objs...)
	return r
}

// bindKeys makes each digit among keys press its button; a screen with
// several bars binds the one the digits rate now.
func (r *ratingBar) bindKeys(keys keyMap) {
	for i, b := range r.buttons {
		keys.bind(b, fyne.KeyName(rune('1'+i)))
	}
}

// enable enables or disables the five buttons, and so their keys.
func (r *ratingBar) enable(on bool) {
	for _, b := range r.buttons {
		enable(b, on)
	}
}

// set shows rating (0: none) as chosen.
func (r *ratingBar) set(rating int) {
	if r.rating == rating {
		return
	}
	r.rating = rating
	for i, b := range r.buttons {
		imp := widget.MediumImportance
		if i+1 == rating {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}
