package practice

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Story is one of the candidate's real stories, written once and linked
// to any number of questions.
type Story struct {
	ID           int64
	Title        string
	Lines        map[StepID]string // one cue-card line per STAR step
	Competencies []string
	Questions    []string // linked question IDs, sorted
	UpdatedAt    time.Time
}

// What Validate finds wrong with a story; the error it returns wraps one
// of these and names the step or competency.
var (
	ErrNoStoryTitle       = errors.New("a story needs a title")
	ErrNotStarStep        = errors.New("a story has lines for the five STAR steps only")
	ErrBlankCompetency    = errors.New("a competency cannot be blank")
	ErrRepeatedCompetency = errors.New("a competency is listed twice")
)

// Validate reports the first thing wrong with the story, or nil.
func (s Story) Validate() error {
	if strings.TrimSpace(s.Title) == "" {
		return ErrNoStoryTitle
	}
	for step := range s.Lines {
		if !step.Valid() {
			return fmt.Errorf("%w, not %q", ErrNotStarStep, step)
		}
	}
	for i, c := range s.Competencies {
		if strings.TrimSpace(c) == "" {
			return fmt.Errorf("%w (competency %d of %d)", ErrBlankCompetency, i+1, len(s.Competencies))
		}
		if slices.Contains(s.Competencies[:i], c) {
			return fmt.Errorf("%w: %q", ErrRepeatedCompetency, c)
		}
	}
	return nil
}

// MaxStoryLinks is how many questions a story may be linked to before it
// is flagged as overused: an interviewer who hears it twice stops
// believing it.
const MaxStoryLinks = 4

// Coverage is what the story bank still lacks.
type Coverage struct {
	Uncovered []string // competencies (of the bank's questions) no story shows
	Overused  []Story  // stories linked to more than MaxStoryLinks questions
}

// StoryCoverage checks the stories against the competencies the bank's
// questions ask for (see Bank.Competencies). Both lists keep the order
// they were given in; competencies match exactly.
func StoryCoverage(competencies []string, stories []Story) Coverage {
	shown := map[string]bool{}
	var cov Coverage
	for _, s := range stories {
		for _, c := range s.Competencies {
			shown[c] = true
		}
		if len(s.Questions) > MaxStoryLinks {
			cov.Overused = append(cov.Overused, s)
		}
	}
	for _, c := range competencies {
		if !shown[c] {
			cov.Uncovered = append(cov.Uncovered, c)
		}
	}
	return cov
}

// Cues are a question's cue cards: its story's lines, each replaced by the
// question's own line where it has one.
type Cues struct {
	QuestionID string
	StoryID    int64 // 0 when no story is linked
	StoryTitle string
	Story      map[StepID]string // the story's lines
	// Own holds the question's own lines: overrides of the story's, and
	// the follow-up note, which no story has.
	Own map[StepID]string
}

// Line is the cue card shown for step s: the question's own line if it
// has one (even a blank one), else the story's.
func (c Cues) Line(s StepID) string {
	if own, ok := c.Own[s]; ok {
		return own
	}
	return c.Story[s]
}

// Overridden reports whether the question replaces its linked story's
// line for STAR step s with its own; without a story, or for the
// follow-up note, there is nothing to override.
func (c Cues) Overridden(s StepID) bool {
	_, own := c.Own[s]
	return own && c.StoryID != 0 && s.Valid()
}
