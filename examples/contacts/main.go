// Command contacts manages the contacts of a customer: the people, besides
// the customer, who receive its billing and account e-mails. It adds two,
// lists them, changes one and removes the other.
//
//	go run ./examples/contacts
//
// Without configuration it runs against the built-in fake. With
// CHARGEBEE_SITE and CHARGEBEE_API_KEY set it uses that site and deletes the
// customer it created at the end.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "contacts:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) (err error) {
	env, err := exampleenv.Open(w)
	if err != nil {
		return err
	}
	defer env.Close(w, &err)
	contacts := contact.NewService(env.Client)

	res, err := customer.NewService(env.Client).Create(ctx, customer.NewCreateRequest().
		SetCompany("Acme Corp").SetEmail(env.Email("accounts")))
	if err != nil {
		return fmt.Errorf("creating a customer: %w", err)
	}
	id := res.Customer.ID
	env.Created(id)
	fmt.Fprintf(w, "Created customer %s <%s>\n", id, res.Customer.Email)

	// Add returns the customer with all its contacts; Chargebee generates
	// the contact id unless the request sets one. A customer has at most 6
	// contacts (Chargebee refuses the seventh).
	adds := []*contact.AddRequest{
		contact.NewAddRequest().SetFirstName("Jane").SetLastName("Doe").SetEmail(env.Email("jane")).
			SetLabel("finance").SetEnabled(true).SetSendBillingEmail(true),
		contact.NewAddRequest().SetFirstName("Raj").SetLastName("Patel").SetEmail(env.Email("raj")).
			SetLabel("engineering").SetEnabled(true).SetSendAccountEmail(true),
	}
	var ids []string
	for _, add := range adds {
		res, err := contacts.Add(ctx, id, add)
		if err != nil {
			return fmt.Errorf("adding contact %s: %w", *add.Email, err)
		}
		c, ok := byEmail(res.Customer.Contacts, *add.Email)
		if !ok {
			return fmt.Errorf("the customer returned by add_contact has no contact %s", *add.Email)
		}
		ids = append(ids, c.ID)
		fmt.Fprintf(w, "Added %s\n", describe(c))
	}
	jane, raj := ids[0], ids[1]

	if err := list(ctx, w, contacts, id); err != nil {
		return err
	}

	// Update changes only the fields set; the contact id is required.
	upd, err := contacts.Update(ctx, id, contact.NewUpdateRequest().SetID(raj).SetSendBillingEmail(true).SetLabel("ops"))
	if err != nil {
		return fmt.Errorf("updating contact %s: %w", raj, err)
	}
	if c, ok := byID(upd.Customer.Contacts, raj); ok {
		fmt.Fprintf(w, "Updated %s\n", describe(c))
	}

	del, err := contacts.Delete(ctx, id, jane)
	if err != nil {
		return fmt.Errorf("deleting contact %s: %w", jane, err)
	}
	fmt.Fprintf(w, "Deleted %s; contacts left on the customer: %d\n", jane, len(del.Customer.Contacts))

	return list(ctx, w, contacts, id)
}

// list prints the customer's contacts, reading every page.
func list(ctx context.Context, w io.Writer, contacts *contact.Service, customerID string) error {
	var lines []string
	for entry, err := range contacts.List(ctx, customerID, nil) {
		if err != nil {
			return fmt.Errorf("listing the contacts of %s: %w", customerID, err)
		}
		lines = append(lines, "  "+describe(*entry.Contact))
	}
	fmt.Fprintf(w, "Contacts of %s (%d):\n%s\n", customerID, len(lines), strings.Join(lines, "\n"))
	return nil
}

// describe formats a contact and the e-mails it receives on one line.
func describe(c contact.Contact) string {
	var gets []string
	if c.SendBillingEmail {
		gets = append(gets, "billing")
	}
	if c.SendAccountEmail {
		gets = append(gets, "account")
	}
	mail := "no e-mails"
	switch {
	case !c.Enabled:
		mail = "disabled"
	case len(gets) > 0:
		mail = strings.Join(gets, " and ") + " e-mails"
	}
	return fmt.Sprintf("%s: %s %s <%s> [%s] gets %s", c.ID, c.FirstName, c.LastName, c.Email, c.Label, mail)
}

func byEmail(cs []customer.Contact, email string) (customer.Contact, bool) {
	for _, c := range cs {
		if strings.EqualFold(c.Email, email) {
			return c, true
		}
	}
	return customer.Contact{}, false
}

func byID(cs []customer.Contact, id string) (customer.Contact, bool) {
	for _, c := range cs {
		if c.ID == id {
			return c, true
		}
	}
	return customer.Contact{}, false
}
