package practice

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestStoryValidate(t *testing.T) {
	ok := Story{Title: "Webhook outage", Lines: map[StepID]string{Situation: "0.3% lost", Result: ""},
		Competencies: []string{"Ownership", "Dive Deep"}}
	for _, c := range []struct {
		name  string
		edit  func(*Story)
		want  error
		names string // what the message must name
	}{
		{"complete", func(*Story) {}, nil, ""},
		{"no lines or competencies", func(s *Story) { s.Lines, s.Competencies = nil, nil }, nil, ""},
		{"no title", func(s *Story) { s.Title = "" }, ErrNoStoryTitle, ""},
		{"a blank title", func(s *Story) { s.Title = "  \t" }, ErrNoStoryTitle, ""},
		{"a follow-up line", func(s *Story) { s.Lines = map[StepID]string{FollowUpStep: "why"} }, ErrNotStarStep, `"followup"`},
		{"an unknown step", func(s *Story) { s.Lines = map[StepID]string{"intro": "hi"} }, ErrNotStarStep, `"intro"`},
		{"a blank competency", func(s *Story) { s.Competencies = []string{"Ownership", " "} }, ErrBlankCompetency, "competency 2 of 2"},
		{"a repeated competency", func(s *Story) { s.Competencies = []string{"Ownership", "Dive Deep", "Ownership"} }, ErrRepeatedCompetency, `"Ownership"`},
	} {
		s := ok
		c.edit(&s)
		err := s.Validate()
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%s: Validate() = %v, want %v", c.name, err, c.want)
		}
		if err != nil && !strings.Contains(err.Error(), c.names) {
			t.Errorf("%s: %q does not name %s", c.name, err, c.names)
		}
	}
}

func TestStoryCoverage(t *testing.T) {
	linked := func(n int) []string {
		var qs []string
		for i := range n {
			qs = append(qs, string(rune('a'+i)))
		}
		return qs
	}
	bank := []string{"Dive Deep", "Earn Trust", "Ownership"}
	for _, c := range []struct {
		name          string
		stories       []Story
		uncovered     []string
		overusedTitle []string
	}{
		{"no stories", nil, bank, nil},
		{"some covered", []Story{{Title: "Outage", Competencies: []string{"Ownership", "Dive Deep"}}}, []string{"Earn Trust"}, nil},
		{"a competency outside the bank counts for nothing",
			[]Story{{Title: "Hackathon", Competencies: []string{"Think Big"}}}, bank, nil},
		{"case matters", []Story{{Title: "Outage", Competencies: []string{"ownership"}}}, bank, nil},
		{"all covered", []Story{
			{Title: "Outage", Competencies: []string{"Ownership", "Dive Deep"}},
			{Title: "Peer review", Competencies: []string{"Earn Trust"}},
		}, nil, nil},
		{"four links is the most before overuse", []Story{
			{Title: "Outage", Questions: linked(MaxStoryLinks)},
			{Title: "Migration", Questions: linked(MaxStoryLinks + 1)},
			{Title: "Launch", Questions: linked(MaxStoryLinks + 3)},
		}, bank, []string{"Migration", "Launch"}},
	} {
		got := StoryCoverage(bank, c.stories)
		var titles []string
		for _, s := range got.Overused {
			titles = append(titles, s.Title)
		}
		if !slices.Equal(got.Uncovered, c.uncovered) || !slices.Equal(titles, c.overusedTitle) {
			t.Errorf("%s: uncovered %q, overused %q; want %q and %q", c.name, got.Uncovered, titles, c.uncovered, c.overusedTitle)
		}
	}
}

func TestCuesLine(t *testing.T) {
	story := map[StepID]string{Situation: "0.3% of webhooks lost", Task: "own the fix"}
	linked := Cues{StoryID: 7, StoryTitle: "Webhook outage", Story: story,
		Own: map[StepID]string{Task: "lead with the customer", Action: "", FollowUpStep: "the retry budget"}}
	unlinked := Cues{Own: map[StepID]string{Task: "kept after the story went"}}
	for _, c := range []struct {
		name       string
		cues       Cues
		step       StepID
		line       string
		overridden bool
	}{
		{"the story's line", linked, Situation, "0.3% of webhooks lost", false},
		{"the question's own line", linked, Task, "lead with the customer", true},
		{"a line blanked for this question", linked, Action, "", true},
		{"neither has a line", linked, Result, "", false},
		{"the follow-up note is the question's own", linked, FollowUpStep, "the retry budget", false},
		{"no story: the question's line overrides nothing", unlinked, Task, "kept after the story went", false},
		{"no story, no line", unlinked, Situation, "", false},
	} {
		if got := c.cues.Line(c.step); got != c.line {
			t.Errorf("%s: Line(%s) = %q, want %q", c.name, c.step, got, c.line)
		}
		if got := c.cues.Overridden(c.step); got != c.overridden {
			t.Errorf("%s: Overridden(%s) = %v, want %v", c.name, c.step, got, c.overridden)
		}
	}
}
