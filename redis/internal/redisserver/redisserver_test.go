package redisserver_test

import (
	"context"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/billingkit/chargebee-go/redis/internal/redisserver"
)

func TestServerStartsAndStops(t *testing.T) {
	t.Parallel()
	srv, rdb := redisserver.NewClient(t)
	ctx := context.Background()
	if err := rdb.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Fatal(err)
	}
	if v, err := rdb.Get(ctx, "k").Result(); err != nil || v != "v" {
		t.Fatalf("GET = %q, %v", v, err)
	}
	// No persistence.
	if v, err := rdb.ConfigGet(ctx, "save").Result(); err != nil || v["save"] != "" {
		t.Errorf("save = %q, %v; want none", v["save"], err)
	}
	if v, err := rdb.ConfigGet(ctx, "bind").Result(); err != nil || v["bind"] != "127.0.0.1" {
		t.Errorf("bind = %q, %v; want 127.0.0.1", v["bind"], err)
	}
	srv.Stop()
	srv.Stop() // twice is fine
	c := goredis.NewClient(&goredis.Options{Addr: srv.Addr, MaxRetries: -1, DialTimeout: time.Second})
	defer c.Close()
	if err := c.Ping(ctx).Err(); err == nil {
		t.Error("PING answered after Stop")
	}
}

// Two servers run side by side on ports of their own.
func TestServersDoNotShare(t *testing.T) {
	t.Parallel()
	a, ra := redisserver.NewClient(t)
	b, rb := redisserver.NewClient(t)
	if a.Addr == b.Addr {
		t.Fatalf("both on %s", a.Addr)
	}
	ctx := context.Background()
	if err := ra.Set(ctx, "only-a", "1", 0).Err(); err != nil {
		t.Fatal(err)
	}
	if n, err := rb.Exists(ctx, "only-a").Result(); err != nil || n != 0 {
		t.Errorf("second server sees the first's key: %d, %v", n, err)
	}
}
