// Package relationship manages the Chargebee customer hierarchy: linking a
// customer under a parent, unlinking it, its access settings, and reading the
// hierarchy as a flat list, page by page, or as a tree.
//
// In a link the customer in the path is the child and parent_id its parent;
// the payment owner pays the child's invoices and the invoice owner receives
// them. Every action of this package needs API v2.
//
//	rels := relationship.NewService(cb)
//	_, err := rels.Link(ctx, "child_1", relationship.NewLinkRequest().SetParentID("parent_1"))
//	tree, err := rels.Tree(ctx, "child_1")
//
// See https://apidocs.chargebee.com/docs/api/customers and
// https://apidocs.chargebee.com/docs/api/hierarchies.
package relationship

import (
	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/api"
)

// PortalAccess is a level of access in the Self-Serve Portal, used by the
// portal_* settings of ParentAccountAccessParams and ChildAccountAccessParams.
// It is the customer package's type, so the settings read back from a
// customer.Customer compare directly with these constants.
type PortalAccess = customer.PortalAccess

// PortalAccess values.
const (
	// PortalAccessYes allows viewing and editing (or downloading).
	PortalAccessYes = customer.PortalAccessYes
	// PortalAccessViewOnly allows viewing only.
	PortalAccessViewOnly = customer.PortalAccessViewOnly
	// PortalAccessNo allows neither.
	PortalAccessNo = customer.PortalAccessNo
)

// checkLink runs before Link sends anything: a customer cannot be linked
// under itself.
func (s *Service) checkLink(childID string, req *LinkRequest, _ []chargebee.RequestOption) error {
	if req != nil && req.ParentID != nil && *req.ParentID == childID {
		return api.Invalid("parent_id", "must differ from the customer being linked")
	}
	return nil
}
