package chargebee_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
)

// fakeChargebee stands in for https://acme-test.chargebee.com in the
// examples, so that they run offline.
func fakeChargebee() *http.Client {
	mt := httpmock.NewMockTransport()
	attempts := 0
	mt.RegisterResponder("POST", "https://acme-test.chargebee.com/api/v2/customers",
		func(r *http.Request) (*http.Response, error) {
			attempts++
			if attempts == 1 && r.Header.Get("chargebee-idempotency-key") == "signup-42" {
				return httpmock.NewStringResponse(503, `{"message":"try again"}`), nil
			}
			_ = r.ParseForm()
			resp := httpmock.NewStringResponse(200, fmt.Sprintf(
				`{"customer":{"id":"cust_42","first_name":%q,"email":%q,"created_at":1700000000}}`,
				r.PostForm.Get("first_name"), r.PostForm.Get("email")))
			if attempts > 1 {
				resp.Header.Set("chargebee-idempotency-replayed", "true")
			}
			return resp, nil
		})
	mt.RegisterResponder("GET", "https://acme-test.chargebee.com/api/v2/customers/nobody",
		httpmock.NewStringResponder(404, `{"message":"Sorry, we couldn't find that resource","type":"invalid_request","api_error_code":"resource_not_found","param":"customer_id","http_status_code":404}`))
	mt.RegisterResponder("GET", "https://acme-test.chargebee.com/api/v2/customers",
		func(r *http.Request) (*http.Response, error) {
			if r.URL.Query().Get("offset") == "" {
				return httpmock.NewStringResponse(200, `{"list":[{"customer":{"id":"cust_1"}},{"customer":{"id":"cust_2"}}],"next_offset":"o2"}`), nil
			}
			return httpmock.NewStringResponse(200, `{"list":[{"customer":{"id":"cust_3"}}]}`), nil
		})
	return &http.Client{Transport: mt}
}

func ExampleNewClient() {
	cb, err := chargebee.NewClient("acme-test", "test_key",
		chargebee.WithMaxRetries(5),
		chargebee.WithRetryWait(200*time.Millisecond, 5*time.Second),
		chargebee.WithTimeout(30*time.Second),
		chargebee.WithBusinessEntity("acme-us"),
		chargebee.WithRateLimit(10, 5),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cb)

	_, err = chargebee.NewClient("acme.chargebee.com", "test_key")
	fmt.Println(err)
	// Output:
	// chargebee.Client{site: acme-test, api: v2}
	// chargebee: invalid parameter site: must match ^[a-z0-9][a-z0-9-]*$ (at most 63 characters), for example acme or acme-test
}

// CreateCustomerRequest is how a request type looks: pointer fields with url
// tags, so that unset fields are not sent.
type CreateCustomerRequest struct {
	FirstName *string            `url:"first_name,omitempty"`
	Email     *string            `url:"email,omitempty"`
	MetaData  chargebee.Metadata `url:"meta_data,omitempty,json"`
}

func ExampleClient_Do() {
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(fakeChargebee()))
	if err != nil {
		log.Fatal(err)
	}
	var res struct {
		Customer struct {
			ID        string              `json:"id"`
			FirstName string              `json:"first_name"`
			Email     string              `json:"email"`
			CreatedAt chargebee.Timestamp `json:"created_at"`
		} `json:"customer"`
	}
	req := &CreateCustomerRequest{
		FirstName: chargebee.String("John"),
		Email:     chargebee.String("john@acme.com"),
		MetaData:  chargebee.Metadata{"plan": "gold"},
	}
	err = cb.Do(context.Background(), http.MethodPost, "/customers", req, &res)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Customer.ID, res.Customer.FirstName, res.Customer.Email, res.Customer.CreatedAt)
	// Output:
	// cust_42 John john@acme.com 2023-11-14T22:13:20Z
}

func ExampleWithIdempotencyKey() {
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(fakeChargebee()),
		chargebee.WithRetryWait(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	// The first attempt gets a 503; the retry carries the same key and body,
	// and Chargebee answers from its idempotency store.
	var resp chargebee.Response
	err = cb.Do(context.Background(), http.MethodPost, "/customers",
		&CreateCustomerRequest{FirstName: chargebee.String("John")}, nil,
		chargebee.WithIdempotencyKey("signup-42"),
		chargebee.WithResponse(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", resp.StatusCode)
	fmt.Println("attempts:", resp.Attempts)
	fmt.Println("key:", resp.IdempotencyKey)
	fmt.Println("replayed:", resp.IdempotencyReplayed)
	// Output:
	// status: 200
	// attempts: 2
	// key: signup-42
	// replayed: true
}

func ExampleError() {
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(fakeChargebee()))
	if err != nil {
		log.Fatal(err)
	}
	err = cb.Do(context.Background(), http.MethodGet, "/customers/nobody", nil, nil)

	if errors.Is(err, chargebee.ErrNotFound) {
		fmt.Println("not found")
	}
	var cbErr *chargebee.Error
	if errors.As(err, &cbErr) {
		fmt.Println(cbErr.HTTPStatusCode, cbErr.APIErrorCode, cbErr.Param)
	}
	fmt.Println(err)

	// Invalid input is reported before anything is sent.
	err = cb.Do(context.Background(), http.MethodPost, "/customers", nil, nil,
		chargebee.WithOriginIP("203.0.113.7\r\nX-Injected: 1"))
	var vErr *chargebee.ValidationError
	if errors.As(err, &vErr) {
		fmt.Println("invalid:", vErr.Param)
	}
	// Output:
	// not found
	// 404 resource_not_found customer_id
	// chargebee: 404 resource_not_found (param customer_id): Sorry, we couldn't find that resource
	// invalid: header chargebee-request-origin-ip
}

func ExamplePaginate() {
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(fakeChargebee()))
	if err != nil {
		log.Fatal(err)
	}
	type entry struct {
		Customer struct {
			ID string `json:"id"`
		} `json:"customer"`
	}
	// Each list action of the SDK is built like this: one fetch per page,
	// passing next_offset back as offset.
	customers := chargebee.Paginate(context.Background(),
		func(ctx context.Context, offset string) (*chargebee.Page[entry], error) {
			var opts []chargebee.RequestOption
			if offset != "" {
				opts = append(opts, chargebee.WithParam("offset", offset))
			}
			var page chargebee.Page[entry]
			if err := cb.Do(ctx, http.MethodGet, "/customers", nil, &page, opts...); err != nil {
				return nil, err
			}
			return &page, nil
		})
	for e, err := range customers {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.Customer.ID)
	}
	// Output:
	// cust_1
	// cust_2
	// cust_3
}

func ExampleWithOriginUser() {
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		for _, h := range []string{"chargebee-request-origin-user", "chargebee-request-origin-user-encoded",
			"chargebee-business-entity-id", "chargebee-event-email"} {
			fmt.Printf("%s: %q\n", h, r.Header.Get(h))
		}
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	cb, err := chargebee.NewClient("acme-test", "test_key",
		chargebee.WithHTTPClient(&http.Client{Transport: mt}),
		chargebee.WithBusinessEntity("acme-us"))
	if err != nil {
		log.Fatal(err)
	}
	err = cb.Do(context.Background(), http.MethodPost, "/customers", nil, nil,
		chargebee.WithOriginUser("jürgen@example.de"), // not ASCII: sent Base64-encoded
		chargebee.WithBusinessEntityID("acme-eu"),     // wins over the client's
		chargebee.WithEventEmailsDisabled())
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// chargebee-request-origin-user: ""
	// chargebee-request-origin-user-encoded: "asO8cmdlbkBleGFtcGxlLmRl"
	// chargebee-business-entity-id: "acme-eu"
	// chargebee-event-email: "all-disabled"
}
