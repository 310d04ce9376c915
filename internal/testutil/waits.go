package testutil

import (
	"context"
	"sync"
	"time"

	"github.com/billingkit/chargebee-go/internal/transport"
)

// WaitLog records the waits between attempts chosen for the calls made with
// its context. By default it skips them, so a test checks the exact waits
// without sleeping through them; with Sleep set the call sleeps them as
// usual. Each wait is also sent to Began, if set, when it starts.
type WaitLog struct {
	Sleep bool
	Began chan time.Duration

	mu    sync.Mutex
	waits []time.Duration
}

// Context returns parent with the log's hook.
func (w *WaitLog) Context(parent context.Context) context.Context {
	return transport.WithWaitHook(parent, func(d time.Duration) time.Duration {
		w.mu.Lock()
		w.waits = append(w.waits, d)
		w.mu.Unlock()
		if w.Began != nil {
			w.Began <- d
		}
		if w.Sleep {
			return d
		}
		return 0
	})
}

// All returns the waits recorded so far.
func (w *WaitLog) All() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.waits...)
}
