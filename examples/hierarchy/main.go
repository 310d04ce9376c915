// Command hierarchy builds a customer hierarchy: a parent account with
// children, where some children's invoices are paid by their parent, and
// prints it as a tree.
//
//	go run ./examples/hierarchy
//
// Without configuration it runs against the built-in fake. With
// CHARGEBEE_SITE and CHARGEBEE_API_KEY set it uses that site, which needs
// Account Hierarchy enabled; the customers it creates are unlinked and
// deleted at the end.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
	"github.com/billingkit/chargebee-go/relationship"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "hierarchy:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) (err error) {
	env, err := exampleenv.Open(w)
	if err != nil {
		return err
	}
	// Close unlinks and deletes the customers recorded with env.Created,
	// children first, and stops the fake.
	defer env.Close(w, &err)
	customers := customer.NewService(env.Client)
	rels := relationship.NewService(env.Client)

	group, us, eu, berlin := env.ID("acme_group"), env.ID("acme_us"), env.ID("acme_eu"), env.ID("acme_berlin")

	res, err := customers.Create(ctx, customer.NewCreateRequest().SetID(group).SetCompany("Acme Group"))
	if err != nil {
		return fmt.Errorf("creating %s: %w", group, err)
	}
	env.Created(res.Customer.ID)
	fmt.Fprintf(w, "Created the parent %s\n", res.Customer.ID)

	// CreateChild creates a customer and links it under a parent. Without
	// owners in the link request the child pays and receives its own
	// invoices; the owners can be the child or its parent.
	children := []struct {
		id, company, parent string
		link                *relationship.LinkRequest
	}{
		{us, "Acme US", group, nil},
		{eu, "Acme EU", group, relationship.NewLinkRequest().SetPaymentOwnerID(group).SetInvoiceOwnerID(eu)},
		{berlin, "Acme Berlin", eu, relationship.NewLinkRequest().SetPaymentOwnerID(eu).SetInvoiceOwnerID(eu)},
	}
	for _, ch := range children {
		res, err := rels.CreateChild(ctx, ch.parent, customer.NewCreateRequest().SetID(ch.id).SetCompany(ch.company), ch.link)
		var le *relationship.LinkError
		if errors.As(err, &le) {
			env.Created(le.CustomerID) // created, but not linked
		}
		if err != nil {
			return fmt.Errorf("creating %s under %s: %w", ch.id, ch.parent, err)
		}
		env.Created(res.Customer.ID)
		r := res.Customer.Relationship
		fmt.Fprintf(w, "Created %s under %s: payment owner %s, invoice owner %s\n",
			res.Customer.ID, r.ParentID, r.PaymentOwnerID, r.InvoiceOwnerID)
	}

	// Tree reads the complete hierarchy of any member with one call.
	tree, err := rels.Tree(ctx, berlin)
	if err != nil {
		return fmt.Errorf("reading the hierarchy of %s: %w", berlin, err)
	}
	fmt.Fprintf(w, "Hierarchy of %s (%d customers):\n", berlin, tree.Len())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	err = tree.Walk(func(n *relationship.Node) error {
		h := n.Hierarchy
		_, err := fmt.Fprintf(tw, "  %s%s\tpaid by %s, invoiced to %s\n", strings.Repeat("  ", n.Depth()), n.ID(), h.PaymentOwnerID, h.InvoiceOwnerID)
		return err
	})
	if err == nil {
		err = tw.Flush()
	}
	if err != nil {
		return err
	}
	if node, ok := tree.Node(berlin); ok {
		var path []string
		for _, n := range node.PathToRoot() {
			path = append(path, n.ID())
		}
		fmt.Fprintf(w, "Path to the root: %s\n", strings.Join(path, " -> "))
	}

	// Chargebee refuses a link that would make a cycle.
	_, err = rels.Link(ctx, group, relationship.NewLinkRequest().SetParentID(berlin))
	var ce *chargebee.Error
	switch {
	case errors.As(err, &ce):
		fmt.Fprintf(w, "Linking %s under %s is refused (%d, param %s): %s\n", group, berlin, ce.HTTPStatusCode, ce.Param, ce.Message)
	case err != nil:
		return fmt.Errorf("linking %s under %s: %w", group, berlin, err)
	default:
		return fmt.Errorf("linking %s under %s was accepted, which makes a cycle", group, berlin)
	}
	return nil
}
