//go:build darwin

package ui

// shortcutModifier names the key the app's shortcuts are pressed with
// (Fyne's KeyModifierShortcutDefault): Cmd on macOS, Ctrl elsewhere.
const shortcutModifier = "Cmd"
