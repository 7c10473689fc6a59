package practice

import "time"

// Verdict says how a spoken time compares with its target.
type Verdict string

// The three verdicts a candidate sees.
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

// StepVerdict judges a step's spoken time against its target.
func StepVerdict(spoken, target time.Duration) Verdict {
	lo, hi := StepBand(target)
	switch {
	case spoken < lo:
		return Short
	case spoken > hi:
		return Long
	}
	return OnTarget
}

// StepBand is the on-target range of a step with the given target.
func StepBand(target time.Duration) (lo, hi time.Duration) {
	return time.Duration(float64(target) * ShortBelow), time.Duration(float64(target) * LongAbove)
}

// TotalVerdict judges a whole answer's spoken time against the level window.
func TotalVerdict(spoken time.Duration, l Level) Verdict {
	switch {
	case spoken < l.Min:
		return Short
	case spoken > l.Max:
		return Long
	}
	return OnTarget
}
