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
		"Created customer cust_1: Ada Lovelace <ada@example.com>",
		"  billing address: 12 St James's Square, Flat 3, London, SW1Y 4JH, GB",
		"  metadata: seats=3 signup_source=quickstart",
		"  custom fields: cf_referrer=newsletter",
		"Updated billing info of cust_1",
		"  billing address: 1 Engine Street, Cambridge, CB2 1TN, GB",
		"Customers with e-mail ada@example.com: cust_1",
		"Retrieved cust_1: Ada Lovelace of Analytical Engines Ltd, auto collection on, billing city Cambridge",
		"Deleted cust_1 (deleted: true)",
		"Retrieving cust_1 again: not found (404 resource_not_found)",
	)
}

// On a real site the program sends no custom field (the site may not
// define it) and uses an e-mail address unique to the run.
func TestRunAsOnSite(t *testing.T) {
	srv := exampletest.AsSite(t)
	out := exampletest.RunAsIs(t, run)
	exampletest.Match(t, out,
		`Using the Chargebee site "chargebeetest" \(from CHARGEBEE_SITE\)`,
		`Created customer cust_1: Ada Lovelace <ada\+[0-9a-z]+@example\.com>`,
		`  billing address: 12 St James's Square, Flat 3, London, SW1Y 4JH, GB`,
		`  metadata: seats=3 signup_source=quickstart`,
		`Updated billing info of cust_1`,
		`  billing address: 1 Engine Street, Cambridge, CB2 1TN, GB`,
		`Customers with e-mail ada\+[0-9a-z]+@example\.com: cust_1`,
		`Retrieved cust_1: Ada Lovelace of Analytical Engines Ltd, auto collection on, billing city Cambridge`,
		`Deleted cust_1 \(deleted: true\)`,
		`Retrieving cust_1 again: not found \(404 resource_not_found\)`,
	)
	exampletest.NoCustomersLeft(t, srv)
}
