// Package contact manages the contacts of a Chargebee customer: the people,
// besides the customer, who receive its billing and account e-mails. It
// lists, adds, updates and deletes them; every change returns the updated
// customer with its contacts.
//
//	contacts := contact.NewService(cb)
//	res, err := contacts.Add(ctx, "cust_1", contact.NewAddRequest().
//		SetEmail("jane@acme.com").SetFirstName("Jane").SetSendBillingEmail(true))
//
// Chargebee limits how many contacts a customer may have (6 in its customer
// reference; newer pages give 10) and rejects an Add beyond that; the SDK does
// not count them itself.
//
// See https://apidocs.chargebee.com/docs/api/contacts.
package contact

import "github.com/billingkit/chargebee-go/customer"

// Contact is a contact of a customer; it is the customer package's model.
type Contact = customer.Contact
