// Package httpstacktest holds the tests of the SDK with the HTTP setups
// teams use around it: httpmock activated on http.DefaultTransport or on a
// client of their own, before or after the SDK's client is built, and
// tracing wrappers installed as http.DefaultTransport.
//
// These tests change process-wide state (http.DefaultTransport), so none of
// them runs in parallel, each restores what it changed when it ends, and
// the package holds no other tests.
package httpstacktest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
)

// base is where the clients of these tests send: a loopback port nothing
// listens on, so that a call the mock misses fails at once, offline.
const base = "http://127.0.0.1:1"

const customerURL = base + "/api/v2/customers/cust_1"

const customerJSON = `{"customer":{"id":"cust_1","first_name":"Ann","auto_collection":"on","net_term_days":0,` +
	`"allow_direct_debit":false,"created_at":1700000000,"taxability":"taxable","pii_cleared":"active",` +
	`"channel":"web","deleted":false,"object":"customer","card_status":"no_card","promotional_credits":0,` +
	`"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"preferred_currency_code":"USD","mrr":0}}`

// counting is a RoundTripper wrapper like a tracing one: it counts the
// requests it sees and passes them on.
type counting struct {
	base http.RoundTripper
	n    atomic.Int64
}

func (c *counting) RoundTrip(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.base.RoundTrip(req)
}

// setDefaultTransport replaces http.DefaultTransport until the test ends.
func setDefaultTransport(t *testing.T, rt http.RoundTripper) {
	t.Helper()
	old := http.DefaultTransport
	http.DefaultTransport = rt
	t.Cleanup(func() { http.DefaultTransport = old })
}

// setup is one way of mocking: install puts the mock in place; options are
// given to NewClient; mock is the MockTransport the responders go on; seen
// counts what a wrapper saw, when there is one.
type setup struct {
	name    string
	options func(t *testing.T) []chargebee.Option
	install func(t *testing.T) (mock *httpmock.MockTransport, seen *counting)
}

func setups() []setup {
	var hc *http.Client // shared by options and install of one run
	return []setup{
		{
			name:    "httpmock.Activate",
			options: func(*testing.T) []chargebee.Option { return nil },
			install: func(t *testing.T) (*httpmock.MockTransport, *counting) {
				httpmock.Activate(t) // deactivated when the test ends
				return httpmock.DefaultTransport, nil
			},
		},
		{
			name: "httpmock.ActivateNonDefault",
			options: func(*testing.T) []chargebee.Option {
				hc = &http.Client{}
				return []chargebee.Option{chargebee.WithHTTPClient(hc)}
			},
			install: func(t *testing.T) (*httpmock.MockTransport, *counting) {
				httpmock.ActivateNonDefault(hc)
				t.Cleanup(httpmock.DeactivateAndReset)
				return httpmock.DefaultTransport, nil
			},
		},
		{
			name: "NewMockTransport in WithHTTPClient",
			options: func(*testing.T) []chargebee.Option {
				hc = &http.Client{}
				return []chargebee.Option{chargebee.WithHTTPClient(hc)}
			},
			install: func(*testing.T) (*httpmock.MockTransport, *counting) {
				mt := httpmock.NewMockTransport()
				hc.Transport = mt
				return mt, nil
			},
		},
		{
			name:    "wrapper as http.DefaultTransport",
			options: func(*testing.T) []chargebee.Option { return nil },
			install: func(t *testing.T) (*httpmock.MockTransport, *counting) {
				mt := httpmock.NewMockTransport()
				w := &counting{base: mt}
				setDefaultTransport(t, w)
				return mt, w
			},
		},
	}
}

// TestMockingSetups runs every setup with the mock installed before and
// after NewClient. The mock answers 503 and then the customer: the SDK must
// retry through the mock and return the customer, and a wrapper must see
// both attempts.
func TestMockingSetups(t *testing.T) {
	for _, s := range setups() {
		for _, order := range []string{"before NewClient", "after NewClient"} {
			t.Run(s.name+" "+order, func(t *testing.T) {
				var (
					mt   *httpmock.MockTransport
					seen *counting
					cb   *chargebee.Client
					err  error
				)
				opts := append(s.options(t), chargebee.WithBaseURL(base), chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
				if order == "before NewClient" {
					mt, seen = s.install(t)
				}
				cb, err = chargebee.NewClient("acme-test", "test_key", opts...)
				if err != nil {
					t.Fatal(err)
				}
				if order == "after NewClient" {
					mt, seen = s.install(t)
				}
				mt.RegisterResponder(http.MethodGet, customerURL, httpmock.ResponderFromMultipleResponses([]*http.Response{
					httpmock.NewStringResponse(http.StatusServiceUnavailable, `{"message":"busy","api_error_code":"site_not_ready"}`),
					httpmock.NewStringResponse(http.StatusOK, customerJSON),
				}))

				var resp chargebee.Response
				res, err := customer.NewService(cb).Retrieve(context.Background(), "cust_1", chargebee.WithResponse(&resp))
				if err != nil {
					t.Fatalf("Retrieve: %v", err)
				}
				if res.Customer.ID != "cust_1" || res.Customer.FirstName != "Ann" {
					t.Errorf("customer = %+v", res.Customer)
				}
				if resp.Attempts != 2 || resp.StatusCode != http.StatusOK || string(resp.Body) != customerJSON {
					t.Errorf("response: attempts %d, status %d, body %q; want 2, 200 and the customer JSON", resp.Attempts, resp.StatusCode, resp.Body)
				}
				if n := mt.GetCallCountInfo()["GET "+customerURL]; n != 2 {
					t.Errorf("mock saw %d calls, want 2", n)
				}
				if seen != nil && seen.n.Load() != 2 {
					t.Errorf("wrapper saw %d attempts, want 2", seen.n.Load())
				}
			})
		}
	}
}

// TestNoResponderIsNotRetried checks that httpmock's "no responder found"
// reaches the caller after one attempt, unchanged for errors.Is, although
// retries are on.
func TestNoResponderIsNotRetried(t *testing.T) {
	httpmock.Activate(t)
	var calls atomic.Int64
	httpmock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return httpmock.ConnectionFailure(r) // httpmock.NoResponderFound
	})
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithBaseURL(base),
		chargebee.WithMaxRetries(3), chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var resp chargebee.Response
	_, err = customer.NewService(cb).Retrieve(context.Background(), "cust_1", chargebee.WithResponse(&resp))
	if !errors.Is(err, httpmock.NoResponderFound) {
		t.Fatalf("err = %v, want httpmock.NoResponderFound", err)
	}
	var ce *chargebee.ConnectionError
	if !errors.As(err, &ce) || ce.Attempts != 1 || resp.Attempts != 1 {
		t.Errorf("err %#v, response attempts %d; want one attempt", err, resp.Attempts)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("mock saw %d calls, want 1", n)
	}
	if chargebee.IsRetryable(err) {
		t.Error("IsRetryable(no responder found) = true")
	}
}

// TestDeactivateRestoresRealTraffic checks that one client follows
// http.DefaultTransport as httpmock changes it: mocked while active, real
// (to a loopback server) once deactivated.
func TestDeactivateRestoresRealTraffic(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		served.Add(1)
		_, _ = w.Write([]byte(customerJSON))
	}))
	t.Cleanup(srv.Close)
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	customers := customer.NewService(cb)

	httpmock.Activate()
	t.Cleanup(httpmock.DeactivateAndReset)
	httpmock.RegisterResponder(http.MethodGet, srv.URL+"/api/v2/customers/cust_1",
		httpmock.NewStringResponder(http.StatusOK, customerJSON))
	if _, err := customers.Retrieve(context.Background(), "cust_1"); err != nil {
		t.Fatalf("mocked Retrieve: %v", err)
	}
	if served.Load() != 0 || httpmock.GetTotalCallCount() != 1 {
		t.Fatalf("while active: server %d calls, mock %d; want the mock only", served.Load(), httpmock.GetTotalCallCount())
	}

	httpmock.DeactivateAndReset()
	if _, err := customers.Retrieve(context.Background(), "cust_1"); err != nil {
		t.Fatalf("real Retrieve: %v", err)
	}
	if served.Load() != 1 {
		t.Errorf("after DeactivateAndReset the server saw %d calls, want 1", served.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestAnyDefaultTransport checks that NewClient never panics whatever
// http.DefaultTransport holds, and that calls work: through the SDK's own
// pool when there is no usable default transport, through the default
// transport otherwise.
func TestAnyDefaultTransport(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(customerJSON))
	}))
	t.Cleanup(srv.Close)
	real := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(real.CloseIdleConnections)
	var viaFunc atomic.Int64

	for _, tt := range []struct {
		name string
		rt   http.RoundTripper
		seen func() int64 // attempts the default transport saw; nil: not used
	}{
		{name: "nil"},
		{name: "typed nil *http.Transport", rt: (*http.Transport)(nil)},
		{name: "a RoundTripper func", rt: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			viaFunc.Add(1)
			return real.RoundTrip(r)
		}), seen: viaFunc.Load},
		{name: "a wrapper of another transport", rt: &counting{base: real}},
		{name: "another *http.Transport", rt: real},
	} {
		t.Run(tt.name, func(t *testing.T) {
			setDefaultTransport(t, tt.rt)
			for _, opts := range [][]chargebee.Option{nil, {chargebee.WithHTTPClient(nil)}} {
				cb, err := chargebee.NewClient("acme-test", "test_key", append(opts, chargebee.WithBaseURL(srv.URL))...)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := customer.NewService(cb).Retrieve(context.Background(), "cust_1"); err != nil {
					t.Errorf("Retrieve: %v", err)
				}
			}
			if c, ok := tt.rt.(*counting); ok && c.n.Load() != 2 {
				t.Errorf("default transport saw %d calls, want 2", c.n.Load())
			}
			if tt.seen != nil && tt.seen() != 2 {
				t.Errorf("default transport saw %d calls, want 2", tt.seen())
			}
		})
	}

	// A client of the caller's with no Transport uses the default one; when
	// there is none either, the call fails with an error, once.
	setDefaultTransport(t, nil)
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithBaseURL(srv.URL),
		chargebee.WithHTTPClient(&http.Client{}), chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var ce *chargebee.ConnectionError
	_, err = customer.NewService(cb).Retrieve(context.Background(), "cust_1")
	if !errors.As(err, &ce) || ce.Attempts != 1 {
		t.Errorf("no transport at all: err %v, want a *ConnectionError after one attempt", err)
	}
}

// TestTracingWrapperOfTheDefaultTransport is the set-up of tracing
// libraries: http.DefaultTransport = wrap(http.DefaultTransport) in main,
// before or after NewClient. The wrapper must see every attempt, retries
// included.
func TestTracingWrapperOfTheDefaultTransport(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if served.Add(1)%2 == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"message":"busy"}`))
			return
		}
		_, _ = w.Write([]byte(customerJSON))
	}))
	t.Cleanup(srv.Close)
	for _, before := range []bool{true, false} {
		tracer := &counting{base: http.DefaultTransport}
		if before {
			setDefaultTransport(t, tracer)
		}
		cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithBaseURL(srv.URL),
			chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		if !before {
			setDefaultTransport(t, tracer)
		}
		var resp chargebee.Response
		if _, err := customer.NewService(cb).Retrieve(context.Background(), "cust_1", chargebee.WithResponse(&resp)); err != nil {
			t.Fatalf("installed before NewClient %v: %v", before, err)
		}
		if resp.Attempts != 2 || tracer.n.Load() != 2 {
			t.Errorf("installed before NewClient %v: %d attempts, the wrapper saw %d; want 2 and 2", before, resp.Attempts, tracer.n.Load())
		}
		http.DefaultTransport = tracer.base
	}
}
