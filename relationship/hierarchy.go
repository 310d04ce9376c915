package relationship

// HierarchyType selects which part of a customer hierarchy the hierarchy and
// hierarchy_detail actions return (the wire parameter
// hierarchy_operation_type). Chargebee may add values; any string is sent as
// given.
type HierarchyType string

// The hierarchy_operation_type values. Chargebee's request schema accepts all
// five; its published response types name only the first three, so
// HierarchySubordinatesWithUnbilledChargesPayableByParent and
// HierarchyImmediateChildren may not be enabled on every site.
const (
	// HierarchyComplete returns every customer of the hierarchy the
	// customer belongs to, from the root down.
	HierarchyComplete HierarchyType = "complete_hierarchy"
	// HierarchySubordinates returns the customer and every customer below it.
	HierarchySubordinates HierarchyType = "subordinates"
	// HierarchyPathToRoot returns the customer and its ancestors up to the
	// root.
	HierarchyPathToRoot HierarchyType = "path_to_root"
	// HierarchySubordinatesWithUnbilledChargesPayableByParent returns the
	// subordinates whose unbilled charges the parent pays.
	HierarchySubordinatesWithUnbilledChargesPayableByParent HierarchyType = "subordinates_with_unbilled_charges_payable_by_parent"
	// HierarchyImmediateChildren returns the direct children of the customer.
	HierarchyImmediateChildren HierarchyType = "immediate_children"
)

// Hierarchy is one customer's place in a customer hierarchy, as the hierarchy
// and hierarchy_detail actions return it. It is its own object, not a
// customer: it carries ids only. Chargebee documents at most 250 direct
// children per customer and 5 levels from the root to the lowest child.
//
// See https://apidocs.chargebee.com/docs/api/hierarchies.
type Hierarchy struct {
	// CustomerID is the customer this entry describes.
	CustomerID string `json:"customer_id"`
	// ParentID is the customer's immediate parent; empty for the root.
	ParentID string `json:"parent_id,omitempty"`
	// PaymentOwnerID is the customer whose payment sources pay this
	// customer's invoices.
	PaymentOwnerID string `json:"payment_owner_id"`
	// InvoiceOwnerID is the customer the invoices of this customer are
	// raised against.
	InvoiceOwnerID string `json:"invoice_owner_id"`
	// HasChildren reports whether the customer has children.
	HasChildren bool `json:"has_children,omitempty"`
	// ChildrenIDs lists the ids of the customer's direct children.
	ChildrenIDs []string `json:"children_ids,omitempty"`
	// Object is the object name Chargebee gives the entry, when sent.
	Object string `json:"object,omitempty"`
}
