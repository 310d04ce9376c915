package credits

import (
	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// PromotionalCreditRequest holds the parameters of Service.Add
// (POST /promotional_credits/add), Service.Deduct
// (POST /promotional_credits/deduct) and Service.Set
// (POST /promotional_credits/set), which take the same parameters with the
// same rules. customer_id and description are required, and exactly one of
// amount and amount_in_decimal. AddRequest, DeductRequest and SetRequest are
// other names for it.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits.
type PromotionalCreditRequest struct {
	// CustomerID is customer_id, the customer whose balance changes
	// (required; at most 50 characters).
	CustomerID *string `url:"customer_id,omitempty"`
	// Amount is amount in minor units (at least 0): the amount to add
	// (Add) or deduct (Deduct), or the balance to set (Set). Give either
	// Amount or AmountInDecimal.
	Amount *int64 `url:"amount,omitempty"`
	// AmountInDecimal is amount_in_decimal, the same amount as a decimal
	// string such as "10.50", for sites that use decimal amounts (at most 33
	// characters, digits with an optional fraction). Give either Amount or
	// AmountInDecimal.
	AmountInDecimal *string `url:"amount_in_decimal,omitempty"`
	// CurrencyCode is currency_code, the ISO 4217 code of the credits (at
	// most 3 characters; Chargebee requires it when multiple currencies are
	// enabled on the site).
	CurrencyCode *string `url:"currency_code,omitempty"`
	// Description is description, shown in the credit history (required; at
	// most 250 characters).
	Description *string `url:"description,omitempty"`
	// CreditType is credit_type (one of the CreditType constants;
	// Chargebee's default is general).
	CreditType *CreditType `url:"credit_type,omitempty"`
	// Reference is reference, a free-form reference kept with the entry (at
	// most 500 characters).
	Reference *string `url:"reference,omitempty"`
}

// AddRequest holds the parameters of Service.Add
// (POST /promotional_credits/add): Amount or AmountInDecimal is the amount
// to add. It is PromotionalCreditRequest under the action's name.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#add_promotional_credits.
type AddRequest = PromotionalCreditRequest

// DeductRequest holds the parameters of Service.Deduct
// (POST /promotional_credits/deduct): Amount or AmountInDecimal is the
// amount to deduct. It is PromotionalCreditRequest under the action's name.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#deduct_promotional_credits.
type DeductRequest = PromotionalCreditRequest

// SetRequest holds the parameters of Service.Set
// (POST /promotional_credits/set): Amount or AmountInDecimal is the balance
// to set. It is PromotionalCreditRequest under the action's name.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#set_promotional_credits.
type SetRequest = PromotionalCreditRequest

// NewAddRequest returns an empty AddRequest.
func NewAddRequest() *AddRequest { return &AddRequest{} }

// NewDeductRequest returns an empty DeductRequest.
func NewDeductRequest() *DeductRequest { return &DeductRequest{} }

// NewSetRequest returns an empty SetRequest.
func NewSetRequest() *SetRequest { return &SetRequest{} }

// SetCustomerID sets customer_id.
func (r *PromotionalCreditRequest) SetCustomerID(v string) *PromotionalCreditRequest {
	r.CustomerID = &v
	return r
}

// SetAmount sets amount, in minor units.
func (r *PromotionalCreditRequest) SetAmount(v int64) *PromotionalCreditRequest {
	r.Amount = &v
	return r
}

// SetAmountInDecimal sets amount_in_decimal, for example "10.50".
func (r *PromotionalCreditRequest) SetAmountInDecimal(v string) *PromotionalCreditRequest {
	r.AmountInDecimal = &v
	return r
}

// SetCurrencyCode sets currency_code.
func (r *PromotionalCreditRequest) SetCurrencyCode(v string) *PromotionalCreditRequest {
	r.CurrencyCode = &v
	return r
}

// SetDescription sets description.
func (r *PromotionalCreditRequest) SetDescription(v string) *PromotionalCreditRequest {
	r.Description = &v
	return r
}

// SetCreditType sets credit_type.
func (r *PromotionalCreditRequest) SetCreditType(v CreditType) *PromotionalCreditRequest {
	r.CreditType = &v
	return r
}

// SetReference sets reference.
func (r *PromotionalCreditRequest) SetReference(v string) *PromotionalCreditRequest {
	r.Reference = &v
	return r
}

// Validate checks the required parameters, that exactly one of amount and
// amount_in_decimal is given, the minimum amount (0, for all three actions)
// and the maximum lengths.
func (r *PromotionalCreditRequest) Validate() error {
	if r == nil {
		r = &PromotionalCreditRequest{}
	}
	return api.First(
		api.RequiredString("customer_id", r.CustomerID),
		api.MaxLen("customer_id", r.CustomerID, 50),
		oneAmount(r.Amount, r.AmountInDecimal),
		api.Min("amount", r.Amount, 0),
		decimalAmount(r.AmountInDecimal),
		api.MaxLen("currency_code", r.CurrencyCode, 3),
		api.RequiredString("description", r.Description),
		api.MaxLen("description", r.Description, 250),
		api.MaxLen("reference", r.Reference, 500),
	)
}

// CustomerPromotionalCreditsRequest holds the parameters of the deprecated
// customer-level actions Service.AddPromotionalCredits
// (POST /customers/{customer-id}/add_promotional_credits),
// Service.DeductPromotionalCredits (.../deduct_promotional_credits) and
// Service.SetPromotionalCredits (.../set_promotional_credits). amount and
// description are required. The three take the same parameters; only the
// minimum amount differs: at least 1 to add or deduct, at least 0 to set.
// AddPromotionalCreditsRequest, DeductPromotionalCreditsRequest and
// SetPromotionalCreditsRequest are other names for it.
//
// Deprecated: use PromotionalCreditRequest with Service.Add, Service.Deduct
// or Service.Set.
type CustomerPromotionalCreditsRequest struct {
	// Amount is amount in minor units (required): the amount to add or
	// deduct (at least 1), or the balance to set (at least 0).
	Amount *int64 `url:"amount,omitempty"`
	// CurrencyCode is currency_code, the ISO 4217 code of the credits (at
	// most 3 characters).
	CurrencyCode *string `url:"currency_code,omitempty"`
	// Description is description (required; at most 250 characters).
	Description *string `url:"description,omitempty"`
	// CreditType is credit_type (one of the CreditType constants).
	CreditType *CreditType `url:"credit_type,omitempty"`
	// Reference is reference (at most 500 characters).
	Reference *string `url:"reference,omitempty"`

	// minAmount is the smallest amount Validate accepts: set by the
	// constructors, and by the service method for the action it sends.
	minAmount int64
}

// AddPromotionalCreditsRequest holds the parameters of the deprecated
// Service.AddPromotionalCredits
// (POST /customers/{customer-id}/add_promotional_credits): Amount is the
// amount to add (at least 1). It is CustomerPromotionalCreditsRequest under
// the action's name.
//
// Deprecated: use AddRequest with Service.Add.
type AddPromotionalCreditsRequest = CustomerPromotionalCreditsRequest

// DeductPromotionalCreditsRequest holds the parameters of the deprecated
// Service.DeductPromotionalCredits
// (POST /customers/{customer-id}/deduct_promotional_credits): Amount is the
// amount to deduct (at least 1). It is CustomerPromotionalCreditsRequest
// under the action's name.
//
// Deprecated: use DeductRequest with Service.Deduct.
type DeductPromotionalCreditsRequest = CustomerPromotionalCreditsRequest

// SetPromotionalCreditsRequest holds the parameters of the deprecated
// Service.SetPromotionalCredits
// (POST /customers/{customer-id}/set_promotional_credits): Amount is the
// balance to set (at least 0). It is CustomerPromotionalCreditsRequest under
// the action's name.
//
// Deprecated: use SetRequest with Service.Set.
type SetPromotionalCreditsRequest = CustomerPromotionalCreditsRequest

// NewAddPromotionalCreditsRequest returns an empty AddPromotionalCreditsRequest
// whose Validate requires an amount of at least 1.
//
// Deprecated: use NewAddRequest with Service.Add.
func NewAddPromotionalCreditsRequest() *AddPromotionalCreditsRequest {
	return &AddPromotionalCreditsRequest{minAmount: minAddAmount}
}

// NewDeductPromotionalCreditsRequest returns an empty
// DeductPromotionalCreditsRequest whose Validate requires an amount of at
// least 1.
//
// Deprecated: use NewDeductRequest with Service.Deduct.
func NewDeductPromotionalCreditsRequest() *DeductPromotionalCreditsRequest {
	return &DeductPromotionalCreditsRequest{minAmount: minAddAmount}
}

// NewSetPromotionalCreditsRequest returns an empty SetPromotionalCreditsRequest
// whose Validate requires an amount of at least 0.
//
// Deprecated: use NewSetRequest with Service.Set.
func NewSetPromotionalCreditsRequest() *SetPromotionalCreditsRequest {
	return &SetPromotionalCreditsRequest{minAmount: minSetAmount}
}

// SetAmount sets amount, in minor units.
func (r *CustomerPromotionalCreditsRequest) SetAmount(v int64) *CustomerPromotionalCreditsRequest {
	r.Amount = &v
	return r
}

// SetCurrencyCode sets currency_code.
func (r *CustomerPromotionalCreditsRequest) SetCurrencyCode(v string) *CustomerPromotionalCreditsRequest {
	r.CurrencyCode = &v
	return r
}

// SetDescription sets description.
func (r *CustomerPromotionalCreditsRequest) SetDescription(v string) *CustomerPromotionalCreditsRequest {
	r.Description = &v
	return r
}

// SetCreditType sets credit_type.
func (r *CustomerPromotionalCreditsRequest) SetCreditType(v CreditType) *CustomerPromotionalCreditsRequest {
	r.CreditType = &v
	return r
}

// SetReference sets reference.
func (r *CustomerPromotionalCreditsRequest) SetReference(v string) *CustomerPromotionalCreditsRequest {
	r.Reference = &v
	return r
}

// Validate checks that amount and description are given, the minimum amount
// and the maximum lengths. The minimum is 1 for a request made by
// NewAddPromotionalCreditsRequest or NewDeductPromotionalCreditsRequest and
// 0 otherwise; whichever way the request was made, AddPromotionalCredits and
// DeductPromotionalCredits check it against 1 and SetPromotionalCredits
// against 0 before sending.
func (r *CustomerPromotionalCreditsRequest) Validate() error {
	if r == nil {
		r = &CustomerPromotionalCreditsRequest{}
	}
	return api.First(
		api.Required("amount", r.Amount != nil),
		api.Min("amount", r.Amount, r.minAmount),
		api.MaxLen("currency_code", r.CurrencyCode, 3),
		api.RequiredString("description", r.Description),
		api.MaxLen("description", r.Description, 250),
		api.MaxLen("reference", r.Reference, 500),
	)
}

// forAction returns a copy of r that Validate checks against minimum, the
// minimum amount of the action about to be sent; r itself is not changed.
func (r *CustomerPromotionalCreditsRequest) forAction(minimum int64) *CustomerPromotionalCreditsRequest {
	c := *r
	c.minAmount = minimum
	return &c
}

// AccountCreditsRequest holds the parameters of the API v1 actions
// Service.AddAccountCredits
// (POST /customers/{customer-id}/add_account_credits),
// Service.DeductAccountCredits (.../deduct_account_credits) and
// Service.SetAccountCredits (.../set_account_credits). Both parameters are
// required. The three take the same parameters; only the minimum amount
// differs: at least 1 to add or deduct, at least 0 to set.
// AddAccountCreditsRequest, DeductAccountCreditsRequest and
// SetAccountCreditsRequest are other names for it.
type AccountCreditsRequest struct {
	// Amount is amount in minor units (required): the amount to add or
	// deduct (at least 1), or the balance to set (at least 0).
	Amount *int64 `url:"amount,omitempty"`
	// Description is description (required; at most 250 characters).
	Description *string `url:"description,omitempty"`

	// minAmount is the smallest amount Validate accepts: set by the
	// constructors, and by the service method for the action it sends.
	minAmount int64
}

// AddAccountCreditsRequest holds the parameters of Service.AddAccountCredits
// (API v1, POST /customers/{customer-id}/add_account_credits): Amount is the
// amount to add (at least 1). It is AccountCreditsRequest under the action's
// name.
type AddAccountCreditsRequest = AccountCreditsRequest

// DeductAccountCreditsRequest holds the parameters of
// Service.DeductAccountCredits
// (API v1, POST /customers/{customer-id}/deduct_account_credits): Amount is
// the amount to deduct (at least 1). It is AccountCreditsRequest under the
// action's name.
type DeductAccountCreditsRequest = AccountCreditsRequest

// SetAccountCreditsRequest holds the parameters of Service.SetAccountCredits
// (API v1, POST /customers/{customer-id}/set_account_credits): Amount is the
// balance to set (at least 0). It is AccountCreditsRequest under the
// action's name.
type SetAccountCreditsRequest = AccountCreditsRequest

// NewAddAccountCreditsRequest returns an empty AddAccountCreditsRequest whose
// Validate requires an amount of at least 1.
func NewAddAccountCreditsRequest() *AddAccountCreditsRequest {
	return &AddAccountCreditsRequest{minAmount: minAddAmount}
}

// NewDeductAccountCreditsRequest returns an empty DeductAccountCreditsRequest
// whose Validate requires an amount of at least 1.
func NewDeductAccountCreditsRequest() *DeductAccountCreditsRequest {
	return &DeductAccountCreditsRequest{minAmount: minAddAmount}
}

// NewSetAccountCreditsRequest returns an empty SetAccountCreditsRequest whose
// Validate requires an amount of at least 0.
func NewSetAccountCreditsRequest() *SetAccountCreditsRequest {
	return &SetAccountCreditsRequest{minAmount: minSetAmount}
}

// SetAmount sets amount, in minor units.
func (r *AccountCreditsRequest) SetAmount(v int64) *AccountCreditsRequest {
	r.Amount = &v
	return r
}

// SetDescription sets description.
func (r *AccountCreditsRequest) SetDescription(v string) *AccountCreditsRequest {
	r.Description = &v
	return r
}

// Validate checks that amount (at least the minimum) and description (at
// most 250 characters) are given. The minimum is 1 for a request made by
// NewAddAccountCreditsRequest or NewDeductAccountCreditsRequest and 0
// otherwise; whichever way the request was made, AddAccountCredits and
// DeductAccountCredits check it against 1 and SetAccountCredits against 0
// before sending.
func (r *AccountCreditsRequest) Validate() error {
	if r == nil {
		r = &AccountCreditsRequest{}
	}
	return api.First(
		api.Required("amount", r.Amount != nil),
		api.Min("amount", r.Amount, r.minAmount),
		api.RequiredString("description", r.Description),
		api.MaxLen("description", r.Description, 250),
	)
}

// forAction returns a copy of r that Validate checks against minimum, the
// minimum amount of the action about to be sent; r itself is not changed.
func (r *AccountCreditsRequest) forAction(minimum int64) *AccountCreditsRequest {
	c := *r
	c.minAmount = minimum
	return &c
}

// The minimum amounts of the customer-level and account credit actions.
const (
	minAddAmount = 1 // add and deduct
	minSetAmount = 0 // set
)

// ListRequest holds the parameters of Service.List (GET /promotional_credits).
// All are optional; a nil *ListRequest lists with Chargebee's defaults.
//
// The filters send field[operator]=value keys. Chargebee supports these
// operators on this list: id and customer_id take Is, IsNot and StartsWith;
// created_at takes After, Before, On and Between; type takes Is, IsNot, In
// and NotIn with the Type values. Validate rejects other operators.
//
// See https://apidocs.chargebee.com/docs/api/promotional_credits#list_promotional_credits.
type ListRequest struct {
	// Limit is limit, the number of entries per page (1..100; Chargebee's
	// default is 10).
	Limit *int32 `url:"limit,omitempty"`
	// Offset is offset, the next_offset of the previous page. List sets it
	// itself; it is for callers of ListPage who keep the position.
	Offset *string `url:"offset,omitempty"`
	// ID filters on the entry id: id[is], id[is_not], id[starts_with].
	ID *chargebee.StringFilter `url:"id,omitempty"`
	// CreatedAt filters on the creation time: created_at[after],
	// created_at[before], created_at[on], created_at[between].
	CreatedAt *chargebee.TimestampFilter `url:"created_at,omitempty"`
	// Type filters on increment or decrement: type[is], type[is_not],
	// type[in], type[not_in].
	Type *chargebee.EnumFilter `url:"type,omitempty"`
	// CustomerID filters on the customer: customer_id[is],
	// customer_id[is_not], customer_id[starts_with].
	CustomerID *chargebee.StringFilter `url:"customer_id,omitempty"`
}

// NewListRequest returns an empty ListRequest.
func NewListRequest() *ListRequest { return &ListRequest{} }

// SetLimit sets limit (1..100).
func (r *ListRequest) SetLimit(v int32) *ListRequest { r.Limit = &v; return r }

// SetOffset sets offset, the next_offset of the previous page.
func (r *ListRequest) SetOffset(v string) *ListRequest { r.Offset = &v; return r }

// SetID sets the id filter.
func (r *ListRequest) SetID(f chargebee.StringFilter) *ListRequest { r.ID = &f; return r }

// SetCreatedAt sets the created_at filter.
func (r *ListRequest) SetCreatedAt(f chargebee.TimestampFilter) *ListRequest {
	r.CreatedAt = &f
	return r
}

// SetType sets the type filter, for example
// chargebee.EnumFilter{Is: string(credits.TypeDecrement)}.
func (r *ListRequest) SetType(f chargebee.EnumFilter) *ListRequest { r.Type = &f; return r }

// SetCustomerID sets the customer_id filter.
func (r *ListRequest) SetCustomerID(f chargebee.StringFilter) *ListRequest {
	r.CustomerID = &f
	return r
}

// Validate checks limit (1..100), offset (at most 1000 characters) and that
// the id and customer_id filters use only the operators Chargebee supports
// on this list.
func (r *ListRequest) Validate() error {
	if r == nil {
		return nil
	}
	return api.First(
		api.Limit(r.Limit),
		api.Offset(r.Offset),
		basicStringFilter("id", r.ID),
		basicStringFilter("customer_id", r.CustomerID),
	)
}
