package ui

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"starcoach/internal/privatetest"
	"starcoach/practice"
)

// chartFixture: three SDE 2 attempts at one question, long, on target and
// short, then one at Senior SDE, a day apart.
func chartFixture(g *rig) []practice.Attempt {
	start := time.Now().AddDate(0, 0, -4)
	var as []practice.Attempt
	for i, c := range []struct {
		level  practice.LevelID
		factor float64
	}{{"sde2", 1.3}, {"sde2", 1.0}, {"sde2", 0.7}, {"senior", 1.0}} {
		as = append(as, g.addAttempt(seedSpec{q: "unpopular-decision", level: c.level, mode: practice.StepByStep,
			start: start.AddDate(0, 0, i), factor: c.factor, rating: 3}))
	}
	return as
}

func openChartFor(g *rig, q string, attempts int) *chartScreen {
	g.t.Helper()
	h := g.openHistory()
	h.openChart(q)
	g.settle("the chart loads", func() bool { return h.chart != nil && len(h.chart.chart.model.Attempts) == attempts })
	return h.chart
}

func TestChartModelAndGeometry(t *testing.T) {
	g := newBareRig(t)
	as := chartFixture(g)
	c := openChartFor(g, "unpopular-decision", 4)
	m := c.chart.model
	for i, a := range m.Attempts {
		if a.ID != as[i].ID {
			t.Fatalf("attempt %d on the x axis is %d, want %d (oldest first)", i, a.ID, as[i].ID)
		}
	}
	if len(m.Panels) != 6 || m.Panels[2].Step != practice.Action || m.Panels[5].Title != "Whole answer" {
		t.Fatalf("panels %+v", m.Panels)
	}
	action := m.Panels[2]
	sde2, _ := practice.LevelByID("sde2")
	target := practice.Targets(g.u.bank.Question("unpopular-decision"), sde2)[practice.Action]
	sb := practice.StepBand(target)
	lo, hi := sb.Lo, sb.Hi
	want := []practice.Verdict{practice.Long, practice.OnTarget, practice.Short, practice.OnTarget}
	for i, p := range action.Points {
		if p.Verdict != want[i] || (i < 3 && (p.Target != target || p.Lo != lo || p.Hi != hi)) {
			t.Errorf("action point %d: %+v", i, p)
		}
	}
	if total := m.Panels[5].Points[1]; total.Lo != sde2.Min || total.Hi != sde2.Max || total.Spoken != as[1].Spoken {
		t.Errorf("whole-answer point %+v, want the SDE 2 window and %v", total, as[1].Spoken)
	}

	geo := m.layout(fyne.NewSize(900, 600), 12)
	pg := geo.Panels[2]
	if geo.Panels[3].Frame.Pos.Y <= geo.Panels[0].Frame.Pos.Y || geo.Panels[1].Frame.Pos.Y != geo.Panels[0].Frame.Pos.Y {
		t.Errorf("900 wide is not three panels across: %+v", geo.Panels)
	}
	for i := 1; i < len(pg.Points); i++ {
		if pg.Points[i].X <= pg.Points[i-1].X {
			t.Errorf("points not left to right by date: %v", pg.Points)
		}
	}
	// Two bands: the SDE 2 run of three attempts, then the Senior one.
	if len(pg.Bands) != 2 {
		t.Fatalf("%d band rectangles, want 2", len(pg.Bands))
	}
	band := pg.Bands[0]
	top, bottom := band.Pos.Y, band.Pos.Y+band.Size.Height
	if !(pg.Points[0].Y < top) || !(pg.Points[1].Y >= top && pg.Points[1].Y <= bottom) || !(pg.Points[2].Y > bottom) {
		t.Errorf("long/on-target/short points at y %v, %v, %v; band %v to %v", pg.Points[0].Y, pg.Points[1].Y, pg.Points[2].Y, top, bottom)
	}
	if band.Pos.X > pg.Points[0].X || band.Pos.X+band.Size.Width < pg.Points[2].X || band.Pos.X+band.Size.Width > pg.Points[3].X {
		t.Errorf("the SDE 2 band spans x %v to %v; points at %v", band.Pos.X, band.Pos.X+band.Size.Width, pg.Points)
	}
	// The y scale: the band's edges sit where their times fall.
	plot := pg.Plot
	yOf := func(d time.Duration) float32 {
		return plot.Pos.Y + plot.Size.Height*(1-float32(d.Seconds()/action.YMax.Seconds()))
	}
	if d := top - yOf(hi); d > 0.01 || d < -0.01 {
		t.Errorf("band top at %v, %v is at %v", top, hi, yOf(hi))
	}

	if narrow := m.layout(fyne.NewSize(500, 700), 12); narrow.Panels[1].Frame.Pos.Y != narrow.Panels[0].Frame.Pos.Y ||
		narrow.Panels[2].Frame.Pos.Y == narrow.Panels[0].Frame.Pos.Y {
		t.Error("500 wide is not two panels across")
	}
}

// near reports whether two colours are within a few levels per channel.
func near(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { return int(x>>8)-int(y>>8) <= 6 && int(y>>8)-int(x>>8) <= 6 }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

func TestChartRendersInLightAndDark(t *testing.T) {
	g := newBareRig(t)
	chartFixture(g)
	c := openChartFor(g, "unpopular-decision", 4)
	// One chart, drawn in one theme and then the other: it recolours
	// itself when the theme changes.
	chart := newProgressChart(c.chart.model)
	w := test.NewTempWindow(t, chart)
	w.SetPadded(false)
	for _, variant := range []struct {
		name string
		th   fyne.Theme
	}{{"light", variantTheme{theme.VariantLight}}, {"dark", variantTheme{theme.VariantDark}}} {
		t.Run(variant.name, func(t *testing.T) {
			fyne.CurrentApp().Settings().SetTheme(variant.th)
			size := fyne.NewSize(900, 600)
			w.Resize(size)
			img := w.Canvas().Capture()
			sc := float32(img.Bounds().Dx()) / size.Width
			at := func(p fyne.Position) color.Color { return img.At(int(p.X*sc), int(p.Y*sc)) }

			geo := chart.model.layout(size, theme.CaptionTextSize())
			pg := geo.Panels[2]
			if got, want := at(pg.Points[1]), theme.Color(theme.ColorNameSuccess); !near(got, want) {
				t.Errorf("the on-target dot is %v, want the theme's success colour %v", got, want)
			}
			if got, want := at(pg.Points[0]), theme.Color(theme.ColorNameWarning); !near(got, want) {
				t.Errorf("the long dot is %v, want the theme's warning colour %v", got, want)
			}
			// Inside the band, clear of dots and lines: tinted green over
			// the panel's background.
			b := pg.Bands[1]
			inBand := fyne.NewPos(b.Pos.X+b.Size.Width-3, b.Pos.Y+b.Size.Height-3)
			frame := pg.Frame.Pos.Add(fyne.NewPos(pg.Frame.Size.Width-4, pg.Frame.Size.Height/2))
			bg, tinted := at(frame), at(inBand)
			if !near(bg, theme.Color(theme.ColorNameInputBackground)) {
				t.Errorf("panel background %v, want the theme's %v", bg, theme.Color(theme.ColorNameInputBackground))
			}
			_, bgG, _, _ := bg.RGBA()
			tr, tg, tb, _ := tinted.RGBA()
			if near(bg, tinted) || !(tg > tr && tg > tb) && tg <= bgG {
				t.Errorf("the band at %v is %v over a background of %v: not green", inBand, tinted, bg)
			}
			// Sharp at any size: twice the size draws the same, scaled.
			w.Resize(fyne.NewSize(1800, 1200))
			big := w.Canvas().Capture()
			pg2 := chart.model.layout(fyne.NewSize(1800, 1200), theme.CaptionTextSize()).Panels[2]
			if got := big.At(int(pg2.Points[1].X*sc), int(pg2.Points[1].Y*sc)); !near(got, theme.Color(theme.ColorNameSuccess)) {
				t.Errorf("at 1800×1200 the on-target dot is %v", got)
			}
		})
	}
}

func TestChartHoverShowsTheAttemptAndTapOpensIt(t *testing.T) {
	g := newBareRig(t)
	as := chartFixture(g)
	c := openChartFor(g, "unpopular-decision", 4)
	c.chart.Resize(fyne.NewSize(900, 500))
	pg := c.chart.model.layout(c.chart.Size(), theme.CaptionTextSize()).Panels[2]
	at := pg.Points[0].Add(fyne.NewPos(3, -2)) // near enough to the oldest Action point
	c.chart.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	if !c.chart.hovered || c.chart.hover != (chartRef{2, 0}) || !c.chart.ring.Visible() {
		t.Fatalf("hover %+v %v", c.chart.hover, c.chart.hovered)
	}
	info := c.info.Text
	if !strings.Contains(info, attemptDate(as[0].StartedAt, time.Now())) || !strings.Contains(info, "Action") ||
		!strings.Contains(info, ", long") || !strings.Contains(info, "target 1:17") {
		t.Errorf("hover info %q", info)
	}
	c.chart.MouseOut()
	if c.chart.ring.Visible() {
		t.Error("the highlight stays after the pointer left")
	}
	h := c.h
	test.TapAt(c.chart, at)
	g.settle("the attempt opens", func() bool { return h.detail != nil })
	if h.detail.attempt.ID != as[0].ID {
		t.Errorf("tapping the point opened attempt %d, want %d", h.detail.attempt.ID, as[0].ID)
	}
	g.press(fyne.KeyEscape)
	if h.current() != c.content {
		t.Error("Esc did not go back to the chart")
	}
}

func TestChartExportPNG(t *testing.T) {
	g := newBareRig(t)
	chartFixture(g)
	c := openChartFor(g, "unpopular-decision", 4)
	path := filepath.Join(t.TempDir(), "chart.png")
	os.WriteFile(path, nil, 0o644) // as the save dialog leaves it
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	img := renderChartImage(c.chart.model, "Progress", chartExportSize)
	if err := writeExport(w, func(w io.Writer) error { return png.Encode(w, img) }); err != nil {
		t.Fatal(err)
	}
	privatetest.Check(t, path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err = png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 2*int(chartExportSize.Width) || b.Dy() != 2*int(chartExportSize.Height) {
		t.Errorf("PNG is %v, want twice %v", b, chartExportSize)
	}
	if n := countColours(img, theme.Color(theme.ColorNameSuccess)); n < 50 {
		t.Errorf("only %d pixels of on-target green: the dots are missing", n)
	}
}

func countColours(img image.Image, c color.Color) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if near(img.At(x, y), c) {
				n++
			}
		}
	}
	return n
}

// The trends' words: practice.Trends decides, the screen says it.
func TestChartTrendsInWords(t *testing.T) {
	for _, tc := range []struct {
		trend practice.Trend
		want  string
	}{
		{practice.Trend{StepStats: practice.StepStats{Step: practice.Action, Takes: 5, AvgSpoken: 112 * time.Second, Best: 110 * time.Second},
			Over: 22 * time.Second, Direction: practice.Improving},
			"Action: 1:52 on average, 22 s over target (best 1:50); improving"},
		{practice.Trend{StepStats: practice.StepStats{Step: practice.Task, Takes: 2, AvgSpoken: 20500 * time.Millisecond, Best: 20 * time.Second},
			Over: 500 * time.Millisecond},
			"Task: 0:21 on average over 2 attempts, 1 s over target (best 0:20); too few attempts yet to see a trend"},
		{practice.Trend{StepStats: practice.StepStats{Step: practice.Result, Takes: 1, AvgSpoken: 14 * time.Second, Best: 14 * time.Second},
			Over: -400 * time.Millisecond},
			"Result: 0:14 in your only attempt, right on target; too few attempts yet to see a trend"},
		{practice.Trend{StepStats: practice.StepStats{Step: practice.Situation, Takes: 5, AvgSpoken: 18 * time.Second, Best: 19 * time.Second},
			Over: -2 * time.Second, Direction: practice.Drifting},
			"Situation: 0:18 on average, 2 s under target (best 0:19); drifting further from target"},
		{practice.Trend{StepStats: practice.StepStats{Step: practice.Reflection, Takes: 5, AvgSpoken: 15 * time.Second, Best: 15 * time.Second},
			Direction: practice.Steady},
			"Reflection: 0:15 on average, right on target (best 0:15); steady"},
	} {
		if got := trendText(tc.trend); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
}

// variantTheme is the default theme held to one variant, as a candidate's
// system setting would choose it.
type variantTheme struct{ variant fyne.ThemeVariant }

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v.variant)
}
func (variantTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (variantTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (variantTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }

// The chart's words count what is there: four attempts are "Your 4
// attempts", not "Your last 5", and an exported chart of them is titled
// "4 attempts", not "last 10 attempts".
func TestChartSaysHowManyAttemptsItShows(t *testing.T) {
	g := newBareRig(t)
	chartFixture(g)
	c := openChartFor(g, "unpopular-decision", 4)
	if c.trendsTitle.Text != "Your 4 attempts" {
		t.Errorf("trends titled %q, want \"Your 4 attempts\"", c.trendsTitle.Text)
	}
	for _, tc := range []struct {
		shown, span int
		want        string
	}{{4, 10, "4 attempts"}, {10, 10, "last 10 attempts"}, {1, 30, "1 attempt"}, {7, 0, "7 attempts"}, {5, 5, "last 5 attempts"}, {1, 1, "last attempt"}} {
		if got := shownText(tc.shown, tc.span); got != tc.want {
			t.Errorf("shownText(%d, %d) = %q, want %q", tc.shown, tc.span, got, tc.want)
		}
	}
}

// A point is plotted at the time the candidate is shown, so one the
// verdict calls on target sits inside its band: 17.4 s of a 15 s Task
// shows 0:17, the band's top, not above it.
func TestChartPlotsTheShownFigure(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	spoken, target := 17400*time.Millisecond, 15*time.Second
	m := newChartModel([]practice.AttemptTimes{{ID: 1, StartedAt: at, Level: "sde2", Spoken: 150 * time.Second,
		Verdict: practice.OnTarget, Steps: []practice.StepPoint{{AttemptID: 1, StartedAt: at, Level: "sde2", Step: practice.Task,
			Spoken: spoken, Target: target, Verdict: practice.StepVerdict(spoken, target)}}}})
	for _, p := range m.Panels {
		if p.Step != practice.Task {
			continue
		}
		if pt := p.Points[0]; pt.Verdict != practice.OnTarget || pt.Spoken > pt.Hi {
			t.Errorf("the Task is plotted at %v, above its band's top %v, though %s", pt.Spoken, pt.Hi, pt.Verdict)
		}
	}
}
