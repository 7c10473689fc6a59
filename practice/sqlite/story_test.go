package sqlite

import (
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"starcoach/practice"
)

// lines is a story's or a question's lines, written short.
type lines = map[practice.StepID]string

// saveStory saves a new story and returns it as saved.
func saveStory(t *testing.T, db *DB, title string, l lines, competencies ...string) practice.Story {
	t.Helper()
	s := practice.Story{Title: title, Lines: l, Competencies: competencies}
	if err := db.SaveStory(ctx, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func stories(t *testing.T, db *DB) []practice.Story {
	t.Helper()
	all, err := db.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func cues(t *testing.T, db *DB, questionID string) practice.Cues {
	t.Helper()
	c, err := db.Cues(ctx, questionID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func link(t *testing.T, db *DB, questionID string, storyID int64) {
	t.Helper()
	if err := db.LinkStory(ctx, questionID, storyID); err != nil {
		t.Fatal(err)
	}
}

func setCue(t *testing.T, db *DB, questionID string, step practice.StepID, text, newTitle string) {
	t.Helper()
	if err := db.SetCue(ctx, questionID, step, text, newTitle); err != nil {
		t.Fatal(err)
	}
}

// A story is saved, changed and read back after a restart with every
// line and competency; a blank line is no line; the list is by title,
// whatever the case.
func TestSaveStory(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	outage := saveStory(t, db, "Webhook outage", lines{practice.Situation: "0.3% of webhooks lost", practice.Action: "replayed them", practice.Result: ""},
		"Ownership", "Dive Deep")
	saveStory(t, db, "Big migration", lines{practice.Task: "move 1.2 million users"})
	saveStory(t, db, "an old project", nil)
	if outage.ID == 0 || outage.UpdatedAt.IsZero() {
		t.Fatalf("saved story has ID %d, UpdatedAt %v", outage.ID, outage.UpdatedAt)
	}
	outage.Title = "Webhook outage, 2023"
	outage.Lines = lines{practice.Situation: "0.3% of webhooks lost for a week"}
	outage.Competencies = []string{"Ownership"}
	if err := db.SaveStory(ctx, &outage); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openTest(t, dir)

	all := stories(t, db)
	var titles []string
	for _, s := range all {
		titles = append(titles, s.Title)
	}
	if want := []string{"an old project", "Big migration", "Webhook outage, 2023"}; !slices.Equal(titles, want) {
		t.Fatalf("stories %q, want %q", titles, want)
	}
	if got := all[2]; !reflect.DeepEqual(got, outage) {
		t.Errorf("read back %+v\nsaved     %+v", got, outage)
	}
	if got := all[0]; len(got.Lines) != 0 || got.Competencies != nil || got.Questions != nil {
		t.Errorf("a story with nothing in it reads back as %+v", got)
	}
}

// A story that breaks a rule is refused with the rule named, and nothing
// is stored; an update of a story that is not there says which.
func TestSaveStoryRefusesABadStory(t *testing.T) {
	db := openTest(t, t.TempDir())
	for _, c := range []struct {
		story practice.Story
		want  error
	}{
		{practice.Story{Title: " "}, practice.ErrNoStoryTitle},
		{practice.Story{Title: "Outage", Lines: lines{practice.FollowUpStep: "retry budget"}}, practice.ErrNotStarStep},
		{practice.Story{Title: "Outage", Competencies: []string{"Ownership", "Ownership"}}, practice.ErrRepeatedCompetency},
		{practice.Story{Title: "Outage", Competencies: []string{""}}, practice.ErrBlankCompetency},
	} {
		if err := db.SaveStory(ctx, &c.story); !errors.Is(err, c.want) || c.story.ID != 0 {
			t.Errorf("SaveStory(%+v) = %v (ID %d), want %v", c.story, err, c.story.ID, c.want)
		}
	}
	missing := practice.Story{ID: 99, Title: "Outage"}
	if err := db.SaveStory(ctx, &missing); !errors.Is(err, practice.ErrNotFound) || !strings.Contains(err.Error(), "story 99") {
		t.Errorf("updating story 99 = %v, want not found, naming it", err)
	}
	if all := stories(t, db); len(all) != 0 {
		t.Errorf("refused stories were stored: %+v", all)
	}
}

// A question links to one story at most; a story lists its questions in
// order; a story that is not there cannot be linked.
func TestLinkStory(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := saveStory(t, db, "A", nil)
	b := saveStory(t, db, "B", nil)
	for _, q := range []string{"q3", "q2", "q1"} {
		link(t, db, q, a.ID)
	}
	link(t, db, "q3", b.ID) // moves it
	link(t, db, "q1", 0)    // unlinks it
	all := stories(t, db)
	if !slices.Equal(all[0].Questions, []string{"q2"}) || !slices.Equal(all[1].Questions, []string{"q3"}) {
		t.Errorf("A links %q, B links %q; want q2 and q3", all[0].Questions, all[1].Questions)
	}
	if c := cues(t, db, "q3"); c.StoryID != b.ID || c.StoryTitle != "B" {
		t.Errorf("q3's cue cards come from story %d %q, want B", c.StoryID, c.StoryTitle)
	}
	if c := cues(t, db, "q1"); c.StoryID != 0 {
		t.Errorf("unlinked q1 still shows story %d", c.StoryID)
	}
	if err := db.LinkStory(ctx, "q4", 99); !errors.Is(err, practice.ErrNotFound) || !strings.Contains(err.Error(), "story 99") {
		t.Errorf("linking to story 99 = %v, want not found, naming it", err)
	}
	if err := db.LinkStory(ctx, "", a.ID); err == nil || !strings.Contains(err.Error(), "no question") {
		t.Errorf("linking no question = %v", err)
	}
	if c := cues(t, db, "q4"); c.StoryID != 0 {
		t.Errorf("a failed link left q4 on story %d", c.StoryID)
	}
}

// Deleting a story deletes its lines and links; the questions keep their
// own lines.
func TestDeleteStory(t *testing.T) {
	db := openTest(t, t.TempDir())
	s := saveStory(t, db, "Outage", lines{practice.Situation: "webhooks lost", practice.Task: "own the fix"})
	link(t, db, "q", s.ID)
	setCue(t, db, "q", practice.Task, "lead with the customer", "unused")
	setCue(t, db, "q", practice.FollowUpStep, "retry budget", "unused")
	if err := db.DeleteStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if all := stories(t, db); len(all) != 0 {
		t.Errorf("deleted story still listed: %+v", all)
	}
	var left int
	db.db.QueryRow(`SELECT (SELECT count(*) FROM story_lines) + (SELECT count(*) FROM story_links)`).Scan(&left)
	if left != 0 {
		t.Errorf("%d lines and links of the deleted story left", left)
	}
	want := practice.Cues{QuestionID: "q", Story: lines{},
		Own: lines{practice.Task: "lead with the customer", practice.FollowUpStep: "retry budget"}}
	if c := cues(t, db, "q"); !reflect.DeepEqual(c, want) {
		t.Errorf("cue cards after the delete %+v, want %+v", c, want)
	}
	if err := db.DeleteStory(ctx, s.ID); !errors.Is(err, practice.ErrNotFound) {
		t.Errorf("deleting it again = %v, want not found", err)
	}
}

// What typing on a cue card during a rehearsal stores: the first line on
// a question starts its story, the story collects the lines it lacks, and
// a question linked to a told story keeps its own lines beside it.
func TestSetCue(t *testing.T) {
	db := openTest(t, t.TempDir())
	setCue(t, db, "q1", practice.Situation, "webhooks lost", "Lost webhooks")
	setCue(t, db, "q1", practice.Task, "own the fix", "not a second story")
	all := stories(t, db)
	if len(all) != 1 || all[0].Title != "Lost webhooks" || !slices.Equal(all[0].Questions, []string{"q1"}) ||
		!reflect.DeepEqual(all[0].Lines, lines{practice.Situation: "webhooks lost", practice.Task: "own the fix"}) {
		t.Fatalf("stories after typing two cue cards: %+v", all)
	}
	story := all[0]
	if c := cues(t, db, "q1"); len(c.Own) != 0 || c.Line(practice.Task) != "own the fix" {
		t.Errorf("q1's cue cards %+v: its lines belong to the story", c)
	}

	link(t, db, "q2", story.ID)
	setCue(t, db, "q2", practice.Task, "lead with the customer", "unused")
	setCue(t, db, "q2", practice.Situation, "", "unused") // blanked for q2
	setCue(t, db, "q2", practice.FollowUpStep, "retry budget", "unused")
	c := cues(t, db, "q2")
	if c.Line(practice.Task) != "lead with the customer" || !c.Overridden(practice.Task) ||
		c.Line(practice.Situation) != "" || !c.Overridden(practice.Situation) || c.Line(practice.FollowUpStep) != "retry budget" {
		t.Errorf("q2's cue cards %+v", c)
	}
	if got := stories(t, db)[0].Lines; !reflect.DeepEqual(got, story.Lines) {
		t.Errorf("q2's own lines changed the story: %v", got)
	}
	setCue(t, db, "q2", practice.Task, "own the fix", "unused") // back to the story's
	if c := cues(t, db, "q2"); c.Overridden(practice.Task) || c.Line(practice.Task) != "own the fix" {
		t.Errorf("q2's Task after typing the story's line: %q, overridden %v", c.Line(practice.Task), c.Overridden(practice.Task))
	}
	// The shared story has no Result line: q2's is its own, not the story's.
	setCue(t, db, "q2", practice.Result, "fixed in a week", "unused")
	if c := cues(t, db, "q2"); !c.Overridden(practice.Result) || stories(t, db)[0].Lines[practice.Result] != "" {
		t.Errorf("a line typed for a gap in a shared story: %+v, story %v", c, stories(t, db)[0].Lines)
	}

	// Without a story, a follow-up note or a blank line starts none.
	setCue(t, db, "q3", practice.FollowUpStep, "what would you change", "Q3")
	setCue(t, db, "q3", practice.Action, "", "Q3")
	if n := len(stories(t, db)); n != 1 {
		t.Errorf("%d stories; a follow-up note or a blank line started one", n)
	}
	if c := cues(t, db, "q3"); c.Line(practice.FollowUpStep) != "what would you change" {
		t.Errorf("q3's follow-up note %q", c.Line(practice.FollowUpStep))
	}

	for _, bad := range []struct {
		question, title string
		step            practice.StepID
		names           string
	}{
		{"q1", "T", "intro", `"intro"`},
		{"", "T", practice.Task, "no question"},
		{"q4", "", practice.Task, practice.ErrNoStoryTitle.Error()},
	} {
		if err := db.SetCue(ctx, bad.question, bad.step, "text", bad.title); err == nil || !strings.Contains(err.Error(), bad.names) {
			t.Errorf("SetCue(%q, %q, title %q) = %v, want an error naming %s", bad.question, bad.step, bad.title, err, bad.names)
		}
	}
	if c := cues(t, db, "q4"); len(c.Own) != 0 || c.StoryID != 0 {
		t.Errorf("a refused cue card stored %+v", c)
	}
}

// A question whose story was deleted keeps its own lines; the next line
// typed starts a new story holding all of them.
func TestSetCueAfterTheStoryWentStartsOneWithTheOwnLines(t *testing.T) {
	db := openTest(t, t.TempDir())
	old := saveStory(t, db, "Outage", lines{practice.Task: "own the fix"})
	link(t, db, "q", old.ID)
	setCue(t, db, "q", practice.Task, "lead with the customer", "unused")
	setCue(t, db, "q", practice.FollowUpStep, "retry budget", "unused")
	if err := db.DeleteStory(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	setCue(t, db, "q", practice.Result, "no complaints since", "Customer first")
	all := stories(t, db)
	want := lines{practice.Task: "lead with the customer", practice.Result: "no complaints since"}
	if len(all) != 1 || all[0].Title != "Customer first" || !reflect.DeepEqual(all[0].Lines, want) {
		t.Fatalf("stories %+v, want one holding %v", all, want)
	}
	if c := cues(t, db, "q"); !reflect.DeepEqual(c.Own, lines{practice.FollowUpStep: "retry budget"}) || c.StoryID != all[0].ID {
		t.Errorf("q's cue cards %+v: only the follow-up note stays its own", c)
	}
}

// Migration 006 turns the notes kept per question into one story per
// question with STAR notes, linked to it, losing nothing: every line
// reads as it did, and follow-up notes stay the question's own.
func TestMigrationMovesNotesIntoStories(t *testing.T) {
	dir := t.TempDir()
	raw, err := sql.Open("sqlite", dsn(filepath.Join(dir, FileName)))
	if err != nil {
		t.Fatal(err)
	}
	old := &DB{db: raw, dir: dir}
	names, err := migrationNames(migrationFS)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, migrationFS, names[:5]); err != nil {
		t.Fatal(err)
	}
	notes := map[string]lines{
		"tight-deadline": {practice.Situation: "launch in 3 weeks", practice.Task: "cut scope", practice.Action: "dropped SSO",
			practice.Result: "shipped on the day", practice.Reflection: "say no sooner", practice.FollowUpStep: "what SSO cost"},
		"conflict-with-coworker": {practice.Action: "paired on the tests", practice.Result: ""},
		"failure":                {practice.FollowUpStep: "what I would do again"},
		"mentoring":              {practice.Situation: ""}, // a card cleared: no story
	}
	for q, l := range notes {
		for step, note := range l {
			if _, err := raw.Exec(`INSERT INTO story_notes (question_id, step, note, updated_at) VALUES (?, ?, ?, ?)`,
				q, step, note, 1_700_000_000_000+int64(len(note))); err != nil {
				t.Fatal(err)
			}
		}
	}
	raw.Close()

	db := openTest(t, dir)
	all := stories(t, db)
	type summary struct {
		Title     string
		Questions []string
		Lines     lines
		UpdatedAt time.Time
	}
	var got []summary
	for _, s := range all {
		got = append(got, summary{s.Title, s.Questions, s.Lines, s.UpdatedAt})
	}
	want := []summary{
		{"Story for conflict with coworker", []string{"conflict-with-coworker"},
			lines{practice.Action: "paired on the tests"}, time.UnixMilli(1_700_000_000_019)},
		{"Story for tight deadline", []string{"tight-deadline"}, lines{practice.Situation: "launch in 3 weeks", practice.Task: "cut scope",
			practice.Action: "dropped SSO", practice.Result: "shipped on the day", practice.Reflection: "say no sooner"}, time.UnixMilli(1_700_000_000_018)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stories after the migration:\n%+v\nwant\n%+v", got, want)
	}
	for q, l := range notes {
		c := cues(t, db, q)
		for _, step := range append(slices.Clone(practice.Steps), practice.FollowUpStep) {
			if c.Line(step) != l[step] || c.Overridden(step) {
				t.Errorf("%s %s: the cue card reads %q (overridden %v), the note was %q", q, step, c.Line(step), c.Overridden(step), l[step])
			}
		}
		if _, own := c.Own[practice.FollowUpStep]; own != (l[practice.FollowUpStep] != "") || len(c.Own) > 1 {
			t.Errorf("%s: own lines %v, want only the follow-up note", q, c.Own)
		}
	}
	// New stories go on from the migrated ones.
	if s := saveStory(t, db, "New", nil); s.ID != 3 {
		t.Errorf("a new story has ID %d, want 3", s.ID)
	}
}
