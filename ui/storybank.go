package ui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// storyBank is "My stories": each real story written once, with a cue-card
// line per STAR step and the competencies it shows, linked to the
// questions it answers. Every change is saved as the candidate leaves a
// field, and the screen then shows what the store holds.
type storyBank struct {
	u *UI

	coverage *widget.Label
	pick     *keySelect // which story the editor shows
	add      *widget.Button
	del      *widget.Button

	title    *keyEntry
	lines    map[practice.StepID]*keyEntry
	comps    map[string]*keyCheck
	linked   *fyne.Container // a row per linked question
	question *keySelect      // a question to link
	angles   *widget.Label   // how to tilt the story to the picked question
	link     *widget.Button

	editor  *fyne.Container
	empty   *widget.Label
	scroll  *cuedScroll // the editor, saying when more lies below
	content fyne.CanvasObject

	stories   []practice.Story // as loaded, by title
	picks     map[string]int64 // the story picker's options: a title made unique, and its story
	current   int64            // the story in the editor; 0: none
	questions map[string]*practice.Question
	rendering bool // filling the fields, not the candidate editing them
}

func newStoryBank(u *UI) *storyBank {
	b := &storyBank{u: u, lines: map[practice.StepID]*keyEntry{}, comps: map[string]*keyCheck{}}
	b.coverage = para("")
	b.pick = newKeySelect(nil, b.onPick)
	b.pick.PlaceHolder = "(no stories yet)"
	b.add = widget.NewButtonWithIcon("New story", theme.ContentAddIcon(), b.onNew)
	b.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), b.onDelete)

	b.title = newKeyEntry(false)
	b.title.onLeave = func(string) { b.save() }
	form := container.New(layout.NewFormLayout(), widget.NewLabel("Title"), b.title)
	for _, s := range practice.Steps {
		e := newKeyEntry(false)
		e.SetPlaceHolder(s.Prompt())
		e.onLeave = func(string) { b.save() }
		b.lines[s] = e
		form.Add(widget.NewLabel(s.Name()))
		form.Add(e)
	}
	// One column: two of the longest names side by side would not fit an
	// 800-pixel window.
	checks := container.NewVBox()
	for _, c := range u.bank.Competencies() {
		k := newKeyCheck(c, func(bool) { b.save() })
		b.comps[c] = k
		checks.Add(k)
	}

	names, byName := questionChoices(u.bank)
	b.questions = byName
	b.question = newKeySelect(names, b.onQuestion)
	b.question.PlaceHolder = "Pick a question to link"
	b.angles = para("")
	b.link = widget.NewButtonWithIcon("Link", theme.ContentAddIcon(), b.onLink)
	b.link.Disable()
	b.linked = container.NewVBox()

	b.editor = container.NewVBox(
		form,
		heading("Competencies it shows"), checks,
		heading("Questions it answers"), b.linked,
		container.NewBorder(nil, nil, nil, b.link, b.question),
		b.angles,
	)
	b.empty = para("Write each real story once, then link it to every question it answers: their cue cards show its lines.")
	b.scroll = newCuedScroll(container.NewVBox(b.empty, b.editor))
	b.content = container.NewBorder(
		container.NewVBox(heading("My stories"), b.coverage,
			container.NewBorder(nil, nil, widget.NewLabel("Story"), container.NewHBox(b.add, b.del), b.pick)),
		nil, nil, nil,
		b.scroll.content)
	return b
}

// reload reads the stories and shows them, keeping the one in the editor.
// It reads after the saves under way: a read racing them would put back
// what was typed before.
func (b *storyBank) reload() {
	b.u.bridge.write(func(context.Context) error { return nil }, func(error) {
		load(b.u.bridge, "stories", func(ctx context.Context) ([]practice.Story, error) { return b.u.store.Stories(ctx) },
			func(ss []practice.Story, err error) {
				if err != nil {
					b.u.showError("load your stories", err)
					return
				}
				b.stories = ss
				b.render()
			})
	})
}

func (b *storyBank) render() {
	b.rendering = true
	defer func() { b.rendering = false }()
	b.coverage.SetText(coverageText(practice.StoryCoverage(b.u.bank.Competencies(), b.stories)))
	// Two stories may share a title ("New story" twice): the picker tells
	// them apart by number.
	b.picks = map[string]int64{}
	names := make([]string, len(b.stories))
	for i, s := range b.stories {
		names[i] = s.Title
		for n := 2; b.picks[names[i]] != 0; n++ {
			names[i] = fmt.Sprintf("%s (%d)", s.Title, n)
		}
		b.picks[names[i]] = s.ID
	}
	b.pick.Options = names
	s, ok := b.story()
	if !ok && len(b.stories) > 0 {
		s, ok = b.stories[0], true
		b.current = s.ID
	}
	setVisible(b.editor, ok)
	setVisible(b.empty, !ok)
	if ok {
		b.del.Enable()
	} else {
		b.del.Disable()
		b.current = 0
		b.pick.Selected = ""
		b.pick.Refresh()
		return
	}
	b.pick.Selected = names[slices.IndexFunc(b.stories, func(o practice.Story) bool { return o.ID == s.ID })]
	b.pick.Refresh()
	b.title.setText(s.Title)
	for step, e := range b.lines {
		e.setText(s.Lines[step])
	}
	for c, k := range b.comps {
		k.SetChecked(slices.Contains(s.Competencies, c))
	}
	b.linked.Objects = nil
	for _, id := range s.Questions {
		b.linked.Add(b.linkedRow(id))
	}
	if len(s.Questions) == 0 {
		b.linked.Add(para("None yet: pick one below."))
	}
	b.linked.Refresh()
	b.onQuestion(b.question.Selected)
}

// story is the story in the editor as loaded.
func (b *storyBank) story() (practice.Story, bool) {
	for _, s := range b.stories {
		if s.ID == b.current {
			return s, true
		}
	}
	return practice.Story{}, false
}

func (b *storyBank) linkedRow(questionID string) fyne.CanvasObject {
	title := questionID
	if q := b.u.bank.Question(questionID); q != nil {
		title = q.Title
	}
	unlink := widget.NewButtonWithIcon("Unlink", theme.ContentRemoveIcon(), func() { b.setLink(questionID, 0) })
	unlink.Importance = widget.LowImportance
	l := widget.NewLabel(title)
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, unlink, l)
}

func (b *storyBank) onPick(name string) {
	if b.rendering {
		return
	}
	b.save() // what was typed in the story being left
	b.current = b.picks[name]
	b.render()
}

// onNew starts a story and puts the cursor in its title.
func (b *storyBank) onNew() {
	s := &practice.Story{Title: "New story", Lines: map[practice.StepID]string{}}
	b.u.bridge.write(func(ctx context.Context) error { return b.u.store.SaveStory(ctx, s) }, func(err error) {
		if err != nil {
			b.u.showError("start a story", err)
			return
		}
		b.current = s.ID
		b.stories = append(b.stories, *s)
		b.render()
		if c := canvasOf(b.title); c != nil {
			c.Focus(b.title)
			b.title.TypedShortcut(&fyne.ShortcutSelectAll{})
		}
		b.reload()
	})
}

// edited is the story in the editor with what the fields now hold.
func (b *storyBank) edited() (practice.Story, bool) {
	s, ok := b.story()
	if !ok {
		return s, false
	}
	e := practice.Story{ID: s.ID, Title: strings.TrimSpace(b.title.Text), Lines: map[practice.StepID]string{}}
	for step, f := range b.lines {
		if t := strings.TrimSpace(f.Text); t != "" {
			e.Lines[step] = t
		}
	}
	// A competency the bank no longer has (its pack was imported again
	// without it) has no box: it is kept.
	for _, c := range s.Competencies {
		if _, shown := b.comps[c]; !shown {
			e.Competencies = append(e.Competencies, c)
		}
	}
	for c, box := range b.comps {
		if box.Checked {
			e.Competencies = append(e.Competencies, c)
		}
	}
	slices.Sort(e.Competencies)
	changed := e.Title != s.Title || !maps.Equal(e.Lines, s.Lines) || !slices.Equal(e.Competencies, s.Competencies)
	return e, changed
}

// save stores the editor's story if the candidate changed it.
func (b *storyBank) save() {
	if b.rendering {
		return
	}
	s, changed := b.edited()
	if !changed {
		return
	}
	b.u.bridge.write(func(ctx context.Context) error { return b.u.store.SaveStory(ctx, &s) }, func(err error) {
		if err != nil {
			b.u.showError("save your story", err)
		}
		b.reload() // a refused change shows what is kept
	})
}

func (b *storyBank) onDelete() {
	s, ok := b.story()
	if !ok {
		return
	}
	msg := fmt.Sprintf("Delete the story %s?", quote(s.Title))
	if n := len(s.Questions); n > 0 {
		msg += fmt.Sprintf(" Its %s will show only their own lines.", practice.Plural(n, "linked question", "linked questions"))
	}
	b.u.confirm("Delete story", msg, "Delete", func() {
		b.u.bridge.write(func(ctx context.Context) error { return b.u.store.DeleteStory(ctx, s.ID) }, func(err error) {
			if err != nil {
				b.u.showError("delete the story", err)
			}
			b.current = 0
			b.reload()
		})
	})
}

// onQuestion shows how to tilt the story for the picked question: its
// angles for the competencies the story shows come first.
func (b *storyBank) onQuestion(name string) {
	q, ok := b.questions[name]
	s, _ := b.story()
	if !ok || slices.Contains(s.Questions, q.ID) {
		b.link.Disable()
		b.angles.SetText("")
		return
	}
	b.link.Enable()
	b.angles.SetText(anglesText(q, s.Competencies, b.linkedTo(q.ID)))
}

// linkedTo is the title of the story q is linked to, if any.
func (b *storyBank) linkedTo(questionID string) string {
	for _, s := range b.stories {
		if slices.Contains(s.Questions, questionID) {
			return s.Title
		}
	}
	return ""
}

func (b *storyBank) onLink() {
	if q, ok := b.questions[b.question.Selected]; ok {
		b.setLink(q.ID, b.current)
	}
}

// setLink links a question to a story, or unlinks it with 0.
func (b *storyBank) setLink(questionID string, storyID int64) {
	b.save()
	b.u.bridge.write(func(ctx context.Context) error { return b.u.store.LinkStory(ctx, questionID, storyID) }, func(err error) {
		if err != nil {
			b.u.showError("link the story", err)
		}
		b.reload()
	})
}

// anglesText is a question's competency angles, those the story shows
// first, and a warning when linking moves it from another story.
func anglesText(q *practice.Question, shows []string, linkedTo string) string {
	angles := slices.Clone(q.Angles)
	slices.SortStableFunc(angles, func(a, b practice.Angle) int {
		ia, ib := slices.Contains(shows, a.Competency), slices.Contains(shows, b.Competency)
		switch {
		case ia && !ib:
			return -1
		case ib && !ia:
			return 1
		}
		return 0
	})
	var parts []string
	if linkedTo != "" {
		parts = append(parts, fmt.Sprintf("Now linked to %s; linking moves it here.", quote(linkedTo)))
	}
	for _, a := range angles {
		parts = append(parts, fmt.Sprintf("For %s: %s\nEmphasise: %s\nDownplay: %s", a.Competency, a.LeadWith, a.Emphasize, a.Downplay))
	}
	return strings.Join(parts, "\n")
}

func coverageText(c practice.Coverage) string {
	var parts []string
	parts = append(parts, uncoveredText(c.Uncovered))
	for _, s := range c.Overused {
		parts = append(parts, fmt.Sprintf("%s answers %s: more than %d, and an interview panel may hear it twice.",
			quote(s.Title), practice.Plural(len(s.Questions), "question", "questions"), practice.MaxStoryLinks))
	}
	return strings.Join(parts, "\n")
}
