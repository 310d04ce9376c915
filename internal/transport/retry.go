package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// RetryableStatus reports whether a response status is retried: 429 and
// every 5xx except 501 Not Implemented.
func RetryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || (status >= 500 && status <= 599 && status != http.StatusNotImplemented)
}

// Transient reports whether err, an attempt's failure to get a response, is
// a passing network failure: a refused, reset or closed connection, an EOF,
// a timeout, a temporary DNS failure. A mock's error, a bad URL or host, a
// certificate problem, a limiter's error or the caller's context's end is
// not.
func Transient(err error) bool {
	var at *attemptTimeout
	var le *limiterError
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.As(err, &le):
		return false // a Limiter's error ends the call: nothing was sent
	case errors.As(err, &at):
		return true
	case errors.Is(err, context.DeadlineExceeded), certificateError(err):
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTimeout || dnsErr.IsTemporary
	}
	var ne net.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &ne) && ne.Timeout(), errors.As(err, &oe):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ETIMEDOUT):
		return true
	}
	// net/http reports these with errors of unexported types.
	msg := err.Error()
	for _, s := range []string{"server closed idle connection", "transport connection broken", "http2: client connection lost", "GOAWAY"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func certificateError(err error) bool {
	var (
		cve *tls.CertificateVerificationError
		uae x509.UnknownAuthorityError
		he  x509.HostnameError
		cie x509.CertificateInvalidError
	)
	return errors.As(err, &cve) || errors.As(err, &uae) || errors.As(err, &he) || errors.As(err, &cie) ||
		strings.Contains(err.Error(), "x509:")
}

// checkRetry is the retry policy. It also reads the whole body, so that one
// that breaks mid-way fails the attempt like a connection error.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	st := stateOf(ctx)
	if st == nil {
		st = &callState{}
	}
	if err != nil {
		return st.retryable && Transient(cleanErr(err)), err
	}
	st.wait = retryAfterOf(resp) // read by Backoff, also when the body fails
	body, rerr := readBody(resp.Body, resp.ContentLength, MaxBodyBytes)
	// The body is kept in the call state; nothing downstream can leave it open.
	resp.Body = http.NoBody
	if rerr != nil {
		putBody(body)
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		if errors.Is(rerr, ErrBodyTooLarge) {
			// An error status stays that status, without its body.
			st.keep(resp, nil)
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				return st.retryable && RetryableStatus(resp.StatusCode), nil
			}
			return false, rerr
		}
		rerr = cleanErr(rerr)
		return st.retryable && Transient(rerr), fmt.Errorf("reading response body: %w", rerr)
	}
	st.keep(resp, body)
	return st.retryable && RetryableStatus(resp.StatusCode), nil
}

// retryAfterOf returns the wait a response asks for in its Retry-After
// header, or zero. It is honoured on every status that is retried.
func retryAfterOf(resp *http.Response) time.Duration {
	return parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
}

// parseRetryAfter reads a Retry-After value, delay seconds (fractions
// accepted) or an HTTP date, as a wait of zero to 24 hours.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	const limit = 24 * time.Hour
	// Too many digits for a float64 give +Inf and ErrRange: a long wait.
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
// exponential from min, jittered in its upper half, or the response's
// Retry-After (as checkRetry parsed it, within a call), capped at max.
func Backoff(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	var ra time.Duration
	switch {
	case resp != nil && resp.Request != nil && stateOf(resp.Request.Context()) != nil:
		ra = stateOf(resp.Request.Context()).wait
	case resp != nil:
		ra = retryAfterOf(resp)
	}
	if ra > 0 {
		return min(ra, maxWait)
	}
	wait := float64(minWait) * math.Pow(2, float64(attemptNum))
	if wait > float64(maxWait) || math.IsInf(wait, 0) {
		wait = float64(maxWait)
	}
	half := wait / 2
	d := time.Duration(half + rand.Float64()*half)
	return max(min(d, maxWait), minWait)
}
