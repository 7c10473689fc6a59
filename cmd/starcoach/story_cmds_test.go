package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// seedStories imports the test pack and stores three stories: one linked
// to a built-in question, the imported one and one no longer in the bank,
// one linked to nothing, and one linked to more questions than it should.
func seedStories(t *testing.T, dir string) {
	t.Helper()
	pack := filepath.Join(t.TempDir(), "mine.yaml")
	os.WriteFile(pack, []byte(myPack), 0o600)
	if _, errOut, code := runCmd(t, "--data-dir", dir, "import", pack); code != 0 {
		t.Fatal(errOut)
	}
	ctx := context.Background()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	outage := practice.Story{Title: "Webhook outage", Competencies: []string{"Ownership", "Dive Deep"},
		Lines: map[practice.StepID]string{practice.Situation: "0.3% of webhooks lost", practice.Action: "replayed them"}}
	migration := practice.Story{Title: "Big migration"}
	launch := practice.Story{Title: "Launch", Competencies: []string{"Earn Trust"}}
	for _, s := range []*practice.Story{&outage, &migration, &launch} {
		if err := db.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"unpopular-decision", "my-question", "gone-question"} {
		if err := db.LinkStory(ctx, q, outage.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"ambiguity", "beyond-scope", "big-bet", "calculated-risk", "failure"} {
		if err := db.LinkStory(ctx, q, launch.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// On an empty data directory both forms say there is nothing yet, and
// where to start.
func TestStoriesEmpty(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runCmd(t, "--data-dir", dir, "stories")
	if code != 0 || out != "No stories yet. Write one in the app under My stories (Ctrl+2).\n" {
		t.Errorf("stories: exit %d, %q %q", code, out, errOut)
	}
	out, errOut, code = runCmd(t, "--data-dir", dir, "stories", "--json")
	if code != 0 || out != "[]\n" {
		t.Errorf("stories --json: exit %d, %q %q", code, out, errOut)
	}
	if _, errOut, code := runCmd(t, "--data-dir", dir, "stories", "extra"); code != 2 || !strings.Contains(errOut, "usage: starcoach stories [--json]") {
		t.Errorf("stories extra: exit %d, %q", code, errOut)
	}
}

// The list names each story's competencies and questions, by title from
// the bank with the imported packs, then the competencies no story shows.
func TestStoriesList(t *testing.T) {
	dir := t.TempDir()
	seedStories(t, dir)
	out, errOut, code := runCmd(t, "--data-dir", dir, "stories")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `Big migration
  Competencies: none
  Linked to no question yet

Launch
  Competencies: Earn Trust
  Linked to 5 questions, more than 4: an interviewer who hears it twice may doubt it
    ambiguity        Tell me about a time you worked with ambiguous requirements
    beyond-scope     Tell me about a time you went beyond the scope of your role
    big-bet          Tell me about a time you proposed something much bigger than what was asked
    calculated-risk  Tell me about a time you made a decision without all the data you wanted
    failure          Tell me about a time you failed

Webhook outage
  Competencies: Ownership · Dive Deep
  Linked to 3 questions
    gone-question       (no longer in the question bank)
    my-question         Tell me about a time you shipped late
    unpopular-decision  Tell me about a time you made an unpopular decision as a leader

No story shows yet: Are Right, A Lot · Bias for Action · Customer Obsession · Deliver Results · Frugality · ` +
		`Have Backbone; Disagree and Commit · Hire and Develop the Best · Insist on the Highest Standards · Invent and Simplify · ` +
		`Learn and Be Curious · Strive to be Earth's Best Employer · Success and Scale Bring Broad Responsibility · Think Big
`
	if out != want {
		t.Errorf("stories printed\n%s\nwant\n%s", out, want)
	}
}

// --json is one array of stories, each with exactly the documented keys
// and its lines.
func TestStoriesJSON(t *testing.T) {
	dir := t.TempDir()
	seedStories(t, dir)
	out, errOut, code := runCmd(t, "--data-dir", dir, "stories", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil || len(raw) != 3 {
		t.Fatalf("not an array of 3 stories (%v):\n%s", err, out)
	}
	for _, r := range raw {
		var keys []string
		for k := range r {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := []string{"competencies", "id", "lines", "questions", "title"}; !slices.Equal(keys, want) {
			t.Errorf("keys %q, want %q", keys, want)
		}
	}
	var got []storyRow
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if empty := got[0]; empty.Title != "Big migration" || empty.Competencies == nil || empty.Questions == nil || empty.Lines == nil {
		t.Errorf("an empty story %+v: its lists must be [] and {}, not null", empty)
	}
	want := storyRow{ID: got[2].ID, Title: "Webhook outage", Competencies: []string{"Ownership", "Dive Deep"},
		Questions: []storyQuestion{
			{"gone-question", ""},
			{"my-question", "Tell me about a time you shipped late"},
			{"unpopular-decision", "Tell me about a time you made an unpopular decision as a leader"},
		},
		Lines: map[practice.StepID]string{practice.Situation: "0.3% of webhooks lost", practice.Action: "replayed them"}}
	if !reflect.DeepEqual(got[2], want) || got[2].ID == 0 {
		t.Errorf("story\n%+v\nwant\n%+v", got[2], want)
	}
}

// hostile is stored text that, printed raw, would set the terminal's
// title, clear its screen, open a C1 control sequence and reverse the
// rest of the line.
const hostile = "Outage\x1b]0;pwned\x07\x1b[2J\u009b31m\u202e!"

// hostileEscaped is hostile as text output shows it.
const hostileEscaped = `Outage\x1b]0;pwned\x07\x1b[2J\u009b31m\u202e!`

// checkNoRawControls fails the test if out holds a raw ESC, BEL, C1 CSI
// or right-to-left override.
func checkNoRawControls(t *testing.T, what, out string) {
	t.Helper()
	if i := strings.IndexAny(out, "\x1b\x07\u009b\u202e"); i >= 0 {
		t.Errorf("%s prints a raw control at byte %d: %q", what, i, out[max(0, i-20):min(len(out), i+20)])
	}
}

// A story's title, competencies and linked question IDs are printed with
// their controls escaped; --json keeps them exactly, as JSON escapes.
func TestStoriesEscapeStoredText(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := practice.Story{Title: hostile, Competencies: []string{"Ownership" + hostile},
		Lines: map[practice.StepID]string{practice.Situation: hostile}}
	ctx := context.Background()
	if err := db.SaveStory(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkStory(ctx, "gone"+hostile, s.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, errOut, code := runCmd(t, "--data-dir", dir, "stories")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkNoRawControls(t, "stories", out)
	for _, want := range []string{"\n" + hostileEscaped + "\n", "Competencies: Ownership" + hostileEscaped + "\n", "gone" + hostileEscaped + "  (no longer"} {
		if !strings.Contains("\n"+out, want) {
			t.Errorf("stories lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCmd(t, "--data-dir", dir, "stories", "--json")
	checkNoRawControls(t, "stories --json", out)
	var got []storyRow
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
		t.Fatalf("%v:\n%s", err, out)
	}
	if r := got[0]; r.Title != hostile || r.Competencies[0] != "Ownership"+hostile || r.Questions[0].ID != "gone"+hostile || r.Lines[practice.Situation] != hostile {
		t.Errorf("--json changed the text: %+v", r)
	}
}
