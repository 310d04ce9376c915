package credits_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
)

// Adding promotional credits to a customer (API v2) and reading the new
// balance.
func ExampleService_Add() {
	// A mock of Chargebee answering the add action.
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://acme-test.chargebee.com/api/v2/promotional_credits/add",
		httpmock.NewStringResponder(200, `{
			"customer": {"id": "cust_123", "promotional_credits": 1500, "object": "customer"},
			"promotional_credit": {"id": "pc_1", "customer_id": "cust_123", "type": "increment",
				"amount": 500, "currency_code": "USD", "description": "Referral bonus",
				"credit_type": "referral_rewards", "closing_balance": 1500, "created_at": 1700000500}
		}`))

	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		panic(err)
	}
	svc := credits.NewService(cb)

	res, err := svc.Add(context.Background(), credits.NewAddRequest().
		SetCustomerID("cust_123").
		SetAmount(500). // 5.00 in minor units
		SetCurrencyCode("USD").
		SetDescription("Referral bonus").
		SetCreditType(credits.CreditTypeReferralRewards),
		chargebee.WithIdempotencyKey("referral-cust_123-42"))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.PromotionalCredit.ID, res.PromotionalCredit.Type, res.PromotionalCredit.Amount)
	fmt.Println("balance:", res.Customer.PromotionalCredits)

	// Invalid input is refused before anything is sent.
	_, err = svc.Add(context.Background(), credits.NewAddRequest().SetCustomerID("cust_123").SetDescription("no amount"))
	var ve *chargebee.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Param)
	// Output:
	// pc_1 increment 500
	// balance: 1500
	// true amount
}

// Account credits on an API v1 client; a v2 client would refuse the call
// and point to Add.
func ExampleService_AddAccountCredits() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://acme-test.chargebee.com/api/v1/customers/cust_123/add_account_credits",
		httpmock.NewStringResponder(200, `{"customer":{"id":"cust_123","account_credits":500,"auto_collection":"on","object":"customer"}}`))

	v1, err := chargebee.NewClient("acme-test", "test_key",
		chargebee.WithHTTPClient(&http.Client{Transport: mt}), chargebee.WithAPIVersion(chargebee.APIv1))
	if err != nil {
		panic(err)
	}
	res, err := credits.NewService(v1).AddAccountCredits(context.Background(), "cust_123",
		credits.NewAddAccountCreditsRequest().SetAmount(500).SetDescription("Loyalty credits"))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Customer.ID, res.Customer.AccountCredits)

	v2, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		panic(err)
	}
	_, err = credits.NewService(v2).AddAccountCredits(context.Background(), "cust_123",
		credits.NewAddAccountCreditsRequest().SetAmount(500).SetDescription("Loyalty credits"))
	fmt.Println(errors.Is(err, chargebee.ErrAPIVersion))
	fmt.Println(err)
	// Output:
	// cust_123 500
	// true
	// chargebee: action not available in this API version: credits.AddAccountCredits (customer_v1.add_account_credits) needs API v1 but the client uses v2; on API v2 use Add (POST /promotional_credits/add)
}
