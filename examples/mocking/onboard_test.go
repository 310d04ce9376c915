package mocking_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/examples/mocking"
)

// recorder keeps the requests an httpmock responder received.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	form []url.Values
}

// wrap returns a responder that records the request (with its parsed form
// body) and answers with next.
func (rec *recorder) wrap(next httpmock.Responder) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, r)
		rec.form = append(rec.form, r.PostForm)
		rec.mu.Unlock()
		return next(r)
	}
}

// The setup most teams already have: httpmock.Activate replaces
// http.DefaultTransport, and a client made with no WithHTTPClient sends
// through it (made before or after Activate). Retries stay on, with short
// waits, so a mocked 429 is retried through the mock.
//
// Activate changes process-wide state, so this test does not run in
// parallel; httpmock restores the default transport when it ends.
func TestOnboardCustomerActivate(t *testing.T) {
	httpmock.Activate(t)
	cb, err := chargebee.NewClient("acme-test", "test_key",
		chargebee.WithRetryWait(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://acme-test.chargebee.com/api/v2/customers"
	httpmock.RegisterResponder(http.MethodGet, base, httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(http.StatusTooManyRequests, `{"message":"slow down","api_error_code":"api_request_limit_exceeded"}`),
		httpmock.NewStringResponse(http.StatusOK, `{"list":[]}`),
	}))
	var creates recorder
	httpmock.RegisterResponder(http.MethodPost, base, creates.wrap(chargebeetest.JSONResponder(200,
		map[string]any{"customer": customer.Customer{ID: "cust_new", Email: "ann@acme.com"}})))

	id, err := mocking.OnboardCustomer(context.Background(), customer.NewService(cb), "ann@acme.com")
	if err != nil {
		t.Fatal(err)
	}
	if id != "cust_new" {
		t.Errorf("id = %q, want cust_new", id)
	}
	calls := httpmock.GetCallCountInfo()
	if calls["GET "+base] != 2 || calls["POST "+base] != 1 {
		t.Errorf("calls = %v, want the lookup twice (a 429, then the list) and one create", calls)
	}
	if len(creates.form) != 1 || creates.form[0].Get("email") != "ann@acme.com" {
		t.Errorf("create forms = %v", creates.form)
	}
}

// Unit tests with httpmock: every answer is canned, and the test checks
// what OnboardCustomer sent. Nothing listens on the network.
func TestOnboardCustomerHTTPMock(t *testing.T) {
	t.Parallel()
	existing := customer.Customer{ID: "cust_ann", Email: "ann@acme.com"}
	created := customer.Customer{ID: "cust_new", Email: "ann@acme.com"}

	tests := []struct {
		name       string
		email      string
		list       httpmock.Responder // GET /api/v2/customers
		create     httpmock.Responder // POST /api/v2/customers
		wantID     string
		wantErr    error
		wantLists  int
		wantCreate bool
	}{
		{
			name:      "existing customer is returned",
			email:     " Ann@Acme.com ",
			list:      chargebeetest.JSONResponder(200, map[string]any{"list": []any{map[string]any{"customer": existing}}}),
			wantID:    "cust_ann",
			wantLists: 1,
		},
		{
			name:       "new customer is created",
			email:      "ann@acme.com",
			list:       chargebeetest.JSONResponder(200, map[string]any{"list": []any{}}),
			create:     chargebeetest.JSONResponder(200, map[string]any{"customer": created}),
			wantID:     "cust_new",
			wantLists:  1,
			wantCreate: true,
		},
		{
			name:    "invalid e-mail sends nothing",
			email:   "ann",
			wantErr: mocking.ErrInvalidEmail,
		},
		{
			name:      "wrong API key stops before creating",
			email:     "ann@acme.com",
			list:      chargebeetest.ErrorResponder(chargebeetest.StatusError(http.StatusUnauthorized)),
			wantErr:   chargebee.ErrUnauthorized,
			wantLists: 1,
		},
		{
			name:  "a refused create is reported",
			email: "ann@acme.com",
			list:  chargebeetest.JSONResponder(200, map[string]any{"list": []any{}}),
			create: chargebeetest.ErrorResponder(chargebeetest.APIError{Status: 400, Type: "invalid_request",
				APIErrorCode: "param_wrong_value", Param: "email", Message: "email : invalid email"}),
			wantErr:    chargebee.ErrInvalidRequest,
			wantLists:  1,
			wantCreate: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			var lists, creates recorder
			if tt.list != nil {
				mt.RegisterResponder(http.MethodGet, chargebeetest.PathV2("customers"), lists.wrap(tt.list))
			}
			if tt.create != nil {
				mt.RegisterResponder(http.MethodPost, chargebeetest.PathV2("customers"), creates.wrap(tt.create))
			}
			// NewMockClient is chargebee.NewClient("acme-test", "test_key",
			// chargebee.WithHTTPClient(&http.Client{Transport: mt})) with
			// short retry waits.
			customers := customer.NewService(chargebeetest.NewMockClient(t, mt))

			id, err := mocking.OnboardCustomer(context.Background(), customers, tt.email)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if id != tt.wantID {
				t.Errorf("id = %q, want %q", id, tt.wantID)
			}
			if got := len(lists.reqs); got != tt.wantLists {
				t.Errorf("%d list calls, want %d", got, tt.wantLists)
			}
			if tt.wantLists > 0 {
				want := url.Values{"email[is]": {"ann@acme.com"}, "limit": {"1"}}
				if got := lists.reqs[0].URL.Query(); !reflect.DeepEqual(got, want) {
					t.Errorf("list query = %v, want %v", got, want)
				}
			}
			if tt.wantCreate {
				if len(creates.reqs) != 1 {
					t.Fatalf("%d create calls, want 1", len(creates.reqs))
				}
				want := url.Values{"email": {"ann@acme.com"}, "meta_data": {`{"source":"onboarding"}`}}
				if got := creates.form[0]; !reflect.DeepEqual(got, want) {
					t.Errorf("create form = %v, want %v", got, want)
				}
				if creates.reqs[0].Header.Get("chargebee-idempotency-key") == "" {
					t.Error("the create carries no idempotency key")
				}
			} else if n := len(creates.reqs); n != 0 {
				t.Errorf("%d create calls, want none", n)
			}
			if tt.list == nil && mt.GetTotalCallCount() != 0 {
				t.Errorf("%d calls sent, want none", mt.GetTotalCallCount())
			}
		})
	}
}

// Tests against the fake: it keeps the customers, so a test can check the
// outcome (one customer, with the right fields) rather than the calls.
func TestOnboardCustomerFake(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := chargebeetest.NewServer(t)
	customers := customer.NewService(srv.Client())

	first, err := mocking.OnboardCustomer(ctx, customers, "ann@acme.com")
	if err != nil {
		t.Fatal(err)
	}
	second, err := mocking.OnboardCustomer(ctx, customers, "ANN@acme.com")
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Errorf("onboarding twice gave %q and %q, want the same customer", first, second)
	}

	page, err := customers.ListPage(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("the fake has %d customers, want 1", len(page.Items))
	}
	got := page.Items[0].Customer
	if got.ID != first || got.Email != "ann@acme.com" || got.MetaData["source"] != "onboarding" {
		t.Errorf("customer = id %q, email %q, meta_data %v; want %q, ann@acme.com, source=onboarding", got.ID, got.Email, got.MetaData, first)
	}
	if n := len(srv.RequestsFor("customer.create")); n != 1 {
		t.Errorf("%d creates received, want 1", n)
	}
}

// The fake injects faults: the lookup is rate limited twice and the
// create's answer is lost after the customer was made. The SDK retries
// both, and there is still one customer.
func TestOnboardCustomerFakeFaults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := chargebeetest.NewServer(t)

	// Faults hit the next requests in order, so the drop is queued by a
	// transport hook when the create goes out.
	var once sync.Once
	hook := roundTripper(func(r *http.Request) (*http.Response, error) {
		if r.Method == http.MethodPost {
			once.Do(func() { srv.DropConnectionNext(1) })
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	customers := customer.NewService(srv.Client(chargebee.WithHTTPClient(&http.Client{Transport: hook})))
	srv.FailNext(2, http.StatusTooManyRequests, "1")

	id, err := mocking.OnboardCustomer(ctx, customers, "ann@acme.com")
	if err != nil {
		t.Fatal(err)
	}

	lists := srv.RequestsFor("customer.list")
	if len(lists) != 3 || !lists[0].Injected || !lists[1].Injected || lists[2].Status != 200 {
		t.Errorf("list requests = %+v, want two injected 429s then a 200", lists)
	}
	creates := srv.RequestsFor("customer.create")
	if len(creates) != 2 || !creates[0].Injected || creates[0].Status != 0 || !creates[1].Replayed {
		t.Fatalf("create requests = %+v, want a dropped one then a replay", creates)
	}
	if k0, k1 := creates[0].Header.Get("chargebee-idempotency-key"), creates[1].Header.Get("chargebee-idempotency-key"); k0 == "" || k0 != k1 {
		t.Errorf("idempotency keys %q and %q, want one key on both attempts", k0, k1)
	}
	page, err := customers.ListPage(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].Customer.ID != id {
		t.Errorf("the fake has %d customers, want only %s", len(page.Items), id)
	}
}

// A client with the wrong key gets the fake's 401, as from Chargebee.
func TestOnboardCustomerFakeWrongKey(t *testing.T) {
	t.Parallel()
	srv := chargebeetest.NewServer(t)
	cb, err := chargebee.NewClient(chargebeetest.DefaultSite, "wrong_key", chargebee.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = mocking.OnboardCustomer(context.Background(), customer.NewService(cb), "ann@acme.com")
	if !errors.Is(err, chargebee.ErrUnauthorized) {
		t.Errorf("error = %v, want chargebee.ErrUnauthorized", err)
	}
	if n := len(srv.RequestsFor("customer.create")); n != 0 {
		t.Errorf("%d creates received, want none", n)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
