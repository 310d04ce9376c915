package chargebeetest_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
)

func TestNewServerLoopbackAndCleanup(t *testing.T) {
	var base string
	t.Run("inner", func(t *testing.T) {
		s := chargebeetest.NewServer(t)
		u, err := url.Parse(s.URL())
		if err != nil {
			t.Fatal(err)
		}
		if host, _, _ := net.SplitHostPort(u.Host); host != "127.0.0.1" {
			t.Fatalf("server bound to %s, want 127.0.0.1", u.Host)
		}
		must(t, send(t, s, "GET", "/customers", nil), 200)
		base = s.URL()
	})
	// The inner test's cleanup closed the server.
	if _, err := http.Get(base + "/api/v2/customers"); err == nil {
		t.Fatal("server still answering after the test ended")
	}
}

func TestStartAndClose(t *testing.T) {
	s, err := chargebeetest.Start(chargebeetest.WithAPIKey("k1"))
	if err != nil {
		t.Fatal(err)
	}
	if s.APIKey() != "k1" {
		t.Fatalf("APIKey() = %q", s.APIKey())
	}
	must(t, send(t, s, "GET", "/customers", nil), 200)
	s.Close()
	s.Close() // idempotent
	if _, err := http.Get(s.URL() + "/api/v2/customers"); err == nil {
		t.Fatal("server still answering after Close")
	}
	if _, err := chargebeetest.Start(chargebeetest.WithAPIKey("")); err == nil {
		t.Fatal("Start accepted an empty API key")
	}
}

func TestBasicAuth(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t, chargebeetest.WithAPIKey("test_key_1"))
	tests := []struct {
		name   string
		header string
		want   int
	}{
		{"no header", "", 401},
		{"wrong key", basic("other", ""), 401},
		{"password set", basic("test_key_1", "x"), 401},
		{"bearer", "Bearer test_key_1", 401},
		{"garbage", "Basic !!!", 401},
		{"right key", basic("test_key_1", ""), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", s.URL()+"/api/v2/customers", nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.want)
			}
		})
	}
	a := sendAs(t, s, "wrong", "GET", "/customers", nil)
	if a.status != 401 || a.str("api_error_code") != "api_authentication_failed" || a.str("type") != "untyped" || a.str("message") == "" {
		t.Fatalf("401 body: %s", a.raw)
	}

	// Through the SDK: a client with another key gets ErrUnauthorized.
	cb, err := chargebee.NewClient("acme-test", "not-the-key", chargebee.WithBaseURL(s.URL()))
	if err != nil {
		t.Fatal(err)
	}
	err = cb.Do(context.Background(), "GET", "/customers", nil, &struct{}{})
	if !errors.Is(err, chargebee.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), "not-the-key") {
		t.Fatal("error mentions the key")
	}
	// And Client() carries the right one.
	if err := s.Client().Do(context.Background(), "GET", "/customers", nil, &struct{}{}); err != nil {
		t.Fatal(err)
	}
}

func basic(user, pass string) string {
	r, _ := http.NewRequest("GET", "http://x", nil)
	r.SetBasicAuth(user, pass)
	return r.Header.Get("Authorization")
}

func TestRouting(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	tests := []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/api/v2/nothing", 404, "resource_not_found"},
		{"GET", "/api/v3/customers", 404, "resource_not_found"},
		{"GET", "/customers", 404, "resource_not_found"},
		{"GET", "/api/v2/customers/", 404, "resource_not_found"},
		{"DELETE", "/api/v2/customers/x", 405, "http_method_not_supported"},
		{"GET", "/api/v2/customers/x/delete", 405, "http_method_not_supported"},
		{"GET", "/api/v2/promotional_credits/add", 404, "resource_not_found"}, // retrieve of credit "add"
		{"GET", "/api/v1/customers/x/hierarchy", 404, "resource_not_found"},   // v2-only action
		{"POST", "/api/v2/customers/x/add_account_credits", 404, "resource_not_found"},
		// The other actions API v1 does not have (CATALOG.md, API v1 notes),
		// and the v1 account-credit actions on v2.
		{"GET", "/api/v1/customers/x/contacts", 404, "resource_not_found"},
		{"POST", "/api/v1/customers/x/relationships", 404, "resource_not_found"},
		{"POST", "/api/v1/customers/x/delete_relationship", 404, "resource_not_found"},
		{"GET", "/api/v1/customers/x/hierarchy_detail", 404, "resource_not_found"},
		{"POST", "/api/v1/customers/x/update_hierarchy_settings", 404, "resource_not_found"},
		{"GET", "/api/v1/customers/x/customer_entitlements", 404, "resource_not_found"},
		{"POST", "/api/v1/customers/x/add_promotional_credits", 404, "resource_not_found"},
		{"POST", "/api/v1/promotional_credits/add", 404, "resource_not_found"},
		{"GET", "/api/v1/promotional_credits", 404, "resource_not_found"},
		{"POST", "/api/v2/customers/x/deduct_account_credits", 404, "resource_not_found"},
		{"POST", "/api/v2/customers/x/set_account_credits", 404, "resource_not_found"},
	}
	// Customer x exists: a 404 below is the route's, not the customer's.
	createCustomer(t, s, "id", "x")
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			a := sendRaw(t, s, s.APIKey(), tt.method, tt.path, nil)
			if code := a.str("api_error_code"); a.status != tt.status || code != tt.code {
				t.Fatalf("status %d %q, want %d %q: %s", a.status, code, tt.status, tt.code, a.raw)
			}
		})
	}
	// A path id is one segment whatever it holds: "a/b" escaped is an id,
	// not a route.
	id := createCustomer(t, s, "id", "a/b?c")
	a := must(t, send(t, s, "GET", "/customers/"+url.PathEscape(id), nil), 200)
	if a.str("customer.id") != "a/b?c" {
		t.Fatalf("retrieved %q", a.str("customer.id"))
	}
	must(t, send(t, s, "GET", "/customers/a/b", nil), 404)
}

// TestWireRejections checks that malformed or unknown keys get a
// Chargebee-shaped 400 naming the key: the way SDK wire mistakes surface.
func TestWireRejections(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	id := createCustomer(t, s, "id", "c1")
	tests := []struct {
		name, method, path string
		params             url.Values
		param              string
	}{
		{"unknown key", "POST", "/customers", vals("frist_name", "A"), "frist_name"},
		{"key of another action", "POST", "/customers", vals("payment_source_id", "x"), "payment_source_id"},
		{"JSON field flattened", "POST", "/customers", vals("meta_data[plan]", "gold"), "meta_data[plan]"},
		{"JSON field with newline", "POST", "/customers", vals("meta_data", "{\"a\":1}\n"), "meta_data"},
		{"JSON field not JSON", "POST", "/customers", vals("meta_data", "plan=gold"), "meta_data"},
		{"JSON object expected", "POST", "/customers", vals("meta_data", `["a"]`), "meta_data"},
		{"JSON array expected", "POST", "/customers", vals("exemption_details", `{"a":1}`), "exemption_details"},
		{"nested JSON field not JSON", "POST", "/customers", vals("card[number]", "4111111111111111", "card[additional_information]", "k=v"), "card[additional_information]"},
		{"boolean", "POST", "/customers", vals("allow_direct_debit", "yes"), "allow_direct_debit"},
		{"integer with exponent", "POST", "/customers", vals("net_term_days", "3e1"), "net_term_days"},
		{"integer with fraction", "POST", "/customers", vals("net_term_days", "30.0"), "net_term_days"},
		{"integer out of range", "POST", "/customers/c1/change_billing_date", vals("billing_date", "32"), "billing_date"},
		{"enum", "POST", "/customers", vals("auto_collection", "maybe"), "auto_collection"},
		{"too long", "POST", "/customers", vals("first_name", strings.Repeat("x", 151)), "first_name"},
		{"too short", "POST", "/customers", vals("bank_account[iban]", "DE89"), "bank_account[iban]"},
		{"bad email", "POST", "/customers", vals("email", "not-an-email"), "email"},
		{"repeated key", "POST", "/customers", url.Values{"first_name": {"A", "B"}}, "first_name"},
		{"array index with leading zero", "POST", "/customers", vals("entity_identifiers[id][01]", "x"), "entity_identifiers[id][01]"},
		{"array key without index", "POST", "/customers", vals("entity_identifiers[id]", "x"), "entity_identifiers[id]"},
		{"array index before attribute", "POST", "/customers", vals("entity_identifiers[0][id]", "x"), "entity_identifiers[0][id]"},
		{"custom field not accepted", "POST", "/customers/c1/add_contact", vals("contact[email]", "a@b.c", "cf_x", "1"), "cf_x"},
		{"custom field name", "POST", "/customers", vals("cf_bad-name", "1"), "cf_bad-name"},
		{"required missing", "POST", "/customers/c1/add_contact", vals("contact[first_name]", "A"), "contact[email]"},
		{"required in sent object", "POST", "/customers/c1/record_excess_payment", vals("transaction[amount]", "100", "transaction[payment_method]", "cash"), "transaction[date]"},
		{"required in array element", "POST", "/customers/c1/collect_payment", vals("invoice_allocations[allocation_amount][0]", "100"), "invoice_allocations[invoice_id][0]"},
		{"required top level", "POST", "/promotional_credits/add", vals("customer_id", "c1", "amount", "1"), "description"},
		{"below minimum", "POST", "/customers/c1/add_promotional_credits", vals("amount", "0", "description", "x"), "amount"},
		{"filter without prefix", "GET", "/customers", vals("parent_id[is]", "p"), "parent_id[is]"},
		{"filter with two operators", "GET", "/customers", vals("created_at[after][before]", "1"), "created_at[after][before]"},
		{"filter operator unknown", "GET", "/customers", vals("email[contains]", "a"), "email[contains]"},
		{"filter operator not offered", "GET", "/customers", vals("id[is_present]", "true"), "id[is_present]"},
		{"filter in not JSON", "GET", "/customers", vals("id[in]", "a,b"), "id[in]"},
		{"filter between not a pair", "GET", "/customers", vals("created_at[between]", "[1,2,3]"), "created_at[between]"},
		{"filter timestamp", "GET", "/customers", vals("created_at[after]", "yesterday"), "created_at[after]"},
		{"filter enum", "GET", "/customers", vals("auto_collection[in]", `["on","sometimes"]`), "auto_collection[in]"},
		{"filter empty", "GET", "/customers", vals("email[is]", ""), "email[is]"},
		{"sort attribute", "GET", "/customers", vals("sort_by[asc]", "email"), "sort_by[asc]"},
		{"sort both ways", "GET", "/customers", vals("sort_by[asc]", "created_at", "sort_by[desc]", "updated_at"), "sort_by[desc]"},
		{"events sorted both ways", "GET", "/events", vals("sort_by[asc]", "occurred_at", "sort_by[desc]", "occurred_at"), "sort_by[desc]"},
		{"limit", "GET", "/customers", vals("limit", "101"), "limit"},
		{"limit zero", "GET", "/customers", vals("limit", "0"), "limit"},
		{"offset not handed out", "GET", "/customers", vals("offset", "abc"), "offset"},
		{"bare filter key", "GET", "/customers", vals("email", "a@b.c"), "email"},
		{"list key on v1", "GET", "/api/v1/customers", vals("email[is]", "a@b.c"), "email[is]"},
		{"v2-only key on v1", "POST", "/api/v1/customers", vals("locale", "en"), "locale"},
		{"v1 requires reference_id", "POST", "/api/v1/customers/c1/update_payment_method", vals("payment_method[type]", "card"), "payment_method[reference_id]"},
		{"GET param on retrieve", "GET", "/customers/c1", vals("include", "x"), "include"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustParamError(t, send(t, s, tt.method, tt.path, tt.params), tt.param)
		})
	}
	_ = id
	// None of the rejected requests changed anything.
	a := must(t, send(t, s, "GET", "/customers", nil), 200)
	if n := a.len("list"); n != 1 {
		t.Fatalf("%d customers after rejected requests, want 1", n)
	}
}

func TestPOSTWireShape(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	// Parameters in the query string of a POST are refused.
	req, _ := http.NewRequest("POST", s.URL()+"/api/v2/customers?first_name=A", nil)
	req.SetBasicAuth(s.APIKey(), "")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 400 {
		t.Fatalf("query on POST: status %d", res.StatusCode)
	}
	// A body needs the form content type.
	req, _ = http.NewRequest("POST", s.URL()+"/api/v2/customers", strings.NewReader(`{"first_name":"A"}`))
	req.SetBasicAuth(s.APIKey(), "")
	req.Header.Set("Content-Type", "application/json")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 400 {
		t.Fatalf("JSON body: status %d", res.StatusCode)
	}
}

// TestCatalogCreateExample sends the create example of the catalog's wire
// conventions, every key shape at once, and checks where each value landed.
func TestCatalogCreateExample(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	a := must(t, send(t, s, "POST", "/customers", vals(
		"email", "john@example.com",
		"allow_direct_debit", "true",
		"net_term_days", "30",
		"meta_data", `{"plan":"gold","seats":5}`,
		"exemption_details", `["x","y"]`,
		"cf_gender", "female",
		"billing_address[first_name]", "John",
		"billing_address[line1]", "PO Box 9999",
		"card[number]", "4111111111111111",
		"card[expiry_month]", "12",
		"card[expiry_year]", "2030",
		"card[additional_information]", `{"k":"v"}`,
		"bank_account[billing_address]", `{"line1":"x"}`,
		"entity_identifiers[id][0]", "e1",
		"entity_identifiers[scheme][0]", "s1",
		"entity_identifiers[scheme][1]", "s2",
		"entity_identifiers[value][1]", "v2",
		"tax_providers_fields[provider_name][0]", "p",
		"tax_providers_fields[field_id][0]", "f",
		"tax_providers_fields[field_value][0]", "v",
	)), 200)
	checks := map[string]any{
		"customer.email":                           "john@example.com",
		"customer.cf_gender":                       "female",
		"customer.billing_address.first_name":      "John",
		"customer.billing_address.line1":           "PO Box 9999",
		"customer.meta_data.plan":                  "gold",
		"customer.exemption_details.1":             "y",
		"customer.entity_identifiers.0.id":         "e1",
		"customer.entity_identifiers.0.scheme":     "s1",
		"customer.entity_identifiers.1.scheme":     "s2",
		"customer.entity_identifiers.1.value":      "v2",
		"customer.tax_providers_fields.0.field_id": "f",
		"customer.payment_method.type":             "card",
		"card.last4":                               "1111",
		"card.iin":                                 "411111",
		"card.card_type":                           "visa",
		"customer.card_status":                     "valid",
		"customer.auto_collection":                 "on",
		"customer.object":                          "customer",
	}
	for path, want := range checks {
		if got := a.str(path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	if a.num("customer.net_term_days") != 30 || a.num("customer.meta_data.seats") != 5 || a.num("card.expiry_year") != 2030 {
		t.Errorf("numbers not typed: %s", a.raw)
	}
	if v, _ := dig(a.body, "customer.allow_direct_debit").(bool); !v {
		t.Errorf("allow_direct_debit not true: %s", a.raw)
	}
	if a.str("customer.entity_identifiers.1.id") == "" {
		t.Errorf("entity identifier without id got none generated")
	}
}

// TestClientsBypassTheDefaultTransport checks that the clients of Client
// and ClientV1 reach the fake while httpmock.Activate, set up for a test's
// other HTTP dependencies, holds http.DefaultTransport; a client of the
// test's own given with WithHTTPClient still wins. It changes process-wide
// state, so it does not run in parallel.
func TestClientsBypassTheDefaultTransport(t *testing.T) {
	httpmock.Activate(t)
	srv := chargebeetest.NewServer(t)
	ctx := context.Background()
	res, err := customer.NewService(srv.Client()).Create(ctx, customer.NewCreateRequest().SetFirstName("Ann"))
	if err != nil {
		t.Fatalf("Create through Client: %v", err)
	}
	got, err := customer.NewService(srv.ClientV1()).Retrieve(ctx, res.Customer.ID)
	if err != nil || got.Customer.FirstName != "Ann" {
		t.Fatalf("Retrieve through ClientV1: %+v, %v", got, err)
	}
	if n := httpmock.GetTotalCallCount(); n != 0 || len(srv.Requests()) != 2 {
		t.Errorf("the mock saw %d calls and the fake %d, want 0 and 2", n, len(srv.Requests()))
	}
	own := srv.Client(chargebee.WithHTTPClient(&http.Client{}), chargebee.WithMaxRetries(0))
	if _, err := customer.NewService(own).Retrieve(ctx, res.Customer.ID); !errors.Is(err, httpmock.NoResponderFound) {
		t.Errorf("with WithHTTPClient(&http.Client{}): err = %v, want the mock's NoResponderFound", err)
	}
}
