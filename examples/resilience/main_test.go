package main

import (
	"testing"

	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
	"github.com/billingkit/chargebee-go/examples/internal/exampletest"
)

func TestRunOnFake(t *testing.T) {
	out := exampletest.Run(t, run)
	exampletest.Equal(t, out,
		exampleenv.FakeNotice,
		"The fake will answer 429 with Retry-After: 1, then create the customer but drop the connection before answering",
		"Created cust_1 after 3 attempts with idempotency key signup-ada (replayed: true)",
		"What the fake received:",
		"  1. POST /api/v2/customers, key signup-ada: 429 (injected)",
		"  2. POST /api/v2/customers, key signup-ada: processed, then the connection was dropped",
		"  3. POST /api/v2/customers, key signup-ada: 200, replayed from the idempotency store",
		"Customers with e-mail ada@example.com: 1",
		"Create again with the same key: cust_1 (replayed: true)",
		"The same key with another body: 422 the idempotency key was already used with a different request",
		"Updated cust_1 after a 503: 2 attempts sent 1 generated idempotency key",
		"Retrieve through 4 injected 503s gave up after 4 attempts:",
		"  chargebee: 503 internal_temporary_error after 4 attempts: Sorry, something went wrong when trying to process the request. Please try again.",
		"  errors.Is(err, chargebee.ErrOperationFailed): true",
		"Cleaned up: deleted 1 customer",
	)
}

// On a real site no fault is injected: the program shows only the replay
// of an idempotency key.
func TestRunAsOnSite(t *testing.T) {
	srv := exampletest.AsSite(t)
	out := exampletest.RunAsIs(t, run)
	exampletest.Match(t, out,
		`Using the Chargebee site "chargebeetest" \(from CHARGEBEE_SITE\)`,
		`Skipping fault injection: it needs the built-in fake`,
		`Created cust_1 after 1 attempt with idempotency key signup-ada_[0-9a-z]+ \(replayed: false\)`,
		`Customers with e-mail ada\+[0-9a-z]+@example\.com: 1`,
		`Create again with the same key: cust_1 \(replayed: true\)`,
		`Cleaned up: deleted 1 customer`,
	)
	exampletest.NoCustomersLeft(t, srv)
	for _, r := range srv.Requests() {
		if r.Injected {
			t.Errorf("a fault was injected on a real site: %+v", r)
		}
	}
}
