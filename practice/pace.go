package practice

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Pace bands in words a minute: under PaceSlowBelow an interviewer's
// attention drifts, over PaceFastAbove they stop following; the advice
// aims inside the comfortable band with room on both sides.
const (
	PaceSlowBelow = 120
	PaceFastAbove = 170
	PaceAimLow    = 130
	PaceAimHigh   = PaceFastAbove
	// MinPaceSpeech is the least speech a pace is estimated from: a few
	// seconds hold too few words for the figure to mean anything.
	MinPaceSpeech = 5 * time.Second
)

// PaceModel turns what the sound analysis counts, syllable nuclei per
// second of spoken span, into words a minute.
type PaceModel struct {
	// NucleiPerWord is how many nuclei the analysis finds per spoken word.
	NucleiPerWord float64
	// Compression undoes the analysis merging neighbouring syllables more
	// the faster one speaks: the word rate grows as the articulation rate
	// (nuclei per second of voice) to this power.
	Compression float64
	// Ratio is the estimate over the true pace at the 5th and 95th
	// percentiles of the calibration: the true pace of nine answers in
	// ten lies between the estimate over Ratio[1] and over Ratio[0]. It
	// is wide because words run from one syllable to four, and the
	// sound holds syllables, not words.
	Ratio [2]float64
}

// PaceCalibration is the model measured on real, transcribed human speech (the
// LibriVox and cards recordings of pocketsphinx-testdata, at their own
// tempo and slowed or sped up, composed into answers; audio/pace_test.go
// holds it to its figures and checks these constants against the data).
var PaceCalibration = PaceModel{NucleiPerWord: 1.74, Compression: 1.5, Ratio: [2]float64{0.87, 1.08}}

// Range is where the true pace of an estimate wpm lies for nine answers in
// ten, rounded outwards to 5 words a minute.
func (m PaceModel) Range(wpm float64) (low, high int) {
	low = int(math.Floor(wpm/m.Ratio[1]/5)) * 5
	high = int(math.Ceil(wpm/m.Ratio[0]/5)) * 5
	return low, high
}

// WordsPerMin estimates the words a minute of a take from its syllable
// rate over the spoken span and its voiced time; 0 when there was no
// speech.
func (m PaceModel) WordsPerMin(syllablesPerSec float64, voiced, spoken time.Duration) float64 {
	if syllablesPerSec <= 0 || voiced <= 0 || spoken <= 0 {
		return 0
	}
	// Nuclei per second of voice: the rate at which syllables are said,
	// without the pauses between phrases.
	art := syllablesPerSec * spoken.Seconds() / voiced.Seconds()
	return 60 * math.Pow(art, m.Compression) / m.NucleiPerWord * voiced.Seconds() / spoken.Seconds()
}

// PaceBand is where a pace falls.
type PaceBand int

const (
	PaceUnknown PaceBand = iota // not estimated: too little speech, or too noisy
	PaceSlow
	PaceComfortable
	PaceFast
)

// String names the band as the export writes it.
func (b PaceBand) String() string {
	switch b {
	case PaceSlow:
		return "slow"
	case PaceComfortable:
		return "comfortable"
	case PaceFast:
		return "fast"
	}
	return "unsure"
}

// BandOf places words a minute in its band.
func BandOf(wpm int) PaceBand {
	switch {
	case wpm < PaceSlowBelow:
		return PaceSlow
	case wpm > PaceFastAbove:
		return PaceFast
	}
	return PaceComfortable
}

// PaceResult is a take's pace as the candidate is told it: a range, the
// band it falls in, or the two bands it spans.
type PaceResult struct {
	// Band is the band of the range's low end, To of its high end: the
	// same band when the whole range is inside one.
	Band, To PaceBand
	WPM      int    // the estimate; 0 when Band is PaceUnknown
	Low      int    // the true pace is likely at least this
	High     int    // and at most this
	Why      string // why it is unknown
}

// TakePace estimates a take's pace, or says why it cannot.
func TakePace(t Take) PaceResult { return AnswerPace([]Take{t}) }

// AnswerPace estimates the pace over several takes together, the steps of
// one answer: their syllables and voice pooled over their spoken time.
func AnswerPace(takes []Take) PaceResult {
	var t Take
	var nuclei float64
	for _, s := range takes {
		nuclei += s.SyllablesPerSec * s.Spoken.Seconds()
		t.Spoken += s.Spoken
		t.Voiced += s.Voiced
		t.Noisy = t.Noisy || s.Noisy
	}
	if t.Spoken > 0 {
		t.SyllablesPerSec = nuclei / t.Spoken.Seconds()
	}
	// The reason given is the one that holds: noise hides the voicing the
	// syllables are counted on, so a noisy take can have plenty of speech
	// and little of it found voiced.
	switch {
	case t.Spoken == 0:
		return PaceResult{Why: "no speech"}
	case t.Noisy:
		return PaceResult{Why: "too noisy to count syllables"}
	case t.Spoken < MinPaceSpeech:
		return PaceResult{Why: fmt.Sprintf("under %d s of speech", int(MinPaceSpeech.Seconds()))}
	case t.Voiced < MinPaceSpeech:
		return PaceResult{Why: fmt.Sprintf("under %d s of it clearly voiced", int(MinPaceSpeech.Seconds()))}
	}
	wpm := int(math.Round(PaceCalibration.WordsPerMin(t.SyllablesPerSec, t.Voiced, t.Spoken)))
	if wpm <= 0 {
		return PaceResult{Why: "no syllables found"}
	}
	lo, hi := PaceCalibration.Range(PaceCalibration.WordsPerMin(t.SyllablesPerSec, t.Voiced, t.Spoken))
	return PaceResult{Band: BandOf(lo), To: BandOf(hi), WPM: wpm, Low: lo, High: hi}
}

// Bands names the band, or both ends' bands: "comfortable to fast".
func (p PaceResult) Bands() string {
	if p.Band == p.To {
		return p.Band.String()
	}
	return p.Band.String() + " to " + p.To.String()
}

// String is the pace as a sentence: the band or bands, the range and,
// when the range leaves the comfortable band, the aim.
func (p PaceResult) String() string {
	if p.Band == PaceUnknown {
		return "Pace not estimated: " + p.Why
	}
	b := p.Bands()
	s := fmt.Sprintf("%s%s: about %d-%d words a minute", strings.ToUpper(b[:1]), b[1:], p.Low, p.High)
	if p.Band != PaceComfortable || p.To != PaceComfortable {
		s += fmt.Sprintf("; aim for %d-%d", PaceAimLow, PaceAimHigh)
	}
	return s
}

// Short is the pace in a few words, for a line of figures: "comfortable
// to fast, about 150-195 words/min" or "pace unsure: under 5 s of speech".
func (p PaceResult) Short() string {
	if p.Band == PaceUnknown {
		return "pace unsure: " + p.Why
	}
	return fmt.Sprintf("%s, about %d-%d words/min", p.Bands(), p.Low, p.High)
}
