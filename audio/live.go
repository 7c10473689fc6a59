package audio

import "time"

// Live measures a recording while it is made, so the clock can count
// from the candidate's first word rather than from the key press. The
// recorder feeds it the samples it writes to the file; Speech runs the
// analysis of everything heard so far through the same extractor and the
// same decisions as the analysis of the finished file, so once the
// recording ends the two agree exactly. Not safe for concurrent use: the
// recorder's writer goroutine owns it.
type Live struct {
	e    *extractor
	rate SampleRate
	buf  []float32 // the block being fed, as the WAV reader would read it
	v    vad       // reused from one analysis to the next
	next int64     // samples fed when the analysis is next redone
	last Analysis
}

// liveEvery is the most often the analysis is redone: it takes tens of
// milliseconds for a long answer, and the first word, once heard, seldom
// moves. Later in an answer it is redone every 2 % of its length.
const liveEvery = 250 * time.Millisecond

// NewLive measures a recording at rate.
func NewLive(rate int) *Live {
	return &Live{e: newExtractor(rate), rate: SampleRate(max(rate, 1))}
}

// Feed takes the next 16-bit samples of the recording.
func (l *Live) Feed(samples []int16) {
	if cap(l.buf) < len(samples) {
		l.buf = make([]float32, len(samples))
	}
	b := l.buf[:len(samples)]
	for i, s := range samples {
		b[i] = float32(s) / (1 << 15)
	}
	l.e.feed(b)
}

// Speech is the analysis of what was fed so far, redone when at least
// liveEvery more was fed (or 2 % of the length, if that is more);
// SpeechStart is the first word's onset, and Spoken zero until one is
// heard.
func (l *Live) Speech() Analysis {
	if l.e.samples >= l.next {
		l.last = analyzeWith(&l.v, l.e, l.rate)
		every := max(l.rate.N(liveEvery), l.e.samples/50)
		l.next = l.e.samples + every
	}
	return l.last
}

// Final is the analysis of everything fed, whenever it was last done:
// what the analysis of the finished file says.
func (l *Live) Final() Analysis {
	l.next = 0
	return l.Speech()
}
