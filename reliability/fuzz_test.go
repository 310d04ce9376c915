package reliability_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/relationship"
)

// packageActions returns the actions of one resource package.
func packageActions(pkg string) []action {
	var out []action
	for _, a := range allActions() {
		if strings.HasPrefix(a.name, pkg+".") {
			out = append(out, a)
		}
	}
	return out
}

// fuzzResponses is the body of the response fuzz targets: every action of
// the package gets the fuzzed body as a 200 answer. Whatever the bytes, the
// call must not panic, and either succeed with a complete result or fail
// with no result and an error a caller can act on: *chargebee.DecodeError
// naming the 200, or, for lists, trees and CreateChild, the paging, tree,
// offset or link error that says what was inconsistent.
func fuzzResponses(f *testing.F, pkg string) {
	acts := packageActions(pkg)
	if len(acts) == 0 {
		f.Fatalf("no actions for %s", pkg)
	}
	valid := validBodies(f)
	for i, a := range acts {
		f.Add(uint8(i), valid[a.name])
		for _, b := range badBodies(valid[a.name]) {
			f.Add(uint8(i), b.body)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		a := acts[int(which)%len(acts)]
		cb := offlineClient(t, a, &staticBody{status: 200, body: body}, chargebee.WithMaxRetries(0))
		res, err := a.run(context.Background(), cb)
		if err == nil {
			if isNil(res) {
				t.Fatalf("%s: nil result without an error", a.name)
			}
			if cerr := a.complete(res); cerr != nil {
				t.Fatalf("%s: success with an incomplete result: %v", a.name, cerr)
			}
			return
		}
		if !isNil(res) {
			t.Fatalf("%s: result %+v returned with %v", a.name, res, err)
		}
		var de *chargebee.DecodeError
		var te *relationship.TreeError
		var le *relationship.LinkError
		var ve *chargebee.ValidationError
		switch {
		case errors.As(err, &de):
			if de.StatusCode != 200 {
				t.Fatalf("%s: DecodeError with status %d", a.name, de.StatusCode)
			}
		case a.list || a.name == "entitlement.Load":
			// Every page is the same body, so a next_offset repeats; an
			// empty page may name a next one; an offset longer than the
			// API accepts is refused before it is sent back.
			if !errors.Is(err, chargebee.ErrRepeatedOffset) && !errors.Is(err, chargebee.ErrEmptyPage) &&
				!(errors.As(err, &ve) && ve.Param == "offset") {
				t.Fatalf("%s: unexpected error %v", a.name, err)
			}
		case a.name == "relationship.Tree" && errors.As(err, &te):
		case a.name == "relationship.CreateChild" && errors.As(err, &le):
			// The create answer decoded; the link (the same body again)
			// did not, or the customer had no id to link.
		default:
			t.Fatalf("%s: unexpected error %T %v", a.name, err, err)
		}
	})
}

// FuzzCustomerResponses feeds arbitrary 200 bodies to every customer
// action's decoder (API v2 and v1).
func FuzzCustomerResponses(f *testing.F) { fuzzResponses(f, "customer") }

// FuzzContactResponses feeds arbitrary 200 bodies to every contact action's
// decoder.
func FuzzContactResponses(f *testing.F) { fuzzResponses(f, "contact") }

// FuzzRelationshipResponses feeds arbitrary 200 bodies to every
// relationship action's decoder, the tree builder included.
func FuzzRelationshipResponses(f *testing.F) { fuzzResponses(f, "relationship") }

// FuzzEntitlementResponses feeds arbitrary 200 bodies to the entitlement
// list and Load.
func FuzzEntitlementResponses(f *testing.F) { fuzzResponses(f, "entitlement") }

// FuzzCreditsResponses feeds arbitrary 200 bodies to every credits action's
// decoder (promotional and account credits).
func FuzzCreditsResponses(f *testing.F) { fuzzResponses(f, "credits") }

// handlerTransport serves requests in-process with an http.Handler (here
// the fake), without a network.
type handlerTransport struct{ h http.Handler }

func (h handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil {
		req.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	h.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// FuzzFormRoundTrip round-trips request values through the SDK's form
// encoder and the fake's parser: a customer is created with fuzzed names,
// company, billing line, meta_data, custom field and entity identifier,
// then read back and found again with a first_name filter in the query.
// Whatever the values, the SDK either refuses them before sending
// (*chargebee.ValidationError) or the fake accepts the request and every
// value comes back exactly as given. (The fake refuses invalid UTF-8, as
// Chargebee does; the SDK leaves that check to the server, so such inputs
// are skipped.)
func FuzzFormRoundTrip(f *testing.F) {
	seeds := [][7]string{
		{"John", "Acme", "PO Box 9999", "plan", "gold", "female", "123"},
		{"a&b=c", "100% [x]", "line\nbreak", "k[y]", `{"json": true}`, "+%2B", " spaced "},
		{"ünïcode", "👍 Corp", "\x00nul", "", "", "", ""},
		{strings.Repeat("x", 150), "=", "+", "cf_x", "a\r\nb", "[]", "%"},
		{"", "", "", "<script>", "&amp;", "\\", "\""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5], s[6])
	}
	// One fake serves every input, in-process; it is emptied before each.
	fake := newFixture(f)
	cb := fake.srv.Client(chargebee.WithHTTPClient(&http.Client{Transport: handlerTransport{fake.srv}}), chargebee.WithMaxRetries(0))
	customers := customer.NewService(cb)
	f.Fuzz(func(t *testing.T, first, company, line1, metaKey, metaVal, cfVal, eiValue string) {
		for _, s := range []string{first, company, line1, metaKey, metaVal, cfVal, eiValue} {
			if !utf8.ValidString(s) {
				return
			}
		}
		fake.srv.Reset()
		ctx := context.Background()
		_, err := customers.Create(ctx, customer.NewCreateRequest().SetID("rt1").
			SetFirstName(first).SetCompany(company).
			SetBillingAddress(customer.NewBillingAddressParams().SetLine1(line1)).
			SetMetaData(chargebee.Metadata{metaKey: metaVal}).
			SetCustomField("cf_fuzz", cfVal).
			AddEntityIdentifier(customer.NewEntityIdentifierParams().SetScheme("iso6523-actorid-upis").SetValue(eiValue)))
		var ve *chargebee.ValidationError
		if errors.As(err, &ve) {
			if n := len(fake.srv.Requests()); n != 0 {
				t.Fatalf("refused with %v but sent %d requests", err, n)
			}
			return
		}
		if err != nil {
			t.Fatalf("the fake refused what the SDK sent: %v\n%q", err, fake.srv.Requests()[0].Body)
		}
		got, err := customers.Retrieve(ctx, "rt1")
		if err != nil {
			t.Fatal(err)
		}
		c := got.Customer
		if c.FirstName != first || c.Company != company {
			t.Errorf("names: %q %q, want %q %q", c.FirstName, c.Company, first, company)
		}
		if c.BillingAddress == nil || c.BillingAddress.Line1 != line1 {
			t.Errorf("billing address %+v, want line1 %q", c.BillingAddress, line1)
		}
		if v, ok := c.MetaData[metaKey]; !ok || v != metaVal {
			t.Errorf("meta_data %v, want %q: %q", c.MetaData, metaKey, metaVal)
		}
		if v, ok := c.CustomFields["cf_fuzz"]; (ok || cfVal != "") && v != cfVal { // "" clears the field
			t.Errorf("cf_fuzz = %v, want %q", c.CustomFields["cf_fuzz"], cfVal)
		}
		if len(c.EntityIdentifiers) != 1 || c.EntityIdentifiers[0].Value != eiValue {
			t.Errorf("entity identifiers %+v, want value %q", c.EntityIdentifiers, eiValue)
		}
		if first == "" {
			return
		}
		found := false
		for e, err := range customers.List(ctx, customer.NewListRequest().SetFirstName(chargebee.StringFilter{Is: first})) {
			if err != nil {
				t.Fatalf("list by first_name: %v", err)
			}
			found = found || e.Customer.ID == "rt1"
		}
		if !found {
			t.Errorf("first_name[is]=%q did not find the customer", first)
		}
	})
}
