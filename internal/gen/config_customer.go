package main

// Package customer's part of the generator's input: which catalog objects
// become which Go types, and the documentation the catalog does not carry.
// Everything about the wire (keys, types, limits, enum values, required and
// deprecated flags) comes from catalog.json.

var models = []modelSpec{
	{"customer", "Customer", "Customer is a Chargebee customer (API v2). Custom fields (cf_* keys) land in CustomFields; attributes this SDK does not know are ignored."},
	{"billing_address", "BillingAddress", "BillingAddress is the billing address of a customer; taxes are computed from it."},
	{"contact", "Contact", "Contact is a contact person of a customer. A customer has at most 6 contacts."},
	{"payment_method", "PaymentMethod", "PaymentMethod is the primary payment source of a customer."},
	{"balance", "Balance", "Balance holds a customer's credits and charges in one currency (and business entity)."},
	{"entity_identifier", "EntityIdentifier", "EntityIdentifier is an identifier of the customer's legal entity, used for e-invoicing."},
	{"tax_providers_field", "TaxProvidersField", "TaxProvidersField is a field the customer's tax provider needs."},
	{"relationship", "Relationship", "Relationship places a customer in an account hierarchy: its parent, and who pays and receives its invoices."},
	{"parent_account_access", "ParentAccountAccess", "ParentAccountAccess says what the parent of a customer may see and do for it in the portal, and which e-mails it gets."},
	{"child_account_access", "ChildAccountAccess", "ChildAccountAccess says what a child customer may see and do in the portal, and which e-mails it gets."},
	{"referral_url", "ReferralURL", "ReferralURL is a referral link of a customer in a referral programme."},
	{"card", "Card", "Card is the card payment source returned next to a customer. Only the IIN and last four digits of the number are returned."},

	// x_extra_models: objects some actions return next to a customer.
	{"payment_source", "PaymentSource", "PaymentSource is a payment source of a customer, as returned by AssignPaymentRole.\n\nSee " + paymentSourcesPage},
	{"payment_source_card", "PaymentSourceCard", "PaymentSourceCard is the card of a card payment source.\n\nSee " + paymentSourcesPage},
	{"payment_source_bank_account", "PaymentSourceBankAccount", "PaymentSourceBankAccount is the bank account of a direct debit payment source.\n\nSee " + paymentSourcesPage},
	{"payment_source_paypal", "PaymentSourcePaypal", "PaymentSourcePaypal is the PayPal account of a PayPal payment source.\n\nSee " + paymentSourcesPage},
	{"transaction", "Transaction", "Transaction is a payment, as returned by RecordExcessPayment and CollectPayment.\n\nSee " + transactionsPage},
	{"linked_invoice", "LinkedInvoice", "LinkedInvoice is an invoice a payment was applied to.\n\nSee " + transactionsPage},
	{"linked_refund", "LinkedRefund", "LinkedRefund is a refund of a payment.\n\nSee " + transactionsPage},
	{"resource_migration", "ResourceMigration", "ResourceMigration tracks the copy of a resource from another site, as returned by Move. The move runs in the background: Status starts as scheduled.\n\nSee https://apidocs.chargebee.com/docs/api/resource_migrations."},
}

const (
	paymentSourcesPage = "https://apidocs.chargebee.com/docs/api/payment_sources."
	transactionsPage   = "https://apidocs.chargebee.com/docs/api/transactions."
)

var enums = []enumSpec{
	{"AutoCollection", "AutoCollection says whether Chargebee charges the customer's payment method automatically for new invoices."},
	{"OfflinePaymentMethod", "OfflinePaymentMethod is how a customer pays when auto collection is off."},
	{"VatNumberStatus", "VatNumberStatus is the result of validating a customer's VAT number."},
	{"Taxability", "Taxability says whether a customer is liable for tax."},
	{"EntityCode", "EntityCode is the Avalara entity/use code of a tax-exempt customer."},
	{"BillingDateMode", "BillingDateMode says whether the billing date (day of month) is the site default or set for the customer."},
	{"BillingDayOfWeek", "BillingDayOfWeek is the day of the week on which weekly subscriptions renew."},
	{"BillingDayOfWeekMode", "BillingDayOfWeekMode says whether the billing day of week is the site default or set for the customer."},
	{"PiiCleared", "PiiCleared is the state of clearing a customer's personal data."},
	{"Channel", "Channel is where the customer was created: the web (Chargebee) or an app store."},
	{"CardStatus", "CardStatus is the state of a card: the customer's card_status or a card's status."},
	{"FraudFlag", "FraudFlag marks a customer as safe, suspicious or fraudulent."},
	{"EinvoicingMethod", "EinvoicingMethod says how e-invoices are sent for the customer."},
	{"CustomerType", "CustomerType is the kind of customer, used by tax providers."},
	{"TaxjarExemptionCategory", "TaxjarExemptionCategory is the TaxJar exemption category of a tax-exempt customer."},
	{"ValidationStatus", "ValidationStatus is the result of validating an address."},
	{"PaymentMethodType", "PaymentMethodType is the type of a payment method (card, direct debit, wallets, ...)."},
	{"Gateway", "Gateway is a payment gateway."},
	{"PaymentMethodStatus", "PaymentMethodStatus is the state of a payment method."},
	{"PortalAccess", "PortalAccess is the access a parent or child account has in the self-serve portal."},
	{"ReferralSystem", "ReferralSystem is the referral programme a referral URL belongs to."},
	{"CardType", "CardType is the brand of a card."},
	{"FundingType", "FundingType is how a card is funded."},
	{"PoweredBy", "PoweredBy is the payment network a card-like payment source runs on."},
	{"CardPreferredScheme", "CardPreferredScheme is the card network to use for co-branded cards."},
	{"BankAccountType", "BankAccountType is the type of a bank account."},
	{"AccountHolderType", "AccountHolderType says whether a bank account belongs to a person or a company."},
	{"EcheckType", "EcheckType is the type of an eCheck (ACH) authorisation."},
	{"EntityIdentifierOperation", "EntityIdentifierOperation says what update_billing_info does with an entity identifier."},
	{"PaymentRole", "PaymentRole is the role of a payment source for a customer."},
	{"TransactionPaymentMethod", "TransactionPaymentMethod is how an offline payment was made."},
	{"PaymentInitiator", "PaymentInitiator says who initiated a payment, for gateways that distinguish customer- and merchant-initiated payments."},
	{"TransactionType", "TransactionType is the kind of a transaction."},
	{"TransactionStatus", "TransactionStatus is the state of a transaction."},
	{"ResourceMigrationStatus", "ResourceMigrationStatus is the state of a resource migration."},
}

// enumFor maps a model attribute (model.attribute) or a request parameter
// (group.leaf, or leaf at the top level) to its enum type.
var customerEnums = map[string]string{
	"customer.auto_collection":                              "AutoCollection",
	"customer.offline_payment_method":                       "OfflinePaymentMethod",
	"customer.vat_number_status":                            "VatNumberStatus",
	"customer.taxability":                                   "Taxability",
	"customer.entity_code":                                  "EntityCode",
	"customer.billing_date_mode":                            "BillingDateMode",
	"customer.billing_day_of_week":                          "BillingDayOfWeek",
	"customer.billing_day_of_week_mode":                     "BillingDayOfWeekMode",
	"customer.pii_cleared":                                  "PiiCleared",
	"customer.channel":                                      "Channel",
	"customer.card_status":                                  "CardStatus",
	"customer.fraud_flag":                                   "FraudFlag",
	"customer.einvoicing_method":                            "EinvoicingMethod",
	"customer.customer_type":                                "CustomerType",
	"billing_address.validation_status":                     "ValidationStatus",
	"payment_method.type":                                   "PaymentMethodType",
	"payment_method.gateway":                                "Gateway",
	"payment_method.status":                                 "PaymentMethodStatus",
	"parent_account_access.portal_edit_child_subscriptions": "PortalAccess",
	"parent_account_access.portal_download_child_invoices":  "PortalAccess",
	"child_account_access.portal_edit_subscriptions":        "PortalAccess",
	"child_account_access.portal_download_invoices":         "PortalAccess",
	"referral_url.referral_system":                          "ReferralSystem",
	"card.status":                                           "CardStatus",
	"card.gateway":                                          "Gateway",
	"card.card_type":                                        "CardType",
	"card.funding_type":                                     "FundingType",
	"card.powered_by":                                       "PoweredBy",
	"payment_source.type":                                   "PaymentMethodType",
	"payment_source.status":                                 "PaymentMethodStatus",
	"payment_source.gateway":                                "Gateway",
	"payment_source_card.brand":                             "CardType",
	"payment_source_card.funding_type":                      "FundingType",
	"payment_source_bank_account.account_type":              "BankAccountType",
	"transaction.type":                                      "TransactionType",
	"transaction.status":                                    "TransactionStatus",
	"transaction.gateway":                                   "Gateway",
	"transaction.initiator_type":                            "PaymentInitiator",
	"linked_refund.txn_status":                              "TransactionStatus",
	"resource_migration.status":                             "ResourceMigrationStatus",

	// request parameters
	"auto_collection":                    "AutoCollection",
	"einvoicing_method":                  "EinvoicingMethod",
	"taxability":                         "Taxability",
	"customer_type":                      "CustomerType",
	"taxjar_exemption_category":          "TaxjarExemptionCategory",
	"entity_code":                        "EntityCode",
	"offline_payment_method":             "OfflinePaymentMethod",
	"fraud_flag":                         "FraudFlag",
	"role":                               "PaymentRole",
	"payment_initiator":                  "PaymentInitiator",
	"billing_date_mode":                  "BillingDateMode",
	"billing_day_of_week":                "BillingDayOfWeek",
	"billing_day_of_week_mode":           "BillingDayOfWeekMode",
	"card.preferred_scheme":              "CardPreferredScheme",
	"bank_account.account_type":          "BankAccountType",
	"bank_account.account_holder_type":   "AccountHolderType",
	"bank_account.echeck_type":           "EcheckType",
	"payment_intent.payment_method_type": "PaymentMethodType",
	"entity_identifiers.operation":       "EntityIdentifierOperation",
	"transaction.payment_method":         "TransactionPaymentMethod",
}

var (
	billingAddressGroup = groupSpec{Type: "BillingAddressParams", Doc: "BillingAddressParams is the billing address sent as billing_address[...]. Taxes are computed from it."}
	taxProvidersGroup   = groupSpec{Type: "TaxProvidersFieldParams", Singular: "TaxProvidersField", Doc: "TaxProvidersFieldParams is one element of tax_providers_fields: a field required by the tax provider."}
	paymentIntentGroup  = groupSpec{Type: "PaymentIntentParams", Doc: "PaymentIntentParams is a payment intent sent as payment_intent[...], for 3-D Secure flows."}
)

var customerRequests = []requestSpec{
	{
		Action: "customer.create", Name: "CreateRequest", Method: "Create",
		Doc: "CreateRequest holds the parameters of Service.Create (POST /customers). All parameters are optional; an id is generated when none is given.\n\nbusiness_entity_id and the chargebee-business-entity-id header (chargebee.WithBusinessEntity or chargebee.WithBusinessEntityID) may both be given only with the same value; Create checks this before sending.",
		Groups: map[string]groupSpec{
			"card":                 {Type: "CardParams", Doc: "CardParams are card details sent as card[...]. Sending raw card numbers puts PCI scope on the caller; prefer tokens or payment intents. The v1 API requires number, expiry_month and expiry_year whenever a card is sent."},
			"bank_account":         {Type: "BankAccountParams", Doc: "BankAccountParams are bank account details sent as bank_account[...] for direct debit."},
			"payment_method":       {Type: "PaymentMethodParams", Doc: "PaymentMethodParams is a payment method sent as payment_method[...], usually a gateway reference or a temporary token."},
			"payment_intent":       paymentIntentGroup,
			"billing_address":      billingAddressGroup,
			"entity_identifiers":   {Type: "EntityIdentifierParams", Singular: "EntityIdentifier", Doc: "EntityIdentifierParams is one element of entity_identifiers on create."},
			"tax_providers_fields": taxProvidersGroup,
		},
	},
	{
		Action: "customer.update", Name: "UpdateRequest", Method: "Update",
		Doc:    "UpdateRequest holds the parameters of Service.Update (POST /customers/{customer-id}). Only the parameters that are set are changed; a pointer to \"\" clears a string attribute.",
		Groups: map[string]groupSpec{"tax_providers_fields": taxProvidersGroup},
	},
	{
		Action: "customer.update_payment_method", Name: "UpdatePaymentMethodRequest", Method: "UpdatePaymentMethod",
		Doc:    "UpdatePaymentMethodRequest holds the parameters of Service.UpdatePaymentMethod (POST /customers/{customer-id}/update_payment_method). payment_method[type] is required; on an API v1 client payment_method[reference_id] is required too.",
		Groups: map[string]groupSpec{"payment_method": {Type: "PaymentMethodParams"}},
	},
	{
		Action: "customer.update_billing_info", Name: "UpdateBillingInfoRequest", Method: "UpdateBillingInfo",
		Doc: "UpdateBillingInfoRequest holds the parameters of Service.UpdateBillingInfo (POST /customers/{customer-id}/update_billing_info).\n\nThe billing address sent replaces the customer's whole billing address: fields left out are cleared, so send every field that should stay.",
		Groups: map[string]groupSpec{
			"billing_address":      billingAddressGroup,
			"entity_identifiers":   {Type: "BillingInfoEntityIdentifierParams", Singular: "EntityIdentifier", Doc: "BillingInfoEntityIdentifierParams is one element of entity_identifiers on update_billing_info; Operation says whether it is created, updated or deleted."},
			"tax_providers_fields": taxProvidersGroup,
		},
	},
	{
		Action: "customer.assign_payment_role", Name: "AssignPaymentRoleRequest", Method: "AssignPaymentRole",
		Doc: "AssignPaymentRoleRequest holds the parameters of Service.AssignPaymentRole (POST /customers/{customer-id}/assign_payment_role). Both parameters are required.",
	},
	{
		Action: "customer.record_excess_payment", Name: "RecordExcessPaymentRequest", Method: "RecordExcessPayment",
		Doc:    "RecordExcessPaymentRequest holds the parameters of Service.RecordExcessPayment (POST /customers/{customer-id}/record_excess_payment): an offline payment kept as excess payment of the customer.",
		Groups: map[string]groupSpec{"transaction": {Type: "TransactionParams", Doc: "TransactionParams describe the offline payment recorded by record_excess_payment. Amount, Date and PaymentMethod are required when it is sent."}},
	},
	{
		Action: "customer.collect_payment", Name: "CollectPaymentRequest", Method: "CollectPayment",
		Doc: "CollectPaymentRequest holds the parameters of Service.CollectPayment (POST /customers/{customer-id}/collect_payment): charge the customer for unpaid invoices, with an existing or a new payment source.",
		Groups: map[string]groupSpec{
			"payment_method":      {Type: "CollectPaymentMethodParams", Doc: "CollectPaymentMethodParams is a new payment method for collect_payment, sent as payment_method[...]."},
			"card":                {Type: "CollectPaymentCardParams", Doc: "CollectPaymentCardParams are new card details for collect_payment, sent as card[...]."},
			"payment_intent":      paymentIntentGroup,
			"invoice_allocations": {Type: "InvoiceAllocationParams", Singular: "InvoiceAllocation", Doc: "InvoiceAllocationParams is one element of invoice_allocations: how much of the payment goes to an invoice. InvoiceID is required."},
		},
	},
	{
		Action: "customer.delete", Name: "DeleteRequest", Method: "Delete",
		Doc: "DeleteRequest holds the parameters of Service.Delete (POST /customers/{customer-id}/delete).",
	},
	{
		Action: "customer.move", Name: "MoveRequest", Method: "Move",
		Doc: "MoveRequest holds the parameters of Service.Move (POST /customers/move): copy a customer from another site into this one. Both parameters are required.",
	},
	{
		Action: "customer.change_billing_date", Name: "ChangeBillingDateRequest", Method: "ChangeBillingDate",
		Doc: "ChangeBillingDateRequest holds the parameters of Service.ChangeBillingDate (POST /customers/{customer-id}/change_billing_date): the day on which the customer's subscriptions renew.",
	},
	{
		Action: "customer.merge", Name: "MergeRequest", Method: "Merge",
		Doc: "MergeRequest holds the parameters of Service.Merge (POST /customers/merge): move everything of one customer into another. Both ids are required.",
	},
}

var customerPackage = &pkgSpec{
	Name:     "customer",
	DocsURL:  "https://apidocs.chargebee.com/docs/api/customers",
	Enums:    customerEnums,
	Models:   models,
	EnumDocs: enums,
	Requests: append(customerRequests, customerListRequest),
	Fields: map[string]fieldSpec{
		"customer":           {"*Customer", "the customer"},
		"card":               {"*Card", "the customer's card, when it has one"},
		"payment_source":     {"*PaymentSource", "the payment source whose role was assigned"},
		"transaction":        {"*Transaction", "the payment; check its Status"},
		"resource_migration": {"*ResourceMigration", "the move, which runs in the background"},
	},
	Actions: []actionSpec{
		{
			Action: "customer.create", Method: "Create", Request: "CreateRequest", Result: "CreateResult", Anchor: "create_a_customer",
			Doc: "Create creates a customer. A nil request creates a customer with an id generated by Chargebee.\n\n" +
				"When the request sets BusinessEntityID and the call also sends the chargebee-business-entity-id header (chargebee.WithBusinessEntity on the client or chargebee.WithBusinessEntityID on the call), both must be equal; otherwise a *chargebee.ValidationError for business_entity_id is returned and nothing is sent. Without either, the customer joins the site's default business entity.\n\n" +
				"Custom fields go in CustomFields (cf_* keys); meta_data is at most 65,535 characters of JSON. On an API v1 client only the v1 parameters are accepted, and a card without a tmp_token needs number, expiry_month and expiry_year.",
		},
		{
			Action: "customer.list", Method: "List", Request: "ListRequest", Result: "ListEntry", Anchor: "list_customers",
			Doc: "the customers matching req's filters; on an API v1 client only Limit and Offset are accepted",
		},
		{
			Action: "customer.retrieve", Method: "Retrieve", IDArg: "id", Result: "RetrieveResult", Anchor: "retrieve_a_customer",
			Doc: "Retrieve fetches a customer. A customer that does not exist, or belongs to another business entity than the one the call is scoped to, gives an error matching chargebee.ErrNotFound.",
		},
		{
			Action: "customer.update", Method: "Update", IDArg: "id", Request: "UpdateRequest", Result: "UpdateResult", Anchor: "update_a_customer",
			Doc: "Update changes the attributes set in req; attributes left nil keep their value. Billing address, payment method and billing date have their own actions.",
		},
		{
			Action: "customer.update_payment_method", Method: "UpdatePaymentMethod", IDArg: "id", Request: "UpdatePaymentMethodRequest", Result: "UpdatePaymentMethodResult",
			Anchor: "update_payment_method_for_a_customer",
			Doc:    "UpdatePaymentMethod replaces the customer's payment method. payment_method[type] is required; on an API v1 client payment_method[reference_id] is required too.",
		},
		{
			Action: "customer.update_billing_info", Method: "UpdateBillingInfo", IDArg: "id", Request: "UpdateBillingInfoRequest", Result: "UpdateBillingInfoResult",
			Anchor: "update_billing_info_for_a_customer",
			Doc:    "UpdateBillingInfo updates the customer's billing address, VAT number and tax identifiers.\n\nThe billing address sent replaces the whole stored address: a field not sent is cleared. To change one line, send the full address.",
		},
		{
			Action: "customer.assign_payment_role", Method: "AssignPaymentRole", IDArg: "id", Request: "AssignPaymentRoleRequest", Result: "AssignPaymentRoleResult",
			Anchor: "assign_payment_role",
			Doc:    "AssignPaymentRole makes a payment source the customer's primary or backup payment source, or removes its role.",
		},
		{
			Action: "customer.record_excess_payment", Method: "RecordExcessPayment", IDArg: "id", Request: "RecordExcessPaymentRequest", Result: "RecordExcessPaymentResult",
			Anchor: "record_an_excess_payment_for_a_customer",
			Doc:    "RecordExcessPayment records an offline payment that is not for an invoice; it is kept as the customer's excess payments and applied to future invoices.",
		},
		{
			Action: "customer.collect_payment", Method: "CollectPayment", IDArg: "id", Request: "CollectPaymentRequest", Result: "CollectPaymentResult",
			Anchor: "collect_payment_for_customer",
			Doc:    "CollectPayment charges the customer for its unpaid invoices, with an existing payment source, a new one, or a payment intent. Check the returned transaction's Status.",
		},
		{
			Action: "customer.delete", Method: "Delete", IDArg: "id", Request: "DeleteRequest", Result: "DeleteResult", Anchor: "delete_a_customer",
			Doc: "Delete deletes a customer, with its subscriptions, invoices and other records. Deletion is scheduled and irreversible: it cannot be undone, and the data may remain visible for a short while. The stored payment method is deleted at the gateway too unless DeletePaymentMethod is false. A nil request uses the defaults.",
		},
		{
			Action: "customer.move", Method: "Move", Request: "MoveRequest", Result: "MoveResult", Anchor: "move_a_customer",
			Doc: "Move copies a customer from another Chargebee site into this one. The copy runs in the background; the returned resource migration tells its state.",
		},
		{
			Action: "customer.change_billing_date", Method: "ChangeBillingDate", IDArg: "id", Request: "ChangeBillingDateRequest", Result: "ChangeBillingDateResult",
			Anchor: "change_billing_date",
			Doc:    "ChangeBillingDate changes the day on which the customer's subscriptions renew.",
		},
		{
			Action: "customer.merge", Method: "Merge", Request: "MergeRequest", Result: "MergeResult", Anchor: "merge_customers",
			Doc: "Merge moves everything of one customer (subscriptions, invoices, payment sources, credits, ...) into another. Both ids are required.",
		},
		{
			Action: "customer.clear_personal_data", Method: "ClearPersonalData", IDArg: "id", Result: "ClearPersonalDataResult",
			Anchor: "clear_personal_data_of_a_customer",
			Doc:    "ClearPersonalData erases the customer's personal data, for data protection requests. It cannot be undone.",
		},
	},
}

var customerListRequest = requestSpec{
	Action: "customer.list", Name: "ListRequest", Method: "List",
	Doc: "ListRequest holds the paging, filters and sort order of Service.List and Service.ListPage. Every filter is optional; filters are combined with AND. An API v1 client accepts only Limit and Offset.\n\nA filter is sent as field[operator]=value, for example email[is]=x, created_at[after]=1700000000, id[in]=[\"a\",\"b\"] or relationship[parent_id][is]=p. Not every field takes every operator of its filter type: setting an operator the field does not support fails validation.",
	Groups: map[string]groupSpec{
		"relationship": {Type: "RelationshipFilter", Doc: "RelationshipFilter filters customers on relationship[...]: their parent, payment owner or invoice owner."},
	},
}
