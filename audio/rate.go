package audio

import "time"

// SampleRate is a rate in frames a second. Its D and N are the one
// conversion between counts of frames and time.
//
// Both truncate toward zero, as every conversion they replaced did, so no
// figure moved: D(n) never says more audio was captured than was, and
// N(d) counts only the frames wholly within d, so a limit in time is never
// passed. The price: N(D(n)) is n-1 unless n frames last a whole number of
// nanoseconds.
type SampleRate int

// D is how long n frames last.
func (r SampleRate) D(n int64) time.Duration {
	// Whole seconds apart from the rest, so that n * time.Second cannot
	// overflow: it would from about a day of audio at 96 kHz.
	rate := int64(r)
	return time.Duration(n/rate)*time.Second + time.Duration(n%rate)*time.Second/time.Duration(rate)
}

// N is how many frames d holds.
func (r SampleRate) N(d time.Duration) int64 {
	return int64(d/time.Second)*int64(r) + int64(d%time.Second)*int64(r)/int64(time.Second)
}
