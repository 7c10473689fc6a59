package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice/sqlite"
	"starcoach/practice/sqlite/sqlitetest"
)

// seed10k fills the rig's database with 10,000 attempts (50,000 takes)
// over 50 questions, one an hour back from the latest noon: 12 on noon's
// day, 416 whole days before it and 4 on the day before those, so the
// streak is 418 days whatever the hour the test runs (from now, it was
// 417 or 418 depending on the hour).
func seed10k(tb testing.TB, g *rig) {
	tb.Helper()
	start := time.Now()
	if _, err := sqlitetest.Seed(g.db.Dir(), sqlitetest.Options{N: 10000, Now: noonToday()}); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("seeded 10,000 attempts in %v", time.Since(start).Round(time.Millisecond))
}

// TestHistoryWith10000Attempts opens History with 10,000 attempts stored:
// the first page listed, the streak and counts shown and the window drawn
// (the time is logged; BenchmarkHistoryOpen measures it). Scrolling to the
// end of what is loaded fetches the next page; only the rows in view ever
// have widgets.
func TestHistoryWith10000Attempts(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 10,000 attempts")
	}
	g := newBareRig(t)
	seed10k(t, g)

	start := time.Now()
	g.tap(g.u.historyButton)
	h := g.u.history
	g.settle("the first page and the figures", func() bool {
		return len(h.rows) >= historyPage && h.streak.Text != "…" && h.practised.Text != "…"
	})
	g.u.win.Canvas().Capture()
	open := time.Since(start)
	t.Logf("History with 10,000 attempts: listed, counted and drawn in %v", open.Round(time.Millisecond))
	if h.streak.Text != "418" || h.practised.Text != "50" {
		t.Errorf("streak %s, questions %s", h.streak.Text, h.practised.Text)
	}
	// The time is BenchmarkHistoryOpen's to measure; this test checks what
	// the candidate sees with that much history, and that the list is
	// virtualised.

	// Scroll to the end of what is loaded, five times: each time the next
	// page arrives, and the rows with widgets stay the few in view.
	var worst time.Duration
	for page := 2; page <= 6; page++ {
		start := time.Now()
		h.list.ScrollToBottom()
		g.settle("the next page", func() bool { return len(h.rows) >= page*historyPage && !h.loading })
		g.u.win.Canvas().Capture()
		worst = max(worst, time.Since(start))
	}
	t.Logf("scrolled to row %d; slowest page fetch and redraw %v", len(h.rows), worst.Round(time.Millisecond))
	labels := 0
	for _, o := range test.LaidOutObjects(h.list) {
		if _, ok := o.(*widget.Label); ok {
			labels++
		}
	}
	if rows := labels / len(historyColumns); rows > 40 || rows == 0 {
		t.Errorf("%d row widgets for %d loaded attempts: the list is not virtualised", rows, len(h.rows))
	}
}

// BenchmarkHistoryOpen measures opening History on 10,000 attempts: the
// first page and the figures loaded, and the window drawn.
func BenchmarkHistoryOpen(b *testing.B) {
	dir := b.TempDir()
	if _, err := sqlitetest.Seed(dir, sqlitetest.Options{N: 10000}); err != nil {
		b.Fatal(err)
	}
	g := newBenchRig(b, dir)
	b.ResetTimer()
	for b.Loop() {
		g.u.showHistory()
		h := g.u.history
		for !(len(h.rows) >= historyPage && !h.loading && h.streak.Text != "…") {
			(<-g.queue)()
		}
		g.u.win.Canvas().Capture()
		// Come back fresh next time: figures unknown, nothing loaded.
		h.streak.Text = "…"
	}
}

// benchRig is the app for a benchmark: the history rig's parts without
// its *testing.T.
type benchRig struct {
	u     *UI
	queue chan func()
}

func newBenchRig(b *testing.B, dir string) *benchRig {
	db, err := sqlite.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	bank := builtinBank(b)
	g := &benchRig{queue: make(chan func(), 1024)}
	g.u = New(test.NewTempApp(b), bank, db, &fakeMic{}, nil)
	g.u.bridge.do = func(f func()) { g.queue <- f }
	b.Cleanup(g.u.win.Close)
	return g
}
