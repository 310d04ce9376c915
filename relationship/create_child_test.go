package relationship

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

const createdJSON = `{"customer":{"id":"new_1","first_name":"Kid","auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"deleted":false},
 "card":{"payment_source_id":"pm_1","status":"valid","gateway":"chargebee","first_name":"Kid","iin":"411111","last4":"1111","card_type":"visa","funding_type":"credit","expiry_month":12,"expiry_year":2030,"masked_number":"************1111","customer_id":"new_1","object":"card"}}`

const linkedJSON = `{"customer":{"id":"new_1","first_name":"Kid","auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"deleted":false,
 "relationship":{"parent_id":"parent_1","payment_owner_id":"parent_1","invoice_owner_id":"parent_1"},"use_default_hierarchy_settings":true}}`

func TestCreateChild(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: createdJSON}, {Status: 200, Body: linkedJSON}})
	res, err := NewService(m.CB).CreateChild(context.Background(), "parent_1",
		customer.NewCreateRequest().SetID("new_1").SetFirstName("Kid").SetEmail("kid@acme.com"),
		NewLinkRequest().SetPaymentOwnerID("parent_1").SetInvoiceOwnerID("parent_1").SetUseDefaultHierarchySettings(true))
	if err != nil {
		t.Fatalf("CreateChild: %v", err)
	}
	reqs := m.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	testutil.Expect(t, reqs[0], http.MethodPost, "/api/v2/customers", url.Values{
		"id": {"new_1"}, "first_name": {"Kid"}, "email": {"kid@acme.com"},
	})
	testutil.Expect(t, reqs[1], http.MethodPost, "/api/v2/customers/new_1/relationships", url.Values{
		"parent_id": {"parent_1"}, "payment_owner_id": {"parent_1"}, "invoice_owner_id": {"parent_1"},
		"use_default_hierarchy_settings": {"true"},
	})
	if res.Customer.ID != "new_1" || res.Customer.Relationship == nil || res.Customer.Relationship.ParentID != "parent_1" {
		t.Fatalf("customer %+v", res.Customer)
	}
	if res.Card == nil || res.Card.PaymentSourceID != "pm_1" || res.Card.Last4 != "1111" {
		t.Fatalf("card %+v", res.Card)
	}
}

func TestCreateChildNilRequests(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: createdJSON}, {Status: 200, Body: linkedJSON}})
	if _, err := NewService(m.CB).CreateChild(context.Background(), "parent_1", nil, nil); err != nil {
		t.Fatal(err)
	}
	reqs := m.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	testutil.Expect(t, reqs[0], http.MethodPost, "/api/v2/customers", nil)
	testutil.Expect(t, reqs[1], http.MethodPost, "/api/v2/customers/new_1/relationships", url.Values{"parent_id": {"parent_1"}})
}

func TestCreateChildLinkFails(t *testing.T) {
	t.Parallel()
	body := `{"message":"Hierarchy limit exceeded","type":"invalid_request","api_error_code":"param_wrong_value","param":"parent_id","http_status_code":400}`
	m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: createdJSON}, {Status: 400, Body: body}})
	res, err := NewService(m.CB).CreateChild(context.Background(), "parent_1", customer.NewCreateRequest().SetFirstName("Kid"), nil)
	if res != nil {
		t.Fatalf("result %+v", res)
	}
	var le *LinkError
	if !errors.As(err, &le) {
		t.Fatalf("err %T %v", err, err)
	}
	if le.CustomerID != "new_1" || le.ParentID != "parent_1" || le.Customer == nil || le.Customer.FirstName != "Kid" {
		t.Fatalf("link error %+v", le)
	}
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.Param != "parent_id" || ce.HTTPStatusCode != 400 || !errors.Is(err, chargebee.ErrInvalidRequest) {
		t.Fatalf("cause %+v", ce)
	}
	for _, want := range []string{"new_1", "parent_1", "not linked", "Hierarchy limit exceeded"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if n := len(m.Requests()); n != 2 {
		t.Fatalf("%d requests", n)
	}
}

func TestCreateChildCreateFails(t *testing.T) {
	t.Parallel()
	body := `{"message":"email : invalid email","type":"invalid_request","api_error_code":"param_wrong_value","param":"email","http_status_code":400}`
	m := testutil.NewMock(t, []testutil.Reply{{Status: 400, Body: body}, {Status: 200, Body: linkedJSON}})
	_, err := NewService(m.CB).CreateChild(context.Background(), "parent_1", customer.NewCreateRequest().SetEmail("nope"), nil)
	var le *LinkError
	var ce *chargebee.Error
	if errors.As(err, &le) || !errors.As(err, &ce) || ce.Param != "email" {
		t.Fatalf("err %T %v", err, err)
	}
	if n := len(m.Requests()); n != 1 {
		t.Fatalf("%d requests, want only the create", n)
	}
}

func TestCreateChildIdempotencyKeys(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("k", chargebee.MaxIdempotencyKeyLength)
	tests := []struct {
		name             string
		opts             []chargebee.RequestOption
		create, linkWant string // "" means no header; "*" means any generated key
	}{
		{"caller key", []chargebee.RequestOption{chargebee.WithIdempotencyKey("signup-42")}, "signup-42", "signup-42:link"},
		{"longest caller key", []chargebee.RequestOption{chargebee.WithIdempotencyKey(long)}, long, "e37c7cb78ccb30f0e2036576d681d619949c8a9fb885c91a07da6b845788a9ce:link"},
		{"no key, no retries", nil, "", ""},
		{"no key, retries on", []chargebee.RequestOption{}, "*", "*"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var clientOpts []chargebee.Option
			if tc.create == "*" {
				clientOpts = append(clientOpts, chargebee.WithMaxRetries(1))
			}
			m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: createdJSON}, {Status: 200, Body: linkedJSON}}, clientOpts...)
			if _, err := NewService(m.CB).CreateChild(context.Background(), "parent_1", nil, nil, tc.opts...); err != nil {
				t.Fatal(err)
			}
			reqs := m.Requests()
			ck := reqs[0].Header.Get("chargebee-idempotency-key")
			lk := reqs[1].Header.Get("chargebee-idempotency-key")
			if tc.create == "*" {
				if ck == "" || lk == "" || ck == lk {
					t.Fatalf("generated keys %q and %q", ck, lk)
				}
				return
			}
			if ck != tc.create || lk != tc.linkWant {
				t.Fatalf("keys %q and %q, want %q and %q", ck, lk, tc.create, tc.linkWant)
			}
			if len(lk) > chargebee.MaxIdempotencyKeyLength {
				t.Fatalf("link key has %d bytes", len(lk))
			}
		})
	}
}

func TestCreateChildValidationSendsNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		parent string
		create *customer.CreateRequest
		link   *LinkRequest
		param  string
	}{
		{"empty parent", "", nil, nil, "parent_id"},
		{"parent too long", strings.Repeat("p", 51), nil, nil, "parent_id"},
		{"link names another parent", "p1", nil, NewLinkRequest().SetParentID("p2"), "parent_id"},
		{"new customer would be its own parent", "p1", customer.NewCreateRequest().SetID("p1"), nil, "parent_id"},
		{"invalid link request", "p1", nil, NewLinkRequest().SetInvoiceOwnerID(strings.Repeat("i", 51)), "invoice_owner_id"},
		{"invalid create request", "p1", customer.NewCreateRequest().SetFirstName(strings.Repeat("f", 151)), nil, "first_name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: createdJSON}, {Status: 200, Body: linkedJSON}})
			res, err := NewService(m.CB).CreateChild(context.Background(), tc.parent, tc.create, tc.link)
			var ve *chargebee.ValidationError
			if res != nil || !errors.As(err, &ve) || ve.Param != tc.param {
				t.Fatalf("res %v err %v, want param %s", res, err, tc.param)
			}
			m.NothingSent()
		})
	}
	t.Run("link naming the same parent is fine", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: createdJSON}, {Status: 200, Body: linkedJSON}})
		if _, err := NewService(m.CB).CreateChild(context.Background(), "p1", nil, NewLinkRequest().SetParentID("p1")); err != nil {
			t.Fatal(err)
		}
	})
}

func TestLinkKey(t *testing.T) {
	t.Parallel()
	if got := linkKey("a"); got != "a:link" {
		t.Fatalf("linkKey(a) = %q", got)
	}
	edge := strings.Repeat("x", chargebee.MaxIdempotencyKeyLength-len(":link"))
	if got := linkKey(edge); got != edge+":link" {
		t.Fatalf("edge key %q", got)
	}
	a, b := linkKey(edge+"a"), linkKey(edge+"b")
	if a == b || len(a) > chargebee.MaxIdempotencyKeyLength {
		t.Fatalf("long keys %q %q", a, b)
	}
}
