// Package entitlement reads the entitlements of a Chargebee customer: which
// features the customer's active subscriptions grant, and at what level.
//
// Service.List and Service.ListPage wrap the "List customer entitlements"
// action (GET /customers/{customer-id}/customer_entitlements). Service.Load
// reads every page into a Set, the lookup a service uses to gate a feature:
//
//	set, err := entitlements.Load(ctx, "c1")
//	if err != nil {
//		return err
//	}
//	if !set.Enabled("xero-integration") {
//		return errFeatureNotInPlan
//	}
//	seats, _ := set.Value("user-licenses") // for example "10"
//
// Only subscriptions in status active or non_renewing contribute
// entitlements. The endpoint is disabled on Chargebee sites by default;
// until Chargebee Support enables it, every call fails with an error matching
// ErrNotEnabled.
//
// See https://apidocs.chargebee.com/docs/api/customer_entitlements.
package entitlement

import (
	"errors"
	"fmt"
	"strings"

	"github.com/billingkit/chargebee-go"
)

// ErrNotEnabled matches, with errors.Is, the error returned when Chargebee
// answers that customer entitlements are not enabled for the site. The
// endpoint is off by default; Chargebee Support turns it on. The error also
// wraps the *chargebee.Error of the response, so errors.As still gives the
// status, code and message Chargebee sent.
var ErrNotEnabled = errors.New("entitlement: customer entitlements are not enabled on this Chargebee site (the endpoint is off by default; ask Chargebee Support to enable it)")

// notEnabled wraps with ErrNotEnabled Chargebee's answer that the endpoint
// is off for the site: a 4xx whose message ("This API operation is not
// enabled for this site ...") or error code says so. Other errors, a 404
// for an unknown customer included, pass through unchanged.
func notEnabled(err error) error {
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.HTTPStatusCode/100 != 4 {
		return err
	}
	msg := strings.ToLower(ce.Message + " " + ce.APIErrorCode)
	if strings.Contains(msg, "not enabled") || strings.Contains(msg, "not been enabled") || strings.Contains(msg, "not_enabled") {
		return fmt.Errorf("%w: %w", ErrNotEnabled, err)
	}
	return err
}
