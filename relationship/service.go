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
