// Package transport sends Chargebee API requests over go-retryablehttp with
// the SDK's retry policy, per-attempt timeouts, logging and rate limiting.
//
// It knows nothing of Chargebee's JSON: it returns the final status, headers
// and body of a call, and the root package turns those into results or errors.
package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Defaults used when the caller sets nothing.
const (
	DefaultMaxRetries   = 3
	DefaultRetryWaitMin = 500 * time.Millisecond
	DefaultRetryWaitMax = 10 * time.Second
	DefaultTimeout      = 60 * time.Second
	// MaxBodyBytes bounds how much of a response body is read.
	MaxBodyBytes = 64 << 20
)

// Config configures a Transport.
type Config struct {
	HTTPClient   *http.Client // nil: a pooled client of the package's own
	MaxRetries   int          // retries after the first attempt; 0 disables them
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration // raised to RetryWaitMin when below it
	Timeout      time.Duration // per attempt; 0 keeps HTTPClient.Timeout
	Logger       *slog.Logger  // nil: silent
	Limiter      *Limiter      // nil: no client-side rate limit
}

// Request is one logical API call.
type Request struct {
	Method string
	URL    *url.URL
	Header http.Header
	Body   []byte // form body for POST; nil for GET
	// Retryable allows retries (GET, or POST with an idempotency key).
	Retryable bool
}

// Result is the final response of a call after all attempts.
type Result struct {
	StatusCode int
	Header     http.Header
	Body       []byte
	Attempts   int
	// RetryAfter is the wait the final response asked for, or zero.
	RetryAfter time.Duration
}

// Transport performs calls. It is safe for concurrent use.
type Transport struct {
	rc     *retryablehttp.Client
	logger *slog.Logger
}

// callState travels in the request context and collects what the attempts of
// one call saw.
type callState struct {
	retryable  bool
	attempts   int
	body       []byte
	retryAfter time.Duration
	path       string
	method     string
}

type stateKey struct{}

// NewPooledClient returns an *http.Client whose transport keeps enough idle
// connections per host for heavy concurrent use of one client, so that
// connections are reused rather than churned.
func NewPooledClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	t.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: t}
}

// New builds a Transport from cfg.
func New(cfg Config) *Transport {
	hc := cfg.HTTPClient
	if hc == nil {
		hc = NewPooledClient()
	}
	// Work on a copy so that the caller's client is not modified, and wrap its
	// transport so that per-attempt logging and rate limiting happen on every
	// attempt. The wrapper deliberately has no CloseIdleConnections method:
	// retryablehttp calls http.Client.CloseIdleConnections whenever a call
	// gives up, which would otherwise close the idle connections that other
	// goroutines are about to reuse.
	c := *hc
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = &attemptTransport{base: base, logger: cfg.Logger, limiter: cfg.Limiter}
	if cfg.Timeout > 0 {
		c.Timeout = cfg.Timeout
	}
	if c.CheckRedirect == nil {
		// The API does not redirect; a 3xx is returned as it is rather than
		// followed (a followed POST would turn into a GET without its body).
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	minWait, maxWait := max(cfg.RetryWaitMin, 0), cfg.RetryWaitMax
	if maxWait < minWait {
		maxWait = minWait
	}
	rc := &retryablehttp.Client{
		HTTPClient:   &c,
		Logger:       nil, // retryablehttp's own logging is off; attempts are logged by attemptTransport
		RetryWaitMin: minWait,
		RetryWaitMax: maxWait,
		RetryMax:     max(cfg.MaxRetries, 0),
		CheckRetry:   checkRetry,
		Backoff:      Backoff,
		ErrorHandler: passThrough,
	}
	return &Transport{rc: rc, logger: cfg.Logger}
}

// passThrough hands the last response and error back unchanged so that the
// caller sees the real final response.
func passThrough(resp *http.Response, err error, _ int) (*http.Response, error) {
	return resp, err
}

// Do performs the call, retrying per the policy, and returns the final
// response. A non-nil error means no response was received on the last
// attempt (connection error, timeout, cancelled context).
func (t *Transport) Do(ctx context.Context, r *Request) (*Result, error) {
	st := &callState{retryable: r.Retryable, path: r.URL.Path, method: r.Method}
	ctx = context.WithValue(ctx, stateKey{}, st)
	var body any
	if r.Body != nil {
		body = r.Body // []byte: every attempt reads the same bytes
	}
	// The URL is set directly rather than formatted and parsed again; a
	// parse error would also repeat the query in its message.
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, "", body)
	if err != nil {
		return nil, err
	}
	req.URL = r.URL
	req.Host = r.URL.Host
	req.Header = r.Header
	resp, err := t.rc.Do(req)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (%v)", ctxErr, err)
		}
		return nil, &AttemptError{Method: r.Method, Path: r.URL.Path, Attempts: max(st.attempts, 1), Err: cleanErr(err)}
	}
	return &Result{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		Body:       st.body,
		Attempts:   max(st.attempts, 1),
		RetryAfter: st.retryAfter,
	}, nil
}

// AttemptError reports a call that got no HTTP response on its last attempt.
// It names the method and path only: never the query, which may carry
// personal data, nor any header.
type AttemptError struct {
	Method, Path string
	Attempts     int
	Err          error
}

func (e *AttemptError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("chargebee: %s %s failed after %d attempts: %v", e.Method, e.Path, e.Attempts, e.Err)
	}
	return fmt.Sprintf("chargebee: %s %s failed: %v", e.Method, e.Path, e.Err)
}

func (e *AttemptError) Unwrap() error { return e.Err }

// cleanErr strips *url.Error, whose message repeats the full URL with its
// query string, keeping the underlying cause for errors.Is and errors.As.
func cleanErr(err error) error {
	var ue *url.Error
	for errors.As(err, &ue) {
		if ue.Err == nil {
			return errors.New(ue.Op)
		}
		err = ue.Err
	}
	return err
}

// checkRetry is the retry policy. It also reads the whole response body, so a
// body that stalls or breaks mid-way counts as a failed attempt like any
// connection error, and the final body is kept for the caller.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	st, _ := ctx.Value(stateKey{}).(*callState)
	if st == nil {
		st = &callState{}
	}
	if err != nil {
		return st.retryable && retryableConnErr(err), err
	}
	body, rerr := readBody(resp.Body, resp.ContentLength)
	// The body is kept in the call state; the response carries none any
	// more, so nothing downstream can leave it open.
	resp.Body = http.NoBody
	if rerr != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		st.body = nil
		return st.retryable, fmt.Errorf("reading response body: %w", cleanErr(rerr))
	}
	st.body = body
	st.retryAfter = 0
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		st.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	if resp.StatusCode == http.StatusTooManyRequests || (resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented) {
		return st.retryable, nil
	}
	return false, nil
}

// readBody reads and closes a response body, at most MaxBodyBytes of it. A
// body of known length is read into one buffer of that size (net/http
// reports EOF with the last bytes, which releases the connection for reuse);
// a shorter body is an error.
func readBody(rc io.ReadCloser, length int64) ([]byte, error) {
	defer rc.Close()
	if length > 0 && length <= MaxBodyBytes {
		b := make([]byte, length)
		n, err := io.ReadFull(rc, b)
		return b[:n], err
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(io.LimitReader(rc, MaxBodyBytes))
	return buf.Bytes(), err
}

// retryableConnErr excludes failures that another attempt cannot fix: bad
// URLs, invalid headers, TLS certificate problems and unknown hosts.
func retryableConnErr(err error) bool {
	msg := err.Error()
	for _, permanent := range []string{"unsupported protocol scheme", "certificate", "invalid header field", "x509:"} {
		if strings.Contains(msg, permanent) {
			return false
		}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	return true
}

// parseRetryAfter reads a Retry-After value: delay seconds (fractions
// accepted) or an HTTP date. Negative, past, unparsable or absurd values give
// zero or a bounded value; the caller caps the wait at its maximum.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	const limit = 24 * time.Hour
	// A number too large for a float64 (a long run of digits is valid
	// delay-seconds) parses as +Inf with ErrRange: it asks for a long wait,
	// not none.
	if secs, err := strconv.ParseFloat(v, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if math.IsNaN(secs) || secs <= 0 {
			return 0
		}
		if secs >= limit.Seconds() {
			return limit
		}
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d <= 0 {
			return 0
		}
		return min(d, limit)
	}
	return 0
}

// Backoff returns the wait before the attempt after attemptNum (0-based):
// exponential from min with full jitter in its upper half, capped at max. A
// Retry-After on a 429 or 503 response replaces the computed wait, capped at
// max as well.
func Backoff(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if ra := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ra > 0 {
			return min(ra, maxWait)
		}
	}
	wait := float64(minWait) * math.Pow(2, float64(attemptNum))
	if wait > float64(maxWait) || math.IsInf(wait, 0) {
		wait = float64(maxWait)
	}
	half := wait / 2
	d := time.Duration(half + rand.Float64()*half)
	return max(min(d, maxWait), minWait)
}

// attemptTransport wraps the HTTP transport: it waits for the rate limiter,
// counts attempts and logs each one.
type attemptTransport struct {
	base    http.RoundTripper
	logger  *slog.Logger
	limiter *Limiter
}

func (a *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st, _ := req.Context().Value(stateKey{}).(*callState)
	if a.limiter != nil {
		if err := a.limiter.Wait(req.Context()); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			return nil, err
		}
	}
	attempt := 1
	if st != nil {
		st.attempts++
		attempt = st.attempts
	}
	if a.logger == nil {
		return a.base.RoundTrip(req)
	}
	start := time.Now()
	resp, err := a.base.RoundTrip(req)
	level := slog.LevelDebug
	if err != nil || resp.StatusCode >= 400 {
		level = slog.LevelWarn
	}
	if !a.logger.Enabled(req.Context(), level) {
		return resp, err
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
	return resp, err
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

// Limiter is a token bucket shared by all goroutines using one client.
type Limiter struct {
	mu     sync.Mutex
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
}

// NewLimiter allows rps requests per second with bursts of up to burst.
func NewLimiter(rps float64, burst int) *Limiter {
	if burst < 1 {
		burst = 1
	}
	return &Limiter{rate: rps, burst: float64(burst), tokens: float64(burst), last: time.Now()}
}

// Wait blocks until a token is available or ctx is done.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		now := time.Now()
		l.tokens = math.Min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
		l.last = now
		if l.tokens >= 1 {
			l.tokens--
			l.mu.Unlock()
			return nil
		}
		wait := time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
		l.mu.Unlock()
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
}
