package webhook_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/webhook"
)

// settleSeen is a Deduper that claims every id and records the context of
// the Complete or Release that settles it. With block set, that call waits
// until its context ends, as a store that hangs would.
type settleSeen struct {
	block    bool
	deadline chan time.Time // the settling context's deadline, or zero
	err      chan error     // the settling context's Err on entry and, with block, on its end
}

func newSettleSeen(block bool) *settleSeen {
	return &settleSeen{block: block, deadline: make(chan time.Time, 1), err: make(chan error, 2)}
}

func (d *settleSeen) Claim(context.Context, string) (webhook.State, error) {
	return webhook.Claimed, nil
}
func (d *settleSeen) Complete(ctx context.Context, _ string) error { return d.settle(ctx) }
func (d *settleSeen) Release(ctx context.Context, _ string) error  { return d.settle(ctx) }
func (d *settleSeen) settle(ctx context.Context) error {
	dl, _ := ctx.Deadline()
	d.deadline <- dl
	d.err <- ctx.Err()
	if d.block {
		<-ctx.Done()
		d.err <- ctx.Err()
		return ctx.Err()
	}
	return nil
}

// Complete and Release run with a deadline of the settle timeout from the
// moment fn returned, and still run when the client went away meanwhile.
func TestSettleHasADeadlineAndOutlivesTheClient(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		fail    error
		opts    []webhook.Option
		timeout time.Duration
		status  int
	}{
		{"complete, default timeout", nil, nil, webhook.DefaultSettleTimeout, 200},
		{"release, default timeout", errors.New("db down"), nil, webhook.DefaultSettleTimeout, 500},
		{"complete, WithSettleTimeout", nil, []webhook.Option{webhook.WithSettleTimeout(time.Hour)}, time.Hour, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newSettleSeen(false)
			ctx, cancel := context.WithCancel(context.Background())
			var returned time.Time
			h := mustHandler(t, func(context.Context, *event.Event) error {
				cancel() // the client hangs up while the event is processed
				returned = time.Now()
				return tc.fail
			}, append([]webhook.Option{webhook.WithBasicAuth(testUser, testPass), webhook.WithDeduper(d)}, tc.opts...)...)
			w := serve(h, delivery(fixture(t, "customer_changed.json")).WithContext(ctx))
			after := time.Now()
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			dl := <-d.deadline
			if dl.Before(returned.Add(tc.timeout)) || dl.After(after.Add(tc.timeout)) {
				t.Errorf("settling deadline %v, want %v after fn returned (%v)", dl, tc.timeout, returned)
			}
			if err := <-d.err; err != nil {
				t.Errorf("settling context ended on entry: %v", err)
			}
		})
	}
}

// A Deduper whose Complete hangs holds the answer only until the settle
// timeout: the handler still answers, 200 since fn succeeded.
func TestSettleOfAHangingDeduperEnds(t *testing.T) {
	t.Parallel()
	d := newSettleSeen(true)
	var rec recorder
	h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass), webhook.WithDeduper(d),
		webhook.WithSettleTimeout(time.Millisecond))
	if w := serve(h, delivery(fixture(t, "customer_changed.json"))); w.Code != 200 {
		t.Fatalf("status %d, want 200", w.Code)
	}
	<-d.deadline
	if err := <-d.err; err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("settling context on entry: %v", err)
	}
	if err := <-d.err; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("settling context ended with %v, want context.DeadlineExceeded", err)
	}
	if rec.count("ev_evt_changed_1") != 1 {
		t.Fatalf("fn ran %d times, want 1", rec.count("ev_evt_changed_1"))
	}
}

func TestWithSettleTimeoutRefusesNonPositive(t *testing.T) {
	t.Parallel()
	for _, d := range []time.Duration{0, -time.Second} {
		_, err := webhook.NewHandler(func(context.Context, *event.Event) error { return nil },
			webhook.WithoutAuth(), webhook.WithSettleTimeout(d))
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || ve.Param != "WithSettleTimeout" {
			t.Errorf("WithSettleTimeout(%v): %v, want a *chargebee.ValidationError naming it", d, err)
		}
	}
}
