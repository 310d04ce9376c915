package relationship

import (
	"context"
	"iter"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// Hierarchy returns the entries of the hierarchy the customer belongs to, as
// a flat list: the part selected by t (for example HierarchyComplete or
// HierarchySubordinates). The list is not paginated. BuildTree, or Tree,
// turns it into a tree. The action needs API v2.
//
// See https://apidocs.chargebee.com/docs/api/hierarchies.
func (s *Service) Hierarchy(ctx context.Context, customerID string, t HierarchyType, opts ...chargebee.RequestOption) (*HierarchyResult, error) {
	if err := s.v2("relationship.Hierarchy"); err != nil {
		return nil, err
	}
	id, err := api.PathID("customer_id", customerID)
	if err != nil {
		return nil, err
	}
	out := new(HierarchyResult)
	if err := s.cb.Do(ctx, http.MethodGet, "/customers/"+id+"/hierarchy", &hierarchyParams{Type: t}, out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

// Tree fetches the complete hierarchy of the customer with one call and
// returns it as a tree (see BuildTree for how it is built). The customer can
// be anywhere in the hierarchy; use Tree.Node to find it and Node.PathToRoot
// for its ancestors. If the data Chargebee returns does not form a tree, or
// does not contain the customer, the error is a *TreeError. The action needs
// API v2.
func (s *Service) Tree(ctx context.Context, customerID string, opts ...chargebee.RequestOption) (*Tree, error) {
	res, err := s.Hierarchy(ctx, customerID, HierarchyComplete, opts...)
	if err != nil {
		return nil, err
	}
	t, err := BuildTree(res.Hierarchies)
	if err != nil {
		return nil, err
	}
	if _, ok := t.Node(customerID); !ok {
		return nil, &TreeError{Err: ErrNotInHierarchy, CustomerIDs: []string{customerID}}
	}
	return t, nil
}

// ListDetail pages lazily through the hierarchy entries of the customer: the
// part selected by req.HierarchyOperationType, which is required. Nothing is
// sent until the iterator is ranged over; pages are fetched one at a time and
// the first error is yielded once. req is not modified. The action needs API
// v2.
//
// See https://apidocs.chargebee.com/docs/api/hierarchies.
func (s *Service) ListDetail(ctx context.Context, customerID string, req *ListDetailRequest, opts ...chargebee.RequestOption) iter.Seq2[*ListDetailEntry, error] {
	return chargebee.Paginate(ctx, func(ctx context.Context, offset string) (*chargebee.Page[ListDetailEntry], error) {
		var r ListDetailRequest
		if req != nil {
			r = *req
		}
		if offset != "" {
			r.Offset = &offset
		}
		return s.ListDetailPage(ctx, customerID, &r, opts...)
	})
}

// ListDetailPage fetches one page of the hierarchy entries of the customer,
// starting at req.Offset. Pass the returned NextOffset back as the offset of
// the next call; it is empty on the last page. The action needs API v2.
func (s *Service) ListDetailPage(ctx context.Context, customerID string, req *ListDetailRequest, opts ...chargebee.RequestOption) (*chargebee.Page[ListDetailEntry], error) {
	if err := s.v2("relationship.ListDetail"); err != nil {
		return nil, err
	}
	id, err := api.PathID("customer_id", customerID)
	if err != nil {
		return nil, err
	}
	if req == nil {
		req = &ListDetailRequest{}
	}
	out := &api.ListPage[ListDetailEntry]{Action: "relationship.ListDetail"}
	if err := s.cb.Do(ctx, http.MethodGet, "/customers/"+id+"/hierarchy_detail", req, out, opts...); err != nil {
		return nil, err
	}
	return &out.Page, nil
}
