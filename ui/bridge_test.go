package ui

import (
	"context"
	"errors"
	"testing"
)

// A load superseded by a newer one of its key, or forgotten when its
// screen is left, has its context cancelled, so its query stops, and its
// result never lands; a load that is not stopped would leave Wait
// waiting, and the test timing out.
func TestLoadsAreCancelled(t *testing.T) {
	queue := make(chan func(), 16)
	b := newBridge(func(f func()) { queue <- f })
	drain := func() {
		b.loads.Wait()
		for len(queue) > 0 {
			(<-queue)()
		}
	}
	var applied []string
	apply := func(v string, err error) {
		if err == nil {
			applied = append(applied, v)
		}
	}
	blocked := func(started chan struct{}) func(context.Context) (string, error) {
		return func(ctx context.Context) (string, error) {
			close(started)
			<-ctx.Done()
			return "", ctx.Err()
		}
	}

	started := make(chan struct{})
	var cause error
	load(b, "history.page", func(ctx context.Context) (string, error) {
		v, err := blocked(started)(ctx)
		cause = err
		return v, err
	}, apply)
	<-started
	load(b, "history.page", func(context.Context) (string, error) { return "newer page", nil }, apply)
	drain()
	if !errors.Is(cause, context.Canceled) || len(applied) != 1 || applied[0] != "newer page" {
		t.Errorf("superseded: the older load ended with %v; applied %q", cause, applied)
	}

	started = make(chan struct{})
	load(b, "history.detail", blocked(started), apply)
	<-started
	b.forget("history.")
	drain()
	if len(applied) != 1 {
		t.Errorf("a forgotten load was applied: %q", applied)
	}
}
