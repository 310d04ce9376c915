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
		"Webhook handler on 127.0.0.1 with Basic auth, de-duplicating by event id",
		"Created acme_parent and acme_child, linked acme_child under acme_parent, added 5.00 USD of credits to acme_parent",
		"Processed ev_1 customer_created: acme_parent",
		"Processed ev_2 customer_created: acme_child",
		"Processed ev_3 hierarchy_created: acme_child under acme_parent",
		"Processed ev_4 promotional_credits_added: acme_parent +5.00 USD (balance 5.00 USD)",
		"Delivering ev_1 again, as Chargebee may",
		"Answers: ev_1 200, ev_2 200, ev_3 200, ev_4 200, ev_1 200",
		"5 deliveries of 4 events: the second delivery of ev_1 was answered 200 without processing it again",
		"Cleaned up: deleted 2 customers",
	)
}

// On a real site Chargebee cannot reach the handler on 127.0.0.1: the
// program reads the events from the events API and posts them itself.
func TestRunAsOnSite(t *testing.T) {
	srv := exampletest.AsSite(t)
	out := exampletest.RunAsIs(t, run)
	exampletest.Match(t, out,
		`Using the Chargebee site "chargebeetest" \(from CHARGEBEE_SITE\)`,
		`Webhook handler on 127.0.0.1 with Basic auth, de-duplicating by event id`,
		`Created acme_parent_(\w+) and acme_child_\w+, linked acme_child_\w+ under acme_parent_\w+, added 5.00 USD of credits to acme_parent_\w+`,
		`Chargebee cannot call 127.0.0.1: reading the events from the events API and posting them to the handler`,
		`Processed ev_1 customer_created: acme_parent_\w+`,
		`Processed ev_2 customer_created: acme_child_\w+`,
		`Processed ev_3 hierarchy_created: acme_child_\w+ under acme_parent_\w+`,
		`Processed ev_4 promotional_credits_added: acme_parent_\w+ \+5.00 USD \(balance 5.00 USD\)`,
		`Delivering ev_1 again, as Chargebee may`,
		`Answers: ev_1 200, ev_2 200, ev_3 200, ev_4 200, ev_1 200`,
		`5 deliveries of 4 events: the second delivery of ev_1 was answered 200 without processing it again`,
		`Cleaned up: deleted 2 customers`,
	)
	exampletest.NoCustomersLeft(t, srv)
}
