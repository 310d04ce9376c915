package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// stdTransport is net/http's own default transport, as it was before
// anything could replace http.DefaultTransport.
var stdTransport, _ = http.DefaultTransport.(*http.Transport)

// newPooledTransport returns a transport that keeps enough idle connections
// per host for heavy concurrent use of one client, so that connections are
// reused rather than churned (the standard one keeps two per host).
func newPooledTransport() *http.Transport {
	t := stdTransport
	if t == nil {
		t = cleanhttp.DefaultPooledTransport() // net/http's settings, for a std one replaced early
	}
	t = t.Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// sharedPool is the pool of every client that sends while
// http.DefaultTransport is Go's own: one pool, as that transport is one, so
// that clients made one after another (per tenant, per request) reuse
// connections instead of each leaving idle ones open for IdleConnTimeout.
var sharedPool = sync.OnceValue(newPooledTransport)

// defaultRoundTripper sends through http.DefaultTransport as it is at each
// attempt, so that a mock or a tracing wrapper installed before or after the
// client was built sees every attempt. While it is still the standard
// transport, the SDK's shared pool is used instead.
type defaultRoundTripper struct{}

func (defaultRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	rt := http.DefaultTransport
	if t, ok := rt.(*http.Transport); rt == nil || (ok && (t == stdTransport || t == nil)) {
		rt = sharedPool()
	}
	return rt.RoundTrip(req)
}

// clientRoundTripper sends through the Transport the caller's http.Client
// has at each attempt, so that swapping it (httpmock.ActivateNonDefault)
// takes effect before or after the SDK's client was built, with the
// cookies of the Jar it has at that moment.
type clientRoundTripper struct{ hc *http.Client }

func (c clientRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	rt := c.hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if t, ok := rt.(*http.Transport); rt == nil || (ok && t == nil) {
		return nil, errNoTransport
	}
	jar := c.hc.Jar
	if jar == nil {
		return rt.RoundTrip(req)
	}
	// The jar is applied here, to a copy of each attempt's request, rather
	// than by http.Client, which adds the cookies to the request's header:
	// shared by the attempts of a call, it would repeat them on each retry.
	if cookies := jar.Cookies(req.URL); len(cookies) > 0 {
		req = req.Clone(req.Context())
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
	}
	resp, err := rt.RoundTrip(req)
	if err == nil && resp != nil {
		if set := resp.Cookies(); len(set) > 0 {
			jar.SetCookies(req.URL, set)
		}
	}
	return resp, err
}

var errNoTransport = errors.New("no http.RoundTripper: the http.Client's Transport and http.DefaultTransport are both nil")

// noRedirect returns a 3xx as it is rather than following it: the API does
// not redirect, and a followed POST would turn into a GET without its body.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// newHTTPClient builds the http.Client each attempt goes through: the
// caller's transport, read at each attempt, with logging, rate limiting and
// timeouts. It has no CloseIdleConnections, which retryablehttp would call
// whenever a call gives up, and no http.Client.Timeout, which costs a timer
// and two goroutines per request.
func newHTTPClient(cfg Config) *http.Client {
	at := &attemptTransport{logger: cfg.Logger, limiter: cfg.Limiter, timeout: cfg.Timeout}
	hc := cfg.HTTPClient
	if hc == nil {
		at.base = defaultRoundTripper{}
		return &http.Client{Transport: at, CheckRedirect: noRedirect}
	}
	at.base = clientRoundTripper{hc}
	if cfg.Timeout <= 0 {
		at.clientTimeout = hc
	}
	return &http.Client{
		Transport: at,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if f := hc.CheckRedirect; f != nil {
				return f(req, via)
			}
			return http.ErrUseLastResponse
		},
	}
}

// attemptTransport waits for the rate limiter, bounds each attempt by the
// per-attempt timeout, counts attempts and logs each one.
type attemptTransport struct {
	base    http.RoundTripper
	logger  *slog.Logger
	limiter Limiter
	timeout time.Duration // per attempt, reading the body included; 0: none
	// clientTimeout, when set, supplies the timeout instead: its Timeout
	// read at each attempt.
	clientTimeout *http.Client
}

func (a *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// The per-attempt timeout starts after the rate limiter's wait.
	if a.limiter != nil {
		if err := a.limiter.Wait(req.Context()); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			return nil, &limiterError{err: err}
		}
	}
	timeout := a.timeout
	if a.clientTimeout != nil {
		timeout = a.clientTimeout.Timeout
	}
	if timeout <= 0 {
		return a.attempt(req)
	}
	// Like http.Client.Timeout, the deadline covers the exchange and reading
	// the body: it is released when the body is closed.
	parent := req.Context()
	ctx, cancel := context.WithTimeout(parent, timeout)
	resp, err := a.attempt(req.WithContext(ctx))
	if err != nil {
		cancel()
		if errors.Is(err, context.DeadlineExceeded) && parent.Err() == nil {
			err = &attemptTimeout{err: err, timeout: timeout}
		}
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel, timeout: timeout}
	return resp, nil
}

// attemptTimeout reports an attempt out of time: a timeout net.Error that
// matches context.DeadlineExceeded.
type attemptTimeout struct {
	err     error
	timeout time.Duration
}

func (e *attemptTimeout) Error() string {
	if e.timeout <= 0 {
		return fmt.Sprintf("%v (per-attempt timeout exceeded)", e.err)
	}
	return fmt.Sprintf("%v (per-attempt timeout of %v exceeded)", e.err, e.timeout)
}
func (e *attemptTimeout) Unwrap() error   { return e.err }
func (e *attemptTimeout) Timeout() bool   { return true }
func (e *attemptTimeout) Temporary() bool { return true }

// cancelOnClose releases an attempt's deadline when its body is closed,
// and reports a read the deadline cuts off as the attempt's timeout (the
// end of the call's own context is told apart by checkRetry, which reads
// the body).
type cancelOnClose struct {
	io.ReadCloser
	cancel  context.CancelFunc
	timeout time.Duration
}

func (b *cancelOnClose) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, context.DeadlineExceeded) {
		err = &attemptTimeout{err: err, timeout: b.timeout}
	}
	return n, err
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

func (a *attemptTransport) attempt(req *http.Request) (*http.Response, error) {
	attempt := 1
	if st := stateOf(req.Context()); st != nil {
		st.attempts++
		attempt = st.attempts
	}
	var start time.Time
	if a.logger != nil {
		start = time.Now()
	}
	resp, err := a.base.RoundTrip(req)
	if err == nil && resp == nil {
		err = errNilResponse
	}
	if err == nil {
		if resp.Body == nil {
			resp.Body = http.NoBody
		}
		// Backoff finds the call's state through the response's request.
		resp.Request = req
	}
	if a.logger != nil {
		a.log(req, attempt, start, resp, err)
	}
	return resp, err
}

var errNilResponse = errors.New("http.RoundTripper returned neither a response nor an error")

func (a *attemptTransport) log(req *http.Request, attempt int, start time.Time, resp *http.Response, err error) {
	level := slog.LevelDebug
	if err != nil || resp.StatusCode >= 400 {
		level = slog.LevelWarn
	}
	if !a.logger.Enabled(req.Context(), level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.Int("attempt", attempt),
		slog.Duration("duration", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", errorClass(err)))
	} else {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	a.logger.LogAttrs(req.Context(), level, "chargebee request", attrs...)
}

// errorClass describes a transport error without its message, which may
// repeat the URL.
func errorClass(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed"
	default:
		return "connection error"
	}
}
