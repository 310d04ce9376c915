package chargebeetest_test

import (
	"testing"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

// seedEntitlements are the entitlements of customer c1 in Chargebee's
// documentation of customer_entitlements paging, in the order its answers
// list them.
var seedEntitlements = []chargebeetest.Entitlement{
	{SubscriptionID: "s1", FeatureID: "user-licenses", Value: "3", Name: "3 licences", IsEnabled: true},
	{SubscriptionID: "s2", FeatureID: "xero-integration", Value: "true", Name: "Available", IsEnabled: true},
	{SubscriptionID: "s2", FeatureID: "user-licenses", Value: "10", Name: "10 licences", IsEnabled: true},
	{SubscriptionID: "s1", FeatureID: "support-level", Value: "Email", Name: "Email", IsEnabled: true},
	{SubscriptionID: "s2", FeatureID: "support-level", Value: "Chat", Name: "Chat", IsEnabled: true},
}

// TestEntitlementPagingAsDocumented reproduces the documented walk: limit=2
// gives three objects for two features and next_offset "2", then the two
// objects of the last feature and no next_offset.
func TestEntitlementPagingAsDocumented(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	s.SetEntitlements("c1", seedEntitlements...)

	a := must(t, send(t, s, "GET", "/customers/c1/customer_entitlements", vals("limit", "2")), 200)
	if got := ids(a, "list", "customer_entitlement.feature_id"); got != "user-licenses,xero-integration,user-licenses" {
		t.Fatalf("page 1 features: %s", got)
	}
	if got := ids(a, "list", "customer_entitlement.subscription_id"); got != "s1,s2,s2" {
		t.Fatalf("page 1 subscriptions: %s", got)
	}
	if a.str("next_offset") != "2" {
		t.Fatalf("next_offset %q", a.str("next_offset"))
	}
	first := dig(a.body, "list.0.customer_entitlement").(map[string]any)
	want := map[string]any{"customer_id": "c1", "subscription_id": "s1", "feature_id": "user-licenses", "value": "3", "name": "3 licences", "is_enabled": true, "object": "customer_entitlement"}
	if len(first) != len(want) {
		t.Fatalf("object: %v", first)
	}
	for k, v := range want {
		if first[k] != v {
			t.Fatalf("%s = %v, want %v", k, first[k], v)
		}
	}

	a = must(t, send(t, s, "GET", "/customers/c1/customer_entitlements", vals("limit", "2", "offset", "2")), 200)
	if got := ids(a, "list", "customer_entitlement.value"); got != "Email,Chat" || a.has("next_offset") {
		t.Fatalf("page 2: %s", a.raw)
	}

	// Default limit 10 covers all three features.
	a = must(t, send(t, s, "GET", "/customers/c1/customer_entitlements", nil), 200)
	if a.len("list") != 5 || a.has("next_offset") {
		t.Fatalf("default page: %s", a.raw)
	}
	a = must(t, send(t, s, "GET", "/customers/c1/customer_entitlements", vals("limit", "1", "offset", "1")), 200)
	if got := ids(a, "list", "customer_entitlement.feature_id"); got != "xero-integration" || a.str("next_offset") != "2" {
		t.Fatalf("limit 1 offset 1: %s", a.raw)
	}

	// Consolidated: one object per feature.
	a = must(t, send(t, s, "GET", "/customers/c1/customer_entitlements", vals("consolidate_entitlements", "true")), 200)
	if got := ids(a, "list", "customer_entitlement.value"); got != "10,true,Chat" {
		t.Fatalf("consolidated values: %s", got)
	}
	if a.has("list.0.customer_entitlement.subscription_id") {
		t.Fatalf("consolidated object names a subscription: %s", a.raw)
	}

	// SetEntitlements replaces, and created the customer.
	s.SetEntitlements("c1")
	a = must(t, send(t, s, "GET", "/customers/c1/customer_entitlements", nil), 200)
	if a.len("list") != 0 || a.has("next_offset") {
		t.Fatalf("after clearing: %s", a.raw)
	}
	must(t, send(t, s, "GET", "/customers/c1", nil), 200)
	must(t, send(t, s, "GET", "/customers/ghost/customer_entitlements", nil), 404)
	mustParamError(t, send(t, s, "GET", "/customers/c1/customer_entitlements", vals("offset", "9")), "offset")
}
