package redis_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	cbredis "github.com/billingkit/chargebee-go/redis"
	"github.com/billingkit/chargebee-go/redis/internal/redisserver"
	"github.com/billingkit/chargebee-go/webhook"
)

// cmdLog is a go-redis hook recording the SET commands a client sends.
type cmdLog struct {
	mu   sync.Mutex
	sets []string
}

func (l *cmdLog) DialHook(next goredis.DialHook) goredis.DialHook { return next }
func (l *cmdLog) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		if cmd.Name() == "set" {
			l.mu.Lock()
			l.sets = append(l.sets, strings.TrimSpace(fmt.Sprintln(cmd.Args()...)))
			l.mu.Unlock()
		}
		return next(ctx, cmd)
	}
}
func (l *cmdLog) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return next
}

// Complete is SET <prefix><id> done EX <window in seconds>, or PX <window
// in milliseconds> when the window is not whole seconds, as the README says.
func TestCompleteWire(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	for _, tc := range []struct {
		window time.Duration // 0: no WithWindow, the default of 3 days 7 hours
		want   string
	}{
		{0, "set chargebee:webhook:ev_1 done ex 284400"},
		{webhook.DefaultWindow, "set chargebee:webhook:ev_1 done ex 284400"},
		{1500 * time.Millisecond, "set chargebee:webhook:ev_1 done px 1500"},
	} {
		rdb := replicaClient(t, srv)
		var log cmdLog
		rdb.AddHook(&log)
		var opts []cbredis.DeduperOption
		if tc.window != 0 {
			opts = append(opts, cbredis.WithWindow(tc.window))
		}
		d := newDeduper(t, rdb, opts...)
		claim(t, d, "ev_1", webhook.Claimed)
		if err := d.Complete(context.Background(), "ev_1"); err != nil {
			t.Fatal(err)
		}
		if len(log.sets) != 1 || log.sets[0] != tc.want {
			t.Errorf("window %v: sent %q, want [%q]", tc.window, log.sets, tc.want)
		}
		if err := rdb.Del(context.Background(), cbredis.DefaultKeyPrefix+"ev_1").Err(); err != nil {
			t.Fatal(err)
		}
	}
}
