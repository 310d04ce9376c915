package credits

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// Service calls the promotional credit (API v2) and account credit (API v1)
// actions. Create it with NewService; it is safe for concurrent use.
type Service struct {
	cb *chargebee.Client
}

// NewService returns a Service that sends its calls through cb. Which
// actions work depends on cb's API version; see the package documentation.
func NewService(cb *chargebee.Client) *Service { return &Service{cb: cb} }

// guard reports a nil Service, or one without a client made by
// chargebee.NewClient, before anything else is checked.
func (s *Service) guard() error {
	if s == nil || s.cb == nil {
		return api.NilService("credits")
	}
	return api.CheckClient(s.cb)
}

// require fails, before anything is sent, when the service has no client or
// the client speaks another API version than the action needs; alt names
// what to use instead.
func (s *Service) require(want chargebee.APIVersion, action, alt string) error {
	if err := s.guard(); err != nil {
		return err
	}
	return api.RequireVersion(s.cb, want, action, alt)
}

// Alternatives named in API version errors.
const (
	altAddV1    = "on API v1 use AddAccountCredits"
	altDeductV1 = "on API v1 use DeductAccountCredits"
	altSetV1    = "on API v1 use SetAccountCredits"
	altNoneV1   = "API v1 has no promotional credit history; use a v2 client"
	altAddV2    = "on API v2 use Add (POST /promotional_credits/add)"
	altDeductV2 = "on API v2 use Deduct (POST /promotional_credits/deduct)"
	altSetV2    = "on API v2 use Set (POST /promotional_credits/set)"
)

// creditAction describes one credit action for the helper that sends it.
type creditAction struct {
	name      string // Service method, in errors: "credits.Add"
	alt       string // what to use on a client of the other API version
	verb      string // last path segment
	minAmount int64  // smallest amount of a customer-level or v1 action
}

var (
	// The v2 actions check their minimum in PromotionalCreditRequest.Validate.
	actionAdd    = creditAction{name: "credits.Add", alt: altAddV1, verb: "add"}
	actionDeduct = creditAction{name: "credits.Deduct", alt: altDeductV1, verb: "deduct"}
	actionSet    = creditAction{name: "credits.Set", alt: altSetV1, verb: "set"}

	actionAddPromotionalCredits    = creditAction{"credits.AddPromotionalCredits", altAddV1, "add_promotional_credits", minAddAmount}
	actionDeductPromotionalCredits = creditAction{"credits.DeductPromotionalCredits", altDeductV1, "deduct_promotional_credits", minAddAmount}
	actionSetPromotionalCredits    = creditAction{"credits.SetPromotionalCredits", altSetV1, "set_promotional_credits", minSetAmount}

	actionAddAccountCredits    = creditAction{"credits.AddAccountCredits", altAddV2, "add_account_credits", minAddAmount}
	actionDeductAccountCredits = creditAction{"credits.DeductAccountCredits", altDeductV2, "deduct_account_credits", minAddAmount}
	actionSetAccountCredits    = creditAction{"credits.SetAccountCredits", altSetV2, "set_account_credits", minSetAmount}
)

// Add adds promotional credits to a customer's balance
// (POST /promotional_credits/add). It returns the customer with the new
// balance and the PromotionalCredit entry recorded (type increment). For
// example, adding 1000 to a balance of 1000 leaves 2000.
//
// customer_id, description and exactly one of amount and amount_in_decimal
// are required; a missing or invalid parameter is reported as a
// *chargebee.ValidationError before anything is sent. Chargebee honours
// chargebee-idempotency-key on this action (chargebee.WithIdempotencyKey),
// so retries never add twice. Needs an API v2 client.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#add_promotional_credits.
func (s *Service) Add(ctx context.Context, req *AddRequest, opts ...chargebee.RequestOption) (*Result, error) {
	return s.promotional(ctx, actionAdd, req, opts)
}

// Deduct deducts promotional credits from a customer's balance
// (POST /promotional_credits/deduct). It returns the customer with the new
// balance and the PromotionalCredit entry recorded (type decrement).
//
// customer_id, description and exactly one of amount and amount_in_decimal
// are required; a missing or invalid parameter is reported as a
// *chargebee.ValidationError before anything is sent. Needs an API v2
// client.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#deduct_promotional_credits.
func (s *Service) Deduct(ctx context.Context, req *DeductRequest, opts ...chargebee.RequestOption) (*Result, error) {
	return s.promotional(ctx, actionDeduct, req, opts)
}

// Set sets a customer's promotional credit balance to the given amount
// (POST /promotional_credits/set). Chargebee records the difference as an
// increment or decrement entry, returned with the customer.
//
// customer_id, description and exactly one of amount and amount_in_decimal
// are required; a missing or invalid parameter is reported as a
// *chargebee.ValidationError before anything is sent. Needs an API v2
// client.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#set_promotional_credits.
func (s *Service) Set(ctx context.Context, req *SetRequest, opts ...chargebee.RequestOption) (*Result, error) {
	return s.promotional(ctx, actionSet, req, opts)
}

// promotional sends one of Add, Deduct and Set.
func (s *Service) promotional(ctx context.Context, a creditAction, req *PromotionalCreditRequest, opts []chargebee.RequestOption) (*Result, error) {
	if err := s.require(chargebee.APIv2, a.name, a.alt); err != nil {
		return nil, err
	}
	if req == nil {
		return nil, req.Validate()
	}
	var res Result
	out := &checked[Result]{v: &res, check: func(r *Result) error {
		if r.Customer == nil {
			return api.MissingKey(a.name, "customer")
		}
		if r.PromotionalCredit == nil {
			return api.MissingKey(a.name, "promotional_credit")
		}
		return nil
	}}
	if err := s.cb.Do(ctx, http.MethodPost, "/promotional_credits/"+a.verb, req, out, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}

// ListPage fetches one page of promotional credit entries
// (GET /promotional_credits) with the offset of the next page, empty on
// the last page. Pass that offset back in req.Offset to read
// the next page. Needs an API v2 client.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#list_promotional_credits.
func (s *Service) ListPage(ctx context.Context, req *ListRequest, opts ...chargebee.RequestOption) (*chargebee.Page[ListEntry], error) {
	if err := s.require(chargebee.APIv2, "credits.List", altNoneV1); err != nil {
		return nil, err
	}
	out := &api.ListPage[ListEntry]{Action: "credits.List", Entry: func(e *ListEntry) string {
		if e.PromotionalCredit == nil {
			return "promotional_credit"
		}
		return ""
	}}
	if err := s.cb.Do(ctx, http.MethodGet, "/promotional_credits", req, out, opts...); err != nil {
		return nil, err
	}
	return &out.Page, nil
}

// List returns an iterator over all promotional credit entries matching
// req's filters. It sends nothing until ranged over, then fetches one page
// at a time, following next_offset. It starts at req.Offset when that is
// set; req itself is never modified. The first error ends the iteration and
// is yielded once, with a nil entry.
//
// To read one customer's credit history:
//
//	req := credits.NewListRequest().SetCustomerID(chargebee.StringFilter{Is: "cust_123"})
//	for e, err := range svc.List(ctx, req) { ... }
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#list_promotional_credits.
func (s *Service) List(ctx context.Context, req *ListRequest, opts ...chargebee.RequestOption) iter.Seq2[*ListEntry, error] {
	var base ListRequest
	if req != nil {
		base = *req
	}
	return chargebee.Paginate(ctx, func(ctx context.Context, offset string) (*chargebee.Page[ListEntry], error) {
		page := base
		if offset != "" {
			page.Offset = &offset
		}
		return s.ListPage(ctx, &page, opts...)
	})
}

// Retrieve returns one promotional credit entry by its id
// (GET /promotional_credits/{id}). Needs an API v2 client.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#retrieve_a_promotional_credit.
func (s *Service) Retrieve(ctx context.Context, id string, opts ...chargebee.RequestOption) (*RetrieveResult, error) {
	if err := s.require(chargebee.APIv2, "credits.Retrieve", altNoneV1); err != nil {
		return nil, err
	}
	pid, err := api.PathID("promotional_credit_id", id)
	if err != nil {
		return nil, err
	}
	var res RetrieveResult
	out := &checked[RetrieveResult]{v: &res, check: func(r *RetrieveResult) error {
		if r.PromotionalCredit == nil {
			return api.MissingKey("credits.Retrieve", "promotional_credit")
		}
		return nil
	}}
	if err := s.cb.Do(ctx, http.MethodGet, "/promotional_credits/"+pid, nil, out, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}

// AddPromotionalCredits adds promotional credits to a customer
// (POST /customers/{customer-id}/add_promotional_credits) and returns the
// customer. amount (at least 1) and description are required. Needs an API
// v2 client.
//
// Deprecated: Chargebee replaced this action with POST
// /promotional_credits/add; use Add, which also returns the recorded
// PromotionalCredit entry.
func (s *Service) AddPromotionalCredits(ctx context.Context, customerID string, req *AddPromotionalCreditsRequest, opts ...chargebee.RequestOption) (*CustomerResult, error) {
	return s.promotionalCredits(ctx, actionAddPromotionalCredits, customerID, req, opts)
}

// DeductPromotionalCredits deducts promotional credits from a customer
// (POST /customers/{customer-id}/deduct_promotional_credits) and returns
// the customer. amount (at least 1) and description are required. Needs an
// API v2 client.
//
// Deprecated: Chargebee replaced this action with POST
// /promotional_credits/deduct; use Deduct, which also returns the recorded
// PromotionalCredit entry.
func (s *Service) DeductPromotionalCredits(ctx context.Context, customerID string, req *DeductPromotionalCreditsRequest, opts ...chargebee.RequestOption) (*CustomerResult, error) {
	return s.promotionalCredits(ctx, actionDeductPromotionalCredits, customerID, req, opts)
}

// SetPromotionalCredits sets a customer's promotional credit balance
// (POST /customers/{customer-id}/set_promotional_credits) and returns the
// customer. amount (at least 0) and description are required. Needs an API
// v2 client.
//
// Deprecated: Chargebee replaced this action with POST
// /promotional_credits/set; use Set, which also returns the recorded
// PromotionalCredit entry.
func (s *Service) SetPromotionalCredits(ctx context.Context, customerID string, req *SetPromotionalCreditsRequest, opts ...chargebee.RequestOption) (*CustomerResult, error) {
	return s.promotionalCredits(ctx, actionSetPromotionalCredits, customerID, req, opts)
}

// AddAccountCredits adds account credits to a customer
// (API v1: POST /customers/{customer-id}/add_account_credits) and returns the
// v1 customer with its new account_credits balance. amount (at least 1) and
// description (at most 250 characters) are required.
//
// It needs a client made with chargebee.WithAPIVersion(chargebee.APIv1); on a
// v2 client it fails before sending with chargebee.ErrAPIVersion, naming Add
// as the v2 action. Chargebee documents idempotency keys for API v2 only,
// so on a v1 client no key is generated and a failed call is not retried:
// a retry could credit twice. Check the customer's balance before calling
// again after an error.
//
// See https://apidocs.chargebee.com/docs/api/customers (API V1).
func (s *Service) AddAccountCredits(ctx context.Context, customerID string, req *AddAccountCreditsRequest, opts ...chargebee.RequestOption) (*AccountCreditsResult, error) {
	return s.accountCredits(ctx, actionAddAccountCredits, customerID, req, opts)
}

// DeductAccountCredits deducts account credits from a customer
// (API v1: POST /customers/{customer-id}/deduct_account_credits) and returns
// the v1 customer with its new account_credits balance. amount (at least 1)
// and description (at most 250 characters) are required.
//
// It needs an API v1 client, like AddAccountCredits; on a v2 client it fails
// before sending with chargebee.ErrAPIVersion, naming Deduct.
//
// See https://apidocs.chargebee.com/docs/api/customers (API V1).
func (s *Service) DeductAccountCredits(ctx context.Context, customerID string, req *DeductAccountCreditsRequest, opts ...chargebee.RequestOption) (*AccountCreditsResult, error) {
	return s.accountCredits(ctx, actionDeductAccountCredits, customerID, req, opts)
}

// SetAccountCredits sets a customer's account credit balance
// (API v1: POST /customers/{customer-id}/set_account_credits) and returns the
// v1 customer. amount (at least 0) and description (at most 250 characters)
// are required.
//
// It needs an API v1 client, like AddAccountCredits; on a v2 client it fails
// before sending with chargebee.ErrAPIVersion, naming Set.
//
// See https://apidocs.chargebee.com/docs/api/customers (API V1).
func (s *Service) SetAccountCredits(ctx context.Context, customerID string, req *SetAccountCreditsRequest, opts ...chargebee.RequestOption) (*AccountCreditsResult, error) {
	return s.accountCredits(ctx, actionSetAccountCredits, customerID, req, opts)
}

// promotionalCredits sends one of the deprecated customer-level actions,
// checking the amount against the action's minimum.
func (s *Service) promotionalCredits(ctx context.Context, a creditAction, customerID string, req *CustomerPromotionalCreditsRequest, opts []chargebee.RequestOption) (*CustomerResult, error) {
	if err := s.require(chargebee.APIv2, a.name, a.alt); err != nil {
		return nil, err
	}
	if req == nil {
		return nil, req.Validate()
	}
	return postToCustomer(ctx, s, a, customerID, req.forAction(a.minAmount), opts,
		func(r *CustomerResult) bool { return r.Customer != nil })
}

// accountCredits sends one of the API v1 account credit actions, checking
// the amount against the action's minimum.
func (s *Service) accountCredits(ctx context.Context, a creditAction, customerID string, req *AccountCreditsRequest, opts []chargebee.RequestOption) (*AccountCreditsResult, error) {
	if err := s.require(chargebee.APIv1, a.name, a.alt); err != nil {
		return nil, err
	}
	if req == nil {
		return nil, req.Validate()
	}
	return postToCustomer(ctx, s, a, customerID, req.forAction(a.minAmount), opts,
		func(r *AccountCreditsResult) bool { return r.Customer != nil })
}

// postToCustomer sends params to POST /customers/{customerID}/{a.verb} and
// decodes the response into a T, refusing one without the customer.
func postToCustomer[T any](ctx context.Context, s *Service, a creditAction, customerID string, params any, opts []chargebee.RequestOption, hasCustomer func(*T) bool) (*T, error) {
	id, err := api.PathID("customer_id", customerID)
	if err != nil {
		return nil, err
	}
	var res T
	out := &checked[T]{v: &res, check: func(r *T) error {
		if !hasCustomer(r) {
			return api.MissingKey(a.name, "customer")
		}
		return nil
	}}
	if err := s.cb.Do(ctx, http.MethodPost, "/customers/"+id+"/"+a.verb, params, out, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}

// checked decodes a response into v and then runs check on it. A failed
// check becomes the decoding error, which Client.Do reports as a
// *chargebee.DecodeError, so a response missing a required key is never
// returned as a half-filled success.
type checked[T any] struct {
	v     *T
	check func(*T) error
}

func (c *checked[T]) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, c.v); err != nil {
		return err
	}
	return c.check(c.v)
}
