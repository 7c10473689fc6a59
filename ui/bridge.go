package ui

import (
	"context"
	"sync"
	"sync/atomic"

	"starcoach/session"
)

// bridge is the one way work leaves the UI goroutine and comes back.
//
//   - load runs a read off the UI goroutine and hands the result back
//     through do (fyne.Do), unless a newer load with the same key was
//     asked for meanwhile: opening one History row twice, or changing a
//     filter while a page loads, shows only the newest.
//   - write runs a change to the database on the one serial worker that
//     every rehearsal also runs on, so writes land in the order they were
//     made.
//   - wait, at shutdown, lets every load and write finish before the
//     database closes; results that come back after the window closed
//     are dropped.
type bridge struct {
	do     func(func()) // fyne.Do in the app; tests run a queue
	worker *session.Worker
	loads  sync.WaitGroup
	closed atomic.Bool

	mu     sync.Mutex
	newest map[string]int // load key -> the generation to keep
}

func newBridge(do func(func())) *bridge {
	return &bridge{do: do, worker: session.NewWorker(), newest: map[string]int{}}
}

// ui runs f on the UI goroutine, unless the window has closed.
func (b *bridge) ui(f func()) {
	if b.closed.Load() {
		return
	}
	b.do(func() {
		if !b.closed.Load() {
			f()
		}
	})
}

// load runs fetch off the UI goroutine and apply with its result on it,
// unless another load with the same key started meanwhile.
func load[T any](b *bridge, key string, fetch func(context.Context) (T, error), apply func(T, error)) {
	b.mu.Lock()
	b.newest[key]++
	gen := b.newest[key]
	b.mu.Unlock()
	b.loads.Add(1)
	go func() {
		defer b.loads.Done()
		v, err := fetch(context.Background())
		b.ui(func() {
			b.mu.Lock()
			current := b.newest[key] == gen
			b.mu.Unlock()
			if current {
				apply(v, err)
			}
		})
	}()
}

// forget drops the loads under key still running: their results will not
// be applied.
func (b *bridge) forget(key string) {
	b.mu.Lock()
	b.newest[key]++
	b.mu.Unlock()
}

// write runs save on the database's serial worker, then done with its
// error on the UI goroutine (done may be nil).
func (b *bridge) write(save func(context.Context) error, done func(error)) {
	b.worker.Go(func() {
		err := save(context.Background())
		if done != nil {
			b.ui(func() { done(err) })
		}
	})
}

// wait stops results from reaching the UI and waits for every load and
// write under way: call it after the window closed, before the database
// does.
func (b *bridge) wait() {
	b.closed.Store(true)
	b.loads.Wait()
	b.worker.Wait()
}
