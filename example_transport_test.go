package chargebee_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
)

// A job runner asks IsRetryable whether to queue a failed job again: the
// SDK retried the 503 itself, and it is still worth another try later; a
// 404 is not.
func ExampleIsRetryable() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", "https://acme-test.chargebee.com/api/v2/customers/busy",
		httpmock.NewStringResponder(503, `{"message":"Site is busy","api_error_code":"site_not_ready"}`))
	mt.RegisterResponder("GET", "https://acme-test.chargebee.com/api/v2/customers/nobody",
		httpmock.NewStringResponder(404, `{"message":"Not found","api_error_code":"resource_not_found"}`))
	cb, err := chargebee.NewClient("acme-test", "test_key",
		chargebee.WithHTTPClient(&http.Client{Transport: mt}),
		chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"busy", "nobody"} {
		err := cb.Do(context.Background(), "GET", "/customers/"+id, nil, nil)
		fmt.Printf("%s: requeue %v (%v)\n", id, chargebee.IsRetryable(err), err)
	}
	// Output:
	// busy: requeue true (chargebee: 503 site_not_ready after 4 attempts: Site is busy)
	// nobody: requeue false (chargebee: 404 resource_not_found: Not found)
}

// Response.Body holds the raw JSON of the final response, for attributes
// the SDK's models do not have yet.
func ExampleResponse_body() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("GET", "https://acme-test.chargebee.com/api/v2/customers/cust_1",
		httpmock.NewStringResponder(200, `{"customer":{"id":"cust_1","loyalty_tier":"gold"}}`))
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		fmt.Println(err)
		return
	}
	var resp chargebee.Response
	if err := cb.Do(context.Background(), "GET", "/customers/cust_1", nil, nil, chargebee.WithResponse(&resp)); err != nil {
		fmt.Println(err)
		return
	}
	var raw struct {
		Customer struct {
			LoyaltyTier string `json:"loyalty_tier"`
		} `json:"customer"`
	}
	if err := json.Unmarshal(resp.Body, &raw); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, raw.Customer.LoyaltyTier)
	// Output: 200 gold
}
