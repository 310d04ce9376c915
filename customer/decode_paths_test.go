package customer

import (
	"reflect"
	"testing"

	"github.com/billingkit/chargebee-go/internal/testutil"
)

// checkSameAsJSON decodes body as each kind of value the package decodes
// and compares the generated decoders with encoding/json's reflection.
func checkSameAsJSON(t *testing.T, body []byte) {
	t.Helper()
	testutil.SameAsJSON[Customer](t, body)
	testutil.SameAsJSON[Card](t, body)
	testutil.SameAsJSON[CreateResult](t, body)
	testutil.SameAsJSON[ListEntry](t, body)
	testutil.SameAsJSON[listEntryPage](t, body)
	testutil.SameAsJSON[BillingAddress](t, body)
}

var decodePathSeeds = []string{
	`{"customer":{"id":"c","cf_a":"x","cf_b":2},"card":{"last4":"1111"}}`,
	`{"customer":{"id":"c"}}`,
	`{"customer":null}`,
	`{"card":{}}`,
	`{"Customer":{"id":"c","cf_a":"x"}}`,
	`{"CUSTOMER":{"id":"c","cf_a":"x"},"customer":{"id":"d","cf_b":"y"}}`,
	`{"customer":{"id":"c","cf_a":"x"},"customer":{"id":"d","cf_b":"y"}}`,
	`{"cust\u006fmer":{"id":"c","cf_a":"x"}}`,
	`{"customer":{"id":"c","cf_a":"x"},"ﬀ":1}`,
	`{"customer":{"id":"c","cf_a":{"cf_inner":1}},"x":"\"customer\""}`,
	`{"customer":{"id":"c","cf_a":"x"}`,
	`{"customer":{"id":1}}`,
	`{"list":[{"customer":{"id":"a","cf_a":1}},{"customer":{"id":"b"},"card":{"last4":"1"}},{"customer":{"id":"c","cf_b":[1,2]}}],"next_offset":"o"}`,
	`{"list":[]}`,
	`{"list":null}`,
	`{"next_offset":"o"}`,
	`{"list":[{"card":{}}]}`,
	`{"list":[null]}`,
	`{"list":[{"Customer":{"id":"a","cf_a":1}}]}`,
	`{"list":[{"customer":{"id":"a","cf_a":1},"customer":{"id":"b","cf_b":1}}]}`,
	`{"List":[{"customer":{"id":"a","cf_a":1}}]}`,
	`{"list":[{"customer":{"id":"a","cf_a":1}}],"list":[{"customer":{"id":"b"}}]}`,
	`{"list":[{"customer":{"id":"a","cf_a":1}} , {"customer" : {"id":"b","cf_a":2}}]}`,
	`{"list":[{"customer":{"id":"a","cf_a":1}}`,
	`{"list":[1,{"customer":{"id":"a","cf_a":1}}]}`,
	` { "list" : [ { "customer" : { "cf_x" : "y" , "id" : "a" } } ] } `,
	`{"customer":{"id":"c","\u0063f_plan":"gold"}}`,
	`{"list":[{"customer":{"id":"a","c\u0066_plan":"gold"}},{"customer":{"id":"b","first_name":"Jos\u00e9"}}]}`,
	`[]`, `null`, `"customer"`, ``, `{`, `{"customer":}`, `{"customer"}`,
}

// jsonSeeds exercise the JSON reader: escapes, surrogates, invalid UTF-8,
// numbers at and past their ranges, keys that differ in case, repeated keys
// and arrays, nulls, and malformed text.
var jsonSeeds = []string{
	`{"id":"a\u00e9\ud83d\ude00\ud800x\udc00\\\"\/\b\f\n\r\t","first_name":"\xff\xfe ok \xed\xa0\x80"}`,
	`{"net_term_days":2147483647,"billing_date":-2147483648,"resource_version":9223372036854775807}`,
	`{"net_term_days":2147483648}`, `{"resource_version":9223372036854775808}`, `{"resource_version":1.0}`,
	`{"net_term_days":1e2}`, `{"created_at":1.7e9}`, `{"created_at":"1"}`, `{"created_at":null,"updated_at":-0}`,
	`{"ID":"a","First_Name":"b","\u0069d":"c","\u212aEY":1,"ſtate":"x"}`, `{"İd":"x","ſtate":"y"}`,
	`{"contacts":[{"id":"a","email":"x"},{"id":"b"}],"contacts":[{"email":"y"}]}`,
	`{"contacts":[{"id":"a","email":"x"},{"id":"b","label":"l"}],"contacts":[{"email":"y"}],"contacts":[{},{"first_name":"z"}]}`,
	`{"contacts":[],"balances":null,"referral_urls":[null,{"referral_system":"friendbuy"}]}`,
	`{"billing_address":{"city":"a"},"billing_address":{"zip":"b"}}`,
	`{"billing_address":null,"payment_method":{"type":"card","type":"paypal_express_checkout","gateway":"unknown_gw"}}`,
	`{"meta_data":{"a":[1,-0,1e400]}}`, `{"meta_data":{"a":1},"meta_data":{"b":2}}`, `{"meta_data":null}`,
	`{"meta_data":{"a":{"b":[true,false,null,"s",-1.5e-3,12345678901234567890]}}}`,
	`{"exemption_details":[1, 2 ,{"a":null}]}`, `{"exemption_details":null}`,
	`{"auto_collection":"on","channel":"app_store","channel":"\u0077eb"}`,
	`{"deleted":true,"deleted":null}`, `{"deleted":"true"}`, `{"id":true}`, `{"id":1}`, `{"contacts":{}}`,
	`{"id":"a",}`, `{"id":"a" "x":1}`, `{"id":tru}`, `{"id":"a"}x`, `{"id":"\x"}`, `{"id":"\u12"}`, "{\"id\":\"a\x01\"}",
	`{"x":[1,]}`, `{"x":01}`, `{"x":-}`, `{"x":1.}`, `{"x":.5}`, `{"x":1e}`, `{"x":[[[[{}]]]]}`, ` {"id" : "a" } `,
}

// TestDecodeSameAsJSON checks the generated decoders against encoding/json
// on the seeds and on pages of list entries (the fixtures are checked by
// the generated TestGeneratedDecodersSameAsJSON).
func TestDecodeSameAsJSON(t *testing.T) {
	t.Parallel()
	for _, body := range append(decodePathSeeds, jsonSeeds...) {
		checkSameAsJSON(t, []byte(body))
	}
	checkSameAsJSON(t, listPage(100, fullListEntry))
	checkSameAsJSON(t, listPage(100, typicalListEntry))
	checkSameAsJSON(t, fullCustomerJSON())
}

// TestDecodeCustomFields checks that custom fields land on their own
// customer, also when their keys are written with escapes.
func TestDecodeCustomFields(t *testing.T) {
	t.Parallel()
	p, err := decodeListEntryPage([]byte(decodePathSeeds[12]))
	if err != nil {
		t.Fatal(err)
	}
	got := []map[string]any{p.Items[0].Customer.CustomFields, p.Items[1].Customer.CustomFields, p.Items[2].Customer.CustomFields}
	want := []map[string]any{{"cf_a": 1.0}, nil, {"cf_b": []any{1.0, 2.0}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("custom fields = %v, want %v", got, want)
	}
	var c CreateResult
	if err := c.UnmarshalJSON([]byte(`{"customer":{"id":"c","\u0063f_plan":"gold"}}`)); err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"cf_plan": "gold"}; !reflect.DeepEqual(c.Customer.CustomFields, want) {
		t.Errorf("create custom fields = %v, want %v", c.Customer.CustomFields, want)
	}
	p, err = decodeListEntryPage([]byte(`{"list":[{"customer":{"id":"a","c\u0066_plan":"gold"}},{"customer":{"id":"b"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got = []map[string]any{p.Items[0].Customer.CustomFields, p.Items[1].Customer.CustomFields}
	want = []map[string]any{{"cf_plan": "gold"}, nil}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("list custom fields = %v, want %v", got, want)
	}
	if p, err := decodeListEntryPage([]byte(`{"next_offset":"o"}`)); p != nil || err != nil {
		t.Errorf("page without list = %v, %v; want nil, nil", p, err)
	}
}

// FuzzDecodeSameAsJSON compares the generated decoders with encoding/json
// on arbitrary bodies.
func FuzzDecodeSameAsJSON(f *testing.F) {
	for _, s := range append(decodePathSeeds, jsonSeeds...) {
		f.Add(s)
	}
	f.Add(string(typicalListEntry(7)))
	f.Fuzz(func(t *testing.T, body string) {
		checkSameAsJSON(t, []byte(body))
	})
}
