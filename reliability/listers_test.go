package reliability_test

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/relationship"
)

// lister is one list action that pages: every List of every package, and
// entitlement.Load, which reads all pages itself.
type lister struct {
	name string
	fake string // the catalog action of its requests
	path string // escaped path after /api/vN
	v1   bool
	// entry is the JSON of one list entry, with {n} standing for its
	// number, for servers other than the fake.
	entry string
	// setup seeds the fake with at least five entries.
	setup func(t testing.TB, f *fixture)
	// seq lists with the page size limit; nil for a consumer like Load.
	seq func(ctx context.Context, cb *chargebee.Client, limit int32) iter.Seq2[any, error]
	// all reads every page and returns the result, for consumers.
	all func(ctx context.Context, cb *chargebee.Client) (any, error)
}

func (l lister) action() action { return action{name: l.name, v1: l.v1} }

// anySeq turns a typed iterator into one of any, keeping nil entries nil.
func anySeq[T any](s iter.Seq2[*T, error]) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for e, err := range s {
			var v any
			if e != nil {
				v = e
			}
			if !yield(v, err) {
				return
			}
		}
	}
}

func (l lister) entryJSON(n int) string { return strings.ReplaceAll(l.entry, "{n}", fmt.Sprint(n)) }

func listers() []lister {
	fiveCustomers := func(t testing.TB, f *fixture) { f.customers(t, "c1", "c2", "c3", "c4", "c5") }
	var out []lister
	for _, v1 := range []bool{false, true} {
		name, fake := "customer.List", "customer.list"
		if v1 {
			name, fake = "customer.List (v1)", "customer_v1.list"
		}
		out = append(out, lister{
			name: name, fake: fake, path: "/customers", v1: v1,
			entry: `{"customer":{"id":"c{n}","object":"customer"}}`,
			setup: fiveCustomers,
			seq: func(ctx context.Context, cb *chargebee.Client, limit int32) iter.Seq2[any, error] {
				return anySeq(customer.NewService(cb).List(ctx, customer.NewListRequest().SetLimit(limit)))
			},
		})
	}
	return append(out,
		lister{
			name: "contact.List", fake: "customer.contacts_for_customer", path: "/customers/c1/contacts",
			entry: `{"contact":{"id":"ct{n}","email":"ct{n}@acme.test","object":"contact"}}`,
			setup: func(t testing.TB, f *fixture) {
				f.customers(t, "c1")
				for i := 1; i <= 5; i++ {
					f.contact(t, "c1", fmt.Sprint("ct", i))
				}
			},
			seq: func(ctx context.Context, cb *chargebee.Client, limit int32) iter.Seq2[any, error] {
				return anySeq(contact.NewService(cb).List(ctx, "c1", contact.NewListRequest().SetLimit(limit)))
			},
		},
		lister{
			name: "relationship.ListDetail", fake: "customer.list_hierarchy_detail", path: "/customers/p1/hierarchy_detail",
			entry: `{"hierarchy":{"customer_id":"c{n}","parent_id":"p1","payment_owner_id":"c{n}","invoice_owner_id":"c{n}","object":"hierarchy"}}`,
			setup: func(t testing.TB, f *fixture) {
				f.customers(t, "p1", "c1", "c2", "c3", "c4")
				for i := 1; i <= 4; i++ {
					f.link(t, fmt.Sprint("c", i), "p1")
				}
			},
			seq: func(ctx context.Context, cb *chargebee.Client, limit int32) iter.Seq2[any, error] {
				return anySeq(relationship.NewService(cb).ListDetail(ctx, "p1", relationship.NewListDetailRequest().
					SetHierarchyOperationType(relationship.HierarchySubordinates).SetLimit(limit)))
			},
		},
		lister{
			name: "entitlement.List", fake: "customer_entitlement.entitlements_for_customer", path: "/customers/c1/customer_entitlements",
			entry: `{"customer_entitlement":{"customer_id":"c1","subscription_id":"s1","feature_id":"f{n}","value":"{n}","name":"v{n}","is_enabled":true}}`,
			setup: fiveFeatures,
			seq: func(ctx context.Context, cb *chargebee.Client, limit int32) iter.Seq2[any, error] {
				return anySeq(entitlement.NewService(cb).List(ctx, "c1", entitlement.NewListRequest().SetLimit(limit)))
			},
		},
		lister{
			name: "entitlement.Load", fake: "customer_entitlement.entitlements_for_customer", path: "/customers/c1/customer_entitlements",
			entry: `{"customer_entitlement":{"customer_id":"c1","subscription_id":"s1","feature_id":"f{n}","value":"{n}","name":"v{n}","is_enabled":true}}`,
			setup: fiveFeatures,
			all: func(ctx context.Context, cb *chargebee.Client) (any, error) {
				return entitlement.NewService(cb).Load(ctx, "c1")
			},
		},
		lister{
			name: "credits.List", fake: "promotional_credit.list", path: "/promotional_credits",
			entry: `{"promotional_credit":{"id":"pc_{n}","customer_id":"c1","type":"increment","amount":{n},"currency_code":"USD","description":"d","credit_type":"general","closing_balance":{n},"created_at":1700000000,"object":"promotional_credit"}}`,
			setup: func(t testing.TB, f *fixture) {
				f.customers(t, "c1")
				for i := 1; i <= 5; i++ {
					f.credit(t, "c1", int64(i))
				}
			},
			seq: func(ctx context.Context, cb *chargebee.Client, limit int32) iter.Seq2[any, error] {
				return anySeq(credits.NewService(cb).List(ctx, credits.NewListRequest().SetLimit(limit)))
			},
		},
	)
}

func fiveFeatures(t testing.TB, f *fixture) {
	var ents []chargebeetest.Entitlement
	for i := 1; i <= 5; i++ {
		ents = append(ents, chargebeetest.Entitlement{SubscriptionID: "s1", FeatureID: fmt.Sprint("f", i), Value: fmt.Sprint(i), Name: "v", IsEnabled: true})
	}
	f.srv.SetEntitlements("c1", ents...)
}

// TestListersPageThroughTheFake is the baseline of the paging tests: with
// a page size of one, every lister reads its five entries from the fake,
// one request per page.
func TestListersPageThroughTheFake(t *testing.T) {
	t.Parallel()
	for _, l := range listers() {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			l.setup(t, f)
			f.srv.ClearRequests()
			cb := f.client(l.action())
			if l.seq == nil {
				set, err := l.all(context.Background(), cb)
				if err != nil || set.(*entitlement.Set).Len() != 5 {
					t.Fatalf("Load: %v %v", set, err)
				}
				return
			}
			n := 0
			for e, err := range l.seq(context.Background(), cb, 1) {
				if err != nil || e == nil {
					t.Fatalf("entry %d: %v %v", n, e, err)
				}
				n++
			}
			if n != 5 || len(f.srv.RequestsFor(l.fake)) != 5 {
				t.Errorf("%d entries over %d requests, want 5 and 5", n, len(f.srv.RequestsFor(l.fake)))
			}
		})
	}
}
