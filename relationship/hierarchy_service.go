package relationship

import (
	"context"

	"github.com/billingkit/chargebee-go"
)

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
