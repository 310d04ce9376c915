package entitlement

import (
	"context"

	"github.com/billingkit/chargebee-go"
)

// loadPageSize is the number of features Load asks for per page: the
// largest Chargebee allows, so that most customers take one call.
const loadPageSize = 100

// Load reads every page of the customer's entitlements and returns them as a
// Set indexed by feature id, ready for Set.Enabled and Set.Value checks.
//
// It asks for 100 features per page, so most customers take one call. By
// default each subscription contributes its own entry; pass Consolidated()
// to have Chargebee merge them into one entry per feature. Other request
// options (headers, business entity, WithResponse) apply to every page.
//
// A Set is a snapshot: load it again when the customer's subscriptions
// change. An error is returned as is, matching ErrNotEnabled when the
// endpoint is not enabled for the site.
//
// See https://apidocs.chargebee.com/docs/api/customer_entitlements#list_customer_entitlements.
func (s *Service) Load(ctx context.Context, customerID string, opts ...chargebee.RequestOption) (*Set, error) {
	set := &Set{customerID: customerID, byFeature: map[string][]int{}}
	for e, err := range s.List(ctx, customerID, NewListRequest().SetLimit(loadPageSize), opts...) {
		if err != nil {
			return nil, err
		}
		set.add(*e.CustomerEntitlement)
	}
	return set, nil
}

// Consolidated is a request option for Load (and List) that sends
// consolidate_entitlements=true: Chargebee then returns one entry per feature,
// merging what the customer's subscriptions grant, instead of one entry per
// subscription and feature.
func Consolidated() chargebee.RequestOption {
	return chargebee.WithParam("consolidate_entitlements", "true")
}
