package webhook_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/webhook"
)

// WithVerify against the SDK's fake: a recorded event is processed with the
// API's copy, a forged one is refused.
func TestVerifyAgainstTheFake(t *testing.T) {
	t.Parallel()
	srv, err := chargebeetest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	if _, err := customer.NewService(srv.Client()).Create(ctx, customer.NewCreateRequest().SetID("cust_verify").SetFirstName("Ann")); err != nil {
		t.Fatal(err)
	}
	recorded := srv.Events()
	if len(recorded) != 1 {
		t.Fatalf("the fake recorded %d events", len(recorded))
	}
	orig, err := event.Parse(recorded[0])
	if err != nil {
		t.Fatal(err)
	}

	var rec recorder
	h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass), webhook.WithVerify(srv.Client()))

	// The body claims another first name; fn gets what the API says.
	tampered := strings.Replace(string(recorded[0]), `"Ann"`, `"Mallory"`, 1)
	if w := serve(h, delivery([]byte(tampered))); w.Code != http.StatusOK {
		t.Fatalf("recorded event answered %d %s", w.Code, w.Body)
	}
	if rec.last == nil || rec.last.ID != orig.ID || rec.last.Content.Customer.FirstName != "Ann" {
		t.Fatalf("fn got %+v, want the API's copy of %s", rec.last, orig.ID)
	}

	forged := strings.Replace(string(recorded[0]), `"`+orig.ID+`"`, `"ev_forged"`, 1)
	if w := serve(h, delivery([]byte(forged))); w.Code != http.StatusBadRequest || strings.TrimSpace(w.Body.String()) != "event unknown to the API" {
		t.Fatalf("forged event answered %d %q", w.Code, w.Body)
	}
	if rec.count("ev_forged") != 0 {
		t.Fatal("fn ran for a forged event")
	}
}
