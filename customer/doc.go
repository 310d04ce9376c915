// Package customer wraps the Chargebee customer actions: create, list,
// retrieve, update, payment methods, billing info, payment roles, excess
// payments, payment collection, delete, move, billing date, merge and
// clearing personal data.
//
//	customers := customer.NewService(cb)
//	res, err := customers.Create(ctx, customer.NewCreateRequest().
//		SetFirstName("John").
//		SetEmail("john@acme.com"))
//
// Requests are built with New...Request and chainable Set... setters; every
// request validates itself before it is sent. Models, enums, requests,
// results, their JSON decoders and the Service methods in the *_gen.go
// files are generated from the API catalog (internal/gen/catalog.json) by
// internal/gen.
//
// See https://apidocs.chargebee.com/docs/api/customers.
package customer
