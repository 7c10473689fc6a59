package session

import (
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

// Measure makes a take of step from the analysis of its recording (or of
// its clip of a mock-interview recording), judged against target; a zero
// target leaves it untimed. The caller sets the attempt, the WAV and the
// clip's bounds. Every take the app keeps is made here: while rehearsing
// and when a recording is recovered after a crash.
func Measure(a audio.Analysis, step practice.StepID, target time.Duration) practice.Take {
	t := practice.Take{
		Step:            step,
		ClipEnd:         a.Duration,
		Duration:        a.Duration,
		SpeechStart:     a.SpeechStart,
		SpeechEnd:       a.SpeechEnd,
		Spoken:          a.Spoken,
		Voiced:          a.Voiced,
		Pauses:          len(a.Pauses),
		LongestPause:    a.LongestPause,
		SyllablesPerSec: a.SyllablesPerSec,
		Trust:           practice.Trust{SampleRate: a.SampleRate, SNR: a.SNR, Noisy: a.LowSNR, Clipped: a.Clipped},
		Target:          target,
	}
	if target > 0 {
		t.Verdict = practice.StepVerdict(a.Spoken, target)
	}
	return t
}

// RecoveredNote marks a mock answer recovered after a crash.
const RecoveredNote = "The whole mock answer, recovered after a crash; the step marks were lost, so it is kept untimed."

// Recovered turns a recording cut off by a crash (already repaired) back
// into a take of the attempt it belongs to, as Measure would have made
// it. q is the attempt's question, nil
// when it is no longer in the bank: the step then gets the follow-up
// target. A mock interview's recording is the whole answer and its marks
// died with the crash: it is kept untimed, and so never counts.
func Recovered(step practice.StepID, att practice.Attempt, q *practice.Question, a audio.Analysis) practice.Take {
	if att.Mode == practice.Mock && step != practice.FollowUpStep {
		t := Measure(a, step, 0)
		t.Note = RecoveredNote
		return t
	}
	target := time.Duration(practice.DefaultFollowUpSeconds) * time.Second
	if l, ok := practice.LevelByID(att.Level); ok && q != nil && step.Valid() {
		target = practice.Targets(q, l)[step]
	}
	return Measure(a, step, target)
}
