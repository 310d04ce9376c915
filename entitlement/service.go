package entitlement

import (
	"context"

	"github.com/billingkit/chargebee-go"
)

// Load reads every page (100 entries each) of the customer's entitlements
// into a Set, a snapshot. Each subscription gives its own entries unless
// Consolidated() is passed; the options apply to every page.
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

// Consolidated is a request option for Load and List that has Chargebee
// merge the subscriptions' entries into one per feature.
func Consolidated() chargebee.RequestOption {
	return chargebee.WithParam("consolidate_entitlements", "true")
}
