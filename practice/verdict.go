package practice

import "time"

// Verdict says how a spoken time compares with its target.
type Verdict string

// The three verdicts a candidate sees. An empty verdict means the take was
// not timed against anything (a mock answer recovered after a crash, whose
// step marks were lost).
const (
	Short    Verdict = "short"
	OnTarget Verdict = "on target"
	Long     Verdict = "long"
)

// The on-target band of a single step, as fractions of its target: below
// ShortBelow a step is short, above LongAbove it is long. Interviewers
// tolerate a little overrun more readily than a thin answer, so the band is
// wider below than above.
const (
	ShortBelow = 0.80
	LongAbove  = 1.10
)

// NearMark is the fraction of its mark (a step's target, the top of the
// level window) at which a take still being recorded is warned: time to
// wrap up while there is some left.
const NearMark = 0.90

// Shown is a duration as the candidate sees it: rounded to the nearest
// whole second, halves up, never below zero. Every verdict is reached on
// the shown figure, so "0:17 of 0:15" can never be judged against a band
// edge the screen does not show.
func Shown(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return (d + time.Second/2).Truncate(time.Second)
}

// Band is an on-target range in whole seconds, as shown: a step's band
// around its target (StepBand) or a level's window for the whole answer
// (Level.Window). Off and Verdict are the one measure of how far a spoken
// time missed, so a verdict and a distance can never disagree.
type Band struct{ Lo, Hi time.Duration }

// StepBand is the on-target range of a step with the given target: a
// 15 s target is on target from 12 s to 17 s (16.5 s rounds up).
func StepBand(target time.Duration) Band {
	return Band{Shown(time.Duration(float64(target) * ShortBelow)), Shown(time.Duration(float64(target) * LongAbove))}
}

// Window is the level's window as a band for the whole answer.
func (l Level) Window() Band { return Band{l.Min, l.Max} }

// Off is how far spoken, as shown, lies outside b: negative below it (that
// much short), positive above it (that much long), zero on target. A take
// of 17.4 s shows 0:17 and is not off a band ending at 17 s.
func (b Band) Off(spoken time.Duration) time.Duration {
	switch s := Shown(spoken); {
	case s < b.Lo:
		return s - b.Lo
	case s > b.Hi:
		return s - b.Hi
	}
	return 0
}

// Verdict judges spoken against b, by Off.
func (b Band) Verdict(spoken time.Duration) Verdict {
	switch off := b.Off(spoken); {
	case off < 0:
		return Short
	case off > 0:
		return Long
	}
	return OnTarget
}

// StepVerdict judges a step's spoken time against its target.
func StepVerdict(spoken, target time.Duration) Verdict { return StepBand(target).Verdict(spoken) }

// TotalVerdict judges a whole answer's spoken time against the level
// window.
func TotalVerdict(spoken time.Duration, l Level) Verdict { return l.Window().Verdict(spoken) }
