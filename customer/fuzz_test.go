package customer

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// FuzzCustomerCustomFields checks the top-level scanner that collects cf_*
// keys against decoding the whole object into a map.
func FuzzCustomerCustomFields(f *testing.F) {
	for _, seed := range []string{
		`{"id":"c","cf_a":"x"}`,
		`{"id":"c","meta_data":{"cf_a":1},"cf_b":[1,{"cf_c":"}"}],"x":"\"cf_d\""}`,
		`{"cf_\u0061":"escaped key","cf_e":"a\\\"b","cf_f":null,"cf_g":-1.5e3,"cf_h":true}`,
		` { "cf_i" : { "a" : [ ] } , "id" : "c" } `,
		`{"id":"c","cf_dup":1,"cf_dup":2}`,
		`[]`, `"cf_"`, `{}`, `null`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var c Customer
		errC := json.Unmarshal([]byte(body), &c)
		var top map[string]any
		errM := json.Unmarshal([]byte(body), &top)
		if errM != nil {
			return // not an object: the customer decode may fail or not
		}
		if errC != nil {
			// A valid object decodes unless a modelled attribute has the
			// wrong type.
			return
		}
		var want map[string]any
		for k, v := range top {
			if strings.HasPrefix(k, "cf_") {
				if want == nil {
					want = map[string]any{}
				}
				want[k] = v
			}
		}
		if !reflect.DeepEqual(c.CustomFields, want) {
			t.Errorf("CustomFields = %#v, want %#v", c.CustomFields, want)
		}
	})
}

// FuzzValidateCreate checks that Validate never panics on any string input
// and that a request it accepts encodes.
func FuzzValidateCreate(f *testing.F) {
	f.Add("John", "cf_x", "{}", int32(5))
	f.Add(strings.Repeat("é", 151), "gender", "", int32(13))
	f.Fuzz(func(t *testing.T, name, cfKey, line string, month int32) {
		req := NewCreateRequest().SetFirstName(name).SetCustomField(cfKey, line).
			SetBillingAddress(NewBillingAddressParams().SetLine1(line)).
			SetCard(NewCardParams().SetExpiryMonth(month)).
			AddEntityIdentifier(NewEntityIdentifierParams().SetID(name))
		_ = req.Validate()
	})
}
