package webhook_test

// The cost of receiving a webhook against json.Unmarshal of the same 3 KB
// customer_changed document into event.Event, in the same run (which scans
// the document and then calls Event's generated UnmarshalJSON).
//
// BenchmarkCustomerChanged has the pairs as sub-benchmarks named
// impl=baseline, impl=parse and impl=handler, so that
//
//	benchstat -col /impl bench.txt
//
// prints the SDK's cost as a ratio of the baseline.
// BenchmarkCustomerChangedRatio alternates the baseline and the handler in
// every iteration, so that both see the same load on a busy machine, and
// reports handler/baseline as the metric "ratio" (the target is at most
// 1.2). Run them with
//
//	go test -run='^$' -bench=CustomerChanged -benchmem -count=6 ./webhook/ | tee bench.txt

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/webhook"
)

// discardWriter is an http.ResponseWriter that keeps only the status.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }

// tickingClock advances by a microsecond on every reading, so that with a
// window of a nanosecond every delivery finds its id expired: each one is
// claimed, processed and completed, as a new event would be.
func tickingClock() func() time.Time {
	var n atomic.Int64
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time { return base.Add(time.Duration(n.Add(1)) * time.Microsecond) }
}

// benchHandler is a handler set up as a service would (Basic auth, the
// memory deduper) with one delivery to serve again and again.
type benchHandler struct {
	h     http.Handler
	w     *discardWriter
	r     *http.Request
	rd    *bytes.Reader
	body  []byte
	calls int
}

func newBenchHandler(b *testing.B, body []byte) *benchHandler {
	bh := &benchHandler{body: body, w: &discardWriter{h: http.Header{}}, rd: bytes.NewReader(body)}
	h, err := webhook.NewHandler(func(_ context.Context, ev *event.Event) error {
		if ev.EventType == event.CustomerChanged && ev.Content.Customer != nil {
			bh.calls++
		}
		return nil
	}, webhook.WithBasicAuth(testUser, testPass), webhook.WithLogger(nil),
		webhook.WithDeduper(webhook.NewMemoryDeduper(time.Nanosecond, webhook.WithClock(tickingClock()))))
	if err != nil {
		b.Fatal(err)
	}
	bh.h = h
	bh.r = delivery(body)
	bh.r.Body = io.NopCloser(bh.rd)
	return bh
}

// serve delivers the event once and checks the answer.
func (bh *benchHandler) serve(b *testing.B) {
	bh.rd.Reset(bh.body)
	clear(bh.w.h)
	bh.w.status = 0
	bh.h.ServeHTTP(bh.w, bh.r)
	if bh.w.status != http.StatusOK {
		b.Fatalf("status %d", bh.w.status)
	}
}

// unmarshal is the baseline: encoding/json into the same structs.
func unmarshal(b *testing.B, body []byte) {
	var ev event.Event
	if err := json.Unmarshal(body, &ev); err != nil || ev.Content.Customer == nil {
		b.Fatal(err)
	}
}

func BenchmarkCustomerChanged(b *testing.B) {
	body := fixture(b, "customer_changed.json")
	b.Run("impl=baseline", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for range b.N {
			unmarshal(b, body)
		}
	})
	b.Run("impl=parse", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for range b.N {
			ev, err := event.Parse(body)
			if err != nil || ev.Content.Customer == nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=handler", func(b *testing.B) {
		bh := newBenchHandler(b, body)
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			bh.serve(b)
		}
		b.StopTimer()
		if bh.calls != b.N {
			b.Fatalf("fn ran %d times for %d deliveries", bh.calls, b.N)
		}
	})
}

func BenchmarkCustomerChangedRatio(b *testing.B) {
	body := fixture(b, "customer_changed.json")
	bh := newBenchHandler(b, body)
	var base, handler time.Duration
	b.ResetTimer()
	for i := range b.N {
		// Alternate which goes first, so that neither always runs on a
		// warm cache.
		t0 := time.Now()
		if i%2 == 0 {
			unmarshal(b, body)
			t1 := time.Now()
			bh.serve(b)
			t2 := time.Now()
			base, handler = base+t1.Sub(t0), handler+t2.Sub(t1)
		} else {
			bh.serve(b)
			t1 := time.Now()
			unmarshal(b, body)
			t2 := time.Now()
			handler, base = handler+t1.Sub(t0), base+t2.Sub(t1)
		}
	}
	b.StopTimer()
	if bh.calls != b.N {
		b.Fatalf("fn ran %d times for %d deliveries", bh.calls, b.N)
	}
	b.ReportMetric(float64(base.Nanoseconds())/float64(b.N), "baseline-ns/op")
	b.ReportMetric(float64(handler.Nanoseconds())/float64(b.N), "handler-ns/op")
	b.ReportMetric(float64(handler)/float64(base), "ratio")
}
