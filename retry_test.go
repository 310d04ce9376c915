package chargebee_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

func createParams() *params {
	return &params{Email: chargebee.String("john@example.com"), FirstName: chargebee.String("John")}
}

func checkSameKeyAndBody(t *testing.T, reqs []seen, want int) {
	t.Helper()
	if len(reqs) != want {
		t.Fatalf("server saw %d attempts, want %d", len(reqs), want)
	}
	key := reqs[0].Header.Get("chargebee-idempotency-key")
	if key == "" {
		t.Fatal("no idempotency key on the first attempt")
	}
	for i, r := range reqs {
		if got := r.Header.Get("chargebee-idempotency-key"); got != key {
			t.Errorf("attempt %d key %q, want %q", i+1, got, key)
		}
		if r.Body != reqs[0].Body || r.Body == "" {
			t.Errorf("attempt %d body %q, want %q", i+1, r.Body, reqs[0].Body)
		}
		if r.Method != "POST" || r.Path != reqs[0].Path {
			t.Errorf("attempt %d: %s %s", i+1, r.Method, r.Path)
		}
	}
}

// Test429RetryAfterThenSuccess checks that a 429's Retry-After is the wait
// before the retry, and that the call really sleeps it.
func Test429RetryAfterThenSuccess(t *testing.T) {
	t.Parallel()
	cb, _, rec := newMockClient(t, []reply{
		{status: 429, body: `{"message":"slow down","api_error_code":"api_request_limit_exceeded"}`, header: map[string]string{"Retry-After": "1"}},
		{status: 200, body: customerJSON},
	}, chargebee.WithRetryWait(time.Millisecond, 5*time.Second))
	var out customerResult
	var resp chargebee.Response
	waits := &testutil.WaitLog{Sleep: true}
	start := time.Now()
	err := cb.Do(waits.Context(context.Background()), "POST", "/customers", createParams(), &out, chargebee.WithResponse(&resp))
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if out.Customer.ID != "cust_1" || resp.Attempts != 2 || resp.StatusCode != 200 {
		t.Errorf("out %+v, resp %+v", out, resp)
	}
	checkSameKeyAndBody(t, rec.all(), 2)
	if got := waits.All(); len(got) != 1 || got[0] != time.Second {
		t.Errorf("waits %v, want the 1s of Retry-After", got)
	}
	// A timer never fires early, so this lower bound holds on any machine.
	if elapsed < time.Second {
		t.Errorf("call took %v, want at least the 1s of Retry-After", elapsed)
	}
}

// TestRetryAfterVariants checks the wait chosen for each kind of
// Retry-After: capped at the maximum when too long, exponential backoff
// when unusable, honoured as sent otherwise. The waits are recorded, not
// slept.
func TestRetryAfterVariants(t *testing.T) {
	t.Parallel()
	const (
		minWait = time.Millisecond
		maxWait = 1500 * time.Millisecond
		backoff = -1 // the first backoff wait: within [minWait/2, 2*minWait]
	)
	tests := []struct {
		name       string
		retryAfter string
		wait       time.Duration // the wait before the retry, or backoff
		wantField  time.Duration // Error.RetryAfter when the retry also fails
	}{
		{"seconds above max are capped", "3600", maxWait, time.Hour},
		{"HTTP date far ahead is capped", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), maxWait, -1},
		{"HTTP date in the past uses backoff", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), backoff, 0},
		{"garbage uses backoff", "soon", backoff, 0},
		{"negative uses backoff", "-5", backoff, 0},
		{"fraction", "0.1", 100 * time.Millisecond, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, mt, _ := newMockClient(t, []reply{{status: 429, body: `{}`, header: map[string]string{"Retry-After": tt.retryAfter}}},
				chargebee.WithMaxRetries(1), chargebee.WithRetryWait(minWait, maxWait))
			waits := &testutil.WaitLog{}
			err := cb.Do(waits.Context(context.Background()), "GET", "/customers", nil, nil)
			var ce *chargebee.Error
			if !errors.As(err, &ce) || ce.HTTPStatusCode != 429 || ce.Attempts != 2 || mt.GetTotalCallCount() != 2 {
				t.Fatalf("err %v, calls %d", err, mt.GetTotalCallCount())
			}
			got := waits.All()
			switch {
			case len(got) != 1:
				t.Errorf("waits %v, want one", got)
			case tt.wait == backoff && (got[0] < minWait/2 || got[0] > 2*minWait):
				t.Errorf("wait %v, want the first backoff wait (about %v)", got[0], minWait)
			case tt.wait != backoff && got[0] != tt.wait:
				t.Errorf("wait %v, want %v", got[0], tt.wait)
			}
			if tt.wantField >= 0 && ce.RetryAfter != tt.wantField {
				t.Errorf("RetryAfter = %v, want %v", ce.RetryAfter, tt.wantField)
			}
			if tt.wantField < 0 && (ce.RetryAfter < 59*time.Minute || ce.RetryAfter > time.Hour) {
				t.Errorf("RetryAfter = %v, want about an hour", ce.RetryAfter)
			}
			if !errors.Is(err, chargebee.ErrRateLimited) {
				t.Error("not ErrRateLimited")
			}
		})
	}
}

// TestRetryAfterOnEveryRetriedStatus checks that a Retry-After is the wait
// before the retry of every status the SDK retries, not only of 429 and 503
// (a gateway's 502 or 504 may ask for one too), and that the final error
// reports it.
func TestRetryAfterOnEveryRetriedStatus(t *testing.T) {
	t.Parallel()
	for _, status := range []int{429, 500, 502, 503, 504} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			t.Parallel()
			cb, mt, _ := newMockClient(t, []reply{{status: status, body: `{}`, header: map[string]string{"Retry-After": "2"}}},
				chargebee.WithMaxRetries(1), chargebee.WithRetryWait(time.Millisecond, time.Minute))
			waits := &testutil.WaitLog{}
			err := cb.Do(waits.Context(context.Background()), "GET", "/customers", nil, nil)
			var ce *chargebee.Error
			if !errors.As(err, &ce) || ce.HTTPStatusCode != status || ce.Attempts != 2 || mt.GetTotalCallCount() != 2 {
				t.Fatalf("err %v, calls %d; want two attempts", err, mt.GetTotalCallCount())
			}
			if got := waits.All(); len(got) != 1 || got[0] != 2*time.Second {
				t.Errorf("waits %v, want [2s]", got)
			}
			if ce.RetryAfter != 2*time.Second {
				t.Errorf("RetryAfter = %v, want 2s", ce.RetryAfter)
			}
		})
	}
}

func Test503UntilRetriesRunOut(t *testing.T) {
	t.Parallel()
	const body = `{"message":"Service is temporarily unavailable","type":"operation_failed","api_error_code":"site_not_ready","error_code":"site_not_ready","http_status_code":503}`
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			cb, mt, rec := newMockClient(t, []reply{{status: 503, body: body, header: map[string]string{"Retry-After": "1"}}},
				chargebee.WithMaxRetries(2), chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
			var resp chargebee.Response
			err := cb.Do(context.Background(), method, "/customers", createParams(), &customerResult{}, chargebee.WithResponse(&resp))
			var ce *chargebee.Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *chargebee.Error", err)
			}
			if ce.HTTPStatusCode != 503 || ce.Attempts != 3 || ce.RetryAfter != time.Second ||
				ce.Message != "Service is temporarily unavailable" || ce.Type != "operation_failed" ||
				ce.APIErrorCode != "site_not_ready" || ce.ErrorCode != "site_not_ready" || ce.Header.Get("Retry-After") != "1" {
				t.Errorf("Error = %+v", ce)
			}
			if !errors.Is(err, chargebee.ErrOperationFailed) {
				t.Error("not ErrOperationFailed")
			}
			if mt.GetTotalCallCount() != 3 || resp.Attempts != 3 || resp.StatusCode != 503 {
				t.Errorf("calls %d, resp %+v", mt.GetTotalCallCount(), resp)
			}
			if method == "POST" {
				checkSameKeyAndBody(t, rec.all(), 3)
			}
		})
	}
}

func Test5xxThenSuccessOnPOST(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 504} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			t.Parallel()
			cb, _, rec := newMockClient(t, []reply{{status: status, body: `{"message":"oops"}`}, {status: 200, body: customerJSON}})
			var out customerResult
			if err := cb.Do(context.Background(), "POST", "/customers", createParams(), &out); err != nil {
				t.Fatal(err)
			}
			if out.Customer.ID != "cust_1" {
				t.Errorf("out = %+v", out)
			}
			checkSameKeyAndBody(t, rec.all(), 2)
		})
	}
}

func TestNoRetryWithoutRetries(t *testing.T) {
	t.Parallel()
	for _, method := range []string{"GET", "POST"} {
		for _, r := range []reply{{status: 500, body: "{}"}, {status: 429, body: "{}"}, {err: syscall.ECONNRESET}} {
			cb, mt, rec := newMockClient(t, []reply{r, {status: 200, body: "{}"}}, chargebee.WithMaxRetries(0))
			err := cb.Do(context.Background(), method, "/customers", createParams(), nil)
			if err == nil || mt.GetTotalCallCount() != 1 {
				t.Errorf("%s %+v: err %v, calls %d; want one failed call", method, r, err, mt.GetTotalCallCount())
			}
			if key := rec.all()[0].Header.Get("chargebee-idempotency-key"); key != "" {
				t.Errorf("%s: key %q invented with retries off", method, key)
			}
		}
	}
}

func TestNonRetryableStatusesCallOnce(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 401, 402, 403, 404, 405, 408, 409, 422, 501} {
		for _, method := range []string{"GET", "POST"} {
			cb, mt, _ := newMockClient(t, []reply{{status: status, body: `{"message":"no"}`}, {status: 200, body: "{}"}})
			err := cb.Do(context.Background(), method, "/customers", nil, nil)
			var ce *chargebee.Error
			if !errors.As(err, &ce) || ce.HTTPStatusCode != status || ce.Attempts != 1 {
				t.Errorf("%s %d: err %v", method, status, err)
			}
			if n := mt.GetTotalCallCount(); n != 1 {
				t.Errorf("%s %d: %d calls, want 1", method, status, n)
			}
		}
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	cb, mt, _ := newMockClient(t, []reply{{status: 302, header: map[string]string{"Location": "https://evil.example.com/steal"}}})
	err := cb.Do(context.Background(), "POST", "/customers", createParams(), nil)
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.HTTPStatusCode != 302 || mt.GetTotalCallCount() != 1 {
		t.Errorf("err %v, calls %d", err, mt.GetTotalCallCount())
	}
}

func TestConnectionErrorsAreRetried(t *testing.T) {
	t.Parallel()
	errReset := syscall.ECONNRESET
	cb, _, rec := newMockClient(t, []reply{{err: errReset}, {err: errReset}, {status: 200, body: customerJSON}})
	if err := cb.Do(context.Background(), "POST", "/customers", createParams(), &customerResult{}); err != nil {
		t.Fatal(err)
	}
	checkSameKeyAndBody(t, rec.all(), 3)

	cb, mt, _ := newMockClient(t, []reply{{err: errReset}}, chargebee.WithMaxRetries(2))
	var resp chargebee.Response
	err := cb.Do(context.Background(), "GET", "/customers", nil, nil, chargebee.WithResponse(&resp))
	if !errors.Is(err, errReset) || mt.GetTotalCallCount() != 3 || resp.Attempts != 3 {
		t.Errorf("err %v, calls %d, resp %+v", err, mt.GetTotalCallCount(), resp)
	}
	var ce *chargebee.Error
	if errors.As(err, &ce) {
		t.Errorf("connection error reported as *chargebee.Error: %v", err)
	}
	var conn *chargebee.ConnectionError
	if !errors.As(err, &conn) || conn.Method != "GET" || conn.Path != "/api/v2/customers" || conn.Attempts != 3 {
		t.Errorf("err %#v, want a *chargebee.ConnectionError for GET /api/v2/customers after 3 attempts", err)
	}
	if want := "chargebee: GET /api/v2/customers failed after 3 attempts: connection reset by peer"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}

	// When the last attempt gets no response, WithResponse holds the last
	// one an earlier attempt got, as Response says.
	cb, _, _ = newMockClient(t, []reply{{status: 503, body: `{"message":"busy"}`}, {err: errReset}}, chargebee.WithMaxRetries(1))
	resp = chargebee.Response{}
	err = cb.Do(context.Background(), "GET", "/customers", nil, nil, chargebee.WithResponse(&resp))
	if !errors.As(err, &conn) || resp.Attempts != 2 || resp.StatusCode != 503 || string(resp.Body) != `{"message":"busy"}` {
		t.Errorf("err %v, response %+v; want a *ConnectionError and the 503 of the first attempt", err, resp)
	}
}

// TestConnectionResetAfterPOSTWasRead runs a server that reads the whole POST
// and then drops the connection without answering: the client cannot know
// whether the call took effect, so it must retry with the same key and body.
func TestConnectionResetAfterPOSTWasRead(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		if n.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // send RST rather than FIN
			}
			conn.Close()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, customerJSON)
	}))
	t.Cleanup(srv.Close)
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL), chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var out customerResult
	var resp chargebee.Response
	if err := cb.Do(context.Background(), "POST", "/customers", createParams(), &out, chargebee.WithResponse(&resp)); err != nil {
		t.Fatal(err)
	}
	if out.Customer.ID != "cust_1" || resp.Attempts != 2 {
		t.Errorf("out %+v resp %+v", out, resp)
	}
	checkSameKeyAndBody(t, rec.all(), 2)
}

// TestContextCancelledDuringBackoff cancels the context once the client has
// begun its 60-second wait after a 503: the call returns at once with
// context.Canceled and sends no retry.
func TestContextCancelledDuringBackoff(t *testing.T) {
	t.Parallel()
	cb, mt, _ := newMockClient(t, []reply{{status: 503, body: "{}", header: map[string]string{"Retry-After": "60"}}},
		chargebee.WithRetryWait(time.Millisecond, time.Minute))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	waits := &testutil.WaitLog{Sleep: true, Began: make(chan time.Duration, 1)}
	var cancelledAt atomic.Int64
	go func() {
		<-waits.Began // the client is in its wait
		cancelledAt.Store(time.Now().UnixNano())
		cancel()
	}()
	var resp chargebee.Response
	err := cb.Do(waits.Context(ctx), "POST", "/customers", createParams(), nil, chargebee.WithResponse(&resp))
	returned := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := waits.All(); len(got) != 1 || got[0] != time.Minute {
		t.Errorf("waits %v, want the 60s Retry-After", got)
	}
	// The wait would last a minute; returning within seconds shows the
	// cancel ended it.
	if d := returned.Sub(time.Unix(0, cancelledAt.Load())); d > 5*time.Second {
		t.Errorf("Do returned %v after cancel, want at once", d)
	}
	if resp.Attempts != 1 || mt.GetTotalCallCount() != 1 {
		t.Errorf("attempts = %d, calls %d; want 1", resp.Attempts, mt.GetTotalCallCount())
	}
}

func TestContextDeadlineDuringAttempt(t *testing.T) {
	t.Parallel()
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-block:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(block) })
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = cb.Do(ctx, "GET", "/customers", nil, nil)
	// The server holds the request until the test ends and the per-attempt
	// timeout is a minute: only the deadline can end the call this soon.
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
}

// numberedAttempts is a RoundTripper that numbers the attempts it sends
// in an X-Test-Attempt header, so that a server acts on the client's count
// of attempts, whatever order its handlers happen to run in.
type numberedAttempts struct {
	base http.RoundTripper
	n    atomic.Int32
}

func newNumberedAttempts(t *testing.T) *numberedAttempts {
	base := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(base.CloseIdleConnections)
	return &numberedAttempts{base: base}
}

func (a *numberedAttempts) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("X-Test-Attempt", strconv.Itoa(int(a.n.Add(1))))
	return a.base.RoundTrip(req)
}

// hangingServer answers the attempts listed in hang (by the client's
// numbering) by hanging, before the headers or after part of the body when
// partial is set, until the client gives up; every other attempt gets
// customerJSON. It counts the answers it completed.
func hangingServer(t *testing.T, partial bool, hang func(attempt int) bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var answered atomic.Int32
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempt, err := strconv.Atoi(r.Header.Get("X-Test-Attempt"))
		if err != nil {
			t.Errorf("attempt without a number: %v", err)
		}
		if hang(attempt) {
			if partial {
				w.Header().Set("Content-Length", strconv.Itoa(len(customerJSON)))
				_, _ = io.WriteString(w, customerJSON[:20])
				w.(http.Flusher).Flush()
			}
			select {
			case <-r.Context().Done():
			case <-block:
			}
			return
		}
		_, _ = io.WriteString(w, customerJSON)
		answered.Add(1)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(block) })
	return srv, &answered
}

// TestPerAttemptTimeout checks that an attempt that gets no answer is cut
// off by the per-attempt timeout and retried. The hung attempt ends only
// through the timeout; the timeout is ample for the attempt that is
// answered, so that a loaded machine cannot make it time out as well.
func TestPerAttemptTimeout(t *testing.T) {
	t.Parallel()
	const timeout = 500 * time.Millisecond
	srv, answered := hangingServer(t, false, func(n int) bool { return n == 1 })
	rt := newNumberedAttempts(t)
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL), chargebee.WithHTTPClient(&http.Client{Transport: rt}),
		chargebee.WithTimeout(timeout), chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var out customerResult
	var resp chargebee.Response
	start := time.Now()
	if err := cb.Do(context.Background(), "GET", "/customers/cust_1", nil, &out, chargebee.WithResponse(&resp)); err != nil {
		t.Fatal(err)
	}
	if out.Customer.ID != "cust_1" || resp.Attempts != 2 || rt.n.Load() != 2 || answered.Load() != 1 {
		t.Errorf("out %+v, attempts %d (sent %d), answered %d; want the second of 2", out, resp.Attempts, rt.n.Load(), answered.Load())
	}
	// A timer never fires early: the first attempt lasted the timeout.
	if took := time.Since(start); took < timeout {
		t.Errorf("call took %v, less than the per-attempt timeout %v", took, timeout)
	}

	// A server that always hangs: the caller gets a timeout after max+1
	// attempts, counted on the client (the server may not even have begun
	// handling the last one when it is cut off).
	srv, answered = hangingServer(t, false, func(int) bool { return true })
	rt = newNumberedAttempts(t)
	cb, err = chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL), chargebee.WithHTTPClient(&http.Client{Transport: rt}),
		chargebee.WithMaxRetries(1), chargebee.WithTimeout(50*time.Millisecond), chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	err = cb.Do(context.Background(), "GET", "/customers/cust_1", nil, &out)
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("err = %v (%T), want a timeout net.Error", err, errors.Unwrap(err))
	}
	var conn *chargebee.ConnectionError
	if !errors.As(err, &conn) || conn.Attempts != 2 {
		t.Errorf("err = %#v, want a *chargebee.ConnectionError after 2 attempts", err)
	}
	if rt.n.Load() != 2 || answered.Load() != 0 {
		t.Errorf("sent %d attempts, %d answered; want 2 and none", rt.n.Load(), answered.Load())
	}
}

func TestBodyStallingMidwayIsRetried(t *testing.T) {
	t.Parallel()
	srv, answered := hangingServer(t, true, func(n int) bool { return n == 1 })
	rt := newNumberedAttempts(t)
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL), chargebee.WithHTTPClient(&http.Client{Transport: rt}),
		chargebee.WithTimeout(500*time.Millisecond), chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var out customerResult
	var resp chargebee.Response
	if err := cb.Do(context.Background(), "GET", "/customers/cust_1", nil, &out, chargebee.WithResponse(&resp)); err != nil {
		t.Fatal(err)
	}
	if out.Customer.ID != "cust_1" || rt.n.Load() != 2 || resp.Attempts != 2 || answered.Load() != 1 {
		t.Errorf("out %+v, sent %d, answered %d, resp %+v", out, rt.n.Load(), answered.Load(), resp)
	}
}

// TestGivingUpKeepsOtherConnections checks that a call that gives up after
// its retries does not close the idle connections of the shared pool
// (retryablehttp calls CloseIdleConnections at that point).
func TestGivingUpKeepsOtherConnections(t *testing.T) {
	t.Parallel()
	var conns atomic.Int32
	var fail atomic.Bool
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			w.WriteHeader(503)
			_, _ = io.WriteString(w, `{"message":"down"}`)
			return
		}
		_, _ = io.WriteString(w, customerJSON)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL), chargebee.WithMaxRetries(1),
		chargebee.WithRetryWait(time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := cb.Do(ctx, "GET", "/customers", nil, nil); err != nil {
		t.Fatal(err)
	}
	fail.Store(true)
	var ce *chargebee.Error
	if err := cb.Do(ctx, "GET", "/customers", nil, nil); !errors.As(err, &ce) || ce.Attempts != 2 {
		t.Fatalf("err = %v", err)
	}
	fail.Store(false)
	if err := cb.Do(ctx, "GET", "/customers", nil, nil); err != nil {
		t.Fatal(err)
	}
	if c := conns.Load(); c != 1 {
		t.Errorf("server saw %d connections, want 1 reused throughout", c)
	}
}

func TestRateLimiterIsShared(t *testing.T) {
	t.Parallel()
	cb, mt, _ := newMockClient(t, []reply{{status: 200, body: "{}"}}, chargebee.WithRateLimit(50, 1))
	const goroutines, calls = 8, 3
	var wg sync.WaitGroup
	start := time.Now()
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < calls; i++ {
				if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	// 24 attempts at 50/s with a burst of 1 need at least 23/50 s.
	if elapsed, want := time.Since(start), 23*time.Second/50; elapsed < want-20*time.Millisecond {
		t.Errorf("24 calls took %v, want at least %v", elapsed, want)
	}
	if mt.GetTotalCallCount() != goroutines*calls {
		t.Errorf("calls = %d", mt.GetTotalCallCount())
	}

	// The limiter's wait ends with the context.
	cb, _, _ = newMockClient(t, []reply{{status: 200, body: "{}"}}, chargebee.WithRateLimit(0.1, 1))
	if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start = time.Now()
	if err := cb.Do(ctx, "GET", "/customers", nil, nil); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
}

// On API v1 Chargebee documents no idempotency keys, so a POST gets no
// generated key and is sent once; a caller's own key still makes it
// retryable, and GETs are retried as on v2.
func TestV1PostIsRetriedOnlyWithCallersKey(t *testing.T) {
	t.Parallel()
	fail := reply{status: 503, body: `{"message":"down"}`}
	ok := reply{status: 200, body: customerJSON}
	v1 := []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1), chargebee.WithRetryWait(time.Millisecond, time.Millisecond)}

	cb, mt, rec := newMockClient(t, []reply{fail, ok}, v1...)
	err := cb.Do(context.Background(), "POST", "/customers/c1/add_account_credits", createParams(), nil)
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.HTTPStatusCode != 503 || mt.GetTotalCallCount() != 1 {
		t.Fatalf("without key: err %v, calls %d; want one 503", err, mt.GetTotalCallCount())
	}
	if key := rec.all()[0].Header.Get("chargebee-idempotency-key"); key != "" {
		t.Errorf("v1 POST got a generated key %q", key)
	}
	if got := rec.all()[0].Path; got != "/api/v1/customers/c1/add_account_credits" {
		t.Errorf("path = %s", got)
	}

	cb, mt, rec = newMockClient(t, []reply{fail, ok}, v1...)
	if err := cb.Do(context.Background(), "POST", "/customers/c1/add_account_credits", createParams(), nil, chargebee.WithIdempotencyKey("credit-7")); err != nil {
		t.Fatalf("with key: %v", err)
	}
	if mt.GetTotalCallCount() != 2 {
		t.Errorf("with key: %d calls, want 2", mt.GetTotalCallCount())
	}
	for _, s := range rec.all() {
		if s.Header.Get("chargebee-idempotency-key") != "credit-7" {
			t.Errorf("attempt key = %q", s.Header.Get("chargebee-idempotency-key"))
		}
	}

	cb, mt, _ = newMockClient(t, []reply{fail, ok}, v1...)
	if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil || mt.GetTotalCallCount() != 2 {
		t.Errorf("v1 GET: err %v, calls %d; want a retried success", err, mt.GetTotalCallCount())
	}
}
