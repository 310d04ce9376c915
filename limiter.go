package chargebee

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"
)

// Limiter is a rate budget that every attempt of a call passes through,
// retries included. Wait blocks until the attempt may be sent and returns
// nil, or returns an error that fails the call without sending it: the
// context's error when ctx ends first (at once, not when a wait would have
// ended), or the limiter's own error (for a shared limiter whose store is
// unreachable, for example). An error from Wait is not retried.
//
// WithRateLimit builds an in-process Limiter; the redis module
// (github.com/billingkit/chargebee-go/redis) provides one shared by every
// replica of a service.
type Limiter interface {
	Wait(ctx context.Context) error
}

// WithRateLimiter makes every attempt of the client's calls wait on l.
// Clients given the same l share its budget. A nil l removes the limit. Of
// WithRateLimit and WithRateLimiter, the last one given wins.
func WithRateLimiter(l Limiter) Option {
	return func(c *config) { c.Limiter, c.rateRPS, c.rateBurst = l, 0, 0 }
}

// WithRateLimit limits the client to rps requests per second with bursts of
// burst (0 means 1), shared by all goroutines using the client. Every
// attempt, retries included, waits for its turn. It is the in-process
// Limiter, on golang.org/x/time/rate; for a budget shared by several
// processes, see WithRateLimiter. Default: no limit.
func WithRateLimit(rps float64, burst int) Option {
	return func(c *config) { c.Limiter, c.rateRPS, c.rateBurst = nil, rps, burst }
}

// localLimiter is the in-process Limiter of WithRateLimit.
type localLimiter struct {
	l *rate.Limiter
}

// Wait waits for the next turn. A wait that would outlast the context's
// deadline fails at once with an error matching context.DeadlineExceeded
// rather than sleeping until the deadline.
func (l *localLimiter) Wait(ctx context.Context) error {
	err := l.l.Wait(ctx)
	if err == nil {
		return nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	if _, ok := ctx.Deadline(); ok {
		return fmt.Errorf("%w: the rate limit's wait is longer than the time left", context.DeadlineExceeded)
	}
	return err
}
