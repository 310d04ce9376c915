package chargebeetest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
)

// greeting is the code under test in the examples: a small function of an
// application that uses the SDK.
func greeting(ctx context.Context, customers *customer.Service, id string) (string, error) {
	res, err := customers.Retrieve(ctx, id)
	if errors.Is(err, chargebee.ErrNotFound) {
		return "", fmt.Errorf("no customer %q", id)
	}
	if err != nil {
		return "", err
	}
	name := res.Customer.FirstName
	if name == "" {
		name = "there"
	}
	return "Hello " + name + "!", nil
}

// A test of greeting against the fake server. In a test function use
// chargebeetest.NewServer(t), which closes the server when the test ends.
func Example() {
	ctx := context.Background()
	srv, err := chargebeetest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	customers := customer.NewService(srv.Client())

	res, err := customers.Create(ctx, customer.NewCreateRequest().SetFirstName("Ann").SetEmail("ann@acme.com"))
	if err != nil {
		panic(err)
	}
	msg, err := greeting(ctx, customers, res.Customer.ID)
	fmt.Println(res.Customer.ID, msg, err)

	_, err = greeting(ctx, customers, "nobody")
	fmt.Println(err)

	// The fake checks what the SDK sent: an unknown key is a 400 naming it.
	_, err = customers.Update(ctx, res.Customer.ID, customer.NewUpdateRequest(), chargebee.WithParam("frist_name", "Ann"))
	var ce *chargebee.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.HTTPStatusCode, ce.Param)
	}
	// Output:
	// cust_1 Hello Ann! <nil>
	// no customer "nobody"
	// 400 frist_name
}

// The same test with httpmock: register the answers, then call the code.
func Example_httpmock() {
	ctx := context.Background()
	mt := httpmock.NewMockTransport()
	cb, err := chargebee.NewClient("acme-test", "test_key",
		chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		panic(err)
	}
	customers := customer.NewService(cb)

	chargebeetest.RegisterCustomer(mt, customer.Customer{ID: "c1", FirstName: "Ann"})
	chargebeetest.RegisterError(mt, "GET", chargebeetest.PathV2("customers", "gone"),
		chargebeetest.StatusError(http.StatusNotFound))

	msg, err := greeting(ctx, customers, "c1")
	fmt.Println(msg, err)
	_, err = greeting(ctx, customers, "gone")
	fmt.Println(err)
	fmt.Println(mt.GetCallCountInfo()["GET /api/v2/customers/c1"], "call for c1")
	// Output:
	// Hello Ann! <nil>
	// no customer "gone"
	// 1 call for c1
}

// Injected faults: the SDK retries a create through a rate limit and a
// dropped connection with one idempotency key, and the fake ends up with
// one customer.
func ExampleServer_FailNext() {
	ctx := context.Background()
	srv, err := chargebeetest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	customers := customer.NewService(srv.Client())

	srv.FailNext(1, http.StatusTooManyRequests, "1")
	srv.DropConnectionNext(1) // processed, but the answer is lost

	var resp chargebee.Response
	res, err := customers.Create(ctx, customer.NewCreateRequest().SetEmail("ann@acme.com"), chargebee.WithResponse(&resp))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Customer.ID, "after", resp.Attempts, "attempts; replayed:", resp.IdempotencyReplayed)

	keys := map[string]bool{}
	for _, r := range srv.RequestsFor("customer.create") {
		keys[r.Header.Get("chargebee-idempotency-key")] = true
	}
	page, _ := customers.ListPage(ctx, nil)
	fmt.Println(len(keys), "idempotency key,", len(page.Items), "customer")
	// Output:
	// cust_1 after 3 attempts; replayed: true
	// 1 idempotency key, 1 customer
}

// Entitlements are seeded by the test and served as Chargebee serves them.
func ExampleServer_SetEntitlements() {
	ctx := context.Background()
	srv, err := chargebeetest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	srv.SetEntitlements("c1",
		chargebeetest.Entitlement{SubscriptionID: "s1", FeatureID: "user-licenses", Value: "10", Name: "10 licences", IsEnabled: true},
		chargebeetest.Entitlement{SubscriptionID: "s1", FeatureID: "xero-integration", Value: "true", Name: "Available", IsEnabled: true},
	)
	set, err := entitlement.NewService(srv.Client()).Load(ctx, "c1")
	if err != nil {
		panic(err)
	}
	seats, _ := set.Value("user-licenses")
	fmt.Println("xero:", set.Enabled("xero-integration"), "sso:", set.Enabled("sso"), "seats:", seats)
	// Output:
	// xero: true sso: false seats: 10
}

// Requests shows what the SDK sent, for assertions on the wire.
func ExampleServer_Requests() {
	ctx := context.Background()
	srv, err := chargebeetest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	customers := customer.NewService(srv.Client())
	_, err = customers.ListPage(ctx, customer.NewListRequest().SetLimit(5).
		SetRelationship(customer.NewRelationshipFilter().SetParentID(chargebee.StringFilter{Is: "acme"})))
	if err != nil {
		panic(err)
	}
	r := srv.Requests()[0]
	fmt.Println(r.Method, r.Path, r.Action)
	fmt.Println(r.Params.Encode())
	fmt.Println(r.Header.Get("Authorization"))
	// Output:
	// GET /api/v2/customers customer.list
	// limit=5&relationship%5Bparent_id%5D%5Bis%5D=acme
	// Basic <masked>
}

// Amounts travel in the currency's minor unit; FormatAmount prints them as
// money, as the fake's error messages quote them.
func ExampleFormatAmount() {
	fmt.Println(chargebeetest.FormatAmount(1250, "USD"))
	fmt.Println(chargebeetest.FormatAmount(-5, "EUR"))
	fmt.Println(chargebeetest.FormatAmount(300, "JPY"))
	// Output:
	// 12.50 USD
	// -0.05 EUR
	// 300 JPY
}
