package practice

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// LevelID identifies an interview level.
type LevelID string

// Level is an interview level and the window its whole answer should fit.
type Level struct {
	ID   LevelID
	Name string
	// Min and Max bound the total spoken time of a full answer.
	Min, Max time.Duration
}

// Levels are the built-in levels. The windows are the ones interviewers
// expect at each level: juniors keep it short, seniors are given room for
// trade-offs.
var Levels = []Level{
	{ID: "sde1", Name: "SDE 1", Min: 90 * time.Second, Max: 120 * time.Second},
	{ID: "sde2", Name: "SDE 2", Min: 120 * time.Second, Max: 150 * time.Second},
	{ID: "senior", Name: "Senior SDE", Min: 150 * time.Second, Max: 180 * time.Second},
}

// DefaultLevel is the level a new user starts with.
const DefaultLevel LevelID = "sde2"

// LevelByID finds a level; ok is false for an unknown ID.
func LevelByID(id LevelID) (Level, bool) {
	for _, l := range Levels {
		if l.ID == id {
			return l, true
		}
	}
	return Level{}, false
}

// LevelByName finds a level by its ID or display name (case-sensitive ID,
// display name as shown), for pickers that show names.
func LevelByName(name string) (Level, bool) {
	for _, l := range Levels {
		if l.Name == name || string(l.ID) == name {
			return l, true
		}
	}
	return Level{}, false
}

// WindowText formats the level's window, e.g. "2:00–2:30".
func (l Level) WindowText() string {
	return FormatClock(l.Min) + "–" + FormatClock(l.Max)
}

// Targets returns the spoken-time target of each STAR step of q at level l.
//
// The question's own targets are the reference. When they add up to more
// than the level's upper bound, each is scaled by the same factor and
// rounded with the largest-remainder method, so the scaled targets sum to
// exactly the upper bound (never more), no step loses more than a second
// to rounding, and none is below a second.
func Targets(q *Question, l Level) map[StepID]time.Duration {
	ref := make([]int, len(q.Steps))
	sum := 0
	for i, s := range q.Steps {
		ref[i] = s.TargetSeconds
		sum += s.TargetSeconds
	}
	limit := int(l.Max / time.Second)
	secs := ref
	if sum > limit {
		secs = scaleToSum(ref, sum, limit)
	}
	out := make(map[StepID]time.Duration, len(q.Steps))
	for i, s := range q.Steps {
		out[s.Step] = time.Duration(secs[i]) * time.Second
	}
	return out
}

// scaleToSum scales ref (which sums to sum) so the result sums to limit,
// using floors plus one extra second for the largest fractional parts.
func scaleToSum(ref []int, sum, limit int) []int {
	out := make([]int, len(ref))
	type frac struct {
		i int
		f float64
	}
	fr := make([]frac, len(ref))
	total := 0
	for i, r := range ref {
		exact := float64(r) * float64(limit) / float64(sum)
		out[i] = int(math.Floor(exact))
		total += out[i]
		fr[i] = frac{i, exact - math.Floor(exact)}
	}
	// Stable sort keeps speaking order among equal remainders, so the
	// result does not depend on map or sort internals.
	sort.SliceStable(fr, func(a, b int) bool { return fr[a].f > fr[b].f+1e-9 })
	for k := 0; total < limit && k < len(fr); k++ {
		out[fr[k].i]++
		total++
	}
	// A step scaled below a second would be "long" whatever was said: it
	// gets one second, taken from the longest step.
	for i := range out {
		if out[i] == 0 {
			longest := 0
			for j := range out {
				if out[j] > out[longest] {
					longest = j
				}
			}
			out[i]++
			out[longest]--
		}
	}
	return out
}

// TotalTarget adds up the step targets.
func TotalTarget(t map[StepID]time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range t {
		sum += d
	}
	return sum
}

// FormatClock formats a duration as m:ss, rounded as Shown.
func FormatClock(d time.Duration) string {
	s := int(Shown(d) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// FormatSeconds formats a short duration the way targets are written,
// e.g. "30 s" or "1:30" from a minute on, rounded as Shown.
func FormatSeconds(d time.Duration) string {
	if Shown(d) < time.Minute {
		return fmt.Sprintf("%d s", int(Shown(d)/time.Second))
	}
	return FormatClock(d)
}
