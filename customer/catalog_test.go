package customer

import (
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go/internal/testutil"
)

// catalogFile is the repository's copy of the API catalog, the generator's
// input.
const catalogFile = "../internal/gen/catalog.json"

type testCatalog struct {
	Actions []struct {
		ID      string                  `json:"id"`
		Params  []struct{ Wire string } `json:"params"`
		Filters []struct {
			Operators []struct{ Wire string } `json:"operators"`
		} `json:"filters"`
	} `json:"actions"`
	Models map[string]struct {
		Attributes []struct {
			Name       string `json:"name"`
			APIVersion string `json:"api_version"`
		} `json:"attributes"`
	} `json:"models"`
}

// v1OnlyAttributes returns the model attributes (as "model.attribute")
// that only API v1 sends. The v2 fixtures do not carry them;
// TestDecodeV1OnlyAttributes covers them.
func v1OnlyAttributes(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for key, m := range loadCatalog(t).Models {
		for _, a := range m.Attributes {
			if a.APIVersion == "v1" {
				out[key+"."+a.Name] = true
			}
		}
	}
	return out
}

func loadCatalog(t *testing.T) *testCatalog {
	t.Helper()
	raw, err := os.ReadFile(catalogFile)
	if err != nil {
		t.Fatal(err)
	}
	var c testCatalog
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestCatalogCoverage checks that the hand-written wire expectations of
// TestActionsWire together hold every parameter and filter key the catalog
// lists for the customer actions, so that every parameter is sent at least
// once by the tests.
func TestCatalogCoverage(t *testing.T) {
	t.Parallel()
	wants := map[string]url.Values{
		"customer.create":                wantCreate,
		"customer.list":                  union(wantList, wantListDesc),
		"customer.update":                wantUpdate,
		"customer.update_payment_method": wantUpdatePaymentMethod,
		"customer.update_billing_info":   wantUpdateBillingInfo,
		"customer.assign_payment_role":   wantAssignPaymentRole,
		"customer.record_excess_payment": wantRecordExcessPayment,
		"customer.collect_payment":       wantCollectPayment,
		"customer.delete":                {"delete_payment_method": nil},
		"customer.move":                  {"id_at_from_site": nil, "from_site": nil},
		"customer.change_billing_date":   wantChangeBillingDate,
		"customer.merge":                 {"from_customer_id": nil, "to_customer_id": nil},
		"customer.retrieve":              {},
		"customer.clear_personal_data":   {},
	}
	counts := map[string]int{}
	total := 0
	for _, a := range loadCatalog(t).Actions {
		want, ok := wants[a.ID]
		if !ok {
			continue
		}
		keys := map[string]bool{}
		for _, p := range a.Params {
			keys[strings.Replace(p.Wire, "[N]", "[0]", 1)] = true
			counts[a.ID]++
		}
		for _, f := range a.Filters {
			for _, o := range f.Operators {
				keys[o.Wire] = true
			}
		}
		for k := range keys {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: catalog key %s is not covered by the wire tests", a.ID, k)
			}
		}
		total += counts[a.ID]
		delete(wants, a.ID)
	}
	for id := range wants {
		t.Errorf("action %s missing from the catalog", id)
	}
	if counts["customer.create"] != 105 {
		t.Errorf("customer.create has %d catalog parameters, want 105", counts["customer.create"])
	}
	if total != 227 {
		t.Errorf("the 14 actions have %d catalog parameters, want 227", total)
	}
}

// TestModelsCoverCatalog checks that every catalog attribute of the
// customer models has a field, and that the full v2 fixture carries it.
func TestModelsCoverCatalog(t *testing.T) {
	t.Parallel()
	types := map[string]reflect.Type{
		"customer":              reflect.TypeOf(Customer{}),
		"billing_address":       reflect.TypeOf(BillingAddress{}),
		"contact":               reflect.TypeOf(Contact{}),
		"payment_method":        reflect.TypeOf(PaymentMethod{}),
		"balance":               reflect.TypeOf(Balance{}),
		"entity_identifier":     reflect.TypeOf(EntityIdentifier{}),
		"tax_providers_field":   reflect.TypeOf(TaxProvidersField{}),
		"relationship":          reflect.TypeOf(Relationship{}),
		"parent_account_access": reflect.TypeOf(ParentAccountAccess{}),
		"child_account_access":  reflect.TypeOf(ChildAccountAccess{}),
		"referral_url":          reflect.TypeOf(ReferralURL{}),
		"card":                  reflect.TypeOf(Card{}),
	}
	// Where each model sits in the fixture.
	var fixture struct {
		Customer map[string]json.RawMessage `json:"customer"`
		Card     map[string]json.RawMessage `json:"card"`
	}
	if err := json.Unmarshal([]byte(testutil.Fixture(t, "v2_retrieve_full.json")), &fixture); err != nil {
		t.Fatal(err)
	}
	objectAt := func(m map[string]json.RawMessage, key string) map[string]json.RawMessage {
		var out map[string]json.RawMessage
		raw := m[key]
		if len(raw) > 0 && raw[0] == '[' {
			var list []map[string]json.RawMessage
			if err := json.Unmarshal(raw, &list); err != nil || len(list) == 0 {
				t.Fatalf("fixture %s: %v", key, err)
			}
			return list[0]
		}
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("fixture %s: %v", key, err)
		}
		return out
	}
	samples := map[string]map[string]json.RawMessage{
		"customer":              fixture.Customer,
		"card":                  fixture.Card,
		"billing_address":       objectAt(fixture.Customer, "billing_address"),
		"contact":               objectAt(fixture.Customer, "contacts"),
		"payment_method":        objectAt(fixture.Customer, "payment_method"),
		"balance":               objectAt(fixture.Customer, "balances"),
		"entity_identifier":     objectAt(fixture.Customer, "entity_identifiers"),
		"tax_providers_field":   objectAt(fixture.Customer, "tax_providers_fields"),
		"relationship":          objectAt(fixture.Customer, "relationship"),
		"parent_account_access": objectAt(fixture.Customer, "parent_account_access"),
		"child_account_access":  objectAt(fixture.Customer, "child_account_access"),
		"referral_url":          objectAt(fixture.Customer, "referral_urls"),
	}
	cat := loadCatalog(t)
	v1Only := v1OnlyAttributes(t)
	for key, typ := range types {
		tags := map[string]bool{}
		for i := 0; i < typ.NumField(); i++ {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			tags[name] = true
		}
		m, ok := cat.Models[key]
		if !ok {
			t.Errorf("model %s missing from the catalog", key)
			continue
		}
		for _, a := range m.Attributes {
			if !tags[a.Name] {
				t.Errorf("%s has no field for %s.%s", typ.Name(), key, a.Name)
			}
			if _, ok := samples[key][a.Name]; !ok && !v1Only[key+"."+a.Name] {
				t.Errorf("fixture v2_retrieve_full.json lacks %s.%s", key, a.Name)
			}
		}
	}
}

func union(sets ...url.Values) url.Values {
	out := url.Values{}
	for _, s := range sets {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}
