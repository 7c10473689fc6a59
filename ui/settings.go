package ui

import (
	"context"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"

	"starcoach/session"
)

// settings are the small choices the app remembers (the level, the
// microphone, the Hints tick, the window's size, the follow-up asked last),
// kept in the database's settings table rather than in Fyne's preferences
// file: Fyne saves that file, with an fsync, on whichever goroutine made
// the change and at times on the UI goroutine, which a busy disk froze for
// seconds, and it reloads the file when it changes on disk, which once
// caught it half-written ("Preferences load error: EOF"). Here a change
// is kept in memory at once, for every reader, and written on the serial
// worker, after the writes before it.
type settings struct {
	mu     sync.Mutex
	values map[string]string
	save   func(key, value string) // on the worker
}

var _ session.Prefs = (*settings)(nil)

// settingKeys are those kept in Fyne's preferences by earlier StarCoach
// versions, brought over once.
var settingKeys = []string{session.PrefLevel, session.PrefDevice, prefSize, prefHints}

// newSettings starts from what the store holds (read before the window
// opens), bringing over what an earlier version kept in Fyne's
// preferences.
func newSettings(app fyne.App, stored map[string]string, b *bridge, store Store) *settings {
	s := &settings{values: map[string]string{}, save: func(string, string) {}}
	if store != nil {
		s.save = func(key, value string) {
			b.write(func(ctx context.Context) error { return store.SetSetting(ctx, key, value) }, nil)
		}
	}
	for k, v := range stored {
		s.values[k] = v
	}
	for _, k := range settingKeys {
		if _, ok := s.values[k]; !ok {
			if v := app.Preferences().String(k); v != "" {
				s.SetString(k, v)
			}
		}
	}
	return s
}

func (s *settings) get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.values[key]
	return v, ok
}

func (s *settings) set(key, value string) {
	s.mu.Lock()
	old, had := s.values[key]
	s.values[key] = value
	s.mu.Unlock()
	if !had || old != value {
		s.save(key, value)
	}
}

// StringWithFallback is the setting, or fallback when there is none.
func (s *settings) StringWithFallback(key, fallback string) string {
	if v, ok := s.get(key); ok {
		return v
	}
	return fallback
}

// SetString keeps a setting.
func (s *settings) SetString(key, value string) { s.set(key, value) }

// IntWithFallback is the setting as a number, or fallback.
func (s *settings) IntWithFallback(key string, fallback int) int {
	if v, ok := s.get(key); ok {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return fallback
}

// SetInt keeps a number.
func (s *settings) SetInt(key string, value int) { s.set(key, strconv.Itoa(value)) }

// Bool is the setting as a yes or no.
func (s *settings) Bool(key string) bool { return s.StringWithFallback(key, "") == "true" }

// SetBool keeps a yes or no.
func (s *settings) SetBool(key string, value bool) { s.set(key, strconv.FormatBool(value)) }
