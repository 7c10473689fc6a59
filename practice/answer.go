package practice

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// MinCountedSpeech is the least speech a take needs to replace a step's
// counted take on its own. Less than this is a slip (Space pressed twice,
// a Redo left at once, a silent microphone), not a better attempt; the
// candidate can still choose such a take to count.
const MinCountedSpeech = time.Second

// Timed reports whether a take was judged against a target. A mock answer
// recovered after a crash lost its step marks and is kept untimed.
func (t Take) Timed() bool { return t.Target > 0 }

// TakeCounts reports whether a new take becomes its step's counted take,
// given the step's counted take so far (nil when it has none): an untimed
// take never does; the first timed take does, whatever it holds; a later
// one does when it has at least MinCountedSpeech of speech, and is not a
// doubtful measurement (noise, clipping, audio lost) where the one that
// counts was sound.
func TakeCounts(t Take, current *Take) bool {
	switch {
	case !t.Timed():
		return false
	case current == nil:
		return true
	case !t.Trust.Trusted() && current.Trust.Trusted():
		return false
	}
	return t.Spoken >= MinCountedSpeech
}

// KeptBack says, in the candidate's words, why a step's newest take was
// kept but not counted: it fell short of MinCountedSpeech after one that
// counts. It is "" for a take that counts, or one the candidate had no
// reason to expect to count.
func KeptBack(newest Take) string {
	switch {
	case newest.Counted || !newest.Timed():
		return ""
	case !newest.Trust.Trusted():
		return "Your last take's figures are in doubt (" + strings.Join(newest.Trust.DoubtWords(), ", ") +
			"), so it did not replace the one that counts. Choose it under Counts if you meant it."
	case newest.Spoken >= MinCountedSpeech:
		return ""
	}
	// Its own figure would round up to the limit it fell short of.
	return fmt.Sprintf("Your last take has less than %s of speech, too little to replace the one that counts. Choose it under Counts if you meant it.",
		FormatSeconds(MinCountedSpeech))
}

// WholeAnswer is the spoken time of a whole answer, from its counted takes
// of the five STAR steps (a follow-up is not part of it): the one figure
// every screen shows and the level window judges.
//
// A mock interview is one recording, so it runs from the first word of
// the first step to the last word of the last, the pauses between steps
// included. Step by step, each step is a recording of its own and its
// spoken time already runs first word to last; the steps add up.
func WholeAnswer(mode Mode, counted []Take) time.Duration {
	var sum time.Duration
	var first, last time.Duration
	seen := false
	for _, t := range counted {
		if !t.Counted || !t.Step.Valid() || t.Spoken <= 0 {
			continue
		}
		sum += t.Spoken
		from, to := t.ClipStart+t.SpeechStart, t.ClipStart+t.SpeechEnd
		if !seen || from < first {
			first = from
		}
		if !seen || to > last {
			last = to
		}
		seen = true
	}
	if mode == Mock {
		return last - first
	}
	return sum
}

// MockClip is one step's part of a mock-interview recording.
type MockClip struct {
	Step     StepID
	From, To time.Duration
}

// MockSplit is how a mock recording divides into steps at the candidate's
// N marks.
type MockSplit struct {
	Clips []MockClip
	// Unmarked are the steps whose start was never marked: the last
	// marked step's clip runs to the end and holds them too.
	Unmarked []StepID
}

// SplitMock divides a mock recording of length total at the marks
// (marks[i] is where steps[i+1] starts). A mark before the previous one or
// past the end is moved to lie between them.
func SplitMock(steps []StepID, marks []time.Duration, total time.Duration) MockSplit {
	var s MockSplit
	if len(steps) == 0 {
		return s
	}
	marks = marks[:min(len(marks), len(steps)-1)]
	from := time.Duration(0)
	for i, m := range marks {
		m = min(max(m, from), total)
		s.Clips = append(s.Clips, MockClip{steps[i], from, m})
		from = m
	}
	s.Clips = append(s.Clips, MockClip{steps[len(marks)], from, total})
	s.Unmarked = steps[len(marks)+1:]
	return s
}

// HeldBy is, for a step a mock attempt's takes lack (its N was never
// pressed), the step whose take holds its time: the last one marked, as
// SplitMock cut it. It is "" for a step that has a take, or any step of a
// step-by-step attempt, where a missing step was simply not recorded.
func HeldBy(mode Mode, takes []Take, step StepID) StepID {
	if mode != Mock {
		return ""
	}
	var last StepID
	for _, s := range Steps {
		has := slices.ContainsFunc(takes, func(t Take) bool { return t.Step == s })
		switch {
		case s == step && has:
			return ""
		case s == step:
			return last
		case has:
			last = s
		}
	}
	return ""
}

// Absorbing is the step whose clip holds the unmarked steps, or "" when
// every step was marked.
func (s MockSplit) Absorbing() StepID {
	if len(s.Unmarked) == 0 || len(s.Clips) == 0 {
		return ""
	}
	return s.Clips[len(s.Clips)-1].Step
}
