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
