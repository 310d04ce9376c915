package entitlement_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// FuzzListPageDecode feeds arbitrary response bodies to ListPage: it must
// never panic, and either fail with a *chargebee.DecodeError or return a
// page whose every entry carries its entitlement.
func FuzzListPageDecode(f *testing.F) {
	f.Add(`{"list":[]}`)
	f.Add(`{"list":[{"customer_entitlement":{"customer_id":"c1","feature_id":"f","value":"3","is_enabled":true}}],"next_offset":"2"}`)
	f.Add(`{"list":[{}]}`)
	f.Add(`{"list":null}`)
	f.Add(`{"next_offset":1}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		cb, _, _ := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, body })
		page, err := entitlement.NewService(cb).ListPage(context.Background(), "c1", nil)
		if err != nil {
			var de *chargebee.DecodeError
			if !errors.As(err, &de) || page != nil {
				t.Fatalf("got %v, %v", page, err)
			}
			return
		}
		for i, e := range page.Items {
			if e.CustomerEntitlement == nil {
				t.Fatalf("entry %d has no entitlement", i)
			}
		}
		set := entitlement.NewSet("c1", nil)
		for _, e := range page.Items {
			set = entitlement.NewSet("c1", append(set.All(), *e.CustomerEntitlement))
		}
		for _, f := range set.Features() {
			if len(set.Entries(f)) == 0 {
				t.Fatalf("feature %q listed without entries", f)
			}
			if _, ok := set.Value(f); ok != set.Enabled(f) {
				t.Fatalf("Value and Enabled disagree on %q", f)
			}
		}
	})
}
