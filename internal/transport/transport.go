// Package transport sends Chargebee API requests over go-retryablehttp with
// the SDK's retry policy, per-attempt timeouts, logging and rate limiting.
//
// It knows nothing of Chargebee's JSON: it returns the final status, headers
// and body of a call, and the root package turns those into results or errors.
package transport

import (
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
	Limiter      Limiter       // nil: no client-side rate limit
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
	// Body is the response body. It stays valid until Release.
	Body     []byte
	Attempts int
	// RetryAfter is the wait the final response asked for, or zero.
	RetryAfter time.Duration

	buf *[]byte
}

// Release hands the body's buffer back for reuse by later calls. Body must
// not be used, nor kept, after it. Calling Release is optional: a result
// that is never released is simply collected as garbage.
func (r *Result) Release() {
	if r != nil && r.buf != nil {
		putBody(r.buf)
		r.buf, r.Body = nil, nil
	}
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
	body       *[]byte // the last attempt's body, from bodyPool
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
	at := &attemptTransport{base: base, logger: cfg.Logger, limiter: cfg.Limiter}
	if cfg.Timeout > 0 {
		// The attempt's deadline is set by attemptTransport rather than
		// through http.Client.Timeout: for a RoundTripper it does not know,
		// http.Client enforces its Timeout with a timer, a goroutine and the
		// legacy Request.Cancel channel (one more goroutine in
		// http.Transport) on every request.
		at.timeout = cfg.Timeout
		c.Timeout = 0
	}
	c.Transport = at
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
	resp, err := t.retryClient(ctx).Do(req)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if err != nil {
		if st.body != nil {
			putBody(st.body)
			st.body = nil
		}
		// Strip the URL (and its query) first, then name the context's end.
		err = cleanErr(err)
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (%v)", ctxErr, err)
		}
		return nil, &AttemptError{Method: r.Method, Path: r.URL.Path, Attempts: max(st.attempts, 1), Err: err}
	}
	res := &Result{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		Attempts:   max(st.attempts, 1),
		RetryAfter: st.retryAfter,
		buf:        st.body,
	}
	if st.body != nil {
		res.Body = *st.body
	}
	return res, nil
}

// AttemptError reports a call that got no HTTP response on its last attempt.
// It names the method and path only: never the query, which may carry
// personal data, nor any header.
type AttemptError struct {
	Method, Path string
	Attempts     int
	Err          error
}

// Error names the call, the attempts and the cause; chargebee.ConnectionError
// reads the same.
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
		var le *limiterError
		if errors.As(err, &le) {
			return false, err
		}
		return st.retryable && retryableConnErr(err), err
	}
	// Only the last attempt's body is kept.
	if st.body != nil {
		putBody(st.body)
		st.body = nil
	}
	body, rerr := readBody(resp.Body, resp.ContentLength)
	// The body is kept in the call state; the response carries none any
	// more, so nothing downstream can leave it open.
	resp.Body = http.NoBody
	if rerr != nil {
		putBody(body)
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
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

// readBody reads and closes a response body, at most MaxBodyBytes of it,
// into a buffer from bodyPool. A body of known length is read in one go
// (net/http reports EOF with the last bytes, which releases the connection
// for reuse); a shorter body is an error.
func readBody(rc io.ReadCloser, length int64) (*[]byte, error) {
	defer rc.Close()
	bp := bodyPool.Get().(*[]byte)
	b := (*bp)[:0]
	// A declared length is trusted for one exact allocation only up to
	// maxPrealloc: a broken or hostile server cannot make the client set
	// aside more memory than it actually sends.
	if length > 0 && length <= maxPrealloc {
		if int64(cap(b)) < length {
			b = make([]byte, 0, length)
		}
		n, err := io.ReadFull(rc, b[:length])
		*bp = b[:n]
		return bp, err
	}
	lr := io.LimitedReader{R: rc, N: MaxBodyBytes}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			*bp = b
			if err == io.EOF {
				err = nil
			}
			return bp, err
		}
	}
}

// maxPrealloc bounds the buffer allocated up front from Content-Length.
const maxPrealloc = 4 << 20

// maxPooledBody bounds the buffers kept for reuse, so that one huge
// response does not stay in memory.
const maxPooledBody = 1 << 20

// bodyPool holds response body buffers.
var bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

func putBody(bp *[]byte) {
	if cap(*bp) <= maxPooledBody {
		*bp = (*bp)[:0]
		bodyPool.Put(bp)
	}
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
// bounds each attempt by the per-attempt timeout, counts attempts and logs
// each one.
type attemptTransport struct {
	base    http.RoundTripper
	logger  *slog.Logger
	limiter Limiter
	timeout time.Duration // per attempt, reading the body included; 0: none
}

func (a *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// The wait for the rate limiter is bounded by the call's context only:
	// the per-attempt timeout starts when the attempt may be sent.
	if a.limiter != nil {
		if err := a.limiter.Wait(req.Context()); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			return nil, &limiterError{err: err}
		}
	}
	if a.timeout <= 0 {
		return a.attempt(req)
	}
	// Like http.Client.Timeout, the deadline covers the exchange and reading
	// the body: it is released when the body is closed.
	parent := req.Context()
	ctx, cancel := context.WithTimeout(parent, a.timeout)
	resp, err := a.attempt(req.WithContext(ctx))
	if err != nil {
		cancel()
		if errors.Is(err, context.DeadlineExceeded) && parent.Err() == nil {
			err = &attemptTimeout{err: err, timeout: a.timeout}
		}
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// attemptTimeout reports an attempt that ran out of its per-attempt time
// before the response headers arrived. Like the error of
// http.Client.Timeout, it is a timeout net.Error and matches
// context.DeadlineExceeded.
type attemptTimeout struct {
	err     error
	timeout time.Duration
}

func (e *attemptTimeout) Error() string {
	return fmt.Sprintf("%v (per-attempt timeout of %v exceeded while awaiting headers)", e.err, e.timeout)
}
func (e *attemptTimeout) Unwrap() error   { return e.err }
func (e *attemptTimeout) Timeout() bool   { return true }
func (e *attemptTimeout) Temporary() bool { return true }

// cancelOnClose releases an attempt's deadline when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// attempt sends one attempt.
func (a *attemptTransport) attempt(req *http.Request) (*http.Response, error) {
	st, _ := req.Context().Value(stateKey{}).(*callState)
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

// Limiter is a rate budget each attempt waits on (chargebee.Limiter).
type Limiter interface {
	Wait(ctx context.Context) error
}

// limiterError carries the error of a Limiter's Wait: the attempt was never
// sent, and the call ends with it rather than being retried.
type limiterError struct{ err error }

func (e *limiterError) Error() string { return e.err.Error() }
func (e *limiterError) Unwrap() error { return e.err }
