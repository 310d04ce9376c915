package main

var contactPackage = &pkgSpec{
	Name:    "contact",
	DocsURL: "https://apidocs.chargebee.com/docs/api/customers",
	Fields: map[string]fieldSpec{
		"customer": {"*customer.Customer", "the customer with its contacts"},
		"card":     {"*customer.Card", "the customer's card, when it has one"},
		"contact":  {"*Contact", "the contact"},
	},
	ModelAliases: map[string]string{"Contact": "customer.Contact"},
	Requests: []requestSpec{
		{
			Action: "customer.add_contact", Name: "AddRequest", Method: "Add", Flatten: "contact",
			Doc: "AddRequest holds the parameters of Service.Add. The contact object is the whole request, so its fields sit on the request itself; each is sent as contact[...]. Email is required.",
		},
		{
			Action: "customer.update_contact", Name: "UpdateRequest", Method: "Update", Flatten: "contact",
			Doc: "UpdateRequest holds the parameters of Service.Update. The contact object is the whole request, so its fields sit on the request itself; each is sent as contact[...]. ID, naming the contact to change, is required; fields left nil are not sent.",
		},
		{
			Action: "customer.delete_contact", Name: "deleteRequest", Method: "Delete", Flatten: "contact", Unexported: true,
			Doc: "deleteRequest holds the parameters of Service.Delete, which takes them as arguments.",
		},
		{
			Action: "customer.contacts_for_customer", Name: "ListRequest", Method: "List",
			Doc: "ListRequest holds the parameters of Service.List and Service.ListPage. All fields are optional.",
		},
	},
	Actions: []actionSpec{
		{
			Action: "customer.contacts_for_customer", Method: "List", IDArg: "customerID", Request: "ListRequest", Result: "ListEntry",
			Anchor: "list_of_contacts_for_a_customer",
			Doc:    "the contacts of a customer.",
			Alt:    "read the Contacts of customer.Service.Retrieve instead",
		},
		{
			Action: "customer.add_contact", Method: "Add", IDArg: "customerID", Request: "AddRequest", Result: "AddResult",
			Anchor: "add_contacts_to_a_customer",
			Doc:    "Add adds a contact to a customer; req.Email is required. The contact gets billing or account e-mails when SendBillingEmail or SendAccountEmail is true. Chargebee limits the number of contacts per customer (see the package documentation) and answers an Add beyond it with an error.",
		},
		{
			Action: "customer.update_contact", Method: "Update", IDArg: "customerID", Request: "UpdateRequest", Result: "UpdateResult",
			Anchor: "update_contacts_for_a_customer",
			Doc:    "Update changes a contact of a customer; req.ID names the contact and is required. Only the fields set on req are sent.",
		},
		{
			Action: "customer.delete_contact", Method: "Delete", IDArg: "customerID", Request: "deleteRequest", Result: "DeleteResult",
			Args:   []argSpec{{"contactID", "contact[id]"}},
			Anchor: "delete_contacts_for_a_customer",
			Doc:    "Delete removes the contact contactID from a customer.",
		},
	},
}
