package practice

import (
	"fmt"
	"math"
)

// Trust is what a recording says about how far the figures measured from
// it can be believed. Takes keep it from the recorder and the analysis;
// an attempt's is its counted takes' worst: the lowest SNR, the most
// clipping, the most losses in any one of them.
type Trust struct {
	// SampleRate is the rate the recorder ran at, Hz; 0 for a take
	// recorded before these signals were kept, whose SNR, Clipped and
	// Overflows are then unknown (Noisy was kept from the start).
	SampleRate int
	SNR        float64 // estimated speech-to-noise ratio, dB
	Noisy      bool    // SNR too low to trust the sound-based figures, the pace above all
	Clipped    float64 // share of samples at full scale, 0-1
	Overflows  int     // times input audio was lost while recording
}

// MaxClipped is the share of samples at full scale over which a take is
// said to clip: a thousandth is a few loud syllables a second cut flat,
// where the onset, the pauses and the syllable count go wrong.
const MaxClipped = 0.001

// Doubt is one reason not to trust a measurement, and what to do.
type Doubt struct {
	Short   string // a word or two, for a list: "noisy", "clipped", "audio lost"
	Problem string // what went wrong, as a sentence
	Fix     string // what to do before recording again: "Close busy programs"
}

// Doubts are the reasons not to trust what was measured, worst first;
// none for a clean recording.
func (t Trust) Doubts() []Doubt {
	var out []Doubt
	if t.Overflows > 0 {
		times := "once"
		if t.Overflows > 1 {
			times = fmt.Sprintf("%d times", t.Overflows)
		}
		out = append(out, Doubt{"audio lost",
			"Audio was lost " + times + " while recording (the computer fell behind), so the timing has gaps.",
			"Close busy programs"})
	}
	if t.Noisy {
		problem := "Too noisy: your voice is hard to tell from the background, so the edges and the pace may be wrong."
		if t.SampleRate > 0 {
			problem = fmt.Sprintf("Too noisy: your voice was only %.0f dB above the background, so the edges and the pace may be wrong.", math.Max(t.SNR, 0))
		}
		out = append(out, Doubt{"noisy", problem,
			"Find a quieter place or move closer to the microphone"})
	}
	if t.Clipped > MaxClipped {
		out = append(out, Doubt{"clipped",
			fmt.Sprintf("Too loud: %s of the sound hit the microphone's limit and was cut flat, so pauses and pace may be misread.", percent(t.Clipped)),
			"Turn the input gain down or sit a little further back"})
	}
	return out
}

// Trusted reports whether nothing casts doubt on the measurement.
func (t Trust) Trusted() bool { return len(t.Doubts()) == 0 }

// DoubtWords are the doubts' Short words, worst first: "audio lost",
// "noisy"; empty for a clean recording.
func (t Trust) DoubtWords() []string {
	var words []string
	for _, d := range t.Doubts() {
		words = append(words, d.Short)
	}
	return words
}

// percent prints a share as a percentage with the precision small shares
// need: "0.4 %", "12 %".
func percent(share float64) string {
	if p := share * 100; p < 10 {
		return fmt.Sprintf("%.1f %%", p)
	}
	return fmt.Sprintf("%.0f %%", share*100)
}
