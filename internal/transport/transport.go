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
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Defaults used when the caller sets nothing.
const (
	DefaultMaxRetries   = 3
	DefaultRetryWaitMin = 500 * time.Millisecond
	DefaultRetryWaitMax = 10 * time.Second
	DefaultTimeout      = 60 * time.Second
	// MaxBodyBytes bounds how much of a response body is read. It is a
	// whole number of MiB, the unit the error texts state it in.
	MaxBodyBytes = 64 << 20
)

// Config configures a Transport.
type Config struct {
	HTTPClient   *http.Client  // the caller's, read as it is at each attempt (see chargebee.WithHTTPClient)
	MaxRetries   int           // retries after the first attempt; 0 disables them
	RetryWaitMin time.Duration // the backoff starts here
	RetryWaitMax time.Duration // raised to RetryWaitMin when below it
	Timeout      time.Duration // per attempt; 0 uses HTTPClient.Timeout, read at each attempt
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

// Result is what a call got back: the final response, or, after a failed
// Do, Attempts (0 when nothing was sent) and the last response if any
// (StatusCode != 0).
type Result struct {
	StatusCode int
	Header     http.Header
	Body       []byte // valid until Release
	Attempts   int
	RetryAfter time.Duration // the wait the response asked for, or zero
	buf        *[]byte
}

// Release hands the body's buffer back for reuse; Body must not be used
// after it. Calling it is optional.
func (r *Result) Release() {
	if r != nil && r.buf != nil {
		putBody(r.buf)
		r.buf, r.Body = nil, nil
	}
}

// Transport performs calls. It is safe for concurrent use.
type Transport struct {
	rc *retryablehttp.Client
}

// callState travels in the request context and collects what the attempts of
// one call saw.
type callState struct {
	retryable bool
	attempts  int
	// last is the last response whose body was read whole (or found too
	// large), its buffer from bodyPool.
	last Result
	// wait is the Retry-After of the latest response, read by Backoff.
	wait time.Duration
}

type stateKey struct{}

func stateOf(ctx context.Context) *callState {
	st, _ := ctx.Value(stateKey{}).(*callState)
	return st
}

// keep makes a read response, with the Retry-After in st.wait, the call's
// last one, releasing the previous body.
func (st *callState) keep(resp *http.Response, body *[]byte) {
	putBody(st.last.buf)
	st.last = Result{StatusCode: resp.StatusCode, Header: resp.Header, RetryAfter: st.wait, buf: body}
}

// result reports the state as a Result, handing over the body's buffer.
func (st *callState) result() *Result {
	res := st.last
	res.Attempts = st.attempts
	if res.buf != nil {
		res.Body = *res.buf
	}
	st.last.buf = nil
	return &res
}

// New builds a Transport from cfg.
func New(cfg Config) *Transport {
	minWait := max(cfg.RetryWaitMin, 0)
	return &Transport{rc: newRetryClient(newHTTPClient(cfg), minWait, max(cfg.RetryWaitMax, minWait), max(cfg.MaxRetries, 0), Backoff)}
}

// newRetryClient returns the retry loop around hc, without retryablehttp's
// logging, handing the last response and error back unchanged.
func newRetryClient(hc *http.Client, minWait, maxWait time.Duration, retries int, backoff retryablehttp.Backoff) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   hc,
		RetryWaitMin: minWait,
		RetryWaitMax: maxWait,
		RetryMax:     retries,
		CheckRetry:   checkRetry,
		Backoff:      backoff,
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) { return resp, err },
	}
}

// Do performs the call, retrying per the policy. A nil error means res is
// the final response; otherwise the last attempt got none, a 2xx body was over
// MaxBodyBytes (ErrBodyTooLarge), or the context ended (the error matches
// it). res is never nil.
func (t *Transport) Do(ctx context.Context, r *Request) (*Result, error) {
	st := &callState{retryable: r.Retryable}
	ctx = context.WithValue(ctx, stateKey{}, st)
	var body any
	if r.Body != nil {
		body = r.Body // []byte: every attempt reads the same bytes
	}
	// The URL is set directly: parsing it again could quote its query.
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, "", body)
	if err != nil {
		return &Result{}, err
	}
	req.URL = r.URL
	req.Host = r.URL.Host
	req.Header = r.Header
	resp, err := t.retryClient(ctx).Do(req)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	res := st.result()
	if err != nil {
		// Strip the URL (and its query) first, then name the context's end.
		err = cleanErr(err)
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (%v)", ctxErr, err)
		}
	}
	return res, err
}

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

// Limiter is a rate budget each attempt waits on (chargebee.Limiter).
type Limiter interface {
	Wait(ctx context.Context) error
}

// limiterError carries a Limiter's error: the call ends unsent, unretried.
type limiterError struct{ err error }

func (e *limiterError) Error() string { return e.err.Error() }
func (e *limiterError) Unwrap() error { return e.err }
