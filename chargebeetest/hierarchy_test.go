package chargebeetest_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

// ids returns the values at key of every element of the list at path.
func ids(a answer, path, key string) string {
	var out []string
	for i := 0; i < a.len(path); i++ {
		out = append(out, a.str(path+"."+strconv.Itoa(i)+"."+key))
	}
	return strings.Join(out, ",")
}

// tree builds root → (a → (a1, a2), b) and returns the server.
func tree(t *testing.T) *chargebeetest.Server {
	s := chargebeetest.NewServer(t)
	for _, id := range []string{"root", "a", "b", "a1", "a2"} {
		createCustomer(t, s, "id", id)
	}
	for _, l := range [][2]string{{"a", "root"}, {"b", "root"}, {"a1", "a"}, {"a2", "a"}} {
		must(t, send(t, s, "POST", "/customers/"+l[0]+"/relationships", vals("parent_id", l[1])), 200)
	}
	return s
}

func TestLinkRules(t *testing.T) {
	t.Parallel()
	s := tree(t)
	a := must(t, send(t, s, "GET", "/customers/a1", nil), 200)
	if a.str("customer.relationship.parent_id") != "a" || a.str("customer.relationship.payment_owner_id") != "a1" || a.str("customer.relationship.invoice_owner_id") != "a1" {
		t.Fatalf("relationship defaults: %s", a.raw)
	}
	if v, ok := dig(a.body, "customer.use_default_hierarchy_settings").(bool); !ok || !v {
		t.Fatalf("use_default_hierarchy_settings: %s", a.raw)
	}
	createCustomer(t, s, "id", "solo")
	tests := []struct {
		name, child string
		params      []string
		param       string
	}{
		{"self link", "a", []string{"parent_id", "a"}, "parent_id"},
		{"cycle to child", "a", []string{"parent_id", "a1"}, "parent_id"},
		{"cycle to root", "root", []string{"parent_id", "a2"}, "parent_id"},
		{"owner outside the pair", "solo", []string{"parent_id", "b", "payment_owner_id", "root"}, "payment_owner_id"},
		{"invoice owner outside the pair", "solo", []string{"parent_id", "b", "invoice_owner_id", "a"}, "invoice_owner_id"},
		{"no parent", "solo", nil, "parent_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustParamError(t, send(t, s, "POST", "/customers/"+tt.child+"/relationships", vals(tt.params...)), tt.param)
		})
	}
	nf := send(t, s, "POST", "/customers/solo/relationships", vals("parent_id", "ghost"))
	if nf.status != 404 || nf.str("param") != "parent_id" {
		t.Fatalf("unknown parent: %s", nf.raw)
	}
	// Owners and access settings.
	a = must(t, send(t, s, "POST", "/customers/solo/relationships", vals(
		"parent_id", "b", "payment_owner_id", "b", "invoice_owner_id", "b", "use_default_hierarchy_settings", "false",
		"parent_account_access[portal_edit_child_subscriptions]", "view_only", "parent_account_access[send_invoice_emails]", "true",
		"child_account_access[portal_download_invoices]", "no")), 200)
	if a.str("customer.relationship.payment_owner_id") != "b" || a.str("customer.parent_account_access.portal_edit_child_subscriptions") != "view_only" ||
		a.str("customer.child_account_access.portal_download_invoices") != "no" {
		t.Fatalf("link with settings: %s", a.raw)
	}
	if v, _ := dig(a.body, "customer.parent_account_access.send_invoice_emails").(bool); !v {
		t.Fatalf("send_invoice_emails: %s", a.raw)
	}
	if v, ok := dig(a.body, "customer.use_default_hierarchy_settings").(bool); !ok || v {
		t.Fatalf("use_default_hierarchy_settings: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/solo/update_hierarchy_settings", vals("child_account_access[send_payment_emails]", "true", "use_default_hierarchy_settings", "true")), 200)
	if v, _ := dig(a.body, "customer.child_account_access.send_payment_emails").(bool); !v || a.str("customer.child_account_access.portal_download_invoices") != "no" {
		t.Fatalf("update settings: %s", a.raw)
	}
	// A parent with children cannot be deleted; unlinking frees it.
	if d := send(t, s, "POST", "/customers/b/delete", nil); d.status != 409 || d.str("type") != "invalid_request" || d.str("api_error_code") != "invalid_state_for_request" {
		t.Fatalf("delete parent: %s", d.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/solo/delete_relationship", nil), 200)
	if a.has("customer.relationship") {
		t.Fatalf("unlink kept relationship: %s", a.raw)
	}
	// Unlinking or configuring a customer without a parent is a state error.
	for _, path := range []string{"/customers/solo/delete_relationship", "/customers/solo/update_hierarchy_settings"} {
		if a := must(t, send(t, s, "POST", path, nil), 409); a.str("api_error_code") != "invalid_state_for_request" {
			t.Fatalf("%s: %s", path, a.raw)
		}
	}
	// Relinking moves a customer.
	must(t, send(t, s, "POST", "/customers/a2/relationships", vals("parent_id", "b")), 200)
	a = must(t, send(t, s, "GET", "/customers/a/hierarchy", vals("hierarchy_operation_type", "immediate_children")), 200)
	if got := ids(a, "hierarchies", "customer_id"); got != "a1" {
		t.Fatalf("after move: %s", got)
	}
}

func TestHierarchyLimits(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	// A chain of MaxHierarchyLevels levels: l1 ← l2 ← … ← l5.
	for i := 1; i <= chargebeetest.MaxHierarchyLevels+1; i++ {
		createCustomer(t, s, "id", "l"+strconv.Itoa(i))
		if i > 1 && i <= chargebeetest.MaxHierarchyLevels {
			must(t, send(t, s, "POST", "/customers/l"+strconv.Itoa(i)+"/relationships", vals("parent_id", "l"+strconv.Itoa(i-1))), 200)
		}
	}
	deep := send(t, s, "POST", "/customers/l6/relationships", vals("parent_id", "l5"))
	if deep.status != 400 || deep.str("api_error_code") != "resource_limit_exceeded" || deep.str("param") != "parent_id" {
		t.Fatalf("sixth level: %s", deep.raw)
	}
	// Linking a whole subtree counts its levels too.
	createCustomer(t, s, "id", "top")
	must(t, send(t, s, "POST", "/customers/l6/relationships", vals("parent_id", "top")), 200)
	if a := send(t, s, "POST", "/customers/top/relationships", vals("parent_id", "l4")); a.status != 400 {
		t.Fatalf("subtree too deep: %s", a.raw)
	}
	must(t, send(t, s, "POST", "/customers/top/relationships", vals("parent_id", "l3")), 200)

	createCustomer(t, s, "id", "big")
	for i := 0; i < chargebeetest.MaxChildren; i++ {
		id := "k" + strconv.Itoa(i)
		createCustomer(t, s, "id", id)
		must(t, send(t, s, "POST", "/customers/"+id+"/relationships", vals("parent_id", "big")), 200)
	}
	createCustomer(t, s, "id", "one-too-many")
	if a := send(t, s, "POST", "/customers/one-too-many/relationships", vals("parent_id", "big")); a.status != 400 || a.str("api_error_code") != "resource_limit_exceeded" {
		t.Fatalf("child %d: %s", chargebeetest.MaxChildren+1, a.raw)
	}
	// Re-linking an existing child does not count it twice.
	must(t, send(t, s, "POST", "/customers/k0/relationships", vals("parent_id", "big", "payment_owner_id", "big")), 200)
}

func TestHierarchyViews(t *testing.T) {
	t.Parallel()
	s := tree(t)
	tests := []struct {
		id, op, want string
	}{
		{"a1", "complete_hierarchy", "root,a,a1,a2,b"},
		{"root", "complete_hierarchy", "root,a,a1,a2,b"},
		{"a", "subordinates", "a,a1,a2"},
		{"a2", "path_to_root", "a2,a,root"},
		{"root", "immediate_children", "a,b"},
		{"b", "subordinates", "b"},
	}
	for _, tt := range tests {
		t.Run(tt.id+" "+tt.op, func(t *testing.T) {
			a := must(t, send(t, s, "GET", "/customers/"+tt.id+"/hierarchy", vals("hierarchy_operation_type", tt.op)), 200)
			if got := ids(a, "hierarchies", "customer_id"); got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
	a := must(t, send(t, s, "GET", "/customers/a/hierarchy", vals("hierarchy_operation_type", "complete_hierarchy")), 200)
	root, node := dig(a.body, "hierarchies.0").(map[string]any), dig(a.body, "hierarchies.1").(map[string]any)
	if _, ok := root["parent_id"]; ok || root["payment_owner_id"] != "root" || root["has_children"] != true {
		t.Fatalf("root node: %v", root)
	}
	kids, _ := node["children_ids"].([]any)
	if node["parent_id"] != "root" || node["object"] != "hierarchy" || len(kids) != 2 || kids[0] != "a1" || kids[1] != "a2" {
		t.Fatalf("node a: %v", node)
	}
	if leaf := dig(a.body, "hierarchies.2").(map[string]any); leaf["has_children"] != false || leaf["children_ids"] != nil {
		t.Fatalf("leaf node: %v", leaf)
	}
	mustParamError(t, send(t, s, "GET", "/customers/a/hierarchy", nil), "hierarchy_operation_type")
	mustParamError(t, send(t, s, "GET", "/customers/a/hierarchy", vals("hierarchy_operation_type", "everything")), "hierarchy_operation_type")
	must(t, send(t, s, "GET", "/customers/ghost/hierarchy", vals("hierarchy_operation_type", "subordinates")), 404)

	// hierarchy_detail pages the same nodes.
	a = must(t, send(t, s, "GET", "/customers/root/hierarchy_detail", vals("hierarchy_operation_type", "complete_hierarchy", "limit", "3")), 200)
	if got := ids(a, "list", "hierarchy.customer_id"); got != "root,a,a1" || a.str("next_offset") != "3" {
		t.Fatalf("detail page 1: %s next %q", got, a.str("next_offset"))
	}
	a = must(t, send(t, s, "GET", "/customers/root/hierarchy_detail", vals("hierarchy_operation_type", "complete_hierarchy", "limit", "3", "offset", "3")), 200)
	if got := ids(a, "list", "hierarchy.customer_id"); got != "a2,b" || a.has("next_offset") {
		t.Fatalf("detail page 2: %s", got)
	}
	// payable by parent: children whose payment owner is their parent.
	must(t, send(t, s, "POST", "/customers/a1/relationships", vals("parent_id", "a", "payment_owner_id", "a")), 200)
	a = must(t, send(t, s, "GET", "/customers/root/hierarchy", vals("hierarchy_operation_type", "subordinates_with_unbilled_charges_payable_by_parent")), 200)
	if got := ids(a, "hierarchies", "customer_id"); got != "a1" {
		t.Fatalf("payable by parent: %s", got)
	}
}
