package redis_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	cbredis "github.com/billingkit/chargebee-go/redis"
	"github.com/billingkit/chargebee-go/redis/internal/redisserver"
	"github.com/billingkit/chargebee-go/redis/internal/scenario"
)

// A short run of the many-replicas scenario (go run ./cmd/ratescenario has
// the full one): eight clients sharing one Redis limiter set to the fake's
// budget spend it without being refused; eight in-process limiters, each set
// to the whole budget, are refused. The bounds leave room for a busy
// machine: the shared run's requests are bounded by the budget itself.
func TestScenarioSharedBudget(t *testing.T) {
	t.Parallel()
	srv := redisserver.New(t)
	const budget, clients = 1200, 8 // 20 a second
	const duration = 3 * time.Second
	key := fmt.Sprintf("scenario-%d", time.Now().UnixNano())

	// The two runs have fakes of their own: they run side by side, in one
	// test, so that their waits hold one of the test runner's parallel
	// slots rather than two.
	var shared, local scenario.Result
	var sharedErr, localErr error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		shared, sharedErr = scenario.Run(context.Background(), scenario.Config{
			Budget: budget, Clients: clients, Duration: duration,
			Limiter: func(int) (chargebee.Option, error) {
				l, err := cbredis.NewLimiter(replicaClient(t, srv), key, budget)
				return chargebee.WithRateLimiter(l), err
			},
		})
	}()
	go func() {
		defer wg.Done()
		local, localErr = scenario.Run(context.Background(), scenario.Config{
			Budget: budget, Clients: clients, Duration: duration,
			Limiter: func(int) (chargebee.Option, error) { return chargebee.WithRateLimit(budget/60, 1), nil },
		})
	}()
	wg.Wait()
	if sharedErr != nil || localErr != nil {
		t.Fatalf("scenario runs: %v, %v", sharedErr, localErr)
	}

	t.Logf("shared:     %v", shared)
	// The limiter allows 20 a second plus its burst of 2: that bounds the
	// requests sent, however long the run took.
	if most := int(20*shared.Elapsed.Seconds()) + 2 + clients; shared.Attempts > most {
		t.Errorf("shared: %d requests in %v, want at most %d", shared.Attempts, shared.Elapsed, most)
	}
	if shared.LimitedShare() > 0.05 {
		t.Errorf("shared: %.1f%% of answers were 429, want at most 5%%", 100*shared.LimitedShare())
	}
	if shared.BudgetShare(budget) < 0.3 {
		t.Errorf("shared: %.1f%% of the budget used, want at least 30%%", 100*shared.BudgetShare(budget))
	}
	if shared.Failed > 0 {
		t.Errorf("shared: %d calls failed", shared.Failed)
	}

	t.Logf("in-process: %v", local)
	if local.Limited == 0 {
		t.Errorf("in-process: no 429 with eight times the budget offered: %v", local)
	}
}
