// Command quickstart walks through the life of a Chargebee customer with
// this SDK: create it (with a billing address and metadata), update its
// billing info, find it with a list filter, retrieve it and delete it.
//
//	go run ./examples/quickstart
//
// Without configuration it runs against the built-in fake and needs no
// network. To use a Chargebee test site instead:
//
//	CHARGEBEE_SITE=acme-test CHARGEBEE_API_KEY=test_... go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) (err error) {
	env, err := exampleenv.Open(w)
	if err != nil {
		return err
	}
	// Close deletes what the program created if it stops half way, and
	// stops the fake.
	defer env.Close(w, &err)
	customers := customer.NewService(env.Client)

	// Create a customer. Chargebee generates the id; the e-mail is unique to
	// this run on a real site.
	email := env.Email("ada")
	create := customer.NewCreateRequest().
		SetFirstName("Ada").
		SetLastName("Lovelace").
		SetEmail(email).
		SetCompany("Analytical Engines Ltd").
		SetBillingAddress(customer.NewBillingAddressParams().
			SetFirstName("Ada").
			SetLastName("Lovelace").
			SetLine1("12 St James's Square").
			SetLine2("Flat 3").
			SetCity("London").
			SetZip("SW1Y 4JH").
			SetCountry("GB")).
		SetMetaData(chargebee.Metadata{"signup_source": "quickstart", "seats": 3})
	if env.Fake != nil {
		// Custom fields (cf_* keys) must be defined on a site first, under
		// Settings > Configure Chargebee > Custom Fields; Chargebee rejects
		// unknown ones. The fake accepts any cf_* key, so the field is only
		// sent there. On your site, use the API name of a field you defined.
		create.SetCustomField("cf_referrer", "newsletter")
	}
	created, err := customers.Create(ctx, create)
	if err != nil {
		return fmt.Errorf("creating a customer: %w", err)
	}
	c := created.Customer
	id := c.ID
	env.Created(id)
	fmt.Fprintf(w, "Created customer %s: %s %s <%s>\n", id, c.FirstName, c.LastName, c.Email)
	fmt.Fprintf(w, "  billing address: %s\n", address(c.BillingAddress))
	fmt.Fprintf(w, "  metadata: %s\n", keyValues(c.MetaData))
	if len(c.CustomFields) > 0 {
		fmt.Fprintf(w, "  custom fields: %s\n", keyValues(c.CustomFields))
	}

	// update_billing_info replaces the whole billing address: a field not
	// sent (here line2) is cleared.
	updated, err := customers.UpdateBillingInfo(ctx, id, customer.NewUpdateBillingInfoRequest().
		SetBillingAddress(customer.NewBillingAddressParams().
			SetFirstName("Ada").
			SetLastName("Lovelace").
			SetLine1("1 Engine Street").
			SetCity("Cambridge").
			SetZip("CB2 1TN").
			SetCountry("GB")))
	if err != nil {
		return fmt.Errorf("updating the billing info of %s: %w", id, err)
	}
	fmt.Fprintf(w, "Updated billing info of %s\n", id)
	fmt.Fprintf(w, "  billing address: %s\n", address(updated.Customer.BillingAddress))

	// List with a filter: email[is]=... List pages on its own; the loop
	// ends after the last page or at the first error.
	var found []string
	for entry, err := range customers.List(ctx, customer.NewListRequest().
		SetEmail(chargebee.StringFilter{Is: email})) {
		if err != nil {
			return fmt.Errorf("listing customers: %w", err)
		}
		found = append(found, entry.Customer.ID)
	}
	if len(found) == 0 {
		found = append(found, "(none)")
	}
	fmt.Fprintf(w, "Customers with e-mail %s: %s\n", email, strings.Join(found, ", "))

	got, err := customers.Retrieve(ctx, id)
	if err != nil {
		return fmt.Errorf("retrieving %s: %w", id, err)
	}
	c = got.Customer
	fmt.Fprintf(w, "Retrieved %s: %s %s of %s, auto collection %s, billing city %s\n",
		c.ID, c.FirstName, c.LastName, c.Company, c.AutoCollection, city(c.BillingAddress))

	deleted, err := customers.Delete(ctx, id, nil)
	if err != nil {
		return fmt.Errorf("deleting %s: %w", id, err)
	}
	fmt.Fprintf(w, "Deleted %s (deleted: %t)\n", deleted.Customer.ID, deleted.Customer.Deleted)

	// Errors are *chargebee.Error values; errors.Is matches them against
	// sentinels such as chargebee.ErrNotFound. Chargebee deletes in the
	// background, so on a real site the customer may still be visible for a
	// moment.
	again, err := customers.Retrieve(ctx, id)
	var ce *chargebee.Error
	switch {
	case errors.Is(err, chargebee.ErrNotFound) && errors.As(err, &ce):
		fmt.Fprintf(w, "Retrieving %s again: not found (%d %s)\n", id, ce.HTTPStatusCode, ce.APIErrorCode)
	case err != nil:
		return fmt.Errorf("retrieving %s after deleting it: %w", id, err)
	default:
		fmt.Fprintf(w, "Retrieving %s again: still visible while Chargebee deletes it (deleted: %t)\n", id, again.Customer.Deleted)
	}
	return nil
}

// address formats a billing address on one line.
func address(a *customer.BillingAddress) string {
	if a == nil {
		return "(none)"
	}
	var parts []string
	for _, p := range []string{a.Line1, a.Line2, a.City, a.Zip, a.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func city(a *customer.BillingAddress) string {
	if a == nil || a.City == "" {
		return "(none)"
	}
	return a.City
}

// keyValues formats a JSON object as key=value pairs sorted by key.
func keyValues(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, m[k])
	}
	return strings.Join(parts, " ")
}
