package contact

import (
	"github.com/billingkit/chargebee-go/internal/api"
)

// Length limits of the contact fields.
const (
	maxContactID = 150
	maxName      = 150
	maxEmail     = 70
	maxPhone     = 50
	maxLabel     = 50
)

// AddRequest holds the parameters of Service.Add. The contact object is the
// whole request, so its fields sit on the request itself; each is sent as
// contact[...]. Email is required.
type AddRequest struct {
	// ID is your own reference for the contact (contact[id], at most 150
	// characters); Chargebee generates one when it is omitted.
	ID *string `url:"contact[id],omitempty"`
	// FirstName is the contact's first name (contact[first_name], at most
	// 150 characters).
	FirstName *string `url:"contact[first_name],omitempty"`
	// LastName is the contact's last name (contact[last_name], at most 150
	// characters).
	LastName *string `url:"contact[last_name],omitempty"`
	// Email is the contact's e-mail address (contact[email], required, at
	// most 70 characters).
	Email *string `url:"contact[email],omitempty"`
	// Phone is the contact's phone number (contact[phone], at most 50
	// characters).
	Phone *string `url:"contact[phone],omitempty"`
	// Label is a tag for the contact, such as "dev" or "finance"
	// (contact[label], at most 50 characters).
	Label *string `url:"contact[label],omitempty"`
	// Enabled turns the contact on or off (contact[enabled]; Chargebee's
	// default is false).
	Enabled *bool `url:"contact[enabled],omitempty"`
	// SendBillingEmail sends billing e-mails to the contact
	// (contact[send_billing_email]; Chargebee's default is false).
	SendBillingEmail *bool `url:"contact[send_billing_email],omitempty"`
	// SendAccountEmail sends account e-mails to the contact
	// (contact[send_account_email]; Chargebee's default is false).
	SendAccountEmail *bool `url:"contact[send_account_email],omitempty"`
}

// NewAddRequest returns an empty AddRequest.
func NewAddRequest() *AddRequest { return &AddRequest{} }

// SetID sets contact[id].
func (r *AddRequest) SetID(v string) *AddRequest { r.ID = &v; return r }

// SetFirstName sets contact[first_name].
func (r *AddRequest) SetFirstName(v string) *AddRequest { r.FirstName = &v; return r }

// SetLastName sets contact[last_name].
func (r *AddRequest) SetLastName(v string) *AddRequest { r.LastName = &v; return r }

// SetEmail sets contact[email].
func (r *AddRequest) SetEmail(v string) *AddRequest { r.Email = &v; return r }

// SetPhone sets contact[phone].
func (r *AddRequest) SetPhone(v string) *AddRequest { r.Phone = &v; return r }

// SetLabel sets contact[label].
func (r *AddRequest) SetLabel(v string) *AddRequest { r.Label = &v; return r }

// SetEnabled sets contact[enabled].
func (r *AddRequest) SetEnabled(v bool) *AddRequest { r.Enabled = &v; return r }

// SetSendBillingEmail sets contact[send_billing_email].
func (r *AddRequest) SetSendBillingEmail(v bool) *AddRequest { r.SendBillingEmail = &v; return r }

// SetSendAccountEmail sets contact[send_account_email].
func (r *AddRequest) SetSendAccountEmail(v bool) *AddRequest { r.SendAccountEmail = &v; return r }

// Validate checks that contact[email] is given and that no field is longer
// than Chargebee allows. A nil request fails: the e-mail is required.
func (r *AddRequest) Validate() error {
	if r == nil {
		return api.Invalid("contact[email]", "is required")
	}
	return api.First(
		api.RequiredString("contact[email]", r.Email),
		validateFields(r.ID, r.FirstName, r.LastName, r.Email, r.Phone, r.Label),
	)
}

// UpdateRequest holds the parameters of Service.Update. The contact object is
// the whole request, so its fields sit on the request itself; each is sent
// as contact[...]. ID, naming the contact to change, is required; fields left
// nil are not sent.
type UpdateRequest struct {
	// ID is the id of the contact to update (contact[id], required, at most
	// 150 characters).
	ID *string `url:"contact[id],omitempty"`
	// FirstName is the contact's first name (contact[first_name], at most
	// 150 characters).
	FirstName *string `url:"contact[first_name],omitempty"`
	// LastName is the contact's last name (contact[last_name], at most 150
	// characters).
	LastName *string `url:"contact[last_name],omitempty"`
	// Email is the contact's e-mail address (contact[email], at most 70
	// characters).
	Email *string `url:"contact[email],omitempty"`
	// Phone is the contact's phone number (contact[phone], at most 50
	// characters).
	Phone *string `url:"contact[phone],omitempty"`
	// Label is a tag for the contact (contact[label], at most 50
	// characters).
	Label *string `url:"contact[label],omitempty"`
	// Enabled turns the contact on or off (contact[enabled]).
	Enabled *bool `url:"contact[enabled],omitempty"`
	// SendBillingEmail sends billing e-mails to the contact
	// (contact[send_billing_email]).
	SendBillingEmail *bool `url:"contact[send_billing_email],omitempty"`
	// SendAccountEmail sends account e-mails to the contact
	// (contact[send_account_email]).
	SendAccountEmail *bool `url:"contact[send_account_email],omitempty"`
}

// NewUpdateRequest returns an empty UpdateRequest; set the contact's id with
// SetID.
func NewUpdateRequest() *UpdateRequest { return &UpdateRequest{} }

// SetID sets contact[id].
func (r *UpdateRequest) SetID(v string) *UpdateRequest { r.ID = &v; return r }

// SetFirstName sets contact[first_name].
func (r *UpdateRequest) SetFirstName(v string) *UpdateRequest { r.FirstName = &v; return r }

// SetLastName sets contact[last_name].
func (r *UpdateRequest) SetLastName(v string) *UpdateRequest { r.LastName = &v; return r }

// SetEmail sets contact[email].
func (r *UpdateRequest) SetEmail(v string) *UpdateRequest { r.Email = &v; return r }

// SetPhone sets contact[phone].
func (r *UpdateRequest) SetPhone(v string) *UpdateRequest { r.Phone = &v; return r }

// SetLabel sets contact[label].
func (r *UpdateRequest) SetLabel(v string) *UpdateRequest { r.Label = &v; return r }

// SetEnabled sets contact[enabled].
func (r *UpdateRequest) SetEnabled(v bool) *UpdateRequest { r.Enabled = &v; return r }

// SetSendBillingEmail sets contact[send_billing_email].
func (r *UpdateRequest) SetSendBillingEmail(v bool) *UpdateRequest {
	r.SendBillingEmail = &v
	return r
}

// SetSendAccountEmail sets contact[send_account_email].
func (r *UpdateRequest) SetSendAccountEmail(v bool) *UpdateRequest {
	r.SendAccountEmail = &v
	return r
}

// Validate checks that contact[id] is given and that no field is longer
// than Chargebee allows. A nil request fails: the contact id is required.
func (r *UpdateRequest) Validate() error {
	if r == nil {
		return api.Invalid("contact[id]", "is required")
	}
	return api.First(
		api.RequiredString("contact[id]", r.ID),
		validateFields(r.ID, r.FirstName, r.LastName, r.Email, r.Phone, r.Label),
	)
}

func validateFields(id, first, last, email, phone, label *string) error {
	return api.First(
		api.MaxLen("contact[id]", id, maxContactID),
		api.MaxLen("contact[first_name]", first, maxName),
		api.MaxLen("contact[last_name]", last, maxName),
		api.MaxLen("contact[email]", email, maxEmail),
		api.MaxLen("contact[phone]", phone, maxPhone),
		api.MaxLen("contact[label]", label, maxLabel),
	)
}

// deleteParams is the body of Service.Delete.
type deleteParams struct {
	ID string `url:"contact[id]"`
}

// Validate checks the length of contact[id]; Delete has already checked
// that it is not empty.
func (p *deleteParams) Validate() error {
	return api.MaxLen("contact[id]", &p.ID, maxContactID)
}

// ListRequest holds the parameters of Service.List and Service.ListPage. All
// fields are optional.
type ListRequest struct {
	// Limit is the page size, 1 to 100 (limit).
	Limit *int32 `url:"limit,omitempty"`
	// Offset is the next_offset of the previous page (offset, at most 1000
	// characters). List sets it itself.
	Offset *string `url:"offset,omitempty"`
}

// NewListRequest returns an empty ListRequest.
func NewListRequest() *ListRequest { return &ListRequest{} }

// SetLimit sets limit.
func (r *ListRequest) SetLimit(v int32) *ListRequest { r.Limit = &v; return r }

// SetOffset sets offset.
func (r *ListRequest) SetOffset(v string) *ListRequest { r.Offset = &v; return r }

// Validate checks that limit and offset are in range.
func (r *ListRequest) Validate() error {
	if r == nil {
		return nil
	}
	return api.First(api.Limit(r.Limit), api.Offset(r.Offset))
}
