// Package scenario runs several SDK clients, as separate replicas would,
// against one chargebeetest fake that enforces a site-wide rate budget, and
// counts what the fake answered.
package scenario

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
)

// Config describes a run.
type Config struct {
	// Budget is the fake's site-wide budget, requests a minute.
	Budget int
	// Clients is the number of clients, each with its own *chargebee.Client
	// and one goroutine calling the API in a loop.
	Clients int
	// Duration is how long the clients call.
	Duration time.Duration
	// Limiter returns the rate limit option of client i.
	Limiter func(i int) (chargebee.Option, error)
}

// Result is what the fake answered during a run.
type Result struct {
	Elapsed time.Duration
	// Calls is the number of calls that ended (succeeded or failed) within
	// the run; OK and Failed split them.
	Calls, OK, Failed int
	// Attempts is the number of requests the fake answered; Limited of
	// them were answered 429.
	Attempts, Limited int
}

// Throughput is the calls that succeeded, per second.
func (r Result) Throughput() float64 { return float64(r.OK) / r.Elapsed.Seconds() }

// BudgetShare is Throughput as a share of a budget of perMinute requests a
// minute.
func (r Result) BudgetShare(perMinute int) float64 {
	return r.Throughput() / (float64(perMinute) / 60)
}

// LimitedShare is the share of the fake's answers that were 429.
func (r Result) LimitedShare() float64 {
	if r.Attempts == 0 {
		return 0
	}
	return float64(r.Limited) / float64(r.Attempts)
}

// String gives the figures on one line.
func (r Result) String() string {
	return fmt.Sprintf("%d calls in %.1fs: %d ok, %d failed; %d requests answered, %d of them 429 (%.2f%%)",
		r.Calls, r.Elapsed.Seconds(), r.OK, r.Failed, r.Attempts, r.Limited, 100*r.LimitedShare())
}

const customerID = "cust_scenario"

// Run starts a fake with cfg.Budget, lets cfg.Clients clients retrieve one
// customer in a loop for cfg.Duration, and counts the results.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.Budget <= 0 || cfg.Clients <= 0 || cfg.Duration <= 0 || cfg.Limiter == nil {
		return Result{}, errors.New("scenario: Budget, Clients, Duration and Limiter are required")
	}
	srv, err := chargebeetest.Start()
	if err != nil {
		return Result{}, err
	}
	defer srv.Close()
	setup := srv.Client()
	if _, err := customer.NewService(setup).Create(ctx, customer.NewCreateRequest().SetID(customerID)); err != nil {
		return Result{}, fmt.Errorf("scenario: creating the customer: %w", err)
	}
	clients := make([]*chargebee.Client, cfg.Clients)
	for i := range clients {
		opt, err := cfg.Limiter(i)
		if err != nil {
			return Result{}, err
		}
		// The SDK's default retry waits, which the fake's clients shorten:
		// a 429's Retry-After is honoured as it would be in production.
		clients[i] = srv.Client(chargebee.WithRetryWait(500*time.Millisecond, 10*time.Second), opt)
	}
	srv.ClearRequests()
	srv.SetRateLimit(cfg.Budget, 0)

	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var (
		mu  sync.Mutex
		res Result
		wg  sync.WaitGroup
	)
	start := time.Now()
	for _, cb := range clients {
		wg.Add(1)
		go func(customers *customer.Service) {
			defer wg.Done()
			for runCtx.Err() == nil {
				_, err := customers.Retrieve(runCtx, customerID)
				if runCtx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
					// Cut short by the end of the run (a limiter fails a
					// wait past it at once): not counted.
					return
				}
				mu.Lock()
				res.Calls++
				if err == nil {
					res.OK++
				} else {
					res.Failed++
				}
				mu.Unlock()
			}
		}(customer.NewService(cb))
	}
	<-runCtx.Done()
	res.Elapsed = time.Since(start)
	wg.Wait()
	for _, r := range srv.Requests() {
		if r.Status == 0 {
			continue
		}
		res.Attempts++
		if r.Status == 429 {
			res.Limited++
		}
	}
	return res, nil
}
