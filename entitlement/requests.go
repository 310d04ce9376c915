package entitlement

import (
	"github.com/billingkit/chargebee-go/internal/api"
)

// ListRequest holds the parameters of "List customer entitlements". All are
// optional; a nil *ListRequest lists with Chargebee's defaults.
//
// See https://apidocs.chargebee.com/docs/api/customer_entitlements#list_customer_entitlements.
type ListRequest struct {
	// Limit is the number of features (not entitlement objects) per page,
	// 1..100; Chargebee's default is 10. A page holds every entitlement of
	// up to Limit features, so it may carry more than Limit entries.
	Limit *int32 `url:"limit,omitempty"`
	// Offset is the next_offset of the previous page. List sets it itself;
	// it is for callers of ListPage who keep the position.
	Offset *string `url:"offset,omitempty"`
	// ConsolidateEntitlements asks Chargebee to merge the entitlements a
	// customer has to one feature through several subscriptions into one
	// entry per feature. Chargebee's default is false: one entry per
	// subscription and feature.
	ConsolidateEntitlements *bool `url:"consolidate_entitlements,omitempty"`
}

// NewListRequest returns an empty ListRequest.
func NewListRequest() *ListRequest { return &ListRequest{} }

// SetLimit sets limit, the number of features per page (1..100).
func (r *ListRequest) SetLimit(v int32) *ListRequest { r.Limit = &v; return r }

// SetOffset sets offset, the next_offset of the previous page.
func (r *ListRequest) SetOffset(v string) *ListRequest { r.Offset = &v; return r }

// SetConsolidateEntitlements sets consolidate_entitlements.
func (r *ListRequest) SetConsolidateEntitlements(v bool) *ListRequest {
	r.ConsolidateEntitlements = &v
	return r
}

// Validate checks limit (1..100) and offset (at most 1000 characters).
func (r *ListRequest) Validate() error {
	if r == nil {
		return nil
	}
	return api.First(api.Limit(r.Limit), api.Offset(r.Offset))
}
