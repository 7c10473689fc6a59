package ui

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session"
)

// openHome waits for the home screen's plan.
func (g *rig) openHome() *home {
	g.t.Helper()
	h := g.u.home
	g.settle("the plan loads", func() bool { return h.plan != nil && len(g.queue) == 0 })
	return h
}

func TestHomeIsWhereTheAppOpensAndStartsTheFirstQuestion(t *testing.T) {
	g := newBareRig(t)
	h := g.openHome()
	if !g.u.shown(h.content) {
		t.Fatal("the app does not open on Home")
	}
	first := g.u.bank.Questions()[0]
	if !h.welcome.Visible() {
		t.Error("a first run shows no welcome")
	}
	if want := "Try: " + first.ShortTitle(); h.tryFirst.Text != want {
		t.Errorf("welcome offers %q, want %q", h.tryFirst.Text, want)
	}
	if want := first.ShortTitle() + " · Never rehearsed."; h.next[0].text.String() != want {
		t.Errorf("first row %q, want %q", h.next[0].text.String(), want)
	}
	if want := "No streak yet · 0 attempts this week · 0 s spoken"; h.activity.Text != want {
		t.Errorf("activity %q, want %q", h.activity.Text, want)
	}
	if !strings.HasPrefix(h.noStory.Text, "No story yet for ") {
		t.Errorf("story coverage %q", h.noStory.Text)
	}

	// Ctrl+R rehearses the first question, as the button says.
	g.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	g.idle()
	if g.u.rehearsal == nil || g.snap().Question != first || g.snap().Mode != practice.StepByStep {
		t.Fatal("Ctrl+R on Home did not rehearse the first question")
	}
	g.press(fyne.KeyEscape) // leave from the start screen: nothing recorded
	g.settle("back on Home", func() bool { return g.u.rehearsal == nil })
	if !g.u.shown(h.content) {
		t.Error("leaving a rehearsal started from Home does not go back to it")
	}

	// Key 2 rehearses the second row's question; Mock on the third a mock.
	second := h.plan[1].Question
	g.press(fyne.Key2)
	if g.u.rehearsal == nil || g.snap().Question != second {
		t.Fatal("key 2 did not rehearse the second row")
	}
	g.press(fyne.KeyEscape)
	g.settle("back on Home", func() bool { return g.u.rehearsal == nil })
	g.tap(h.next[2].mock)
	if g.u.rehearsal == nil || g.snap().Question != h.plan[2].Question || g.snap().Mode != practice.Mock {
		t.Fatal("Mock on the third row did not start a mock of its question")
	}
}

func TestHomeRemembersTheInterviewDateAndLevel(t *testing.T) {
	g := newBareRig(t)
	h := g.openHome()
	h.now = noonToday
	c := g.u.win.Canvas()
	c.Focus(h.interview)
	in := noonToday().AddDate(0, 0, 10)
	typed := localeDate(in)
	test.Type(h.interview, typed)
	g.idle()
	g.settle("the date is saved", func() bool {
		d, _ := g.db.InterviewDate(ctx)
		return sameDay(d, in)
	})
	g.openHome()
	if h.daysLeft.Text != "10 days to go." {
		t.Errorf("days left %q", h.daysLeft.Text)
	}
	c.Unfocus()
	g.choose(h.level, "Senior SDE")
	if g.u.study.level.ID != "senior" {
		t.Errorf("Study is at %s after Home chose Senior SDE", g.u.study.level.Name)
	}
	g.u.onClose()
	g.idle()

	g.start() // the app again
	h = g.openHome()
	if h.interview.Date == nil || !sameDay(*h.interview.Date, in) || h.interview.Text != typed {
		t.Errorf("the interview date shows %q", h.interview.Text)
	}
	// A stored date is shown, not checked: no tick beside it. One typed
	// is checked, with a "!" left beside a date that is not one.
	if icon := validationIcon(h.interview); icon != "" {
		t.Errorf("the stored date shows the %s icon", icon)
	}
	c = g.u.win.Canvas()
	c.Focus(h.interview)
	test.Type(h.interview, "x")
	c.Unfocus()
	if icon := validationIcon(h.interview); !strings.Contains(icon, "error") {
		t.Errorf("a date typed wrong shows the icon %q, want the error", icon)
	}
	if h.level.Selected != "Senior SDE" {
		t.Errorf("the level shows %q", h.level.Selected)
	}
	if stored, _ := g.db.Settings(ctx); stored[session.PrefLevel] != "senior" {
		t.Error("the level is not remembered")
	}
}

// validationIcon names the icon the field shows beside its text: "" for
// none (or a blank one).
func validationIcon(e fyne.Widget) string {
	name := ""
	walkAll(e, func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Visible() && img.Resource != nil && img.Resource != blankIcon &&
			!strings.Contains(img.Resource.Name(), "calendar") {
			name = img.Resource.Name()
		}
	})
	return name
}

// A date stored out of range (a restored database's 9999-12-31) shows as
// none. One typed out of range is not kept, and the reason shows under
// the field; a date in range is kept and the reason goes.
func TestHomeKeepsTheInterviewDateInRange(t *testing.T) {
	g := newRigOn(t, func(dir string) error {
		db, err := sqlite.Open(dir)
		if err != nil {
			return err
		}
		db.Close()
		sdb, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
		if err != nil {
			return err
		}
		defer sdb.Close()
		_, err = sdb.Exec(`INSERT INTO settings (key, value) VALUES ('interview_date', '9999-12-31')`)
		return err
	})
	h := g.openHome()
	if h.interview.Text != "" || !strings.HasPrefix(h.daysLeft.Text, "Set the date of your interview") {
		t.Errorf("a stored 9999-12-31 shows as %q, %q", h.interview.Text, h.daysLeft.Text)
	}

	c := g.u.win.Canvas()
	c.Focus(h.interview)
	test.Type(h.interview, localeDate(time.Date(9999, 12, 31, 0, 0, 0, 0, time.Local)))
	g.idle()
	today := time.Now()
	want := "31 December 9999 is more than 2 years ahead; an interview date can be from today, " +
		today.Format("2 January 2006") + ", to " + today.AddDate(2, 0, 0).Format("2 January 2006") + "."
	if !h.dateRefused.Visible() || h.dateRefused.Text != want || h.dateRefused.Importance != widget.DangerImportance {
		t.Errorf("the refusal shows %v %q, want %q", h.dateRefused.Visible(), h.dateRefused.Text, want)
	}
	if d, err := g.db.InterviewDate(ctx); err != nil || !d.IsZero() {
		t.Errorf("the refused date was kept: %v, %v", d, err)
	}

	in := noonToday().AddDate(0, 0, 10)
	h.interview.SetText(localeDate(in))
	g.idle()
	g.settle("the date is saved", func() bool {
		d, _ := g.db.InterviewDate(ctx)
		return sameDay(d, in)
	})
	if h.dateRefused.Visible() {
		t.Errorf("the refusal still shows: %q", h.dateRefused.Text)
	}
}

func TestHomePlansFromWhatWasRehearsed(t *testing.T) {
	g := newBareRig(t)
	qs := g.u.bank.Questions()
	now := noonToday()
	// The first question was rehearsed yesterday with every step 40 % long;
	// the second on target last week, rated 5.
	as := []practice.Attempt{
		g.addAttempt(seedSpec{q: qs[0].ID, level: "sde2", mode: practice.StepByStep, start: now.AddDate(0, 0, -1), factor: 1.4, rating: 4}),
		g.addAttempt(seedSpec{q: qs[1].ID, level: "sde2", mode: practice.StepByStep, start: now.AddDate(0, 0, -6), factor: 1, rating: 5}),
	}
	g.u.home.now = func() time.Time { return now }
	g.u.onHome()
	h := g.openHome()
	if h.welcome.Visible() {
		t.Error("the welcome still shows after two attempts")
	}
	// Never-rehearsed questions come first, then the long one.
	if h.plan[0].Question != qs[2] || !h.plan[0].Never {
		t.Errorf("first due %s, want the first never rehearsed %s", h.plan[0].Question.ID, qs[2].ID)
	}
	var long practice.Due
	for _, d := range h.plan {
		if d.Question == qs[0] {
			long = d
		}
	}
	if !strings.Contains(long.Reason, "long") {
		t.Errorf("the long answer's reason is %q", long.Reason)
	}
	// The week starts on Monday; the streak is yesterday's day alone.
	y, m, d := now.Date()
	monday := time.Date(y, m, d-(int(now.Weekday())+6)%7, 0, 0, 0, 0, now.Location())
	week, spoken := 0, time.Duration(0)
	for _, a := range as {
		if !a.StartedAt.Before(monday) {
			week, spoken = week+1, spoken+a.Spoken
		}
	}
	if want := fmt.Sprintf("1 day in a row · %s this week · %s spoken", practice.Plural(week, "attempt", "attempts"), minutesText(spoken)); h.activity.Text != want {
		t.Errorf("activity %q, want %q", h.activity.Text, want)
	}
	// Each competency of the on-target question counts it, and only it:
	// the other one ran long.
	for _, c := range qs[1].Competencies {
		tagged := 0
		for _, q := range qs {
			if slices.Contains(q.Competencies, c) {
				tagged++
			}
		}
		if got, want := readinessShown(h, c), fmt.Sprintf("1 of %d on target", tagged); got != want {
			t.Errorf("%s shows %q, want %q", c, got, want)
		}
	}
}

// readinessShown is the bar's text beside competency c.
func readinessShown(h *home, c string) string {
	objs := h.readiness.Objects
	for i := 0; i+1 < len(objs); i += 2 {
		if objs[i].(*widget.Label).Text == c {
			return objs[i+1].(*widget.ProgressBar).TextFormatter()
		}
	}
	return ""
}

// The welcome's mic check is the start screen's: it runs at once, and
// leaving records nothing.
func TestHomeMicCheck(t *testing.T) {
	g := newRig(t)
	h := g.openHome()
	g.tap(h.micCheck)
	r := g.u.rehearsal
	if r == nil || r.setup == nil || g.snap().Question != h.plan[0].Question {
		t.Fatal("the mic check did not open the first question's start screen")
	}
	g.clock.Add(session.MicCheckTime)
	g.settle("the mic check", func() bool { return strings.HasPrefix(r.setup.micResult.Text, "Sounds good") })
	g.press(fyne.KeyEscape)
	g.settle("back on Home", func() bool { return g.u.rehearsal == nil && g.u.shown(h.content) })
	if as, err := g.db.Attempts(ctx, practice.HistoryFilter{}); err != nil || len(as) != 0 {
		t.Errorf("a mic check stored %d attempts (%v)", len(as), err)
	}
}

// localeDate is d as the date field shows it in this locale (02/01/2006,
// or 01/02/2006 in the US).
func localeDate(d time.Time) string {
	e := widget.NewDateEntry()
	e.SetDate(&d)
	return e.Text
}

// Time spoken is rounded as the clock rounds, not floored: 1:52 is
// "2 min".
func TestMinutesText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0 s", 1400 * time.Millisecond: "1 s", 59*time.Second + 600*time.Millisecond: "1 min",
		112 * time.Second: "2 min", 89 * time.Second: "1 min", 90 * time.Second: "2 min", 61 * time.Minute: "61 min",
	} {
		if got := minutesText(d); got != want {
			t.Errorf("minutesText(%v) = %q, want %q", d, got, want)
		}
	}
}

// The interview date takes ISO 8601 as well as the candidate's own format,
// and its placeholder says which.
func TestInterviewDateTakesISO(t *testing.T) {
	g := newBareRig(t)
	h := g.openHome()
	if want := localDateForm() + " or YYYY-MM-DD"; h.interview.PlaceHolder != want || !strings.Contains(want, "DD") {
		t.Errorf("placeholder %q, want %q", h.interview.PlaceHolder, want)
	}
	g.u.win.Canvas().Focus(h.interview)
	in := time.Now().AddDate(0, 0, 21)
	test.Type(h.interview, in.Format("2006-01-02"))
	if err := h.interview.Validate(); err != nil {
		t.Errorf("an ISO date is refused: %v", err)
	}
	g.settle("the ISO date is saved", func() bool {
		d, _ := g.db.InterviewDate(ctx)
		return sameDay(d, in)
	})
	if h.dateRefused.Visible() {
		t.Errorf("an ISO date says %q", h.dateRefused.Text)
	}
}

// The small choices are kept in the database, never in Fyne's preferences
// file (whose saves, with an fsync, can run on the UI goroutine and froze
// the window on a busy disk); what an earlier version kept there is
// brought over once.
func TestSettingsLiveInTheDatabase(t *testing.T) {
	g := newBareRig(t)
	g.app.Preferences().SetString(session.PrefDevice, "USB microphone") // an earlier version's
	g.start()
	h := g.openHome()
	g.choose(h.level, "SDE 1")
	g.u.onClose()
	g.idle()
	stored, err := g.db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{session.PrefLevel: "sde1", session.PrefDevice: "USB microphone", prefSize: "1024x700"} {
		if stored[k] != want {
			t.Errorf("setting %s = %q, want %q", k, stored[k], want)
		}
	}
	for _, k := range []string{session.PrefLevel, prefSize, prefHints} {
		if v := g.app.Preferences().String(k); v != "" {
			t.Errorf("Fyne's preferences hold %s = %q", k, v)
		}
	}
}
