package credits_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// promoAction runs Add, Deduct or Set with the same parameters.
type promoAction struct {
	name string
	path string
	run  func(s *credits.Service, ctx context.Context, p promoParams, opts ...chargebee.RequestOption) (*credits.Result, error)
}

// promoParams are the parameters shared by Add, Deduct and Set; nil fields
// are left unset.
type promoParams struct {
	customerID, amountInDecimal, currencyCode, description, reference *string
	amount                                                            *int64
	creditType                                                        *credits.CreditType
}

var promoActions = []promoAction{
	{"Add", "/api/v2/promotional_credits/add", func(s *credits.Service, ctx context.Context, p promoParams, opts ...chargebee.RequestOption) (*credits.Result, error) {
		r := &credits.AddRequest{CustomerID: p.customerID, Amount: p.amount, AmountInDecimal: p.amountInDecimal, CurrencyCode: p.currencyCode, Description: p.description, CreditType: p.creditType, Reference: p.reference}
		return s.Add(ctx, r, opts...)
	}},
	{"Deduct", "/api/v2/promotional_credits/deduct", func(s *credits.Service, ctx context.Context, p promoParams, opts ...chargebee.RequestOption) (*credits.Result, error) {
		r := &credits.DeductRequest{CustomerID: p.customerID, Amount: p.amount, AmountInDecimal: p.amountInDecimal, CurrencyCode: p.currencyCode, Description: p.description, CreditType: p.creditType, Reference: p.reference}
		return s.Deduct(ctx, r, opts...)
	}},
	{"Set", "/api/v2/promotional_credits/set", func(s *credits.Service, ctx context.Context, p promoParams, opts ...chargebee.RequestOption) (*credits.Result, error) {
		r := &credits.SetRequest{CustomerID: p.customerID, Amount: p.amount, AmountInDecimal: p.amountInDecimal, CurrencyCode: p.currencyCode, Description: p.description, CreditType: p.creditType, Reference: p.reference}
		return s.Set(ctx, r, opts...)
	}},
}

func TestPromotionalWire(t *testing.T) {
	t.Parallel()
	ct := credits.CreditTypeReferralRewards
	cases := []struct {
		name string
		p    promoParams
		form url.Values
	}{
		{
			name: "every parameter with amount",
			p: promoParams{
				customerID: chargebee.String("cust_123"), amount: chargebee.Int64(500),
				currencyCode: chargebee.String("USD"), description: chargebee.String("Referral bonus & more"),
				creditType: &ct, reference: chargebee.String("ref-42"),
			},
			form: url.Values{
				"customer_id":   {"cust_123"},
				"amount":        {"500"},
				"currency_code": {"USD"},
				"description":   {"Referral bonus & more"},
				"credit_type":   {"referral_rewards"},
				"reference":     {"ref-42"},
			},
		},
		{
			name: "amount in decimal",
			p: promoParams{
				customerID: chargebee.String("cust_123"), amountInDecimal: chargebee.String("10.50"),
				description: chargebee.String("Decimal"),
			},
			form: url.Values{"customer_id": {"cust_123"}, "amount_in_decimal": {"10.50"}, "description": {"Decimal"}},
		},
		{
			name: "zero amount and empty reference are sent",
			p: promoParams{
				customerID: chargebee.String("cust_123"), amount: chargebee.Int64(0),
				description: chargebee.String("Reset"), reference: chargebee.String(""),
			},
			form: url.Values{"customer_id": {"cust_123"}, "amount": {"0"}, "description": {"Reset"}, "reference": {""}},
		},
		{
			name: "large amount without exponent",
			p: promoParams{
				customerID: chargebee.String("c"), amount: chargebee.Int64(9007199254740993),
				description: chargebee.String("d"),
			},
			form: url.Values{"customer_id": {"c"}, "amount": {"9007199254740993"}, "description": {"d"}},
		},
	}
	for _, a := range promoActions {
		for _, tc := range cases {
			t.Run(a.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				cb, _, rec := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "add.json")))
				res, err := a.run(credits.NewService(cb), context.Background(), tc.p,
					chargebee.WithIdempotencyKey("key-1"), chargebee.WithEventWebhooksDisabled())
				if err != nil {
					t.Fatal(err)
				}
				if res.Customer == nil || res.PromotionalCredit == nil {
					t.Fatalf("result %+v", res)
				}
				calls := rec.Requests()
				if len(calls) != 1 {
					t.Fatalf("%d calls", len(calls))
				}
				c := calls[0]
				if c.Method != "POST" || c.Path != a.path || len(c.Query) != 0 {
					t.Errorf("got %s %s?%v, want POST %s", c.Method, c.Path, c.Query, a.path)
				}
				if !reflect.DeepEqual(c.Form, tc.form) {
					t.Errorf("form\n got %v\nwant %v", c.Form, tc.form)
				}
				for k, v := range map[string]string{
					"Content-Type":              "application/x-www-form-urlencoded; charset=utf-8",
					"Chargebee-Idempotency-Key": "key-1",
					"Chargebee-Event-Webhook":   "all-disabled",
					"Authorization":             "Basic dGVzdF9rZXk6",
				} {
					if got := c.Header.Get(k); got != v {
						t.Errorf("header %s = %q, want %q", k, got, v)
					}
				}
			})
		}
	}
}

func TestPromotionalSetters(t *testing.T) {
	t.Parallel()
	want := url.Values{
		"customer_id": {"cust_1"}, "amount": {"250"}, "currency_code": {"EUR"},
		"description": {"Thanks"}, "credit_type": {"loyalty_credits"}, "reference": {"r"},
	}
	wantDec := url.Values{"customer_id": {"cust_1"}, "amount_in_decimal": {"2.5"}, "description": {"Thanks"}}
	cb, _, rec := testutil.NewClient(t, testutil.Respond(200, `{"customer":{"id":"cust_1"},"promotional_credit":{"id":"pc"}}`))
	svc := credits.NewService(cb)
	ctx := context.Background()
	_, errA := svc.Add(ctx, credits.NewAddRequest().SetCustomerID("cust_1").SetAmount(250).SetCurrencyCode("EUR").
		SetDescription("Thanks").SetCreditType(credits.CreditTypeLoyaltyCredits).SetReference("r"))
	_, errD := svc.Deduct(ctx, credits.NewDeductRequest().SetCustomerID("cust_1").SetAmount(250).SetCurrencyCode("EUR").
		SetDescription("Thanks").SetCreditType(credits.CreditTypeLoyaltyCredits).SetReference("r"))
	_, errS := svc.Set(ctx, credits.NewSetRequest().SetCustomerID("cust_1").SetAmount(250).SetCurrencyCode("EUR").
		SetDescription("Thanks").SetCreditType(credits.CreditTypeLoyaltyCredits).SetReference("r"))
	_, errA2 := svc.Add(ctx, credits.NewAddRequest().SetCustomerID("cust_1").SetAmountInDecimal("2.5").SetDescription("Thanks"))
	_, errD2 := svc.Deduct(ctx, credits.NewDeductRequest().SetCustomerID("cust_1").SetAmountInDecimal("2.5").SetDescription("Thanks"))
	_, errS2 := svc.Set(ctx, credits.NewSetRequest().SetCustomerID("cust_1").SetAmountInDecimal("2.5").SetDescription("Thanks"))
	if err := errors.Join(errA, errD, errS, errA2, errD2, errS2); err != nil {
		t.Fatal(err)
	}
	calls := rec.Requests()
	if len(calls) != 6 {
		t.Fatalf("%d calls", len(calls))
	}
	for i, c := range calls {
		w := want
		if i >= 3 {
			w = wantDec
		}
		if !reflect.DeepEqual(c.Form, w) {
			t.Errorf("call %d (%s): form %v, want %v", i, c.Path, c.Form, w)
		}
	}
}

// TestAddIdempotentRetry checks that a retried Add resends the same
// generated idempotency key and the same body, so credits are added once.
func TestAddIdempotentRetry(t *testing.T) {
	t.Parallel()
	n := 0
	cb, _, rec := testutil.NewClient(t, func(*http.Request) (int, string) {
		n++
		if n == 1 {
			return 503, `{"message":"busy","api_error_code":"site_not_ready"}`
		}
		return 200, `{"customer":{"id":"c"},"promotional_credit":{"id":"pc"}}`
	}, chargebee.WithMaxRetries(2), chargebee.WithRetryWait(time.Millisecond, 2*time.Millisecond))
	var resp chargebee.Response
	_, err := credits.NewService(cb).Add(context.Background(),
		credits.NewAddRequest().SetCustomerID("c").SetAmount(100).SetDescription("d"), chargebee.WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	calls := rec.Requests()
	if len(calls) != 2 || resp.Attempts != 2 {
		t.Fatalf("%d calls, %d attempts", len(calls), resp.Attempts)
	}
	key := calls[0].Header.Get("chargebee-idempotency-key")
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(key) {
		t.Errorf("generated key %q is not a UUID v4", key)
	}
	if calls[1].Header.Get("chargebee-idempotency-key") != key || calls[1].Body != calls[0].Body {
		t.Errorf("retry differs: %q %q / %q %q", key, calls[0].Body, calls[1].Header.Get("chargebee-idempotency-key"), calls[1].Body)
	}
}

func TestPromotionalDecode(t *testing.T) {
	t.Parallel()
	cb, _, _ := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "add.json")))
	res, err := credits.NewService(cb).Add(context.Background(),
		credits.NewAddRequest().SetCustomerID("cust_123").SetAmount(500).SetDescription("Referral bonus"))
	if err != nil {
		t.Fatal(err)
	}
	wantPC := credits.PromotionalCredit{
		ID: "pc___test__KyVnHhSBWl7eY2bl", CustomerID: "cust_123", Type: credits.TypeIncrement,
		AmountInDecimal: "5.00", Amount: 500, CurrencyCode: "USD", Description: "Referral bonus",
		CreditType: credits.CreditTypeReferralRewards, Reference: "ref-42", ClosingBalance: 1500,
		DoneBy: "admin@acme.com", CreatedAt: 1700000500, BusinessEntityID: "be_1", Object: "promotional_credit",
	}
	if *res.PromotionalCredit != wantPC {
		t.Errorf("promotional_credit\n got %+v\nwant %+v", *res.PromotionalCredit, wantPC)
	}
	c := res.Customer
	if c.ID != "cust_123" || c.FirstName != "John" || c.PromotionalCredits != 1500 || c.AutoCollection != customer.AutoCollection("on") ||
		c.CreatedAt != 1700000000 || c.PreferredCurrencyCode != "USD" || c.Object != "customer" {
		t.Errorf("customer %+v", c)
	}
	if len(c.Balances) != 1 || c.Balances[0].PromotionalCredits != 1500 || c.Balances[0].CurrencyCode != "USD" {
		t.Errorf("balances %+v", c.Balances)
	}
	if c.CustomFields["cf_tier"] != "gold" {
		t.Errorf("custom fields %v", c.CustomFields)
	}
	if got := res.PromotionalCredit.CreatedAt.Time(); !got.Equal(time.Unix(1700000500, 0)) {
		t.Errorf("created_at %v", got)
	}
}

func TestPromotionalUnknownValues(t *testing.T) {
	t.Parallel()
	body := `{"customer":{"id":"c","brand_new":1},"promotional_credit":{"id":"pc","type":"adjustment","credit_type":"cashback","amount":1,"extra":[1,2]},"other_key":{}}`
	cb, _, _ := testutil.NewClient(t, testutil.Respond(200, body))
	res, err := credits.NewService(cb).Deduct(context.Background(),
		credits.NewDeductRequest().SetCustomerID("c").SetAmount(1).SetDescription("d"))
	if err != nil {
		t.Fatal(err)
	}
	if res.PromotionalCredit.Type != "adjustment" || res.PromotionalCredit.CreditType != "cashback" {
		t.Errorf("unknown enum values not kept: %+v", res.PromotionalCredit)
	}
}

func TestPromotionalValidation(t *testing.T) {
	t.Parallel()
	ok := func() promoParams {
		return promoParams{customerID: chargebee.String("c1"), amount: chargebee.Int64(100), description: chargebee.String("d")}
	}
	cases := []struct {
		name  string
		edit  func(p *promoParams)
		param string
	}{
		{"no customer", func(p *promoParams) { p.customerID = nil }, "customer_id"},
		{"empty customer", func(p *promoParams) { p.customerID = chargebee.String("") }, "customer_id"},
		{"customer too long", func(p *promoParams) { p.customerID = chargebee.String(strings.Repeat("c", 51)) }, "customer_id"},
		{"no amount", func(p *promoParams) { p.amount = nil }, "amount"},
		{"both amounts", func(p *promoParams) { p.amountInDecimal = chargebee.String("1.00") }, "amount_in_decimal"},
		{"negative amount", func(p *promoParams) { p.amount = chargebee.Int64(-1) }, "amount"},
		{"decimal too long", func(p *promoParams) {
			p.amount, p.amountInDecimal = nil, chargebee.String("1."+strings.Repeat("0", 32))
		}, "amount_in_decimal"},
		{"decimal not a number", func(p *promoParams) { p.amount, p.amountInDecimal = nil, chargebee.String("ten") }, "amount_in_decimal"},
		{"negative decimal", func(p *promoParams) { p.amount, p.amountInDecimal = nil, chargebee.String("-1.00") }, "amount_in_decimal"},
		{"empty decimal", func(p *promoParams) { p.amount, p.amountInDecimal = nil, chargebee.String("") }, "amount_in_decimal"},
		{"currency too long", func(p *promoParams) { p.currencyCode = chargebee.String("USDX") }, "currency_code"},
		{"no description", func(p *promoParams) { p.description = nil }, "description"},
		{"empty description", func(p *promoParams) { p.description = chargebee.String("") }, "description"},
		{"description too long", func(p *promoParams) { p.description = chargebee.String(strings.Repeat("é", 251)) }, "description"},
		{"reference too long", func(p *promoParams) { p.reference = chargebee.String(strings.Repeat("r", 501)) }, "reference"},
	}
	for _, a := range promoActions {
		for _, tc := range cases {
			t.Run(a.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "add.json")))
				p := ok()
				tc.edit(&p)
				_, err := a.run(credits.NewService(cb), context.Background(), p)
				var ve *chargebee.ValidationError
				if !errors.As(err, &ve) || ve.Param != tc.param {
					t.Errorf("err = %v, want ValidationError for %s", err, tc.param)
				}
				if mt.GetTotalCallCount() != 0 {
					t.Errorf("sent %d requests", mt.GetTotalCallCount())
				}
			})
		}
	}
	// Limits are inclusive.
	edge := promoParams{
		customerID: chargebee.String(strings.Repeat("c", 50)), amountInDecimal: chargebee.String("1." + strings.Repeat("0", 31)),
		currencyCode: chargebee.String("USD"), description: chargebee.String(strings.Repeat("é", 250)),
		reference: chargebee.String(strings.Repeat("r", 500)),
	}
	for _, a := range promoActions {
		cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "add.json")))
		if _, err := a.run(credits.NewService(cb), context.Background(), edge); err != nil || mt.GetTotalCallCount() != 1 {
			t.Errorf("%s at the limits: %v", a.name, err)
		}
	}
}

//lint:file-ignore SA1019 TestNilRequests calls the deprecated customer-level actions on purpose.

func TestNilRequests(t *testing.T) {
	t.Parallel()
	cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, `{}`))
	svc := credits.NewService(cb)
	ctx := context.Background()
	checks := map[string]error{}
	_, checks["Add"] = svc.Add(ctx, nil)
	_, checks["Deduct"] = svc.Deduct(ctx, nil)
	_, checks["Set"] = svc.Set(ctx, nil)
	_, checks["AddPromotionalCredits"] = svc.AddPromotionalCredits(ctx, "c", nil)
	_, checks["DeductPromotionalCredits"] = svc.DeductPromotionalCredits(ctx, "c", nil)
	_, checks["SetPromotionalCredits"] = svc.SetPromotionalCredits(ctx, "c", nil)
	wantParam := map[string]string{
		"Add": "customer_id", "Deduct": "customer_id", "Set": "customer_id",
		"AddPromotionalCredits": "amount", "DeductPromotionalCredits": "amount", "SetPromotionalCredits": "amount",
	}
	for name, err := range checks {
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || ve.Param != wantParam[name] {
			t.Errorf("%s(nil): %v, want ValidationError for %s", name, err, wantParam[name])
		}
	}
	// Even with client-side validation off, a nil request is refused.
	cbNoVal, mtNoVal, _ := testutil.NewClient(t, testutil.Respond(200, `{}`), chargebee.WithoutValidation())
	if _, err := credits.NewService(cbNoVal).Add(ctx, nil); err == nil {
		t.Error("Add(nil) without validation: no error")
	}
	if mt.GetTotalCallCount()+mtNoVal.GetTotalCallCount() != 0 {
		t.Errorf("sent requests")
	}
}

func TestWithoutValidationSends(t *testing.T) {
	t.Parallel()
	cb, _, rec := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "add.json")), chargebee.WithoutValidation())
	_, err := credits.NewService(cb).Add(context.Background(), credits.NewAddRequest().SetCustomerID("c").SetAmount(-5))
	if err != nil {
		t.Fatal(err)
	}
	if calls := rec.Requests(); len(calls) != 1 || !reflect.DeepEqual(calls[0].Form, url.Values{"customer_id": {"c"}, "amount": {"-5"}}) {
		t.Errorf("calls %+v", calls)
	}
}

func TestPromotionalMissingKeys(t *testing.T) {
	t.Parallel()
	bodies := map[string]string{
		"no customer":           `{"promotional_credit":{"id":"pc"}}`,
		"no promotional credit": `{"customer":{"id":"c"}}`,
		"null customer":         `{"customer":null,"promotional_credit":{"id":"pc"}}`,
		"empty object":          `{}`,
		"empty body":            ``,
		"not json":              `<html>`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cb, _, _ := testutil.NewClient(t, testutil.Respond(200, body))
			res, err := credits.NewService(cb).Set(context.Background(),
				credits.NewSetRequest().SetCustomerID("c").SetAmount(0).SetDescription("d"))
			var de *chargebee.DecodeError
			if !errors.As(err, &de) || res != nil {
				t.Fatalf("got %+v, %v; want *chargebee.DecodeError", res, err)
			}
			if de.StatusCode != 200 || de.Path != "/api/v2/promotional_credits/set" {
				t.Errorf("DecodeError %+v", de)
			}
			if body != "" && body != "<html>" && !strings.Contains(err.Error(), "credits.Set") {
				t.Errorf("error does not name the action: %v", err)
			}
		})
	}
}

func TestPromotionalChargebeeError(t *testing.T) {
	t.Parallel()
	body := `{"message":"Promotional credits cannot be deducted as the customer has insufficient balance","type":"invalid_request","api_error_code":"invalid_request","param":"amount"}`
	cb, _, _ := testutil.NewClient(t, testutil.Respond(400, body))
	_, err := credits.NewService(cb).Deduct(context.Background(),
		credits.NewDeductRequest().SetCustomerID("c").SetAmount(1000000).SetDescription("d"))
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.HTTPStatusCode != 400 || ce.Param != "amount" || !errors.Is(err, chargebee.ErrInvalidRequest) {
		t.Errorf("err = %v", err)
	}
}
