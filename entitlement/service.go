package entitlement

import (
	"context"
	"iter"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// Service calls the customer entitlement actions. Create it with NewService;
// it is safe for concurrent use.
type Service struct {
	cb *chargebee.Client
}

// NewService returns a Service that sends its calls through cb.
func NewService(cb *chargebee.Client) *Service { return &Service{cb: cb} }

// guard reports a nil Service, or one without a client made by
// chargebee.NewClient, before anything else is checked.
func (s *Service) guard() error {
	if s == nil || s.cb == nil {
		return api.NilService("entitlement")
	}
	return api.CheckClient(s.cb)
}

// loadPageSize is the number of features Load asks for per page: the
// largest Chargebee allows, so that most customers take one call.
const loadPageSize = 100

// ListPage fetches one page of the customer's entitlements
// (GET /customers/{customer-id}/customer_entitlements) and returns it with the
// offset of the next page, empty on the last page. Pass that offset back in
// req.Offset to read the next page.
//
// The page size counts features, not entries: a page holds every entitlement
// of up to req.Limit features, one per subscription unless consolidated, so
// len(page.Items) may exceed the limit.
//
// On a client made for API v1 it fails before sending with an error matching
// chargebee.ErrAPIVersion. When the endpoint is not enabled for the site the
// error matches ErrNotEnabled.
//
// See https://apidocs.chargebee.com/docs/api/customer_entitlements#list_customer_entitlements.
func (s *Service) ListPage(ctx context.Context, customerID string, req *ListRequest, opts ...chargebee.RequestOption) (*chargebee.Page[ListEntry], error) {
	if err := s.guard(); err != nil {
		return nil, err
	}
	if err := api.RequireVersion(s.cb, chargebee.APIv2, "entitlement.List", "customer entitlements exist only in API v2"); err != nil {
		return nil, err
	}
	id, err := api.PathID("customer_id", customerID)
	if err != nil {
		return nil, err
	}
	out := &api.ListPage[ListEntry]{Action: "entitlement.List", Entry: func(e *ListEntry) string {
		if e.CustomerEntitlement == nil {
			return "customer_entitlement"
		}
		return ""
	}}
	if err := s.cb.Do(ctx, http.MethodGet, "/customers/"+id+"/customer_entitlements", req, out, opts...); err != nil {
		return nil, notEnabled(err)
	}
	return &out.Page, nil
}

// List returns an iterator over all entitlements of the customer, in the
// order Chargebee lists them. It sends nothing until ranged over, then
// fetches one page at a time, passing each page's next_offset back as the
// offset of the next. Every entry is yielded exactly once, however many
// entries a page holds (see ListPage on feature-based paging). It starts at
// req.Offset when that is set; req itself is never modified.
//
// The first error ends the iteration and is yielded once, with a nil entry;
// it matches ErrNotEnabled when the endpoint is not enabled for the site.
//
// See https://apidocs.chargebee.com/docs/api/customer_entitlements#list_customer_entitlements.
func (s *Service) List(ctx context.Context, customerID string, req *ListRequest, opts ...chargebee.RequestOption) iter.Seq2[*ListEntry, error] {
	var base ListRequest
	if req != nil {
		base = *req
	}
	return chargebee.Paginate(ctx, func(ctx context.Context, offset string) (*chargebee.Page[ListEntry], error) {
		page := base
		if offset != "" {
			page.Offset = &offset
		}
		return s.ListPage(ctx, customerID, &page, opts...)
	})
}

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
