package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/internal/atomicfile"
	"starcoach/practice"
	"starcoach/session"
)

// historyPage is how many attempts one query fetches. The list asks for
// the next page as its last rows come into view, so 10,000 attempts cost
// no more to open than 100, and only the visible rows have widgets.
const historyPage = 100

// The filter choices that mean "no filter".
const (
	allQuestions = "All questions"
	allLevels    = "All levels"
	allModes     = "All modes"
	allTime      = "All time"
)

var (
	modeNames = map[practice.Mode]string{practice.StepByStep: "Step by step", practice.Mock: "Mock interview"}
	// modeShort fits a history row.
	modeShort = map[practice.Mode]string{practice.StepByStep: "Step by step", practice.Mock: "Mock"}
	periods   = []struct {
		name string
		days int
	}{{"Last 7 days", 7}, {"Last 30 days", 30}, {"Last 90 days", 90}, {allTime, 0}}
)

// historyScreen is the History pane: the practice record at the top, the
// filters, and the attempts newest first in a virtualised list. An
// attempt's detail, a question's progress chart and a comparison open in
// the same pane on top of the list; Back or Esc returns.
type historyScreen struct {
	u *UI

	question, level, mode, period *keySelect
	questionIDs                   map[string]string // option -> question ID

	streak, week, practised *widget.Label
	status                  *widget.Label
	header                  *fyne.Container // the list's column headings
	list                    *keyList
	backButton              *widget.Button
	keys                    keyMap
	chartButton             *widget.Button
	loopsButton             *widget.Button
	exportButton            *widget.Button

	rows    []practice.Attempt
	more    bool // another page may follow
	loading bool

	stack   *fyne.Container // the pane: the list, or a screen on top of it
	views   []fyne.CanvasObject
	listTop fyne.CanvasObject

	loops    []practice.Loop // as the Loops screen lists them
	loopList *keyList

	detail  *attemptDetail // the open detail, if any
	chart   *chartScreen
	compare *compareScreen
	player  *session.Player // plays a take at a time, on the UI goroutine

	now func() time.Time
	// from is the screen History was opened from, where Back returns.
	from fyne.CanvasObject
}

// showHistory opens the History screen; it is built once per window, so
// its filters and scroll position survive a visit to Study mode.
func (u *UI) showHistory() {
	if u.history == nil {
		u.history = newHistoryScreen(u)
	}
	h := u.history
	h.home()
	if from := u.right.Objects[0]; from != h.stack {
		h.from = from // where Back returns to
	}
	u.showRight(h.stack)
	h.reload()
}

func newHistoryScreen(u *UI) *historyScreen {
	h := &historyScreen{u: u, now: u.now, questionIDs: map[string]string{}, keys: keyMap{}}
	h.player = session.NewPlayer(u.audio, u.store, u.bridge, u.clock, func(session.Playing) {
		if h.detail != nil {
			h.detail.renderPlaying()
		}
	}, func(err error) { u.showError("play the take", err) })
	names, byName := questionChoices(u.bank)
	opts := append([]string{allQuestions}, names...)
	for name, q := range byName {
		h.questionIDs[name] = q.ID
	}
	onChange := func(string) { h.reload() }
	h.question = newKeySelect(opts, onChange)
	h.question.Selected = allQuestions
	levels := []string{allLevels}
	for _, l := range practice.Levels {
		levels = append(levels, l.Name)
	}
	h.level = newKeySelect(levels, onChange)
	h.level.Selected = allLevels
	h.mode = newKeySelect([]string{allModes, modeNames[practice.StepByStep], modeNames[practice.Mock]}, onChange)
	h.mode.Selected = allModes
	var pnames []string
	for _, p := range periods {
		pnames = append(pnames, p.name)
	}
	h.period = newKeySelect(pnames, onChange)
	h.period.Selected = allTime

	statLabel := func() *widget.Label {
		l := widget.NewLabel("…")
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Importance = widget.HighImportance
		return l
	}
	h.streak, h.week, h.practised = statLabel(), statLabel(), statLabel()
	h.status = widget.NewLabel("Loading…")
	h.header = newHistoryHeader()
	h.list = newKeyList(func() int { return len(h.rows) }, newHistoryRow, h.updateRow)
	h.list.OnSelected = func(id widget.ListItemID) {
		h.list.Unselect(id)
		if id < len(h.rows) {
			h.openDetail(h.rows[id].ID)
		}
	}
	h.chartButton = widget.NewButtonWithIcon("Progress chart", theme.GridIcon(), func() {
		if id := h.questionIDs[h.question.Selected]; id != "" {
			h.openChart(id)
		}
	})
	h.loopsButton = widget.NewButtonWithIcon("Loops", theme.ListIcon(), h.openLoops)
	// L presses it; its label leaves the key out, as the bar is full at
	// 800x600 (the README's table of keys names it).
	h.keys.bind(h.loopsButton, fyne.KeyL)
	h.exportButton = widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), h.onExportCSV)
	h.backButton = h.keys.button("Back", theme.NavigateBackIcon(), h.back, fyne.KeyEscape, fyne.KeyBackspace)

	stat := func(value *widget.Label, caption string) fyne.CanvasObject {
		return container.NewHBox(value, widget.NewLabel(caption))
	}
	filters := container.NewGridWithColumns(4, h.question, h.level, h.mode, h.period)
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(h.backButton, heading("History")), container.NewHBox(h.chartButton, h.loopsButton, h.exportButton)),
		container.NewHBox(stat(h.streak, "day streak"), widget.NewSeparator(),
			stat(h.week, "attempts this week"), widget.NewSeparator(),
			stat(h.practised, "questions practised")),
		filters,
		h.status,
		h.header,
	)
	h.listTop = container.NewBorder(top, nil, nil, nil, h.list)
	h.stack = container.NewStack(h.listTop)
	h.views = []fyne.CanvasObject{h.listTop}
	return h
}

// filter is the HistoryFilter the pickers describe.
func (h *historyScreen) filter() practice.HistoryFilter {
	f := practice.HistoryFilter{QuestionID: h.questionIDs[h.question.Selected]}
	if l, ok := practice.LevelByName(h.level.Selected); ok {
		f.Level = l.ID
	}
	for m, name := range modeNames {
		if h.mode.Selected == name {
			f.Mode = m
		}
	}
	for _, p := range periods {
		if p.name == h.period.Selected && p.days > 0 {
			y, m, d := h.now().Date()
			f.From = time.Date(y, m, d-(p.days-1), 0, 0, 0, 0, h.now().Location())
		}
	}
	return f
}

// reload starts the list again from the newest attempt the filter selects
// and refreshes the figures at the top.
func (h *historyScreen) reload() {
	h.u.bridge.forget("history.page") // a page of the old filter must not land
	h.rows, h.more, h.loading = nil, true, false
	h.list.UnselectAll()
	h.list.Refresh()
	h.list.ScrollToTop()
	h.status.SetText("Loading…")
	if h.questionIDs[h.question.Selected] == "" {
		h.chartButton.Disable()
	} else {
		h.chartButton.Enable()
	}
	h.fetch()
	h.loadFigures()
}

// fetch loads the next page off the UI goroutine.
func (h *historyScreen) fetch() {
	if h.loading || !h.more {
		return
	}
	h.loading = true
	f := h.filter()
	f.Limit, f.Offset = historyPage, len(h.rows)
	load(h.u.bridge, "history.page", func(ctx context.Context) ([]practice.Attempt, error) {
		return h.u.store.Attempts(ctx, f)
	}, func(as []practice.Attempt, err error) {
		h.loading = false
		if err != nil {
			h.more = false
			h.status.SetText("Could not load the history.")
			h.u.showError("load the history", err)
			return
		}
		h.rows = append(h.rows, as...)
		h.more = len(as) == historyPage
		h.list.Refresh()
		h.showStatus()
	})
}

func (h *historyScreen) showStatus() {
	f := h.filter()
	var text string
	switch n := len(h.rows); {
	case n == 0 && f == (practice.HistoryFilter{}):
		text = "No attempts yet: rehearse a question and it will appear here."
	case n == 0:
		text = "No attempts match these filters."
	case h.more:
		text = fmt.Sprintf("The newest %d attempts; more load as you scroll. Tap one to see it in full.", n)
	case n == 1:
		text = "1 attempt. Tap it to see it in full."
	default:
		text = fmt.Sprintf("%d attempts. Tap one to see it in full.", n)
	}
	if len(h.rows) > 0 && f.QuestionID == "" { // why Progress chart is greyed out
		text += " Pick a question to see its progress chart."
	}
	h.status.SetText(text)
}

// loadFigures fills the streak and counts, off the UI goroutine.
func (h *historyScreen) loadFigures() {
	now := h.now()
	type figures struct {
		streak int
		counts practice.Counts
	}
	load(h.u.bridge, "history.figures", func(ctx context.Context) (figures, error) {
		var f figures
		var err error
		if f.streak, err = h.u.store.Streak(ctx, now); err == nil {
			f.counts, err = h.u.store.Counts(ctx, now)
		}
		return f, err
	}, func(f figures, err error) {
		if err != nil {
			h.u.showError("count your practice", err)
			return
		}
		h.streak.SetText(fmt.Sprint(f.streak))
		h.week.SetText(fmt.Sprint(f.counts.ThisWeek))
		h.practised.SetText(fmt.Sprint(f.counts.Questions))
	})
}

// questionChoices names the bank's questions for a drop-down: by short
// title, sorted, with the ID after a title two questions share.
func questionChoices(bank *practice.Bank) ([]string, map[string]*practice.Question) {
	qs := slices.Clone(bank.Questions())
	slices.SortFunc(qs, func(a, b *practice.Question) int { return strings.Compare(a.ShortTitle(), b.ShortTitle()) })
	var names []string
	byName := map[string]*practice.Question{}
	for _, q := range qs {
		name := q.ShortTitle()
		if _, dup := byName[name]; dup {
			name += " (" + q.ID + ")"
		}
		byName[name] = q
		names = append(names, name)
	}
	return names, byName
}

// questionTitle is the short title of a question in the bank, or its ID
// when it is not there (an imported pack since removed).
func (h *historyScreen) questionTitle(id string) string {
	if q := h.u.bank.Question(id); q != nil {
		return q.ShortTitle()
	}
	return id
}

// historyColumn is a column of the History list: its heading, its width
// (0 for the question's, which takes what the others leave), and when it
// gives way to the question in a narrow pane (0: never, else the lowest
// first).
type historyColumn struct {
	title string
	width float32
	drop  int
}

// The widths fit their longest text: "22 Dec 2025 23:42", "Senior SDE",
// "2:23 of 12:00–12:30", "195-250 fast".
var historyColumns = columnsLayout{
	{"Date", 136, 0}, {"Question", 0, 0}, {"Level", 88, 1}, {"Mode", 100, 2}, {"Spoken / window", 144, 0},
	{"Pace", 104, 3}, {"Rated", 58, 0},
}

// questionMin is the width the question keeps before lesser columns give
// way: a few words of it, not "…". At 800x600 the level and mode go.
const questionMin = 200

// historyRow is one attempt in the list: labels for the date, question,
// level, mode, spoken total, pace and rating, in a row of columns. The
// question is cut at a word.
func newHistoryRow() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(historyColumns))
	for i := range objs {
		if i == 1 {
			objs[i] = newFitLabel("")
			continue
		}
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		objs[i] = l
	}
	return container.New(historyColumns, objs...)
}

// rowLabels are a history row's labels, in column order, and its
// question's, which sets its own text.
func rowLabels(o fyne.CanvasObject) ([]*widget.Label, *fitLabel) {
	c := o.(*fyne.Container)
	out := make([]*widget.Label, len(c.Objects))
	for i, l := range c.Objects {
		switch l := l.(type) {
		case *fitLabel:
			out[i] = &l.Label
		case *widget.Label:
			out[i] = l
		}
	}
	return out, c.Objects[1].(*fitLabel)
}

func newHistoryHeader() *fyne.Container {
	var objs []fyne.CanvasObject
	for _, c := range historyColumns {
		l := widget.NewLabel(c.title)
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, l)
	}
	return container.New(historyColumns, objs...)
}

func (h *historyScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(h.rows)-historyPage/2 {
		h.fetch() // the end of what is loaded is near
	}
	if id >= len(h.rows) {
		return
	}
	a := h.rows[id]
	l, question := rowLabels(o)
	// An attempt left unfinished or interrupted is marked and greyed: it
	// is not in the statistics. Importance first: SetText redraws.
	dim := widget.MediumImportance
	if a.Status != practice.Complete {
		dim = widget.LowImportance
	}
	for _, label := range l {
		label.Importance = dim
	}
	if a.Status == practice.Complete {
		l[4].Importance = verdictImportance(a.Verdict, a.Trust)
	}
	l[0].SetText(attemptDate(a.StartedAt, h.now()))
	question.SetText(statusMark(a.Status) + loopMark(a) + doubtMark(a.Trust) + h.questionTitle(a.QuestionID))
	l[2].SetText(levelName(a.Level))
	mode := modeShort[a.Mode]
	if a.Loop != 0 {
		mode = "Loop" // a loop's answers are mock interviews
	}
	l[3].SetText(mode)
	l[4].SetText(totalText(a))
	l[5].SetText(paceCell(a.Pace))
	l[6].SetText(ratingText(a.Rating))
}

// paceCell is a pace in a column: the range, and the band when the whole
// range lies outside the comfortable one, "195-250 fast"; a range across
// an edge shows by its figures ("160-205"), the band words would not fit;
// "–" when it was not estimated.
func paceCell(p practice.PaceResult) string {
	r := fmt.Sprintf("%d-%d", p.Low, p.High)
	switch {
	case p.Band == practice.PaceUnknown:
		return "–"
	case p.Band == p.To && p.Band != practice.PaceComfortable:
		return r + " " + p.Band.String()
	}
	return r
}

// totalText is the whole answer's spoken time against the level window,
// e.g. "2:14 of 2:00–2:30".
func totalText(a practice.Attempt) string {
	if l, ok := practice.LevelByID(a.Level); ok {
		return practice.FormatClock(a.Spoken) + " of " + l.WindowText()
	}
	return practice.FormatClock(a.Spoken)
}

func ratingText(r int) string {
	if r == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/5", r)
}

func levelName(id practice.LevelID) string {
	if l, ok := practice.LevelByID(id); ok {
		return l.Name
	}
	return string(id)
}

// attemptLabel names an attempt among others of its question: when, at
// what level, and whether it was a mock. "3 Mar 14:05 · SDE 2 · Mock".
func attemptLabel(a practice.Attempt, now time.Time) string {
	return attemptDate(a.StartedAt, now) + " · " + levelName(a.Level) + " · " + modeShort[a.Mode]
}

// attemptDate is a start time as a candidate reads it: "3 Mar 14:05",
// with the year when it is not this year's.
func attemptDate(t, now time.Time) string {
	t = t.In(now.Location())
	if t.Year() != now.Year() {
		return t.Format("2 Jan 2006 15:04")
	}
	return t.Format("2 Jan 15:04")
}

// columnsLayout lays a row out in its columns. When the pane is too
// narrow for the question to keep questionMin, the columns that give way
// are hidden, and when that is not enough every column shrinks in
// proportion.
type columnsLayout []historyColumn

// shown says which columns a row of this width shows.
func (c columnsLayout) shown(width float32) []bool {
	shown := make([]bool, len(c))
	fixed := float32(0)
	for i, col := range c {
		shown[i] = true
		fixed += col.width
	}
	for drop := 1; width-fixed < questionMin; drop++ {
		dropped := false
		for i, col := range c {
			if col.drop == drop {
				shown[i], fixed, dropped = false, fixed-col.width, true
			}
		}
		if !dropped {
			break // nothing left to give way
		}
	}
	return shown
}

func (c columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	shown := c.shown(size.Width)
	fixed, flex := float32(0), 0
	for i, col := range c {
		if shown[i] {
			fixed += col.width
			if col.width == 0 {
				flex++
			}
		}
	}
	rest := max(0, size.Width-fixed)
	scale := float32(1)
	if fixed > size.Width && fixed > 0 { // squeeze everything in proportion
		scale = size.Width / fixed
	}
	x := float32(0)
	for i, o := range objs {
		if i >= len(c) || !shown[i] {
			o.Hide()
			continue
		}
		o.Show()
		w := c[i].width * scale
		if c[i].width == 0 && flex > 0 {
			w = rest / float32(flex)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (c columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(200, h)
}

// push shows a screen on top of the list; back returns to the one below,
// and from the list to Study mode.
func (h *historyScreen) push(o fyne.CanvasObject) {
	h.views = append(h.views, o)
	h.show(o)
}

func (h *historyScreen) back() {
	if len(h.views) <= 1 {
		h.u.leaveHistory()
		h.u.showRight(h.from)
		return
	}
	h.views = h.views[:len(h.views)-1]
	top := h.views[len(h.views)-1]
	if top == h.listTop {
		h.stopPlayback()
		h.detail, h.chart, h.compare = nil, nil, nil
		for _, k := range []string{"history.detail", "history.chart", "history.compare", "history.loops", "history.loop"} {
			h.u.bridge.forget(k)
		}
	}
	h.show(top)
}

// home goes back to the list.
func (h *historyScreen) home() {
	h.stopPlayback()
	h.views = h.views[:1]
	h.detail, h.chart, h.compare = nil, nil, nil
	h.show(h.listTop)
}

func (h *historyScreen) show(o fyne.CanvasObject) {
	h.stack.Objects = []fyne.CanvasObject{o}
	h.stack.Refresh()
	h.u.win.Canvas().Unfocus() // the keys belong to the screen now showing
}

// current is the screen showing in the pane.
func (h *historyScreen) current() fyne.CanvasObject { return h.views[len(h.views)-1] }

func (h *historyScreen) stopPlayback() { h.player.Stop() }

// visible reports whether the History pane is what the window shows.
func (h *historyScreen) visible() bool {
	u := h.u
	return !u.away() && len(u.right.Objects) == 1 && u.right.Objects[0] == h.stack
}

// typedKey handles a key while History shows; it reports whether it did.
func (h *historyScreen) typedKey(ev *fyne.KeyEvent) bool {
	if h.keys.press(ev.Name) {
		return true
	}
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		// Keep the arrows from moving Study mode's hidden step picker.
	case fyne.KeyP:
		if h.detail != nil && h.current() == h.detail.content {
			h.detail.playCounted()
		}
	default:
		return false
	}
	return true
}

// onExportCSV asks where to save the shown history as CSV.
func (h *historyScreen) onExportCSV() {
	f := h.filter()
	h.saveFile("starcoach-history.csv", ".csv", func(w io.Writer) error { return h.exportCSV(w, f, 0) })
}

// exportCSV writes the takes of the attempts f selects (only attempt
// only, when not 0) to w, in the format of `starcoach history --csv`.
// It runs off the UI goroutine.
func (h *historyScreen) exportCSV(w io.Writer, f practice.HistoryFilter, only int64) error {
	return practice.WriteCSV(w, func(row func(practice.TakeRow) error) error {
		return h.u.store.EachTake(context.Background(), f.QuestionID, func(r practice.TakeRow) error {
			if (only != 0 && r.Attempt.ID != only) || !f.Matches(r.Attempt) {
				return nil
			}
			return row(r)
		})
	})
}

// placeName is where a URI points, as a candidate names it: a file's
// path, not "file:///…".
func placeName(u fyne.URI) string {
	if u.Scheme() == "file" {
		return filepath.FromSlash(u.Path())
	}
	return u.String()
}

// saveFile asks where to save an export, then writes it with write off
// the UI goroutine, through the writer the dialog opened (a location need
// not be a file), and says where it went.
func (h *historyScreen) saveFile(name, ext string, write func(io.Writer) error) {
	h.u.saveFileProgress(name, ext, func(_ context.Context, w io.Writer, _ func(done, total int)) error { return write(w) })
}

// saveFileProgress is saveFile for a long write that reports its
// progress (exportTo).
func (u *UI) saveFileProgress(name, ext string, write func(ctx context.Context, w io.Writer, progress func(done, total int)) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError("choose where to save", err)
			return
		}
		if w != nil { // nil: cancelled
			u.exportTo(w, write)
		}
	}, u.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	u.showFileDialog(d)
}

// exportTo writes an export to w off the UI goroutine and says where it
// went. From write's first report of progress a dialog shows it, and Esc
// or Enter there (its one button, Stop) stops the write, which leaves no
// file.
func (u *UI) exportTo(w fyne.URIWriteCloser, write func(ctx context.Context, w io.Writer, progress func(done, total int)) error) {
	where := placeName(w.URI())
	key := "export " + where
	bar := widget.NewProgressBar()
	var prog dialog.Dialog
	shown := false // on the UI goroutine only
	stop := func() {
		u.bridge.forget(key) // cancels the write; its result is dropped
		prog.Hide()
	}
	prog = dialog.NewCustomWithoutButtons("Writing "+filepath.Base(where), container.NewVBox(bar,
		widget.NewButtonWithIcon("Stop  (Esc)", theme.CancelIcon(), func() { stop() })), u.win)
	progress := func(done, total int) {
		u.bridge.ui(func() {
			if !shown && done < total {
				shown = true
				u.showDialog(prog, stop, stop)
			}
			bar.Max = float64(total)
			bar.SetValue(float64(done))
		})
	}
	load(u.bridge, key, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, writeExport(w, func(w io.Writer) error {
			if err := write(ctx, w, progress); err != nil {
				return err
			}
			return ctx.Err() // stopped as the last of it was written: no file
		})
	}, func(_ struct{}, err error) {
		prog.Hide()
		if err != nil {
			u.showError("save "+where, err)
			return
		}
		u.inform("Saved", "Saved to "+where)
	})
}

// writeExport writes an export and closes the writer. An export holds the
// candidate's history: a file is written whole or not at all, private
// (0600), through a temporary file renamed over the one the save dialog
// created (atomicfile); a failed write leaves no file where it was going.
// A location that is not a file takes the writes as they come.
func writeExport(w fyne.URIWriteCloser, write func(io.Writer) error) error {
	if w.URI().Scheme() != "file" {
		err := write(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}
	path := w.URI().Path()
	if err := w.Close(); err != nil {
		return err
	}
	if _, err := atomicfile.Write(path, write); err != nil {
		os.Remove(path) // the empty file the dialog made: half an export is no export
		return err
	}
	return nil
}

// removeRow drops a deleted attempt from the list.
func (h *historyScreen) removeRow(id int64) {
	h.rows = slices.DeleteFunc(h.rows, func(a practice.Attempt) bool { return a.ID == id })
	h.list.Refresh()
	h.showStatus()
	h.loadFigures()
}
