package customer

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// generalCreate decodes a create response the general way, through
// Customer.UnmarshalJSON, as the results did before the quick path.
func generalCreate(b []byte) (*CreateResult, error) {
	type plain CreateResult
	var r plain
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if r.Customer == nil {
		return nil, missingKey("customer.create", "customer")
	}
	return (*CreateResult)(&r), nil
}

// generalList decodes a list page the general way.
func generalList(b []byte) (*listResponse, error) {
	type plain listResponse
	var r plain
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if r.List == nil {
		return nil, missingKey("customer.list", "list")
	}
	for i := range *r.List {
		if (*r.List)[i].Customer == nil {
			return nil, listEntryError(i)
		}
	}
	return (*listResponse)(&r), nil
}

// quickCreate and quickList decode through the results' UnmarshalJSON and
// then check the required keys with the generated missing methods, as the
// service methods do.
func quickCreate(b []byte) (*CreateResult, error) {
	var r CreateResult
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if key := r.missing(); key != "" {
		return nil, missingKey("customer.create", key)
	}
	return &r, nil
}

func quickList(b []byte) (*listResponse, error) {
	var r listResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	for i := range *r.List {
		if (*r.List)[i].missing() != "" {
			return nil, listEntryError(i)
		}
	}
	return &r, nil
}

// listEntryError reports a list entry without its customer.
func listEntryError(i int) error {
	return fmt.Errorf("customer: response of customer.list has no \"customer\" in list[%d]", i)
}

// checkSamePaths fails when the quick and the general decoding of body
// disagree on success or on the result.
func checkSamePaths(t *testing.T, body string) {
	t.Helper()
	b := []byte(body)
	qc, errQ := quickCreate(b)
	gc, errG := generalCreate(b)
	if (errQ == nil) != (errG == nil) {
		t.Fatalf("create %s: quick error %v, general error %v", body, errQ, errG)
	}
	if errQ == nil && !reflect.DeepEqual(qc, gc) {
		t.Fatalf("create %s:\nquick   %+v %+v\ngeneral %+v %+v", body, qc.Customer, qc.Card, gc.Customer, gc.Card)
	}
	ql, errQ := quickList(b)
	gl, errG := generalList(b)
	if (errQ == nil) != (errG == nil) {
		t.Fatalf("list %s: quick error %v, general error %v", body, errQ, errG)
	}
	if errQ == nil && !reflect.DeepEqual(ql, gl) {
		t.Fatalf("list %s: results differ", body)
	}
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

// TestDecodePaths checks that decoding responses without
// Customer.UnmarshalJSON per customer gives exactly what the general way
// gives, including for keys that differ in case, escaped keys, repeated
// keys and malformed bodies.
func TestDecodePaths(t *testing.T) {
	t.Parallel()
	for _, body := range decodePathSeeds {
		checkSamePaths(t, body)
	}
	checkSamePaths(t, string(listPage(100, fullListEntry)))
	checkSamePaths(t, string(listPage(100, typicalListEntry)))
	checkSamePaths(t, string(fullCustomerJSON()))

	// The quick path keeps custom fields per customer.
	l, err := quickList([]byte(decodePathSeeds[12]))
	if err != nil {
		t.Fatal(err)
	}
	got := []map[string]any{(*l.List)[0].Customer.CustomFields, (*l.List)[1].Customer.CustomFields, (*l.List)[2].Customer.CustomFields}
	want := []map[string]any{{"cf_a": 1.0}, nil, {"cf_b": []any{1.0, 2.0}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("custom fields = %v, want %v", got, want)
	}

	// Keys written with JSON escapes reach CustomFields on both paths.
	c, err := quickCreate([]byte(`{"customer":{"id":"c","\u0063f_plan":"gold"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"cf_plan": "gold"}; !reflect.DeepEqual(c.Customer.CustomFields, want) {
		t.Errorf("create custom fields = %v, want %v", c.Customer.CustomFields, want)
	}
	l, err = quickList([]byte(`{"list":[{"customer":{"id":"a","c\u0066_plan":"gold"}},{"customer":{"id":"b"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got = []map[string]any{(*l.List)[0].Customer.CustomFields, (*l.List)[1].Customer.CustomFields}
	want = []map[string]any{{"cf_plan": "gold"}, nil}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("list custom fields = %v, want %v", got, want)
	}
}

// FuzzDecodePaths compares the quick and the general decoding of arbitrary
// bodies.
func FuzzDecodePaths(f *testing.F) {
	for _, s := range decodePathSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		checkSamePaths(t, body)
	})
}
