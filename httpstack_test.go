package chargebee_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/transport"
)

// TestCallerClientIsUsedAsItIs checks that the SDK sends through the
// caller's http.Client as it is at each attempt (so replacing its Transport
// after NewClient takes effect) and never modifies it.
func TestCallerClientIsUsedAsItIs(t *testing.T) {
	t.Parallel()
	first, second := httpmock.NewMockTransport(), httpmock.NewMockTransport()
	for _, mt := range []*httpmock.MockTransport{first, second} {
		mt.RegisterResponder("GET", testBase+"/customers/cust_1", httpmock.NewStringResponder(200, customerJSON))
	}
	hc := &http.Client{Transport: first}
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(hc), chargebee.WithTimeout(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	call := func() {
		t.Helper()
		if err := cb.Do(context.Background(), "GET", "/customers/cust_1", nil, &customerResult{}); err != nil {
			t.Fatal(err)
		}
	}
	call()
	hc.Transport = second
	call()
	call()
	if first.GetTotalCallCount() != 1 || second.GetTotalCallCount() != 2 {
		t.Errorf("calls: %d through the first transport, %d through the second; want 1 and 2",
			first.GetTotalCallCount(), second.GetTotalCallCount())
	}
	if hc.Transport != second || hc.Timeout != 0 || hc.CheckRedirect != nil || hc.Jar != nil {
		t.Errorf("the caller's client was modified: %+v", hc)
	}
}

// TestTransportErrorsAreNotRetried checks that an error a RoundTripper makes
// up (a mock's "no responder found", a custom error) reaches the caller
// after one attempt, unchanged for errors.Is, while transient network
// failures are retried.
func TestTransportErrorsAreNotRetried(t *testing.T) {
	t.Parallel()
	custom := errors.New("tracing: span limit reached")
	for _, tt := range []struct {
		name     string
		err      error
		attempts int
	}{
		{"no responder found", httpmock.NoResponderFound, 1},
		{"custom error", custom, 1},
		{"wrapped custom error", fmt.Errorf("wrapper: %w", custom), 1},
		{"connection reset", syscall.ECONNRESET, 4},
		{"connection refused", syscall.ECONNREFUSED, 4},
		{"EOF", io.EOF, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, mt, _ := newMockClient(t, []reply{{err: tt.err}}, chargebee.WithMaxRetries(3))
			var resp chargebee.Response
			err := cb.Do(context.Background(), "GET", "/customers", nil, nil, chargebee.WithResponse(&resp))
			var ce *chargebee.ConnectionError
			if !errors.Is(err, tt.err) || !errors.As(err, &ce) || ce.Attempts != tt.attempts || resp.Attempts != tt.attempts {
				t.Errorf("err %v (attempts %d); want %v after %d attempts", err, resp.Attempts, tt.err, tt.attempts)
			}
			if n := mt.GetTotalCallCount(); n != tt.attempts {
				t.Errorf("%d calls, want %d", n, tt.attempts)
			}
			if got, want := chargebee.IsRetryable(err), tt.attempts > 1; got != want {
				t.Errorf("IsRetryable = %v, want %v", got, want)
			}
		})
	}
}

// TestResponseBody checks that WithResponse captures the raw body of the
// final response, for a success and for a Chargebee error, and that the
// captured bytes are the caller's (later calls do not overwrite them).
func TestResponseBody(t *testing.T) {
	t.Parallel()
	errJSON := `{"message":"gone","type":"invalid_request","api_error_code":"resource_not_found","http_status_code":404,"future_attribute":[1,2]}`
	okJSON := `{"customer":{"id":"cust_1","email":"john@example.com","created_at":1700000000,"object":"customer","future_attribute":{"a":1}}}`
	cb, _, _ := newMockClient(t, []reply{{status: 503, body: `{"message":"busy"}`}, {status: 200, body: okJSON}})
	var ok chargebee.Response
	if err := cb.Do(context.Background(), "GET", "/customers/cust_1", nil, &customerResult{}, chargebee.WithResponse(&ok)); err != nil {
		t.Fatal(err)
	}
	cb2, _, _ := newMockClient(t, []reply{{status: 404, body: errJSON}})
	var bad chargebee.Response
	err := cb2.Do(context.Background(), "GET", "/customers/gone", nil, &customerResult{}, chargebee.WithResponse(&bad))
	if !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	// Calls that reuse the SDK's buffers must not touch the captured bytes.
	for i := 0; i < 20; i++ {
		_ = cb.Do(context.Background(), "GET", "/customers/cust_1", nil, &customerResult{})
		_ = cb2.Do(context.Background(), "GET", "/customers/gone", nil, nil)
	}
	if string(ok.Body) != okJSON || ok.StatusCode != 200 || ok.Attempts != 2 {
		t.Errorf("success: status %d, attempts %d, body %q", ok.StatusCode, ok.Attempts, ok.Body)
	}
	if string(bad.Body) != errJSON || bad.StatusCode != 404 {
		t.Errorf("error: status %d, body %q", bad.StatusCode, bad.Body)
	}
}

func TestIsRetryable(t *testing.T) {
	t.Parallel()
	do := func(replies []reply, params any) error {
		cb, _, _ := newMockClient(t, replies, chargebee.WithMaxRetries(1))
		return cb.Do(context.Background(), "GET", "/customers", params, &customerResult{})
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cb, _, _ := newMockClient(t, []reply{{status: 200, body: customerJSON}})
	errCancelled := cb.Do(cancelled, "GET", "/customers", nil, nil)
	tooLong := "abcdefghijkl"

	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"429 after retries", do([]reply{{status: 429, body: "{}"}}, nil), true},
		{"500 after retries", do([]reply{{status: 500, body: "{}"}}, nil), true},
		{"502", do([]reply{{status: 502, body: "<html>"}}, nil), true},
		{"503", do([]reply{{status: 503, body: "{}"}}, nil), true},
		{"504", do([]reply{{status: 504, body: "{}"}}, nil), true},
		{"501", do([]reply{{status: 501, body: "{}"}}, nil), false},
		{"400", do([]reply{{status: 400, body: `{"type":"invalid_request"}`}}, nil), false},
		{"401", do([]reply{{status: 401, body: "{}"}}, nil), false},
		{"404", do([]reply{{status: 404, body: "{}"}}, nil), false},
		{"409", do([]reply{{status: 409, body: "{}"}}, nil), false},
		{"connection reset after retries", do([]reply{{err: syscall.ECONNRESET}}, nil), true},
		{"validation", do(nil, &params{FirstName: &tooLong}), false},
		{"decode", do([]reply{{status: 200, body: "not json"}}, nil), false},
		{"cancelled before sending", errCancelled, false},
		{"context.Canceled", context.Canceled, false},
		{"context.DeadlineExceeded", context.DeadlineExceeded, false},
		{"other", errors.New("boom"), false},
	}
	for _, tt := range tests {
		if tt.err == nil && tt.name != "nil" {
			t.Errorf("%s: the call did not fail", tt.name)
			continue
		}
		if got := chargebee.IsRetryable(tt.err); got != tt.want {
			t.Errorf("%s: IsRetryable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
		if got := chargebee.IsRetryable(fmt.Errorf("job 7: %w", tt.err)); tt.err != nil && got != tt.want {
			t.Errorf("%s wrapped: IsRetryable = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// expiringCtx is a context whose end the test triggers: it then reports err
// (context.Canceled or context.DeadlineExceeded), without any clock.
type expiringCtx struct {
	context.Context
	err  error
	done chan struct{}
	once sync.Once
}

func newExpiringCtx(err error) *expiringCtx {
	return &expiringCtx{Context: context.Background(), err: err, done: make(chan struct{})}
}

func (c *expiringCtx) Done() <-chan struct{} { return c.done }
func (c *expiringCtx) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}
func (c *expiringCtx) expire() { c.once.Do(func() { close(c.done) }) }

// endOnClose ends a context once a response body has been read and closed:
// the context then ends while the SDK waits to retry, whatever the speed of
// the machine.
type endOnClose struct {
	base http.RoundTripper
	ctx  *expiringCtx
}

func (e endOnClose) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := e.base.RoundTrip(req)
	if err == nil {
		resp.Body = &closeHook{ReadCloser: resp.Body, hook: e.ctx.expire}
	}
	return resp, err
}

type closeHook struct {
	io.ReadCloser
	hook func()
}

func (c *closeHook) Close() error { err := c.ReadCloser.Close(); c.hook(); return err }

// TestContextEndDuringBackoffKeepsLastResponse: the server answers 503 with
// Retry-After: 3600 and the context ends during the wait. The error matches
// the context's error and carries the last response as a *chargebee.Error.
func TestContextEndDuringBackoffKeepsLastResponse(t *testing.T) {
	t.Parallel()
	const body = `{"message":"Site is under maintenance","type":"operation_failed","api_error_code":"site_not_ready","http_status_code":503}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	base := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(base.CloseIdleConnections)

	for _, cause := range []error{context.DeadlineExceeded, context.Canceled} {
		t.Run(cause.Error(), func(t *testing.T) {
			t.Parallel()
			ctx := newExpiringCtx(cause)
			cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL),
				chargebee.WithHTTPClient(&http.Client{Transport: endOnClose{base: base, ctx: ctx}}),
				chargebee.WithRetryWait(time.Millisecond, 2*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			var resp chargebee.Response
			err = cb.Do(ctx, "GET", "/customers/cust_1", nil, &customerResult{}, chargebee.WithResponse(&resp))
			if !errors.Is(err, cause) {
				t.Errorf("err = %v, want errors.Is %v", err, cause)
			}
			var ce *chargebee.Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want the last response as a *chargebee.Error", err)
			}
			if ce.HTTPStatusCode != 503 || ce.APIErrorCode != "site_not_ready" || ce.Attempts != 1 ||
				ce.Header.Get("Retry-After") != "3600" || ce.RetryAfter != time.Hour {
				t.Errorf("last response = %+v", ce)
			}
			if resp.StatusCode != 503 || resp.Attempts != 1 || string(resp.Body) != body {
				t.Errorf("WithResponse: status %d, attempts %d, body %q", resp.StatusCode, resp.Attempts, resp.Body)
			}
			if chargebee.IsRetryable(err) {
				t.Error("IsRetryable = true for a call ended by its context")
			}
			for _, want := range []string{"GET /api/v2/customers/cust_1", cause.Error(), "503 site_not_ready"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Error() = %q, want it to name %q", err, want)
				}
			}
		})
	}
}

// unending is a body that never ends.
type unending struct{}

func (unending) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestResponseOverReadCap checks that a body declared longer than the read
// cap is reported as such, not as broken JSON, and is not retried.
func TestResponseOverReadCap(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(unending{}), ContentLength: 64<<20 + 1, Request: req}, nil
	})
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(&http.Client{Transport: mt}), chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	err = cb.Do(context.Background(), "GET", "/customers", nil, &customerResult{})
	var de *chargebee.DecodeError
	if !errors.Is(err, chargebee.ErrResponseTooLarge) || !errors.As(err, &de) || de.StatusCode != 200 {
		t.Fatalf("err = %v, want a *DecodeError wrapping ErrResponseTooLarge", err)
	}
	if want := "chargebee: decoding response of GET /api/v2/customers (status 200): response body exceeds the read cap of 64 MiB"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	if n := mt.GetTotalCallCount(); n != 1 {
		t.Errorf("%d calls, want 1", n)
	}
}

// TestErrorResponseOverReadCap checks that a non-2xx response whose body is
// over the read cap is still that status's *Error, retried as the status
// is, with the status text for a message.
func TestErrorResponseOverReadCap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status, calls int
		sentinel      error
	}{
		{http.StatusServiceUnavailable, 3, nil},
		{http.StatusNotFound, 1, chargebee.ErrNotFound},
	} {
		mt := httpmock.NewMockTransport()
		mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: tc.status, Header: http.Header{}, Body: io.NopCloser(unending{}), ContentLength: transport.MaxBodyBytes + 1, Request: req}, nil
		})
		cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(&http.Client{Transport: mt}), chargebee.WithMaxRetries(2), chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		err = cb.Do(context.Background(), "GET", "/customers", nil, &customerResult{})
		var e *chargebee.Error
		if !errors.As(err, &e) || e.HTTPStatusCode != tc.status || e.Message != http.StatusText(tc.status) || e.Attempts != tc.calls || errors.Is(err, chargebee.ErrResponseTooLarge) {
			t.Errorf("%d: err = %#v, want a *Error with the status text after %d attempts", tc.status, err, tc.calls)
		}
		if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
			t.Errorf("%d: err = %v, want it to match %v", tc.status, err, tc.sentinel)
		}
		if n := mt.GetTotalCallCount(); n != tc.calls {
			t.Errorf("%d: %d calls, want %d", tc.status, n, tc.calls)
		}
	}
}

// TestReadCapTexts ties every text that states the response read cap to
// transport.MaxBodyBytes: the error messages, derived from it, and the doc
// comments and README lines, written out by hand.
func TestReadCapTexts(t *testing.T) {
	t.Parallel()
	const mib = 1 << 20
	if transport.MaxBodyBytes%mib != 0 {
		t.Fatalf("MaxBodyBytes = %d, not a whole number of MiB as the texts state it", transport.MaxBodyBytes)
	}
	want := fmt.Sprintf("response body exceeds the read cap of %d MiB", transport.MaxBodyBytes/mib)
	var de *chargebee.DecodeError
	if !errors.As(decodeOverCap(t), &de) {
		t.Fatal("no *DecodeError for a body over the cap")
	}
	for _, m := range []struct{ name, got, want string }{
		{"transport.ErrBodyTooLarge", transport.ErrBodyTooLarge.Error(), want},
		{"chargebee.ErrResponseTooLarge", chargebee.ErrResponseTooLarge.Error(), "chargebee: " + want},
		{"the cause in the *DecodeError", de.Err.Error(), want},
	} {
		if m.got != m.want {
			t.Errorf("%s says %q, want %q", m.name, m.got, m.want)
		}
	}
	stated := regexp.MustCompile(`(?:read cap of|over) (\d+) MiB`)
	for _, name := range []string{"chargebee.go", "retry.go", "README.md", "internal/transport/body.go"} {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		found := stated.FindAllSubmatch(text, -1)
		if len(found) == 0 && name != "internal/transport/body.go" {
			t.Errorf("%s no longer states the read cap: update this test", name)
		}
		for _, f := range found {
			if n := string(f[1]); n != fmt.Sprint(transport.MaxBodyBytes/mib) {
				t.Errorf("%s states a read cap of %s MiB, but MaxBodyBytes is %d MiB", name, n, transport.MaxBodyBytes/mib)
			}
		}
	}
}

// decodeOverCap returns the error of a call whose response declares a body
// one byte over the read cap.
func decodeOverCap(t *testing.T) error {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(unending{}), ContentLength: transport.MaxBodyBytes + 1, Request: req}, nil
	})
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(&http.Client{Transport: mt}), chargebee.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return cb.Do(context.Background(), "GET", "/customers", nil, &customerResult{})
}

// TestCallerClientTimeout checks that with WithTimeout(0) the Timeout of
// the caller's client, as set at the time of the call, bounds each attempt.
func TestCallerClientTimeout(t *testing.T) {
	t.Parallel()
	var attempts atomic.Int32
	hang := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		attempts.Add(1)
		<-req.Context().Done() // answers only when the attempt's time is up
		return nil, req.Context().Err()
	})
	hc := &http.Client{Transport: hang}
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(hc), chargebee.WithTimeout(0),
		chargebee.WithMaxRetries(1), chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	hc.Timeout = 20 * time.Millisecond // set after NewClient: read at each attempt
	err = cb.Do(context.Background(), "GET", "/customers", nil, nil)
	var ce *chargebee.ConnectionError
	if !errors.As(err, &ce) || ce.Attempts != 2 || !errors.Is(err, context.DeadlineExceeded) || attempts.Load() != 2 {
		t.Fatalf("err = %v after %d attempts; want two timed-out attempts", err, attempts.Load())
	}
	if !chargebee.IsRetryable(err) {
		t.Error("IsRetryable = false for attempts that timed out")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestUnusableCallerTransport checks that a client whose Transport is a nil
// *http.Transport gives an error after one attempt, not a panic.
func TestUnusableCallerTransport(t *testing.T) {
	t.Parallel()
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(&http.Client{Transport: (*http.Transport)(nil)}),
		chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	err = cb.Do(context.Background(), "GET", "/customers", nil, nil)
	var ce *chargebee.ConnectionError
	if !errors.As(err, &ce) || ce.Attempts != 1 || chargebee.IsRetryable(err) {
		t.Errorf("err = %v, want a *ConnectionError after one attempt, not retryable", err)
	}
}
