package redis_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/billingkit/chargebee-go/event"
	cbredis "github.com/billingkit/chargebee-go/redis"
	"github.com/billingkit/chargebee-go/redis/internal/redisserver"
	"github.com/billingkit/chargebee-go/webhook"
)

func newDeduper(t *testing.T, rdb goredis.UniversalClient, opts ...cbredis.DeduperOption) *cbredis.Deduper {
	t.Helper()
	d, err := cbredis.NewDeduper(rdb, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func claim(t *testing.T, d *cbredis.Deduper, id string, want webhook.State) {
	t.Helper()
	got, err := d.Claim(context.Background(), id)
	if err != nil || got != want {
		t.Fatalf("Claim(%q) = %v, %v; want %v", id, got, err, want)
	}
}

// Two replicas, each with its own Redis client, see one set of states.
func TestDeduperStates(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	rdb := replicaClient(t, srv)
	a := newDeduper(t, rdb, cbredis.WithWindow(time.Hour), cbredis.WithClaimTTL(time.Minute))
	b := newDeduper(t, replicaClient(t, srv), cbredis.WithWindow(time.Hour), cbredis.WithClaimTTL(time.Minute))
	ctx := context.Background()
	key := cbredis.DefaultKeyPrefix + "ev_1"

	claim(t, a, "ev_1", webhook.Claimed)
	claim(t, b, "ev_1", webhook.Processing)
	claim(t, a, "ev_1", webhook.Processing)
	if ttl := rdb.PTTL(ctx, key).Val(); ttl <= 0 || ttl > time.Minute {
		t.Errorf("claim expires in %v, want within the claim TTL of 1m", ttl)
	}
	if err := a.Complete(ctx, "ev_1"); err != nil {
		t.Fatal(err)
	}
	claim(t, b, "ev_1", webhook.Processed)
	claim(t, a, "ev_1", webhook.Processed)
	if v := rdb.Get(ctx, key).Val(); v != "done" {
		t.Errorf("processed id holds %q", v)
	}
	if ttl := rdb.PTTL(ctx, key).Val(); ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("processed id expires in %v, want the window of 1h", ttl)
	}
	// Releasing a processed id leaves it processed.
	if err := a.Release(ctx, "ev_1"); err != nil {
		t.Fatal(err)
	}
	claim(t, b, "ev_1", webhook.Processed)

	// Another prefix is another store.
	other := newDeduper(t, rdb, cbredis.WithKeyPrefix("other:"))
	claim(t, other, "ev_1", webhook.Claimed)
}

// A failed event's claim is dropped so that the next delivery processes
// it, but never a claim that has passed to another replica.
func TestDeduperRelease(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	rdb := replicaClient(t, srv)
	a := newDeduper(t, rdb)
	b := newDeduper(t, replicaClient(t, srv))
	ctx := context.Background()

	claim(t, a, "ev_fail", webhook.Claimed)
	if err := a.Release(ctx, "ev_fail"); err != nil {
		t.Fatal(err)
	}
	claim(t, b, "ev_fail", webhook.Claimed)
	// a no longer holds a claim: its Release leaves b's alone.
	if err := a.Release(ctx, "ev_fail"); err != nil {
		t.Fatal(err)
	}
	claim(t, a, "ev_fail", webhook.Processing)

	// a's claim expires (here: is removed) and c takes the id over; a's
	// late Release must not drop c's claim.
	c := newDeduper(t, replicaClient(t, srv))
	claim(t, a, "ev_slow", webhook.Claimed)
	rdb.Del(ctx, cbredis.DefaultKeyPrefix+"ev_slow")
	claim(t, c, "ev_slow", webhook.Claimed)
	if err := a.Release(ctx, "ev_slow"); err != nil {
		t.Fatal(err)
	}
	claim(t, b, "ev_slow", webhook.Processing)
}

// A claim whose holder died expires after the claim TTL.
func TestDeduperClaimExpires(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	crashed := newDeduper(t, replicaClient(t, srv), cbredis.WithClaimTTL(100*time.Millisecond))
	other := newDeduper(t, replicaClient(t, srv))
	claim(t, crashed, "ev_orphan", webhook.Claimed)
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := other.Claim(context.Background(), "ev_orphan")
		if err != nil {
			t.Fatal(err)
		}
		if st == webhook.Claimed {
			break
		}
		if st != webhook.Processing || time.Now().After(deadline) {
			t.Fatalf("Claim after the TTL = %v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func eventBody(id string) string {
	return fmt.Sprintf(`{"id":%q,"occurred_at":1700000000,"source":"api","object":"event","api_version":"v2","event_type":"customer_created","content":{"customer":{"id":"cust_%s","object":"customer"}}}`, id, id)
}

// Four replicas' handlers share one Redis deduper and each receive every
// one of 50 events three times, all at once: each event is processed once.
func TestDeduperFourHandlers(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	const replicas, events, deliveries = 4, 50, 3
	var (
		mu    sync.Mutex
		calls = map[string]int{}
	)
	fn := func(ctx context.Context, ev *event.Event) error {
		mu.Lock()
		calls[ev.ID]++
		mu.Unlock()
		time.Sleep(time.Millisecond) // a little work, so that deliveries overlap
		return nil
	}
	urls := make([]string, replicas)
	for i := range urls {
		h, err := webhook.NewHandler(fn, webhook.WithoutAuth(),
			webhook.WithDeduper(newDeduper(t, replicaClient(t, srv))),
			webhook.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(h)
		t.Cleanup(hs.Close)
		urls[i] = hs.URL
	}
	type delivery struct {
		id     string
		status int
	}
	results := make(chan delivery, events*deliveries)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for e := 0; e < events; e++ {
		id := fmt.Sprintf("ev_%02d", e)
		for d := 0; d < deliveries; d++ {
			url := urls[(e+d)%replicas] // each delivery to another replica
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				resp, err := http.Post(url, "application/json", strings.NewReader(eventBody(id)))
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				results <- delivery{id, resp.StatusCode}
			}()
		}
	}
	close(start)
	wg.Wait()
	close(results)

	total := 0
	mu.Lock()
	for _, n := range calls {
		total += n
	}
	if total != events || len(calls) != events {
		t.Errorf("fn ran %d times for %d distinct events, want %d for %d", total, len(calls), events, events)
	}
	for id, n := range calls {
		if n != 1 {
			t.Errorf("%s processed %d times", id, n)
		}
	}
	mu.Unlock()
	ok := map[string]int{}
	for r := range results {
		switch r.status {
		case http.StatusOK:
			ok[r.id]++
		case http.StatusConflict: // the first delivery was still being processed
		default:
			t.Errorf("%s answered %d", r.id, r.status)
		}
	}
	if len(ok) != events {
		t.Errorf("%d events got a 200, want all %d", len(ok), events)
	}
}

// With Redis down, the handler answers 503 and does not run fn, so that
// Chargebee delivers the event again later.
func TestDeduperRedisDown(t *testing.T) {
	t.Parallel()
	d := newDeduper(t, downClient(t))
	_, err := d.Claim(context.Background(), "ev_1")
	var ue *cbredis.UnavailableError
	if !errors.As(err, &ue) || ue.Op != "webhook claim" || !errors.Is(err, cbredis.ErrUnavailable) {
		t.Fatalf("Claim = %v, want an *UnavailableError", err)
	}
	called := false
	h, err := webhook.NewHandler(func(context.Context, *event.Event) error { called = true; return nil },
		webhook.WithoutAuth(), webhook.WithDeduper(d),
		webhook.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(eventBody("ev_1"))))
	if rec.Code != http.StatusServiceUnavailable || called {
		t.Errorf("status %d, fn called %v; want 503 without fn", rec.Code, called)
	}
}

func TestNewDeduperRejectsBadConfig(t *testing.T) {
	t.Parallel()
	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	tests := []struct {
		name string
		rdb  goredis.UniversalClient
		opts []cbredis.DeduperOption
	}{
		{"no client", nil, nil},
		{"zero window", rdb, []cbredis.DeduperOption{cbredis.WithWindow(0)}},
		{"negative claim TTL", rdb, []cbredis.DeduperOption{cbredis.WithClaimTTL(-time.Second)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d, err := cbredis.NewDeduper(tc.rdb, tc.opts...); err == nil || d != nil {
				t.Errorf("NewDeduper = %v, %v; want an error", d, err)
			}
		})
	}
}

// An event whose processing failed is processed by the next delivery, on
// another replica.
func TestDeduperRedeliveryAfterFailure(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	var (
		mu    sync.Mutex
		calls int
	)
	fn := func(context.Context, *event.Event) error {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls == 1 {
			return errors.New("downstream unavailable")
		}
		return nil
	}
	quiet := webhook.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	var handlers []http.Handler
	for i := 0; i < 2; i++ {
		h, err := webhook.NewHandler(fn, webhook.WithoutAuth(), quiet, webhook.WithDeduper(newDeduper(t, replicaClient(t, srv))))
		if err != nil {
			t.Fatal(err)
		}
		handlers = append(handlers, h)
	}
	wantStatus := []int{http.StatusInternalServerError, http.StatusOK, http.StatusOK}
	for i, want := range wantStatus {
		rec := httptest.NewRecorder()
		handlers[i%2].ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(eventBody("ev_retry"))))
		if rec.Code != want {
			t.Errorf("delivery %d answered %d, want %d", i+1, rec.Code, want)
		}
	}
	if calls != 2 {
		t.Errorf("fn ran %d times, want 2 (the failure and the redelivery)", calls)
	}
}

// One replica's delivery outlives its claim and a redelivery to the same
// replica claims the id again: the late delivery's Release must not drop
// the claim of the one still running, or a third delivery (to any replica)
// would run beside it. The last of the two Releases drops it.
func TestDeduperLateReleaseOnTheSameReplica(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	rdb := replicaClient(t, srv)
	a := newDeduper(t, rdb)
	b := newDeduper(t, replicaClient(t, srv))
	ctx := context.Background()
	key := cbredis.DefaultKeyPrefix + "ev_slow"

	claim(t, a, "ev_slow", webhook.Claimed) // delivery 1
	rdb.Del(ctx, key)                       // its claim expires
	claim(t, a, "ev_slow", webhook.Claimed) // delivery 2, same replica
	if err := a.Release(ctx, "ev_slow"); err != nil {
		t.Fatal(err)
	}
	claim(t, b, "ev_slow", webhook.Processing)
	if err := a.Release(ctx, "ev_slow"); err != nil {
		t.Fatal(err)
	}
	claim(t, b, "ev_slow", webhook.Claimed)

	// Complete by either settles the id; the other's Release leaves it.
	claim(t, a, "ev_done", webhook.Claimed)
	rdb.Del(ctx, cbredis.DefaultKeyPrefix+"ev_done")
	claim(t, a, "ev_done", webhook.Claimed)
	if err := a.Complete(ctx, "ev_done"); err != nil {
		t.Fatal(err)
	}
	if err := a.Release(ctx, "ev_done"); err != nil {
		t.Fatal(err)
	}
	claim(t, b, "ev_done", webhook.Processed)
}
