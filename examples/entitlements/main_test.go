package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
	"github.com/billingkit/chargebee-go/examples/internal/exampletest"
)

func TestRunOnFake(t *testing.T) {
	t.Setenv(customerVar, "")
	out := exampletest.Run(t, run)
	exampletest.Equal(t, out,
		exampleenv.FakeNotice,
		"Seeded the fake with the entitlements of acme_corp's subscriptions sub_starter, sub_pro and sub_addon",
		"Entitlements of acme_corp (4 features):",
		"  sso               true (Available)     disabled, from sub_addon",
		"  support-level     Chat (Chat support)  enabled, from sub_pro",
		"  user-licenses     3 (3 licences)       enabled, from sub_starter",
		"  user-licenses     10 (10 licences)     enabled, from sub_pro",
		"  xero-integration  true (Available)     enabled, from sub_pro",
		"Feature checks:",
		"  xero-integration  allowed",
		"  sso               refused: the entitlement is disabled",
		"  audit-log         refused: not in the customer's plan",
		"  add a user        allowed (3 of 10 seats used)",
		"  support level     Chat",
		"Cleaned up: deleted 1 customer",
	)
}

// On a real site the program reads the customer named by
// CHARGEBEE_CUSTOMER_ID and creates nothing. With two subscriptions, as in
// Chargebee's documentation, the seats are what both grant together, not
// the first subscription's 3.
func TestRunAsOnSite(t *testing.T) {
	srv := exampletest.AsSite(t)
	srv.SetEntitlements("cust_live",
		chargebeetest.Entitlement{SubscriptionID: "sub_1", FeatureID: "user-licenses", Value: "3", Name: "3 licences", IsEnabled: true},
		chargebeetest.Entitlement{SubscriptionID: "sub_2", FeatureID: "user-licenses", Value: "10", Name: "10 licences", IsEnabled: true},
	)
	t.Setenv(customerVar, "cust_live")
	out := exampletest.RunAsIs(t, run)
	exampletest.Equal(t, out,
		`Using the Chargebee site "chargebeetest" (from CHARGEBEE_SITE)`,
		"Entitlements of cust_live (1 feature):",
		"  user-licenses  3 (3 licences)    enabled, from sub_1",
		"  user-licenses  10 (10 licences)  enabled, from sub_2",
		"Feature checks:",
		"  xero-integration  refused: not in the customer's plan",
		"  sso               refused: not in the customer's plan",
		"  audit-log         refused: not in the customer's plan",
		"  add a user        allowed (3 of 10 seats used)",
	)
	if n := len(srv.RequestsFor("customer.create")); n != 0 {
		t.Errorf("%d customers created on a real site, want none", n)
	}
}

func TestRunAsOnSiteNeedsCustomer(t *testing.T) {
	exampletest.AsSite(t)
	t.Setenv(customerVar, "")
	var out bytes.Buffer
	err := run(context.Background(), &out)
	if err == nil || !strings.Contains(err.Error(), customerVar) {
		t.Errorf("error = %v, want one naming %s", err, customerVar)
	}
}

// A site where Chargebee Support has not enabled the endpoint gives an
// error that says so.
func TestRunEntitlementsNotEnabled(t *testing.T) {
	srv := exampletest.AsSite(t, chargebeetest.WithEntitlementsDisabled())
	srv.SetEntitlements("cust_live")
	t.Setenv(customerVar, "cust_live")
	var out bytes.Buffer
	err := run(context.Background(), &out)
	if !errors.Is(err, entitlement.ErrNotEnabled) || !strings.Contains(err.Error(), "Chargebee Support") {
		t.Errorf("error = %v, want entitlement.ErrNotEnabled explained", err)
	}
}
