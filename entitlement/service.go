package entitlement

import (
	"context"

	"github.com/billingkit/chargebee-go"
)

// Load reads every page of the customer's entitlements and returns them as a
// Set indexed by feature id, ready for Set.Enabled and Set.Value checks.
//
// It asks for 100 features per page, the most Chargebee allows, so most
// customers take one call. By default each subscription contributes its own
// entry; pass Consolidated() to have Chargebee merge them into one entry per
// feature. Other request options (headers, business entity, WithResponse)
// apply to every page.
//
// A Set is a snapshot: load it again when the customer's subscriptions
// change. An error is returned as is, matching ErrNotEnabled when the
// endpoint is not enabled for the site.
//
// See https://apidocs.chargebee.com/docs/api/customer_entitlements#list_customer_entitlements.
func (s *Service) Load(ctx context.Context, customerID string, opts ...chargebee.RequestOption) (*Set, error) {
	var all []CustomerEntitlement
	for e, err := range s.List(ctx, customerID, NewListRequest().SetLimit(100), opts...) {
		if err != nil {
			return nil, err
		}
		all = append(all, *e.CustomerEntitlement)
	}
	return NewSet(customerID, all), nil
}

// Consolidated is a request option for Load (and List) that sends
// consolidate_entitlements=true: Chargebee then returns one entry per feature,
// merging what the customer's subscriptions grant, instead of one entry per
// subscription and feature.
func Consolidated() chargebee.RequestOption {
	return chargebee.WithParam("consolidate_entitlements", "true")
}
