package pcm_test

import (
	"slices"
	"testing"

	"starcoach/audio/pcm"
)

func TestDownmix(t *testing.T) {
	tests := []struct {
		name     string
		src      []int16
		channels int
		want     []int16
	}{
		{"stereo", []int16{100, 200, -300, -100, 0, 0}, 2, []int16{150, -200, 0}},
		{"the average truncates toward zero", []int16{-1, 0, 1, 0, 3, 4}, 2, []int16{0, 0, 3}},
		{"full scale does not wrap", []int16{32767, 32767, -32768, -32768, 32767, -32768}, 2, []int16{32767, -32768, 0}},
		{"a partial frame at the end is left out", []int16{10, 20, 30}, 2, []int16{15}},
		{"three channels", []int16{3, 3, 4, -9, 0, 0}, 3, []int16{3, -3}},
	}
	for _, tt := range tests {
		if got := pcm.Downmix(make([]int16, len(tt.src)/tt.channels), tt.src, tt.channels); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Downmix(%v) = %v, want %v", tt.name, tt.src, got, tt.want)
		}
	}
}

func TestDownmixMonoIsNotCopied(t *testing.T) {
	src := []int16{1, -2, 3}
	if got := pcm.Downmix(nil, src, 1); &got[0] != &src[0] || len(got) != len(src) {
		t.Errorf("mono came back as %v at another address", got)
	}
}
