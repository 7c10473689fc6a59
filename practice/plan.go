package practice

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// QuestionHistory is one question's complete attempts, newest first.
type QuestionHistory struct {
	QuestionID string
	Attempts   []AttemptTimes
}

// Due is one question in the plan.
type Due struct {
	Question *Question
	// Reason says in words why it is due when it is, e.g. "never
	// rehearsed" or "Action ran 25 s long last time".
	Reason string
	Due    time.Time // when it is due; <= now means due now
	Never  bool      // never rehearsed
}

// Spaced practice: an attempt that went wrong comes back after retryDays;
// a run of good ones (on target, not rated low) after goodDays[n-1] days
// for a run of n, the longest run counting as the last rung.
const retryDays = 1

var goodDays = [...]int{3, 7, 14}

// PlanDepth is how many of a question's latest complete attempts the plan
// reads: enough to climb the whole ladder.
const PlanDepth = len(goodDays)

// lowRating is the highest self-rating that still brings a question back
// as soon as a timing miss does: the candidate was not happy with it.
const lowRating = 3

// Plan orders every question in qs by when it should be rehearsed next,
// most urgent first: the never-rehearsed ones in bank order, then the rest
// by due time, so the most overdue lead. hist holds the complete attempts
// of each question, newest first; questions missing from it were never
// rehearsed. A zero interview means no date is set; a date ahead caps
// every interval at half the days left (at least one), and one passed is
// ignored.
func Plan(qs []*Question, hist []QuestionHistory, interview, now time.Time) []Due {
	attempts := make(map[string][]AttemptTimes, len(hist))
	for _, h := range hist {
		attempts[h.QuestionID] = h.Attempts
	}
	out := make([]Due, 0, len(qs))
	for _, q := range qs {
		out = append(out, planOne(q, attempts[q.ID], interview, now))
	}
	// Stable, so never-rehearsed questions, all due now, keep bank order.
	slices.SortStableFunc(out, func(a, b Due) int {
		if a.Never != b.Never {
			if a.Never {
				return -1
			}
			return 1
		}
		return a.Due.Compare(b.Due)
	})
	return out
}

// planOne is when q is due after its attempts, newest first.
func planOne(q *Question, as []AttemptTimes, interview, now time.Time) Due {
	if len(as) == 0 {
		return Due{Question: q, Reason: "never rehearsed", Due: now, Never: true}
	}
	last := as[0]
	if !good(last) {
		d := Due{Question: q, Reason: offReason(last) + " last time", Due: last.StartedAt.AddDate(0, 0, retryDays)}
		if !d.IsDue(now) {
			d.Reason += ", due again " + d.When(now)
		}
		return d
	}
	run := goodRun(as)
	days := goodDays[run-1]
	limit := intervalCap(interview, now)
	capped := limit > 0 && days > limit
	if capped {
		days = limit
	}
	d := Due{Question: q, Due: last.StartedAt.AddDate(0, 0, days)}
	// Due now, the interval explains why; due later, when matters more.
	again := "after " + count(days, "day")
	if !d.IsDue(now) {
		again = d.When(now)
	}
	d.Reason = fmt.Sprintf("on target %s, due again %s", times(run), again)
	if capped {
		d.Reason += " as the interview is " + InDays(DaysUntil(interview, now))
	}
	return d
}

// good reports whether an attempt went well: on target, and not rated low.
// An unrated attempt on target counts as good: the timing is the evidence
// there is, and asking for a rating before spacing it out would punish
// candidates who skip rating.
func good(a AttemptTimes) bool {
	return a.Verdict == OnTarget && (a.Rating == 0 || a.Rating > lowRating)
}

// goodRun counts the good attempts in a row from the newest, up to the top
// of the ladder.
func goodRun(as []AttemptTimes) int {
	n := 0
	for n < len(as) && n < PlanDepth && good(as[n]) {
		n++
	}
	return n
}

// offReason says what went wrong in an attempt that was not good: its
// timing, its rating, or both.
func offReason(a AttemptTimes) string {
	var parts []string
	if a.Verdict != OnTarget {
		parts = append(parts, timingReason(a))
	}
	if a.Rating > 0 && a.Rating <= lowRating {
		parts = append(parts, fmt.Sprintf("you rated it %d of 5", a.Rating))
	}
	return strings.Join(parts, " and ")
}

// timingReason says how an attempt off target missed: by the step that ran
// furthest off its band the way the whole answer did, or else by the
// whole answer, past the edge of its level window.
func timingReason(a AttemptTimes) string {
	if a.Verdict == "" {
		return "it was not timed" // a mock recovered after a crash
	}
	if p, off, ok := furthestStep(a.Steps, a.Verdict); ok {
		return fmt.Sprintf("%s ran %s %s", p.Step.Name(), FormatSeconds(off), a.Verdict)
	}
	l, ok := LevelByID(a.Level)
	if !ok {
		return "the whole answer ran " + string(a.Verdict)
	}
	return fmt.Sprintf("the whole answer ran %s %s", FormatSeconds(abs(l.Window().Off(a.Spoken))), a.Verdict)
}

// furthestStep is the STAR step judged v that is furthest off its band,
// and by how much. ok is false when no step was judged v or two tie:
// then no one step stands out.
func furthestStep(ps []StepPoint, v Verdict) (best StepPoint, bestOff time.Duration, ok bool) {
	for _, p := range ps {
		b := StepBand(p.Target)
		if !p.Step.Valid() || b.Verdict(p.Spoken) != v {
			continue
		}
		switch off := abs(b.Off(p.Spoken)); {
		case best.Step == "" || off > bestOff:
			best, bestOff, ok = p, off, true
		case off == bestOff:
			ok = false
		}
	}
	return best, bestOff, ok
}

// intervalCap is the longest interval in days an interview date allows:
// half the days left, at least one; 0 when no date is set or it has
// passed.
func intervalCap(interview, now time.Time) int {
	if interview.IsZero() {
		return 0
	}
	left := DaysUntil(interview, now)
	if left < 0 {
		return 0
	}
	return max(1, left/2)
}

// IsDue reports whether d is due at now.
func (d Due) IsDue(now time.Time) bool { return !d.Due.After(now) }

// When says when d is due, as the plan lists it: "now", "later today",
// "tomorrow" or "in 3 days".
func (d Due) When(now time.Time) string {
	switch n := DaysUntil(d.Due, now); {
	case d.IsDue(now):
		return "now"
	case n == 0:
		return "later today"
	default:
		return InDays(n)
	}
}

// DaysUntil counts calendar days from now's date to t's, in now's time
// zone: 0 on the same day, 1 for tomorrow, negative once t's day is past.
func DaysUntil(t, now time.Time) int {
	return dayNumber(t.In(now.Location())) - dayNumber(now)
}

// dayNumber numbers t's calendar date, in its own zone, from 1 January
// 1970: its midnight in UTC, which has no daylight saving, counted in
// whole days of Unix time. A Duration would saturate 292 years away.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / (24 * 60 * 60))
}

// InDays says a day n days from today in words: "today", "tomorrow",
// "in 3 days", "yesterday", "3 days ago".
func InDays(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n < 0:
		return count(-n, "day") + " ago"
	}
	return "in " + count(n, "day")
}

// times counts repetitions in words: "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// CompetencyReadiness is how ready the candidate is to show one
// competency.
type CompetencyReadiness struct {
	Competency string
	Questions  int // questions in the bank tagged with it
	OnTarget   int // of those, how many were on target in their last complete attempt
}

// Readiness counts, per competency as the bank spells it, the questions
// tagged with it and how many of those were on target in their last
// complete attempt; sorted by competency name.
func Readiness(qs []*Question, hist []QuestionHistory) []CompetencyReadiness {
	onTarget := make(map[string]bool, len(hist))
	for _, h := range hist {
		onTarget[h.QuestionID] = len(h.Attempts) > 0 && h.Attempts[0].Verdict == OnTarget
	}
	byName := map[string]*CompetencyReadiness{}
	for _, q := range qs {
		for _, c := range q.Competencies {
			r := byName[c]
			if r == nil {
				r = &CompetencyReadiness{Competency: c}
				byName[c] = r
			}
			r.Questions++
			if onTarget[q.ID] {
				r.OnTarget++
			}
		}
	}
	out := make([]CompetencyReadiness, 0, len(byName))
	for _, r := range byName {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b CompetencyReadiness) int { return cmp.Compare(a.Competency, b.Competency) })
	return out
}
