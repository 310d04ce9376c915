package main

// The three request types of each credit family take the same parameters;
// they differ in their action, and the customer-level and v1 ones in the
// minimum amount, which the catalog gives per action.
const (
	creditsV2Doc  = "customer_id and description are required, and exactly one of amount and amount_in_decimal."
	creditsOldDoc = "amount and description are required."
	creditsV1Doc  = "amount and description are required. The action exists in API v1 only."
)

var creditsPackage = &pkgSpec{
	Name:    "credits",
	DocsURL: "https://apidocs.chargebee.com/docs/api/promotional_credits",
	Enums: map[string]string{
		"credit_type":                    "CreditType",
		"promotional_credit.type":        "Type",
		"promotional_credit.credit_type": "CreditType",
	},
	EnumDocs: []enumSpec{
		{"Type", "Type says whether a promotional credit entry added to or took from the balance."},
		{"CreditType", "CreditType classifies promotional credits."},
	},
	Models: []modelSpec{
		{"promotional_credit", "PromotionalCredit", "PromotionalCredit is one change to a customer's promotional credit balance: an addition (TypeIncrement) or a deduction (TypeDecrement). Setting the balance records the difference as one of the two."},
	},
	ModelAliases: map[string]string{"CustomerV1": "customer.Customer"},
	Fields: map[string]fieldSpec{
		"customer":           {"*customer.Customer", "the customer after the change, with its new balance"},
		"promotional_credit": {"*PromotionalCredit", "the promotional credit entry"},
	},
	Requests: []requestSpec{
		{Action: "promotional_credit.add", Name: "AddRequest", Method: "Add", Doc: "AddRequest holds the parameters of Service.Add: Amount or AmountInDecimal is the amount to add. " + creditsV2Doc},
		{Action: "promotional_credit.deduct", Name: "DeductRequest", Method: "Deduct", Doc: "DeductRequest holds the parameters of Service.Deduct: Amount or AmountInDecimal is the amount to deduct. " + creditsV2Doc},
		{Action: "promotional_credit.set", Name: "SetRequest", Method: "Set", Doc: "SetRequest holds the parameters of Service.Set: Amount or AmountInDecimal is the balance to set. " + creditsV2Doc},
		{
			Action: "promotional_credit.list", Name: "ListRequest", Method: "List",
			Doc: "ListRequest holds the parameters of Service.List and Service.ListPage. All are optional; a nil *ListRequest lists with Chargebee's defaults. Validate rejects filter operators the catalog does not list for a field.",
		},
		{
			Action: "customer.add_promotional_credits", Name: "AddPromotionalCreditsRequest", Method: "AddPromotionalCredits",
			Doc: "AddPromotionalCreditsRequest holds the parameters of the deprecated Service.AddPromotionalCredits: Amount is the amount to add. " + creditsOldDoc, Deprecated: "use AddRequest with Service.Add.",
		},
		{
			Action: "customer.deduct_promotional_credits", Name: "DeductPromotionalCreditsRequest", Method: "DeductPromotionalCredits",
			Doc: "DeductPromotionalCreditsRequest holds the parameters of the deprecated Service.DeductPromotionalCredits: Amount is the amount to deduct. " + creditsOldDoc, Deprecated: "use DeductRequest with Service.Deduct.",
		},
		{
			Action: "customer.set_promotional_credits", Name: "SetPromotionalCreditsRequest", Method: "SetPromotionalCredits",
			Doc: "SetPromotionalCreditsRequest holds the parameters of the deprecated Service.SetPromotionalCredits: Amount is the balance to set. " + creditsOldDoc, Deprecated: "use SetRequest with Service.Set.",
		},
		{Action: "customer_v1.add_account_credits", Name: "AddAccountCreditsRequest", Method: "AddAccountCredits", Doc: "AddAccountCreditsRequest holds the parameters of Service.AddAccountCredits: Amount is the amount to add. " + creditsV1Doc},
		{Action: "customer_v1.deduct_account_credits", Name: "DeductAccountCreditsRequest", Method: "DeductAccountCredits", Doc: "DeductAccountCreditsRequest holds the parameters of Service.DeductAccountCredits: Amount is the amount to deduct. " + creditsV1Doc},
		{Action: "customer_v1.set_account_credits", Name: "SetAccountCreditsRequest", Method: "SetAccountCredits", Doc: "SetAccountCreditsRequest holds the parameters of Service.SetAccountCredits: Amount is the balance to set. " + creditsV1Doc},
	},
	Actions: []actionSpec{
		{
			Action: "promotional_credit.add", Method: "Add", Request: "AddRequest", Result: "Result", Anchor: "add_promotional_credits",
			Alt: "on API v1 use AddAccountCredits",
			Doc: "Add adds promotional credits to a customer's balance. It returns the customer with the new balance and the PromotionalCredit entry recorded (type increment). For example, adding 1000 to a balance of 1000 leaves 2000. Chargebee honours chargebee-idempotency-key on this action (chargebee.WithIdempotencyKey), so retries never add twice.",
		},
		{
			Action: "promotional_credit.deduct", Method: "Deduct", Request: "DeductRequest", Result: "Result", Anchor: "deduct_promotional_credits",
			Alt: "on API v1 use DeductAccountCredits",
			Doc: "Deduct deducts promotional credits from a customer's balance. It returns the customer with the new balance and the PromotionalCredit entry recorded (type decrement).",
		},
		{
			Action: "promotional_credit.set", Method: "Set", Request: "SetRequest", Result: "Result", Anchor: "set_promotional_credits",
			Alt: "on API v1 use SetAccountCredits",
			Doc: "Set sets a customer's promotional credit balance to the given amount. Chargebee records the difference as an increment or decrement entry, returned with the customer.",
		},
		{
			Action: "promotional_credit.list", Method: "List", Request: "ListRequest", Result: "ListEntry", Anchor: "list_promotional_credits",
			Alt: "API v1 has no promotional credit history; use a v2 client",
			Doc: "the promotional credit entries matching req's filters; to read one customer's history, filter with SetCustomerID(chargebee.StringFilter{Is: id})",
		},
		{
			Action: "promotional_credit.retrieve", Method: "Retrieve", IDArg: "id", Result: "RetrieveResult", Anchor: "retrieve_a_promotional_credit",
			Alt: "API v1 has no promotional credit history; use a v2 client",
			Doc: "Retrieve returns one promotional credit entry by its id.",
		},
		{
			Action: "customer.add_promotional_credits", Method: "AddPromotionalCredits", IDArg: "customerID", Request: "AddPromotionalCreditsRequest", Result: "CustomerResult",
			Page: "https://apidocs.chargebee.com/docs/api/customers", Anchor: "add_promotional_credits", Alt: "on API v1 use AddAccountCredits",
			Doc:        "AddPromotionalCredits adds promotional credits to a customer and returns the customer.",
			Deprecated: "Chargebee replaced this action with POST /promotional_credits/add; use Add, which also returns the recorded PromotionalCredit entry.",
		},
		{
			Action: "customer.deduct_promotional_credits", Method: "DeductPromotionalCredits", IDArg: "customerID", Request: "DeductPromotionalCreditsRequest", Result: "CustomerResult",
			Page: "https://apidocs.chargebee.com/docs/api/customers", Anchor: "deduct_promotional_credits", Alt: "on API v1 use DeductAccountCredits",
			Doc:        "DeductPromotionalCredits deducts promotional credits from a customer and returns the customer.",
			Deprecated: "Chargebee replaced this action with POST /promotional_credits/deduct; use Deduct, which also returns the recorded PromotionalCredit entry.",
		},
		{
			Action: "customer.set_promotional_credits", Method: "SetPromotionalCredits", IDArg: "customerID", Request: "SetPromotionalCreditsRequest", Result: "CustomerResult",
			Page: "https://apidocs.chargebee.com/docs/api/customers", Anchor: "set_promotional_credits", Alt: "on API v1 use SetAccountCredits",
			Doc:        "SetPromotionalCredits sets a customer's promotional credit balance and returns the customer.",
			Deprecated: "Chargebee replaced this action with POST /promotional_credits/set; use Set, which also returns the recorded PromotionalCredit entry.",
		},
		{
			Action: "customer_v1.add_account_credits", Method: "AddAccountCredits", IDArg: "customerID", Request: "AddAccountCreditsRequest", Result: "AccountCreditsResult",
			Page: "https://apidocs.chargebee.com/docs/api/v1/customers", Anchor: "add_account_credits_to_a_customer", Alt: "on API v2 use Add (POST /promotional_credits/add)", Fields: v1CustomerField,
			Doc: "AddAccountCredits adds account credits to a customer and returns the v1 customer with its new account_credits balance. Chargebee documents idempotency keys for API v2 only, so on a v1 client no key is generated and a failed call is not retried: a retry could credit twice. Check the customer's balance before calling again after an error.",
		},
		{
			Action: "customer_v1.deduct_account_credits", Method: "DeductAccountCredits", IDArg: "customerID", Request: "DeductAccountCreditsRequest", Result: "AccountCreditsResult",
			Page: "https://apidocs.chargebee.com/docs/api/v1/customers", Anchor: "deduct_account_credits_for_a_customer", Alt: "on API v2 use Deduct (POST /promotional_credits/deduct)", Fields: v1CustomerField,
			Doc: "DeductAccountCredits deducts account credits from a customer and returns the v1 customer with its new account_credits balance. Like AddAccountCredits, it is not retried without an idempotency key.",
		},
		{
			Action: "customer_v1.set_account_credits", Method: "SetAccountCredits", IDArg: "customerID", Request: "SetAccountCreditsRequest", Result: "AccountCreditsResult",
			Page: "https://apidocs.chargebee.com/docs/api/v1/customers", Anchor: "set_account_credits_for_a_customer", Alt: "on API v2 use Set (POST /promotional_credits/set)", Fields: v1CustomerField,
			Doc: "SetAccountCredits sets a customer's account credit balance and returns the v1 customer. Like AddAccountCredits, it is not retried without an idempotency key.",
		},
	},
}

// v1CustomerField is the customer of the API v1 account credit actions,
// which carries account_credits.
var v1CustomerField = map[string]fieldSpec{
	"customer": {"*CustomerV1", "the customer after the change, as API v1 returns it"},
}
