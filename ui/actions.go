package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// A screen's keys and its buttons come from one table, as in
// fyne-io/calculator: each key taps a button, so a key does what its
// button does, and nothing while the button is disabled, and a button
// names the key that presses it because it was made with it.

// keyMap is a screen's keys, each bound to the button it taps.
type keyMap map[fyne.KeyName]*widget.Button

// button makes a button labelled with its first key ("Next step
// (Enter)") and binds every key to it.
func (m keyMap) button(label string, icon fyne.Resource, do func(), keys ...fyne.KeyName) *widget.Button {
	if len(keys) > 0 {
		label += "  (" + keyLabel(keys[0]) + ")"
	}
	b := widget.NewButtonWithIcon(label, icon, do)
	m.bind(b, keys...)
	return b
}

// bind makes keys tap b, a button made elsewhere (the recorder's, a
// rating's).
func (m keyMap) bind(b *widget.Button, keys ...fyne.KeyName) {
	for _, k := range keys {
		m[k] = b
	}
}

// press taps the button k is bound to, when it is enabled, and says
// whether k is one of the screen's keys.
func (m keyMap) press(k fyne.KeyName) bool {
	b, ok := m[k]
	if ok && !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
	return ok
}

// keyLabel is how a button names a key.
func keyLabel(k fyne.KeyName) string {
	switch k {
	case fyne.KeyReturn, fyne.KeyEnter:
		return "Enter"
	case fyne.KeyEscape:
		return "Esc"
	case fyne.KeyLeft:
		return "←"
	case fyne.KeyRight:
		return "→"
	}
	return string(k)
}

// enter is both Enter keys: the main one and the keypad's.
var enter = []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter}

// shortcutLabel names a shortcut as the platform does: "Ctrl+H", or
// "Cmd+H" on macOS.
func shortcutLabel(k fyne.KeyName) string { return shortcutModifier + "+" + string(k) }
