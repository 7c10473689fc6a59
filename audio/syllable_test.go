package audio

import (
	"math"
	"testing"
)

// The estimated speaking rate follows the true one over all clips:
// espeak-ng at 110-250 wpm and the pocketsphinx recordings, true rates
// from hand-counted syllables (testdata/analysis/syllables.txt) over the
// ground-truth speech span. Pearson r >= 0.90 (today 0.926; the
// product needs 0.85).
func TestSyllableRateCorrelates(t *testing.T) {
	var est, truth []float64
	for _, c := range speechClips(t, true) {
		a := Analyze(pad(c.x, c.rate, 1, 1), c.rate)
		want := float64(c.syllables) / (c.off - c.on)
		t.Logf("%-45.45s %2d syllables  true %.2f/s  estimated %.2f/s", c.name, c.syllables, want, a.SyllablesPerSec)
		est = append(est, a.SyllablesPerSec)
		truth = append(truth, want)
	}
	r := pearson(est, truth)
	t.Logf("Pearson r = %.3f over %d clips", r, len(est))
	if r < 0.90 {
		t.Errorf("Pearson r = %.3f, want >= 0.90", r)
	}
}

func pearson(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}
