package reliability_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// TestRetriesExhaustedOnEveryAction covers scenario 3 for every action of
// every package. The fake answers all three attempts of the call with
// retryable errors: 429 (Retry-After: 1), 500, then 503 (Retry-After: 3).
// The waits between them are recorded rather than slept.
// What must hold:
//   - the caller gets a *chargebee.Error describing the last response:
//     status 503, Chargebee's message, type and api_error_code as the fake
//     sent them, its headers, Attempts 3 and RetryAfter 3s;
//   - WithResponse reports the same status and attempts;
//   - the waits were capped at the client's maximum of 20ms: the
//     Retry-After of 1s became 20ms, and the backoff after the 500 stayed
//     within it;
//   - no result is returned with the error;
//   - nothing more is sent after the last attempt;
//   - every response body the transport handed out was closed, on this
//     failure and on the success that follows.
func TestRetriesExhaustedOnEveryAction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	last := chargebeetest.StatusError(http.StatusServiceUnavailable)
	for _, a := range allActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			a.setup(t, f)
			f.srv.ClearRequests()
			f.srv.FailNext(1, http.StatusTooManyRequests, "1")
			f.srv.FailNext(1, http.StatusInternalServerError, "")
			f.srv.FailNext(1, http.StatusServiceUnavailable, "3")

			counter := newBodyCounter(t)
			cb := f.client(a, chargebee.WithHTTPClient(&http.Client{Transport: counter}),
				chargebee.WithMaxRetries(2), chargebee.WithRetryWait(time.Millisecond, 20*time.Millisecond))
			var resp chargebee.Response
			opts := []chargebee.RequestOption{chargebee.WithResponse(&resp)}
			if a.v1 && a.post() {
				opts = append(opts, chargebee.WithIdempotencyKey("exhausted-1"))
			}
			waits := &testutil.WaitLog{}
			res, err := a.run(waits.Context(ctx), cb, opts...)
			if got := waits.All(); len(got) != 2 || got[0] != 20*time.Millisecond || got[1] < 0 || got[1] > 20*time.Millisecond {
				t.Errorf("waits %v, want the Retry-After capped at 20ms, then a backoff of at most 20ms", got)
			}
			var ce *chargebee.Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v (%T), want *chargebee.Error", err, err)
			}
			if ce.HTTPStatusCode != 503 || ce.Attempts != 3 || ce.RetryAfter != 3*time.Second {
				t.Errorf("status %d, attempts %d, RetryAfter %v; want 503, 3, 3s", ce.HTTPStatusCode, ce.Attempts, ce.RetryAfter)
			}
			if ce.Message != last.Message || ce.Type != last.Type || ce.APIErrorCode != last.APIErrorCode || ce.Message == "" {
				t.Errorf("error fields %q %q %q, want Chargebee's %q %q %q", ce.Message, ce.Type, ce.APIErrorCode, last.Message, last.Type, last.APIErrorCode)
			}
			if ce.Header.Get("Retry-After") != "3" || !strings.HasPrefix(ce.Header.Get("Content-Type"), "application/json") {
				t.Errorf("headers of the last response lost: %v", ce.Header)
			}
			if !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "after 3 attempts") {
				t.Errorf("err.Error() = %q, want the status and the attempts", err)
			}
			if resp.StatusCode != 503 || resp.Attempts != 3 {
				t.Errorf("WithResponse: %+v", resp)
			}
			if !isNil(res) {
				t.Errorf("result %+v returned with the error", res)
			}
			if n := len(f.srv.Requests()); n != 3 {
				t.Errorf("fake saw %d requests, want 3", n)
			}
			if counter.opened.Load() != 3 || counter.open() != 0 {
				t.Errorf("bodies: %d opened, %d still open", counter.opened.Load(), counter.open())
			}

			// The same client then succeeds, and leaves no body open either.
			if _, err := a.run(ctx, cb, opts[1:]...); err != nil {
				t.Fatalf("call after the faults: %v", err)
			}
			if counter.open() != 0 {
				t.Errorf("%d bodies left open after a success", counter.open())
			}
		})
	}
}
