// Command seed fills a data directory with a made-up practice history for
// the screenshot script: a few weeks of attempts at four questions of the
// built-in bank, timed against their real targets, one attempt a month ago
// at each other question, three stories linked to questions and an
// interview two weeks away.
//
//	go run ./scripts/seed -data-dir DIR [-n 24]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"starcoach/assets"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/practice/sqlite/sqlitetest"
)

func main() {
	dir := flag.String("data-dir", "", "the data directory to fill")
	n := flag.Int("n", 24, "how many attempts")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: seed -data-dir DIR [-n N]")
		os.Exit(2)
	}
	bank, err := assets.Bank()
	if err != nil {
		fail(err)
	}
	_, err = sqlitetest.Seed(*dir, sqlitetest.Options{
		N:         *n,
		Every:     15 * time.Hour,
		Questions: practised,
		// As many levels as questions: each question is practised at one
		// level, as a candidate preparing for one interview does.
		Levels:  []practice.LevelID{"sde2", "sde2", "senior", "sde2", "sde2"},
		Targets: targets(bank),
	})
	if err != nil {
		fail(err)
	}
	if err := addEarlier(*dir, bank); err != nil {
		fail(err)
	}
	if err := addLoops(*dir, bank); err != nil {
		fail(err)
	}
	if err := addStories(*dir); err != nil {
		fail(err)
	}
}

// practised are the questions of the weeks of practice, cycled through.
var practised = []string{"unpopular-decision", "tight-deadline", "conflict-with-coworker", "unpopular-decision", "failure"}

// targets are each question's real targets at a level.
func targets(bank *practice.Bank) func(string, practice.LevelID) map[practice.StepID]time.Duration {
	return func(id string, l practice.LevelID) map[practice.StepID]time.Duration {
		lv, _ := practice.LevelByID(l)
		return practice.Targets(bank.Question(id), lv)
	}
}

// addEarlier rehearses every other question of the bank once, a month or
// more ago, so Home's plan has reasons to give rather than "never
// rehearsed".
func addEarlier(dir string, bank *practice.Bank) error {
	var others []string
	for _, q := range bank.Questions() {
		if !slices.Contains(practised, q.ID) {
			others = append(others, q.ID)
		}
	}
	_, err := sqlitetest.Seed(dir, sqlitetest.Options{
		N: len(others), Now: time.Now().AddDate(0, 0, -30), Every: 20 * time.Hour,
		Questions: others, Levels: []practice.LevelID{"sde2"},
		Targets: targets(bank),
	})
	return err
}

// addLoops adds two interview loops of four questions, a week apart, at
// SDE 2: the later one closer to its targets, as practice makes it.
func addLoops(dir string, bank *practice.Bank) error {
	for _, l := range []struct {
		days int
		over float64
		qs   []string
	}{
		{9, 0.4, []string{"ambiguity", "conflict-with-coworker", "failure", "customer-focus"}},
		{2, 0.08, []string{"beyond-scope", "disagree-with-manager", "feedback-received", "tight-deadline"}},
	} {
		_, err := sqlitetest.Seed(dir, sqlitetest.Options{
			N: len(l.qs), Now: time.Now().AddDate(0, 0, -l.days), Every: 5 * time.Minute,
			Questions: l.qs, Levels: []practice.LevelID{"sde2"}, Targets: targets(bank),
			Loop: true, Competency: func(id string) string { return bank.Question(id).Category }, Over: l.over,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// stories are a candidate's own, each with the questions it answers.
var stories = []struct {
	story     practice.Story
	questions []string
}{
	{practice.Story{Title: "Invoice job migration", Competencies: []string{"Ownership", "Deliver Results", "Learn and Be Curious"},
		Lines: map[practice.StepID]string{
			practice.Situation:  "Nightly invoicing moved from cron to the new scheduler",
			practice.Task:       "My migration; I skipped the dry run",
			practice.Action:     "Rolled back in 40 min, helped support, five-night shadow run",
			practice.Result:     "Live 3 weeks later, zero differences; checklist reused 4 times",
			practice.Reflection: "Moving code moves behaviour: time zones",
		}}, []string{"failure", "mistake-you-made", "missed-goal"}},
	{practice.Story{Title: "Webhook retries", Competencies: []string{"Ownership", "Dive Deep"},
		Lines: map[practice.StepID]string{
			practice.Situation: "0.3 % of payment webhooks dropped, no alert",
			practice.Action:    "Traced a retry race, patch and alert, won their lead over",
			practice.Result:    "Drops to zero, $8k a week recovered",
		}}, []string{"deep-debugging", "beyond-scope"}},
	{practice.Story{Title: "Release freeze", Competencies: []string{"Have Backbone; Disagree and Commit", "Earn Trust"},
		Lines: map[practice.StepID]string{
			practice.Situation: "Two teams wanted the same release week",
		}}, []string{"unpopular-decision"}},
	// One story told for two questions an interview loop may ask together,
	// and one that could take the second's place.
	{practice.Story{Title: "On-call handbook", Competencies: []string{"Strive to be Earth's Best Employer", "Invent and Simplify"},
		Lines: map[practice.StepID]string{
			practice.Situation: "Pages at 3 am, no runbook, two people burning out",
			practice.Action:    "Wrote the handbook, cut alerts from 40 to 12",
		}}, []string{"team-wellbeing", "simplified-process"}},
	{practice.Story{Title: "Build cache", Competencies: []string{"Invent and Simplify"},
		Lines: map[practice.StepID]string{
			practice.Situation: "CI took 40 minutes a run",
		}}, nil},
}

// addStories writes the stories and an interview date 14 days away.
func addStories(dir string) error {
	ctx := context.Background()
	db, err := sqlite.Open(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, s := range stories {
		if err := db.SaveStory(ctx, &s.story); err != nil {
			return err
		}
		for _, q := range s.questions {
			if err := db.LinkStory(ctx, q, s.story.ID); err != nil {
				return err
			}
		}
	}
	return db.SetInterviewDate(ctx, time.Now().AddDate(0, 0, 14))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "seed:", err)
	os.Exit(1)
}
