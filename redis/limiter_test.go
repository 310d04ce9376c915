package redis_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	cbredis "github.com/billingkit/chargebee-go/redis"
	"github.com/billingkit/chargebee-go/redis/internal/redisserver"
)

// evalCounter is a go-redis hook counting the scripts a client runs.
type evalCounter struct{ n atomic.Int64 }

func (c *evalCounter) DialHook(next goredis.DialHook) goredis.DialHook { return next }
func (c *evalCounter) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		switch cmd.Name() {
		case "eval", "evalsha":
			c.n.Add(1)
		}
		return next(ctx, cmd)
	}
}
func (c *evalCounter) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return next
}

// replicaClient is a go-redis client of its own, as a replica would have.
func replicaClient(t *testing.T, srv *redisserver.Server) *goredis.Client {
	t.Helper()
	c := srv.Client()
	t.Cleanup(func() { c.Close() })
	return c
}

func newLimiter(t *testing.T, rdb goredis.UniversalClient, key string, perMinute int, opts ...cbredis.LimiterOption) *cbredis.Limiter {
	t.Helper()
	l, err := cbredis.NewLimiter(rdb, key, perMinute, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Three replicas with their own Redis clients share one budget: together
// they wait as long as one limiter would, and a refused Wait sleeps until
// the turn Redis names rather than polling.
func TestLimiterSharedByReplicas(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	const replicas, waitsEach = 3, 5
	counter := &evalCounter{}
	limiters := make([]*cbredis.Limiter, replicas)
	for i := range limiters {
		rdb := replicaClient(t, srv)
		rdb.AddHook(counter)
		// 600 a minute: one turn every 100ms, no burst.
		limiters[i] = newLimiter(t, rdb, "shared", 600, cbredis.WithBurst(1))
	}
	start := time.Now()
	var wg sync.WaitGroup
	for _, l := range limiters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < waitsEach; i++ {
				if err := l.Wait(context.Background()); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	// 15 turns 100ms apart span at least 1.4s, by Redis's clock; allow
	// 100ms for the two clocks to disagree.
	if elapsed, least := time.Since(start), 1300*time.Millisecond; elapsed < least {
		t.Errorf("%d waits on a shared 10/s budget took %v, want at least %v", replicas*waitsEach, elapsed, least)
	}
	// Each refused Wait asks Redis once per turn it sleeps through: with
	// three waiters at most three asks per turn, and a few more for
	// scheduling. A polling loop would ask thousands of times.
	if n, most := counter.n.Load(), int64(4*replicas*replicas*waitsEach); n > most {
		t.Errorf("Redis was asked %d times for %d turns, want at most %d", n, replicas*waitsEach, most)
	}
	if n := counter.n.Load(); n < replicas*waitsEach {
		t.Errorf("Redis was asked %d times for %d turns", n, replicas*waitsEach)
	}
}

// Different keys are different budgets; the same key in another limiter is
// the same budget.
func TestLimiterKeys(t *testing.T) {
	t.Parallel()
	_, rdb := redisserver.NewClient(t)
	a := newLimiter(t, rdb, "site-a", 1, cbredis.WithBurst(1))
	alsoA := newLimiter(t, rdb, "site-a", 1, cbredis.WithBurst(1))
	b := newLimiter(t, rdb, "site-b", 1, cbredis.WithBurst(1))
	if err := a.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The next turn of site-a is a minute away: a deadline of ten seconds
	// fails at once.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	err := alsoA.Wait(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second Wait on site-a = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a wait past the deadline took %v to fail", d)
	}
	if err := b.Wait(ctx); err != nil {
		t.Errorf("first Wait on site-b = %v, want its own budget", err)
	}
}

// Cancelling the context ends a Wait at once.
func TestLimiterWaitEndsWithTheContext(t *testing.T) {
	t.Parallel()
	_, rdb := redisserver.NewClient(t)
	l := newLimiter(t, rdb, "cancel", 1, cbredis.WithBurst(1))
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Wait(ctx) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Wait = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Wait still blocked 10s after the cancel")
	}
}

// countingLimiter grants every turn and counts them.
type countingLimiter struct{ n atomic.Int64 }

func (c *countingLimiter) Wait(ctx context.Context) error { c.n.Add(1); return ctx.Err() }

// downClient is a go-redis client of a Redis that has stopped.
func downClient(t *testing.T) *goredis.Client {
	t.Helper()
	srv := redisserver.New(t)
	srv.Stop()
	// One dial per command: go-redis would otherwise retry a refused dial
	// five times, 100ms apart, on every call.
	c := goredis.NewClient(&goredis.Options{Addr: srv.Addr, MaxRetries: -1, DialTimeout: time.Second, DialerRetries: 1})
	t.Cleanup(func() { c.Close() })
	return c
}

// With Redis down, the limiter fails the call with a typed error, or waits
// on the fallback when one was given.
func TestLimiterRedisDown(t *testing.T) {
	t.Parallel()
	rdb := downClient(t)
	fake := chargebeetest.NewServer(t)

	l := newLimiter(t, rdb, "down", 600)
	err := l.Wait(context.Background())
	var ue *cbredis.UnavailableError
	if !errors.As(err, &ue) || ue.Op != "rate limit" || !errors.Is(err, cbredis.ErrUnavailable) {
		t.Fatalf("Wait = %v, want an *UnavailableError for the rate limit", err)
	}
	cb := fake.Client(chargebee.WithRateLimiter(l))
	err = cb.Do(context.Background(), "GET", "/customers", nil, nil)
	if !errors.Is(err, cbredis.ErrUnavailable) || !errors.As(err, &ue) {
		t.Fatalf("call = %v, want it failed with the limiter's error", err)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Errorf("the fake got %d requests, want none", n)
	}

	fallback := &countingLimiter{}
	l = newLimiter(t, rdb, "down", 600, cbredis.WithFallback(fallback))
	cb = fake.Client(chargebee.WithRateLimiter(l))
	for i := 0; i < 3; i++ {
		if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil {
			t.Fatalf("call %d with a fallback: %v", i, err)
		}
	}
	if n := fallback.n.Load(); n != 3 {
		t.Errorf("fallback waited %d times, want 3", n)
	}
	if n := len(fake.Requests()); n != 3 {
		t.Errorf("the fake got %d requests, want 3", n)
	}
}

func TestNewLimiterRejectsBadConfig(t *testing.T) {
	t.Parallel()
	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	tests := []struct {
		name      string
		rdb       goredis.UniversalClient
		key       string
		perMinute int
		opts      []cbredis.LimiterOption
	}{
		{"no client", nil, "k", 60, nil},
		{"no key", rdb, "", 60, nil},
		{"zero budget", rdb, "k", 0, nil},
		{"negative budget", rdb, "k", -5, nil},
		{"zero burst", rdb, "k", 60, []cbredis.LimiterOption{cbredis.WithBurst(0)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if l, err := cbredis.NewLimiter(tc.rdb, tc.key, tc.perMinute, tc.opts...); err == nil || l != nil {
				t.Errorf("NewLimiter = %v, %v; want an error", l, err)
			}
		})
	}
}
