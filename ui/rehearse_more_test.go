package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

func TestMicCheckWarnsOnSilenceAndClipping(t *testing.T) {
	for _, c := range []struct {
		peak float64
		ok   bool
		says string
	}{
		{-70, false, "heard almost nothing"},
		{-46, false, "heard almost nothing"},
		{-20, true, "Sounds good"},
		{-0.2, false, "clips"},
	} {
		msg, ok := micVerdict(c.peak)
		if ok != c.ok || !strings.Contains(msg, c.says) {
			t.Errorf("peak %.1f dBFS: %q (ok %v), want %q", c.peak, msg, ok, c.says)
		}
	}
}

// Esc while recording asks first; leaving keeps what was said as a take.
func TestEscWhileRecordingAsksAndKeepsTheTake(t *testing.T) {
	g := newRig(t)
	openSeed(t, g.u)
	test.Tap(g.u.study.rehearse)
	r := g.u.rehearsal
	g.key(fyne.KeyReturn)
	g.mic.queue = append(g.mic.queue, g.speechWAV("situation", 20))
	g.key(fyne.KeySpace)
	g.settle("recording", r.recording)

	g.key(fyne.KeyEscape)
	top := g.u.win.Canvas().Overlays().Top()
	if top == nil || g.u.rehearsal != r {
		t.Fatal("Esc during a recording left without asking")
	}
	var leave *widget.Button
	walkAll(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Yes" {
			leave = b
		}
	})
	if leave == nil {
		t.Fatal("the question has no Yes button")
	}
	test.Tap(leave)
	g.settle("back in Study mode with the take saved", func() bool {
		return g.u.rehearsal == nil && len(r.takes[practice.Situation]) == 1 && !r.busy
	})
	atts, _ := g.db.Attempts(context.Background(), practice.HistoryFilter{})
	takes, _ := g.db.Takes(context.Background(), atts[0].ID)
	if len(takes) != 1 || takes[0].Spoken == 0 {
		t.Fatalf("stored takes %+v", takes)
	}
}

func walkAll(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkAll(child, f)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walkAll(child, f)
		}
	}
}

// Importing from the app adds the questions and stores the pack; a bad
// file is refused with its line and field, and changes nothing.
func TestImportFromTheApp(t *testing.T) {
	g := newRig(t)
	n := len(g.u.bank.Questions())
	pack := strings.Replace(goodPackYAML, "target_s: 90", "target_s: 0", 1)
	bad := filepath.Join(g.dir, "bad.yaml")
	os.WriteFile(bad, []byte(pack), 0o600)
	g.u.importFile(bad)
	g.settle("the error", func() bool { return g.u.win.Canvas().Overlays().Top() != nil })
	if len(g.u.bank.Questions()) != n {
		t.Fatal("a refused pack changed the bank")
	}
	var msg string
	walkAll(g.u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "bad.yaml") {
			msg = l.Text
		}
	})
	if !strings.Contains(msg, "bad.yaml:11: questions[0].steps[2].target_s") {
		t.Errorf("error shown: %q", msg)
	}
	g.u.win.Canvas().Overlays().Top().Hide()

	good := filepath.Join(g.dir, "mine.yaml")
	os.WriteFile(good, []byte(goodPackYAML), 0o600)
	g.u.importFile(good)
	g.settle("the question is listed", func() bool { return len(g.u.list.shown) == n+1 })
	packs, err := g.db.Packs(context.Background())
	if err != nil || len(packs) != 1 || packs[0].Name != "mine.yaml" {
		t.Fatalf("stored packs %v (%v)", packs, err)
	}
}

// goodPackYAML is the small valid pack of the practice tests.
var goodPackYAML = func() string {
	b, err := os.ReadFile("../practice/testdata/pack.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// startStep opens the seed question's first step screen.
func startStep(t *testing.T) (*rig, *rehearsal) {
	g := newRig(t)
	openSeed(t, g.u)
	test.Tap(g.u.study.rehearse)
	g.key(fyne.KeyReturn)
	return g, g.u.rehearsal
}

// Clicking Previous while the Task is recording must not file the take
// under the Situation.
func TestPreviousIsIgnoredWhileRecording(t *testing.T) {
	g, r := startStep(t)
	g.record(r.screen, g.speechWAV("situation", 20))
	g.key(fyne.KeyReturn)
	task := r.screen
	g.mic.queue = append(g.mic.queue, g.speechWAV("task", 15))
	g.key(fyne.KeySpace)
	g.settle("recording", r.recording)
	test.Tap(task.prev)
	if r.screen != task {
		t.Fatal("Previous left the step being recorded")
	}
	g.key(fyne.KeySpace)
	g.settle("saved", func() bool { return len(r.takes[practice.Task]) == 1 && !r.busy && !r.recording() })
	if n := len(r.takes[practice.Situation]); n != 1 {
		t.Fatalf("the Situation has %d takes", n)
	}
}

// Esc pressed while a recording is still starting stops it as soon as it
// runs, keeps the take, and leaves.
func TestLeavingWhileARecordingStartsKeepsIt(t *testing.T) {
	g, r := startStep(t)
	g.mic.queue = append(g.mic.queue, g.speechWAV("situation", 20))
	g.key(fyne.KeySpace)
	g.key(fyne.KeyEscape) // before the recorder has answered
	g.settle("left with the take saved", func() bool {
		return g.u.rehearsal == nil && len(r.takes[practice.Situation]) == 1 && !r.busy && !r.recording()
	})
}

// A note typed on a take is saved when the candidate leaves with Esc.
func TestNoteIsSavedOnLeaving(t *testing.T) {
	g, r := startStep(t)
	g.record(r.screen, g.speechWAV("situation", 20))
	test.Type(r.screen.note, "slow start")
	g.u.win.Canvas().Unfocus()
	g.key(fyne.KeyEscape)
	g.settle("back in Study mode", func() bool { return g.u.rehearsal == nil })
	g.u.Wait()
	atts, _ := g.db.Attempts(context.Background(), practice.HistoryFilter{})
	takes, _ := g.db.Takes(context.Background(), atts[0].ID)
	if len(takes) != 1 || takes[0].Note != "slow start" {
		t.Fatalf("stored takes %+v", takes)
	}
}

// Closing the window while recording saves the take before it closes.
func TestClosingTheWindowWhileRecordingKeepsTheTake(t *testing.T) {
	g, r := startStep(t)
	g.mic.queue = append(g.mic.queue, g.speechWAV("situation", 20))
	g.key(fyne.KeySpace)
	g.settle("recording", r.recording)
	g.u.onClose()
	g.settle("the take is saved and the attempt closed", func() bool {
		return r.closed && len(r.takes[practice.Situation]) == 1
	})
	g.u.Wait()
	atts, _ := g.db.Attempts(context.Background(), practice.HistoryFilter{})
	if takes, _ := g.db.Takes(context.Background(), atts[0].ID); len(takes) != 1 {
		t.Fatalf("%d takes stored", len(takes))
	}
}
