package wirekeys

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const small = `{
 "actions": [
  {"id": "customer.create", "params": [{"wire": "id"}, {"wire": "card[gateway]"}, {"wire": "card[number]"}, {"wire": "card[tmp_token]"}, {"wire": "meta_data"}]},
  {"id": "customer.list", "params": [{"wire": "limit"}],
   "filters": [{"operators": [{"wire": "id[is]"}, {"wire": "id[in]"}]}, {"operators": [{"wire": "email[is]"}]}]},
  {"id": "customer.retrieve", "x_in_v1": true},
  {"id": "customer.merge"}
 ],
 "v1_v2_param_diff": [
  {"v2_action": "customer.create", "v2_only_params": ["meta_data"], "x_v1_required": ["card[gateway]"],
   "x_v1_required_unless": [{"keys": ["card[number]"], "unless": "card[tmp_token]"}]},
  {"v2_action": "customer.list", "v2_only_params": ["id[in]", "email[is]"]}
 ]
}`

func TestV1Variants(t *testing.T) {
	t.Parallel()
	got, err := V1Variants([]byte(small))
	if err != nil {
		t.Fatal(err)
	}
	want := []Variant{
		{V2Action: "customer.create", V1Action: "customer_v1.create", Keys: []string{"id", "card[gateway]", "card[number]", "card[tmp_token]"},
			Required: []string{"card[gateway]"}, RequiredUnless: []Unless{{Keys: []string{"card[number]"}, Unless: "card[tmp_token]"}}, FromDiff: true},
		{V2Action: "customer.list", V1Action: "customer_v1.list", Keys: []string{"limit", "id[is]"}, FromDiff: true},
		{V2Action: "customer.retrieve", V1Action: "customer_v1.retrieve"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("variants:\n got %+v\nwant %+v", got, want)
	}
}

func TestV1VariantsRefusesInconsistentCatalogs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, old, new, want string }{
		{"unknown action", `"v2_action": "customer.list"`, `"v2_action": "customer.lists"`, `unknown action "customer.lists"`},
		{"unknown v2-only key", `["id[in]", "email[is]"]`, `["id[in]", "phone[is]"]`, `v2-only key "phone[is]"`},
		{"v1-required key API v1 lacks", `"x_v1_required": ["card[gateway]"]`, `"x_v1_required": ["meta_data"]`, `x_v1_required key "meta_data"`},
		{"unless key API v1 lacks", `"unless": "card[tmp_token]"`, `"unless": "meta_data"`, `x_v1_required key "meta_data"`},
		{"not JSON", `{`, `[`, "reading catalog"},
	} {
		_, err := V1Variants([]byte(strings.Replace(small, tc.old, tc.new, 1)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestCatalogVariants checks the variants of the real catalog copy that
// both generators write: the v1 rule on update_payment_method and the
// actions API v1 has.
func TestCatalogVariants(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := V1Variants(raw)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.V1Action)
		if v.V2Action != "customer.update_payment_method" {
			continue
		}
		if !reflect.DeepEqual(v.Required, []string{"payment_method[reference_id]"}) {
			t.Errorf("update_payment_method: v1 requires %v", v.Required)
		}
		if slices.Contains(v.Keys, "payment_method[tmp_token]") || !slices.Contains(v.Keys, "payment_method[type]") {
			t.Errorf("update_payment_method v1 keys: %v", v.Keys)
		}
	}
	want := "customer_v1.create customer_v1.list customer_v1.update customer_v1.update_payment_method customer_v1.update_billing_info" +
		" customer_v1.add_contact customer_v1.update_contact customer_v1.delete_contact customer_v1.delete customer_v1.retrieve"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("v1 variants:\n got %s\nwant %s", got, want)
	}
}
