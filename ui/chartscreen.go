package ui

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// How many attempts the chart shows.
var chartSpans = []struct {
	name string
	n    int
}{{"Last 10", 10}, {"Last 30", 30}, {"All", 0}}

// chartScreen is a question's progress: the chart, what the hovered point
// is, and each step's trend in words.
type chartScreen struct {
	h           *historyScreen
	questionID  string
	span        *keySelect
	chart       *progressChart
	info        *widget.Label
	trends      *widget.Label
	trendsTitle *widget.Label // "Your last 5 attempts", or as many as there are
	export      *widget.Button
	content     fyne.CanvasObject
	attempts    []practice.AttemptTimes // newest first, as loaded
}

// openChart shows the progress chart of a question on top of the list.
func (h *historyScreen) openChart(questionID string) {
	h.stopPlayback()
	c := &chartScreen{h: h, questionID: questionID}
	c.chart = newProgressChart(chartModel{})
	c.chart.onHover = c.showPoint
	c.chart.onTap = func(ref chartRef) {
		if a, _, ok := c.chart.model.pointAt(ref); ok {
			h.openDetail(a.ID)
		}
	}
	c.info = widget.NewLabel("Hover over a point to see its attempt; click it to open it.")
	c.info.Truncation = fyne.TextTruncateEllipsis
	c.trends = para("Loading…")
	var names []string
	for _, s := range chartSpans {
		names = append(names, s.name)
	}
	c.span = newKeySelect(names, func(string) { c.load() })
	c.span.Selected = chartSpans[1].name
	c.export = widget.NewButtonWithIcon("Export PNG…", theme.DocumentSaveIcon(), func() {
		// Drawn now, on the UI goroutine as every Fyne drawing is;
		// written later, off it.
		title := "Progress · " + h.questionTitle(questionID) + " · " + shownText(len(c.chart.model.Attempts), c.spanN())
		img := renderChartImage(c.chart.model, title, chartExportSize)
		h.saveFile(questionID+"-progress.png", ".png", func(w io.Writer) error { return png.Encode(w, img) })
	})
	back := widget.NewButtonWithIcon("Back  (Esc)", theme.NavigateBackIcon(), h.back)
	legend := widget.NewLabel("Green band: on target. Dots: green on target, amber short or long.")
	legend.TextStyle = fyne.TextStyle{Italic: true}
	legend.Wrapping = fyne.TextWrapWord
	bar := container.NewBorder(nil, nil, back, container.NewHBox(widget.NewLabel("Attempts:"), c.span, c.export))
	top := container.NewVBox(heading("Progress · "+h.questionTitle(questionID)), legend)
	c.trendsTitle = bold("")
	bottom := container.NewVBox(c.info, widget.NewSeparator(), c.trendsTitle, c.trends)
	// The chart takes the height the words leave; in a small window it
	// keeps its own minimum and the words scroll up under it.
	c.content = container.NewBorder(bar, nil, nil, nil,
		newCuedScroll(container.NewBorder(top, bottom, nil, nil, c.chart)).content)
	h.chart = c
	h.push(c.content)
	c.load()
}

// spanN is how many attempts the chart shows (0: all).
func (c *chartScreen) spanN() int {
	for _, s := range chartSpans {
		if s.name == c.span.Selected {
			return s.n
		}
	}
	return 30
}

// load fetches the question's progress off the UI goroutine: enough
// attempts for the chart and for the trends' two windows.
func (c *chartScreen) load() {
	n := c.spanN()
	fetch := n
	if n > 0 && n < 2*practice.TrendWindow {
		fetch = 2 * practice.TrendWindow
	}
	load(c.h.u.bridge, "history.chart", func(ctx context.Context) ([]practice.AttemptTimes, error) {
		return c.h.u.store.StepProgress(ctx, c.questionID, fetch)
	}, func(as []practice.AttemptTimes, err error) {
		if err != nil {
			c.h.u.showError("load the progress of this question", err)
			return
		}
		c.show(as, n)
	})
}

func (c *chartScreen) show(as []practice.AttemptTimes, n int) {
	c.attempts = as
	shown := as
	if n > 0 {
		shown = as[:min(n, len(as))]
	}
	c.chart.setModel(newChartModel(shown))
	if len(as) == 0 {
		c.trends.SetText("No attempts at this question yet.")
		c.export.Disable()
		return
	}
	c.export.Enable()
	c.trendsTitle.SetText("Your " + shownText(min(len(as), practice.TrendWindow), practice.TrendWindow))
	var lines []string
	for _, t := range practice.Trends(as) {
		lines = append(lines, trendText(t))
	}
	c.trends.SetText(strings.Join(lines, "\n"))
}

// showPoint says what the hovered point is.
func (c *chartScreen) showPoint(ref chartRef, ok bool) {
	a, p, found := c.chart.model.pointAt(ref)
	if !ok || !found {
		c.info.SetText("Hover over a point to see its attempt; click it to open it.")
		return
	}
	what := "Whole answer"
	target := "the " + levelName(a.Level) + " window " + practice.FormatClock(p.Lo) + "–" + practice.FormatClock(p.Hi)
	if st := c.chart.model.Panels[ref.Panel].Step; st != "" {
		what, target = st.Name(), "target "+practice.FormatClock(p.Target)
	}
	c.info.SetText(fmt.Sprintf("%s · %s · %s: %s against %s, %s. Click to open.",
		attemptDate(a.At, c.h.now()), levelName(a.Level), what, practice.FormatClock(p.Spoken), target, verdictText(p.Verdict)))
}

// shownText says how many attempts are shown when at most span could be
// (0: no limit): "last 10 attempts" only when the span cut some off,
// else "3 attempts" or "last attempt".
func shownText(shown, span int) string {
	switch {
	case shown == 1 && span == 1:
		return "last attempt"
	case shown == span:
		return "last " + practice.Plural(shown, "attempt", "attempts")
	}
	return practice.Plural(shown, "attempt", "attempts")
}

// The size a chart is exported at, in points; the PNG has twice as many
// pixels for sharp printing.
var chartExportSize = fyne.NewSize(960, 600)

// renderChartImage draws the model, with a title, the way the screen
// does, with Fyne's software painter and the current theme. It runs on
// the UI goroutine, as every Fyne drawing does.
func renderChartImage(m chartModel, title string, size fyne.Size) image.Image {
	t := canvas.NewText(title, theme.Color(theme.ColorNameForeground))
	t.TextStyle = fyne.TextStyle{Bold: true}
	t.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	content := container.NewBorder(container.NewPadded(t), nil, nil, nil, newProgressChart(m))
	c := software.NewCanvas()
	c.SetPadded(true)
	c.SetScale(2)
	c.SetContent(container.New(layout.NewStackLayout(), content))
	c.Resize(size)
	return c.Capture()
}
