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
		"Created customer cust_1, no promotional credits yet",
		"Added 5.00 USD (Referral bonus): balance 5.00 USD",
		"Deducted 2.00 USD (Applied to the first invoice): balance 3.00 USD",
		"Deducting 10.00 USD is refused (400, param amount): amount : cannot be more than the promotional credit balance of 3.00 USD",
		"Credit history of cust_1:",
		"  pc_2  -2.00 USD  general           Applied to the first invoice  balance 3.00 USD",
		"  pc_1  +5.00 USD  referral_rewards  Referral bonus                balance 5.00 USD",
		"Added 1.00 USD of account credits with API v1: account_credits 4.00 USD",
		"Cleaned up: deleted 1 customer",
	)
}

// On a real site the API v1 step is skipped.
func TestRunAsOnSite(t *testing.T) {
	srv := exampletest.AsSite(t)
	out := exampletest.RunAsIs(t, run)
	exampletest.Match(t, out,
		`Using the Chargebee site "chargebeetest" \(from CHARGEBEE_SITE\)`,
		`Created customer cust_1, no promotional credits yet`,
		`Added 5\.00 USD \(Referral bonus\): balance 5\.00 USD`,
		`Deducted 2\.00 USD \(Applied to the first invoice\): balance 3\.00 USD`,
		`Deducting 10\.00 USD is refused \(400, param amount\): .*`,
		`Credit history of cust_1:`,
		`  pc_2  -2\.00 USD  general           Applied to the first invoice  balance 3\.00 USD`,
		`  pc_1  \+5\.00 USD  referral_rewards  Referral bonus                balance 5\.00 USD`,
		`Skipping API v1 account credits on a real site: not every site accepts API v1 calls`,
		`Cleaned up: deleted 1 customer`,
	)
	exampletest.NoCustomersLeft(t, srv)
	if n := len(srv.RequestsFor("customer_v1.add_account_credits")); n != 0 {
		t.Errorf("%d API v1 calls on a real site, want none", n)
	}
}
