package practice

import (
	"fmt"
	"math"
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
}

// PaceCalibration is the model measured on real, transcribed human speech (the
// LibriVox and cards recordings of pocketsphinx-testdata, at their own
// tempo and slowed or sped up, composed into answers; audio/pace_test.go
// holds it to its figures and checks these constants against the data).
var PaceCalibration = PaceModel{NucleiPerWord: 1.74, Compression: 1.5}

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

// PaceResult is a take's pace as the candidate is told it.
type PaceResult struct {
	Band PaceBand
	WPM  int    // 0 when Band is PaceUnknown
	Why  string // why it is unknown
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
	return PaceResult{Band: BandOf(wpm), WPM: wpm}
}

// String is the pace as a sentence: the band, the figure and the aim.
func (p PaceResult) String() string {
	aim := fmt.Sprintf("aim for %d-%d", PaceAimLow, PaceAimHigh)
	switch p.Band {
	case PaceSlow:
		return fmt.Sprintf("Slow: about %d words a minute; %s", p.WPM, aim)
	case PaceFast:
		return fmt.Sprintf("Fast: about %d words a minute; %s", p.WPM, aim)
	case PaceComfortable:
		return fmt.Sprintf("Comfortable: about %d words a minute", p.WPM)
	}
	return "Pace not estimated: " + p.Why
}

// Short is the pace in a few words, for a line of figures: "fast, about
// 205 words/min" or "pace unsure: under 5 s of speech".
func (p PaceResult) Short() string {
	if p.Band == PaceUnknown {
		return "pace unsure: " + p.Why
	}
	return fmt.Sprintf("%s, about %d words/min", p.Band, p.WPM)
}
