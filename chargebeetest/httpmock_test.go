package chargebeetest_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/relationship"
)

func TestMockCustomerHelpers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mt := httpmock.NewMockTransport()
	cb := chargebeetest.NewMockClient(t, mt)
	customers := customer.NewService(cb)

	c := customer.Customer{ID: "a/b", Email: "ann@acme.com", AutoCollection: customer.AutoCollectionOn, CustomFields: map[string]any{"cf_tier": "gold"}}
	chargebeetest.RegisterCustomer(mt, c)
	chargebeetest.RegisterCustomerCreate(mt, c)
	chargebeetest.RegisterCustomerUpdate(mt, customer.Customer{ID: "a/b", Email: "new@acme.com"})
	chargebeetest.RegisterCustomerDelete(mt, c)

	got, err := customers.Retrieve(ctx, "a/b")
	if err != nil || got.Customer.Email != "ann@acme.com" || got.Customer.CustomFields["cf_tier"] != "gold" {
		t.Fatalf("retrieve: %+v %v", got, err)
	}
	created, err := customers.Create(ctx, customer.NewCreateRequest().SetEmail("ann@acme.com"))
	if err != nil || created.Customer.ID != "a/b" {
		t.Fatalf("create: %+v %v", created, err)
	}
	up, err := customers.Update(ctx, "a/b", customer.NewUpdateRequest().SetEmail("new@acme.com"))
	if err != nil || up.Customer.Email != "new@acme.com" {
		t.Fatalf("update: %+v %v", up, err)
	}
	del, err := customers.Delete(ctx, "a/b", nil)
	if err != nil || !del.Customer.Deleted {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if n := mt.GetTotalCallCount(); n != 4 {
		t.Fatalf("%d calls", n)
	}
	info := mt.GetCallCountInfo()
	if info["GET /api/v2/customers/a%2Fb"] != 1 {
		t.Fatalf("calls: %v", info)
	}

	// Paged list.
	var all []customer.Customer
	for i := 0; i < 25; i++ {
		all = append(all, customer.Customer{ID: "c" + string(rune('a'+i))})
	}
	chargebeetest.RegisterCustomerList(mt, all...)
	var ids []string
	for e, err := range customers.List(ctx, customer.NewListRequest().SetLimit(10)) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.Customer.ID)
	}
	if len(ids) != 25 || ids[0] != "ca" || ids[24] != "cy" {
		t.Fatalf("list: %v", ids)
	}
	if n := mt.GetCallCountInfo()["GET /api/v2/customers"]; n != 3 {
		t.Fatalf("%d list pages fetched, want 3", n)
	}
}

func TestMockErrorResponder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mt := httpmock.NewMockTransport()
	customers := customer.NewService(chargebeetest.NewMockClient(t, mt))

	chargebeetest.RegisterError(mt, "GET", chargebeetest.PathV2("customers", "ghost"), chargebeetest.StatusError(http.StatusNotFound))
	_, err := customers.Retrieve(ctx, "ghost")
	var ce *chargebee.Error
	if !errors.Is(err, chargebee.ErrNotFound) || !errors.As(err, &ce) || ce.APIErrorCode != "resource_not_found" || ce.Type != "invalid_request" {
		t.Fatalf("404: %v", err)
	}

	chargebeetest.RegisterError(mt, "POST", chargebeetest.PathV2("customers"), chargebeetest.APIError{
		Status: 400, Type: "invalid_request", APIErrorCode: "param_wrong_value", Param: "email", Message: "email : invalid email"})
	_, err = customers.Create(ctx, customer.NewCreateRequest().SetEmail("x@y.z"))
	if !errors.As(err, &ce) || ce.Param != "email" || ce.HTTPStatusCode != 400 || ce.Message != "email : invalid email" || !errors.Is(err, chargebee.ErrInvalidRequest) {
		t.Fatalf("400: %v", err)
	}

	// A 429 with Retry-After is retried by the SDK, then succeeds.
	calls := 0
	limited := chargebeetest.ErrorResponder(chargebeetest.StatusError(http.StatusTooManyRequests), "1")
	ok := chargebeetest.JSONResponder(200, map[string]any{"customer": customer.Customer{ID: "r1"}})
	mt.RegisterResponder("GET", chargebeetest.PathV2("customers", "r1"), func(r *http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			return limited(r)
		}
		return ok(r)
	})
	var resp chargebee.Response
	r, err := customers.Retrieve(ctx, "r1", chargebee.WithResponse(&resp))
	if err != nil || r.Customer.ID != "r1" || resp.Attempts != 2 {
		t.Fatalf("retry after 429: %+v %v attempts %d", r, err, resp.Attempts)
	}
}

func TestMockOtherHelpers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mt := httpmock.NewMockTransport()
	cb := chargebeetest.NewMockClient(t, mt)

	chargebeetest.RegisterHierarchy(mt, "root",
		relationship.Hierarchy{CustomerID: "root", PaymentOwnerID: "root", InvoiceOwnerID: "root", ChildrenIDs: []string{"kid"}},
		relationship.Hierarchy{CustomerID: "kid", ParentID: "root", PaymentOwnerID: "root", InvoiceOwnerID: "kid"})
	tree, err := relationship.NewService(cb).Tree(ctx, "root")
	if err != nil || tree.String() != "root\n  kid\n" {
		t.Fatalf("tree: %v %v", tree, err)
	}

	chargebeetest.RegisterEntitlements(mt, "c1",
		entitlement.CustomerEntitlement{CustomerID: "c1", SubscriptionID: "s1", FeatureID: "seats", Value: "3", IsEnabled: true},
		entitlement.CustomerEntitlement{CustomerID: "c1", SubscriptionID: "s2", FeatureID: "sso", Value: "true", IsEnabled: true},
		entitlement.CustomerEntitlement{CustomerID: "c1", SubscriptionID: "s2", FeatureID: "seats", Value: "10", IsEnabled: true})
	set, err := entitlement.NewService(cb).Load(ctx, "c1")
	if err != nil || !set.Enabled("sso") || len(set.Entries("seats")) != 2 {
		t.Fatalf("entitlements: %+v %v", set.All(), err)
	}
	page, err := entitlement.NewService(cb).ListPage(ctx, "c1", entitlement.NewListRequest().SetLimit(1))
	if err != nil || len(page.Items) != 2 || page.NextOffset != "1" {
		t.Fatalf("feature paging: %+v %v", page, err)
	}

	chargebeetest.RegisterPromotionalCredit(mt, credits.PromotionalCredit{ID: "pc_1", CustomerID: "c1", Type: credits.TypeIncrement, Amount: 500, CurrencyCode: "USD"})
	chargebeetest.RegisterPromotionalCreditList(mt,
		credits.PromotionalCredit{ID: "pc_2", CustomerID: "c1", Type: credits.TypeDecrement, Amount: 100},
		credits.PromotionalCredit{ID: "pc_1", CustomerID: "c1", Type: credits.TypeIncrement, Amount: 500})
	svc := credits.NewService(cb)
	pc, err := svc.Retrieve(ctx, "pc_1")
	if err != nil || pc.PromotionalCredit.Amount != 500 {
		t.Fatalf("credit: %+v %v", pc, err)
	}
	var got []string
	for e, err := range svc.List(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.PromotionalCredit.ID)
	}
	if strings.Join(got, ",") != "pc_2,pc_1" {
		t.Fatalf("credit list: %v", got)
	}

	chargebeetest.RegisterContactList(mt, "c1", customer.Contact{ID: "ct1", Email: "a@acme.com"})
	chargebeetest.RegisterJSON(mt, "POST", chargebeetest.PathV2("customers", "c1", "add_contact"),
		map[string]any{"customer": customer.Customer{ID: "c1", Contacts: []customer.Contact{{ID: "ct1", Email: "a@acme.com"}}}})
	contacts := contact.NewService(cb)
	lp, err := contacts.ListPage(ctx, "c1", nil)
	if err != nil || len(lp.Items) != 1 || lp.Items[0].Contact.Email != "a@acme.com" {
		t.Fatalf("contacts: %+v %v", lp, err)
	}
	added, err := contacts.Add(ctx, "c1", contact.NewAddRequest().SetEmail("a@acme.com"))
	if err != nil || len(added.Customer.Contacts) != 1 {
		t.Fatalf("add contact: %+v %v", added, err)
	}
	if got := chargebeetest.PathV1("customers", "..", "add_account_credits"); got != "/api/v1/customers/%2E%2E/add_account_credits" {
		t.Fatalf("PathV1: %s", got)
	}
	if n := mt.GetTotalCallCount(); n != 7 {
		t.Fatalf("%d calls", n)
	}
}
