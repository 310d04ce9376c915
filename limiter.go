package chargebee

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"
)

// Limiter is a rate budget that every attempt of a call, retries included,
// passes through. Wait blocks until the attempt may be sent, or returns an
// error (the context's at once when ctx ends, or its own) that fails the
// call unsent and unretried. WithRateLimit builds an in-process Limiter; the
// redis module (github.com/billingkit/chargebee-go/redis) one shared by
// replicas.
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
// burst (0 means 1), shared by its goroutines and applied to every attempt.
// Default: no limit.
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
