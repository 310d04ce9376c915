package relationship_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/relationship"
	"github.com/jarcoal/httpmock"
)

const base = "https://acme-test.chargebee.com/api/v2"

// exampleClient returns a client whose requests go to mt instead of Chargebee.
func exampleClient(mt *httpmock.MockTransport) *chargebee.Client {
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		panic(err)
	}
	return cb
}

// Link a customer under a parent, then fetch its whole hierarchy as a tree
// and print it.
func ExampleService_Link() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, base+"/customers/acme_berlin/relationships",
		httpmock.NewStringResponder(200, `{"customer":{"id":"acme_berlin","auto_collection":"on","net_term_days":0,
			"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,"refundable_credits":0,
			"excess_payments":0,"unbilled_charges":0,"deleted":false,
			"relationship":{"parent_id":"acme_eu","payment_owner_id":"acme_group","invoice_owner_id":"acme_eu"}}}`))
	mt.RegisterResponder(http.MethodGet, base+"/customers/acme_berlin/hierarchy",
		httpmock.NewStringResponder(200, `{"hierarchies":[
			{"customer_id":"acme_group","payment_owner_id":"acme_group","invoice_owner_id":"acme_group","has_children":true,"children_ids":["acme_us","acme_eu"]},
			{"customer_id":"acme_us","parent_id":"acme_group","payment_owner_id":"acme_us","invoice_owner_id":"acme_us"},
			{"customer_id":"acme_eu","parent_id":"acme_group","payment_owner_id":"acme_group","invoice_owner_id":"acme_eu","has_children":true,"children_ids":["acme_berlin","acme_paris"]},
			{"customer_id":"acme_paris","parent_id":"acme_eu","payment_owner_id":"acme_paris","invoice_owner_id":"acme_paris"},
			{"customer_id":"acme_berlin","parent_id":"acme_eu","payment_owner_id":"acme_group","invoice_owner_id":"acme_eu"}]}`))

	ctx := context.Background()
	rels := relationship.NewService(exampleClient(mt))

	res, err := rels.Link(ctx, "acme_berlin", relationship.NewLinkRequest().
		SetParentID("acme_eu").
		SetPaymentOwnerID("acme_group").
		SetInvoiceOwnerID("acme_eu"))
	if err != nil {
		fmt.Println("link:", err)
		return
	}
	fmt.Println("linked", res.Customer.ID, "under", res.Customer.Relationship.ParentID)

	tree, err := rels.Tree(ctx, "acme_berlin")
	if err != nil {
		fmt.Println("tree:", err)
		return
	}
	_ = tree.Walk(func(n *relationship.Node) error {
		fmt.Printf("%s%s (paid by %s)\n", strings.Repeat("  ", n.Depth()), n.ID(), n.Hierarchy.PaymentOwnerID)
		return nil
	})

	berlin, _ := tree.Node("acme_berlin")
	var path []string
	for _, n := range berlin.PathToRoot() {
		path = append(path, n.ID())
	}
	fmt.Println("path to root:", strings.Join(path, " -> "))
	// Output:
	// linked acme_berlin under acme_eu
	// acme_group (paid by acme_group)
	//   acme_eu (paid by acme_group)
	//     acme_berlin (paid by acme_group)
	//     acme_paris (paid by acme_paris)
	//   acme_us (paid by acme_us)
	// path to root: acme_berlin -> acme_eu -> acme_group
}

// Create a customer and link it under a parent. When the link fails the
// customer exists all the same, and the error says which one it is.
func ExampleService_CreateChild() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, base+"/customers",
		httpmock.NewStringResponder(200, `{"customer":{"id":"acme_rome","first_name":"Acme Rome","auto_collection":"on",
			"net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"promotional_credits":0,
			"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"deleted":false}}`))
	mt.RegisterResponder(http.MethodPost, base+"/customers/acme_rome/relationships",
		httpmock.NewStringResponder(400, `{"message":"The hierarchy cannot have more than 5 levels","type":"invalid_request",
			"api_error_code":"param_wrong_value","param":"parent_id","http_status_code":400}`))

	rels := relationship.NewService(exampleClient(mt))
	_, err := rels.CreateChild(context.Background(), "acme_level5",
		customer.NewCreateRequest().SetID("acme_rome").SetFirstName("Acme Rome"), nil,
		chargebee.WithIdempotencyKey("onboard-acme-rome"))

	var le *relationship.LinkError
	if errors.As(err, &le) {
		fmt.Println("created but not linked:", le.CustomerID)
		var ce *chargebee.Error
		if errors.As(err, &ce) {
			fmt.Println("param:", ce.Param)
		}
	}
	// Output:
	// created but not linked: acme_rome
	// param: parent_id
}

// Build a tree from hierarchy entries obtained elsewhere, for example from
// ListDetail pages.
func ExampleBuildTree() {
	tree, err := relationship.BuildTree([]relationship.Hierarchy{
		{CustomerID: "b", ParentID: "root"},
		{CustomerID: "root"},
		{CustomerID: "a", ParentID: "root"},
		{CustomerID: "a1", ParentID: "a"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(tree)

	_, err = relationship.BuildTree([]relationship.Hierarchy{
		{CustomerID: "x", ParentID: "y"},
		{CustomerID: "y", ParentID: "x"},
	})
	fmt.Println(errors.Is(err, relationship.ErrCycle), err)
	// Output:
	// root
	//   a
	//     a1
	//   b
	// true relationship: hierarchy contains a cycle: x -> y -> x
}
