package chargebee_test

import (
	"context"
	"sync"
	"time"

	"github.com/billingkit/chargebee-go/internal/transport"
)

// waitLog records the waits between attempts chosen for the calls made with
// its context. By default it skips them, so a test checks the exact waits
// without sleeping through them; with sleep set the call sleeps them as
// usual. Each wait is also sent to began, if set, when it starts.
type waitLog struct {
	sleep bool
	began chan time.Duration

	mu    sync.Mutex
	waits []time.Duration
}

// context returns parent with the log's hook.
func (w *waitLog) context(parent context.Context) context.Context {
	return transport.WithWaitHook(parent, func(d time.Duration) time.Duration {
		w.mu.Lock()
		w.waits = append(w.waits, d)
		w.mu.Unlock()
		if w.began != nil {
			w.began <- d
		}
		if w.sleep {
			return d
		}
		return 0
	})
}

// all returns the waits recorded so far.
func (w *waitLog) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.waits...)
}
