package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/webhook"
)

const exampleBody = `{"id":"ev_example_1","occurred_at":1700003600,"source":"api","object":"event",
	"api_version":"v2","event_type":"customer_created",
	"content":{"customer":{"id":"acme_corp","created_at":1700003600,"object":"customer"}}}`

// A handler that authenticates Chargebee with Basic auth and processes each
// event once, however often it is delivered.
func ExampleNewHandler() {
	h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
		switch ev.EventType {
		case event.CustomerCreated:
			fmt.Println("welcome", ev.Content.Customer.ID)
		}
		return nil // other types are acknowledged and ignored
	}, webhook.WithBasicAuth("chargebee", "test_password"), webhook.WithLogger(nil))
	if err != nil {
		fmt.Println(err)
		return
	}
	// In a service: http.Handle("/chargebee/webhook", h)

	deliver := func(user, password string) {
		r := httptest.NewRequest(http.MethodPost, "/chargebee/webhook", strings.NewReader(exampleBody))
		r.SetBasicAuth(user, password)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code, strings.TrimSpace(w.Body.String()))
	}
	deliver("chargebee", "test_password")
	deliver("chargebee", "test_password") // Chargebee sent it again
	deliver("chargebee", "wrong")
	// Output:
	// welcome acme_corp
	// 200 ok
	// 200 already processed
	// 401 unauthorized
}

// A handler whose function fails answers 500, so Chargebee delivers the
// event again; the next delivery is processed.
func ExampleNewHandler_retry() {
	attempts := 0
	h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
		attempts++
		if attempts == 1 {
			return fmt.Errorf("database unavailable")
		}
		fmt.Println("processed", ev.ID, "on attempt", attempts)
		return nil
	}, webhook.WithoutAuth(), webhook.WithLogger(nil))
	if err != nil {
		fmt.Println(err)
		return
	}
	for range 3 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(exampleBody)))
		fmt.Println(w.Code, strings.TrimSpace(w.Body.String()))
	}
	// Output:
	// 500 processing failed
	// processed ev_example_1 on attempt 2
	// 200 ok
	// 200 already processed
}

// Two endpoints of one process share a deduper, so an event delivered to
// both is processed once. Across replicas or restarts, use a Deduper on a
// shared store instead.
func ExampleNewMemoryDeduper() {
	dedupe := webhook.NewMemoryDeduper(0) // remembers processed ids for 3 days 7 hours
	fn := func(ctx context.Context, ev *event.Event) error {
		fmt.Println("processing", ev.ID)
		return nil
	}
	a, _ := webhook.NewHandler(fn, webhook.WithoutAuth(), webhook.WithDeduper(dedupe), webhook.WithLogger(nil))
	b, _ := webhook.NewHandler(fn, webhook.WithoutAuth(), webhook.WithDeduper(dedupe), webhook.WithLogger(nil))
	for _, h := range []http.Handler{a, b} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(exampleBody)))
		fmt.Println(w.Code, strings.TrimSpace(w.Body.String()))
	}
	// Output:
	// processing ev_example_1
	// 200 ok
	// 200 already processed
}

// The Deduper's Complete or Release after the function ran gets a context
// that ends after the settle timeout, so a store that hangs cannot hold the
// answer; here two seconds instead of DefaultSettleTimeout.
func ExampleWithSettleTimeout() {
	h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
		return nil
	}, webhook.WithoutAuth(), webhook.WithSettleTimeout(2*time.Second), webhook.WithLogger(nil))
	if err != nil {
		fmt.Println(err)
		return
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(exampleBody)))
	fmt.Println(w.Code, strings.TrimSpace(w.Body.String()))
	// Output:
	// 200 ok
}
