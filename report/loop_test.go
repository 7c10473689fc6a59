package report

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"starcoach/practice"
	"starcoach/practice/sqlite"
)

var _ LoopStore = (*sqlite.DB)(nil)

// loopAnswer is one question of a loop to record and how its answer
// went: the first steps STAR steps spoken in one mock recording of about
// speech (none: the loop ended before the question), then a follow-up of
// about followUp (none when 0); left unfinished, or finished.
type loopAnswer struct {
	question, competency, story string
	steps                       int
	speech, followUp            time.Duration
	left                        bool
}

// recordLoop saves stories (a title and its competencies) linked to the
// questions answers tell them for, then records a loop at level begun
// at start, one pick per answer, and ends it as status says. It returns
// the loop and how long each take's recording lasts, in page order.
func recordLoop(t *testing.T, db *sqlite.DB, bank *practice.Bank, level practice.LevelID, start time.Time,
	stories map[string][]string, answers []loopAnswer, status practice.Status) (practice.Loop, []time.Duration) {
	t.Helper()
	ctx := context.Background()
	ids := map[string]int64{}
	for title, comps := range stories {
		s := practice.Story{Title: title, Competencies: comps}
		if err := db.SaveStory(ctx, &s); err != nil {
			t.Fatal(err)
		}
		ids[title] = s.ID
	}
	l := practice.Loop{Level: level, StartedAt: start}
	for _, a := range answers {
		if a.story != "" {
			if err := db.LinkStory(ctx, a.question, ids[a.story]); err != nil {
				t.Fatal(err)
			}
		}
		l.Picks = append(l.Picks, practice.LoopPick{QuestionID: a.question, Competency: a.competency, StoryID: ids[a.story], StoryTitle: a.story})
	}
	if err := db.CreateLoop(ctx, &l); err != nil {
		t.Fatal(err)
	}
	var lengths []time.Duration
	at := start
	for _, a := range answers {
		if a.steps == 0 {
			continue
		}
		att := practice.Attempt{QuestionID: a.question, Level: level, Loop: l.ID, StartedAt: at}
		lengths = append(lengths, mockAnswer(t, db, bank, &att, a.steps, a.speech, a.followUp)...)
		at = at.Add(a.speech + a.followUp + time.Minute)
		if a.left {
			if err := db.AbandonAttempt(ctx, att.ID); err != nil {
				t.Fatal(err)
			}
		} else if _, err := db.FinishAttempt(ctx, att.ID); err != nil {
			t.Fatal(err)
		}
	}
	end := db.FinishLoop
	if status == practice.Abandoned {
		end = db.AbandonLoop
	}
	if err := end(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	return l, lengths
}

// A loop left in its second answer, read back by an HTML parser: the
// loop's figures and its status; the story told for two questions
// named, with the one that could replace it; each question in the order
// asked with its competency and story; the first answer's takes and
// follow-up, the second's takes before it was left, said to be left;
// the third said not to have been reached. One audio element per take,
// each the take's length, and nothing fetched from anywhere.
func TestReportOfALoop(t *testing.T) {
	_, db, bank := openStore(t)
	start := time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)
	answers := []loopAnswer{
		{question: "failure", competency: "Ownership", story: "Payments outage", steps: 5, speech: 40 * time.Second, followUp: 12 * time.Second},
		{question: "conflict-with-coworker", competency: "Earn Trust", story: "Schema migration dispute", steps: 3, speech: 20 * time.Second, left: true},
		{question: "deep-debugging", competency: "Dive Deep", story: "Payments outage"},
	}
	stories := map[string][]string{"Payments outage": {"Ownership"}, "Schema migration dispute": {"Earn Trust"}, "Cache stampede": {"Dive Deep"}}
	l, lengths := recordLoop(t, db, bank, "sde2", start, stories, answers, practice.Abandoned)

	var progress [][2]int
	var out bytes.Buffer
	err := WriteLoop(context.Background(), &out, db, bank, l.ID, start.Add(time.Hour),
		func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if n := len(lengths); len(progress) != n || progress[n-1] != [2]int{n, n} {
		t.Errorf("progress %v, want one call per take of every answer, ending at %d of %d", progress, n, n)
	}
	doc, err := html.Parse(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	page := text(doc)
	title := func(id string) string { return bank.Question(id).Title }
	for _, want := range []string{
		"A loop of 3 questions", "SDE 2, each answer 2:00–2:30 · Monday 7 December 2026, 10:00 · left",
		"Answered1 of 3", "Follow-ups answered1", "Competencies covered: Ownership.", "Stories told: Payments outage.",
		"The story “Payments outage” answers “" + title("failure") + "” and “" + title("deep-debugging") + "”. For “" +
			title("deep-debugging") + "”, “Cache stampede” covers the same competency.",
		"Competency: Ownership · Story: Payments outage", "Competency: Earn Trust · Story: Schema migration dispute",
		"Competency: Dive Deep · Story: Payments outage",
		"Left unfinished: the takes finished before it was left are below.",
		"Not reached: the loop was left before this question.",
		"Follow-up", "mock interview",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	var headings []string
	walk(doc, func(n *html.Node) {
		if c, _ := attr(n, "class"); n.Data == "section" && c == "question" {
			walk(n, func(h *html.Node) {
				if h.Data == "h2" {
					headings = append(headings, text(h))
				}
			})
		}
	})
	want := []string{"1. " + title("failure"), "2. " + title("conflict-with-coworker"), "3. " + title("deep-debugging")}
	if !slices.Equal(headings, want) {
		t.Errorf("the questions are %q, want %q", headings, want)
	}
	if got := audioLengths(t, doc); !sameLengths(got, lengths) {
		t.Errorf("the recordings last %v, want %v: the first answer's five steps and follow-up, the second's three steps", got, lengths)
	}
	selfContained(t, doc)
}

// A loop of six questions, each a three-minute mock answer in five
// steps and a one-minute follow-up, 24 minutes of speech recorded at
// 16 kHz: its page, at 8 KB a second of μ-law and a third more as base64,
// comes to under 20 MB, and is written holding one take's recording at a
// time: the heap in use while it is written grows by far less than the
// page (under 8 MB).
func TestLoopReportSize(t *testing.T) {
	_, db, bank := openStore(t)
	start := time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)
	var answers []loopAnswer
	for _, q := range []string{"failure", "conflict-with-coworker", "deep-debugging", "tight-deadline", "mentoring", "customer-focus"} {
		answers = append(answers, loopAnswer{question: q, competency: bank.Question(q).Competencies[0], steps: 5, speech: 3 * time.Minute, followUp: time.Minute})
	}
	l, lengths := recordLoop(t, db, bank, "senior", start, nil, answers, practice.Complete)
	var spoken time.Duration
	for _, d := range lengths {
		spoken += d
	}

	f, err := os.Create(filepath.Join(t.TempDir(), "loop.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var peak uint64
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	w := &sampled{w: f, sample: sample}
	began := time.Now()
	if err := WriteLoop(context.Background(), w, db, bank, l.ID, start.Add(time.Hour), func(int, int) { sample() }); err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	grew := float64(peak-min(peak, before.HeapInuse)) / 1e6
	t.Logf("%d takes, %v of recordings: a page of %.1f MB (%.1f KB a second) written in %v; heap in use %.1f MB before, at most %.1f MB while writing (%.1f MB more)",
		len(lengths), spoken.Round(time.Second), float64(w.n)/1e6, float64(w.n)/spoken.Seconds()/1e3, took.Round(time.Millisecond),
		float64(before.HeapInuse)/1e6, float64(peak)/1e6, grew)
	if spoken < 24*time.Minute {
		t.Fatalf("the loop holds %v of recordings, want at least 24 minutes", spoken)
	}
	if w.n >= 20e6 {
		t.Errorf("the page is %.1f MB, want under 20 MB", float64(w.n)/1e6)
	}
	if grew >= 8 {
		t.Errorf("writing the page took %.1f MB more heap, want under 8 MB: more than a take's recording at a time", grew)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	audios := 0
	z := html.NewTokenizer(f)
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if name, _ := z.TagName(); tt == html.StartTagToken && string(name) == "audio" {
			audios++
		}
	}
	if z.Err() != io.EOF {
		t.Fatal(z.Err())
	}
	if audios != len(lengths) {
		t.Errorf("%d audio elements, want %d: one per take", audios, len(lengths))
	}
}

// sampled is a writer that counts what it writes and calls sample
// before each write, while what is written is still held.
type sampled struct {
	w      io.Writer
	n      int64
	sample func()
}

func (s *sampled) Write(p []byte) (int, error) {
	s.sample()
	n, err := s.w.Write(p)
	s.n += int64(n)
	return n, err
}
