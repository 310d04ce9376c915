package customer

import (
	"github.com/billingkit/chargebee-go/internal/api"
	sitename "github.com/billingkit/chargebee-go/internal/site"
)

// AdminConsoleURL returns the link to the customer's page in the Chargebee
// admin console, https://{site}.chargebee.com/admin-console/customers/{id}.
// Opening it redirects to the details page (after a login when needed).
// Store the customer id, not the page the link redirects to: that address
// is built on internal ids and may change.
func AdminConsoleURL(site, id string) (string, error) {
	if !sitename.Valid(site) {
		return "", api.Invalid("site", "must match ^[a-z0-9][a-z0-9-]*$, for example acme or acme-test")
	}
	esc, err := api.PathID("customer_id", id)
	if err != nil {
		return "", err
	}
	return "https://" + site + ".chargebee.com/admin-console/customers/" + esc, nil
}

// AdminConsoleURL returns the admin console link of customer id on the
// service's site; see the package function AdminConsoleURL.
func (s *Service) AdminConsoleURL(id string) (string, error) {
	cb := s.client()
	if cb == nil {
		return "", errNilService
	}
	if err := api.RequireVersion(cb, "", "", ""); err != nil {
		return "", err
	}
	return AdminConsoleURL(cb.Site(), id)
}
