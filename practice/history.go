package practice

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is wrapped by storage errors for a missing attempt, take or
// story.
var ErrNotFound = errors.New("not found")

// ErrDiskFull says a write failed because the disk is full. Its words are
// what the candidate reads wherever that happens: a write fails whole, so
// what was saved before stays.
var ErrDiskFull = errors.New("the disk holding your StarCoach data is full: free some space; nothing was lost")

// ErrReadOnly says a write failed because the disk holding the data
// cannot be written to; the history can still be read.
var ErrReadOnly = errors.New("the disk holding your StarCoach data cannot be written to: nothing new can be saved")

// Plain gives err the candidate's words where there are some: a full disk
// becomes ErrDiskFull and a read-only one ErrReadOnly, whichever layer
// noticed it.
func Plain(err error) error {
	if err == nil || errors.Is(err, ErrDiskFull) || errors.Is(err, ErrReadOnly) {
		return err
	}
	for _, c := range []struct {
		plain error
		errs  []error
	}{{ErrDiskFull, noSpace}, {ErrReadOnly, readOnlyDisk}} {
		for _, e := range c.errs {
			if errors.Is(err, e) {
				return fmt.Errorf("%w (%v)", c.plain, err)
			}
		}
	}
	return err
}

// HistoryFilter selects attempts for the history list. Zero fields match
// everything.
type HistoryFilter struct {
	QuestionID string
	Level      LevelID
	Mode       Mode
	Status     Status
	Loop       int64 // one loop's answers only
	// From and To bound StartedAt: From inclusive, To exclusive.
	From, To time.Time
	// Limit and Offset page a virtualised list; Limit 0 means no limit.
	Limit, Offset int
}

// StepPoint is one step's counted take in one attempt: a point on the
// progress chart of a question.
type StepPoint struct {
	AttemptID int64
	StartedAt time.Time
	Level     LevelID
	Step      StepID
	Spoken    time.Duration
	Target    time.Duration
	Verdict   Verdict
	Rating    int // 0 = not rated
}

// AttemptTimes is one complete attempt's timing: its whole answer and
// each step's counted take. The plan, the progress chart and the trends
// read attempts this way.
type AttemptTimes struct {
	ID        int64
	StartedAt time.Time
	Level     LevelID
	Spoken    time.Duration // the whole answer (see WholeAnswer)
	Verdict   Verdict       // whole-answer verdict against the level window
	Rating    int           // 0 = not rated
	Steps     []StepPoint   // its counted takes, in recording order
}

// StepStats sums up one step's counted takes over recent attempts (see
// Stats).
type StepStats struct {
	Step      StepID
	Takes     int
	AvgSpoken time.Duration // the average of the times as shown (see Mean)
	// Best is the best take's spoken time (see BestStep), and BestTarget
	// its target: a step's best is the most on-time one, not the longest.
	Best, BestTarget time.Duration
	OnTarget         int
	AvgRating        float64 // over rated takes; 0 when none is rated
}

// Counts are the figures on the history page's header.
type Counts struct {
	ThisWeek  int // attempts started since Monday 00:00, local time
	Questions int // distinct questions ever practised
	// SpokenThisWeek adds up the whole answers of the complete attempts
	// among ThisWeek: the minutes spoken, not the minutes recorded.
	SpokenThisWeek time.Duration
}

// TakeRow is one take with its attempt, the unit of an export.
type TakeRow struct {
	Attempt Attempt
	Take    Take
}

// ImportedPack is a question pack as the candidate imported it; the YAML is
// kept verbatim so it is parsed by the same code as the built-in bank.
type ImportedPack struct {
	Name       string
	YAML       []byte
	ImportedAt time.Time
}
