// Package sessiontest holds what tests of a session and of the screens
// over it share: a clock the test moves by hand.
package sessiontest

import (
	"sync"
	"time"
)

// Clock is a session.Clock the test moves: Add moves it on, and calls
// what runs every so often as many times as the time passed holds, on the
// test's goroutine, so nothing waits on real time.
type Clock struct {
	mu      sync.Mutex
	now     time.Time
	tickers map[int]*ticker
	next    int
}

type ticker struct {
	every time.Duration
	due   time.Time
	f     func()
}

// NewClock is a clock at now.
func NewClock(now time.Time) *Clock { return &Clock{now: now, tickers: map[int]*ticker{}} }

// Now is the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

// Every calls f every d of the clock's time, from Add.
func (c *Clock) Every(d time.Duration, f func()) func() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next++
	id := c.next
	c.tickers[id] = &ticker{every: d, due: c.now.Add(d), f: f}
	return func() { c.mu.Lock(); delete(c.tickers, id); c.mu.Unlock() }
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []func()
	for _, t := range c.tickers {
		for !t.due.After(c.now) {
			due = append(due, t.f)
			t.due = t.due.Add(t.every)
		}
	}
	c.mu.Unlock()
	for _, f := range due {
		f()
	}
}
