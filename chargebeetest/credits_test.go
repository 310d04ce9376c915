package chargebeetest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

func TestPromotionalCredits(t *testing.T) {
	t.Parallel()
	clock := newClock(1700000000)
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.now))
	createCustomer(t, s, "id", "c1")
	createCustomer(t, s, "id", "c2", "preferred_currency_code", "EUR")

	a := must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "c1", "amount", "1000", "description", "welcome", "credit_type", "loyalty_credits", "reference", "r-1")), 200)
	if a.num("customer.promotional_credits") != 1000 {
		t.Fatalf("balance after add: %s", a.raw)
	}
	pc := a.str("promotional_credit.id")
	want := map[string]string{"promotional_credit.type": "increment", "promotional_credit.customer_id": "c1", "promotional_credit.currency_code": "USD",
		"promotional_credit.description": "welcome", "promotional_credit.credit_type": "loyalty_credits", "promotional_credit.reference": "r-1", "promotional_credit.object": "promotional_credit"}
	for path, w := range want {
		if a.str(path) != w {
			t.Errorf("%s = %q, want %q", path, a.str(path), w)
		}
	}
	if pc == "" || a.num("promotional_credit.amount") != 1000 || a.num("promotional_credit.closing_balance") != 1000 || a.num("promotional_credit.created_at") != 1700000000 {
		t.Fatalf("credit: %s", a.raw)
	}

	clock.add(time.Minute)
	a = must(t, send(t, s, "POST", "/promotional_credits/deduct", vals("customer_id", "c1", "amount_in_decimal", "2.50", "description", "used")), 200)
	if a.num("customer.promotional_credits") != 750 || a.str("promotional_credit.type") != "decrement" || a.num("promotional_credit.amount") != 250 || a.str("promotional_credit.amount_in_decimal") != "2.50" {
		t.Fatalf("deduct: %s", a.raw)
	}
	over := send(t, s, "POST", "/promotional_credits/deduct", vals("customer_id", "c1", "amount", "751", "description", "too much"))
	mustParamError(t, over, "amount")
	if msg := over.str("message"); msg != "amount : cannot be more than the promotional credit balance of 7.50 USD" {
		t.Errorf("message %q does not give the balance as money", msg)
	}
	a = must(t, send(t, s, "GET", "/customers/c1", nil), 200)
	if a.num("customer.promotional_credits") != 750 {
		t.Fatalf("rejected deduct changed the balance: %s", a.raw)
	}

	clock.add(time.Minute)
	a = must(t, send(t, s, "POST", "/promotional_credits/set", vals("customer_id", "c1", "amount", "200", "description", "reset")), 200)
	if a.num("customer.promotional_credits") != 200 || a.str("promotional_credit.type") != "decrement" || a.num("promotional_credit.amount") != 550 || a.num("promotional_credit.closing_balance") != 200 {
		t.Fatalf("set: %s", a.raw)
	}
	mustParamError(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "c1", "description", "none")), "amount")
	mustParamError(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "c1", "amount", "1", "amount_in_decimal", "1", "description", "both")), "amount_in_decimal")
	mustParamError(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "c1", "amount_in_decimal", "1.234", "description", "x")), "amount_in_decimal")
	nf := send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "ghost", "amount", "1", "description", "x"))
	if nf.status != 404 || nf.str("param") != "customer_id" {
		t.Fatalf("unknown customer: %s", nf.raw)
	}

	// Balances per currency.
	clock.add(time.Minute)
	a = must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "c2", "amount", "900", "description", "eur")), 200)
	if a.str("promotional_credit.currency_code") != "EUR" || a.num("customer.promotional_credits") != 900 || a.str("customer.balances.0.currency_code") != "EUR" {
		t.Fatalf("EUR credit: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "c2", "amount", "5", "currency_code", "USD", "description", "usd")), 200)
	if a.num("customer.promotional_credits") != 900 || a.len("customer.balances") != 2 {
		t.Fatalf("second currency: %s", a.raw)
	}

	// History: newest first, with filters.
	a = must(t, send(t, s, "GET", "/promotional_credits", vals("customer_id[is]", "c1")), 200)
	if got := ids(a, "list", "promotional_credit.type"); got != "decrement,decrement,increment" {
		t.Fatalf("history: %s", got)
	}
	a = must(t, send(t, s, "GET", "/promotional_credits", vals("type[is]", "increment", "limit", "2")), 200)
	if a.len("list") != 2 || a.str("next_offset") != "2" {
		t.Fatalf("type filter page: %s", a.raw)
	}
	a = must(t, send(t, s, "GET", "/promotional_credits", vals("created_at[before]", "1700000060")), 200)
	if got := ids(a, "list", "promotional_credit.id"); got != pc {
		t.Fatalf("created_at filter: %s", got)
	}
	a = must(t, send(t, s, "GET", "/promotional_credits/"+pc, nil), 200)
	if a.str("promotional_credit.id") != pc || a.num("promotional_credit.amount") != 1000 {
		t.Fatalf("retrieve: %s", a.raw)
	}
	must(t, send(t, s, "GET", "/promotional_credits/pc_none", nil), 404)
}

func TestDeprecatedCustomerCredits(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	createCustomer(t, s, "id", "c1")
	a := must(t, send(t, s, "POST", "/customers/c1/add_promotional_credits", vals("amount", "500", "description", "old")), 200)
	if a.num("customer.promotional_credits") != 500 || a.has("promotional_credit") {
		t.Fatalf("add: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/customers/c1/deduct_promotional_credits", vals("amount", "100", "description", "old")), 200)
	if a.num("customer.promotional_credits") != 400 {
		t.Fatalf("deduct: %s", a.raw)
	}
	mustParamError(t, send(t, s, "POST", "/customers/c1/deduct_promotional_credits", vals("amount", "401", "description", "old")), "amount")
	a = must(t, send(t, s, "POST", "/customers/c1/set_promotional_credits", vals("amount", "0", "description", "old")), 200)
	if a.num("customer.promotional_credits") != 0 {
		t.Fatalf("set: %s", a.raw)
	}
	a = must(t, send(t, s, "GET", "/promotional_credits", vals("customer_id[is]", "c1")), 200)
	if a.len("list") != 3 {
		t.Fatalf("history of deprecated actions: %s", a.raw)
	}
}

// TestV1AccountCredits checks the v1 actions on /api/v1 and the v1 shape
// of the customer they return.
func TestV1AccountCredits(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	createCustomer(t, s, "id", "c1", "first_name", "Mark", "locale", "en")
	a := must(t, send(t, s, "POST", "/api/v1/customers/c1/add_account_credits", vals("amount", "500", "description", "Loyalty credits")), 200)
	if a.num("customer.account_credits") != 500 || a.has("customer.promotional_credits") || a.has("customer.locale") || a.has("customer.resource_version") {
		t.Fatalf("v1 shape: %s", a.raw)
	}
	if a.str("customer.first_name") != "Mark" || a.str("customer.object") != "customer" || a.str("customer.card_status") != "no_card" {
		t.Fatalf("v1 fields: %s", a.raw)
	}
	a = must(t, send(t, s, "POST", "/api/v1/customers/c1/deduct_account_credits", vals("amount", "200", "description", "Correcting")), 200)
	if a.num("customer.account_credits") != 300 {
		t.Fatalf("deduct: %s", a.raw)
	}
	mustParamError(t, send(t, s, "POST", "/api/v1/customers/c1/deduct_account_credits", vals("amount", "301", "description", "x")), "amount")
	mustParamError(t, send(t, s, "POST", "/api/v1/customers/c1/add_account_credits", vals("amount", "0", "description", "x")), "amount")
	mustParamError(t, send(t, s, "POST", "/api/v1/customers/c1/add_account_credits", vals("amount", "1")), "description")
	a = must(t, send(t, s, "POST", "/api/v1/customers/c1/set_account_credits", vals("amount", "0", "description", "reset")), 200)
	if a.num("customer.account_credits") != 0 {
		t.Fatalf("set: %s", a.raw)
	}
	// The same balance seen through v2.
	must(t, send(t, s, "POST", "/api/v1/customers/c1/add_account_credits", vals("amount", "42", "description", "x")), 200)
	if a := must(t, send(t, s, "GET", "/customers/c1", nil), 200); a.num("customer.promotional_credits") != 42 {
		t.Fatalf("v2 balance: %s", a.raw)
	}
	must(t, send(t, s, "POST", "/api/v1/customers/ghost/add_account_credits", vals("amount", "1", "description", "x")), 404)
	// The v1 customer actions work too.
	a = must(t, send(t, s, "POST", "/api/v1/customers", vals("id", "v1c", "first_name", "Old")), 200)
	if a.num("customer.account_credits") != 0 {
		t.Fatalf("v1 create: %s", a.raw)
	}
	a = must(t, send(t, s, "GET", "/api/v1/customers", vals("limit", "1")), 200)
	if a.str("list.0.customer.id") != "v1c" || !a.has("list.0.customer.account_credits") {
		t.Fatalf("v1 list: %s", a.raw)
	}
}

// TestV1AnswerMatchesTheSample compares the shape of the fake's v1
// add_account_credits answer with Chargebee's sample answer
// (testdata/v1_add_account_credits.json): the same keys, nested keys and
// value types.
func TestV1AnswerMatchesTheSample(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/v1_add_account_credits.json")
	if err != nil {
		t.Fatal(err)
	}
	var sample map[string]any
	if err := json.Unmarshal(raw, &sample); err != nil {
		t.Fatal(err)
	}
	s := chargebeetest.NewServer(t)
	must(t, send(t, s, "POST", "/customers", vals("id", "__test__3Nl9RLTRcPq8ZI3q", "first_name", "Mark", "last_name", "Henry",
		"payment_method[type]", "card", "payment_method[reference_id]", "tok___test__3Nl9RLTRcPq8a13r")), 200)
	a := must(t, send(t, s, "POST", "/api/v1/customers/__test__3Nl9RLTRcPq8ZI3q/add_account_credits", vals("amount", "500", "description", "Loyalty credits")), 200)
	var got map[string]any
	if err := json.Unmarshal(a.raw, &got); err != nil {
		t.Fatal(err)
	}
	if diff := shapeDiff("", sample, got); diff != "" {
		t.Fatalf("shape differs from the sample: %s\n%s", diff, a.raw)
	}
	if a.num("customer.account_credits") != 500 || a.str("customer.payment_method.reference_id") != "tok___test__3Nl9RLTRcPq8a13r" {
		t.Fatalf("values: %s", a.raw)
	}
}

// shapeDiff names the first key whose presence or JSON type differs.
func shapeDiff(path string, want, got any) string {
	wm, wok := want.(map[string]any)
	gm, gok := got.(map[string]any)
	if wok != gok {
		return path + ": object vs not"
	}
	if !wok {
		if fmt.Sprintf("%T", want) != fmt.Sprintf("%T", got) {
			return fmt.Sprintf("%s: %T vs %T", path, want, got)
		}
		return ""
	}
	for k := range wm {
		if _, ok := gm[k]; !ok {
			return path + "." + k + " missing"
		}
		if d := shapeDiff(path+"."+k, wm[k], gm[k]); d != "" {
			return d
		}
	}
	for k := range gm {
		if _, ok := wm[k]; !ok {
			return path + "." + k + " not in the sample"
		}
	}
	return ""
}

// TestCreditMessagesFormatMoney checks that the fake's messages give
// amounts as money in the currency's unit, zero-decimal currencies
// included.
func TestCreditMessagesFormatMoney(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	tests := []struct {
		currency, add, deduct, want string
	}{
		{"USD", "300", "301", "amount : cannot be more than the promotional credit balance of 3.00 USD"},
		{"EUR", "5", "6", "amount : cannot be more than the promotional credit balance of 0.05 EUR"},
		{"JPY", "300", "301", "amount : cannot be more than the promotional credit balance of 300 JPY"},
	}
	for _, tt := range tests {
		id := "c_" + tt.currency
		createCustomer(t, s, "id", id, "preferred_currency_code", tt.currency)
		must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", id, "amount", tt.add, "description", "gift")), 200)
		over := send(t, s, "POST", "/promotional_credits/deduct", vals("customer_id", id, "amount", tt.deduct, "description", "too much"))
		mustParamError(t, over, "amount")
		if msg := over.str("message"); msg != tt.want {
			t.Errorf("%s: message %q, want %q", tt.currency, msg, tt.want)
		}
	}
}
