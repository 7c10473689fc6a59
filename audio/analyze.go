package audio

import (
	"starcoach/audio/wav"
	"time"
)

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
	SyllablesPerSec        float64 // syllable nuclei per second of Spoken
	SNR                    float64 // estimated speech-to-noise ratio, dB
	LowSNR                 bool    // too noisy to trust the figures
}

const (
	// MinPause is the shortest silence inside the spoken span reported as
	// a pause.
	MinPause = time.Second
	// LowSNRdB is the estimated SNR under which LowSNR is set: below it
	// onsets and syllables drown in the noise. Pink noise mixed at 10 dB
	// reads about 14 dB here (the estimate is in the speech band, over
	// speech frames), mixed at 0 dB about 6 dB.
	LowSNRdB = 8.0
)

// Analyze measures mono samples in [-1, 1] at the given rate.
func Analyze(samples []float32, rate int) Analysis {
	var a Analysis
	if rate <= 0 {
		return a
	}
	a.Duration = time.Duration(float64(len(samples)) / float64(rate) * float64(time.Second))
	f := extract(samples, rate)
	if len(f.band) == 0 {
		return a
	}
	v := newVAD(&f)
	segs := v.segments()
	if len(segs) == 0 {
		return a
	}
	at := func(frame int) time.Duration {
		return time.Duration(float64(frame) * f.dur * float64(time.Second))
	}
	a.Segments = make([]Span, len(segs))
	for i, s := range segs {
		a.Segments[i] = Span{at(s.start), at(s.end)}
		a.Voiced += a.Segments[i].End - a.Segments[i].Start
		if i > 0 {
			if p := (Span{a.Segments[i-1].End, a.Segments[i].Start}); p.End-p.Start >= MinPause {
				a.Pauses = append(a.Pauses, p)
				a.LongestPause = max(a.LongestPause, p.End-p.Start)
			}
		}
	}
	a.SpeechStart = a.Segments[0].Start
	a.SpeechEnd = a.Segments[len(segs)-1].End
	a.Spoken = a.SpeechEnd - a.SpeechStart
	a.SyllablesPerSec = float64(v.nuclei(segs)) / a.Spoken.Seconds()
	a.SNR = v.snr(segs)
	a.LowSNR = a.SNR < LowSNRdB
	return a
}

// AnalyzeFile reads and analyses a WAV file.
func AnalyzeFile(path string) (Analysis, error) {
	s, r, err := wav.Read(path)
	if err != nil {
		return Analysis{}, err
	}
	return Analyze(s, r), nil
}

// AnalyzeClips reads a WAV file once and measures clips of it: cut gets
// the file's length and returns the clips, each [Start, End). A step's
// take is one clip, the whole file; a mock interview's answer is one clip
// per step, cut at the candidate's marks. Each analysis times its clip
// from the clip's own start.
func AnalyzeClips(path string, cut func(length time.Duration) []Span) ([]Analysis, error) {
	s, rate, err := wav.Read(path)
	if err != nil {
		return nil, err
	}
	at := func(d time.Duration) int {
		return min(max(int(d.Seconds()*float64(rate)), 0), len(s))
	}
	clips := cut(time.Duration(len(s)) * time.Second / time.Duration(rate))
	out := make([]Analysis, len(clips))
	for i, c := range clips {
		from, to := at(c.Start), at(c.End)
		out[i] = Analyze(s[from:max(from, to)], rate)
	}
	return out, nil
}
