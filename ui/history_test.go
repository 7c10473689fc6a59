package ui

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/internal/privatetest"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/report"
)

// seedSpec is an attempt to store through the store's own API, with a
// real (short, quiet) WAV file per take.
type seedSpec struct {
	q      string
	level  practice.LevelID
	mode   practice.Mode
	start  time.Time
	factor float64 // spoken time as a fraction of each step's target
	redo   bool    // the Action is recorded twice, the second take counted
	rating int
}

func (g *rig) addAttempt(s seedSpec) practice.Attempt {
	g.t.Helper()
	ctx := context.Background()
	l, _ := practice.LevelByID(s.level)
	targets := practice.Targets(g.u.bank.Question(s.q), l)
	a := practice.Attempt{QuestionID: s.q, Level: s.level, Mode: s.mode, StartedAt: s.start}
	if err := g.db.CreateAttempt(ctx, &a); err != nil {
		g.t.Fatal(err)
	}
	var clipAt time.Duration // where the next clip of a mock answer starts
	take := func(step practice.StepID, factor float64, counted bool, checks []string, note string) {
		rel, abs, err := g.db.TakePath(ctx, a.ID, step)
		if err != nil {
			g.t.Fatal(err)
		}
		writeWAV(g.t, abs, g.rate, silence(g.rate, 0.3))
		target := targets[step]
		spoken := time.Duration(float64(target)*factor) / time.Second * time.Second
		// A mock's steps are consecutive clips of one answer, each with a
		// second of quiet around the speech; a step's take is a file.
		from := time.Duration(0)
		if s.mode == practice.Mock {
			from, clipAt = clipAt, clipAt+spoken+2*time.Second
		}
		tk := practice.Take{AttemptID: a.ID, Step: step, WAV: rel, Counted: counted, Spoken: spoken, Target: target,
			ClipStart: from, ClipEnd: from + spoken + 2*time.Second, Duration: spoken + 2*time.Second,
			SpeechStart: time.Second, SpeechEnd: time.Second + spoken, Pauses: 2, LongestPause: 1400 * time.Millisecond,
			Voiced: spoken * 9 / 10, SyllablesPerSec: 3.9, Verdict: practice.StepVerdict(spoken, target), Rating: 4, Checks: checks, Note: note}
		if err := g.db.AddTake(ctx, &tk); err != nil {
			g.t.Fatal(err)
		}
	}
	for _, st := range practice.Steps {
		if st == practice.Action && s.redo {
			take(st, s.factor*1.6, true, nil, "rambled")
			take(st, s.factor, true, []string{"Said \"I\", not \"we\""}, "tighter")
			continue
		}
		take(st, s.factor, true, nil, "")
	}
	if _, err := g.db.FinishAttempt(ctx, a.ID); err != nil {
		g.t.Fatal(err)
	}
	if err := g.db.RateAttempt(ctx, a.ID, s.rating, ""); err != nil {
		g.t.Fatal(err)
	}
	a, err := g.db.Attempt(ctx, a.ID)
	if err != nil {
		g.t.Fatal(err)
	}
	return a
}

// openHistory taps History and waits for the first page and the figures.
func (g *rig) openHistory() *historyScreen {
	g.t.Helper()
	g.tap(g.u.historyButton)
	h := g.u.history
	if h == nil {
		g.t.Fatal("History did not open")
	}
	g.settleHistory(h)
	return h
}

func (g *rig) settleHistory(h *historyScreen) {
	g.t.Helper()
	g.settle("the history loads", func() bool { return !h.loading && h.streak.Text != "…" })
	// Drain what else came back (a second page asked for by the list).
	g.settle("the history settles", func() bool { return len(g.queue) == 0 && !h.loading })
}

// shownTexts is the text of every label laid out under o: what a user
// sees (the list creates rows only for what is in view).
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		if f, ok := obj.(*fitLabel); ok {
			obj = &f.Label
		}
		if l, ok := obj.(*widget.Label); ok && l.Visible() && l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return out
}

func containsText(texts []string, want string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) })
}

// noonToday is the latest noon that has passed: attempts placed an hour
// and a day before it fall on two days whatever the time the test runs
// (just after midnight, "an hour ago" is yesterday).
func noonToday() time.Time {
	now := time.Now()
	y, m, d := now.Date()
	noon := time.Date(y, m, d, 12, 0, 0, 0, now.Location())
	if noon.After(now) {
		noon = noon.AddDate(0, 0, -1)
	}
	return noon
}

// historyFixture: four attempts at three questions, over 40 days.
func historyFixture(g *rig, now time.Time) []practice.Attempt {
	return []practice.Attempt{
		g.addAttempt(seedSpec{q: "tight-deadline", level: "sde1", mode: practice.StepByStep, start: now.AddDate(0, 0, -40), factor: 1.3, rating: 2}),
		g.addAttempt(seedSpec{q: "unpopular-decision", level: "sde2", mode: practice.Mock, start: now.AddDate(0, 0, -3), factor: 1.25, rating: 3}),
		g.addAttempt(seedSpec{q: "unpopular-decision", level: "sde2", mode: practice.StepByStep, start: now.AddDate(0, 0, -1), factor: 1.0, redo: true, rating: 4}),
		g.addAttempt(seedSpec{q: "failure", level: "senior", mode: practice.StepByStep, start: now.Add(-time.Hour), factor: 0.7, rating: 5}),
	}
}

func TestHistoryListsNewestFirstAndFilters(t *testing.T) {
	g := newBareRig(t)
	now := noonToday()
	as := historyFixture(g, now)
	// "This week" is counted from Monday: fixed at noon, the newest
	// attempt, an hour before, is in it whatever the day.
	g.u.now = func() time.Time { return now }
	g.u.win.Resize(laptop) // room for every column and whole titles
	h := g.openHistory()

	ids := func() []int64 {
		var out []int64
		for _, a := range h.rows {
			out = append(out, a.ID)
		}
		return out
	}
	if got, want := ids(), []int64{as[3].ID, as[2].ID, as[1].ID, as[0].ID}; !slices.Equal(got, want) {
		t.Fatalf("rows %v, want newest first %v", got, want)
	}
	shown := shownTexts(g.u.win.Canvas().Content())
	for _, want := range []string{"A time you failed", "Made an unpopular decision as a leader", "Senior SDE", "Step by step", "Mock",
		practice.FormatClock(as[3].Spoken) + " of 2:30–3:00", "5/5", "4 attempts."} {
		if !containsText(shown, want) {
			t.Errorf("the screen does not show %q; it shows %q", want, shown)
		}
	}
	// The total is coloured by its verdict: the 0.7 × target answer is short.
	for _, obj := range test.LaidOutObjects(h.list) {
		if l, ok := obj.(*widget.Label); ok && strings.HasPrefix(l.Text, practice.FormatClock(as[3].Spoken)+" of") &&
			l.Importance != widget.WarningImportance {
			t.Errorf("a short total is shown with importance %v", l.Importance)
		}
	}
	if h.streak.Text != "2" || h.week.Text == "0" || h.practised.Text != "3" {
		t.Errorf("figures: streak %s, this week %s, questions %s", h.streak.Text, h.week.Text, h.practised.Text)
	}

	for _, c := range []struct {
		sel  *keySelect
		opt  string
		want []int64
	}{
		{h.question, "Made an unpopular decision as a leader", []int64{as[2].ID, as[1].ID}},
		{h.mode, "Mock interview", []int64{as[1].ID}},
		{h.question, allQuestions, []int64{as[1].ID}},
		{h.mode, allModes, []int64{as[3].ID, as[2].ID, as[1].ID, as[0].ID}},
		{h.level, "SDE 2", []int64{as[2].ID, as[1].ID}},
		{h.level, allLevels, []int64{as[3].ID, as[2].ID, as[1].ID, as[0].ID}},
		{h.period, "Last 30 days", []int64{as[3].ID, as[2].ID, as[1].ID}},
		{h.period, "Last 7 days", []int64{as[3].ID, as[2].ID, as[1].ID}},
		{h.level, "SDE 1", nil},
	} {
		c.sel.SetSelected(c.opt)
		g.settleHistory(h)
		if got := ids(); !slices.Equal(got, c.want) {
			t.Errorf("after choosing %q: rows %v, want %v", c.opt, got, c.want)
		}
	}
	if h.status.Text != "No attempts match these filters." {
		t.Errorf("empty result says %q", h.status.Text)
	}
	if containsText(shownTexts(h.list), "SDE") {
		t.Error("rows are still shown for a filter that matches nothing")
	}
	if !h.chartButton.Disabled() {
		t.Error("Progress chart is enabled with no question chosen")
	}
}

func TestHistoryDetailShowsEveryTakeAndPlays(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	h := g.openHistory()
	h.list.Select(1) // the redo attempt
	g.settle("the detail opens", func() bool { return h.detail != nil })
	d := h.detail
	if d.attempt.ID != as[2].ID || h.current() != d.content {
		t.Fatalf("opened attempt %d, want %d", d.attempt.ID, as[2].ID)
	}
	if len(d.rows) != 6 {
		t.Fatalf("%d take rows, want 6 (five steps, the Action twice)", len(d.rows))
	}
	var action []*takeRow
	for _, r := range d.rows {
		if r.take.Step == practice.Action {
			action = append(action, r)
		}
	}
	if len(action) != 2 || action[0].take.Counted || !action[1].take.Counted {
		t.Fatalf("action takes: %+v", action)
	}
	if action[0].name.Text != "Take 1" || action[1].name.Text != "Take 2 · counts" {
		t.Errorf("take names %q, %q", action[0].name.Text, action[1].name.Text)
	}
	if !strings.Contains(action[0].figures.Text, ": long") || !strings.Contains(action[1].figures.Text, ": on target") ||
		!strings.Contains(action[1].figures.Text, "2 pauses, longest 1.4 s") || !strings.Contains(action[1].figures.Text, practice.TakePace(action[1].take).Short()) ||
		!strings.Contains(action[1].figures.Text, "words/min") ||
		!strings.Contains(action[1].figures.Text, "rated 4/5") {
		t.Errorf("action figures %q / %q", action[0].figures.Text, action[1].figures.Text)
	}
	shown := shownTexts(d.content)
	for _, want := range []string{"Made an unpopular decision as a leader", "Whole answer: ", "SDE 2 window of 2:00–2:30",
		"Self-checks ticked: Said \"I\", not \"we\"", "Note: tighter", "Note: rambled", "target 1:17 (on target from 1:02 to 1:25)"} {
		if !containsText(shown, want) {
			t.Errorf("the detail does not show %q; it shows %q", want, shown)
		}
	}

	// Play the first (uncounted) take: its own file, whole clip.
	g.tap(action[0].play)
	g.settle("it plays", func() bool { return len(g.mic.playedClips()) == 1 && h.player.Now().Key != "" })
	if action[0].play.Icon != theme.MediaStopIcon() {
		t.Error("the playing take's button does not offer Stop")
	}
	if p := g.mic.playedClips()[0]; p.To != action[0].take.ClipEnd {
		t.Errorf("played %+v of take %+v", p, action[0].take)
	}
	g.tap(action[0].play) // again: stop
	if h.player.Now().Key != "" || action[0].play.Icon != theme.MediaPlayIcon() {
		t.Error("a second tap did not stop the playback")
	}

	g.press(fyne.KeyEscape)
	if h.current() != h.listTop || h.detail != nil {
		t.Error("Esc did not go back to the list")
	}
}

// dialogButton finds a button by its text in the dialog on top.
func dialogButton(t *testing.T, c fyne.Canvas, text string) *widget.Button {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no %q button", text)
	return nil
}

func TestHistoryDeleteAsksThenRemovesTheAttemptAndItsRecordings(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	victim := as[2]
	takes, _ := g.db.Takes(ctx, victim.ID)
	folder := filepath.Join(g.db.Dir(), filepath.Dir(takes[0].WAV))
	if _, err := os.Stat(folder); err != nil {
		t.Fatalf("recordings of attempt %d: %v", victim.ID, err)
	}
	h := g.openHistory()
	h.list.Select(1)
	g.settle("the detail opens", func() bool { return h.detail != nil })

	g.tap(h.detail.deleteB)
	g.tap(dialogButton(t, g.u.win.Canvas(), "Cancel"))
	g.settle("nothing happens", func() bool { return len(g.queue) == 0 })
	if _, err := g.db.Attempt(context.Background(), victim.ID); err != nil || h.detail == nil {
		t.Fatalf("cancelling the question deleted the attempt (%v)", err)
	}

	g.tap(h.detail.deleteB)
	g.tap(dialogButton(t, g.u.win.Canvas(), "Delete"))
	g.settle("back on the list without it", func() bool { return h.current() == h.listTop && len(h.rows) == 3 })
	if slices.ContainsFunc(h.rows, func(a practice.Attempt) bool { return a.ID == victim.ID }) {
		t.Error("the deleted attempt is still listed")
	}
	if _, err := g.db.Attempt(context.Background(), victim.ID); !errors.Is(err, practice.ErrNotFound) {
		t.Errorf("the attempt is still stored: %v", err)
	}
	if _, err := os.Stat(folder); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("its recordings are still there: %v", err)
	}
	g.settleHistory(h)
	if !strings.HasPrefix(h.status.Text, "3 attempts. Tap one to see it in full.") {
		t.Errorf("status %q", h.status.Text)
	}
}

func TestHistoryCompareTwoAttempts(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	h := g.openHistory()
	h.list.Select(1)
	g.settle("the detail opens", func() bool { return h.detail != nil })
	d := h.detail
	if len(d.compare.Options) != 1 || d.others[0].ID != as[1].ID {
		t.Fatalf("compare offers %v", d.compare.Options)
	}
	// Each choice says whether it was a mock, as the columns do.
	mode := modeShort[as[1].Mode]
	if !strings.Contains(d.compare.Options[0], " · "+mode+" · ") {
		t.Errorf("compare option %q does not say %q", d.compare.Options[0], mode)
	}
	d.compare.SetSelectedIndex(0)
	g.settle("the comparison opens", func() bool { return h.compare != nil })
	c := h.compare
	if c.older.ID != as[1].ID || c.newer.ID != as[2].ID || len(c.rows) != 6 {
		t.Fatalf("compare %d with %d, %d rows", c.older.ID, c.newer.ID, len(c.rows))
	}
	// Action: 1.25 × 1:17 = 1:36 (long) before, 1:17 now.
	a := c.rows[2]
	if a.step != practice.Action || a.older.Text != "1:36 of 1:17 · long" || a.newer.Text != "1:17 of 1:17 · on target" ||
		a.diff.Text != "19 s shorter, now on target" {
		t.Errorf("action row: %q | %q | %q", a.older.Text, a.newer.Text, a.diff.Text)
	}
	if total := c.rows[5]; !strings.Contains(total.diff.Text, "shorter") || !strings.Contains(total.newer.Text, "of 2:00–2:30") {
		t.Errorf("total row: %q | %q", total.newer.Text, total.diff.Text)
	}
	if shown := shownTexts(c.content); !containsText(shown, attemptLabel(as[1], h.now())) || !containsText(shown, attemptLabel(as[2], h.now())) {
		t.Errorf("the columns %q do not name the attempts with their modes", shown)
	}
	g.press(fyne.KeyEscape)
	if h.current() != d.content {
		t.Error("Esc did not return to the detail")
	}
}

func TestHistoryExportCSVIsTheCommandsFormat(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	h := g.openHistory()
	h.level.SetSelected("SDE 2")
	g.settleHistory(h)

	// The file the save dialog creates, with the default mode, and the
	// writer it hands over.
	path := filepath.Join(t.TempDir(), "history.csv")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	f := h.filter()
	if err := writeExport(w, func(w io.Writer) error { return h.exportCSV(w, f, 0) }); err != nil {
		t.Fatal(err)
	}
	privatetest.Check(t, path) // it holds the candidate's history
	got, _ := os.ReadFile(path)
	// The same rows written the way `starcoach history --csv` writes them.
	var want bytes.Buffer
	err = practice.WriteCSV(&want, func(row func(practice.TakeRow) error) error {
		return g.db.EachTake(context.Background(), "", func(r practice.TakeRow) error {
			if r.Attempt.Level == "sde2" {
				return row(r)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("export:\n%s\nwant:\n%s", got, want.Bytes())
	}
	recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil || len(recs) != 1+5+6 || recs[0][0] != "attempt_id" {
		t.Fatalf("%d records (%v)", len(recs), err)
	}

	// One attempt from its detail.
	var one bytes.Buffer
	if err := h.exportCSV(&one, practice.HistoryFilter{QuestionID: as[1].QuestionID}, as[1].ID); err != nil {
		t.Fatal(err)
	}
	data := one.Bytes()
	if recs, _ := csv.NewReader(bytes.NewReader(data)).ReadAll(); len(recs) != 6 {
		t.Errorf("one attempt exported as %d records, want a header and 5 takes", len(recs))
	}
}

func TestHistoryHasNoChartButtonWithoutAQuestionAndOpensIt(t *testing.T) {
	g := newBareRig(t)
	historyFixture(g, noonToday())
	h := g.openHistory()
	if !h.chartButton.Disabled() || !strings.HasSuffix(h.status.Text, "Pick a question to see its progress chart.") {
		t.Errorf("all questions: chart button disabled %v, status %q; want it greyed out and the status saying why", h.chartButton.Disabled(), h.status.Text)
	}
	h.question.SetSelected("Made an unpopular decision as a leader")
	g.settleHistory(h)
	if h.chartButton.Disabled() {
		t.Fatal("Progress chart is disabled with a question chosen")
	}
	if strings.Contains(h.status.Text, "Pick a question") {
		t.Errorf("with a question chosen the status still says %q", h.status.Text)
	}
	g.tap(h.chartButton)
	g.settle("the chart loads", func() bool { return h.chart != nil && len(h.chart.chart.model.Attempts) == 2 })
	if h.chart.questionID != "unpopular-decision" {
		t.Errorf("chart of %q", h.chart.questionID)
	}
}

// Every History control clicked, then the screen's keys: a filter picked
// from its list, then Esc goes back; the list, Back, the compare picker.
func TestHistoryControlsThenKeys(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	h := g.openHistory()

	g.choose(h.level, "SDE 2")
	g.settleHistory(h)
	if len(h.rows) != 2 {
		t.Fatalf("SDE 2 shows %d attempts", len(h.rows))
	}
	g.press(fyne.KeyEscape)
	if g.u.right.Objects[0] != g.u.home.content {
		t.Fatal("Esc after a filter did not go back to Home, where History was opened")
	}
	openSeed(t, g.u) // from Study mode, Back returns there
	h = g.openHistory()
	g.tap(h.backButton)
	if g.u.right.Objects[0] != g.u.study.content || g.u.study.q == nil {
		t.Fatal("the Back button did not go back to the question open in Study mode")
	}

	h = g.openHistory()
	h.list.Select(0) // SDE 2 still filtered: the newest is attempt 3
	g.settle("the detail opens", func() bool { return h.detail != nil })
	d := h.detail
	if d.attempt.ID != as[2].ID {
		t.Fatalf("opened attempt %d, want %d", d.attempt.ID, as[2].ID)
	}
	g.choose(d.compare, d.compare.Options[0])
	g.settle("the comparison opens", func() bool { return h.compare != nil })
	g.press(fyne.KeyEscape)
	if h.current() != d.content {
		t.Fatal("Esc after the compare picker did not return to the detail")
	}
	g.tap(d.rows[0].play)
	g.settle("it plays", func() bool { return h.player.Now().Key != "" })
	g.press(fyne.KeyEscape) // back to the list: the playback stops
	if h.current() != h.listTop || h.player.Now().Key != "" {
		t.Errorf("after Esc: on the list %v, playing %q", h.current() == h.listTop, h.player.Now().Key)
	}
	g.tap(d.backB)
	g.press(fyne.KeyEscape)
	if g.u.right.Objects[0] != g.u.study.content {
		t.Error("Esc on the list did not go back to Study mode, where History was opened")
	}
}

// Defect 9: a row opened twice before its load returns shows one detail,
// so Back and Delete act on the one showing.
func TestHistoryRowOpenedTwiceShowsOneDetail(t *testing.T) {
	g := newBareRig(t)
	historyFixture(g, noonToday())
	h := g.openHistory()
	h.list.Select(1)
	h.list.Select(1)
	g.settle("the detail opens", func() bool { return h.detail != nil })
	g.idle()
	if len(h.views) != 2 {
		t.Fatalf("%d screens stacked, want the list and one detail", len(h.views))
	}
	g.press(fyne.KeyEscape)
	if h.current() != h.listTop {
		t.Error("one Esc did not bring the list back")
	}
}

// Defect 3: an attempt left unfinished is listed, marked and greyed, and
// kept out of the chart.
func TestHistoryMarksUnfinishedAttempts(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	left := practice.Attempt{QuestionID: "unpopular-decision", Level: "sde2", Mode: practice.StepByStep}
	if err := g.db.CreateAttempt(ctx, &left); err != nil {
		t.Fatal(err)
	}
	if err := g.db.AbandonAttempt(ctx, left.ID); err != nil {
		t.Fatal(err)
	}
	h := g.openHistory()
	if h.rows[0].ID != left.ID {
		t.Fatalf("newest row is %d, want the abandoned %d", h.rows[0].ID, left.ID)
	}
	// The mark leads, where a title cut to fit the column keeps it.
	if !containsText(shownTexts(g.u.win.Canvas().Content()), "Left · Made an unpopular") {
		t.Error("the abandoned attempt is not marked")
	}
	c := openChartFor(g, "unpopular-decision", 2)
	for _, a := range c.attempts {
		if a.ID == left.ID {
			t.Error("the abandoned attempt is on the chart")
		}
	}
	if len(c.attempts) != 2 || c.attempts[0].ID != as[2].ID {
		t.Errorf("chart attempts %d, newest %d", len(c.attempts), c.attempts[0].ID)
	}
}

// A mock interview's steps are clips of one recording: deleting it counts
// the takes and the files apart.
func TestDeleteCountsTakesAndRecordings(t *testing.T) {
	mock := []practice.Take{{WAV: "m.wav"}, {WAV: "m.wav"}, {WAV: "m.wav"}, {WAV: "m.wav"}, {WAV: "m.wav"}, {WAV: "f.wav"}}
	steps := []practice.Take{{WAV: "s.wav"}, {WAV: "t.wav"}}
	for _, c := range []struct {
		takes []practice.Take
		want  string
	}{{mock, "6 takes (2 recordings)"}, {steps, "2 takes"}, {mock[:1], "1 take"}} {
		if got := takesText(c.takes); got != c.want {
			t.Errorf("%d takes: %q, want %q", len(c.takes), got, c.want)
		}
	}
}

// An export says where it went as a path, not a URI.
func TestPlaceName(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.csv")
	if got := placeName(storage.NewFileURI(p)); got != p {
		t.Errorf("placeName = %q, want %q", got, p)
	}
}

// The attempts to compare with are marked as History's rows are: one left
// unfinished says so.
func TestCompareChoicesMarkLeftAttempts(t *testing.T) {
	g := newBareRig(t)
	as := historyFixture(g, noonToday())
	sdb, err := sql.Open("sqlite", filepath.Join(g.db.Dir(), sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if _, err := sdb.Exec(`UPDATE attempts SET status = 'abandoned' WHERE id = ?`, as[1].ID); err != nil {
		t.Fatal(err)
	}
	h := g.openHistory()
	h.list.Select(1) // as[2]: the same question as the one left
	g.settle("the detail opens", func() bool { return h.detail != nil })
	var marked []string
	for _, o := range h.detail.compare.Options {
		if strings.HasPrefix(o, "Left · ") {
			marked = append(marked, o)
		}
	}
	if len(marked) != 1 {
		t.Errorf("compare choices %q: want the one left unfinished marked", h.detail.compare.Options)
	}
}

// The attempt's report from its detail is the page `starcoach report`
// writes, saved whole and private to the candidate, with "Saved" after.
// A report stopped midway, by Esc on the progress it shows, leaves no file
// where it was going and says nothing more.
func TestAttemptReportIsTheCommandsPage(t *testing.T) {
	g := newBareRig(t)
	historyFixture(g, noonToday())
	now := noonToday()
	g.u.now = func() time.Time { return now } // the page says when it was made
	h := g.openHistory()
	g.settleHistory(h)
	h.list.Select(1)
	g.settle("the detail opens", func() bool { return h.detail != nil })
	d := h.detail
	c := g.u.win.Canvas()
	text := func(o fyne.CanvasObject) string {
		if o == nil {
			return ""
		}
		return strings.Join(shownTexts(o), " | ")
	}

	saveTo := func(name string) (string, fyne.URIWriteCloser) {
		path := filepath.Join(t.TempDir(), name)
		w, err := storage.Writer(storage.NewFileURI(path)) // as the save dialog hands it over
		if err != nil {
			t.Fatal(err)
		}
		return path, w
	}
	path, w := saveTo("attempt.html")
	h.u.exportTo(w, d.writeReport)
	g.settle("the report is saved", func() bool { return c.Overlays().Top() != nil })
	if top := c.Overlays().Top(); !strings.Contains(text(top), "Saved to "+path) {
		t.Errorf("after saving the dialog says %q", text(top))
	}
	g.press(fyne.KeyEscape)
	privatetest.Check(t, path)
	got, _ := os.ReadFile(path)
	var want bytes.Buffer
	if err := report.Write(context.Background(), &want, g.db, g.u.bank, []int64{d.attempt.ID}, now, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the detail's report (%d bytes) differs from report.Write's (%d bytes)", len(got), want.Len())
	}

	stopped, w := saveTo("stopped.html")
	reported := make(chan struct{})
	h.u.exportTo(w, func(ctx context.Context, out io.Writer, progress func(done, total int)) error {
		io.WriteString(out, "<!DOCTYPE html>") // the page begun
		progress(1, 3)
		close(reported)
		<-ctx.Done() // the rest waits on the candidate
		return ctx.Err()
	})
	<-reported
	(<-g.queue)() // the progress, shown
	if !strings.Contains(text(c.Overlays().Top()), "Writing stopped.html") {
		t.Fatalf("while writing the screen shows %q", text(c.Overlays().Top()))
	}
	g.press(fyne.KeyEscape)
	g.idle()
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("after stopping, a dialog says %q", text(top))
	}
	if _, err := os.Stat(stopped); !os.IsNotExist(err) {
		t.Errorf("a stopped report left its file: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(stopped), ".*")); len(left) != 0 {
		t.Errorf("a stopped report left %v", left)
	}
}

// Report… as a candidate uses it with the keyboard: its save dialog opens
// with Esc closing it and nothing written; opened again, Enter saves under
// the name it proposes (no field of it holds the keys), "Saved" follows,
// and Enter closes that.
func TestAttemptReportByKeys(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)        // where the save dialog starts
	t.Setenv("USERPROFILE", home) // on Windows
	g := newBareRig(t)
	historyFixture(g, noonToday())
	h := g.openHistory()
	g.settleHistory(h)
	h.list.Select(1)
	g.settle("the detail opens", func() bool { return h.detail != nil })
	d := h.detail
	c := g.u.win.Canvas()
	g.tap(d.reportB)
	if c.Overlays().Top() == nil || confirmButton(c.Overlays().Top()) == nil {
		t.Fatal("Report… opened no save dialog")
	}
	g.press(fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Fatal("Esc left the save dialog open")
	}
	g.tap(d.reportB)
	g.press(fyne.KeyReturn)
	want := filepath.Join(home, fmt.Sprintf("starcoach-attempt-%d.html", d.attempt.ID))
	g.settle("the report is saved", func() bool {
		_, err := os.Stat(want)
		return err == nil
	})
	if top := c.Overlays().Top(); top == nil || !slices.ContainsFunc(shownTexts(top), func(s string) bool { return strings.Contains(s, "Saved to "+want) }) {
		t.Fatalf("after Enter the screen shows %v", top)
	}
	g.press(fyne.KeyReturn)
	if c.Overlays().Top() != nil {
		t.Error("Enter did not close the Saved dialog")
	}
}
