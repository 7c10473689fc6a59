package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// History keeps each loop as a group: its answers are attempts in the
// list like any other, marked "Loop", and the Loops screen lists the
// loops themselves, newest first; one opens on its results page.

// openLoops shows the loops, newest first.
func (h *historyScreen) openLoops() {
	load(h.u.bridge, "history.loops", func(ctx context.Context) ([]practice.Loop, error) {
		return h.u.store.Loops(ctx)
	}, func(ls []practice.Loop, err error) {
		if err != nil {
			h.u.showError("list your loops", err)
			return
		}
		h.loops = ls
		list := newKeyList(func() int { return len(h.loops) },
			func() fyne.CanvasObject {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				return l
			},
			func(i widget.ListItemID, o fyne.CanvasObject) {
				l := h.loops[i]
				var comps []string
				for _, p := range l.Picks {
					if p.Competency != "" {
						comps = append(comps, p.Competency)
					}
				}
				o.(*widget.Label).SetText(loopLabel(l) + " · " + strings.Join(comps, ", "))
			})
		list.OnSelected = func(i widget.ListItemID) {
			list.Unselect(i)
			h.openLoop(h.loops[i].ID)
		}
		back := widget.NewButtonWithIcon("Back  (Esc)", theme.NavigateBackIcon(), h.back)
		intro := para(fmt.Sprintf("%s: each groups the answers of one round; each answer is also an attempt in History.",
			practice.Plural(len(ls), "loop", "loops")))
		if len(ls) == 0 {
			intro.SetText("No loop yet: start one from Home with Interview loop (" + shortcutLabel(fyne.KeyL) + ").")
		}
		h.loopList = list
		h.push(container.NewBorder(container.NewVBox(container.NewHBox(back, heading("Interview loops")), intro), nil, nil, nil, list))
	})
}

// openLoop shows a loop's results page on top of what shows.
func (h *historyScreen) openLoop(id int64) {
	load(h.u.bridge, "history.loop", func(ctx context.Context) (practice.LoopResult, error) {
		return h.u.store.LoopResult(ctx, id)
	}, func(r practice.LoopResult, err error) {
		if err != nil {
			h.u.showError("open the loop", err)
			return
		}
		h.stopPlayback()
		v := newLoopResults(h.u, r, h.back)
		v.done.SetText("Back  (Esc)")
		v.done.SetIcon(theme.NavigateBackIcon())
		h.push(v.content)
	})
}
