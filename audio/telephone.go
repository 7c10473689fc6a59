package audio

import (
	"fmt"
	"io"
	"time"

	"starcoach/audio/wav"
)

// TelephoneRate is the rate ClipForSharing writes: speech's telephone
// band, 300-3400 Hz, fits under its Nyquist frequency.
const TelephoneRate = 8000

// ClipForSharing reads the clip [start, end) of a WAV file, a block at a
// time, and returns it as a WAV file of its own: mono, 8 kHz, G.711
// μ-law, 8 KB a second, as a telephone carries a voice. The signal is
// low-passed under 3.6 kHz (four Butterworth sections) and resampled by
// linear interpolation. A clip longer than MaxLength is refused.
func ClipForSharing(path string, start, end time.Duration) ([]byte, error) {
	r, c, err := wav.Open(path)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	rate := SampleRate(r.Rate)
	if end-start > MaxLength {
		return nil, fmt.Errorf("share %s: a clip of %v is longer than %v", path, end-start, MaxLength)
	}
	from, to := max(rate.N(start), 0), max(rate.N(end), 0)
	if total := r.Frames(); total >= 0 {
		to = min(to, total)
	}
	t := newTelephone(r.Rate)
	out := make([]byte, 0, max(to-from, 0)*TelephoneRate/int64(r.Rate)+64)
	buf := make([]float32, 32<<10)
	var pos int64
	for pos < to {
		n, err := r.Read(buf)
		lo, hi := min(max(from-pos, 0), int64(n)), min(max(to-pos, 0), int64(n))
		out = t.feed(buf[lo:hi], out)
		pos += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("share %s: %w", path, err)
		}
	}
	frames := len(out)
	if frames%2 == 1 {
		out = append(out, 0) // RIFF pads a chunk to an even length
	}
	return append(wav.MuLawHeader(TelephoneRate, frames), out...), nil
}

// telephone low-passes and resamples a stream to TelephoneRate μ-law.
type telephone struct {
	lp   [4]section
	st   [4][4]float64 // each section's x1, x2, y1, y2
	step float64       // input samples per output sample
	pos  float64       // where the next output falls, from the last input sample
	last float64       // the last filtered input sample
}

func newTelephone(rate int) *telephone {
	// The first output falls on the first input sample.
	t := &telephone{step: float64(rate) / TelephoneRate, pos: 1}
	fc := min(3600, 0.45*float64(rate))
	// Q of the four sections of an eighth-order Butterworth filter.
	for i, q := range []float64{0.5098, 0.6013, 0.9000, 2.5629} {
		t.lp[i] = lowpass(fc, float64(rate), q)
	}
	return t
}

// feed filters x and appends the μ-law samples that fall within it.
func (t *telephone) feed(x []float32, out []byte) []byte {
	for _, v := range x {
		s := float64(v)
		if s != s { // NaN: silence
			s = 0
		}
		s = max(-1, min(1, s)) // an infinity would poison the filters for good
		for i := range t.lp {
			st := &t.st[i]
			y := t.lp[i].out(s+2*st[0]+st[1], st[2], st[3])
			st[0], st[1], st[2], st[3] = s, st[0], y, st[2]
			s = y
		}
		// Output samples between the last input and this one.
		for t.pos <= 1 {
			out = append(out, wav.MuLaw(float32(t.last+(s-t.last)*t.pos)))
			t.pos += t.step
		}
		t.pos--
		t.last = s
	}
	return out
}
