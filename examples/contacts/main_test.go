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
		"Created customer cust_1 <accounts@example.com>",
		"Added contact_1: Jane Doe <jane@example.com> [finance] gets billing e-mails",
		"Added contact_2: Raj Patel <raj@example.com> [engineering] gets account e-mails",
		"Contacts of cust_1 (2):",
		"  contact_1: Jane Doe <jane@example.com> [finance] gets billing e-mails",
		"  contact_2: Raj Patel <raj@example.com> [engineering] gets account e-mails",
		"Updated contact_2: Raj Patel <raj@example.com> [ops] gets billing and account e-mails",
		"Deleted contact_1; contacts left on the customer: 1",
		"Contacts of cust_1 (1):",
		"  contact_2: Raj Patel <raj@example.com> [ops] gets billing and account e-mails",
		"Cleaned up: deleted 1 customer",
	)
}

func TestRunAsOnSite(t *testing.T) {
	srv := exampletest.AsSite(t)
	out := exampletest.RunAsIs(t, run)
	exampletest.Match(t, out,
		`Using the Chargebee site "chargebeetest" \(from CHARGEBEE_SITE\)`,
		`Created customer cust_1 <accounts\+[0-9a-z]+@example\.com>`,
		`Added contact_1: Jane Doe <jane\+[0-9a-z]+@example\.com> \[finance\] gets billing e-mails`,
		`Added contact_2: Raj Patel <raj\+[0-9a-z]+@example\.com> \[engineering\] gets account e-mails`,
		`Contacts of cust_1 \(2\):`,
		`  contact_1: Jane Doe <jane\+[0-9a-z]+@example\.com> \[finance\] gets billing e-mails`,
		`  contact_2: Raj Patel <raj\+[0-9a-z]+@example\.com> \[engineering\] gets account e-mails`,
		`Updated contact_2: Raj Patel <raj\+[0-9a-z]+@example\.com> \[ops\] gets billing and account e-mails`,
		`Deleted contact_1; contacts left on the customer: 1`,
		`Contacts of cust_1 \(1\):`,
		`  contact_2: Raj Patel <raj\+[0-9a-z]+@example\.com> \[ops\] gets billing and account e-mails`,
		`Cleaned up: deleted 1 customer`,
	)
	exampletest.NoCustomersLeft(t, srv)
}
