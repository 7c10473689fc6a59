package audio

import (
	"fmt"
	"io"
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
	Clipped                float64 // share of samples at full scale, 0-1
	SampleRate             int     // Hz, the recording's
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
	if rate <= 0 {
		return Analysis{}
	}
	return analyze(extract(samples, rate), SampleRate(rate))
}

// analyze measures what an extractor was fed at rate.
func analyze(e *extractor, rate SampleRate) Analysis { return analyzeWith(&vad{}, e, rate) }

// analyzeWith is analyze with a VAD whose memory it may reuse.
func analyzeWith(v *vad, e *extractor, rate SampleRate) Analysis {
	a := Analysis{SampleRate: int(rate)}
	f := e.f
	a.Duration = rate.D(e.samples)
	if e.samples > 0 {
		a.Clipped = float64(e.clipped) / float64(e.samples)
	}
	if len(f.band) == 0 {
		return a
	}
	v.reset(&e.f)
	segs := v.segments()
	if len(segs) == 0 {
		return a
	}
	// A frame is hop samples of the signal decimated by d.
	at := func(frame int) time.Duration { return rate.D(int64(frame * e.hop * e.d)) }
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

// MaxLength is the longest recording the analysis reads: it measures
// answers of minutes, and a bound keeps what a file (or an endless pipe)
// can make it hold to about 35 MB of frames.
const MaxLength = 30 * time.Minute

// AnalyzeFile reads and analyses a WAV file, a block at a time.
func AnalyzeFile(path string) (Analysis, error) {
	as, err := AnalyzeClips(path, func(length time.Duration) []Span { return []Span{{0, length}} })
	if err != nil {
		return Analysis{}, err
	}
	return as[0], nil
}

// AnalyzeClips reads a WAV file once, a block at a time, and measures
// clips of it: cut gets the file's length and returns the clips, each
// [Start, End), in order. A step's take is one clip, the whole file; a
// mock interview's answer is one clip per step, cut at the candidate's
// marks. Each analysis times its clip from the clip's own start. A file
// whose length is unknown (a pipe) is read to its end, up to MaxLength,
// as one clip.
func AnalyzeClips(path string, cut func(length time.Duration) []Span) ([]Analysis, error) {
	r, c, err := wav.Open(path)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	rate := SampleRate(r.Rate)
	maxFrames := rate.N(MaxLength)
	tooLong := fmt.Errorf("analyze %s: longer than %v; StarCoach measures answers, not whole sessions", path, MaxLength)
	total := r.Frames()
	if total > maxFrames {
		return nil, tooLong
	}
	at := func(d time.Duration) int64 { return min(max(rate.N(d), 0), max(total, 0)) }
	type clip struct {
		from, to int64
		e        *extractor
	}
	var clips []clip
	if total < 0 {
		clips = []clip{{0, maxFrames + 1, newExtractor(r.Rate)}}
	} else {
		for _, s := range cut(rate.D(total)) {
			from, to := at(s.Start), at(s.End)
			c := clip{from, max(from, to), newExtractor(r.Rate)}
			c.e.reserve(c.to - c.from)
			clips = append(clips, c)
		}
	}
	buf := make([]float32, 64<<10)
	var pos int64
	for {
		n, err := r.Read(buf)
		block := buf[:n]
		for _, c := range clips { // clips are few: a step's one, a mock's five
			from, to := max(c.from, pos), min(c.to, pos+int64(n))
			if from < to {
				c.e.feed(block[from-pos : to-pos])
			}
		}
		pos += int64(n)
		if pos > maxFrames {
			return nil, tooLong
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("analyze %s: %w", path, err)
		}
	}
	out := make([]Analysis, len(clips))
	for i, c := range clips {
		out[i] = analyze(c.e, rate)
	}
	return out, nil
}
