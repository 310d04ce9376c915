package webhook_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"

	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/webhook"
)

// ctxLog is a slog.Handler that records, per message, whether the context
// it was logged with had ended, as a handler that drops records of ended
// contexts (or copies trace data out of them) would see it.
type ctxLog struct {
	mu    sync.Mutex
	ended map[string]bool
}

func (l *ctxLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *ctxLog) Handle(ctx context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ended == nil {
		l.ended = map[string]bool{}
	}
	l.ended[r.Message] = ctx.Err() != nil
	return nil
}
func (l *ctxLog) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *ctxLog) WithGroup(string) slog.Handler      { return l }

// settleFails is a Deduper whose Complete and Release fail.
type settleFails struct{}

func (settleFails) Claim(context.Context, string) (webhook.State, error) { return webhook.Claimed, nil }
func (settleFails) Complete(context.Context, string) error               { return errors.New("store write failed") }
func (settleFails) Release(context.Context, string) error                { return errors.New("store write failed") }

// The client went away while fn ran: every failure met afterwards is still
// logged, with a context that has not ended, whichever way the delivery
// is settled.
func TestFailuresAfterTheClientLeftAreLoggedAlike(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		fail error    // fn's answer
		msgs []string // the messages logged
	}{
		{"complete fails", nil, []string{"webhook: could not record the event as processed"}},
		{"release fails", errors.New("db down"), []string{"webhook: the handler function failed", "webhook: could not release the claim; it expires on its own"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs ctxLog
			ctx, cancel := context.WithCancel(context.Background())
			h, err := webhook.NewHandler(func(context.Context, *event.Event) error {
				cancel() // the client hangs up while the event is processed
				return tc.fail
			}, webhook.WithBasicAuth(testUser, testPass), webhook.WithDeduper(settleFails{}), webhook.WithLogger(slog.New(&logs)))
			if err != nil {
				t.Fatal(err)
			}
			serve(h, delivery(fixture(t, "customer_changed.json")).WithContext(ctx))
			logs.mu.Lock()
			defer logs.mu.Unlock()
			if len(logs.ended) != len(tc.msgs) {
				t.Fatalf("logged %v, want %q", logs.ended, tc.msgs)
			}
			for _, m := range tc.msgs {
				ended, ok := logs.ended[m]
				if !ok || ended {
					t.Errorf("%q: logged %v, with an ended context %v; want logged with a live one", m, ok, ended)
				}
			}
		})
	}
}
