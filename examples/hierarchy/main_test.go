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
		"Created the parent acme_group",
		"Created acme_us under acme_group: payment owner acme_us, invoice owner acme_us",
		"Created acme_eu under acme_group: payment owner acme_group, invoice owner acme_eu",
		"Created acme_berlin under acme_eu: payment owner acme_eu, invoice owner acme_eu",
		"Hierarchy of acme_berlin (4 customers):",
		"  acme_group       paid by acme_group, invoiced to acme_group",
		"    acme_eu        paid by acme_group, invoiced to acme_eu",
		"      acme_berlin  paid by acme_eu, invoiced to acme_eu",
		"    acme_us        paid by acme_us, invoiced to acme_us",
		"Path to the root: acme_berlin -> acme_eu -> acme_group",
		"Linking acme_group under acme_berlin is refused (400, param parent_id): parent_id : linking would create a cycle: acme_berlin is a descendant of acme_group",
		"Cleaned up: deleted 4 customers",
	)
}

// On a real site the ids are unique to the run and every customer is
// unlinked and deleted at the end.
func TestRunAsOnSite(t *testing.T) {
	srv := exampletest.AsSite(t)
	out := exampletest.RunAsIs(t, run)
	exampletest.Match(t, out,
		`Using the Chargebee site "chargebeetest" \(from CHARGEBEE_SITE\)`,
		`Created the parent acme_group_[0-9a-z]+`,
		`Created acme_us_[0-9a-z]+ under acme_group_[0-9a-z]+: payment owner acme_us_[0-9a-z]+, invoice owner acme_us_[0-9a-z]+`,
		`Created acme_eu_[0-9a-z]+ under acme_group_[0-9a-z]+: payment owner acme_group_[0-9a-z]+, invoice owner acme_eu_[0-9a-z]+`,
		`Created acme_berlin_[0-9a-z]+ under acme_eu_[0-9a-z]+: payment owner acme_eu_[0-9a-z]+, invoice owner acme_eu_[0-9a-z]+`,
		`Hierarchy of acme_berlin_[0-9a-z]+ \(4 customers\):`,
		`  acme_group_[0-9a-z]+ +paid by acme_group_[0-9a-z]+, invoiced to acme_group_[0-9a-z]+`,
		`    acme_eu_[0-9a-z]+ +paid by acme_group_[0-9a-z]+, invoiced to acme_eu_[0-9a-z]+`,
		`      acme_berlin_[0-9a-z]+ +paid by acme_eu_[0-9a-z]+, invoiced to acme_eu_[0-9a-z]+`,
		`    acme_us_[0-9a-z]+ +paid by acme_us_[0-9a-z]+, invoiced to acme_us_[0-9a-z]+`,
		`Path to the root: acme_berlin_[0-9a-z]+ -> acme_eu_[0-9a-z]+ -> acme_group_[0-9a-z]+`,
		`Linking acme_group_[0-9a-z]+ under acme_berlin_[0-9a-z]+ is refused \(400, param parent_id\): .*cycle.*`,
		`Cleaned up: deleted 4 customers`,
	)
	exampletest.NoCustomersLeft(t, srv)
}
