// Package credits manages the credit balance of Chargebee customers:
// promotional credits (API v2) and account credits (API v1).
//
// On API v2 (the default) use Add, Deduct and Set, which return the updated
// customer and the PromotionalCredit entry recorded for the change, and List
// and Retrieve to read the history:
//
//	svc := credits.NewService(cb)
//	res, err := svc.Add(ctx, credits.NewAddRequest().
//		SetCustomerID("cust_123").
//		SetAmount(500). // minor units: 5.00
//		SetDescription("Referral bonus"))
//	fmt.Println(res.Customer.PromotionalCredits, res.PromotionalCredit.ClosingBalance)
//
// The older customer-level actions (AddPromotionalCredits and friends) are
// kept for existing integrations and marked deprecated.
//
// On a client made with chargebee.WithAPIVersion(chargebee.APIv1) only
// AddAccountCredits, DeductAccountCredits and SetAccountCredits are
// available; they return the v1 customer with its account_credits balance.
// Calling an action on a client of the other API version fails before
// anything is sent, with an error matching chargebee.ErrAPIVersion that
// names what to use instead.
//
// Amounts are integers in the minor unit of the currency (cents).
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits.
package credits

import "github.com/billingkit/chargebee-go/customer"

// CustomerV1 is a customer as API v1 returns it from the account credit
// actions: v2-only attributes stay zero, and the balance, which v2 calls
// promotional_credits, is in AccountCredits (v1 account_credits).
//
// See https://apidocs.chargebee.com/docs/api/v1/customers.
type CustomerV1 = customer.Customer
