package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ShowProblem opens a window that explains why StarCoach cannot go on, with
// Quit and, when action is not empty, a button that tries to put it right.
// If the action fails its error replaces the message; if it succeeds the
// window closes (the action opens whatever comes next).
func ShowProblem(app fyne.App, title, message, action string, fix func() error) fyne.Window {
	w := app.NewWindow("StarCoach")
	msg := para(message)
	keys := keyMap{} // Esc quits, Enter tries to put it right
	quit := keys.button("Quit", theme.CancelIcon(), app.Quit, fyne.KeyEscape)
	buttons := container.NewHBox(quit)
	if action != "" {
		b := keys.button(action, theme.ConfirmIcon(), nil, enter...)
		b.Importance = widget.HighImportance
		b.OnTapped = func() {
			b.Disable() // one attempt at a time
			if err := fix(); err != nil {
				msg.SetText(err.Error())
				b.Enable()
				return
			}
			w.Close()
		}
		buttons.Add(b)
	}
	w.SetContent(container.NewPadded(container.NewBorder(
		container.NewHBox(widget.NewIcon(theme.WarningIcon()), heading(title)), buttons, nil, nil, msg)))
	w.Resize(fyne.NewSize(640, 320))
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { keys.press(ev.Name) })
	w.Show()
	return w
}

// Notify shows the candidate what went wrong in the background (a pack
// that no longer loads, a recording that could not be recovered), if
// anything did.
func (u *UI) Notify(title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	u.inform(title, strings.Join(lines, "\n\n"))
}
