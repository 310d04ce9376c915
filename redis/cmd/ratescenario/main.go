// Command ratescenario shows what a shared rate budget changes: several
// clients, each with its own *chargebee.Client as separate replicas would
// have, call a chargebeetest fake that enforces a site-wide budget, first
// sharing one Redis limiter set to that budget, then each with an
// in-process limiter set to the whole budget. It starts its own
// redis-server on 127.0.0.1 (the redis-server binary must be installed)
// unless -redis names one.
//
//	cd redis && go run ./cmd/ratescenario
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/billingkit/chargebee-go"
	cbredis "github.com/billingkit/chargebee-go/redis"
	"github.com/billingkit/chargebee-go/redis/internal/redisserver"
	"github.com/billingkit/chargebee-go/redis/internal/scenario"
)

func main() {
	budget := flag.Int("budget", 3000, "the fake's site-wide budget, requests a minute")
	clients := flag.Int("clients", 8, "clients, each with its own *chargebee.Client")
	duration := flag.Duration("duration", 10*time.Second, "how long each run calls the API")
	addr := flag.String("redis", "", "address of a Redis to use (default: start a redis-server on 127.0.0.1)")
	flag.Parse()
	if err := run(*budget, *clients, *duration, *addr); err != nil {
		log.Fatal(err)
	}
}

func run(budget, clients int, duration time.Duration, addr string) error {
	if addr == "" {
		srv, err := redisserver.Start()
		if err != nil {
			return err
		}
		defer srv.Stop()
		addr = srv.Addr
	}
	ctx := context.Background()
	key := fmt.Sprintf("ratescenario:%d", time.Now().UnixNano())
	fmt.Printf("budget %d requests/minute (%.1f/s), %d clients, %v per run\n\n", budget, float64(budget)/60, clients, duration)

	shared, err := scenario.Run(ctx, scenario.Config{
		Budget: budget, Clients: clients, Duration: duration,
		Limiter: func(int) (chargebee.Option, error) {
			// A client of its own per replica, one key for all.
			l, err := cbredis.NewLimiter(goredis.NewClient(&goredis.Options{Addr: addr}), key, budget)
			return chargebee.WithRateLimiter(l), err
		},
	})
	if err != nil {
		return err
	}
	local, err := scenario.Run(ctx, scenario.Config{
		Budget: budget, Clients: clients, Duration: duration,
		Limiter: func(int) (chargebee.Option, error) {
			return chargebee.WithRateLimit(float64(budget)/60, 1), nil
		},
	})
	if err != nil {
		return err
	}
	fmt.Printf("%-34s %12s %10s %10s %10s %12s\n", "limiter", "ok calls/s", "of budget", "requests", "429s", "failed calls")
	for _, r := range []struct {
		name string
		res  scenario.Result
	}{
		{"one Redis limiter, shared", shared},
		{"in-process limiter per client", local},
	} {
		fmt.Printf("%-34s %12.1f %9.1f%% %10d %5d %5.1f%% %12d\n", r.name, r.res.Throughput(), 100*r.res.BudgetShare(budget),
			r.res.Attempts, r.res.Limited, 100*r.res.LimitedShare(), r.res.Failed)
	}
	if shared.BudgetShare(budget) < 0.95 || shared.LimitedShare() > 0.01 {
		fmt.Fprintln(os.Stderr, "\nthe shared run missed its target (>= 95% of the budget, <= 1% answered 429)")
		os.Exit(1)
	}
	return nil
}
