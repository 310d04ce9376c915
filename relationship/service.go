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
	"github.com/billingkit/chargebee-go/internal/api"
)

// Service calls the hierarchy actions of the Chargebee customer API. It is
// safe for concurrent use.
type Service struct {
	cb *chargebee.Client
}

// NewService returns a Service that sends its requests through cb.
func NewService(cb *chargebee.Client) *Service {
	return &Service{cb: cb}
}

// guard reports a nil Service, or one without a client made by
// chargebee.NewClient, before anything else is checked.
func (s *Service) guard() error {
	if s == nil || s.cb == nil {
		return api.NilService("relationship")
	}
	return api.CheckClient(s.cb)
}

// v2 fails, before anything is sent, when the service is nil or its client
// speaks another API version than v2, which every action here needs.
func (s *Service) v2(action string) error {
	if err := s.guard(); err != nil {
		return err
	}
	return api.RequireVersion(s.cb, chargebee.APIv2, action, "")
}
