// Package mocking is a small piece of application code that uses the SDK,
// OnboardCustomer, with the ways to test such code without a Chargebee
// site (see onboard_test.go):
//
//   - unit tests with github.com/jarcoal/httpmock.Activate, which replaces
//     http.DefaultTransport: a client made without WithHTTPClient sends
//     through it, and a mocked 429 is retried through the mock;
//   - unit tests with a MockTransport of the test's own: the client's
//     transport answers with canned Chargebee JSON, registered with the
//     helpers of package chargebeetest, and the test checks what was sent;
//   - tests against the fake server of package chargebeetest, which keeps
//     state, checks every parameter the SDK sends, and can inject faults.
//
// Run them with:
//
//	go test ./examples/mocking
package mocking

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
)

// ErrInvalidEmail is returned by OnboardCustomer for an address it does not
// send to Chargebee.
var ErrInvalidEmail = errors.New("onboarding: invalid e-mail address")

// OnboardCustomer returns the id of the Chargebee customer with the e-mail
// address, creating the customer when there is none. Calling it again for
// the same address returns the same customer, so a signup that is retried
// does not create a duplicate.
func OnboardCustomer(ctx context.Context, customers *customer.Service, email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if at := strings.IndexByte(email, '@'); at < 1 || at == len(email)-1 {
		return "", ErrInvalidEmail
	}

	page, err := customers.ListPage(ctx, customer.NewListRequest().
		SetEmail(chargebee.StringFilter{Is: email}).
		SetLimit(1))
	if err != nil {
		return "", fmt.Errorf("onboarding: looking up the customer: %w", err)
	}
	if len(page.Items) > 0 {
		return page.Items[0].Customer.ID, nil
	}

	// The SDK sends an idempotency key with the create and retries it on a
	// rate limit or a lost connection, so a retry does not create a second
	// customer either.
	res, err := customers.Create(ctx, customer.NewCreateRequest().
		SetEmail(email).
		SetMetaData(chargebee.Metadata{"source": "onboarding"}))
	if err != nil {
		return "", fmt.Errorf("onboarding: creating the customer: %w", err)
	}
	return res.Customer.ID, nil
}
