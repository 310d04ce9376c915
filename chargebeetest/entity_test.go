package chargebeetest_test

import (
	"testing"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

const beHeader = "chargebee-business-entity-id"

// TestBusinessEntityScoping checks the rules of the business-entity header:
// a created customer remembers its entity; retrieve, update and delete in
// another entity answer 404; lists show only the entity's resources.
func TestBusinessEntityScoping(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t, chargebeetest.WithDefaultBusinessEntity("be_default"))
	a := must(t, send(t, s, "POST", "/customers", vals("id", "eu1"), beHeader, "be_eu"), 200)
	if a.str("customer.business_entity_id") != "be_eu" {
		t.Fatalf("entity not recorded: %s", a.raw)
	}
	must(t, send(t, s, "POST", "/customers", vals("id", "us1", "business_entity_id", "be_us")), 200)
	a = must(t, send(t, s, "POST", "/customers", vals("id", "plain")), 200)
	if a.str("customer.business_entity_id") != "be_default" {
		t.Fatalf("default entity: %s", a.raw)
	}
	mustParamError(t, send(t, s, "POST", "/customers", vals("id", "x", "business_entity_id", "be_us"), beHeader, "be_eu"), "business_entity_id")
	must(t, send(t, s, "POST", "/customers", vals("id", "y", "business_entity_id", "be_eu"), beHeader, "be_eu"), 200)

	// Without the header: site context, everything visible.
	must(t, send(t, s, "GET", "/customers/eu1", nil), 200)
	a = must(t, send(t, s, "GET", "/customers", nil), 200)
	if a.len("list") != 4 {
		t.Fatalf("site context list: %s", a.raw)
	}
	// In another entity: 404 for retrieve, update, delete and sub-actions.
	for _, r := range []struct{ method, path string }{
		{"GET", "/customers/eu1"},
		{"POST", "/customers/eu1"},
		{"POST", "/customers/eu1/delete"},
		{"POST", "/customers/eu1/add_contact"},
		{"GET", "/customers/eu1/contacts"},
	} {
		p := vals()
		if r.path == "/customers/eu1/add_contact" {
			p = vals("contact[email]", "a@b.c")
		}
		if a := send(t, s, r.method, r.path, p, beHeader, "be_us"); a.status != 404 || a.str("api_error_code") != "resource_not_found" {
			t.Fatalf("%s %s in another entity: %s", r.method, r.path, a.raw)
		}
	}
	// In its own entity: fine.
	must(t, send(t, s, "POST", "/customers/eu1", vals("first_name", "Eu"), beHeader, "be_eu"), 200)
	a = must(t, send(t, s, "GET", "/customers", nil, beHeader, "be_eu"), 200)
	if got := ids(a, "list", "customer.id"); got != "y,eu1" {
		t.Fatalf("entity list: %s", got)
	}
	a = must(t, send(t, s, "GET", "/customers", vals("business_entity_id[is]", "be_us")), 200)
	if got := ids(a, "list", "customer.id"); got != "us1" {
		t.Fatalf("business_entity_id filter: %s", got)
	}
	// Hierarchy links stay inside one entity.
	mustParamError(t, send(t, s, "POST", "/customers/eu1/relationships", vals("parent_id", "us1")), "parent_id")
	// Credits follow their customer's entity.
	must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "eu1", "amount", "5", "description", "x"), beHeader, "be_eu"), 200)
	must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "eu1", "amount", "5", "description", "x"), beHeader, "be_us"), 404)
	must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "us1", "amount", "5", "description", "x")), 200)
	a = must(t, send(t, s, "GET", "/promotional_credits", nil, beHeader, "be_eu"), 200)
	if got := ids(a, "list", "promotional_credit.customer_id"); got != "eu1" {
		t.Fatalf("credit list in entity: %s", got)
	}
	pc := a.str("list.0.promotional_credit.id")
	must(t, send(t, s, "GET", "/promotional_credits/"+pc, nil, beHeader, "be_us"), 404)
	must(t, send(t, s, "GET", "/promotional_credits/"+pc, nil, beHeader, "be_eu"), 200)
	// Delete in the right entity works.
	must(t, send(t, s, "POST", "/customers/eu1/delete", nil, beHeader, "be_eu"), 200)
}
