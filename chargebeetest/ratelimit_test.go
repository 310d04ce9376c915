package chargebeetest_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
)

// manualClock is a clock that moves only when told.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestSiteRateLimit(t *testing.T) {
	t.Parallel()
	clock := &manualClock{now: time.Unix(1700000000, 0)}
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.Now))
	// 120 a minute is 2 a second; a burst of 3.
	s.SetRateLimit(120, 3)

	for i := 0; i < 3; i++ {
		must(t, send(t, s, "GET", "/customers", nil), 200)
	}
	over := send(t, s, "GET", "/customers", nil)
	must(t, over, 429)
	if got := over.str("api_error_code"); got != "api_request_limit_exceeded" {
		t.Errorf("api_error_code = %q", got)
	}
	if got := over.str("type"); got != "operation_failed" {
		t.Errorf("type = %q", got)
	}
	if over.num("http_status_code") != 429 || over.str("message") == "" {
		t.Errorf("body = %s", over.raw)
	}
	if got := over.header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want 1 (half a second rounded up)", got)
	}
	// A request over the budget is not processed, nor does it spend it.
	if a := send(t, s, "POST", "/customers", vals("id", "over")); a.status != 429 {
		t.Fatalf("POST over the budget: %d", a.status)
	}
	must(t, send(t, s, "GET", "/customers/over", nil), 429)

	// Half a second refills one request.
	clock.Advance(500 * time.Millisecond)
	must(t, send(t, s, "POST", "/customers", vals("id", "in")), 200)
	must(t, send(t, s, "GET", "/customers/in", nil), 429)

	// A long pause refills up to the burst, no more.
	clock.Advance(time.Hour)
	for i := 0; i < 3; i++ {
		must(t, send(t, s, "GET", "/customers/in", nil), 200)
	}
	must(t, send(t, s, "GET", "/customers/in", nil), 429)

	// Injected faults do not spend the budget.
	clock.Advance(500 * time.Millisecond)
	s.FailNext(2, 503, "")
	must(t, send(t, s, "GET", "/customers", nil), 503)
	must(t, send(t, s, "GET", "/customers", nil), 503)
	must(t, send(t, s, "GET", "/customers", nil), 200)

	// The log shows every answer.
	var limited int
	for _, r := range s.Requests() {
		if r.Status == 429 {
			limited++
			if r.Injected {
				t.Error("a 429 of the budget is marked injected")
			}
		}
	}
	if limited != 5 {
		t.Errorf("log holds %d answers 429, want 5", limited)
	}

	// Off again.
	s.SetRateLimit(0, 0)
	for i := 0; i < 10; i++ {
		must(t, send(t, s, "GET", "/customers", nil), 200)
	}
}

func TestSiteRateLimitDefaultBurst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		perMinute, burst, want int
	}{
		{600, 0, 10}, // one second's worth
		{30, 0, 1},   // at least one
		{90, 0, 2},   // 1.5 rounded up
		{600, 4, 4},
	}
	for _, tc := range tests {
		clock := &manualClock{now: time.Unix(1700000000, 0)}
		s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.Now))
		s.SetRateLimit(tc.perMinute, tc.burst)
		served := 0
		for send(t, s, "GET", "/customers", nil).status == 200 {
			served++
			if served > 100 {
				break
			}
		}
		if served != tc.want {
			t.Errorf("SetRateLimit(%d, %d) served %d at once, want %d", tc.perMinute, tc.burst, served, tc.want)
		}
	}
}

// The SDK sees the budget's 429 as Chargebee's and retries it after the
// Retry-After.
func TestSiteRateLimitThroughTheSDK(t *testing.T) {
	t.Parallel()
	clock := &manualClock{now: time.Unix(1700000000, 0)}
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.Now))
	s.SetRateLimit(60, 1)
	cb := s.Client(chargebee.WithMaxRetries(2), chargebee.WithRetryWait(time.Millisecond, 2*time.Millisecond))
	if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil {
		t.Fatal(err)
	}
	err := cb.Do(context.Background(), "GET", "/customers", nil, nil)
	var ce *chargebee.Error
	if !errors.As(err, &ce) || !errors.Is(err, chargebee.ErrRateLimited) || ce.APIErrorCode != "api_request_limit_exceeded" || ce.Attempts != 3 || ce.Header.Get("Retry-After") != "1" {
		t.Fatalf("err = %v, want api_request_limit_exceeded after 3 attempts", err)
	}
}
