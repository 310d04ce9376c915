package redis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"
	goredis "github.com/redis/go-redis/v9"

	"github.com/billingkit/chargebee-go"
)

// Limiter is a chargebee.Limiter whose budget lives in Redis, shared by
// every Limiter (in any process) built with the same Redis key. The budget
// is a GCRA (generic cell rate algorithm) run atomically by Redis on its
// own clock: perMinute requests a minute, evenly spaced, with at most burst
// of them at once. A Wait that is refused sleeps for as long as Redis says
// the next turn is away and asks again; it never polls. It is safe for
// concurrent use.
type Limiter struct {
	rl       *redis_rate.Limiter
	key      string
	limit    redis_rate.Limit
	fallback chargebee.Limiter
}

var _ chargebee.Limiter = (*Limiter)(nil)

// LimiterOption configures NewLimiter.
type LimiterOption func(*Limiter)

// WithBurst lets up to n requests go at once when the budget has been idle.
// Default: a tenth of a second's worth of the budget (perMinute/600, at
// least 1). Any minute sees at most perMinute + n - 1 requests. The burst
// also keeps the throughput at the budget when waiters come back to Redis a
// little late (up to n-1 intervals late); with n = 1 every late millisecond
// is lost.
func WithBurst(n int) LimiterOption {
	return func(l *Limiter) { l.limit.Burst = n }
}

// WithFallback makes Wait wait on fallback when Redis cannot be reached,
// instead of failing the call. Give it this process's share of the budget,
// for example rate.NewLimiter(rate.Limit(perSecond/replicas), 1) from
// golang.org/x/time/rate, which is a chargebee.Limiter. Each Wait still
// asks Redis first, so keep the Redis client's dial and read timeouts short
// when an outage should not slow every call down. Default: none, and Wait
// returns an *UnavailableError.
func WithFallback(fallback chargebee.Limiter) LimiterOption {
	return func(l *Limiter) { l.fallback = fallback }
}

// NewLimiter returns a Limiter allowing perMinute requests a minute to all
// Limiters sharing key, stored in rdb (a *goredis.Client,
// *goredis.ClusterClient or other UniversalClient) under "rate:" + key.
// Give every replica the same key and perMinute.
func NewLimiter(rdb goredis.UniversalClient, key string, perMinute int, opts ...LimiterOption) (*Limiter, error) {
	if rdb == nil {
		return nil, errors.New("chargebee redis: NewLimiter needs a Redis client")
	}
	if key == "" {
		return nil, errors.New("chargebee redis: NewLimiter needs a key")
	}
	if perMinute <= 0 {
		return nil, fmt.Errorf("chargebee redis: NewLimiter needs perMinute > 0, got %d", perMinute)
	}
	l := &Limiter{
		rl:    redis_rate.NewLimiter(rdb),
		key:   key,
		limit: redis_rate.Limit{Rate: perMinute, Period: time.Minute, Burst: max(1, perMinute/600)},
	}
	for _, o := range opts {
		if o != nil {
			o(l)
		}
	}
	if l.limit.Burst < 1 {
		return nil, fmt.Errorf("chargebee redis: the burst must be at least 1, got %d", l.limit.Burst)
	}
	return l, nil
}

// Wait blocks until the shared budget allows one request, or ctx ends. It
// returns ctx's error when ctx ends first, at once; an error matching
// context.DeadlineExceeded without waiting when the next turn lies beyond
// ctx's deadline; and, when Redis cannot answer, an *UnavailableError, or the
// fallback's answer when WithFallback was given.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		res, err := l.rl.Allow(ctx, l.key, l.limit)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			if l.fallback != nil {
				return l.fallback.Wait(ctx)
			}
			return &UnavailableError{Op: "rate limit", Err: err}
		}
		if res.Allowed > 0 {
			return nil
		}
		// Redis says how far away the next turn is; sleep that long (at
		// least a millisecond, so that a zero answer cannot spin).
		wait := max(res.RetryAfter, time.Millisecond)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return fmt.Errorf("%w: the next turn of the shared rate budget is %v away", context.DeadlineExceeded, wait)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
}
