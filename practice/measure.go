package practice

import (
	"time"

	"starcoach/audio"
)

// MeasuredTake makes a take of step from the analysis of its recording (or
// of its clip of a mock-interview recording), judged against target. The
// caller sets the attempt, the WAV and the clip bounds.
func MeasuredTake(a audio.Analysis, step StepID, target time.Duration) Take {
	return Take{
		Step:            step,
		Duration:        a.Duration,
		SpeechStart:     a.SpeechStart,
		SpeechEnd:       a.SpeechEnd,
		Spoken:          a.Spoken,
		Voiced:          a.Voiced,
		Pauses:          len(a.Pauses),
		LongestPause:    a.LongestPause,
		SyllablesPerSec: a.SyllablesPerSec,
		Target:          target,
		Verdict:         StepVerdict(a.Spoken, target),
	}
}
