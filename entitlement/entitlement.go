// Package entitlement reads the entitlements of a Chargebee customer: which
// features the customer's active subscriptions grant, and at what level.
//
// Service.Load reads every page of List into a Set, to gate features with;
// Consolidated() merges the entries of the customer's subscriptions:
//
//	set, err := entitlements.Load(ctx, "c1", entitlement.Consolidated())
//	if err != nil {
//		return err
//	}
//	if !set.Enabled("xero-integration") {
//		return errFeatureNotInPlan
//	}
//	seats, _ := set.Value("user-licenses") // for example "10"
//
// Only active and non_renewing subscriptions grant entitlements. Until
// Chargebee Support enables the endpoint, calls fail matching ErrNotEnabled.
//
// See https://apidocs.chargebee.com/docs/api/customer_entitlements.
package entitlement

import (
	"errors"
	"fmt"
	"strings"

	"github.com/billingkit/chargebee-go"
)

// ErrNotEnabled matches the error of a call to a site where customer
// entitlements are not enabled; errors.As still finds the *chargebee.Error.
var ErrNotEnabled = errors.New("entitlement: customer entitlements are not enabled on this Chargebee site (the endpoint is off by default; ask Chargebee Support to enable it)")

// notEnabled wraps with ErrNotEnabled a 4xx whose message or code says the
// endpoint is not enabled; other errors pass unchanged.
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
