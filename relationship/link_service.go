package relationship

import (
	"context"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/api"
)

// LinkResult is the response of Service.Link.
type LinkResult struct {
	// Customer is the child with its new relationship, hierarchy setting
	// and account access.
	Customer *customer.Customer `json:"customer"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *LinkResult) UnmarshalJSON(b []byte) error {
	return decodeCustomer(b, "relationship.Link", &r.Customer)
}

// UnlinkResult is the response of Service.Unlink.
type UnlinkResult struct {
	// Customer is the customer no longer linked to a parent.
	Customer *customer.Customer `json:"customer"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *UnlinkResult) UnmarshalJSON(b []byte) error {
	return decodeCustomer(b, "relationship.Unlink", &r.Customer)
}

// UpdateSettingsResult is the response of Service.UpdateSettings.
type UpdateSettingsResult struct {
	// Customer is the customer with its updated access settings.
	Customer *customer.Customer `json:"customer"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *UpdateSettingsResult) UnmarshalJSON(b []byte) error {
	return decodeCustomer(b, "relationship.UpdateSettings", &r.Customer)
}

// Link places the customer childID under a parent (req.ParentID) and sets who
// pays and receives its invoices and what each side may access. Chargebee
// sets the customer's relationship, use_default_hierarchy_settings,
// parent_account_access and child_account_access; invoices raised for the
// child afterwards belong to the invoice owner, and are paid with the payment
// owner's payment sources when the invoice owner has auto collection on.
//
// Both customers must belong to the same business entity, and the hierarchy
// limits apply (Chargebee documents at most 250 direct children and 5 levels
// from root to lowest child). Chargebee checks these, and which customers may
// be payment and invoice owners; its error reaches the caller unchanged as a
// *chargebee.Error with Param naming the parameter. Before sending, Link
// checks only that childID is not empty and that req.ParentID, when given,
// differs from childID. A nil req sends no parameters. The parent and owners
// of a linked customer cannot be changed with UpdateSettings: Unlink it and
// Link it again. The action needs API v2.
//
// See https://apidocs.chargebee.com/docs/api/v2/pcv-1/customers/link-a-customer.
func (s *Service) Link(ctx context.Context, childID string, req *LinkRequest, opts ...chargebee.RequestOption) (*LinkResult, error) {
	if err := s.v2("relationship.Link"); err != nil {
		return nil, err
	}
	id, err := api.PathID("customer_id", childID)
	if err != nil {
		return nil, err
	}
	if req != nil && req.ParentID != nil && *req.ParentID == childID {
		return nil, api.Invalid("parent_id", "must differ from the customer being linked")
	}
	out := new(LinkResult)
	if err := s.cb.Do(ctx, http.MethodPost, "/customers/"+id+"/relationships", req, out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

// Unlink removes the customer childID from its parent. The action takes no
// parameters and needs API v2.
//
// See https://apidocs.chargebee.com/docs/api/customers.
func (s *Service) Unlink(ctx context.Context, childID string, opts ...chargebee.RequestOption) (*UnlinkResult, error) {
	if err := s.v2("relationship.Unlink"); err != nil {
		return nil, err
	}
	id, err := api.PathID("customer_id", childID)
	if err != nil {
		return nil, err
	}
	out := new(UnlinkResult)
	if err := s.cb.Do(ctx, http.MethodPost, "/customers/"+id+"/delete_relationship", nil, out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateSettings changes the hierarchy access settings of a customer that is
// already linked: whether the site defaults apply, and what the parent and
// the customer itself may see and receive. With use_default_hierarchy_settings
// true (Chargebee's default when omitted) the stored access settings are
// removed and the site's settings apply; with false, the access settings sent
// replace the stored ones and those not sent stay as they are. The parent and
// the payment and invoice owners cannot be changed here. A nil req sends no
// parameters. The action needs API v2.
//
// See https://apidocs.chargebee.com/docs/api/customers/update-hierarchy-access-settings-for-a-customer.
func (s *Service) UpdateSettings(ctx context.Context, customerID string, req *UpdateSettingsRequest, opts ...chargebee.RequestOption) (*UpdateSettingsResult, error) {
	if err := s.v2("relationship.UpdateSettings"); err != nil {
		return nil, err
	}
	id, err := api.PathID("customer_id", customerID)
	if err != nil {
		return nil, err
	}
	out := new(UpdateSettingsResult)
	if err := s.cb.Do(ctx, http.MethodPost, "/customers/"+id+"/update_hierarchy_settings", req, out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}
