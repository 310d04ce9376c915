package chargebee_test

import (
	"context"
	"fmt"
	"log"
	"sync/atomic"

	"github.com/billingkit/chargebee-go"
)

// turnCounter is a Limiter that grants every turn and counts them; a real one
// would block until the shared budget allows the attempt.
type turnCounter struct{ turns atomic.Int64 }

func (c *turnCounter) Wait(ctx context.Context) error {
	c.turns.Add(1)
	return ctx.Err()
}

func ExampleWithRateLimiter() {
	budget := &turnCounter{}
	// Two clients, one budget: every attempt of either waits on it.
	a, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(fakeChargebee()), chargebee.WithRateLimiter(budget))
	if err != nil {
		log.Fatal(err)
	}
	b, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(fakeChargebee()), chargebee.WithRateLimiter(budget))
	if err != nil {
		log.Fatal(err)
	}
	for _, cb := range []*chargebee.Client{a, b, a} {
		if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("turns taken:", budget.turns.Load())
	// Output:
	// turns taken: 3
}

func ExampleWithRateLimit() {
	// At most 5 requests per second, in bursts of up to 2, for every
	// goroutine using cb.
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithRateLimit(5, 2))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cb)
	// Output:
	// chargebee.Client{site: acme-test, api: v2}
}
