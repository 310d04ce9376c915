package credits_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

const customerBody = `{"customer":{"id":"cust_123","auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"deleted":false,"promotional_credits":2500,"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"object":"customer"}}`

// deprecatedAction runs one of the deprecated customer-level actions with an
// amount, description and optional extras.
type deprecatedAction struct {
	name      string
	verb      string
	minAmount int64
	run       func(s *credits.Service, id string, amount *int64, desc, cur, ref *string, ct *credits.CreditType) (*credits.CustomerResult, error)
}

//lint:file-ignore SA1019 the deprecated customer-level actions are under test here.

var deprecatedActions = []deprecatedAction{
	{"AddPromotionalCredits", "add_promotional_credits", 1, func(s *credits.Service, id string, amount *int64, desc, cur, ref *string, ct *credits.CreditType) (*credits.CustomerResult, error) {
		return s.AddPromotionalCredits(context.Background(), id, &credits.AddPromotionalCreditsRequest{Amount: amount, Description: desc, CurrencyCode: cur, Reference: ref, CreditType: ct})
	}},
	{"DeductPromotionalCredits", "deduct_promotional_credits", 1, func(s *credits.Service, id string, amount *int64, desc, cur, ref *string, ct *credits.CreditType) (*credits.CustomerResult, error) {
		return s.DeductPromotionalCredits(context.Background(), id, &credits.DeductPromotionalCreditsRequest{Amount: amount, Description: desc, CurrencyCode: cur, Reference: ref, CreditType: ct})
	}},
	{"SetPromotionalCredits", "set_promotional_credits", 0, func(s *credits.Service, id string, amount *int64, desc, cur, ref *string, ct *credits.CreditType) (*credits.CustomerResult, error) {
		return s.SetPromotionalCredits(context.Background(), id, &credits.SetPromotionalCreditsRequest{Amount: amount, Description: desc, CurrencyCode: cur, Reference: ref, CreditType: ct})
	}},
}

func TestDeprecatedCustomerActionsWire(t *testing.T) {
	t.Parallel()
	ct := credits.CreditTypeGeneral
	for _, a := range deprecatedActions {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			cb, _, rec := testutil.NewClient(t, testutil.Respond(200, customerBody))
			svc := credits.NewService(cb)
			res, err := a.run(svc, "cust/123", chargebee.Int64(a.minAmount), chargebee.String("Goodwill"),
				chargebee.String("USD"), chargebee.String("ticket 9"), &ct)
			if err != nil {
				t.Fatal(err)
			}
			if res.Customer.ID != "cust_123" || res.Customer.PromotionalCredits != 2500 {
				t.Errorf("customer %+v", res.Customer)
			}
			calls := rec.Requests()
			if len(calls) != 1 {
				t.Fatalf("%d calls", len(calls))
			}
			c := calls[0]
			wantPath := "/api/v2/customers/cust%2F123/" + a.verb
			if c.Method != "POST" || c.Path != wantPath {
				t.Errorf("got %s %s, want POST %s", c.Method, c.Path, wantPath)
			}
			want := url.Values{
				"amount": {map[int64]string{0: "0", 1: "1"}[a.minAmount]}, "description": {"Goodwill"},
				"currency_code": {"USD"}, "reference": {"ticket 9"}, "credit_type": {"general"},
			}
			if !reflect.DeepEqual(c.Form, want) {
				t.Errorf("form\n got %v\nwant %v", c.Form, want)
			}

			// Required only.
			if _, err := a.run(svc, "c1", chargebee.Int64(700), chargebee.String("x"), nil, nil, nil); err != nil {
				t.Fatal(err)
			}
			if got := rec.Requests()[1].Form; !reflect.DeepEqual(got, url.Values{"amount": {"700"}, "description": {"x"}}) {
				t.Errorf("minimal form %v", got)
			}
		})
	}
}

func TestDeprecatedSetters(t *testing.T) {
	t.Parallel()
	cb, _, rec := testutil.NewClient(t, testutil.Respond(200, customerBody))
	svc := credits.NewService(cb)
	ctx := context.Background()
	_, e1 := svc.AddPromotionalCredits(ctx, "c", credits.NewAddPromotionalCreditsRequest().SetAmount(5).SetDescription("d").
		SetCurrencyCode("EUR").SetCreditType(credits.CreditTypeLoyaltyCredits).SetReference("r"))
	_, e2 := svc.DeductPromotionalCredits(ctx, "c", credits.NewDeductPromotionalCreditsRequest().SetAmount(5).SetDescription("d").
		SetCurrencyCode("EUR").SetCreditType(credits.CreditTypeLoyaltyCredits).SetReference("r"))
	_, e3 := svc.SetPromotionalCredits(ctx, "c", credits.NewSetPromotionalCreditsRequest().SetAmount(5).SetDescription("d").
		SetCurrencyCode("EUR").SetCreditType(credits.CreditTypeLoyaltyCredits).SetReference("r"))
	if err := errors.Join(e1, e2, e3); err != nil {
		t.Fatal(err)
	}
	want := url.Values{"amount": {"5"}, "description": {"d"}, "currency_code": {"EUR"}, "credit_type": {"loyalty_credits"}, "reference": {"r"}}
	for i, c := range rec.Requests() {
		if !reflect.DeepEqual(c.Form, want) {
			t.Errorf("call %d form %v", i, c.Form)
		}
	}
}

func TestDeprecatedValidation(t *testing.T) {
	t.Parallel()
	for _, a := range deprecatedActions {
		cases := []struct {
			name   string
			id     string
			amount *int64
			desc   *string
			cur    *string
			ref    *string
			param  string
		}{
			{"no amount", "c", nil, chargebee.String("d"), nil, nil, "amount"},
			{"below minimum", "c", chargebee.Int64(a.minAmount - 1), chargebee.String("d"), nil, nil, "amount"},
			{"no description", "c", chargebee.Int64(5), nil, nil, nil, "description"},
			{"description too long", "c", chargebee.Int64(5), chargebee.String(strings.Repeat("d", 251)), nil, nil, "description"},
			{"currency too long", "c", chargebee.Int64(5), chargebee.String("d"), chargebee.String("EURO"), nil, "currency_code"},
			{"reference too long", "c", chargebee.Int64(5), chargebee.String("d"), nil, chargebee.String(strings.Repeat("r", 501)), "reference"},
			{"no customer id", "", chargebee.Int64(5), chargebee.String("d"), nil, nil, "customer_id"},
		}
		for _, tc := range cases {
			cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, customerBody))
			_, err := a.run(credits.NewService(cb), tc.id, tc.amount, tc.desc, tc.cur, tc.ref, nil)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param {
				t.Errorf("%s/%s: %v, want ValidationError for %s", a.name, tc.name, err, tc.param)
			}
			if mt.GetTotalCallCount() != 0 {
				t.Errorf("%s/%s: sent a request", a.name, tc.name)
			}
		}
	}
}

func TestDeprecatedMissingCustomer(t *testing.T) {
	t.Parallel()
	for _, a := range deprecatedActions {
		cb, _, _ := testutil.NewClient(t, testutil.Respond(200, `{"promotional_credit":{"id":"x"}}`))
		_, err := a.run(credits.NewService(cb), "c", chargebee.Int64(5), chargebee.String("d"), nil, nil, nil)
		var de *chargebee.DecodeError
		if !errors.As(err, &de) || !strings.Contains(err.Error(), "credits."+a.name) {
			t.Errorf("%s: %v", a.name, err)
		}
	}
}

// accountAction runs one of the API v1 account credit actions.
type accountAction struct {
	name, verb, seed, v2alt string
	minAmount               int64
	run                     func(s *credits.Service, id string, amount *int64, desc *string) (*credits.AccountCreditsResult, error)
}

var accountActions = []accountAction{
	{"AddAccountCredits", "add_account_credits", "v1_add_account_credits.json", "Add (POST /promotional_credits/add)", 1,
		func(s *credits.Service, id string, amount *int64, desc *string) (*credits.AccountCreditsResult, error) {
			return s.AddAccountCredits(context.Background(), id, &credits.AddAccountCreditsRequest{Amount: amount, Description: desc})
		}},
	{"DeductAccountCredits", "deduct_account_credits", "v1_deduct_account_credits.json", "Deduct (POST /promotional_credits/deduct)", 1,
		func(s *credits.Service, id string, amount *int64, desc *string) (*credits.AccountCreditsResult, error) {
			return s.DeductAccountCredits(context.Background(), id, &credits.DeductAccountCreditsRequest{Amount: amount, Description: desc})
		}},
	{"SetAccountCredits", "set_account_credits", "v1_set_account_credits.json", "Set (POST /promotional_credits/set)", 0,
		func(s *credits.Service, id string, amount *int64, desc *string) (*credits.AccountCreditsResult, error) {
			return s.SetAccountCredits(context.Background(), id, &credits.SetAccountCreditsRequest{Amount: amount, Description: desc})
		}},
}

// TestAccountCreditsV1 sends the documented v1 samples and decodes the
// documented v1 responses.
func TestAccountCreditsV1(t *testing.T) {
	t.Parallel()
	samples := map[string]struct {
		id      string
		amount  int64
		desc    string
		balance int64
	}{
		"AddAccountCredits":    {"__test__3Nl9RLTRcPq8ZI3q", 500, "Loyalty credits", 500},
		"DeductAccountCredits": {"__test__3Nl9RLTRcPqBDO4m", 200, "Correcting credits given by mistake", 300},
		"SetAccountCredits":    {"__test__3Nl9RLTRcPqBqT5I", 500, "Loyalty credits", 500},
	}
	for _, a := range accountActions {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			s := samples[a.name]
			cb, _, rec := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, a.seed)), chargebee.WithAPIVersion(chargebee.APIv1))
			res, err := a.run(credits.NewService(cb), s.id, chargebee.Int64(s.amount), chargebee.String(s.desc))
			if err != nil {
				t.Fatal(err)
			}
			calls := rec.Requests()
			if len(calls) != 1 {
				t.Fatalf("%d calls", len(calls))
			}
			c := calls[0]
			if c.Method != "POST" || c.Path != "/api/v1/customers/"+s.id+"/"+a.verb {
				t.Errorf("got %s %s", c.Method, c.Path)
			}
			if want := (url.Values{"amount": {strings.TrimSpace(jsonNum(s.amount))}, "description": {s.desc}}); !reflect.DeepEqual(c.Form, want) {
				t.Errorf("form %v, want %v", c.Form, want)
			}
			if c.Header.Get("Content-Type") != "application/x-www-form-urlencoded; charset=utf-8" {
				t.Errorf("content type %q", c.Header.Get("Content-Type"))
			}
			if c.Header.Get("chargebee-business-entity-id") != "" {
				t.Error("business entity header sent to v1")
			}

			cu := res.Customer
			if cu.AccountCredits != s.balance || cu.ID != s.id || cu.FirstName != "Mark" || cu.LastName != "Henry" ||
				cu.AutoCollection != customer.AutoCollection("on") || cu.Taxability != customer.Taxability("taxable") ||
				cu.CardStatus != customer.CardStatus("valid") || cu.Object != "customer" || cu.CreatedAt == 0 {
				t.Errorf("customer %+v", cu)
			}
			if pm := cu.PaymentMethod; pm == nil || pm.Type != "card" || pm.Gateway != "chargebee" || pm.Status != "valid" || !strings.HasPrefix(pm.ReferenceID, "tok___test__") {
				t.Errorf("payment_method %+v", cu.PaymentMethod)
			}
			// The v2 balance attribute is absent from a v1 customer.
			if cu.PromotionalCredits != 0 {
				t.Errorf("PromotionalCredits = %d", cu.PromotionalCredits)
			}
		})
	}
}

func jsonNum(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestAccountCreditsSetters(t *testing.T) {
	t.Parallel()
	cb, _, rec := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "v1_set_account_credits.json")), chargebee.WithAPIVersion(chargebee.APIv1))
	svc := credits.NewService(cb)
	ctx := context.Background()
	_, e1 := svc.AddAccountCredits(ctx, "c", credits.NewAddAccountCreditsRequest().SetAmount(1).SetDescription("a"))
	_, e2 := svc.DeductAccountCredits(ctx, "c", credits.NewDeductAccountCreditsRequest().SetAmount(1).SetDescription("a"))
	_, e3 := svc.SetAccountCredits(ctx, "c", credits.NewSetAccountCreditsRequest().SetAmount(0).SetDescription(strings.Repeat("a", 250)))
	if err := errors.Join(e1, e2, e3); err != nil {
		t.Fatal(err)
	}
	calls := rec.Requests()
	want := []url.Values{
		{"amount": {"1"}, "description": {"a"}},
		{"amount": {"1"}, "description": {"a"}},
		{"amount": {"0"}, "description": {strings.Repeat("a", 250)}},
	}
	for i := range want {
		if !reflect.DeepEqual(calls[i].Form, want[i]) {
			t.Errorf("call %d form %v", i, calls[i].Form)
		}
	}
}

func TestAccountCreditsValidation(t *testing.T) {
	t.Parallel()
	for _, a := range accountActions {
		cases := []struct {
			name   string
			id     string
			amount *int64
			desc   *string
			param  string
		}{
			{"no amount", "c", nil, chargebee.String("d"), "amount"},
			{"below minimum", "c", chargebee.Int64(a.minAmount - 1), chargebee.String("d"), "amount"},
			{"no description", "c", chargebee.Int64(5), nil, "description"},
			{"empty description", "c", chargebee.Int64(5), chargebee.String(""), "description"},
			{"description too long", "c", chargebee.Int64(5), chargebee.String(strings.Repeat("d", 251)), "description"},
			{"no customer", "", chargebee.Int64(5), chargebee.String("d"), "customer_id"},
		}
		for _, tc := range cases {
			cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, a.seed)), chargebee.WithAPIVersion(chargebee.APIv1))
			_, err := a.run(credits.NewService(cb), tc.id, tc.amount, tc.desc)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param {
				t.Errorf("%s/%s: %v, want ValidationError for %s", a.name, tc.name, err, tc.param)
			}
			if mt.GetTotalCallCount() != 0 {
				t.Errorf("%s/%s: sent a request", a.name, tc.name)
			}
		}
		// nil request
		cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, a.seed)), chargebee.WithAPIVersion(chargebee.APIv1))
		svc := credits.NewService(cb)
		var err error
		switch a.name {
		case "AddAccountCredits":
			_, err = svc.AddAccountCredits(context.Background(), "c", nil)
		case "DeductAccountCredits":
			_, err = svc.DeductAccountCredits(context.Background(), "c", nil)
		case "SetAccountCredits":
			_, err = svc.SetAccountCredits(context.Background(), "c", nil)
		}
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || ve.Param != "amount" || mt.GetTotalCallCount() != 0 {
			t.Errorf("%s(nil): %v", a.name, err)
		}
	}
}

func TestAccountCreditsMissingCustomer(t *testing.T) {
	t.Parallel()
	cb, _, _ := testutil.NewClient(t, testutil.Respond(200, `{"card":{}}`), chargebee.WithAPIVersion(chargebee.APIv1))
	_, err := credits.NewService(cb).AddAccountCredits(context.Background(), "c", credits.NewAddAccountCreditsRequest().SetAmount(1).SetDescription("d"))
	var de *chargebee.DecodeError
	if !errors.As(err, &de) || de.Path != "/api/v1/customers/c/add_account_credits" {
		t.Errorf("%v", err)
	}
}

// TestVersionMismatch checks that every action refuses a client of the
// other API version before sending, and names what to use instead.
func TestVersionMismatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	v1, mt1, _ := testutil.NewClient(t, testutil.Respond(200, "{}"), chargebee.WithAPIVersion(chargebee.APIv1))
	v2, mt2, _ := testutil.NewClient(t, testutil.Respond(200, "{}"))
	s1, s2 := credits.NewService(v1), credits.NewService(v2)

	add := credits.NewAddRequest().SetCustomerID("c").SetAmount(1).SetDescription("d")
	deduct := credits.NewDeductRequest().SetCustomerID("c").SetAmount(1).SetDescription("d")
	set := credits.NewSetRequest().SetCustomerID("c").SetAmount(1).SetDescription("d")
	cases := []struct {
		name string
		call func() error
		alt  string
	}{
		{"Add on v1", func() error { _, err := s1.Add(ctx, add); return err }, "AddAccountCredits"},
		{"Deduct on v1", func() error { _, err := s1.Deduct(ctx, deduct); return err }, "DeductAccountCredits"},
		{"Set on v1", func() error { _, err := s1.Set(ctx, set); return err }, "SetAccountCredits"},
		{"ListPage on v1", func() error { _, err := s1.ListPage(ctx, nil); return err }, "v2"},
		{"List on v1", func() error {
			for _, err := range s1.List(ctx, nil) {
				return err
			}
			return nil
		}, "v2"},
		{"Retrieve on v1", func() error { _, err := s1.Retrieve(ctx, "pc_1"); return err }, "v2"},
		{"AddPromotionalCredits on v1", func() error {
			_, err := s1.AddPromotionalCredits(ctx, "c", credits.NewAddPromotionalCreditsRequest().SetAmount(1).SetDescription("d"))
			return err
		}, "AddAccountCredits"},
		{"DeductPromotionalCredits on v1", func() error {
			_, err := s1.DeductPromotionalCredits(ctx, "c", credits.NewDeductPromotionalCreditsRequest().SetAmount(1).SetDescription("d"))
			return err
		}, "DeductAccountCredits"},
		{"SetPromotionalCredits on v1", func() error {
			_, err := s1.SetPromotionalCredits(ctx, "c", credits.NewSetPromotionalCreditsRequest().SetAmount(1).SetDescription("d"))
			return err
		}, "SetAccountCredits"},
		{"AddAccountCredits on v2", func() error {
			_, err := s2.AddAccountCredits(ctx, "c", credits.NewAddAccountCreditsRequest().SetAmount(1).SetDescription("d"))
			return err
		}, "use Add (POST /promotional_credits/add)"},
		{"DeductAccountCredits on v2", func() error {
			_, err := s2.DeductAccountCredits(ctx, "c", credits.NewDeductAccountCreditsRequest().SetAmount(1).SetDescription("d"))
			return err
		}, "use Deduct (POST /promotional_credits/deduct)"},
		{"SetAccountCredits on v2", func() error {
			_, err := s2.SetAccountCredits(ctx, "c", credits.NewSetAccountCreditsRequest().SetAmount(1).SetDescription("d"))
			return err
		}, "use Set (POST /promotional_credits/set)"},
		{"AddAccountCredits on v2 with nil request", func() error {
			_, err := s2.AddAccountCredits(ctx, "c", nil)
			return err
		}, "use Add"},
	}
	for _, tc := range cases {
		err := tc.call()
		if !errors.Is(err, chargebee.ErrAPIVersion) {
			t.Errorf("%s: %v, want ErrAPIVersion", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.alt) {
			t.Errorf("%s: %q does not name %q", tc.name, err, tc.alt)
		}
	}
	if mt1.GetTotalCallCount()+mt2.GetTotalCallCount() != 0 {
		t.Errorf("sent %d requests", mt1.GetTotalCallCount()+mt2.GetTotalCallCount())
	}
}

func TestCustomerV1JSON(t *testing.T) {
	t.Parallel()
	var c credits.CustomerV1
	if err := json.Unmarshal([]byte(`{"id":"c1","account_credits":750,"first_name":"Ann","cf_plan":"x"}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "c1" || c.AccountCredits != 750 || c.FirstName != "Ann" || c.CustomFields["cf_plan"] != "x" {
		t.Errorf("decoded %+v", c)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back credits.CustomerV1
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, c) {
		t.Errorf("round trip\n got %+v\nwant %+v", back, c)
	}
	if err := json.Unmarshal([]byte(`{"id":"c1","account_credits":"many"}`), &c); err == nil {
		t.Error("a non-numeric account_credits decoded")
	}
}

func TestNilService(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, svc := range []*credits.Service{nil, credits.NewService(nil)} {
		if _, err := svc.Add(ctx, credits.NewAddRequest()); !errors.Is(err, chargebee.ErrNilService) && !errors.Is(err, chargebee.ErrNilClient) {
			t.Errorf("Add: %v", err)
		}
		if _, err := svc.Retrieve(ctx, "pc"); err == nil {
			t.Error("Retrieve: no error")
		}
		if _, err := svc.SetAccountCredits(ctx, "c", nil); err == nil {
			t.Error("SetAccountCredits: no error")
		}
		for _, err := range svc.List(ctx, nil) {
			if err == nil {
				t.Error("List: no error")
			}
		}
	}
}
