package ui

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"starcoach/session"
)

// bridge is the one way work leaves the UI goroutine and comes back.
//
//   - load runs a read off the UI goroutine and hands the result back
//     through do (fyne.Do), unless a newer load with the same key was
//     asked for meanwhile: opening one History row twice, or changing a
//     filter while a page loads, shows only the newest. The older load's
//     context is cancelled, so its query stops; forget cancels a key's
//     load when its screen is left.
//   - write runs a change to the database on the one serial worker that
//     every rehearsal also runs on, so writes land in the order they were
//     made.
//   - Go and Off make it a session.Runner for a Player on the UI
//     goroutine: Off runs slow work (opening the speaker) off it.
//   - wait, at shutdown, lets every load and write finish before the
//     database closes; results that come back after the window closed
//     are dropped.
//
// This file and the session's Worker are the only places a goroutine
// starts.
type bridge struct {
	do     func(func()) // fyne.Do in the app; tests run a queue
	worker *session.Worker
	loads  sync.WaitGroup
	closed atomic.Bool

	mu      sync.Mutex
	newest  map[string]int                // load key -> the generation to keep
	cancels map[string]context.CancelFunc // load key -> the newest load's
}

var _ session.Runner = (*bridge)(nil)

func newBridge(do func(func())) *bridge {
	return &bridge{do: do, worker: session.NewWorker(), newest: map[string]int{}, cancels: map[string]context.CancelFunc{}}
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

// Go runs job on the UI goroutine (session.Runner).
func (b *bridge) Go(job func()) { b.ui(job) }

// Off runs task off the UI goroutine, then done (if not nil) on it
// (session.Runner).
func (b *bridge) Off(task, done func()) {
	b.loads.Add(1)
	go func() {
		defer b.loads.Done()
		task()
		if done != nil {
			b.ui(done)
		}
	}()
}

// load runs fetch off the UI goroutine and apply with its result on it,
// unless another load with the same key started meanwhile, which cancels
// this one's context.
func load[T any](b *bridge, key string, fetch func(context.Context) (T, error), apply func(T, error)) {
	ctx, cancel := context.WithCancel(context.Background())
	b.mu.Lock()
	b.newest[key]++
	gen := b.newest[key]
	if older := b.cancels[key]; older != nil {
		older()
	}
	b.cancels[key] = cancel
	b.mu.Unlock()
	b.loads.Add(1)
	go func() {
		defer b.loads.Done()
		defer cancel()
		v, err := fetch(ctx)
		b.ui(func() {
			b.mu.Lock()
			current := b.newest[key] == gen
			if current {
				delete(b.cancels, key)
			}
			b.mu.Unlock()
			if current {
				apply(v, err)
			}
		})
	}()
}

// forget drops the loads still running under each key that starts with
// prefix (a whole key, or a screen's "history."): their contexts are
// cancelled and their results will not be applied.
func (b *bridge) forget(prefix string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for key := range b.newest {
		if strings.HasPrefix(key, prefix) {
			b.newest[key]++
			if cancel := b.cancels[key]; cancel != nil {
				cancel()
				delete(b.cancels, key)
			}
		}
	}
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

// wait stops results from reaching the UI, cancels the loads under way
// and waits for every load and write: call it after the window closed,
// before the database does.
func (b *bridge) wait() {
	b.closed.Store(true)
	b.mu.Lock()
	for key, cancel := range b.cancels {
		cancel()
		delete(b.cancels, key)
	}
	b.mu.Unlock()
	b.loads.Wait()
	b.worker.Wait()
}
