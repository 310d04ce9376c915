package reliability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/relationship"
)

// Values the calls carry so that the tests can look for them where they must
// not appear.
const (
	// piiEmail is personal data: it rides in list filters, form bodies and
	// billing addresses.
	piiEmail = "pii.marker+vip@example.org"
	// bodyMarker is a value that only ever travels in a form body or a
	// query string.
	bodyMarker = "BodyMarkerQ7x"
	// fixedNow is the fake's clock: with it the fake's state after a call is
	// the same byte for byte in every run.
	fixedNow = 1700000000
)

// fixture is a fake with a fixed clock and clients without retries or
// faults, used to seed state and to read it back.
type fixture struct {
	srv *chargebeetest.Server
	v2  *chargebee.Client
	v1  *chargebee.Client
}

func newFixture(t testing.TB, opts ...chargebeetest.Option) *fixture {
	t.Helper()
	all := append([]chargebeetest.Option{chargebeetest.WithClock(func() time.Time { return time.Unix(fixedNow, 0) })}, opts...)
	srv := chargebeetest.NewServer(t, all...)
	return &fixture{
		srv: srv,
		v2:  srv.Client(chargebee.WithMaxRetries(0)),
		v1:  srv.ClientV1(chargebee.WithMaxRetries(0)),
	}
}

// client returns a client of the action's API version pointed at the fake;
// opts come after the fake's defaults (1ms to 20ms retry waits).
func (f *fixture) client(a action, opts ...chargebee.Option) *chargebee.Client {
	if a.v1 {
		return f.srv.ClientV1(opts...)
	}
	return f.srv.Client(opts...)
}

// must fails the test on a setup error.
func must(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("setup: %s: %v", what, err)
	}
}

// customers creates customers with the given ids; the first carries piiEmail.
func (f *fixture) customers(t testing.TB, ids ...string) {
	t.Helper()
	for i, id := range ids {
		req := customer.NewCreateRequest().SetID(id).SetFirstName("F" + id)
		if i == 0 {
			req.SetEmail(piiEmail)
		}
		_, err := customer.NewService(f.v2).Create(context.Background(), req)
		must(t, "create "+id, err)
	}
}

// paymentSource gives customer id a card payment source, pm_1 on a fresh fake.
func (f *fixture) paymentSource(t testing.TB, id string) {
	t.Helper()
	_, err := customer.NewService(f.v2).UpdatePaymentMethod(context.Background(), id, customer.NewUpdatePaymentMethodRequest().
		SetPaymentMethod(customer.NewPaymentMethodParams().SetType(customer.PaymentMethodTypeCard).SetReferenceID("tok_seed")))
	must(t, "payment source", err)
}

func (f *fixture) contact(t testing.TB, customerID, contactID string) {
	t.Helper()
	_, err := contact.NewService(f.v2).Add(context.Background(), customerID, contact.NewAddRequest().SetID(contactID).SetEmail(contactID+"@acme.test"))
	must(t, "contact", err)
}

func (f *fixture) link(t testing.TB, child, parent string) {
	t.Helper()
	_, err := relationship.NewService(f.v2).Link(context.Background(), child, relationship.NewLinkRequest().SetParentID(parent))
	must(t, "link", err)
}

func (f *fixture) credit(t testing.TB, customerID string, amount int64) {
	t.Helper()
	_, err := credits.NewService(f.v2).Add(context.Background(), credits.NewAddRequest().SetCustomerID(customerID).SetAmount(amount).SetDescription("seed"))
	must(t, "credit", err)
}

var seedEntitlements = []chargebeetest.Entitlement{
	{SubscriptionID: "s1", FeatureID: "user-licenses", Value: "3", Name: "3 licences", IsEnabled: true},
	{SubscriptionID: "s2", FeatureID: "xero-integration", Value: "true", Name: "Available", IsEnabled: true},
	{SubscriptionID: "s2", FeatureID: "user-licenses", Value: "10", Name: "10 licences", IsEnabled: true},
	{SubscriptionID: "s1", FeatureID: "support-level", Value: "Email", Name: "Email", IsEnabled: true},
}

// snapshot returns everything the fake holds that an action can change:
// every customer (deleted ones too, with contacts, balances, payment
// method and relationship) and every promotional credit entry. With the
// fixed clock and fresh ids, two fakes that received the same effects give
// the same snapshot.
func (f *fixture) snapshot(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	var out string
	for _, path := range []string{"/customers", "/promotional_credits"} {
		offset := ""
		for {
			params := url.Values{"limit": {"100"}}
			if path == "/customers" {
				params.Set("include_deleted", "true")
				params.Set("sort_by[asc]", "created_at")
			}
			if offset != "" {
				params.Set("offset", offset)
			}
			var page struct {
				List       []json.RawMessage `json:"list"`
				NextOffset string            `json:"next_offset"`
			}
			if err := f.v2.Do(ctx, http.MethodGet, path, params, &page); err != nil {
				t.Fatalf("snapshot %s: %v", path, err)
			}
			for _, e := range page.List {
				out += string(e) + "\n"
			}
			if offset = page.NextOffset; offset == "" {
				break
			}
		}
	}
	return out
}

// action is one SDK call of one resource package, with what it needs.
type action struct {
	name   string // package.Method
	fake   string // the catalog action of its (first) request, as the fake logs it
	method string // HTTP method of its (first) request
	path   string // escaped path of its (first) request, after /api/vN
	v1     bool   // needs an API v1 client
	list   bool   // an iterator over pages
	multi  bool   // makes more than one call (CreateChild: create, then link)
	// id is the path id the call uses by default; empty when the action
	// has none.
	id string
	// setup seeds a fake with what the call needs.
	setup func(t testing.TB, f *fixture)
	// call performs the action with id as its path id (ignored when the
	// action has none). Lists are ranged over to the end and return their
	// entries. A failed call returns the result the method returned.
	call func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error)
	// complete reports whether a successful result holds every key the
	// action always returns.
	complete func(res any) error
}

func (a action) post() bool { return a.method == http.MethodPost }

// run calls the action with its default id.
func (a action) run(ctx context.Context, cb *chargebee.Client, opts ...chargebee.RequestOption) (any, error) {
	return a.call(ctx, cb, a.id, opts...)
}

// isNil reports whether a result is a nil pointer or slice (or nil).
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// collect ranges over an iterator and returns its entries (an empty,
// non-nil slice when there are none), or nil and the first error.
func collect[T any](seq func(func(*T, error) bool)) ([]*T, error) {
	out := []*T{}
	for e, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// need returns an error naming what is missing when ok is false.
func need(ok bool, what string) error {
	if !ok {
		return fmt.Errorf("result without %s", what)
	}
	return nil
}

func customerResult(field func(any) *customer.Customer) func(any) error {
	return func(res any) error { return need(field(res) != nil, "customer") }
}

// allActions lists every action of every resource package: all of
// customer, contact, relationship, entitlement and credits, the API v1
// variants included.
func allActions() []action {
	return append(append(append(append(customerActions(), contactActions()...), relationshipActions()...), entitlementActions()...), creditActions()...)
}

// postActions are the actions whose (first) request is a POST.
func postActions() []action {
	var out []action
	for _, a := range allActions() {
		if a.post() {
			out = append(out, a)
		}
	}
	return out
}

func customerActions() []action {
	seedC1 := func(t testing.TB, f *fixture) { f.customers(t, "c1") }
	seedPS := func(t testing.TB, f *fixture) { f.customers(t, "c1"); f.paymentSource(t, "c1") }
	cust := func(cb *chargebee.Client) *customer.Service { return customer.NewService(cb) }
	var out []action
	for _, v1 := range []bool{false, true} {
		suffix, fake := "", "customer."
		if v1 {
			suffix, fake = " (v1)", "customer_v1."
		}
		out = append(out,
			action{
				name: "customer.Create" + suffix, fake: fake + "create", method: "POST", path: "/customers", v1: v1,
				setup: func(testing.TB, *fixture) {},
				call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
					return cust(cb).Create(ctx, customer.NewCreateRequest().SetID("new1").SetEmail(piiEmail).
						SetFirstName(bodyMarker).SetMetaData(chargebee.Metadata{"note": bodyMarker}), opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*customer.CreateResult).Customer }),
			},
			action{
				name: "customer.List" + suffix, fake: fake + "list", method: "GET", path: "/customers", v1: v1, list: true,
				setup: func(t testing.TB, f *fixture) { f.customers(t, "c1", "c2") },
				call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
					req := customer.NewListRequest().SetLimit(1)
					if !v1 {
						req.SetEmail(chargebee.StringFilter{Is: piiEmail})
					}
					return collect(cust(cb).List(ctx, req, opts...))
				},
				complete: func(res any) error {
					for _, e := range res.([]*customer.ListEntry) {
						if e == nil || e.Customer == nil {
							return need(false, "customer in an entry")
						}
					}
					return nil
				},
			},
			action{
				name: "customer.Retrieve" + suffix, fake: fake + "retrieve", method: "GET", path: "/customers/c1", v1: v1, id: "c1",
				setup: seedC1,
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return cust(cb).Retrieve(ctx, id, opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*customer.RetrieveResult).Customer }),
			},
			action{
				name: "customer.Update" + suffix, fake: fake + "update", method: "POST", path: "/customers/c1", v1: v1, id: "c1",
				setup: seedC1,
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return cust(cb).Update(ctx, id, customer.NewUpdateRequest().SetFirstName(bodyMarker).SetEmail(piiEmail), opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*customer.UpdateResult).Customer }),
			},
			action{
				name: "customer.UpdatePaymentMethod" + suffix, fake: fake + "update_payment_method", method: "POST",
				path: "/customers/c1/update_payment_method", v1: v1, id: "c1",
				setup: seedC1,
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return cust(cb).UpdatePaymentMethod(ctx, id, customer.NewUpdatePaymentMethodRequest().SetPaymentMethod(
						customer.NewPaymentMethodParams().SetType(customer.PaymentMethodTypeCard).SetReferenceID(bodyMarker)), opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*customer.UpdatePaymentMethodResult).Customer }),
			},
			action{
				name: "customer.UpdateBillingInfo" + suffix, fake: fake + "update_billing_info", method: "POST",
				path: "/customers/c1/update_billing_info", v1: v1, id: "c1",
				setup: seedC1,
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return cust(cb).UpdateBillingInfo(ctx, id, customer.NewUpdateBillingInfoRequest().SetBillingAddress(
						customer.NewBillingAddressParams().SetLine1(bodyMarker).SetEmail(piiEmail).SetCountry("US")), opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*customer.UpdateBillingInfoResult).Customer }),
			},
			action{
				name: "customer.Delete" + suffix, fake: fake + "delete", method: "POST", path: "/customers/c1/delete", v1: v1, id: "c1",
				setup: seedC1,
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return cust(cb).Delete(ctx, id, nil, opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*customer.DeleteResult).Customer }),
			},
		)
	}
	return append(out,
		action{
			name: "customer.AssignPaymentRole", fake: "customer.assign_payment_role", method: "POST",
			path: "/customers/c1/assign_payment_role", id: "c1",
			setup: seedPS,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return cust(cb).AssignPaymentRole(ctx, id, customer.NewAssignPaymentRoleRequest().SetPaymentSourceID("pm_1").SetRole(customer.PaymentRoleNone), opts...)
			},
			complete: func(res any) error {
				r := res.(*customer.AssignPaymentRoleResult)
				return need(r.Customer != nil && r.PaymentSource != nil, "customer and payment_source")
			},
		},
		action{
			name: "customer.RecordExcessPayment", fake: "customer.record_excess_payment", method: "POST",
			path: "/customers/c1/record_excess_payment", id: "c1",
			setup: seedC1,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return cust(cb).RecordExcessPayment(ctx, id, customer.NewRecordExcessPaymentRequest().SetComment(bodyMarker).SetTransaction(
					customer.NewTransactionParams().SetAmount(500).SetDate(fixedNow).SetPaymentMethod(customer.TransactionPaymentMethodCash)), opts...)
			},
			complete: func(res any) error {
				r := res.(*customer.RecordExcessPaymentResult)
				return need(r.Customer != nil && r.Transaction != nil, "customer and transaction")
			},
		},
		action{
			name: "customer.CollectPayment", fake: "customer.collect_payment", method: "POST",
			path: "/customers/c1/collect_payment", id: "c1",
			setup: seedPS,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return cust(cb).CollectPayment(ctx, id, customer.NewCollectPaymentRequest().SetAmount(300), opts...)
			},
			complete: func(res any) error {
				r := res.(*customer.CollectPaymentResult)
				return need(r.Customer != nil && r.Transaction != nil, "customer and transaction")
			},
		},
		action{
			name: "customer.Move", fake: "customer.move", method: "POST", path: "/customers/move",
			setup: func(testing.TB, *fixture) {},
			call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
				return cust(cb).Move(ctx, customer.NewMoveRequest().SetIDAtFromSite(bodyMarker).SetFromSite("acme-old"), opts...)
			},
			complete: func(res any) error {
				return need(res.(*customer.MoveResult).ResourceMigration != nil, "resource_migration")
			},
		},
		action{
			name: "customer.ChangeBillingDate", fake: "customer.change_billing_date", method: "POST",
			path: "/customers/c1/change_billing_date", id: "c1",
			setup: seedC1,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return cust(cb).ChangeBillingDate(ctx, id, customer.NewChangeBillingDateRequest().SetBillingDate(15), opts...)
			},
			complete: customerResult(func(r any) *customer.Customer { return r.(*customer.ChangeBillingDateResult).Customer }),
		},
		action{
			name: "customer.Merge", fake: "customer.merge", method: "POST", path: "/customers/merge",
			setup: func(t testing.TB, f *fixture) { f.customers(t, "c1", "c2") },
			call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
				return cust(cb).Merge(ctx, customer.NewMergeRequest().SetFromCustomerID("c2").SetToCustomerID("c1"), opts...)
			},
			complete: customerResult(func(r any) *customer.Customer { return r.(*customer.MergeResult).Customer }),
		},
		action{
			name: "customer.ClearPersonalData", fake: "customer.clear_personal_data", method: "POST",
			path: "/customers/c1/clear_personal_data", id: "c1",
			setup: seedC1,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return cust(cb).ClearPersonalData(ctx, id, opts...)
			},
			complete: customerResult(func(r any) *customer.Customer { return r.(*customer.ClearPersonalDataResult).Customer }),
		},
	)
}

func contactActions() []action {
	svc := func(cb *chargebee.Client) *contact.Service { return contact.NewService(cb) }
	out := []action{{
		name: "contact.List", fake: "customer.contacts_for_customer", method: "GET", path: "/customers/c1/contacts", id: "c1", list: true,
		setup: func(t testing.TB, f *fixture) {
			f.customers(t, "c1")
			f.contact(t, "c1", "ct1")
			f.contact(t, "c1", "ct2")
		},
		call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
			return collect(svc(cb).List(ctx, id, contact.NewListRequest().SetLimit(1), opts...))
		},
		complete: func(res any) error {
			for _, e := range res.([]*contact.ListEntry) {
				if e == nil || e.Contact == nil {
					return need(false, "contact in an entry")
				}
			}
			return nil
		},
	}}
	for _, v1 := range []bool{false, true} {
		suffix, fake := "", "customer."
		if v1 {
			suffix, fake = " (v1)", "customer_v1."
		}
		out = append(out,
			action{
				name: "contact.Add" + suffix, fake: fake + "add_contact", method: "POST", path: "/customers/c1/add_contact", v1: v1, id: "c1",
				setup: func(t testing.TB, f *fixture) { f.customers(t, "c1") },
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return svc(cb).Add(ctx, id, contact.NewAddRequest().SetEmail(piiEmail).SetFirstName(bodyMarker), opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*contact.AddResult).Customer }),
			},
			action{
				name: "contact.Update" + suffix, fake: fake + "update_contact", method: "POST", path: "/customers/c1/update_contact", v1: v1, id: "c1",
				setup: func(t testing.TB, f *fixture) { f.customers(t, "c1"); f.contact(t, "c1", "ct1") },
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return svc(cb).Update(ctx, id, contact.NewUpdateRequest().SetID("ct1").SetEmail(piiEmail).SetLabel(bodyMarker), opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*contact.UpdateResult).Customer }),
			},
			action{
				name: "contact.Delete" + suffix, fake: fake + "delete_contact", method: "POST", path: "/customers/c1/delete_contact", v1: v1, id: "c1",
				setup: func(t testing.TB, f *fixture) { f.customers(t, "c1"); f.contact(t, "c1", "ct1") },
				call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
					return svc(cb).Delete(ctx, id, "ct1", opts...)
				},
				complete: customerResult(func(r any) *customer.Customer { return r.(*contact.DeleteResult).Customer }),
			},
		)
	}
	return out
}

func relationshipActions() []action {
	svc := func(cb *chargebee.Client) *relationship.Service { return relationship.NewService(cb) }
	linked := func(t testing.TB, f *fixture) { f.customers(t, "c1", "p1"); f.link(t, "c1", "p1") }
	return []action{
		{
			name: "relationship.Link", fake: "customer.relationships", method: "POST", path: "/customers/c1/relationships", id: "c1",
			setup: func(t testing.TB, f *fixture) { f.customers(t, "c1", "p1") },
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Link(ctx, id, relationship.NewLinkRequest().SetParentID("p1"), opts...)
			},
			complete: customerResult(func(r any) *customer.Customer { return r.(*relationship.LinkResult).Customer }),
		},
		{
			name: "relationship.Unlink", fake: "customer.delete_relationship", method: "POST", path: "/customers/c1/delete_relationship", id: "c1",
			setup: linked,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Unlink(ctx, id, opts...)
			},
			complete: customerResult(func(r any) *customer.Customer { return r.(*relationship.UnlinkResult).Customer }),
		},
		{
			name: "relationship.UpdateSettings", fake: "customer.update_hierarchy_settings", method: "POST",
			path: "/customers/c1/update_hierarchy_settings", id: "c1",
			setup: linked,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).UpdateSettings(ctx, id, relationship.NewUpdateSettingsRequest().SetUseDefaultHierarchySettings(false).
					SetChildAccountAccess(relationship.NewChildAccountAccessParams().SetSendPaymentEmails(true)), opts...)
			},
			complete: customerResult(func(r any) *customer.Customer { return r.(*relationship.UpdateSettingsResult).Customer }),
		},
		{
			name: "relationship.CreateChild", fake: "customer.create", method: "POST", path: "/customers", id: "p1", multi: true,
			setup: func(t testing.TB, f *fixture) { f.customers(t, "p1") },
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).CreateChild(ctx, id, customer.NewCreateRequest().SetID("kid1").SetEmail(piiEmail).SetFirstName(bodyMarker), nil, opts...)
			},
			complete: customerResult(func(r any) *customer.Customer { return r.(*relationship.CreateChildResult).Customer }),
		},
		{
			name: "relationship.Hierarchy", fake: "customer.hierarchy", method: "GET", path: "/customers/c1/hierarchy", id: "c1",
			setup: linked,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Hierarchy(ctx, id, relationship.HierarchyComplete, opts...)
			},
			complete: func(res any) error { return nil }, // an empty hierarchy is a valid answer
		},
		{
			name: "relationship.Tree", fake: "customer.hierarchy", method: "GET", path: "/customers/c1/hierarchy", id: "c1",
			setup: linked,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Tree(ctx, id, opts...)
			},
			complete: func(res any) error { return need(res.(*relationship.Tree).Root() != nil, "root") },
		},
		{
			name: "relationship.ListDetail", fake: "customer.list_hierarchy_detail", method: "GET", path: "/customers/p1/hierarchy_detail", id: "p1", list: true,
			setup: linked,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return collect(svc(cb).ListDetail(ctx, id, relationship.NewListDetailRequest().
					SetHierarchyOperationType(relationship.HierarchySubordinates).SetLimit(1), opts...))
			},
			complete: func(res any) error {
				for _, e := range res.([]*relationship.ListDetailEntry) {
					if e == nil || e.Hierarchy == nil {
						return need(false, "hierarchy in an entry")
					}
				}
				return nil
			},
		},
	}
}

func entitlementActions() []action {
	svc := func(cb *chargebee.Client) *entitlement.Service { return entitlement.NewService(cb) }
	seed := func(t testing.TB, f *fixture) { f.srv.SetEntitlements("c1", seedEntitlements...) }
	return []action{
		{
			name: "entitlement.List", fake: "customer_entitlement.entitlements_for_customer", method: "GET",
			path: "/customers/c1/customer_entitlements", id: "c1", list: true,
			setup: seed,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return collect(svc(cb).List(ctx, id, entitlement.NewListRequest().SetLimit(1), opts...))
			},
			complete: func(res any) error {
				for _, e := range res.([]*entitlement.ListEntry) {
					if e == nil || e.CustomerEntitlement == nil {
						return need(false, "customer_entitlement in an entry")
					}
				}
				return nil
			},
		},
		{
			name: "entitlement.Load", fake: "customer_entitlement.entitlements_for_customer", method: "GET",
			path: "/customers/c1/customer_entitlements", id: "c1",
			setup: seed,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Load(ctx, id, opts...)
			},
			complete: func(res any) error { return nil }, // a Set with no entries is valid
		},
	}
}

func creditActions() []action {
	svc := func(cb *chargebee.Client) *credits.Service { return credits.NewService(cb) }
	seedC1 := func(t testing.TB, f *fixture) { f.customers(t, "c1") }
	funded := func(t testing.TB, f *fixture) { f.customers(t, "c1"); f.credit(t, "c1", 1000) }
	result := func(res any) error {
		r := res.(*credits.Result)
		return need(r.Customer != nil && r.PromotionalCredit != nil, "customer and promotional_credit")
	}
	customerRes := customerResult(func(r any) *customer.Customer { return r.(*credits.CustomerResult).Customer })
	accountRes := func(res any) error { return need(res.(*credits.AccountCreditsResult).Customer != nil, "customer") }
	return []action{
		{
			name: "credits.Add", fake: "promotional_credit.add", method: "POST", path: "/promotional_credits/add",
			setup: seedC1,
			call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmount(1000).SetDescription(bodyMarker), opts...)
			},
			complete: result,
		},
		{
			name: "credits.Deduct", fake: "promotional_credit.deduct", method: "POST", path: "/promotional_credits/deduct",
			setup: funded,
			call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Deduct(ctx, credits.NewDeductRequest().SetCustomerID("c1").SetAmount(250).SetDescription(bodyMarker), opts...)
			},
			complete: result,
		},
		{
			name: "credits.Set", fake: "promotional_credit.set", method: "POST", path: "/promotional_credits/set",
			setup: funded,
			call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Set(ctx, credits.NewSetRequest().SetCustomerID("c1").SetAmount(100).SetDescription(bodyMarker), opts...)
			},
			complete: result,
		},
		{
			name: "credits.List", fake: "promotional_credit.list", method: "GET", path: "/promotional_credits", list: true,
			setup: func(t testing.TB, f *fixture) { f.customers(t, "c1"); f.credit(t, "c1", 1000); f.credit(t, "c1", 5) },
			call: func(ctx context.Context, cb *chargebee.Client, _ string, opts ...chargebee.RequestOption) (any, error) {
				return collect(svc(cb).List(ctx, credits.NewListRequest().SetCustomerID(chargebee.StringFilter{Is: "c1"}).SetLimit(1), opts...))
			},
			complete: func(res any) error {
				for _, e := range res.([]*credits.ListEntry) {
					if e == nil || e.PromotionalCredit == nil {
						return need(false, "promotional_credit in an entry")
					}
				}
				return nil
			},
		},
		{
			name: "credits.Retrieve", fake: "promotional_credit.retrieve", method: "GET", path: "/promotional_credits/pc_1", id: "pc_1",
			setup: funded,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).Retrieve(ctx, id, opts...)
			},
			complete: func(res any) error {
				return need(res.(*credits.RetrieveResult).PromotionalCredit != nil, "promotional_credit")
			},
		},
		{
			name: "credits.AddPromotionalCredits", fake: "customer.add_promotional_credits", method: "POST",
			path: "/customers/c1/add_promotional_credits", id: "c1",
			setup: seedC1,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				//lint:ignore SA1019 the deprecated action is part of the SDK and must stay reliable
				return svc(cb).AddPromotionalCredits(ctx, id, credits.NewAddPromotionalCreditsRequest().SetAmount(5).SetDescription(bodyMarker), opts...)
			},
			complete: customerRes,
		},
		{
			name: "credits.DeductPromotionalCredits", fake: "customer.deduct_promotional_credits", method: "POST",
			path: "/customers/c1/deduct_promotional_credits", id: "c1",
			setup: funded,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				//lint:ignore SA1019 the deprecated action is part of the SDK and must stay reliable
				return svc(cb).DeductPromotionalCredits(ctx, id, credits.NewDeductPromotionalCreditsRequest().SetAmount(5).SetDescription(bodyMarker), opts...)
			},
			complete: customerRes,
		},
		{
			name: "credits.SetPromotionalCredits", fake: "customer.set_promotional_credits", method: "POST",
			path: "/customers/c1/set_promotional_credits", id: "c1",
			setup: funded,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				//lint:ignore SA1019 the deprecated action is part of the SDK and must stay reliable
				return svc(cb).SetPromotionalCredits(ctx, id, credits.NewSetPromotionalCreditsRequest().SetAmount(7).SetDescription(bodyMarker), opts...)
			},
			complete: customerRes,
		},
		{
			name: "credits.AddAccountCredits (v1)", fake: "customer_v1.add_account_credits", method: "POST",
			path: "/customers/c1/add_account_credits", id: "c1", v1: true,
			setup: seedC1,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).AddAccountCredits(ctx, id, credits.NewAddAccountCreditsRequest().SetAmount(500).SetDescription(bodyMarker), opts...)
			},
			complete: accountRes,
		},
		{
			name: "credits.DeductAccountCredits (v1)", fake: "customer_v1.deduct_account_credits", method: "POST",
			path: "/customers/c1/deduct_account_credits", id: "c1", v1: true,
			setup: funded,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).DeductAccountCredits(ctx, id, credits.NewDeductAccountCreditsRequest().SetAmount(5).SetDescription(bodyMarker), opts...)
			},
			complete: accountRes,
		},
		{
			name: "credits.SetAccountCredits (v1)", fake: "customer_v1.set_account_credits", method: "POST",
			path: "/customers/c1/set_account_credits", id: "c1", v1: true,
			setup: funded,
			call: func(ctx context.Context, cb *chargebee.Client, id string, opts ...chargebee.RequestOption) (any, error) {
				return svc(cb).SetAccountCredits(ctx, id, credits.NewSetAccountCreditsRequest().SetAmount(42).SetDescription(bodyMarker), opts...)
			},
			complete: accountRes,
		},
	}
}

// TestEveryActionWorksAgainstTheFake is the baseline of the suite: every
// action of the table succeeds once against the fake, without faults, and
// returns a complete result. The other tests break this path on purpose.
func TestEveryActionWorksAgainstTheFake(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, a := range allActions() {
		if names[a.name] {
			t.Fatalf("action %s listed twice", a.name)
		}
		names[a.name] = true
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			a.setup(t, f)
			f.srv.ClearRequests()
			res, err := a.run(context.Background(), f.client(a, chargebee.WithMaxRetries(0)))
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if isNil(res) {
				t.Fatal("nil result without an error")
			}
			if err := a.complete(res); err != nil {
				t.Fatal(err)
			}
			reqs := f.srv.Requests()
			if len(reqs) == 0 {
				t.Fatal("nothing sent")
			}
			prefix := "/api/v2"
			if a.v1 {
				prefix = "/api/v1"
			}
			if first := reqs[0]; first.Method != a.method || first.Path != prefix+a.path || first.Action != a.fake {
				t.Errorf("first request %s %s (%s), want %s %s (%s)", first.Method, first.Path, first.Action, a.method, prefix+a.path, a.fake)
			}
		})
	}
	// Every method of the resource packages that sends a request is in the
	// table (each List standing for its ListPage as well).
	if len(names) != 48 {
		t.Errorf("%d actions in the table, want 48", len(names))
	}
}
