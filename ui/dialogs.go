package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Every dialog answers the keyboard: Enter takes its default action and
// Esc cancels it. Fyne's dialogs take no keys of their own, so each is
// shown through showDialog, which keeps its keys while it is open; the
// window's key router (UI.typedKey) hands them Enter and Esc.

// openDialog is a dialog showing and what its keys do.
type openDialog struct {
	d          dialog.Dialog
	enter, esc func()
}

// showDialog shows d; enter and esc (nil: close it) are its keys.
func (u *UI) showDialog(d dialog.Dialog, enter, esc func()) {
	if enter == nil {
		enter = d.Dismiss
	}
	if esc == nil {
		esc = d.Dismiss
	}
	u.dialogs = append(u.dialogs, openDialog{d: d, enter: enter, esc: esc})
	d.SetOnClosed(func() {
		for i, o := range u.dialogs {
			if o.d == d {
				u.dialogs = append(u.dialogs[:i], u.dialogs[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// showFileDialog shows a file dialog: Enter is its confirm button (Save,
// Open) while that can be pressed, Esc its Cancel. Fyne puts a save
// dialog's focus in its name field, where Esc would do nothing (a focused
// entry takes every key, and Fyne passes no unmodified key on), so the
// field is left unfocused: Enter saves under the name shown. Clicked into
// to change the name, the field saves on Enter itself.
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	u.showDialog(d, func() {
		if b := confirmButton(u.win.Canvas().Overlays().Top()); b != nil && !b.Disabled() {
			b.OnTapped()
		}
	}, nil)
	u.win.Canvas().Unfocus()
}

// confirmButton is a pop-up's button of high importance, a file dialog's
// Save or Open, found through its containers.
func confirmButton(o fyne.CanvasObject) *widget.Button {
	switch o := o.(type) {
	case *widget.PopUp:
		return confirmButton(o.Content)
	case *fyne.Container:
		for _, c := range o.Objects {
			if b := confirmButton(c); b != nil {
				return b
			}
		}
	case *widget.Button:
		if o.Importance == widget.HighImportance {
			return o
		}
	}
	return nil
}

// confirm asks before doing something: Enter does it (yes, the button
// that says so), Esc does not.
func (u *UI) confirm(title, message, yes string, do func()) {
	c := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			do()
		}
	}, u.win)
	c.SetConfirmText(yes)
	c.SetDismissText("Cancel")
	u.showDialog(c, c.Confirm, nil)
}

// inform says something; Enter or Esc closes it.
func (u *UI) inform(title, message string) {
	u.showDialog(dialog.NewInformation(title, message, u.win), nil, nil)
}

// showErr says what went wrong; Enter or Esc closes it.
func (u *UI) showErr(err error) { u.showDialog(dialog.NewError(err, u.win), nil, nil) }

// dialogKey gives Enter and Esc to the dialog on top, and Esc closes a
// pop-up (a drop-down's list, the date's calendar); it reports whether
// anything was on top, which keeps every other key from the screen below.
func (u *UI) dialogKey(ev *fyne.KeyEvent) bool {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	if n := len(u.dialogs); n > 0 {
		o := u.dialogs[n-1]
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			o.enter()
		case fyne.KeyEscape:
			o.esc()
		}
		return true
	}
	if ev.Name == fyne.KeyEscape {
		top.Hide()
	}
	return true
}
