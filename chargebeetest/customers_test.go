package chargebeetest_test

import (
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

func TestCustomerLifecycle(t *testing.T) {
	t.Parallel()
	clock := newClock(1700000000)
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.now))

	a := must(t, send(t, s, "POST", "/customers", vals("first_name", "John", "email", "john@acme.com")), 200)
	id := a.str("customer.id")
	if id == "" {
		t.Fatal("no id generated")
	}
	if a.num("customer.created_at") != 1700000000 || a.num("customer.updated_at") != 1700000000 {
		t.Fatalf("timestamps: %s", a.raw)
	}
	v1 := a.num("customer.resource_version")
	for _, k := range []string{"promotional_credits", "excess_payments", "refundable_credits", "unbilled_charges", "net_term_days"} {
		if a.num("customer."+k) != 0 {
			t.Errorf("%s = %d, want 0", k, a.num("customer."+k))
		}
	}
	if d, ok := dig(a.body, "customer.deleted").(bool); !ok || d {
		t.Fatalf("deleted: %s", a.raw)
	}

	// A second customer gets another id.
	if id2 := createCustomer(t, s); id2 == id || id2 == "" {
		t.Fatalf("second id %q", id2)
	}
	// A given id is kept, and cannot be used twice.
	if got := createCustomer(t, s, "id", "acme-42"); got != "acme-42" {
		t.Fatalf("given id: %q", got)
	}
	dup := send(t, s, "POST", "/customers", vals("id", "acme-42"))
	if dup.status != 400 || dup.str("api_error_code") != "duplicate_entry" || dup.str("param") != "id" {
		t.Fatalf("duplicate id: %s", dup.raw)
	}

	clock.add(time.Hour)
	a = must(t, send(t, s, "POST", "/customers/"+id, vals("last_name", "Doe", "first_name", "", "cf_tier", "gold", "meta_data", `{"a":1}`)), 200)
	if a.str("customer.last_name") != "Doe" || a.has("customer.first_name") || a.str("customer.cf_tier") != "gold" {
		t.Fatalf("update: %s", a.raw)
	}
	if a.num("customer.updated_at") != 1700003600 || a.num("customer.created_at") != 1700000000 {
		t.Fatalf("update timestamps: %s", a.raw)
	}
	if a.num("customer.resource_version") <= v1 {
		t.Fatalf("resource_version did not grow: %d then %d", v1, a.num("customer.resource_version"))
	}

	a = must(t, send(t, s, "GET", "/customers/"+id, nil), 200)
	if a.str("customer.email") != "john@acme.com" || a.str("customer.last_name") != "Doe" {
		t.Fatalf("retrieve: %s", a.raw)
	}

	a = must(t, send(t, s, "POST", "/customers/"+id+"/delete", nil), 200)
	if d, _ := dig(a.body, "customer.deleted").(bool); !d {
		t.Fatalf("delete answer not deleted: %s", a.raw)
	}
	for _, path := range []string{"/customers/" + id, "/customers/nobody"} {
		nf := send(t, s, "GET", path, nil)
		if nf.status != 404 || nf.str("api_error_code") != "resource_not_found" || nf.str("type") != "invalid_request" {
			t.Fatalf("GET %s: %s", path, nf.raw)
		}
	}
	must(t, send(t, s, "POST", "/customers/"+id, vals("first_name", "X")), 404)
	must(t, send(t, s, "POST", "/customers/"+id+"/delete", nil), 404)
	// The id of a deleted customer stays taken.
	if a := send(t, s, "POST", "/customers", vals("id", id)); a.status != 400 {
		t.Fatalf("reused deleted id: %s", a.raw)
	}
}

func TestCustomerListPaging(t *testing.T) {
	t.Parallel()
	clock := newClock(1700000000)
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.now))
	for i := 0; i < 25; i++ {
		createCustomer(t, s, "id", fmt.Sprintf("c%02d", i))
		clock.add(time.Second)
	}
	// Default page size 10, newest first, next_offset until the end.
	var got []string
	offset := ""
	pages := 0
	for {
		p := vals()
		if offset != "" {
			p.Set("offset", offset)
		}
		a := must(t, send(t, s, "GET", "/customers", p), 200)
		pages++
		for i := 0; i < a.len("list"); i++ {
			got = append(got, a.str("list."+strconv.Itoa(i)+".customer.id"))
		}
		if !a.has("next_offset") {
			break
		}
		offset = a.str("next_offset")
	}
	if pages != 3 || len(got) != 25 || got[0] != "c24" || got[24] != "c00" {
		t.Fatalf("%d pages, %d customers, first %v", pages, len(got), got[:3])
	}
	a := must(t, send(t, s, "GET", "/customers", vals("limit", "25")), 200)
	if a.len("list") != 25 || a.has("next_offset") {
		t.Fatalf("limit 25: %d items, next_offset %q", a.len("list"), a.str("next_offset"))
	}
	a = must(t, send(t, s, "GET", "/customers", vals("limit", "5", "sort_by[asc]", "created_at")), 200)
	if a.str("list.0.customer.id") != "c00" || a.str("next_offset") != "5" {
		t.Fatalf("asc: %s", a.raw)
	}
	a = must(t, send(t, s, "GET", "/customers", vals("limit", "5", "offset", "5", "sort_by[asc]", "created_at")), 200)
	if a.str("list.0.customer.id") != "c05" {
		t.Fatalf("asc page 2: %s", a.raw)
	}
	// updated_at ordering follows the last change.
	clock.add(time.Minute)
	must(t, send(t, s, "POST", "/customers/c03", vals("company", "Acme")), 200)
	a = must(t, send(t, s, "GET", "/customers", vals("limit", "1", "sort_by[desc]", "updated_at")), 200)
	if a.str("list.0.customer.id") != "c03" {
		t.Fatalf("updated_at desc: %s", a.raw)
	}
	// An empty list is a list.
	a = must(t, send(t, s, "GET", "/customers", vals("email[is]", "nobody@x.y")), 200)
	if l, ok := dig(a.body, "list").([]any); !ok || len(l) != 0 || a.has("next_offset") {
		t.Fatalf("empty list: %s", a.raw)
	}
}

func TestCustomerListFilters(t *testing.T) {
	t.Parallel()
	clock := newClock(1700000000)
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.now))
	createCustomer(t, s, "id", "a1", "first_name", "Ann", "last_name", "Lee", "email", "ann@acme.com", "company", "Acme", "phone", "+1 555", "cf_tier", "gold")
	clock.add(24 * time.Hour)
	createCustomer(t, s, "id", "b2", "first_name", "Bob", "email", "bob@bolt.io", "auto_collection", "off", "taxability", "exempt")
	clock.add(24 * time.Hour)
	createCustomer(t, s, "id", "c3", "last_name", "Cho", "email", "cho@acme.com", "company", "Bolt", "auto_close_invoices", "true")
	must(t, send(t, s, "POST", "/customers/c3/relationships", vals("parent_id", "a1")), 200)
	createCustomer(t, s, "id", "d4", "email", "gone@acme.com")
	must(t, send(t, s, "POST", "/customers/d4/delete", nil), 200)

	day2 := strconv.FormatInt(1700000000+24*3600, 10)
	tests := []struct {
		name   string
		params []string
		want   string // ids in list order, comma separated
	}{
		{"no filter", nil, "c3,b2,a1"},
		{"id is", []string{"id[is]", "b2"}, "b2"},
		{"id is_not", []string{"id[is_not]", "b2"}, "c3,a1"},
		{"id starts_with", []string{"id[starts_with]", "a"}, "a1"},
		{"id in", []string{"id[in]", `["a1","c3","zz"]`}, "c3,a1"},
		{"id not_in", []string{"id[not_in]", `["a1"]`}, "c3,b2"},
		{"email is", []string{"email[is]", "bob@bolt.io"}, "b2"},
		{"email starts_with", []string{"email[starts_with]", "cho"}, "c3"},
		{"first_name is", []string{"first_name[is]", "Ann"}, "a1"},
		{"first_name is_present", []string{"first_name[is_present]", "true"}, "b2,a1"},
		{"first_name absent", []string{"first_name[is_present]", "false"}, "c3"},
		{"last_name is_not", []string{"last_name[is_not]", "Lee"}, "c3,b2"},
		{"company is", []string{"company[is]", "Acme"}, "a1"},
		{"company starts_with", []string{"company[starts_with]", "Bo"}, "c3"},
		{"phone is", []string{"phone[is]", "+1 555"}, "a1"},
		{"auto_collection is", []string{"auto_collection[is]", "off"}, "b2"},
		{"auto_collection in", []string{"auto_collection[in]", `["on"]`}, "c3,a1"},
		{"taxability is", []string{"taxability[is]", "exempt"}, "b2"},
		{"auto_close_invoices", []string{"auto_close_invoices[is]", "true"}, "c3"},
		{"created_at after", []string{"created_at[after]", "1700000000"}, "c3,b2"},
		{"created_at before", []string{"created_at[before]", day2}, "a1"},
		{"created_at on", []string{"created_at[on]", day2}, "b2"},
		{"created_at between", []string{"created_at[between]", "[1700000000," + day2 + "]"}, "b2,a1"},
		{"updated_at after", []string{"updated_at[after]", day2}, "c3"},
		{"relationship parent_id", []string{"relationship[parent_id][is]", "a1"}, "c3"},
		{"relationship payment owner", []string{"relationship[payment_owner_id][is]", "c3"}, "c3"},
		{"custom field", []string{"cf_tier[is]", "gold"}, "a1"},
		{"two filters", []string{"email[starts_with]", "c", "company[is]", "Bolt"}, "c3"},
		{"include_deleted", []string{"include_deleted", "true", "email[is]", "gone@acme.com"}, "d4"},
		{"sort asc", []string{"sort_by[asc]", "created_at"}, "a1,b2,c3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := must(t, send(t, s, "GET", "/customers", vals(tt.params...)), 200)
			got := ""
			for i := 0; i < a.len("list"); i++ {
				if i > 0 {
					got += ","
				}
				got += a.str("list." + strconv.Itoa(i) + ".customer.id")
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBillingInfoReplaces checks update_billing_info: a billing address
// sent replaces the old one as a whole; one not sent is kept.
func TestBillingInfoReplaces(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	id := createCustomer(t, s, "billing_address[line1]", "Old street 1", "billing_address[city]", "Walnut", "billing_address[zip]", "91789")
	a := must(t, send(t, s, "POST", "/customers/"+id+"/update_billing_info", vals(
		"billing_address[line1]", "New road 2", "billing_address[country]", "US", "vat_number", "DE123",
		"entity_identifiers[id][0]", "e1", "entity_identifiers[scheme][0]", "iso6523", "entity_identifiers[value][0]", "v1",
	)), 200)
	if a.str("customer.billing_address.line1") != "New road 2" || a.str("customer.billing_address.country") != "US" {
		t.Fatalf("new address: %s", a.raw)
	}
	if a.has("customer.billing_address.city") || a.has("customer.billing_address.zip") {
		t.Fatalf("old address fields kept: %s", a.raw)
	}
	if a.str("customer.vat_number") != "DE123" || a.str("customer.entity_identifiers.0.value") != "v1" {
		t.Fatalf("billing fields: %s", a.raw)
	}
	// Without billing_address keys the address is untouched; identifiers
	// follow their operation.
	a = must(t, send(t, s, "POST", "/customers/"+id+"/update_billing_info", vals(
		"vat_number_prefix", "DE",
		"entity_identifiers[id][0]", "e1", "entity_identifiers[operation][0]", "update", "entity_identifiers[value][0]", "v2",
		"entity_identifiers[scheme][1]", "gln", "entity_identifiers[value][1]", "x", "entity_identifiers[operation][1]", "create",
	)), 200)
	if a.str("customer.billing_address.line1") != "New road 2" {
		t.Fatalf("address lost: %s", a.raw)
	}
	if a.len("customer.entity_identifiers") != 2 || a.str("customer.entity_identifiers.0.value") != "v2" || a.str("customer.entity_identifiers.0.scheme") != "iso6523" {
		t.Fatalf("identifiers: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/"+id+"/update_billing_info", vals("entity_identifiers[id][0]", "e1", "entity_identifiers[operation][0]", "delete")), 200)
	if a.len("customer.entity_identifiers") != 1 || a.str("customer.entity_identifiers.0.scheme") != "gln" {
		t.Fatalf("delete identifier: %s", a.raw)
	}
	must(t, send(t, s, "POST", "/customers/nobody/update_billing_info", vals("vat_number", "1")), 404)
}

func TestPaymentSources(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	a := must(t, send(t, s, "POST", "/customers", vals("id", "p1", "card[number]", "5555555555554444", "card[expiry_month]", "1", "card[expiry_year]", "2031")), 200)
	first := a.str("customer.primary_payment_source_id")
	if first == "" || a.str("card.payment_source_id") != first || a.str("card.card_type") != "mastercard" || a.str("card.masked_number") != "************4444" {
		t.Fatalf("card: %s", a.raw)
	}
	// A payment method given with collect_payment and retained becomes a
	// second source; it can be made the backup, then the primary.
	a = must(t, send(t, s, "POST", "/customers/p1/collect_payment", vals("amount", "500", "payment_method[type]", "paypal_express_checkout", "payment_method[reference_id]", "B-1", "retain_payment_source", "true")), 200)
	second := a.str("transaction.payment_source_id")
	if second == "" || second == first || a.num("transaction.amount") != 500 || a.str("transaction.status") != "success" {
		t.Fatalf("collect: %s", a.raw)
	}
	if a.num("customer.excess_payments") != 500 {
		t.Fatalf("unallocated payment not recorded as excess: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/p1/assign_payment_role", vals("payment_source_id", second, "role", "backup")), 200)
	if a.str("customer.backup_payment_source_id") != second || a.str("payment_source.id") != second || a.str("payment_source.type") != "paypal_express_checkout" {
		t.Fatalf("backup: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/p1/assign_payment_role", vals("payment_source_id", second, "role", "primary")), 200)
	if a.str("customer.primary_payment_source_id") != second || a.has("customer.backup_payment_source_id") || a.str("customer.payment_method.type") != "paypal_express_checkout" {
		t.Fatalf("primary: %s", a.raw)
	}
	nf := send(t, s, "POST", "/customers/p1/assign_payment_role", vals("payment_source_id", "pm_nope", "role", "primary"))
	if nf.status != 404 || nf.str("param") != "payment_source_id" {
		t.Fatalf("unknown source: %s", nf.raw)
	}
	// Collecting from the primary source.
	a = must(t, send(t, s, "POST", "/customers/p1/collect_payment", vals("invoice_allocations[invoice_id][0]", "inv_1", "invoice_allocations[allocation_amount][0]", "300")), 200)
	if a.num("transaction.amount") != 300 || a.str("transaction.payment_source_id") != second {
		t.Fatalf("collect from primary: %s", a.raw)
	}
	// update_payment_method replaces the primary.
	a = must(t, send(t, s, "POST", "/customers/p1/update_payment_method", vals("payment_method[type]", "card", "payment_method[reference_id]", "tok_9")), 200)
	if a.str("customer.payment_method.reference_id") != "tok_9" || a.str("customer.card_status") != "valid" || !a.has("card") {
		t.Fatalf("update_payment_method: %s", a.raw)
	}
	// No source at all.
	createCustomer(t, s, "id", "p2")
	np := send(t, s, "POST", "/customers/p2/collect_payment", vals("amount", "100"))
	if np.status != 400 || np.str("type") != "payment" || np.str("api_error_code") != "payment_method_not_present" {
		t.Fatalf("no source: %s", np.raw)
	}
	// record_excess_payment adds to excess_payments.
	a = must(t, send(t, s, "POST", "/customers/p2/record_excess_payment", vals("transaction[amount]", "250", "transaction[date]", "1700000000", "transaction[payment_method]", "cash", "comment", "walk-in")), 200)
	if a.num("customer.excess_payments") != 250 || a.num("transaction.amount") != 250 || a.str("transaction.payment_method") != "cash" || a.num("transaction.date") != 1700000000 {
		t.Fatalf("excess payment: %s", a.raw)
	}
	// Deleting removes payment sources unless told otherwise.
	a = must(t, send(t, s, "POST", "/customers/p1/delete", vals("delete_payment_method", "false")), 200)
	if !a.has("customer.payment_method") {
		t.Fatalf("payment method removed despite delete_payment_method=false: %s", a.raw)
	}
}

func TestContacts(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	id := createCustomer(t, s)
	for i := 1; i <= chargebeetest.MaxContacts; i++ {
		a := must(t, send(t, s, "POST", "/customers/"+id+"/add_contact", vals("contact[email]", fmt.Sprintf("c%d@acme.com", i), "contact[label]", "billing", "contact[enabled]", "true")), 200)
		if a.len("customer.contacts") != i {
			t.Fatalf("after %d adds: %s", i, a.raw)
		}
	}
	over := send(t, s, "POST", "/customers/"+id+"/add_contact", vals("contact[email]", "seven@acme.com"))
	if over.status != 400 || over.str("api_error_code") != "resource_limit_exceeded" {
		t.Fatalf("seventh contact: %s", over.raw)
	}
	a := must(t, send(t, s, "GET", "/customers/"+id+"/contacts", vals("limit", "4")), 200)
	if a.len("list") != 4 || a.str("next_offset") != "4" || a.str("list.0.contact.email") != "c1@acme.com" {
		t.Fatalf("contacts page 1: %s", a.raw)
	}
	cid := a.str("list.1.contact.id")
	if v, _ := dig(a.body, "list.1.contact.enabled").(bool); !v {
		t.Fatalf("enabled lost: %s", a.raw)
	}
	if v, ok := dig(a.body, "list.1.contact.send_billing_email").(bool); !ok || v {
		t.Fatalf("send_billing_email default: %s", a.raw)
	}
	a = must(t, send(t, s, "GET", "/customers/"+id+"/contacts", vals("limit", "4", "offset", "4")), 200)
	if a.len("list") != 2 || a.has("next_offset") {
		t.Fatalf("contacts page 2: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/"+id+"/update_contact", vals("contact[id]", cid, "contact[first_name]", "Ann", "contact[enabled]", "false")), 200)
	if a.str("customer.contacts.1.first_name") != "Ann" || a.str("customer.contacts.1.email") != "c2@acme.com" {
		t.Fatalf("update contact: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/"+id+"/delete_contact", vals("contact[id]", cid)), 200)
	if a.len("customer.contacts") != 5 {
		t.Fatalf("delete contact: %s", a.raw)
	}
	for _, path := range []string{"/update_contact", "/delete_contact"} {
		nf := send(t, s, "POST", "/customers/"+id+path, vals("contact[id]", cid))
		if nf.status != 404 || nf.str("param") != "contact[id]" {
			t.Fatalf("%s of a deleted contact: %s", path, nf.raw)
		}
	}
	// A given contact id is kept and must be unique.
	must(t, send(t, s, "POST", "/customers/"+id+"/add_contact", vals("contact[id]", "mine", "contact[email]", "m@acme.com")), 200)
	createCustomer(t, s, "id", "other")
	must(t, send(t, s, "POST", "/customers/other/add_contact", vals("contact[id]", "mine", "contact[email]", "m@acme.com")), 200)
	must(t, send(t, s, "POST", "/customers/other/add_contact", vals("contact[id]", "mine", "contact[email]", "m@acme.com")), 400)
}

func TestChangeBillingDateMergeMoveClear(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	createCustomer(t, s, "id", "from", "first_name", "F", "email", "f@acme.com")
	createCustomer(t, s, "id", "to", "first_name", "T")
	createCustomer(t, s, "id", "kid")

	a := must(t, send(t, s, "POST", "/customers/to/change_billing_date", vals("billing_date", "15", "billing_day_of_week", "monday")), 200)
	if a.num("customer.billing_date") != 15 || a.str("customer.billing_date_mode") != "manually_set" || a.str("customer.billing_day_of_week") != "monday" || a.str("customer.billing_day_of_week_mode") != "manually_set" {
		t.Fatalf("change_billing_date: %s", a.raw)
	}

	must(t, send(t, s, "POST", "/customers/from/add_contact", vals("contact[email]", "x@acme.com")), 200)
	must(t, send(t, s, "POST", "/customers/from/add_promotional_credits", vals("amount", "700", "description", "gift")), 200)
	must(t, send(t, s, "POST", "/customers/kid/relationships", vals("parent_id", "from", "payment_owner_id", "from")), 200)
	mustParamError(t, send(t, s, "POST", "/customers/merge", vals("from_customer_id", "to", "to_customer_id", "to")), "to_customer_id")
	a = must(t, send(t, s, "POST", "/customers/merge", vals("from_customer_id", "from", "to_customer_id", "to")), 200)
	if a.str("customer.id") != "to" || a.num("customer.promotional_credits") != 700 || a.len("customer.contacts") != 1 {
		t.Fatalf("merge: %s", a.raw)
	}
	must(t, send(t, s, "GET", "/customers/from", nil), 404)
	kid := must(t, send(t, s, "GET", "/customers/kid", nil), 200)
	if kid.str("customer.relationship.parent_id") != "to" || kid.str("customer.relationship.payment_owner_id") != "to" {
		t.Fatalf("child not moved to the merged customer: %s", kid.raw)
	}
	must(t, send(t, s, "POST", "/customers/merge", vals("from_customer_id", "nobody", "to_customer_id", "to")), 404)

	a = must(t, send(t, s, "POST", "/customers/move", vals("id_at_from_site", "moved-1", "from_site", "acme-old")), 200)
	if a.str("resource_migration.entity_id") != "moved-1" || a.str("resource_migration.from_site") != "acme-old" || a.str("resource_migration.status") != "scheduled" {
		t.Fatalf("move: %s", a.raw)
	}
	must(t, send(t, s, "GET", "/customers/moved-1", nil), 200)
	must(t, send(t, s, "POST", "/customers/move", vals("id_at_from_site", "moved-1", "from_site", "acme-old")), 400)

	a = must(t, send(t, s, "POST", "/customers/to/clear_personal_data", nil), 200)
	if a.has("customer.first_name") || a.has("customer.contacts") || a.str("customer.pii_cleared") != "cleared" {
		t.Fatalf("clear_personal_data: %s", a.raw)
	}
}

// cardRequired lists the attributes the Card schema of the catalog marks
// required (always present).
func cardRequired(t *testing.T) []string {
	t.Helper()
	var cat struct {
		Models map[string]struct {
			Attributes []struct {
				Name     string `json:"name"`
				Required bool   `json:"required"`
			} `json:"attributes"`
		} `json:"models"`
	}
	readCatalog(t, &cat)
	var out []string
	for _, a := range cat.Models["card"].Attributes {
		if a.Required {
			out = append(out, a.Name)
		}
	}
	if len(out) < 10 {
		t.Fatalf("catalog card model has %d required attributes: %v", len(out), out)
	}
	return out
}

// TestCardPaymentSourcesCarryCardDetails checks that every way of giving a
// customer a card payment source (by number, gateway reference, token or
// payment intent; on create, update_payment_method and collect_payment)
// answers, retrieves and lists a card with every required attribute.
func TestCardPaymentSourcesCarryCardDetails(t *testing.T) {
	t.Parallel()
	required := cardRequired(t)
	tests := []struct {
		name   string
		path   string // "" creates the customer with the params
		params url.Values
		last4  string
	}{
		{"create with card number", "", vals("card[number]", "5555555555554444", "card[expiry_month]", "3", "card[expiry_year]", "2031"), "4444"},
		{"create with payment_method type card", "", vals("payment_method[type]", "card", "payment_method[reference_id]", "cus_S/card_1"), "1111"},
		{"create with payment_method without type", "", vals("payment_method[reference_id]", "cus_S/card_2"), "1111"},
		{"create with payment intent", "", vals("payment_intent[id]", "pi_1", "payment_intent[payment_method_type]", "card"), "1111"},
		{"create with token", "", vals("token_id", "cb_tok_1"), "1111"},
		{"update_payment_method", "/update_payment_method", vals("payment_method[type]", "card", "payment_method[reference_id]", "tok_9"), "1111"},
		{"collect_payment", "/collect_payment", vals("amount", "500", "payment_method[type]", "card", "payment_method[reference_id]", "tok_8", "retain_payment_source", "true"), "1111"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := chargebeetest.NewServer(t)
			var a answer
			if tt.path == "" {
				p := vals("id", "c1")
				for k, v := range tt.params {
					p[k] = v
				}
				a = must(t, send(t, s, "POST", "/customers", p), 200)
			} else {
				must(t, send(t, s, "POST", "/customers", vals("id", "c1")), 200)
				must(t, send(t, s, "POST", "/customers/c1"+tt.path, tt.params), 200)
				a = must(t, send(t, s, "GET", "/customers/c1", nil), 200)
			}
			list := must(t, send(t, s, "GET", "/customers", nil), 200)
			for _, got := range []struct {
				where string
				a     answer
				path  string
			}{{"answer", a, "card"}, {"list", list, "list.0.card"}} {
				for _, k := range required {
					if !got.a.has(got.path + "." + k) {
						t.Errorf("%s: card lacks %s: %s", got.where, k, got.a.raw)
					}
				}
				if got.a.str(got.path+".last4") != tt.last4 || got.a.num(got.path+".expiry_month") < 1 || got.a.num(got.path+".expiry_year") < 2000 ||
					len(got.a.str(got.path+".iin")) != 6 {
					t.Errorf("%s: card = %s", got.where, got.a.raw)
				}
			}
		})
	}
}
