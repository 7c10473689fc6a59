package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"starcoach/practice"
)

// storyRow is one story in `stories --json`.
type storyRow struct {
	ID           int64                      `json:"id"`
	Title        string                     `json:"title"`
	Competencies []string                   `json:"competencies"`
	Questions    []storyQuestion            `json:"questions"`
	Lines        map[practice.StepID]string `json:"lines"`
}

// storyQuestion is a question a story is linked to; its title is empty
// when the question has left the bank (an imported pack was replaced).
type storyQuestion struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// runStories lists the candidate's stories with the competencies they
// show and the questions they are linked to, then the competencies no
// story shows yet; --json prints one array of stories instead.
func runStories(e *env, args []string) error {
	fs := newFlags(e, "stories")
	asJSON := fs.Bool("json", false, "print a JSON array of the stories, with their lines")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	db, bank, err := openBank(e, openToRead)
	if err != nil {
		return err
	}
	defer db.Close()
	stories, err := db.Stories(context.Background())
	if err != nil {
		return fmt.Errorf("stories: %w", err)
	}
	if *asJSON {
		return writeStoriesJSON(e.stdout, stories, bank)
	}
	if len(stories) == 0 {
		_, err := fmt.Fprintln(e.stdout, "No stories yet. Write one in the app under My stories (Ctrl+2).")
		return err
	}
	return writeStories(e.stdout, stories, bank)
}

func writeStoriesJSON(w io.Writer, stories []practice.Story, bank *practice.Bank) error {
	rows := []storyRow{} // none is [], not null
	for _, s := range stories {
		r := storyRow{ID: s.ID, Title: s.Title, Competencies: s.Competencies, Questions: []storyQuestion{}, Lines: s.Lines}
		if r.Competencies == nil {
			r.Competencies = []string{}
		}
		for _, id := range s.Questions {
			q := storyQuestion{ID: id}
			if bq := bank.Question(id); bq != nil {
				q.Title = bq.Title
			}
			r.Questions = append(r.Questions, q)
		}
		rows = append(rows, r)
	}
	enc := json.NewEncoder(jsonOut{w})
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// competencySep separates competencies in a line: some hold commas and
// semicolons ("Are Right, A Lot").
const competencySep = " · "

// writeStories prints each story, its competencies and its questions
// with their titles, then what the bank still lacks.
func writeStories(w io.Writer, stories []practice.Story, bank *practice.Bank) error {
	cov := practice.StoryCoverage(bank.Competencies(), stories)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, s := range stories {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintln(tw, practice.Printable(s.Title))
		fmt.Fprintf(tw, "  Competencies: %s\n", orNone(practice.Printable(strings.Join(s.Competencies, competencySep))))
		linked := "  Linked to " + practice.Plural(len(s.Questions), "question", "questions")
		switch {
		case len(s.Questions) == 0:
			linked = "  Linked to no question yet"
		case slices.ContainsFunc(cov.Overused, func(o practice.Story) bool { return o.ID == s.ID }):
			linked += fmt.Sprintf(", more than %d: an interviewer who hears it twice may doubt it", practice.MaxStoryLinks)
		}
		fmt.Fprintln(tw, linked)
		for _, id := range s.Questions {
			title := "(no longer in the question bank)"
			if q := bank.Question(id); q != nil {
				title = q.Title
			}
			fmt.Fprintf(tw, "    %s\t%s\n", practice.Printable(id), practice.Printable(title))
		}
	}
	fmt.Fprintln(tw)
	if len(cov.Uncovered) == 0 {
		fmt.Fprintln(tw, "Every competency the questions ask for has a story.")
	} else {
		fmt.Fprintf(tw, "No story shows yet: %s\n", practice.Printable(strings.Join(cov.Uncovered, competencySep)))
	}
	return tw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
