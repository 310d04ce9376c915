package main

var relationshipPackage = &pkgSpec{
	Name:    "relationship",
	DocsURL: "https://apidocs.chargebee.com/docs/api/customers",
	Enums: map[string]string{
		"parent_account_access.portal_edit_child_subscriptions": "PortalAccess",
		"parent_account_access.portal_download_child_invoices":  "PortalAccess",
		"child_account_access.portal_edit_subscriptions":        "PortalAccess",
		"child_account_access.portal_download_invoices":         "PortalAccess",
		"hierarchy_operation_type":                              "HierarchyType",
	},
	EnumDocs: []enumSpec{
		{"HierarchyType", "HierarchyType selects which part of a customer hierarchy the hierarchy and hierarchy_detail actions return (the wire parameter hierarchy_operation_type)."},
		{"PortalAccess", "PortalAccess is a level of access in the Self-Serve Portal, used by the portal_* settings of ParentAccountAccessParams and ChildAccountAccessParams. It is the customer package's type, so the settings read back from a customer.Customer compare directly with these constants."},
	},
	EnumAliases: map[string]string{"PortalAccess": "customer"},
	ConstNames: map[string]string{
		"HierarchyType.complete_hierarchy":                                   "HierarchyComplete",
		"HierarchyType.subordinates":                                         "HierarchySubordinates",
		"HierarchyType.path_to_root":                                         "HierarchyPathToRoot",
		"HierarchyType.subordinates_with_unbilled_charges_payable_by_parent": "HierarchySubordinatesWithUnbilledChargesPayableByParent",
		"HierarchyType.immediate_children":                                   "HierarchyImmediateChildren",
	},
	ValueDoc: func(_ *catalog, enum, value string) (string, error) { return valueDocs[enum+"."+value], nil },
	Models: []modelSpec{
		{"hierarchy", "Hierarchy", "Hierarchy is one customer's place in a customer hierarchy, as the hierarchy and hierarchy_detail actions return it. It is its own object, not a customer: it carries ids only. Chargebee documents at most 250 direct children per customer and 5 levels from the root to the lowest child."},
	},
	Fields: map[string]fieldSpec{
		"customer":    {"*customer.Customer", "the customer with its relationship, hierarchy setting and account access"},
		"hierarchies": {"[]Hierarchy", "the flat list of hierarchy entries, in the order Chargebee sent them; BuildTree turns it into a tree"},
		"hierarchy":   {"*Hierarchy", "the hierarchy entry of one customer"},
	},
	Requests: []requestSpec{
		{
			Action: "customer.relationships", Name: "LinkRequest", Method: "Link",
			Doc: "LinkRequest holds the parameters of Service.Link, which places a customer (the child) under a parent. Every field is optional for Chargebee; which customers may be payment and invoice owners is checked by Chargebee, and its error, with the offending param, is returned as a *chargebee.Error.\n\nFor UseDefaultHierarchySettings, ParentAccountAccess and ChildAccountAccess \"parent\" usually means the payment owner; when PaymentOwnerID is the child itself, it means the parent named by ParentID.",
			Groups: map[string]groupSpec{
				"parent_account_access": {Type: "ParentAccountAccessParams", Doc: "ParentAccountAccessParams sets the parent's access to a child (parent_account_access[...])."},
				"child_account_access":  {Type: "ChildAccountAccessParams", Doc: "ChildAccountAccessParams sets a child's access to its own account (child_account_access[...])."},
			},
		},
		{
			Action: "customer.update_hierarchy_settings", Name: "UpdateSettingsRequest", Method: "UpdateSettings",
			Doc: "UpdateSettingsRequest holds the parameters of Service.UpdateSettings, which changes the access settings of a customer already in a hierarchy. All fields are optional.",
			Groups: map[string]groupSpec{
				"parent_account_access": {Type: "ParentAccountAccessParams"},
				"child_account_access":  {Type: "ChildAccountAccessParams"},
			},
		},
		{
			Action: "customer.hierarchy", Name: "hierarchyRequest", Method: "Hierarchy", Unexported: true,
			Doc: "hierarchyRequest holds the parameters of Service.Hierarchy, which takes them as arguments.",
		},
		{
			Action: "customer.list_hierarchy_detail", Name: "ListDetailRequest", Method: "ListDetail",
			Doc: "ListDetailRequest holds the parameters of Service.ListDetail and Service.ListDetailPage. HierarchyOperationType is required.",
		},
	},
	Actions: []actionSpec{
		{
			Action: "customer.relationships", Method: "Link", IDArg: "childID", Request: "LinkRequest", Result: "LinkResult",
			Anchor: "link_a_customer",
			Doc: "Link places the customer childID under a parent (req.ParentID) and sets who pays and receives its invoices and what each side may access. Chargebee sets the customer's relationship, use_default_hierarchy_settings, parent_account_access and child_account_access; invoices raised for the child afterwards belong to the invoice owner, and are paid with the payment owner's payment sources when the invoice owner has auto collection on.\n\n" +
				"Both customers must belong to the same business entity, and the hierarchy limits apply (Chargebee documents at most 250 direct children and 5 levels from root to lowest child). Chargebee checks these, and which customers may be payment and invoice owners; its error reaches the caller unchanged as a *chargebee.Error with Param naming the parameter. Before sending, Link checks only that childID is not empty and that req.ParentID, when given, differs from childID. A nil req sends no parameters. The parent and owners of a linked customer cannot be changed with UpdateSettings: Unlink it and Link it again.",
		},
		{
			Action: "customer.delete_relationship", Method: "Unlink", IDArg: "childID", Result: "UnlinkResult",
			Anchor: "delete_a_relationship",
			Doc:    "Unlink removes the customer childID from its parent. The action takes no parameters.",
		},
		{
			Action: "customer.update_hierarchy_settings", Method: "UpdateSettings", IDArg: "customerID", Request: "UpdateSettingsRequest", Result: "UpdateSettingsResult",
			Anchor: "update_hierarchy_access_settings",
			Doc:    "UpdateSettings changes the hierarchy access settings of a customer that is already linked: whether the site defaults apply, and what the parent and the customer itself may see and receive. With use_default_hierarchy_settings true (Chargebee's default when omitted) the stored access settings are removed and the site's settings apply; with false, the access settings sent replace the stored ones and those not sent stay as they are. The parent and the payment and invoice owners cannot be changed here. A nil req sends no parameters.",
		},
		{
			Action: "customer.hierarchy", Method: "Hierarchy", IDArg: "customerID", Request: "hierarchyRequest", Result: "HierarchyResult",
			Args:   []argSpec{{"t", "hierarchy_operation_type"}},
			Anchor: "get_hierarchy",
			Doc:    "Hierarchy returns the entries of the hierarchy the customer belongs to, as a flat list: the part selected by t (for example HierarchyComplete or HierarchySubordinates). The list is not paginated. BuildTree, or Tree, turns it into a tree.",
		},
		{
			Action: "customer.list_hierarchy_detail", Method: "ListDetail", IDArg: "customerID", Request: "ListDetailRequest", Result: "ListDetailEntry",
			Anchor: "list_hierarchy_detail",
			Doc:    "the hierarchy entries of the customer: the part selected by req.HierarchyOperationType, which is required",
		},
	},
}

// valueDocs documents the enum values. Chargebee's request schema accepts
// all five HierarchyType values; its published response types name only the
// first three.
var valueDocs = map[string]string{
	"PortalAccess.yes":                 "PortalAccessYes allows viewing and editing (or downloading).",
	"PortalAccess.view_only":           "PortalAccessViewOnly allows viewing only.",
	"PortalAccess.no":                  "PortalAccessNo allows neither.",
	"HierarchyType.complete_hierarchy": "HierarchyComplete returns every customer of the hierarchy the customer belongs to, from the root down.",
	"HierarchyType.subordinates":       "HierarchySubordinates returns the customer and every customer below it.",
	"HierarchyType.path_to_root":       "HierarchyPathToRoot returns the customer and its ancestors up to the root.",
	"HierarchyType.subordinates_with_unbilled_charges_payable_by_parent": "HierarchySubordinatesWithUnbilledChargesPayableByParent returns the subordinates whose unbilled charges the parent pays. It is missing from Chargebee's published response types and may not be enabled on every site.",
	"HierarchyType.immediate_children":                                   "HierarchyImmediateChildren returns the direct children of the customer. It is missing from Chargebee's published response types and may not be enabled on every site.",
}
