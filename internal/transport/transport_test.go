package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"1", time.Second},
		{" 2 ", 2 * time.Second},
		{"0.5", 500 * time.Millisecond},
		{"0", 0},
		{"-3", 0},
		{"3600", time.Hour},
		{"99999999999", 24 * time.Hour},
		{"1e400", 24 * time.Hour},
		{"1e-400", 0},
		{"-1e400", 0},
		{strings.Repeat("9", 400), 24 * time.Hour},
		{"NaN", 0},
		{"soon", 0},
		{"Wed, 01 May 2024 12:00:30 GMT", 30 * time.Second},
		{"Wednesday, 01-May-24 12:01:00 GMT", time.Minute},
		{"Wed May  1 12:00:10 2024", 10 * time.Second},
		{"Wed, 01 May 2024 11:00:00 GMT", 0},
		{"Fri, 01 May 2026 12:00:00 GMT", 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	minW, maxW := 100*time.Millisecond, 2*time.Second
	for attempt := 0; attempt < 40; attempt++ {
		upper := min(minW<<min(attempt, 20), maxW)
		for i := 0; i < 50; i++ {
			d := Backoff(minW, maxW, attempt, nil)
			if d < max(upper/2, minW) || d > upper {
				t.Fatalf("Backoff(attempt %d) = %v, want within [%v, %v]", attempt, d, max(upper/2, minW), upper)
			}
		}
	}
	resp := func(status int, ra string) *http.Response {
		return &http.Response{StatusCode: status, Header: http.Header{"Retry-After": {ra}}}
	}
	if d := Backoff(minW, maxW, 0, resp(429, "1")); d != time.Second {
		t.Errorf("429 Retry-After 1 → %v", d)
	}
	if d := Backoff(minW, maxW, 0, resp(503, "3600")); d != maxW {
		t.Errorf("503 Retry-After 3600 → %v, want the cap %v", d, maxW)
	}
	if d := Backoff(minW, maxW, 0, resp(502, "1")); d != time.Second {
		t.Errorf("502 Retry-After 1 → %v", d)
	}
	if d := Backoff(minW, maxW, 0, resp(429, "garbage")); d > minW {
		t.Errorf("garbage Retry-After → %v", d)
	}
	if d := Backoff(0, 0, 5, nil); d != 0 {
		t.Errorf("zero waits → %v", d)
	}
}

// trackedBody records whether it was closed and read to the end.
type trackedBody struct {
	r      io.Reader
	closed atomic.Bool
}

func (b *trackedBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *trackedBody) Close() error               { b.closed.Store(true); return nil }

// fakeRT answers from a function and keeps every body it handed out.
type fakeRT struct {
	mu     sync.Mutex
	bodies []*trackedBody
	calls  int
	answer func(n int, req *http.Request) (int, string, error)
}

func (f *fakeRT) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	f.calls++
	n := f.calls
	f.mu.Unlock()
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	status, body, err := f.answer(n, req)
	if err != nil {
		return nil, err
	}
	b := &trackedBody{r: strings.NewReader(body)}
	f.mu.Lock()
	f.bodies = append(f.bodies, b)
	f.mu.Unlock()
	return &http.Response{StatusCode: status, Header: http.Header{}, Body: b, Request: req}, nil
}

func (f *fakeRT) CloseIdleConnections() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls += 1000 // visible in the call count if it is ever reached
}

func newTestTransport(rt http.RoundTripper, retries int) *Transport {
	return New(Config{
		HTTPClient: &http.Client{Transport: rt}, MaxRetries: retries,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond,
	})
}

func testRequest(method string, retryable bool) *Request {
	u, _ := url.Parse("https://acme.chargebee.com/api/v2/customers?email=x")
	var body []byte
	if method == http.MethodPost {
		body = []byte("a=1")
	}
	return &Request{Method: method, URL: u, Header: http.Header{}, Body: body, Retryable: retryable}
}

func TestRetryablehttpLoggerIsOff(t *testing.T) {
	t.Parallel()
	// retryablehttp logs every attempt with the full URL to stderr unless
	// its Logger is nil; the SDK logs through slog only.
	if tr := newTestTransport(&fakeRT{}, 1); tr.rc.Logger != nil {
		t.Errorf("retryablehttp Logger = %#v, want nil", tr.rc.Logger)
	}
	if tr := New(Config{}); tr.rc.Logger != nil || tr.rc.HTTPClient == nil {
		t.Errorf("defaults: Logger %#v, HTTPClient %v", tr.rc.Logger, tr.rc.HTTPClient)
	}
}

func TestGivingUpClosesEveryBody(t *testing.T) {
	t.Parallel()
	rt := &fakeRT{answer: func(int, *http.Request) (int, string, error) { return 503, `{"message":"down"}`, nil }}
	res, err := newTestTransport(rt, 2).Do(context.Background(), testRequest(http.MethodGet, true))
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 503 || res.Attempts != 3 || string(res.Body) != `{"message":"down"}` {
		t.Errorf("result = %+v", res)
	}
	if rt.calls != 3 {
		t.Errorf("calls = %d (CloseIdleConnections reached the base transport?)", rt.calls)
	}
	for i, b := range rt.bodies {
		if !b.closed.Load() {
			t.Errorf("body of attempt %d left open", i+1)
		}
	}
}

func TestCancelAfterResponseClosesBody(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	rt := &fakeRT{answer: func(int, *http.Request) (int, string, error) {
		cancel() // the context ends while the response is on its way back
		return 200, "{}", nil
	}}
	_, err := newTestTransport(rt, 2).Do(ctx, testRequest(http.MethodGet, true))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if len(rt.bodies) != 1 || !rt.bodies[0].closed.Load() {
		t.Error("response body left open")
	}
}

func TestNonRetryablePOSTIsSentOnce(t *testing.T) {
	t.Parallel()
	for _, answer := range []func(int, *http.Request) (int, string, error){
		func(int, *http.Request) (int, string, error) { return 503, "", nil },
		func(int, *http.Request) (int, string, error) { return 429, "", nil },
		func(int, *http.Request) (int, string, error) { return 0, "", errors.New("connection reset by peer") },
	} {
		rt := &fakeRT{answer: answer}
		_, _ = newTestTransport(rt, 3).Do(context.Background(), testRequest(http.MethodPost, false))
		if rt.calls != 1 {
			t.Errorf("POST without idempotency key sent %d times, want 1", rt.calls)
		}
	}
}

func TestPermanentConnectionErrorsAreNotRetried(t *testing.T) {
	t.Parallel()
	for _, msg := range []string{
		"tls: failed to verify certificate: x509: certificate signed by unknown authority",
		`net/http: invalid header field value for "X"`,
	} {
		rt := &fakeRT{answer: func(int, *http.Request) (int, string, error) { return 0, "", errors.New(msg) }}
		_, err := newTestTransport(rt, 3).Do(context.Background(), testRequest(http.MethodGet, true))
		if err == nil || rt.calls != 1 {
			t.Errorf("%q: err %v, calls %d; want one attempt", msg, err, rt.calls)
		}
	}
}

func TestErrorHidesQuery(t *testing.T) {
	t.Parallel()
	cause := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	rt := &fakeRT{answer: func(int, *http.Request) (int, string, error) { return 0, "", cause }}
	res, err := newTestTransport(rt, 1).Do(context.Background(), testRequest(http.MethodGet, true))
	if !errors.Is(err, syscall.ECONNREFUSED) || res.Attempts != 2 || res.StatusCode != 0 {
		t.Fatalf("Do = %+v, %v; want two attempts and the cause", res, err)
	}
	if msg := err.Error(); strings.Contains(msg, "email") || strings.Contains(msg, "?") || strings.Contains(msg, "acme") {
		t.Errorf("error repeats the URL: %q", msg)
	}
}

func TestBodyIsIdenticalOnEveryAttempt(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var bodies []string
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(req.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		n := len(bodies)
		mu.Unlock()
		if n < 3 {
			return nil, syscall.ECONNRESET
		}
		return &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(nil)), Header: http.Header{}}, nil
	})
	req := testRequest(http.MethodPost, true)
	req.Body = []byte("email=a%40b.com&first_name=J%C3%B6hn")
	res, err := newTestTransport(rt, 3).Do(context.Background(), req)
	if err != nil || res.Attempts != 3 {
		t.Fatalf("res %+v err %v", res, err)
	}
	for i, b := range bodies {
		if b != string(req.Body) {
			t.Errorf("attempt %d body %q", i+1, b)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTransient(t *testing.T) {
	t.Parallel()
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{reset, true},
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{syscall.ECONNRESET, true},
		{syscall.EPIPE, true},
		{io.EOF, true},
		{io.ErrUnexpectedEOF, true},
		{fmt.Errorf("reading response body: %w", io.ErrUnexpectedEOF), true},
		{errors.New("http: server closed idle connection"), true},
		{&attemptTimeout{err: context.DeadlineExceeded, timeout: time.Second}, true},
		{&net.DNSError{Err: "no such host", Name: "acme.chargebee.com", IsNotFound: true}, false},
		{&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", IsNotFound: true}}, false},
		{&net.DNSError{Err: "server misbehaving", IsTemporary: true}, true},
		{errors.New("tls: failed to verify certificate: x509: certificate signed by unknown authority"), false},
		{context.Canceled, false},
		{context.DeadlineExceeded, false},
		{&limiterError{err: reset}, false},
		{errors.New("no responder found"), false},
		{errors.New(`unsupported protocol scheme "ftp"`), false},
	}
	for _, tt := range tests {
		if got := Transient(tt.err); got != tt.want {
			t.Errorf("Transient(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestBackoffUsesParsedRetryAfter checks that within a call Backoff takes
// the Retry-After that checkRetry parsed from the response, rather than
// parsing the header a second time.
func TestBackoffUsesParsedRetryAfter(t *testing.T) {
	t.Parallel()
	st := &callState{retryable: true}
	ctx := context.WithValue(context.Background(), stateKey{}, st)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://acme.chargebee.com/api/v2/customers", nil)
	resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"7"}}, Body: io.NopCloser(strings.NewReader("{}")), Request: req}
	if retry, err := checkRetry(ctx, resp, nil); !retry || err != nil {
		t.Fatalf("checkRetry = %v, %v", retry, err)
	}
	if st.wait != 7*time.Second || st.last.RetryAfter != 7*time.Second || st.last.StatusCode != 429 {
		t.Fatalf("state after checkRetry: %+v", st)
	}
	resp.Header.Set("Retry-After", "1") // not read again
	if d := Backoff(time.Millisecond, time.Minute, 0, resp); d != 7*time.Second {
		t.Errorf("Backoff = %v, want the 7s parsed by checkRetry", d)
	}
	// A response of no call is read from its header.
	resp.Request = nil
	if d := Backoff(time.Millisecond, time.Minute, 0, resp); d != time.Second {
		t.Errorf("Backoff without a call = %v, want 1s", d)
	}
	if st.last.buf != nil {
		putBody(st.last.buf)
	}
}

// TestCookieJarOnRetries checks that the cookies of the caller's jar are
// sent once with every attempt: each retry carries the jar's cookies of
// that moment (including one a failed attempt's response set), not those
// of the earlier attempts again, and the call's own headers stay as given.
func TestCookieJarOnRetries(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var sent [][]string
	rt := &fakeRT{answer: func(n int, req *http.Request) (int, string, error) {
		mu.Lock()
		sent = append(sent, req.Header.Values("Cookie"))
		mu.Unlock()
		if n == 1 {
			return http.StatusServiceUnavailable, `{"message":"busy"}`, nil
		}
		return http.StatusOK, `{"ok":true}`, nil
	}}
	withCookie := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if err == nil && resp.StatusCode == http.StatusServiceUnavailable {
			resp.Header.Add("Set-Cookie", "lb=node2; Path=/")
		}
		return resp, err
	})
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	req := testRequest(http.MethodPost, true)
	jar.SetCookies(req.URL, []*http.Cookie{{Name: "pre", Value: "1", Path: "/"}})
	hc := &http.Client{Transport: withCookie}
	tr := New(Config{HTTPClient: hc, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	hc.Jar = jar // set after New: read at each attempt
	req.Header = http.Header{"X-Call": {"1"}}
	res, err := tr.Do(context.Background(), req)
	if err != nil || res.StatusCode != http.StatusOK || res.Attempts != 2 {
		t.Fatalf("Do = %+v, %v; want 200 after 2 attempts", res, err)
	}
	want := [][]string{{"pre=1"}, {"pre=1; lb=node2"}}
	if fmt.Sprint(sent) != fmt.Sprint(want) {
		t.Errorf("Cookie headers sent: %q, want %q", sent, want)
	}
	if len(req.Header) != 1 || req.Header.Get("X-Call") != "1" {
		t.Errorf("the call's header became %v", req.Header)
	}
	if got := jar.Cookies(req.URL); len(got) != 2 {
		t.Errorf("jar holds %v, want pre and lb", got)
	}
}

// TestClientsShareThePool checks that transports made without an
// http.Client, as NewClient makes them, share one connection pool: calls of
// clients made one after another (per tenant or per request, say) reuse a
// connection rather than each leaving an idle one open behind it.
func TestClientsShareThePool(t *testing.T) {
	t.Parallel()
	var opened atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL + "/api/v2/customers")
	if err != nil {
		t.Fatal(err)
	}
	const clients = 20
	for i := 0; i < clients; i++ {
		tr := New(Config{MaxRetries: 1})
		res, err := tr.Do(context.Background(), &Request{Method: http.MethodGet, URL: u, Header: http.Header{}, Retryable: true})
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("client %d: %+v, %v", i, res, err)
		}
		res.Release()
	}
	// Calls one after another need one connection; allow a few more for a
	// call that began before the pool got the previous one back, under load.
	if n := opened.Load(); n > clients/4 {
		t.Errorf("%d clients opened %d connections, want them to share one", clients, n)
	}
}
