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

// StepVerdict judges a step's spoken time against its target, both as
// shown.
func StepVerdict(spoken, target time.Duration) Verdict {
	lo, hi := StepBand(target)
	switch s := Shown(spoken); {
	case s < lo:
		return Short
	case s > hi:
		return Long
	}
	return OnTarget
}

// StepBand is the on-target range of a step with the given target, in
// whole seconds as shown: a 15 s target is on target from 12 s to 17 s
// (16.5 s rounds up).
func StepBand(target time.Duration) (lo, hi time.Duration) {
	return Shown(time.Duration(float64(target) * ShortBelow)), Shown(time.Duration(float64(target) * LongAbove))
}

// TotalVerdict judges a whole answer's spoken time, as shown, against the
// level window.
func TotalVerdict(spoken time.Duration, l Level) Verdict {
	switch s := Shown(spoken); {
	case s < l.Min:
		return Short
	case s > l.Max:
		return Long
	}
	return OnTarget
}
