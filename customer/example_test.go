package customer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/jarcoal/httpmock"
)

// readable shows form values sorted by key and without percent-encoding.
func readable(v url.Values) string {
	s, _ := url.QueryUnescape(v.Encode())
	return s
}

// exampleClient returns a client whose requests are answered by mt.
func exampleClient(mt *httpmock.MockTransport) *chargebee.Client {
	cb, err := chargebee.NewClient("acme-test", "test_key",
		chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		panic(err)
	}
	return cb
}

func ExampleService_Create() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://acme-test.chargebee.com/api/v2/customers",
		func(req *http.Request) (*http.Response, error) {
			_ = req.ParseForm()
			fmt.Println("sent:", readable(req.PostForm))
			fmt.Println("idempotency key:", req.Header.Get("chargebee-idempotency-key"))
			return httpmock.NewStringResponse(200, `{"customer":{"id":"cus_42","first_name":"John",
				"email":"john@acme.com","auto_collection":"on","created_at":1700000000,"deleted":false,
				"billing_address":{"line1":"PO Box 9999","country":"US"},"cf_plan":"gold"}}`), nil
		})
	customers := customer.NewService(exampleClient(mt))

	res, err := customers.Create(context.Background(), customer.NewCreateRequest().
		SetFirstName("John").
		SetEmail("john@acme.com").
		SetBillingAddress(customer.NewBillingAddressParams().SetLine1("PO Box 9999").SetCountry("US")).
		SetCustomField("cf_plan", "gold"),
		chargebee.WithIdempotencyKey("signup-42"))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(res.Customer.ID, res.Customer.BillingAddress.Country, res.Customer.CustomFields["cf_plan"])
	// Output:
	// sent: billing_address[country]=US&billing_address[line1]=PO Box 9999&cf_plan=gold&email=john@acme.com&first_name=John
	// idempotency key: signup-42
	// cus_42 US gold
}

func ExampleService_Update() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://acme-test.chargebee.com/api/v2/customers/cus_42",
		func(req *http.Request) (*http.Response, error) {
			_ = req.ParseForm()
			fmt.Println("sent:", readable(req.PostForm))
			return httpmock.NewStringResponse(200, `{"customer":{"id":"cus_42","company":"",
				"auto_collection":"off","net_term_days":30,"created_at":1700000000,"deleted":false}}`), nil
		})
	customers := customer.NewService(exampleClient(mt))

	// Pointers to zero values are sent: company="" clears the company.
	res, err := customers.Update(context.Background(), "cus_42", customer.NewUpdateRequest().
		SetAutoCollection(customer.AutoCollectionOff).
		SetNetTermDays(30).
		SetCompany(""))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(res.Customer.AutoCollection, res.Customer.NetTermDays)
	// Output:
	// sent: auto_collection=off&company=&net_term_days=30
	// off 30
}

func ExampleService_List() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, "https://acme-test.chargebee.com/api/v2/customers",
		func(req *http.Request) (*http.Response, error) {
			q := req.URL.Query()
			fmt.Println("query:", readable(q))
			if q.Get("offset") == "" {
				return httpmock.NewStringResponse(200, `{"list":[{"customer":{"id":"cus_1","email":"john@acme.com"}},
					{"customer":{"id":"cus_2","email":"johnny@acme.com"}}],"next_offset":"page2"}`), nil
			}
			return httpmock.NewStringResponse(200, `{"list":[{"customer":{"id":"cus_3","email":"johanna@acme.com"}}]}`), nil
		})
	customers := customer.NewService(exampleClient(mt))

	req := customer.NewListRequest().
		SetLimit(2).
		SetEmail(chargebee.StringFilter{StartsWith: "joh"}).
		SetCreatedAt(chargebee.TimestampFilter{After: 1700000000}).
		SetRelationship(customer.NewRelationshipFilter().SetParentID(chargebee.StringFilter{Is: "cus_parent"})).
		SetSortBy(chargebee.SortAsc("created_at"))
	for entry, err := range customers.List(context.Background(), req) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(entry.Customer.ID, entry.Customer.Email)
	}
	// Output:
	// query: created_at[after]=1700000000&email[starts_with]=joh&limit=2&relationship[parent_id][is]=cus_parent&sort_by[asc]=created_at
	// cus_1 john@acme.com
	// cus_2 johnny@acme.com
	// query: created_at[after]=1700000000&email[starts_with]=joh&limit=2&offset=page2&relationship[parent_id][is]=cus_parent&sort_by[asc]=created_at
	// cus_3 johanna@acme.com
}

func ExampleService_Delete() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://acme-test.chargebee.com/api/v2/customers/cus_42/delete",
		func(req *http.Request) (*http.Response, error) {
			_ = req.ParseForm()
			fmt.Println("sent:", readable(req.PostForm))
			return httpmock.NewStringResponse(200, `{"customer":{"id":"cus_42","deleted":true,
				"auto_collection":"on","created_at":1700000000}}`), nil
		})
	customers := customer.NewService(exampleClient(mt))

	// Deletion is scheduled and cannot be undone; keep the payment method at
	// the gateway.
	res, err := customers.Delete(context.Background(), "cus_42",
		customer.NewDeleteRequest().SetDeletePaymentMethod(false))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(res.Customer.ID, "deleted:", res.Customer.Deleted)
	// Output:
	// sent: delete_payment_method=false
	// cus_42 deleted: true
}

func ExampleAdminConsoleURL() {
	link, err := customer.AdminConsoleURL("acme-test", "cus_42")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(link)
	// Output: https://acme-test.chargebee.com/admin-console/customers/cus_42
}

// AppendForm shows the form a request sends, without sending it: keys in
// order, objects as parent[child], lists indexed after the attribute,
// meta_data as one JSON document and custom fields as top-level keys.
func ExampleCreateRequest_AppendForm() {
	req := customer.NewCreateRequest().
		SetFirstName("John").
		SetBillingAddress(customer.NewBillingAddressParams().SetCountry("US")).
		AddEntityIdentifier(customer.NewEntityIdentifierParams().SetScheme("0088").SetValue("123")).
		SetMetaData(chargebee.Metadata{"plan": "gold"}).
		SetCustomField("cf_segment", "smb")
	body, err := req.AppendForm(nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(body))
	// Output:
	// billing_address%5Bcountry%5D=US&cf_segment=smb&entity_identifiers%5Bscheme%5D%5B0%5D=0088&entity_identifiers%5Bvalue%5D%5B0%5D=123&first_name=John&meta_data=%7B%22plan%22%3A%22gold%22%7D
}

// A Customer decodes from JSON in one pass, with its custom fields (cf_*
// keys) in CustomFields, known enum values as their constants and unknown
// attributes ignored.
func ExampleCustomer_UnmarshalJSON() {
	var c customer.Customer
	err := json.Unmarshal([]byte(`{"id":"cus_1","auto_collection":"off","cf_plan":"gold","cf_seats":5,"new_attribute":[1]}`), &c)
	fmt.Println(c.ID, c.AutoCollection == customer.AutoCollectionOff, c.CustomFields["cf_plan"], c.CustomFields["cf_seats"], err)
	// Output: cus_1 true gold 5 <nil>
}
