package relationship

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/api"
)

// CreateChildResult is the outcome of Service.CreateChild.
type CreateChildResult struct {
	// Customer is the new customer as the link returned it.
	Customer *customer.Customer
	// Card is the card created with the customer, when one was.
	Card *customer.Card
}

// LinkError is returned by Service.CreateChild when the customer was created
// but not linked: link it again with Service.Link, or delete it.
type LinkError struct {
	// CustomerID is the id of the customer that was created.
	CustomerID string
	// ParentID is the parent the customer was to be linked to.
	ParentID string
	// Customer is the created customer as Chargebee returned it.
	Customer *customer.Customer
	// Err is the error of the link call, for example a *chargebee.Error.
	Err error
}

// Error names the created customer, the parent and the cause.
func (e *LinkError) Error() string {
	who := "a customer"
	if e.CustomerID != "" {
		who = "customer " + e.CustomerID
	}
	return fmt.Sprintf("relationship: %s was created but not linked to parent %s: %v", who, e.ParentID, e.Err)
}

// Unwrap returns the error of the link call.
func (e *LinkError) Unwrap() error { return e.Err }

// CreateChild creates a customer and links it under parentID. create (sent
// to customer.Service.Create) and link may be nil; link's ParentID, if set,
// must equal parentID.
//
// It is two calls, not one atomic operation. Both requests are checked
// before anything is sent. If the create succeeds and the link fails, the
// error is a *LinkError carrying the created customer:
//
//	res, err := rels.CreateChild(ctx, "parent_1", create, nil)
//	var le *relationship.LinkError
//	if errors.As(err, &le) {
//		// le.CustomerID exists without a parent: retry rels.Link or delete it.
//	}
//
// The request options apply to both calls; the link call gets a key derived
// from chargebee.WithIdempotencyKey's, so that a retry with the same key
// replays both. WithResponse describes the last call. It needs API v2.
func (s *Service) CreateChild(ctx context.Context, parentID string, create *customer.CreateRequest, link *LinkRequest, opts ...chargebee.RequestOption) (*CreateChildResult, error) {
	if s.client() == nil {
		return nil, errNilService
	}
	if err := api.RequireVersion(s.cb, chargebee.APIv2, "relationship.CreateChild", ""); err != nil {
		return nil, err
	}
	if err := api.RequiredString("parent_id", &parentID); err != nil {
		return nil, err
	}
	var lr LinkRequest // a copy: the caller's request is never changed
	if link != nil {
		lr = *link
	}
	if lr.ParentID != nil && *lr.ParentID != parentID {
		return nil, api.Invalid("parent_id", "must be unset or equal to the parentID argument")
	}
	lr.ParentID = &parentID
	if create != nil && create.ID != nil && *create.ID == parentID {
		return nil, api.Invalid("parent_id", "must differ from the customer being linked")
	}
	if err := lr.Validate(); err != nil {
		return nil, err
	}

	created, err := customer.NewService(s.cb).Create(ctx, create, opts...)
	if err != nil {
		return nil, err
	}
	if created.Customer.ID == "" { // nothing to link
		return nil, &LinkError{ParentID: parentID, Customer: created.Customer, Err: errNoCreatedID}
	}
	linkOpts := opts
	if key := chargebee.IdempotencyKey(opts...); key != "" {
		linkOpts = append(slices.Clone(opts), chargebee.WithIdempotencyKey(linkKey(key)))
	}
	linked, err := s.Link(ctx, created.Customer.ID, &lr, linkOpts...)
	if err != nil {
		return nil, &LinkError{CustomerID: created.Customer.ID, ParentID: parentID, Customer: created.Customer, Err: err}
	}
	return &CreateChildResult{Customer: linked.Customer, Card: created.Card}, nil
}

// errNoCreatedID is a LinkError's cause when the create answer had no id.
var errNoCreatedID = errors.New("relationship: the answer to the create call has no customer id")

// linkKey derives the link call's idempotency key, at most
// chargebee.MaxIdempotencyKeyLength (100) bytes long.
func linkKey(key string) string {
	const suffix = ":link"
	if len(key)+len(suffix) <= chargebee.MaxIdempotencyKeyLength {
		return key + suffix
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:]) + suffix
}
