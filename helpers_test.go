package chargebee_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
)

const (
	testSite = "acme-test"
	testKey  = "test_sEcReTkEy42"
	// testAuth is "Basic " + base64(testKey + ":"), written out by hand.
	testAuth = "Basic dGVzdF9zRWNSZVRrRXk0Mjo="
	testBase = "https://acme-test.chargebee.com/api/v2"
)

// seen is what a test server received in one attempt.
type seen struct {
	Method string
	Path   string // escaped path
	Query  url.Values
	Form   url.Values
	Body   string
	Header http.Header
}

// recorder records every request a responder receives.
type recorder struct {
	mu   sync.Mutex
	reqs []seen
}

func (r *recorder) add(req *http.Request) seen {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	form, _ := url.ParseQuery(string(body))
	s := seen{
		Method: req.Method,
		Path:   req.URL.EscapedPath(),
		Query:  req.URL.Query(),
		Form:   form,
		Body:   string(body),
		Header: req.Header.Clone(),
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, s)
	r.mu.Unlock()
	return s
}

func (r *recorder) all() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

// reply is one canned response.
type reply struct {
	status int
	body   string
	header map[string]string
	err    error
}

// script returns a responder that records each request and answers with the
// replies in order, repeating the last one.
func script(rec *recorder, replies ...reply) httpmock.Responder {
	var mu sync.Mutex
	n := 0
	return func(req *http.Request) (*http.Response, error) {
		rec.add(req)
		mu.Lock()
		r := replies[min(n, len(replies)-1)]
		n++
		mu.Unlock()
		if r.err != nil {
			return nil, r.err
		}
		resp := httpmock.NewStringResponse(r.status, r.body)
		resp.Header.Set("Content-Type", "application/json;charset=utf-8")
		for k, v := range r.header {
			resp.Header.Set(k, v)
		}
		return resp, nil
	}
}

// newMockClient returns a client sending through a fresh MockTransport that
// answers every request with the replies (see script), with fast retries.
func newMockClient(t testing.TB, replies []reply, opts ...chargebee.Option) (*chargebee.Client, *httpmock.MockTransport, *recorder) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	rec := &recorder{}
	if len(replies) > 0 {
		mt.RegisterNoResponder(script(rec, replies...))
	}
	all := append([]chargebee.Option{
		chargebee.WithHTTPClient(&http.Client{Transport: mt}),
		chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	cb, err := chargebee.NewClient(testSite, testKey, all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return cb, mt, rec
}

// params is a request type in the style of the resource packages.
type params struct {
	Email          *string                 `url:"email,omitempty"`
	FirstName      *string                 `url:"first_name,omitempty"`
	Amount         *int64                  `url:"amount,omitempty"`
	EmailFilter    *chargebee.StringFilter `url:"email_filter,omitempty"`
	Offset         *string                 `url:"offset,omitempty"`
	BillingAddress *struct {
		Line1 *string `url:"line1,omitempty"`
	} `url:"billing_address,omitempty"`
	MetaData chargebee.Metadata `url:"meta_data,omitempty,json"`
}

// Validate requires first_name to be at most 10 characters.
func (p *params) Validate() error {
	if p.FirstName != nil && len(*p.FirstName) > 10 {
		return &chargebee.ValidationError{Param: "first_name", Reason: "must be at most 10 characters"}
	}
	return nil
}

type customerResult struct {
	Customer struct {
		ID        string              `json:"id"`
		Email     string              `json:"email"`
		CreatedAt chargebee.Timestamp `json:"created_at"`
	} `json:"customer"`
}

const customerJSON = `{"customer":{"id":"cust_1","email":"john@example.com","created_at":1700000000,"object":"customer"}}`

func notFoundJSON() string {
	return `{"message":"Sorry, we couldn't find that resource","type":"invalid_request","api_error_code":"resource_not_found","param":"customer_id","error_code":"resource_not_found","error_msg":"legacy","http_status_code":404}`
}

// fmtAll formats v with every verb that could leak fields.
func fmtAll(v any) string {
	return fmt.Sprintf("%v|%+v|%#v|%s", v, v, v, v)
}
