package quietlocale

import (
	"maps"
	"testing"
)

func TestQuietEnglish(t *testing.T) {
	tests := []struct {
		name      string
		env, want map[string]string
	}{
		{"C.UTF-8 in LANG reads as English", map[string]string{"LANG": "C.UTF-8"},
			map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"C.UTF-8 in LC_ALL moves to LANG", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"},
			map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"POSIX.utf8@x", map[string]string{"LANG": "POSIX.utf8@x"},
			map[string]string{"LANG": "POSIX.utf8@x", "LC_MESSAGES": "C"}},
		{"plain C is left alone", map[string]string{"LANG": "C"}, map[string]string{"LANG": "C"}},
		{"no locale is left alone", map[string]string{}, map[string]string{}},
		{"a real language is kept", map[string]string{"LANG": "fr_FR.UTF-8"}, map[string]string{"LANG": "fr_FR.UTF-8"}},
		{"LC_MESSAGES wins over LANG", map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "C.UTF-8"},
			map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "C.UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := maps.Clone(tt.env)
			quietEnglish(
				func(k string) string { return env[k] },
				func(k, v string) error { env[k] = v; return nil },
				func(k string) error { delete(env, k); return nil },
			)
			if !maps.Equal(env, tt.want) {
				t.Errorf("environment %v, want %v", env, tt.want)
			}
		})
	}
}
