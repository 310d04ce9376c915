package main

var entitlementPackage = &pkgSpec{
	Name:    "entitlement",
	DocsURL: "https://apidocs.chargebee.com/docs/api/customer_entitlements",
	Models: []modelSpec{
		{"customer_entitlement", "CustomerEntitlement", "CustomerEntitlement is one entitlement of a customer to a feature, granted by one of the customer's subscriptions (or, when consolidated, by all of them together)."},
	},
	Fields: map[string]fieldSpec{
		"customer_entitlement": {"*CustomerEntitlement", "the entitlement"},
	},
	Requests: []requestSpec{
		{
			Action: "customer_entitlement.entitlements_for_customer", Name: "ListRequest", Method: "List",
			Doc: "ListRequest holds the parameters of Service.List and Service.ListPage. All are optional; a nil *ListRequest lists with Chargebee's defaults. Limit counts features, not entitlement objects: a page holds every entitlement of up to Limit features, so it may carry more than Limit entries.",
		},
	},
	Actions: []actionSpec{
		{
			Action: "customer_entitlement.entitlements_for_customer", Method: "List", IDArg: "customerID", Request: "ListRequest", Result: "ListEntry",
			Anchor: "list_customer_entitlements", Alt: "customer entitlements exist only in API v2", MapErr: "notEnabled",
			Doc: "the customer's entitlements, in the order Chargebee lists them. A page holds every entitlement of up to req.Limit features, one per subscription unless consolidated, so it may hold more entries than the limit; when the endpoint is not enabled for the site the error matches ErrNotEnabled",
		},
	},
}
