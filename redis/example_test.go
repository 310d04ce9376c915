package redis_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	goredis "github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/event"
	cbredis "github.com/billingkit/chargebee-go/redis"
	"github.com/billingkit/chargebee-go/webhook"
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

// Every replica's webhook handler uses a Deduper on the same Redis. Here
// Redis is unreachable, so the handler answers 503 without processing the
// event, and Chargebee delivers it again later.
func ExampleNewDeduper() {
	rdb := goredis.NewClient(&goredis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	defer rdb.Close()
	dedup, err := cbredis.NewDeduper(rdb)
	if err != nil {
		log.Fatal(err)
	}
	processed := 0
	h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
		processed++
		return nil
	}, webhook.WithoutAuth(), webhook.WithDeduper(dedup), webhook.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		log.Fatal(err)
	}
	body := `{"id":"ev_1","occurred_at":1700000000,"object":"event","api_version":"v2","event_type":"customer_created","content":{"customer":{"id":"cust_1"}}}`
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(body)))
	fmt.Println("status:", rec.Code)
	fmt.Println("processed:", processed)
	// Output:
	// status: 503
	// processed: 0
}
