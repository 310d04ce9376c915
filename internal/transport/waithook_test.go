package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// scriptRT answers attempt n (1-based) with statuses[n-1] (the last one
// repeats) and the Retry-After in retryAfter[n-1], if any.
type scriptRT struct {
	statuses   []int
	retryAfter []string
	n          atomic.Int32
}

func (s *scriptRT) RoundTrip(req *http.Request) (*http.Response, error) {
	n := int(s.n.Add(1))
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	h := http.Header{}
	if n <= len(s.retryAfter) && s.retryAfter[n-1] != "" {
		h.Set("Retry-After", s.retryAfter[n-1])
	}
	status := s.statuses[min(n, len(s.statuses))-1]
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(`{}`)), Request: req}, nil
}

// TestWaitHookSeesEveryWait checks that a call whose context carries a
// WaitHook sends each wait the policy chose through it (a capped
// Retry-After, then exponential backoff) and sleeps what the hook returns,
// while calls without one keep the policy's waits.
func TestWaitHookSeesEveryWait(t *testing.T) {
	t.Parallel()
	rt := &scriptRT{statuses: []int{429, 500, 503, 200}, retryAfter: []string{"3600", "", "0.001"}}
	tr := New(Config{HTTPClient: &http.Client{Transport: rt}, MaxRetries: 3, RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: time.Hour / 2})
	var mu sync.Mutex
	var waits []time.Duration
	ctx := WithWaitHook(context.Background(), func(d time.Duration) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		return -time.Second // a negative wait sleeps none
	})
	res, err := tr.Do(ctx, testRequest(http.MethodGet, true))
	if err != nil || res.StatusCode != 200 || res.Attempts != 4 {
		t.Fatalf("Do = %+v, %v; want the fourth attempt's 200", res, err)
	}
	mu.Lock()
	defer mu.Unlock()
	// Retry-After 3600 capped at 30m; backoff for the second retry within
	// [10ms, 20ms]; Retry-After 0.001 honoured as it is.
	if len(waits) != 3 || waits[0] != time.Hour/2 || waits[1] < 10*time.Millisecond || waits[1] > 20*time.Millisecond || waits[2] != time.Millisecond {
		t.Errorf("waits = %v, want [30m0s, 10ms..20ms, 1ms]", waits)
	}
	if tr.rc.Backoff == nil || tr.retryClient(context.Background()) != tr.rc {
		t.Error("a call without a hook does not use the shared client")
	}
}

// TestWaitHookWaitEndsWithContext checks that the wait the hook returns is
// still ended by the call's context.
func TestWaitHookWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	rt := &scriptRT{statuses: []int{503}}
	tr := New(Config{HTTPClient: &http.Client{Transport: rt}, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx = WithWaitHook(ctx, func(time.Duration) time.Duration {
		cancel()
		return time.Hour
	})
	done := make(chan error, 1)
	go func() {
		_, err := tr.Do(ctx, testRequest(http.MethodGet, true))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || rt.n.Load() != 1 {
			t.Errorf("err = %v after %d attempts, want context.Canceled after 1", err, rt.n.Load())
		}
	case <-time.After(time.Minute):
		t.Fatal("an hour-long wait was not ended by the cancelled context")
	}
}
