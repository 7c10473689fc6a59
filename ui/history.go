package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// showHistory opens the History screen. (Being built: issue 6.)
func (u *UI) showHistory() {
	u.showRight(container.NewCenter(widget.NewLabel("History is coming.")))
}
