package report

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	_ "modernc.org/sqlite"

	"starcoach/assets"
	"starcoach/audio"
	"starcoach/audio/wav"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session"
)

const (
	librivoxDir = "/usr/share/pocketsphinx/test/data/librivox"
	missingData = "speech test data missing: install pocketsphinx-testdata (scripts/install-deps.sh --test)"
)

// recorded is an attempt rehearsed step by step with real speech: each
// step LibriVox clips of about its target, the Action taken twice, the
// Result's recording then lost, the Action's notes holding markup a
// restored database could hold.
type recorded struct {
	dir     string // the data directory
	db      *sqlite.DB
	bank    *practice.Bank
	attempt practice.Attempt
	takes   []practice.Take
}

func record(t *testing.T) recorded {
	t.Helper()
	clips, _ := filepath.Glob(filepath.Join(librivoxDir, "*.wav"))
	if len(clips) < 5 {
		t.Skip(missingData)
	}
	dir, db, bank := openStore(t)
	q := bank.Questions()[0]
	level, _ := practice.LevelByID("sde2")
	targets := practice.Targets(q, level)
	ctx := context.Background()
	a := practice.Attempt{QuestionID: q.ID, Level: level.ID, Mode: practice.StepByStep}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	steps := append(append([]practice.StepID{}, practice.Steps[:3]...), practice.Action, practice.Result, practice.Reflection)
	for i, step := range steps {
		rel, abs, err := db.TakePath(ctx, a.ID, step)
		if err != nil {
			t.Fatal(err)
		}
		// An answer of about the step's target: clips one after another,
		// 0.4 s apart, the redone Action's first take a third too long.
		want := targets[step]
		if step == practice.Action && i == 2 {
			want = want * 4 / 3
		}
		speak(t, abs, clips, i, want)
		an, err := audio.AnalyzeFile(abs)
		if err != nil {
			t.Fatal(err)
		}
		tk := session.Measure(an, step, targets[step])
		tk.AttemptID, tk.WAV = a.ID, rel
		tk.Rating = 1 + i%5
		tk.Note = map[practice.StepID]string{
			practice.Situation:  "Open with the outage, not with the team.",
			practice.Task:       "Said where my part ended. Keep it.",
			practice.Action:     `<script>alert("take action")</script> & more`, // markup a restored database could hold
			practice.Result:     "Lead with the number.",
			practice.Reflection: "Too general: say what I do differently now.",
		}[step]
		if step == practice.Task {
			tk.Checks = []string{"I said where my part ended"}
		}
		if err := db.AddTake(ctx, &tk); err != nil {
			t.Fatal(err)
		}
		if step == practice.Result {
			os.Remove(abs) // lost, as a disk can lose it
		}
	}
	a, err := db.FinishAttempt(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	takes, err := db.Takes(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return recorded{dir, db, bank, a, takes}
}

// openStore opens a new data directory's store, and the built-in bank.
func openStore(t *testing.T) (string, *sqlite.DB, *practice.Bank) {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	bank, err := assets.Bank()
	if err != nil {
		t.Fatal(err)
	}
	return dir, db, bank
}

// speak writes a take of real speech to path: the clips from the k-th on,
// 0.4 s apart, until it holds about d of speech, with 0.5 s of the
// recording's own quiet before and after.
func speak(t *testing.T, path string, clips []string, k int, d time.Duration) {
	t.Helper()
	x := make([]float32, 8000)
	rate := 16000
	for n := k; time.Duration(len(x))*time.Second/time.Duration(rate) < d; n++ {
		c, r, err := wav.Read(clips[n%len(clips)])
		if err != nil {
			t.Fatal(err)
		}
		rate = r
		x = append(x, c...)
		x = append(x, make([]float32, rate*2/5)...)
	}
	x = append(x, make([]float32, rate/10)...)
	w, err := wav.Create(path, rate)
	if err != nil {
		t.Fatal(err)
	}
	pcm := make([]int16, len(x))
	for i, v := range x {
		pcm[i] = int16(max(-32768, min(32767, v*32768)))
	}
	if err := w.Write(pcm); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// walk calls f on every element of the tree under n.
func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// The report of an attempt, read back by an HTML parser as a browser
// would: the question's title, each step with its bar and every take,
// the counted ones marked; one audio element per take whose recording
// is there, each a WAV at 8 kHz of the take's length that decodes; the
// lost one named as lost, not failing the page; the notes' markup shown
// as text, never run; nothing fetched from anywhere: no script, link,
// image or URL but the page's own data.
func TestReportOfAnAttempt(t *testing.T) {
	r := record(t)
	var progress [][2]int
	var out bytes.Buffer
	made := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	err := Write(context.Background(), &out, r.db, r.bank, []int64{r.attempt.ID}, made,
		func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) != len(r.takes) || progress[len(progress)-1] != [2]int{len(r.takes), len(r.takes)} {
		t.Errorf("progress %v, want one call per take ending at %d of %d", progress, len(r.takes), len(r.takes))
	}
	doc, err := html.Parse(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	page := text(doc)
	q := r.bank.Question(r.attempt.QuestionID)
	for _, want := range []string{q.Title, "SDE 2", "step by step", "Situation", "Task", "Action", "Result", "Reflection",
		"Take 2 · counts", "Self-checks ticked: I said where my part ended", `<script>alert("take action")</script> & more`,
		"No recording: its file is missing", string(r.attempt.Verdict), r.attempt.Pace.String()} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	var kept []time.Duration // in the page's order, which here is the recording order
	for _, tk := range r.takes {
		if tk.Step != practice.Result {
			kept = append(kept, tk.Duration)
		}
	}
	if got := audioLengths(t, doc); !sameLengths(got, kept) {
		t.Errorf("the recordings last %v, want %v: every take's but the lost one", got, kept)
	}
	selfContained(t, doc)
	bars := 0
	walk(doc, func(n *html.Node) {
		if n.Data == "svg" {
			bars++
		}
	})
	if want := 1 + 5; bars != want { // the whole answer and each STAR step's counted take
		t.Errorf("%d timing bars, want %d", bars, want)
	}
}

// selfContained fails the test if the page can fetch anything: a script,
// link, image or frame, or a URL but the page's own data.
func selfContained(t *testing.T, doc *html.Node) {
	t.Helper()
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "script", "link", "img", "iframe", "object", "embed", "base":
			t.Errorf("the page holds a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			v := strings.ToLower(a.Val)
			if (a.Key == "src" || a.Key == "href" || strings.HasSuffix(a.Key, ":href")) && !strings.HasPrefix(v, "data:") ||
				strings.Contains(v, "http:") || strings.Contains(v, "https:") || strings.Contains(v, "url(") {
				t.Errorf("<%s %s=%.60q> points outside the page", n.Data, a.Key, a.Val)
			}
		}
	})
	if style := strings.ToLower(text(doc)); strings.Contains(style, "@import") || strings.Contains(style, "url(") {
		t.Error("the style sheet fetches something")
	}
}

// A mock answer keeps one recording for its five steps, each step a clip
// of it: the report embeds each step's own clip, of the clip's length,
// and the follow-up's recording after them.
func TestReportOfAMockAnswer(t *testing.T) {
	r := record(t) // for its store and bank
	ctx := context.Background()
	a := practice.Attempt{QuestionID: r.bank.Questions()[1].ID, Level: "sde1", Mode: practice.Mock}
	want := mockAnswer(t, r.db, r.bank, &a, len(practice.Steps), 40*time.Second, 15*time.Second)
	if _, err := r.db.FinishAttempt(ctx, a.ID); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := Write(ctx, &out, r.db, r.bank, []int64{a.ID}, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	if got := audioLengths(t, doc); !sameLengths(got, want) {
		t.Errorf("the recordings last %v, want %v: the five steps' clips and the follow-up", got, want)
	}
	if page := text(doc); !strings.Contains(page, "Follow-up") || !strings.Contains(page, "mock interview") {
		t.Error("the page does not name the follow-up or the mock interview")
	}
}

// mockAnswer records attempt a (its question, level, loop and start
// set) as a mock interview answered with real speech: one recording of
// about speech cut into the first steps of the five, each a part in
// proportion to its target, then, unless followUp is 0, a follow-up take
// of about followUp. It returns how long each take's recording lasts,
// in the order the page shows them.
func mockAnswer(t *testing.T, db *sqlite.DB, bank *practice.Bank, a *practice.Attempt, steps int, speech, followUp time.Duration) []time.Duration {
	t.Helper()
	clips, _ := filepath.Glob(filepath.Join(librivoxDir, "*.wav"))
	if len(clips) < 5 {
		t.Skip(missingData)
	}
	ctx := context.Background()
	a.Mode = practice.Mock
	if err := db.CreateAttempt(ctx, a); err != nil {
		t.Fatal(err)
	}
	level, _ := practice.LevelByID(a.Level)
	targets := practice.Targets(bank.Question(a.QuestionID), level)
	rel, abs, err := db.TakePath(ctx, a.ID, practice.Situation)
	if err != nil {
		t.Fatal(err)
	}
	speak(t, abs, clips, int(a.ID), speech)
	var whole time.Duration
	for _, step := range practice.Steps[:steps] {
		whole += targets[step]
	}
	var cuts []audio.Span
	as, err := audio.AnalyzeClips(abs, func(length time.Duration) []audio.Span {
		cuts = nil
		var at time.Duration
		for _, step := range practice.Steps[:steps] {
			end := at + time.Duration(float64(length)*targets[step].Seconds()/whole.Seconds())
			cuts = append(cuts, audio.Span{Start: at, End: end})
			at = end
		}
		cuts[len(cuts)-1].End = length
		return cuts
	})
	if err != nil {
		t.Fatal(err)
	}
	var lengths []time.Duration
	for i, step := range practice.Steps[:steps] {
		tk := session.Measure(as[i], step, targets[step])
		tk.AttemptID, tk.WAV, tk.ClipStart, tk.ClipEnd = a.ID, rel, cuts[i].Start, cuts[i].End
		if err := db.AddTake(ctx, &tk); err != nil {
			t.Fatal(err)
		}
		lengths = append(lengths, cuts[i].End-cuts[i].Start)
	}
	if followUp == 0 {
		return lengths
	}
	frel, fabs, err := db.TakePath(ctx, a.ID, practice.FollowUpStep)
	if err != nil {
		t.Fatal(err)
	}
	speak(t, fabs, clips, int(a.ID)+2, followUp)
	fan, err := audio.AnalyzeFile(fabs)
	if err != nil {
		t.Fatal(err)
	}
	// Timed as the session times it, against the follow-up asked.
	target := practice.FollowUp{}.Target()
	if fs := bank.Question(a.QuestionID).FollowUps; len(fs) > 0 {
		target = fs[0].Target()
	}
	fu := session.Measure(fan, practice.FollowUpStep, time.Duration(target)*time.Second)
	fu.AttemptID, fu.WAV = a.ID, frel
	if err := db.AddTake(ctx, &fu); err != nil {
		t.Fatal(err)
	}
	return append(lengths, fan.Duration)
}

// audioLengths decodes every audio element of the page, in order, each
// an embedded WAV at 8 kHz, and says how long each lasts.
func audioLengths(t *testing.T, doc *html.Node) []time.Duration {
	t.Helper()
	var out []time.Duration
	walk(doc, func(e *html.Node) {
		if e.Data != "audio" {
			return
		}
		src, _ := attr(e, "src")
		data, ok := strings.CutPrefix(src, "data:audio/wav;base64,")
		if !ok {
			t.Fatalf("audio %d: src %.40q is not an embedded WAV", len(out)+1, src)
		}
		b, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			t.Fatalf("audio %d: %v", len(out)+1, err)
		}
		x, rate, err := wav.Decode(bytes.NewReader(b))
		if err != nil || rate != audio.TelephoneRate {
			t.Fatalf("audio %d: %v, %d Hz", len(out)+1, err, rate)
		}
		out = append(out, audio.SampleRate(rate).D(int64(len(x))))
	})
	return out
}

// sameLengths says whether recordings last as long as wanted, to a
// sample or so of resampling.
func sameLengths(got, want []time.Duration) bool {
	return slices.EqualFunc(got, want, func(g, w time.Duration) bool { return (g - w).Abs() <= 2*time.Millisecond })
}

// A take whose stored name leads out of the data directory (a row edited
// behind the app's back) is reported without a recording and why, and
// the file it names, a real recording beside the data directory, is not
// read into the page.
func TestReportRefusesAStoredNameOutside(t *testing.T) {
	r := record(t)
	canary := filepath.Join(filepath.Dir(r.dir), "canary.wav")
	clips, _ := filepath.Glob(filepath.Join(librivoxDir, "*.wav"))
	speak(t, canary, clips, 0, 2*time.Second)
	sdb, err := sql.Open("sqlite", filepath.Join(r.dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	situation := r.takes[0]
	if _, err := sdb.Exec(`UPDATE takes SET wav = ? WHERE id = ?`, situation.WAV+"/../../../../canary.wav", situation.ID); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Write(context.Background(), &out, r.db, r.bank, []int64{r.attempt.ID}, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	if page := text(doc); !strings.Contains(page, "No recording: its stored name is not one StarCoach makes") || strings.Contains(page, "canary") {
		t.Errorf("the page does not refuse the name outside, or names it")
	}
	audios := 0
	walk(doc, func(n *html.Node) {
		if n.Data == "audio" {
			audios++
		}
	})
	if want := len(r.takes) - 2; audios != want { // the lost Result and the refused Situation
		t.Errorf("%d recordings in the page, want %d", audios, want)
	}
}
