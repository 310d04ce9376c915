package customer

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/jarcoal/httpmock"
)

// captured is one request seen by the mock transport.
type captured struct {
	Method string
	Path   string // escaped path
	Query  url.Values
	Form   url.Values
	Header http.Header
}

// recorder answers every request with a fixed response and remembers what
// it received.
type recorder struct {
	mu   sync.Mutex
	reqs []captured
}

func (r *recorder) last(t *testing.T) captured {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) == 0 {
		t.Fatal("no request was sent")
	}
	return r.reqs[len(r.reqs)-1]
}

// newMock returns a client whose requests go to an httpmock transport that
// answers status and body to everything.
func newMock(t *testing.T, status int, body string, opts ...chargebee.Option) (*Service, *httpmock.MockTransport, *recorder) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	rec := &recorder{}
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		c := captured{Method: req.Method, Path: req.URL.EscapedPath(), Header: req.Header.Clone()}
		q, err := url.ParseQuery(req.URL.RawQuery)
		if err != nil {
			t.Errorf("bad query: %v", err)
		}
		c.Query = q
		if req.Body != nil {
			b, _ := io.ReadAll(req.Body)
			f, err := url.ParseQuery(string(b))
			if err != nil {
				t.Errorf("bad form body: %v", err)
			}
			c.Form = f
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, c)
		rec.mu.Unlock()
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	all := append([]chargebee.Option{
		chargebee.WithHTTPClient(&http.Client{Transport: mt}),
		chargebee.WithMaxRetries(0),
	}, opts...)
	cb, err := chargebee.NewClient("acme-test", "test_key", all...)
	if err != nil {
		t.Fatal(err)
	}
	return NewService(cb), mt, rec
}

// assertValues compares two sets of form/query values exactly and reports
// missing, unexpected and different keys.
func assertValues(t *testing.T, got, want url.Values) {
	t.Helper()
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		g, inGot := got[k]
		w, inWant := want[k]
		switch {
		case !inGot:
			t.Errorf("missing key %s (want %q)", k, w)
		case !inWant:
			t.Errorf("unexpected key %s = %q", k, g)
		case strings.Join(g, "\x00") != strings.Join(w, "\x00"):
			t.Errorf("key %s = %q, want %q", k, g, w)
		}
	}
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// minimal responses, one per top-level shape.
const (
	customerBody      = `{"customer":{"id":"cus_1","auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,"unbilled_charges":0,"refundable_credits":0,"excess_payments":0,"deleted":false,"object":"customer"}}`
	customerCardBody  = `{"customer":{"id":"cus_1","auto_collection":"on","created_at":1700000000,"deleted":false},"card":{"payment_source_id":"pm_1","status":"valid","gateway":"stripe","iin":"411111","last4":"1111","funding_type":"credit","expiry_month":12,"expiry_year":2030,"created_at":1700000000,"customer_id":"cus_1","object":"card"}}`
	paymentSourceBody = `{"customer":{"id":"cus_1","primary_payment_source_id":"pm_1"},"payment_source":{"id":"pm_1","customer_id":"cus_1","type":"card","status":"valid","gateway":"stripe","reference_id":"tok","deleted":false,"created_at":1700000000,"card":{"iin":"411111","last4":"1111","brand":"visa","funding_type":"credit","expiry_month":12,"expiry_year":2030},"object":"payment_source"}}`
	transactionBody   = `{"customer":{"id":"cus_1","excess_payments":5000},"transaction":{"id":"txn_1","customer_id":"cus_1","type":"payment","status":"success","payment_method":"bank_transfer","amount":5000,"amount_unused":5000,"currency_code":"USD","date":1700000000,"gateway":"not_applicable","deleted":false,"linked_invoices":[{"invoice_id":"inv_1","applied_amount":100,"applied_at":1700000001,"invoice_status":"paid"}],"object":"transaction"}}`
	migrationBody     = `{"resource_migration":{"from_site":"acme-old","entity_type":"customer","entity_id":"cus_old","status":"scheduled","created_at":1700000000,"updated_at":1700000000,"object":"resource_migration"}}`
)
