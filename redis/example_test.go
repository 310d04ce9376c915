package redis_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	goredis "github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	cbredis "github.com/billingkit/chargebee-go/redis"
)

// Every replica builds its limiter from the same key and budget. Here Redis
// is unreachable (nothing listens on 127.0.0.1:1), so the call fails with
// the limiter's typed error and is not sent.
func ExampleNewLimiter() {
	fake, err := chargebeetest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer fake.Close()

	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	defer rdb.Close()
	limiter, err := cbredis.NewLimiter(rdb, "chargebee:acme-test", 3000)
	if err != nil {
		log.Fatal(err)
	}
	cb := fake.Client(chargebee.WithRateLimiter(limiter))
	err = cb.Do(context.Background(), "GET", "/customers", nil, nil)
	fmt.Println("redis unavailable:", errors.Is(err, cbredis.ErrUnavailable))
	fmt.Println("requests sent:", len(fake.Requests()))
	// Output:
	// redis unavailable: true
	// requests sent: 0
}

// With a fallback, calls go on at this replica's share of the budget while
// Redis is unreachable.
func ExampleWithFallback() {
	fake, err := chargebeetest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer fake.Close()

	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	defer rdb.Close()
	const perMinute, replicas = 3000, 10
	share := rate.NewLimiter(rate.Limit(perMinute/60.0/replicas), 1)
	limiter, err := cbredis.NewLimiter(rdb, "chargebee:acme-test", perMinute, cbredis.WithFallback(share))
	if err != nil {
		log.Fatal(err)
	}
	cb := fake.Client(chargebee.WithRateLimiter(limiter))
	err = cb.Do(context.Background(), "GET", "/customers", nil, nil)
	fmt.Println("error:", err)
	fmt.Println("requests sent:", len(fake.Requests()))
	// Output:
	// error: <nil>
	// requests sent: 1
}
