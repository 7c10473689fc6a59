package practice

import (
	"strings"
	"testing"
)

// Each signal past its limit gives its own doubt, worst first, and says
// the figure the candidate can check; a clean recording gives none.
func TestTrustDoubts(t *testing.T) {
	cases := []struct {
		name  string
		trust Trust
		short []string
		says  []string // in the problems, in order
	}{
		{"clean", Trust{SampleRate: 48000, SNR: 32, Clipped: 0.0002}, nil, nil},
		{"just under the clipping limit", Trust{SampleRate: 48000, SNR: 32, Clipped: MaxClipped}, nil, nil},
		{"clipped", Trust{SampleRate: 48000, SNR: 32, Clipped: 0.04}, []string{"clipped"}, []string{"4.0 % of the sound"}},
		{"noisy", Trust{SampleRate: 16000, SNR: 5.6, Noisy: true}, []string{"noisy"}, []string{"only 6 dB above"}},
		{"noisy before the figures were kept", Trust{Noisy: true}, []string{"noisy"}, []string{"hard to tell from the background"}},
		{"lost once", Trust{SampleRate: 44100, SNR: 30, Overflows: 1}, []string{"audio lost"}, []string{"lost once"}},
		{"everything", Trust{SampleRate: 44100, SNR: -3, Noisy: true, Clipped: 0.25, Overflows: 3},
			[]string{"audio lost", "noisy", "clipped"}, []string{"lost 3 times", "only 0 dB above", "25 % of the sound"}},
	}
	for _, c := range cases {
		ds := c.trust.Doubts()
		var short []string
		for _, d := range ds {
			short = append(short, d.Short)
			if d.Problem == "" || d.Fix == "" {
				t.Errorf("%s: %q has no problem or fix", c.name, d.Short)
			}
		}
		if strings.Join(short, ",") != strings.Join(c.short, ",") {
			t.Errorf("%s: doubts %q, want %q", c.name, short, c.short)
			continue
		}
		for i, want := range c.says {
			if !strings.Contains(ds[i].Problem, want) {
				t.Errorf("%s: %q does not say %q", c.name, ds[i].Problem, want)
			}
		}
	}
}
