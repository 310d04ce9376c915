package entitlement_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/entitlement"
)

// Gating features of a customer: load the entitlements once, then check
// switch features with Enabled and read quantities with Value.
func ExampleService_Load() {
	// A mock of Chargebee answering with the customer's entitlements.
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, "https://acme-test.chargebee.com/api/v2/customers/c1/customer_entitlements",
		httpmock.NewStringResponder(200, `{"list":[
			{"customer_entitlement":{"customer_id":"c1","feature_id":"user-licenses","value":"10","name":"10 licences","is_enabled":true,"object":"customer_entitlement"}},
			{"customer_entitlement":{"customer_id":"c1","feature_id":"xero-integration","value":"true","name":"Available","is_enabled":true,"object":"customer_entitlement"}}
		]}`))

	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		panic(err)
	}
	entitlements := entitlement.NewService(cb)

	set, err := entitlements.Load(context.Background(), "c1", entitlement.Consolidated())
	if errors.Is(err, entitlement.ErrNotEnabled) {
		fmt.Println("ask Chargebee Support to enable customer entitlements")
		return
	}
	if err != nil {
		panic(err)
	}

	for _, feature := range []string{"xero-integration", "sso"} {
		if set.Enabled(feature) {
			fmt.Println(feature, "allowed")
		} else {
			fmt.Println(feature, "not in plan")
		}
	}
	if v, ok := set.Value("user-licenses"); ok {
		seats, _ := strconv.Atoi(v)
		fmt.Println("seats:", seats, "adding an 11th allowed:", 11 <= seats)
	}
	// Output:
	// xero-integration allowed
	// sso not in plan
	// seats: 10 adding an 11th allowed: false
}

// Site without the endpoint: the error says so and still carries
// Chargebee's answer.
func ExampleErrNotEnabled() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, "https://acme-test.chargebee.com/api/v2/customers/c1/customer_entitlements",
		httpmock.NewStringResponder(400, `{"message":"This API operation is not enabled for this site","type":"invalid_request","api_error_code":"invalid_request"}`))
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		panic(err)
	}

	_, err = entitlement.NewService(cb).Load(context.Background(), "c1")
	var ce *chargebee.Error
	fmt.Println(errors.Is(err, entitlement.ErrNotEnabled), errors.As(err, &ce) && ce.HTTPStatusCode == 400)
	// Output:
	// true true
}
