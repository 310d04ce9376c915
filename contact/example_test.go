package contact_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/jarcoal/httpmock"
)

// Add a contact who gets the customer's billing e-mails, then list the
// customer's contacts.
func ExampleService_Add() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://acme-test.chargebee.com/api/v2/customers/acme_corp/add_contact",
		httpmock.NewStringResponder(200, `{"customer":{"id":"acme_corp","auto_collection":"on","net_term_days":0,
			"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,"refundable_credits":0,
			"excess_payments":0,"unbilled_charges":0,"deleted":false,"contacts":[
			{"id":"ct_jane","first_name":"Jane","last_name":"Doe","email":"jane@acme.com","label":"finance",
			 "enabled":true,"send_account_email":false,"send_billing_email":true,"object":"contact"}]}}`))
	mt.RegisterResponder(http.MethodGet, "https://acme-test.chargebee.com/api/v2/customers/acme_corp/contacts",
		httpmock.NewStringResponder(200, `{"list":[{"contact":{"id":"ct_jane","first_name":"Jane","email":"jane@acme.com",
			"enabled":true,"send_account_email":false,"send_billing_email":true}}]}`))
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		fmt.Println(err)
		return
	}
	contacts := contact.NewService(cb)
	ctx := context.Background()

	res, err := contacts.Add(ctx, "acme_corp", contact.NewAddRequest().
		SetFirstName("Jane").
		SetLastName("Doe").
		SetEmail("jane@acme.com").
		SetLabel("finance").
		SetEnabled(true).
		SetSendBillingEmail(true))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Customer.Contacts {
		fmt.Printf("%s: %s %s <%s> billing e-mails: %t\n", c.ID, c.FirstName, c.LastName, c.Email, c.SendBillingEmail)
	}

	for entry, err := range contacts.List(ctx, "acme_corp", nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("listed:", entry.Contact.Email)
	}
	// Output:
	// ct_jane: Jane Doe <jane@acme.com> billing e-mails: true
	// listed: jane@acme.com
}
