package customer

import (
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
	"github.com/jarcoal/httpmock"
)

// newMock returns a service whose requests go to an httpmock transport that
// answers status and body to everything, the transport, and the record of
// what was sent.
func newMock(t *testing.T, status int, body string, opts ...chargebee.Option) (*Service, *httpmock.MockTransport, *testutil.Mock) {
	t.Helper()
	cb, mt, m := testutil.NewClient(t, testutil.Respond(status, body), opts...)
	return NewService(cb), mt, m
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

// minimal responses, one per top-level shape.
const (
	customerBody      = `{"customer":{"id":"cus_1","auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,"unbilled_charges":0,"refundable_credits":0,"excess_payments":0,"deleted":false,"object":"customer"}}`
	customerCardBody  = `{"customer":{"id":"cus_1","auto_collection":"on","created_at":1700000000,"deleted":false},"card":{"payment_source_id":"pm_1","status":"valid","gateway":"stripe","iin":"411111","last4":"1111","funding_type":"credit","expiry_month":12,"expiry_year":2030,"created_at":1700000000,"customer_id":"cus_1","object":"card"}}`
	paymentSourceBody = `{"customer":{"id":"cus_1","primary_payment_source_id":"pm_1"},"payment_source":{"id":"pm_1","customer_id":"cus_1","type":"card","status":"valid","gateway":"stripe","reference_id":"tok","deleted":false,"created_at":1700000000,"card":{"iin":"411111","last4":"1111","brand":"visa","funding_type":"credit","expiry_month":12,"expiry_year":2030},"object":"payment_source"}}`
	transactionBody   = `{"customer":{"id":"cus_1","excess_payments":5000},"transaction":{"id":"txn_1","customer_id":"cus_1","type":"payment","status":"success","payment_method":"bank_transfer","amount":5000,"amount_unused":5000,"currency_code":"USD","date":1700000000,"gateway":"not_applicable","deleted":false,"linked_invoices":[{"invoice_id":"inv_1","applied_amount":100,"applied_at":1700000001,"invoice_status":"paid"}],"object":"transaction"}}`
	migrationBody     = `{"resource_migration":{"from_site":"acme-old","entity_type":"customer","entity_id":"cus_old","status":"scheduled","created_at":1700000000,"updated_at":1700000000,"object":"resource_migration"}}`
)
