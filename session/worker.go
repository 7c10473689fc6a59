package session

import "sync"

// Worker runs jobs one at a time, in the order they were given, on a
// goroutine of its own. A rehearsal is driven from one Worker, and the
// app gives every database write to the same one, so writes land in the
// order they were made and never interleave. Go never blocks, so a
// recorder's level callback may post to it.
type Worker struct {
	mu      sync.Mutex
	idle    *sync.Cond
	queue   []func()
	running bool
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
	w.queue = append(w.queue, job)
	if !w.running {
		w.running = true
		go w.run()
	}
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

// Wait blocks until the queue is empty and no job runs, including jobs
// queued meanwhile: the app calls it before the database closes.
func (w *Worker) Wait() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.running {
		w.idle.Wait()
	}
}
