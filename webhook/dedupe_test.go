package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/webhook"
)

// clock is a settable clock for the deduper.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func claim(t *testing.T, d webhook.Deduper, id string, want webhook.State) {
	t.Helper()
	got, err := d.Claim(context.Background(), id)
	if err != nil || got != want {
		t.Fatalf("Claim(%s) = %v, %v; want %v", id, got, err, want)
	}
}

func TestMemoryDeduperStates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := newClock()
	d := webhook.NewMemoryDeduper(time.Hour, webhook.WithClock(clk.Now), webhook.WithClaimTTL(time.Minute))

	claim(t, d, "ev_1", webhook.Claimed)
	claim(t, d, "ev_1", webhook.Processing)
	// Release makes the id unknown again.
	if err := d.Release(ctx, "ev_1"); err != nil {
		t.Fatal(err)
	}
	claim(t, d, "ev_1", webhook.Claimed)
	if err := d.Complete(ctx, "ev_1"); err != nil {
		t.Fatal(err)
	}
	claim(t, d, "ev_1", webhook.Processed)
	// Releasing a processed id leaves it processed.
	if err := d.Release(ctx, "ev_1"); err != nil {
		t.Fatal(err)
	}
	claim(t, d, "ev_1", webhook.Processed)

	// Processed ids are kept for the window, then forgotten.
	clk.Advance(time.Hour - time.Second)
	claim(t, d, "ev_1", webhook.Processed)
	clk.Advance(time.Second)
	claim(t, d, "ev_1", webhook.Claimed)
}

func TestMemoryDeduperClaimsExpire(t *testing.T) {
	t.Parallel()
	clk := newClock()
	d := webhook.NewMemoryDeduper(0, webhook.WithClock(clk.Now), webhook.WithClaimTTL(30*time.Second))
	claim(t, d, "ev_crashed", webhook.Claimed)
	clk.Advance(29 * time.Second)
	claim(t, d, "ev_crashed", webhook.Processing)
	clk.Advance(time.Second)
	// The holder never completed: the claim expired and the id can be
	// claimed again.
	claim(t, d, "ev_crashed", webhook.Claimed)
	// A holder completing after its claim expired still records the event.
	clk.Advance(time.Minute)
	if err := d.Complete(context.Background(), "ev_crashed"); err != nil {
		t.Fatal(err)
	}
	claim(t, d, "ev_crashed", webhook.Processed)
}

func TestMemoryDeduperDefaultWindow(t *testing.T) {
	t.Parallel()
	if webhook.DefaultWindow != 79*time.Hour {
		t.Fatalf("DefaultWindow = %v, want 3 days 7 hours", webhook.DefaultWindow)
	}
	for _, window := range []time.Duration{0, -time.Second} {
		clk := newClock()
		d := webhook.NewMemoryDeduper(window, webhook.WithClock(clk.Now))
		claim(t, d, "ev_1", webhook.Claimed)
		if err := d.Complete(context.Background(), "ev_1"); err != nil {
			t.Fatal(err)
		}
		clk.Advance(79*time.Hour - time.Nanosecond)
		claim(t, d, "ev_1", webhook.Processed)
		clk.Advance(time.Nanosecond)
		claim(t, d, "ev_1", webhook.Claimed)
	}
}

func TestMemoryDeduperDropsExpiredEntries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := newClock()
	d := webhook.NewMemoryDeduper(time.Hour, webhook.WithClock(clk.Now), webhook.WithClaimTTL(time.Minute))
	for i := range 1000 {
		id := fmt.Sprintf("ev_%d", i)
		claim(t, d, id, webhook.Claimed)
		if i%2 == 0 {
			if err := d.Complete(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := d.Len(); n != 1000 {
		t.Fatalf("Len = %d, want 1000", n)
	}
	clk.Advance(time.Minute) // the 500 open claims expire
	claim(t, d, "ev_new", webhook.Claimed)
	if n := d.Len(); n != 501 {
		t.Fatalf("Len = %d after the claims expired, want 501", n)
	}
	clk.Advance(time.Hour) // everything expires
	claim(t, d, "ev_newer", webhook.Claimed)
	if n := d.Len(); n != 1 {
		t.Fatalf("Len = %d after the window, want 1", n)
	}
}

func TestMemoryDeduperIsBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := newClock()
	d := webhook.NewMemoryDeduper(time.Hour, webhook.WithClock(clk.Now), webhook.WithMaxEntries(3))
	for _, id := range []string{"ev_1", "ev_2", "ev_3"} {
		claim(t, d, id, webhook.Claimed)
		if err := d.Complete(ctx, id); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Second)
	}
	// Full: the processed id that expires first (ev_1) is forgotten.
	claim(t, d, "ev_4", webhook.Claimed)
	if n := d.Len(); n != 3 {
		t.Fatalf("Len = %d, want 3", n)
	}
	claim(t, d, "ev_2", webhook.Processed)
	claim(t, d, "ev_3", webhook.Processed)
	claim(t, d, "ev_1", webhook.Claimed) // forgets ev_2
	claim(t, d, "ev_5", webhook.Claimed) // forgets ev_3
	// Now full of claims in progress: nothing can be forgotten.
	if st, err := d.Claim(ctx, "ev_6"); !errors.Is(err, webhook.ErrDeduperFull) || st != 0 {
		t.Fatalf("Claim on a deduper full of claims = %v, %v; want ErrDeduperFull", st, err)
	}
	// Claims never are evicted.
	claim(t, d, "ev_4", webhook.Processing)
}

func TestMemoryDeduperConcurrentClaims(t *testing.T) {
	t.Parallel()
	d := webhook.NewMemoryDeduper(0)
	const n = 32
	start := make(chan struct{})
	states := make(chan webhook.State, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			st, err := d.Claim(context.Background(), "ev_same")
			if err != nil {
				t.Error(err)
			}
			states <- st
		}()
	}
	close(start)
	wg.Wait()
	close(states)
	count := map[webhook.State]int{}
	for st := range states {
		count[st]++
	}
	if count[webhook.Claimed] != 1 || count[webhook.Processing] != n-1 {
		t.Fatalf("states %v, want exactly one claimed", count)
	}
}

func TestMemoryDeduperHonoursCancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := webhook.NewMemoryDeduper(0)
	if _, err := d.Claim(ctx, "ev_1"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Claim with a cancelled context: %v", err)
	}
	if d.Len() != 0 {
		t.Fatal("a cancelled Claim held an id")
	}
}

func TestStateString(t *testing.T) {
	t.Parallel()
	for st, want := range map[webhook.State]string{webhook.Claimed: "claimed", webhook.Processing: "processing", webhook.Processed: "processed", 0: "invalid"} {
		if st.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(st), st.String(), want)
		}
	}
}

func TestMemoryDeduperDefaultBound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := webhook.NewMemoryDeduper(0)
	for i := range webhook.DefaultMaxEntries + 10 {
		id := "ev_" + strconv.Itoa(i)
		if st, err := d.Claim(ctx, id); st != webhook.Claimed || err != nil {
			t.Fatalf("Claim(%s) = %v, %v", id, st, err)
		}
		if err := d.Complete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if n := d.Len(); n != webhook.DefaultMaxEntries {
		t.Fatalf("Len = %d, want the bound %d", n, webhook.DefaultMaxEntries)
	}
	// The oldest ids were forgotten, the newest kept.
	claim(t, d, "ev_0", webhook.Claimed)
	claim(t, d, fmt.Sprintf("ev_%d", webhook.DefaultMaxEntries+9), webhook.Processed)
}

// A delivery outlives its claim and a redelivery claims the id again; the
// late one's Release must not drop the claim of the one still running, or
// a third delivery would run beside it. Only the last Release of the id's
// unsettled claims drops it.
func TestMemoryDeduperLateReleaseKeepsTheLiveClaim(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := newClock()
	d := webhook.NewMemoryDeduper(time.Hour, webhook.WithClock(clk.Now), webhook.WithClaimTTL(time.Minute))
	claim(t, d, "ev_slow", webhook.Claimed) // delivery 1
	clk.Advance(2 * time.Minute)            // outlives its claim
	claim(t, d, "ev_slow", webhook.Claimed) // delivery 2
	if err := d.Release(ctx, "ev_slow"); err != nil {
		t.Fatal(err)
	}
	// One of the two still runs: a third delivery waits.
	claim(t, d, "ev_slow", webhook.Processing)
	if err := d.Release(ctx, "ev_slow"); err != nil {
		t.Fatal(err)
	}
	claim(t, d, "ev_slow", webhook.Claimed)

	// Complete by either settles the id for good.
	claim(t, d, "ev_done", webhook.Claimed)
	clk.Advance(2 * time.Minute)
	claim(t, d, "ev_done", webhook.Claimed)
	if err := d.Complete(ctx, "ev_done"); err != nil {
		t.Fatal(err)
	}
	if err := d.Release(ctx, "ev_done"); err != nil {
		t.Fatal(err)
	}
	claim(t, d, "ev_done", webhook.Processed)
}

// Over the handler: delivery 1 outlives its claim, delivery 2 takes the id
// over, then delivery 1 fails. A third delivery must wait for delivery 2,
// not run beside it.
func TestHandlerLateFailureDoesNotFreeARunningEvent(t *testing.T) {
	t.Parallel()
	clk := newClock()
	d := webhook.NewMemoryDeduper(time.Hour, webhook.WithClock(clk.Now), webhook.WithClaimTTL(time.Minute))
	var running atomic.Int32
	started := make(chan struct{})
	finish := [2]chan error{make(chan error), make(chan error)}
	var calls atomic.Int32
	h := mustHandler(t, func(context.Context, *event.Event) error {
		i := calls.Add(1) - 1
		if i > 1 {
			if running.Load() != 0 {
				t.Error("the event ran beside a delivery still processing it")
			}
			return nil
		}
		running.Add(1)
		defer running.Add(-1)
		started <- struct{}{}
		return <-finish[i]
	}, webhook.WithBasicAuth(testUser, testPass), webhook.WithDeduper(d))
	body := fixture(t, "customer_changed.json")
	codes := make(chan int, 2)
	go func() { codes <- serve(h, delivery(body)).Code }()
	<-started
	clk.Advance(2 * time.Minute) // delivery 1 outlives its claim
	go func() { codes <- serve(h, delivery(body)).Code }()
	<-started
	finish[0] <- errors.New("late failure")
	if c := <-codes; c != 500 {
		t.Fatalf("failed delivery answered %d, want 500", c)
	}
	if c := serve(h, delivery(body)).Code; c != 409 {
		t.Fatalf("delivery while another still runs answered %d, want 409", c)
	}
	finish[1] <- nil
	if c := <-codes; c != 200 {
		t.Fatalf("second delivery answered %d, want 200", c)
	}
	if c := serve(h, delivery(body)).Code; c != 200 || calls.Load() != 2 {
		t.Fatalf("after processing: answered %d with fn run %d times, want 200 and 2", c, calls.Load())
	}
}
