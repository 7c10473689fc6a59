package session

import (
	"sync"
	"time"
)

// Worker runs jobs one at a time, in the order they were given, on a
// goroutine of its own. A rehearsal is driven from one Worker, and the
// app gives every database write to the same one, so writes land in the
// order they were made and never interleave. Go never blocks, so a
// recorder's level callback may post to it.
//
// Slow work (opening a microphone, analysing a recording, saving what it
// measured) runs Off the queue, so that commands which need not wait for
// it (Leave while a take is analysed) do not. This file and the bridge
// the UI has are the only places a goroutine starts.
type Worker struct {
	mu      sync.Mutex
	idle    *sync.Cond
	queue   []func()
	running bool
	off     int // Off tasks under way
}

// NewWorker returns an idle worker; its goroutine starts with the first
// job and ends when the queue is empty.
func NewWorker() *Worker {
	w := &Worker{}
	w.idle = sync.NewCond(&w.mu)
	return w
}

// Go queues job.
func (w *Worker) Go(job func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.queueLocked(job)
}

func (w *Worker) queueLocked(job func()) {
	w.queue = append(w.queue, job)
	if !w.running {
		w.running = true
		go w.run()
	}
}

// Off runs task on a goroutine of its own, then done (if not nil) on the
// queue. task must not touch what the queue's jobs own: it hands its
// results to done.
func (w *Worker) Off(task, done func()) {
	w.mu.Lock()
	w.off++
	w.mu.Unlock()
	go func() {
		task()
		w.mu.Lock()
		defer w.mu.Unlock()
		if done != nil {
			w.queueLocked(done) // before the count drops: Wait sees one or the other
		}
		w.off--
		w.idle.Broadcast()
	}()
}

func (w *Worker) run() {
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			w.running = false
			w.idle.Broadcast()
			w.mu.Unlock()
			return
		}
		job := w.queue[0]
		w.queue[0] = nil
		w.queue = w.queue[1:]
		w.mu.Unlock()
		job()
	}
}

// Wait blocks until the queue is empty, no job runs and no Off task is
// under way, including work queued meanwhile: the app calls it before the
// database closes, tests to let a session settle.
func (w *Worker) Wait() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.running || w.off > 0 {
		w.idle.Wait()
	}
}

// Clock is the time a session and its player go by. The app passes
// SystemClock; tests pass one they move by hand, so nothing waits on real
// time.
type Clock interface {
	Now() time.Time
	// Every calls f every d until stop is called. f runs on a goroutine
	// of the clock's and must return at once (post to a Worker).
	Every(d time.Duration, f func()) (stop func())
}

// SystemClock is the computer's clock.
type SystemClock struct{}

// Now is time.Now.
func (SystemClock) Now() time.Time { return time.Now() }

// Every calls f every d on a timer.
func (SystemClock) Every(d time.Duration, f func()) func() {
	var mu sync.Mutex
	stopped := false
	var t *time.Timer
	mu.Lock()
	t = time.AfterFunc(d, func() {
		f()
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			t.Reset(d)
		}
	})
	mu.Unlock()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		t.Stop()
	}
}
