package audio

import (
	"errors"
	"time"
)

// PLACEHOLDER: the analysis helper replaces this file. The API is agreed.

// Span is a stretch of a recording, from its start.
type Span struct{ Start, End time.Duration }

// Analysis is what a recording says about how the candidate spoke.
type Analysis struct {
	Duration               time.Duration // whole recording
	SpeechStart, SpeechEnd time.Duration // onset and offset; zero when no speech
	Spoken                 time.Duration // SpeechEnd - SpeechStart: compared with targets
	Voiced                 time.Duration // sum of Segments
	Segments               []Span
	Pauses                 []Span // silences >= 1 s inside the spoken span
	LongestPause           time.Duration
	SyllablesPerSec        float64
	SNR                    float64 // estimated speech-to-noise ratio, dB
	LowSNR                 bool    // too noisy to trust the figures
}

// Analyze measures mono samples in [-1, 1] at the given rate.
func Analyze(samples []float32, rate int) Analysis { return Analysis{} }

// ReadWAV decodes any PCM WAV (8/16/24/32-bit, any rate, mono or stereo)
// into mono samples in [-1, 1].
func ReadWAV(path string) ([]float32, int, error) { return nil, 0, errors.New("not built yet") }

// AnalyzeFile reads and analyses a WAV file.
func AnalyzeFile(path string) (Analysis, error) {
	s, r, err := ReadWAV(path)
	if err != nil {
		return Analysis{}, err
	}
	return Analyze(s, r), nil
}
