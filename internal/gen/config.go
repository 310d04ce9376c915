package main

// This file holds the types of the generator's hand-written input: which
// catalog actions each package wraps, under which Go names, and the prose
// the catalog does not carry. Everything about the wire (methods, paths,
// keys, types, limits, required keys, API versions) comes from catalog.json.

// pkgSpec is one generated resource package.
type pkgSpec struct {
	// Name is the Go package name, also its directory below the root.
	Name string
	// DocsURL is the Chargebee reference page of the package's resource;
	// every action's link is DocsURL#anchor.
	DocsURL string
	// Enums maps a request parameter (group.leaf, or leaf at the top level)
	// or, in package customer, a model attribute to its Go enum type.
	Enums map[string]string
	// Fields gives the Go type and doc of each response key the package's
	// results and list entries hold.
	Fields map[string]fieldSpec
	// EnumDocs are the enum types the package generates, with their docs;
	// their values are collected from every use in the package.
	EnumDocs []enumSpec
	// ConstPrefix maps an enum type to the prefix of its constants' names
	// when that is not the type's name ("" for none).
	ConstPrefix map[string]string
	// EnumAliases maps an enum type of EnumDocs that is another package's
	// to that package: the type is an alias and its constants copies.
	EnumAliases map[string]string
	// ConstNames maps an enum value (Type.value) to the name of its constant
	// when prefix+camel(value) reads badly.
	ConstNames map[string]string
	// ValueDoc, when set, returns the doc of the constant of each value of
	// each enum type ("" for none).
	ValueDoc func(c *catalog, enum, value string) (string, error)
	// Models are the catalog models the package defines, in file order.
	Models []modelSpec
	// ModelTypes maps a catalog model defined by another package to its
	// Go type there (customer.Customer), for attributes that hold one.
	ModelTypes map[string]string
	// ModelAliases maps a type the package declares by hand as an alias of
	// another package's generated model to that model (Contact:
	// customer.Contact), so decoders read it with the model's decoder.
	ModelAliases map[string]string
	// Requests are the request types, in file order.
	Requests []requestSpec
	// Actions are the service methods, in file order.
	Actions []actionSpec
}

// fieldSpec is a field of a result or list entry.
type fieldSpec struct {
	Type string // Go type
	Doc  string // what the value is, completing "<Field> is ..."
}

// requestSpec maps a catalog action to a request type.
type requestSpec struct {
	Action string // catalog id
	Name   string // Go type name
	Method string // Service method documented in the request doc
	Doc    string
	Groups map[string]groupSpec
	// Flatten names the group that is the whole request: its fields sit on
	// the request itself, tagged with their full wire keys (contact[email]).
	Flatten string
	// Unexported requests are filled by their method from its arguments;
	// they get no constructor or setters.
	Unexported bool
	// Check names an unexported method, written by hand, that Validate calls
	// last for rules the catalog cannot express.
	Check string
	// Deprecated, for a request of a deprecated action, says what to use
	// instead.
	Deprecated string
}

// actionSpec maps a catalog action to a service method.
type actionSpec struct {
	Action string // catalog id
	// Method is the Go method name. A list action gets Method, an iterator
	// over every entry, and Method+"Page", which fetches one page.
	Method string
	// Doc says what the method does, completing nothing: whole sentences.
	Doc string
	// Anchor is the action's anchor on the package's Chargebee page, or on
	// Page when that is set.
	Anchor string
	// Page is the Chargebee page of the action when it is not the
	// package's.
	Page string
	// IDArg names the path id argument (customerID); the catalog says
	// whether there is one.
	IDArg string
	// Request is the request type; "" when the method takes none.
	Request string
	// Args are parameters the method takes as arguments rather than in a
	// request; they fill the (unexported) Request.
	Args []argSpec
	// Result is the result type, or for a list the entry type.
	Result string
	// Alt says what to use instead when the client speaks the API version
	// the action lacks.
	Alt string
	// Deprecated, for an action the catalog marks deprecated, says what to
	// use instead.
	Deprecated string
	// Fields overrides the package's Fields for this action's response.
	Fields map[string]fieldSpec
	// MapErr names a hand-written func(error) error that every error of the
	// call passes through, for answers the catalog does not describe.
	MapErr string
}

// modelSpec maps a catalog model to a Go struct.
type modelSpec struct {
	Key  string // catalog models key
	Name string // Go type name
	Doc  string // doc comment paragraphs (without the type name sentence start)
}

// fieldNames overrides the catalog's Go field names where Go spelling
// differs.
var fieldNames = map[string]string{
	"Iin":  "IIN",
	"Cvv":  "CVV",
	"Iban": "IBAN",
}

// enumSpec is a typed string enum. Values are collected from every use.
type enumSpec struct {
	Name string
	Doc  string
}

// groupSpec maps a parameter group of an action to a Go params type.
type groupSpec struct {
	Type     string // Go type name
	Singular string // element name for Add<Singular> on arrays
	Doc      string
}

// argSpec is a method argument sent as a request parameter.
type argSpec struct {
	Name string // Go argument name
	Wire string // the parameter's wire key
}

// packages are the generated packages, in generation order.
var packages = []*pkgSpec{
	customerPackage,
	contactPackage,
	relationshipPackage,
	entitlementPackage,
	creditsPackage,
	eventPackage,
}
