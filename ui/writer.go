package ui

import (
	"context"
	"sync"
)

// writer saves the candidate's edits (ratings, checks, notes, story) in
// the background, one at a time in the order they were made, so a later
// edit never lands before an earlier one. Wait lets the app finish them
// before the database closes.
type writer struct {
	jobs    chan writeJob
	pending sync.WaitGroup
}

type writeJob struct {
	doing string
	save  func(context.Context) error
}

func newWriter(u *UI) *writer {
	w := &writer{jobs: make(chan writeJob, 256)}
	go func() {
		for j := range w.jobs {
			if err := j.save(context.Background()); err != nil {
				u.do(func() { u.showError(j.doing, err) })
			}
			w.pending.Done()
		}
	}()
	return w
}

// save queues a write; doing names it in an error message ("save your
// rating").
func (u *UI) save(doing string, f func(context.Context) error) {
	u.writer.pending.Add(1)
	u.writer.jobs <- writeJob{doing, f}
}

// Wait blocks until every queued write is done: call it after the window
// closes and before the database does.
func (u *UI) Wait() { u.writer.pending.Wait() }
