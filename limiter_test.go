package chargebee_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
)

// countingLimiter counts its waits and fails them with err when set.
type countingLimiter struct {
	waits atomic.Int64
	err   error
}

func (l *countingLimiter) Wait(ctx context.Context) error {
	l.waits.Add(1)
	if l.err != nil {
		return l.err
	}
	return ctx.Err()
}

// blockingLimiter never grants a turn: Wait returns when ctx ends.
type blockingLimiter struct{ entered chan struct{} }

func (l *blockingLimiter) Wait(ctx context.Context) error {
	l.entered <- struct{}{}
	<-ctx.Done()
	return ctx.Err()
}

func TestLimiterWaitsOnEveryAttempt(t *testing.T) {
	t.Parallel()
	fail := reply{status: 503, body: `{"message":"down","api_error_code":"site_not_ready"}`}
	ok := reply{status: 200, body: customerJSON}
	tests := []struct {
		name         string
		method       string
		replies      []reply
		wantAttempts int
	}{
		{"GET succeeding at once", http.MethodGet, []reply{ok}, 1},
		{"GET retried twice", http.MethodGet, []reply{fail, fail, ok}, 3},
		{"POST retried with its generated key", http.MethodPost, []reply{fail, ok}, 2},
		{"GET giving up after every retry", http.MethodGet, []reply{fail}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := &countingLimiter{}
			cb, mt, _ := newMockClient(t, tc.replies, chargebee.WithRateLimiter(l), chargebee.WithMaxRetries(3))
			var resp chargebee.Response
			_ = cb.Do(context.Background(), tc.method, "/customers", createParams(), nil, chargebee.WithResponse(&resp))
			if got := mt.GetTotalCallCount(); got != tc.wantAttempts {
				t.Fatalf("server saw %d attempts, want %d", got, tc.wantAttempts)
			}
			if got := l.waits.Load(); got != int64(tc.wantAttempts) {
				t.Errorf("limiter waited %d times for %d attempts", got, tc.wantAttempts)
			}
			if resp.Attempts != tc.wantAttempts {
				t.Errorf("Response.Attempts = %d, want %d", resp.Attempts, tc.wantAttempts)
			}
		})
	}
}

// A limiter's own error fails the call without sending it and without a
// retry, and reaches the caller for errors.Is and errors.As.
func TestLimiterErrorFailsTheCall(t *testing.T) {
	t.Parallel()
	errStore := errors.New("budget store unreachable")
	l := &countingLimiter{err: errStore}
	cb, mt, _ := newMockClient(t, []reply{{status: 200, body: customerJSON}}, chargebee.WithRateLimiter(l), chargebee.WithMaxRetries(3))
	resp := chargebee.Response{Attempts: -1}
	err := cb.Do(context.Background(), http.MethodGet, "/customers", nil, nil, chargebee.WithResponse(&resp))
	if !errors.Is(err, errStore) {
		t.Fatalf("err = %v, want the limiter's error", err)
	}
	// Nothing was sent: no attempt is counted.
	var ce *chargebee.ConnectionError
	if !errors.As(err, &ce) || ce.Attempts != 0 || resp.Attempts != 0 || ce.Path != "/api/v2/customers" {
		t.Errorf("err = %#v, Response.Attempts = %d; want a ConnectionError of /api/v2/customers and no attempt", err, resp.Attempts)
	}
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Errorf("server saw %d requests, want none", n)
	}
	if n := l.waits.Load(); n != 1 {
		t.Errorf("limiter asked %d times, want once (no retry)", n)
	}
}

// Cancelling the context ends a wait on the limiter at once.
func TestLimiterWaitEndsWithTheContext(t *testing.T) {
	t.Parallel()
	l := &blockingLimiter{entered: make(chan struct{}, 1)}
	cb, mt, _ := newMockClient(t, []reply{{status: 200, body: customerJSON}}, chargebee.WithRateLimiter(l))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cb.Do(ctx, http.MethodGet, "/customers", nil, nil) }()
	<-l.entered
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the call still waits 10s after its context was cancelled")
	}
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Errorf("server saw %d requests, want none", n)
	}
}

// WithRateLimit's wait ends with the context too, however low the rate.
func TestRateLimitWaitEndsWithTheContext(t *testing.T) {
	t.Parallel()
	for _, rps := range []float64{0.0001, 1e-12} {
		cb, mt, _ := newMockClient(t, []reply{{status: 200, body: customerJSON}}, chargebee.WithRateLimit(rps, 1))
		if err := cb.Do(context.Background(), http.MethodGet, "/customers", nil, nil); err != nil {
			t.Fatal(err)
		}
		// Cancelled while waiting for the second turn.
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- cb.Do(ctx, http.MethodGet, "/customers", nil, nil) }()
		time.Sleep(20 * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("rps %g: err = %v, want context.Canceled", rps, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("rps %g: still waiting 10s after the cancel", rps)
		}
		// A deadline shorter than the wait fails at once.
		ctx, cancel = context.WithTimeout(context.Background(), time.Hour)
		err := cb.Do(ctx, http.MethodGet, "/customers", nil, nil)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("rps %g: err = %v, want context.DeadlineExceeded", rps, err)
		}
		if n := mt.GetTotalCallCount(); n != 1 {
			t.Errorf("rps %g: server saw %d requests, want 1", rps, n)
		}
	}
}

// Of WithRateLimit and WithRateLimiter the last one given wins.
func TestRateLimitOptionsLastWins(t *testing.T) {
	t.Parallel()
	ok := []reply{{status: 200, body: customerJSON}}

	l := &countingLimiter{}
	cb, _, _ := newMockClient(t, ok, chargebee.WithRateLimit(0.001, 1), chargebee.WithRateLimiter(l))
	for i := 0; i < 3; i++ {
		if err := cb.Do(context.Background(), http.MethodGet, "/customers", nil, nil); err != nil {
			t.Fatalf("call %d: %v (the 0.001/s limit was not replaced)", i, err)
		}
	}
	if n := l.waits.Load(); n != 3 {
		t.Errorf("WithRateLimiter's limiter waited %d times, want 3", n)
	}

	l = &countingLimiter{}
	cb, _, _ = newMockClient(t, ok, chargebee.WithRateLimiter(l), chargebee.WithRateLimit(1000, 1))
	if err := cb.Do(context.Background(), http.MethodGet, "/customers", nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := l.waits.Load(); n != 0 {
		t.Errorf("replaced limiter waited %d times, want 0", n)
	}

	cb, mt, _ := newMockClient(t, ok, chargebee.WithRateLimit(0.001, 1), chargebee.WithRateLimiter(nil))
	for i := 0; i < 3; i++ {
		if err := cb.Do(context.Background(), http.MethodGet, "/customers", nil, nil); err != nil {
			t.Fatalf("call %d with the limit removed: %v", i, err)
		}
	}
	if n := mt.GetTotalCallCount(); n != 3 {
		t.Errorf("calls = %d", n)
	}
}

// sleepyLimiter grants each turn after a fixed wait.
type sleepyLimiter struct{ d time.Duration }

func (l sleepyLimiter) Wait(ctx context.Context) error {
	select {
	case <-time.After(l.d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The per-attempt timeout starts once the limiter lets the attempt go: a
// long wait for the budget does not use it up. The limiter's wait is five
// times the timeout; the timeout is ample for the in-memory answer, even on
// a loaded machine.
func TestTimeoutStartsAfterTheLimiter(t *testing.T) {
	t.Parallel()
	cb, mt, _ := newMockClient(t, []reply{{status: 200, body: customerJSON}},
		chargebee.WithRateLimiter(sleepyLimiter{d: time.Second}), chargebee.WithTimeout(200*time.Millisecond))
	if err := cb.Do(context.Background(), http.MethodGet, "/customers", nil, nil); err != nil {
		t.Fatalf("err = %v, want success after the limiter's wait", err)
	}
	if n := mt.GetTotalCallCount(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}
