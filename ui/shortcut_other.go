//go:build !darwin

package ui

// shortcutModifier names the key the app's shortcuts are pressed with
// (Fyne's KeyModifierShortcutDefault): Ctrl here, Cmd on macOS.
const shortcutModifier = "Ctrl"
