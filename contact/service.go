// Package contact manages the contacts of a Chargebee customer: the people,
// besides the customer, who receive its billing and account e-mails. It
// lists, adds, updates and deletes them; every change returns the updated
// customer with its contacts.
//
//	contacts := contact.NewService(cb)
//	res, err := contacts.Add(ctx, "cust_1", contact.NewAddRequest().
//		SetEmail("jane@acme.com").SetFirstName("Jane").SetSendBillingEmail(true))
//
// Chargebee limits how many contacts a customer may have (6 in its customer
// reference; newer pages give 10) and rejects an Add beyond that; the SDK does
// not count them itself.
//
// See https://apidocs.chargebee.com/docs/api/contacts.
package contact

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/api"
)

// Contact is a contact of a customer; it is the customer package's model.
type Contact = customer.Contact

// ListEntry is one entry of Service.List.
type ListEntry struct {
	// Contact is the contact.
	Contact *Contact `json:"contact"`
}

// UnmarshalJSON decodes an entry and fails when "contact" is missing.
func (e *ListEntry) UnmarshalJSON(b []byte) error {
	var raw struct {
		Contact *Contact `json:"contact"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.Contact == nil {
		return api.MissingKey("contact.List", "contact")
	}
	e.Contact = raw.Contact
	return nil
}

// AddResult is the response of Service.Add.
type AddResult struct {
	// Customer is the customer with its contacts, the new one included.
	Customer *customer.Customer `json:"customer"`
	// Card is the customer's card, when it has one.
	Card *customer.Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *AddResult) UnmarshalJSON(b []byte) error {
	return decodeResult(b, "contact.Add", &r.Customer, &r.Card)
}

// UpdateResult is the response of Service.Update.
type UpdateResult struct {
	// Customer is the customer with its contacts, the changed one included.
	Customer *customer.Customer `json:"customer"`
	// Card is the customer's card, when it has one.
	Card *customer.Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *UpdateResult) UnmarshalJSON(b []byte) error {
	return decodeResult(b, "contact.Update", &r.Customer, &r.Card)
}

// DeleteResult is the response of Service.Delete.
type DeleteResult struct {
	// Customer is the customer with its remaining contacts.
	Customer *customer.Customer `json:"customer"`
	// Card is the customer's card, when it has one.
	Card *customer.Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *DeleteResult) UnmarshalJSON(b []byte) error {
	return decodeResult(b, "contact.Delete", &r.Customer, &r.Card)
}

// Service calls the contact actions of the Chargebee customer API. It is safe
// for concurrent use.
type Service struct {
	cb *chargebee.Client
}

// NewService returns a Service that sends its requests through cb.
func NewService(cb *chargebee.Client) *Service {
	return &Service{cb: cb}
}

// guard reports a nil Service, or one without a client made by
// chargebee.NewClient, before anything else is checked.
func (s *Service) guard() error {
	if s == nil {
		return api.NilService("contact")
	}
	return api.CheckClient(s.cb)
}

// List pages lazily through the contacts of a customer. Nothing is sent until
// the iterator is ranged over; pages are fetched one at a time and the first
// error is yielded once. req may be nil and is not modified. The action needs
// API v2 (API v1 has no list of contacts; there, read the Contacts of the
// customer).
//
// See https://apidocs.chargebee.com/docs/api/customers.
func (s *Service) List(ctx context.Context, customerID string, req *ListRequest, opts ...chargebee.RequestOption) iter.Seq2[*ListEntry, error] {
	return chargebee.Paginate(ctx, func(ctx context.Context, offset string) (*chargebee.Page[ListEntry], error) {
		var r ListRequest
		if req != nil {
			r = *req
		}
		if offset != "" {
			r.Offset = &offset
		}
		return s.ListPage(ctx, customerID, &r, opts...)
	})
}

// ListPage fetches one page of the contacts of a customer, starting at
// req.Offset. Pass the returned NextOffset back as the offset of the next
// call; it is empty on the last page. req may be nil. The action needs API
// v2.
func (s *Service) ListPage(ctx context.Context, customerID string, req *ListRequest, opts ...chargebee.RequestOption) (*chargebee.Page[ListEntry], error) {
	if err := s.guard(); err != nil {
		return nil, err
	}
	if err := api.RequireVersion(s.cb, chargebee.APIv2, "contact.List", "read the Contacts of customer.Service.Retrieve instead"); err != nil {
		return nil, err
	}
	id, err := api.PathID("customer_id", customerID)
	if err != nil {
		return nil, err
	}
	out := &api.ListPage[ListEntry]{Action: "contact.List"}
	if err := s.cb.Do(ctx, http.MethodGet, "/customers/"+id+"/contacts", req, out, opts...); err != nil {
		return nil, err
	}
	return &out.Page, nil
}

// Add adds a contact to a customer; req.Email is required. The contact gets
// billing or account e-mails when SendBillingEmail or SendAccountEmail is
// true. Chargebee limits the number of contacts per customer (see the package
// documentation) and answers an Add beyond it with an error. The action
// exists in API v2 and v1.
//
// See https://apidocs.chargebee.com/docs/api/customers/add-contacts-to-a-customer.
func (s *Service) Add(ctx context.Context, customerID string, req *AddRequest, opts ...chargebee.RequestOption) (*AddResult, error) {
	if req == nil {
		req = &AddRequest{} // fails validation: the e-mail is required
	}
	out := new(AddResult)
	if err := s.post(ctx, customerID, "/add_contact", req, out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// Update changes a contact of a customer; req.ID names the contact and is
// required. Only the fields set on req are sent. The action exists in API v2
// and v1.
//
// See https://apidocs.chargebee.com/docs/api/customers.
func (s *Service) Update(ctx context.Context, customerID string, req *UpdateRequest, opts ...chargebee.RequestOption) (*UpdateResult, error) {
	if req == nil {
		req = &UpdateRequest{} // fails validation: the contact id is required
	}
	out := new(UpdateResult)
	if err := s.post(ctx, customerID, "/update_contact", req, out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes the contact contactID from a customer. The action exists in
// API v2 and v1.
//
// See https://apidocs.chargebee.com/docs/api/customers.
func (s *Service) Delete(ctx context.Context, customerID, contactID string, opts ...chargebee.RequestOption) (*DeleteResult, error) {
	if err := s.guard(); err != nil {
		return nil, err
	}
	if contactID == "" {
		return nil, api.Invalid("contact[id]", "is required")
	}
	out := new(DeleteResult)
	if err := s.post(ctx, customerID, "/delete_contact", &deleteParams{ID: contactID}, out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// post sends POST /customers/{id}{suffix} and decodes the response into out.
func (s *Service) post(ctx context.Context, customerID, suffix string, params, out any, opts []chargebee.RequestOption) error {
	if err := s.guard(); err != nil {
		return err
	}
	id, err := api.PathID("customer_id", customerID)
	if err != nil {
		return err
	}
	return s.cb.Do(ctx, http.MethodPost, "/customers/"+id+suffix, params, out, opts...)
}

// decodeResult decodes a {"customer": ..., "card": ...} response and fails
// when the customer is missing.
func decodeResult(b []byte, action string, c **customer.Customer, card **customer.Card) error {
	var raw struct {
		Customer *customer.Customer `json:"customer"`
		Card     *customer.Card     `json:"card"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.Customer == nil {
		return api.MissingKey(action, "customer")
	}
	*c, *card = raw.Customer, raw.Card
	return nil
}
