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

import (
	"encoding/json"

	"github.com/billingkit/chargebee-go/customer"
)

// CustomerV1 is a customer as API v1 returns it from the account credit
// actions. Its attributes are decoded into the embedded customer.Customer
// (id, names, email, auto_collection, billing_address, payment_method,
// meta_data, account_credits, ...; v2-only attributes stay zero), and the v1
// balance attribute account_credits, which v2 calls promotional_credits, is
// also in AccountCredits.
//
// See https://apidocs.chargebee.com/docs/api/v1/customers.
type CustomerV1 struct {
	customer.Customer
	// AccountCredits is the customer's credit balance after the change, in
	// minor units (v1 account_credits).
	AccountCredits int64 `json:"account_credits"`
}

// UnmarshalJSON decodes a v1 customer through customer.Customer and copies
// its account_credits to AccountCredits.
func (c *CustomerV1) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &c.Customer); err != nil {
		return err
	}
	c.AccountCredits = c.Customer.AccountCredits
	return nil
}

// MarshalJSON encodes the customer as API v1 sends it: the fields of
// customer.Customer plus account_credits.
func (c CustomerV1) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(c.Customer)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	m["account_credits"] = json.RawMessage(jsonInt(c.AccountCredits))
	return json.Marshal(m)
}

func jsonInt(n int64) []byte {
	b, _ := json.Marshal(n)
	return b
}
