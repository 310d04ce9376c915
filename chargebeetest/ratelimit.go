package chargebeetest

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// siteBudget is the fake's site-wide rate limit (SetRateLimit): a bucket of
// requests refilled continuously at perMinute/60 a second.
type siteBudget struct {
	mu        sync.Mutex
	perMinute int // 0: no limit
	burst     float64
	left      float64 // requests that may be served now
	last      time.Time
}

// SetRateLimit makes the fake enforce a site-wide budget of perMinute
// requests a minute, shared by every client, as Chargebee does for a site:
// once the budget is spent, a request is answered 429 with Chargebee's
// api_request_limit_exceeded error and a Retry-After header (whole seconds
// until the next request fits), and is not processed. The budget refills
// continuously, perMinute/60 requests a second, and holds at most burst
// unspent requests (burst <= 0: one second's worth, at least 1); it starts
// full. Requests answered 429, or by FailNext, DropConnectionNext and
// FailNextWith, do not spend it. The fake's clock (WithClock) measures the
// time, so a test can move it on instead of sleeping. perMinute <= 0 turns
// the limit off (the default).
func (s *Server) SetRateLimit(perMinute, burst int) {
	b := &s.budget
	b.mu.Lock()
	defer b.mu.Unlock()
	b.perMinute = max(perMinute, 0)
	if burst <= 0 {
		burst = max(1, int(math.Ceil(float64(b.perMinute)/60)))
	}
	b.burst = float64(burst)
	b.left = b.burst
	b.last = s.clock()
}

// spendBudget takes one request from the site's budget. It returns nil when
// the request may be served, and the 429 answer when the budget is spent.
func (s *Server) spendBudget() *response {
	b := &s.budget
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.perMinute == 0 {
		return nil
	}
	perSecond := float64(b.perMinute) / 60
	if now := s.clock(); now.After(b.last) {
		b.left = math.Min(b.burst, b.left+now.Sub(b.last).Seconds()*perSecond)
		b.last = now
	}
	if b.left >= 1 {
		b.left--
		return nil
	}
	resp := errorResponse(statusError(http.StatusTooManyRequests))
	wait := math.Ceil((1 - b.left) / perSecond)
	resp.header.Set("Retry-After", strconv.Itoa(int(max(wait, 1))))
	return resp
}
