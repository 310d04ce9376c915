package relationship

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

const minimalCustomer = `{"customer":{"id":"child_1","auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"deleted":false}}`

func TestLinkEveryParam(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(minimalCustomer))
	req := NewLinkRequest().
		SetParentID("parent 1").
		SetPaymentOwnerID("parent 1").
		SetInvoiceOwnerID("child/1").
		SetUseDefaultHierarchySettings(false).
		SetParentAccountAccess(NewParentAccountAccessParams().
			SetPortalEditChildSubscriptions(PortalAccessViewOnly).
			SetPortalDownloadChildInvoices(PortalAccessNo).
			SetSendSubscriptionEmails(true).
			SetSendPaymentEmails(false).
			SetSendInvoiceEmails(true)).
		SetChildAccountAccess(NewChildAccountAccessParams().
			SetPortalEditSubscriptions(PortalAccessYes).
			SetPortalDownloadInvoices(PortalAccessViewOnly).
			SetSendSubscriptionEmails(false).
			SetSendPaymentEmails(true).
			SetSendInvoiceEmails(false))
	res, err := NewService(m.CB).Link(context.Background(), "child/1", req)
	if err != nil {
		t.Fatalf("Link: %v", err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/child%2F1/relationships", url.Values{
		"parent_id":                      {"parent 1"},
		"payment_owner_id":               {"parent 1"},
		"invoice_owner_id":               {"child/1"},
		"use_default_hierarchy_settings": {"false"},
		"parent_account_access[portal_edit_child_subscriptions]": {"view_only"},
		"parent_account_access[portal_download_child_invoices]":  {"no"},
		"parent_account_access[send_subscription_emails]":        {"true"},
		"parent_account_access[send_payment_emails]":             {"false"},
		"parent_account_access[send_invoice_emails]":             {"true"},
		"child_account_access[portal_edit_subscriptions]":        {"yes"},
		"child_account_access[portal_download_invoices]":         {"view_only"},
		"child_account_access[send_subscription_emails]":         {"false"},
		"child_account_access[send_payment_emails]":              {"true"},
		"child_account_access[send_invoice_emails]":              {"false"},
	})
	if res.Customer == nil || res.Customer.ID != "child_1" {
		t.Fatalf("result %+v", res)
	}
}

func TestLinkMinimalAndNil(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		req  *LinkRequest
		want url.Values
	}{
		{"nil request", nil, url.Values{}},
		{"parent only", NewLinkRequest().SetParentID("p"), url.Values{"parent_id": {"p"}}},
		{"empty access objects", NewLinkRequest().SetParentAccountAccess(NewParentAccountAccessParams()).SetChildAccountAccess(NewChildAccountAccessParams()), url.Values{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(minimalCustomer))
			if _, err := NewService(m.CB).Link(context.Background(), "c", tc.req); err != nil {
				t.Fatal(err)
			}
			testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c/relationships", tc.want)
		})
	}
}

func TestLinkDecodesSample(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(testutil.Fixture(t, "link_response.json")))
	res, err := NewService(m.CB).Link(context.Background(), "child_1", NewLinkRequest().SetParentID("parent_1"))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Customer
	if c.ID != "child_1" || c.Email != "jane@acme.com" || c.CreatedAt != 1700000000 || c.ResourceVersion != 1700000500123 {
		t.Fatalf("customer %+v", c)
	}
	wantRel := &customer.Relationship{ParentID: "parent_1", PaymentOwnerID: "parent_1", InvoiceOwnerID: "parent_1", Object: "relationship"}
	if !reflect.DeepEqual(c.Relationship, wantRel) {
		t.Fatalf("relationship %+v", c.Relationship)
	}
	if c.UseDefaultHierarchySettings {
		t.Fatal("use_default_hierarchy_settings decoded as true")
	}
	wantParent := &customer.ParentAccountAccess{
		PortalEditChildSubscriptions: PortalAccessViewOnly, PortalDownloadChildInvoices: PortalAccessYes,
		SendSubscriptionEmails: true, SendInvoiceEmails: true, SendPaymentEmails: false, Object: "parent_account_access",
	}
	if !reflect.DeepEqual(c.ParentAccountAccess, wantParent) {
		t.Fatalf("parent access %+v", c.ParentAccountAccess)
	}
	wantChild := &customer.ChildAccountAccess{
		PortalEditSubscriptions: PortalAccessYes, PortalDownloadInvoices: PortalAccessNo,
		SendPaymentEmails: true, Object: "child_account_access",
	}
	if !reflect.DeepEqual(c.ChildAccountAccess, wantChild) {
		t.Fatalf("child access %+v", c.ChildAccountAccess)
	}
	if c.CustomFields["cf_region"] != "emea" {
		t.Fatalf("custom fields %v", c.CustomFields)
	}
}

func TestUnlink(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(minimalCustomer))
	res, err := NewService(m.CB).Unlink(context.Background(), "child 1", chargebee.WithIdempotencyKey("unlink-1"))
	if err != nil {
		t.Fatal(err)
	}
	got := m.Only()
	testutil.Expect(t, got, http.MethodPost, "/api/v2/customers/child%201/delete_relationship", nil)
	if got.Header.Get("chargebee-idempotency-key") != "unlink-1" {
		t.Fatalf("idempotency key %q", got.Header.Get("chargebee-idempotency-key"))
	}
	if res.Customer.ID != "child_1" || res.Customer.Relationship != nil {
		t.Fatalf("customer %+v", res.Customer)
	}
}

func TestUpdateSettingsEveryParam(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(minimalCustomer))
	_, err := NewService(m.CB).UpdateSettings(context.Background(), "c?1", NewUpdateSettingsRequest().
		SetUseDefaultHierarchySettings(false).
		SetParentAccountAccess(NewParentAccountAccessParams().
			SetPortalEditChildSubscriptions(PortalAccessYes).
			SetPortalDownloadChildInvoices(PortalAccessViewOnly).
			SetSendSubscriptionEmails(false).
			SetSendPaymentEmails(true).
			SetSendInvoiceEmails(false)).
		SetChildAccountAccess(NewChildAccountAccessParams().
			SetPortalEditSubscriptions(PortalAccessViewOnly).
			SetPortalDownloadInvoices(PortalAccessNo).
			SetSendSubscriptionEmails(true).
			SetSendPaymentEmails(false).
			SetSendInvoiceEmails(true)))
	if err != nil {
		t.Fatal(err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c%3F1/update_hierarchy_settings", url.Values{
		"use_default_hierarchy_settings":                         {"false"},
		"parent_account_access[portal_edit_child_subscriptions]": {"yes"},
		"parent_account_access[portal_download_child_invoices]":  {"view_only"},
		"parent_account_access[send_subscription_emails]":        {"false"},
		"parent_account_access[send_payment_emails]":             {"true"},
		"parent_account_access[send_invoice_emails]":             {"false"},
		"child_account_access[portal_edit_subscriptions]":        {"view_only"},
		"child_account_access[portal_download_invoices]":         {"no"},
		"child_account_access[send_subscription_emails]":         {"true"},
		"child_account_access[send_payment_emails]":              {"false"},
		"child_account_access[send_invoice_emails]":              {"true"},
	})
}

func TestUpdateSettingsNilRequest(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(minimalCustomer))
	if _, err := NewService(m.CB).UpdateSettings(context.Background(), "c", nil); err != nil {
		t.Fatal(err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c/update_hierarchy_settings", nil)
}

func TestLinkValidationSendsNothing(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 51)
	tests := []struct {
		name  string
		child string
		req   *LinkRequest
		param string
	}{
		{"empty child", "", NewLinkRequest().SetParentID("p"), "customer_id"},
		{"child is its own parent", "c1", NewLinkRequest().SetParentID("c1"), "parent_id"},
		{"parent_id too long", "c1", NewLinkRequest().SetParentID(long), "parent_id"},
		{"payment_owner_id too long", "c1", NewLinkRequest().SetPaymentOwnerID(long), "payment_owner_id"},
		{"invoice_owner_id too long", "c1", NewLinkRequest().SetInvoiceOwnerID(long), "invoice_owner_id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(minimalCustomer))
			res, err := NewService(m.CB).Link(context.Background(), tc.child, tc.req)
			var ve *chargebee.ValidationError
			if res != nil || !errors.As(err, &ve) || ve.Param != tc.param {
				t.Fatalf("res %v err %v, want param %s", res, err, tc.param)
			}
			m.NothingSent()
		})
	}
	t.Run("exactly 50 characters is fine", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, testutil.OK(minimalCustomer))
		ok50 := strings.Repeat("é", 50)
		if _, err := NewService(m.CB).Link(context.Background(), "c", NewLinkRequest().SetParentID(ok50).SetPaymentOwnerID(ok50).SetInvoiceOwnerID(ok50)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("empty ids on unlink and settings", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, testutil.OK(minimalCustomer))
		svc := NewService(m.CB)
		var ve *chargebee.ValidationError
		if _, err := svc.Unlink(context.Background(), ""); !errors.As(err, &ve) || ve.Param != "customer_id" {
			t.Fatalf("Unlink err %v", err)
		}
		if _, err := svc.UpdateSettings(context.Background(), "", nil); !errors.As(err, &ve) || ve.Param != "customer_id" {
			t.Fatalf("UpdateSettings err %v", err)
		}
		m.NothingSent()
	})
}

func TestLinkV1ClientSendsNothing(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(minimalCustomer), chargebee.WithAPIVersion(chargebee.APIv1))
	svc := NewService(m.CB)
	ctx := context.Background()
	calls := map[string]func() error{
		"Link":           func() error { _, err := svc.Link(ctx, "c", NewLinkRequest().SetParentID("p")); return err },
		"Unlink":         func() error { _, err := svc.Unlink(ctx, "c"); return err },
		"UpdateSettings": func() error { _, err := svc.UpdateSettings(ctx, "c", nil); return err },
		"CreateChild":    func() error { _, err := svc.CreateChild(ctx, "p", nil, nil); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, chargebee.ErrAPIVersion) {
			t.Errorf("%s: err %v", name, err)
		}
	}
	m.NothingSent()
}

// Rules the SDK leaves to Chargebee come back with Chargebee's param intact.
func TestLinkChargebeeErrorReachesCaller(t *testing.T) {
	t.Parallel()
	body := `{"message":"invoice_owner_id : should be the customer or one of its ancestors","type":"invalid_request","api_error_code":"param_wrong_value","param":"invoice_owner_id","error_code":"param_wrong_value","http_status_code":400}`
	m := testutil.NewMock(t, []testutil.Reply{{Status: 400, Body: body}})
	_, err := NewService(m.CB).Link(context.Background(), "c", NewLinkRequest().SetParentID("p").SetInvoiceOwnerID("stranger"))
	var ce *chargebee.Error
	if !errors.As(err, &ce) {
		t.Fatalf("err %T %v", err, err)
	}
	if ce.HTTPStatusCode != 400 || ce.Param != "invoice_owner_id" || ce.APIErrorCode != "param_wrong_value" || !errors.Is(err, chargebee.ErrInvalidRequest) {
		t.Fatalf("error %+v", ce)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c/relationships", url.Values{"parent_id": {"p"}, "invoice_owner_id": {"stranger"}})
}

func TestLinkMissingCustomer(t *testing.T) {
	t.Parallel()
	for name, call := range map[string]func(*Service) error{
		"Link":           func(s *Service) error { _, err := s.Link(context.Background(), "c", nil); return err },
		"Unlink":         func(s *Service) error { _, err := s.Unlink(context.Background(), "c"); return err },
		"UpdateSettings": func(s *Service) error { _, err := s.UpdateSettings(context.Background(), "c", nil); return err },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(`{"card":{}}`))
			err := call(NewService(m.CB))
			var de *chargebee.DecodeError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), `"customer"`) {
				t.Fatalf("err %v", err)
			}
		})
	}
}

func TestLinkDoesNotChangeRequest(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(minimalCustomer))
	req := NewLinkRequest().SetPaymentOwnerID("x").SetParentAccountAccess(NewParentAccountAccessParams().SetSendInvoiceEmails(true))
	if _, err := NewService(m.CB).CreateChild(context.Background(), "p", nil, req); err != nil {
		t.Fatal(err)
	}
	if req.ParentID != nil || *req.PaymentOwnerID != "x" || *req.ParentAccountAccess.SendInvoiceEmails != true {
		t.Fatalf("request changed: %+v", req)
	}
}

func TestNilRequestsValidate(t *testing.T) {
	t.Parallel()
	var link *LinkRequest
	var settings *UpdateSettingsRequest
	var detail *ListDetailRequest
	if link.Validate() != nil || settings.Validate() != nil {
		t.Fatal("nil optional requests must validate")
	}
	var ve *chargebee.ValidationError
	if err := detail.Validate(); !errors.As(err, &ve) || ve.Param != "hierarchy_operation_type" {
		t.Fatalf("nil ListDetailRequest: %v", err)
	}
}

// WithoutValidation leaves lengths to Chargebee, but a customer is never
// linked to itself.
func TestLinkWithoutValidation(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(minimalCustomer), chargebee.WithoutValidation())
	svc := NewService(m.CB)
	long := strings.Repeat("p", 60)
	if _, err := svc.Link(context.Background(), "c", NewLinkRequest().SetParentID(long)); err != nil {
		t.Fatal(err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c/relationships", url.Values{"parent_id": {long}})
	var ve *chargebee.ValidationError
	if _, err := svc.Link(context.Background(), "c", NewLinkRequest().SetParentID("c")); !errors.As(err, &ve) || ve.Param != "parent_id" {
		t.Fatalf("self link: %v", err)
	}
	if n := len(m.Requests()); n != 1 {
		t.Fatalf("%d requests", n)
	}
}
