package reliability_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
	"github.com/billingkit/chargebee-go/internal/transport"
)

// retryAfterValues are Retry-After headers a server, a proxy or an attacker
// in the middle could send. long says whether honouring the value without a
// cap would wait at least a second.
func retryAfterValues(now time.Time) []struct {
	name, value string
	long        bool
} {
	return []struct {
		name, value string
		long        bool
	}{
		{"one second", "1", true},
		{"an hour", "3600", true},
		{"huge", "99999999999999999999", true},
		{"beyond float64", "1e400", true},
		{"exponent", "1e9", true},
		{"infinity", "+Inf", true},
		{"NaN", "NaN", false},
		{"negative", "-1", false},
		{"negative huge", "-99999999999999999999", false},
		{"zero", "0", false},
		{"fraction below a second", "0.25", false},
		{"fraction above a second", "1.5", true},
		{"padded", "  2  ", true},
		{"HTTP date in the future", now.Add(time.Hour).UTC().Format(http.TimeFormat), true},
		{"HTTP date far in the future", now.AddDate(100, 0, 0).UTC().Format(http.TimeFormat), true},
		{"HTTP date in the past", now.Add(-time.Hour).UTC().Format(http.TimeFormat), false},
		{"RFC 850 date in the future", now.Add(time.Hour).UTC().Format(time.RFC850), true},
		{"garbage", "soon", false},
		{"hex", "0x10", false},
		{"thousands separator", "1,000", false},
		{"very long", strings.Repeat("9", 600), true},
		{"unicode digits", "٣", false},
	}
}

// TestRetryAfterIsAlwaysBounded covers scenario 4. For every Retry-After
// value above, on 429 and 503 answers, for a POST and a GET action of
// different packages, the fake fails two attempts and then answers. The
// waits between attempts are recorded rather than slept. What must hold:
//   - the call succeeds on the third attempt and never panics;
//   - every wait is at most the configured maximum (50ms);
//   - a value that would wait a second or more is honoured up to that
//     maximum: both waits are exactly the cap.
func TestRetryAfterIsAlwaysBounded(t *testing.T) {
	t.Parallel()
	const maxWait = 50 * time.Millisecond
	ctx := context.Background()
	var picked []action
	for _, a := range allActions() {
		if a.name == "credits.Add" || a.name == "entitlement.List" {
			picked = append(picked, a)
		}
	}
	if len(picked) != 2 {
		t.Fatalf("picked %d actions", len(picked))
	}
	for _, a := range picked {
		for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
			for _, v := range retryAfterValues(time.Now()) {
				t.Run(a.name+"/"+strconv.Itoa(status)+"/"+v.name, func(t *testing.T) {
					t.Parallel()
					f := newFixture(t)
					a.setup(t, f)
					f.srv.FailNext(2, status, v.value)
					cb := f.client(a, chargebee.WithMaxRetries(2), chargebee.WithRetryWait(time.Millisecond, maxWait))
					waits := &testutil.WaitLog{}
					_, err := a.run(waits.Context(ctx), cb)
					if err != nil {
						t.Fatalf("call failed: %v", err)
					}
					reqs := f.srv.RequestsFor(a.fake)
					if len(reqs) < 3 || reqs[0].Status != status || reqs[1].Status != status || reqs[2].Status != 200 {
						t.Errorf("want two %d answers then a 200, got %+v", status, reqs)
					}
					got := waits.All()
					if len(got) != 2 {
						t.Fatalf("waits %v, want two", got)
					}
					for _, w := range got {
						if w < 0 || w > maxWait || (v.long && w != maxWait) {
							t.Errorf("waits %v with Retry-After %q: want each within [0, %v], the cap itself for a long value", got, v.value, maxWait)
							break
						}
					}
				})
			}
		}
	}
}

// TestRetryAfterOnTheFinalError checks what the caller sees when the last
// answer carries one of those headers: a *chargebee.Error whose RetryAfter
// is never negative and never more than a day, whatever was sent, and the
// raw header kept in Header.
func TestRetryAfterOnTheFinalError(t *testing.T) {
	t.Parallel()
	for _, v := range retryAfterValues(time.Now()) {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.srv.FailNext(2, http.StatusTooManyRequests, v.value)
			err := f.v2.Do(context.Background(), "GET", "/customers", nil, nil)
			var ce *chargebee.Error
			if !errors.As(err, &ce) || ce.HTTPStatusCode != 429 {
				t.Fatalf("err = %v", err)
			}
			if ce.RetryAfter < 0 || ce.RetryAfter > 24*time.Hour {
				t.Errorf("RetryAfter = %v for %q", ce.RetryAfter, v.value)
			}
			if got := ce.Header.Get("Retry-After"); got != strings.TrimSpace(v.value) {
				t.Errorf("header %q, want %q", got, v.value)
			}
			if !errors.Is(err, chargebee.ErrRateLimited) {
				t.Error("not ErrRateLimited")
			}
		})
	}
}

// TestBackoffStaysWithinBounds drives the backoff function itself with
// every header above, on every retryable status, for attempt numbers up to
// 200 and extreme client settings (zero, nanosecond and maximal waits):
// the wait is never negative and never above the configured maximum, a
// computed backoff is never below the minimum, and nothing panics. (A
// Retry-After shorter than the minimum is honoured as sent.)
func TestBackoffStaysWithinBounds(t *testing.T) {
	t.Parallel()
	bounds := []struct{ min, max time.Duration }{
		{0, 0}, {0, time.Nanosecond}, {time.Millisecond, 50 * time.Millisecond},
		{500 * time.Millisecond, 10 * time.Second}, {time.Hour, time.Hour},
		{0, math.MaxInt64}, {math.MaxInt64 / 2, math.MaxInt64}, {math.MaxInt64, math.MaxInt64},
	}
	values := retryAfterValues(time.Now())
	for _, b := range bounds {
		for _, status := range []int{0, 429, 500, 502, 503, 504} {
			for _, v := range values {
				var resp *http.Response
				if status != 0 {
					resp = &http.Response{StatusCode: status, Header: http.Header{"Retry-After": {v.value}}}
				}
				for attempt := 0; attempt <= 200; attempt += 7 {
					d := transport.Backoff(b.min, b.max, attempt, resp)
					if d < 0 || d > b.max || (status == 0 && d < b.min) {
						t.Fatalf("Backoff(%v, %v, %d, %d %q) = %v, outside [%v, %v]", b.min, b.max, attempt, status, v.value, d, b.min, b.max)
					}
				}
			}
		}
	}
}
