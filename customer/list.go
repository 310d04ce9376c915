package customer

import (
	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// ListRequest holds the paging, filters and sort order of Service.List and
// Service.ListPage (GET /customers). Every filter is optional; filters are
// combined with AND. An API v1 client accepts only Limit and Offset.
//
// A filter is sent as field[operator]=value, for example email[is]=x,
// created_at[after]=1700000000, id[in]=["a","b"] or
// relationship[parent_id][is]=p. Not every field takes every operator of
// its filter type: setting an operator the field does not support fails
// validation.
//
// See https://apidocs.chargebee.com/docs/api/customers#list_customers.
type ListRequest struct {
	// Limit is limit: the page size, 1 to 100 (Chargebee's default: 10).
	Limit *int32 `url:"limit,omitempty"`
	// Offset is offset: where the page starts, the NextOffset of the
	// previous page (at most 1000 characters). List starts here when set.
	Offset *string `url:"offset,omitempty"`
	// IncludeDeleted is include_deleted: also list deleted customers
	// (Chargebee's default: false).
	IncludeDeleted *bool `url:"include_deleted,omitempty"`

	// ID filters on id: is, is_not, starts_with, in, not_in.
	ID *chargebee.StringFilter `url:"id,omitempty"`
	// FirstName filters on first_name: is, is_not, starts_with, is_present.
	FirstName *chargebee.StringFilter `url:"first_name,omitempty"`
	// LastName filters on last_name: is, is_not, starts_with, is_present.
	LastName *chargebee.StringFilter `url:"last_name,omitempty"`
	// Email filters on email: is, is_not, starts_with, is_present.
	Email *chargebee.StringFilter `url:"email,omitempty"`
	// Company filters on company: is, is_not, starts_with, is_present.
	Company *chargebee.StringFilter `url:"company,omitempty"`
	// Phone filters on phone: is, is_not, starts_with, is_present.
	Phone *chargebee.StringFilter `url:"phone,omitempty"`
	// AutoCollection filters on auto_collection (AutoCollection values).
	AutoCollection *chargebee.EnumFilter `url:"auto_collection,omitempty"`
	// Taxability filters on taxability (Taxability values).
	Taxability *chargebee.EnumFilter `url:"taxability,omitempty"`
	// CreatedAt filters on created_at: after, before, on, between.
	CreatedAt *chargebee.TimestampFilter `url:"created_at,omitempty"`
	// UpdatedAt filters on updated_at: after, before, on, between.
	UpdatedAt *chargebee.TimestampFilter `url:"updated_at,omitempty"`
	// OfflinePaymentMethod filters on offline_payment_method
	// (OfflinePaymentMethod values).
	OfflinePaymentMethod *chargebee.EnumFilter `url:"offline_payment_method,omitempty"`
	// AutoCloseInvoices filters on auto_close_invoices: is.
	AutoCloseInvoices *chargebee.BoolFilter `url:"auto_close_invoices,omitempty"`
	// Channel filters on channel (Channel values).
	Channel *chargebee.EnumFilter `url:"channel,omitempty"`
	// BusinessEntityID filters on business_entity_id: is only.
	BusinessEntityID *chargebee.StringFilter `url:"business_entity_id,omitempty"`
	// Relationship filters on the customer's place in a hierarchy.
	Relationship *RelationshipFilter `url:"relationship,omitempty"`
	// SortBy orders the list by created_at or updated_at
	// (sort_by[asc] or sort_by[desc]).
	SortBy *chargebee.SortBy `url:"sort_by,omitempty"`
}

// RelationshipFilter filters customers on relationship[...]: their parent,
// payment owner or invoice owner. Each takes is, is_not and starts_with.
type RelationshipFilter struct {
	// ParentID filters on relationship[parent_id].
	ParentID *chargebee.StringFilter `url:"parent_id,omitempty"`
	// PaymentOwnerID filters on relationship[payment_owner_id].
	PaymentOwnerID *chargebee.StringFilter `url:"payment_owner_id,omitempty"`
	// InvoiceOwnerID filters on relationship[invoice_owner_id].
	InvoiceOwnerID *chargebee.StringFilter `url:"invoice_owner_id,omitempty"`
}

// NewRelationshipFilter returns an empty RelationshipFilter.
func NewRelationshipFilter() *RelationshipFilter { return &RelationshipFilter{} }

// SetParentID sets ParentID.
func (f *RelationshipFilter) SetParentID(v chargebee.StringFilter) *RelationshipFilter {
	f.ParentID = &v
	return f
}

// SetPaymentOwnerID sets PaymentOwnerID.
func (f *RelationshipFilter) SetPaymentOwnerID(v chargebee.StringFilter) *RelationshipFilter {
	f.PaymentOwnerID = &v
	return f
}

// SetInvoiceOwnerID sets InvoiceOwnerID.
func (f *RelationshipFilter) SetInvoiceOwnerID(v chargebee.StringFilter) *RelationshipFilter {
	f.InvoiceOwnerID = &v
	return f
}

// NewListRequest returns an empty ListRequest: the first page of all
// customers.
func NewListRequest() *ListRequest { return &ListRequest{} }

// SetLimit sets Limit.
func (r *ListRequest) SetLimit(v int32) *ListRequest { r.Limit = &v; return r }

// SetOffset sets Offset.
func (r *ListRequest) SetOffset(v string) *ListRequest { r.Offset = &v; return r }

// SetIncludeDeleted sets IncludeDeleted.
func (r *ListRequest) SetIncludeDeleted(v bool) *ListRequest { r.IncludeDeleted = &v; return r }

// SetID sets the ID filter.
func (r *ListRequest) SetID(v chargebee.StringFilter) *ListRequest { r.ID = &v; return r }

// SetFirstName sets the FirstName filter.
func (r *ListRequest) SetFirstName(v chargebee.StringFilter) *ListRequest { r.FirstName = &v; return r }

// SetLastName sets the LastName filter.
func (r *ListRequest) SetLastName(v chargebee.StringFilter) *ListRequest { r.LastName = &v; return r }

// SetEmail sets the Email filter.
func (r *ListRequest) SetEmail(v chargebee.StringFilter) *ListRequest { r.Email = &v; return r }

// SetCompany sets the Company filter.
func (r *ListRequest) SetCompany(v chargebee.StringFilter) *ListRequest { r.Company = &v; return r }

// SetPhone sets the Phone filter.
func (r *ListRequest) SetPhone(v chargebee.StringFilter) *ListRequest { r.Phone = &v; return r }

// SetAutoCollection sets the AutoCollection filter.
func (r *ListRequest) SetAutoCollection(v chargebee.EnumFilter) *ListRequest {
	r.AutoCollection = &v
	return r
}

// SetTaxability sets the Taxability filter.
func (r *ListRequest) SetTaxability(v chargebee.EnumFilter) *ListRequest { r.Taxability = &v; return r }

// SetCreatedAt sets the CreatedAt filter.
func (r *ListRequest) SetCreatedAt(v chargebee.TimestampFilter) *ListRequest {
	r.CreatedAt = &v
	return r
}

// SetUpdatedAt sets the UpdatedAt filter.
func (r *ListRequest) SetUpdatedAt(v chargebee.TimestampFilter) *ListRequest {
	r.UpdatedAt = &v
	return r
}

// SetOfflinePaymentMethod sets the OfflinePaymentMethod filter.
func (r *ListRequest) SetOfflinePaymentMethod(v chargebee.EnumFilter) *ListRequest {
	r.OfflinePaymentMethod = &v
	return r
}

// SetAutoCloseInvoices sets the AutoCloseInvoices filter.
func (r *ListRequest) SetAutoCloseInvoices(v chargebee.BoolFilter) *ListRequest {
	r.AutoCloseInvoices = &v
	return r
}

// SetChannel sets the Channel filter.
func (r *ListRequest) SetChannel(v chargebee.EnumFilter) *ListRequest { r.Channel = &v; return r }

// SetBusinessEntityID sets the BusinessEntityID filter.
func (r *ListRequest) SetBusinessEntityID(v chargebee.StringFilter) *ListRequest {
	r.BusinessEntityID = &v
	return r
}

// SetRelationship sets the Relationship filters.
func (r *ListRequest) SetRelationship(v *RelationshipFilter) *ListRequest {
	r.Relationship = v
	return r
}

// SetSortBy sets the sort order, for example chargebee.SortAsc("created_at").
func (r *ListRequest) SetSortBy(v chargebee.SortBy) *ListRequest { r.SortBy = &v; return r }

// Operators a string filter field accepts.
type stringOps uint8

const (
	opIs stringOps = 1 << iota
	opIsNot
	opStartsWith
	opIsPresent
	opIn
	opNotIn

	opsID           = opIs | opIsNot | opStartsWith | opIn | opNotIn
	opsText         = opIs | opIsNot | opStartsWith | opIsPresent
	opsRelationship = opIs | opIsNot | opStartsWith
)

// checkStringFilter fails when f uses an operator that key does not accept.
func checkStringFilter(key string, f *chargebee.StringFilter, allowed stringOps) error {
	if f == nil {
		return nil
	}
	used := []struct {
		op   stringOps
		name string
		set  bool
	}{
		{opIs, "is", f.Is != ""},
		{opIsNot, "is_not", f.IsNot != ""},
		{opStartsWith, "starts_with", f.StartsWith != ""},
		{opIsPresent, "is_present", f.IsPresent != nil},
		{opIn, "in", f.In != nil},
		{opNotIn, "not_in", f.NotIn != nil},
	}
	for _, u := range used {
		if u.set && allowed&u.op == 0 {
			return api.Invalid(key+"["+u.name+"]", "is not a supported operator of "+key)
		}
	}
	return nil
}

// Validate checks the paging parameters, the operators of each filter and
// the sort order. The error is a *chargebee.ValidationError naming the wire
// key.
func (r *ListRequest) Validate() error {
	if r == nil {
		return nil
	}
	if err := api.First(
		api.Limit(r.Limit),
		api.Offset(r.Offset),
		checkStringFilter("id", r.ID, opsID),
		checkStringFilter("first_name", r.FirstName, opsText),
		checkStringFilter("last_name", r.LastName, opsText),
		checkStringFilter("email", r.Email, opsText),
		checkStringFilter("company", r.Company, opsText),
		checkStringFilter("phone", r.Phone, opsText),
		checkStringFilter("business_entity_id", r.BusinessEntityID, opIs),
	); err != nil {
		return err
	}
	if rel := r.Relationship; rel != nil {
		if err := api.First(
			checkStringFilter("relationship[parent_id]", rel.ParentID, opsRelationship),
			checkStringFilter("relationship[payment_owner_id]", rel.PaymentOwnerID, opsRelationship),
			checkStringFilter("relationship[invoice_owner_id]", rel.InvoiceOwnerID, opsRelationship),
		); err != nil {
			return err
		}
	}
	if s := r.SortBy; s != nil && s.Asc != "" && s.Desc != "" {
		return api.Invalid("sort_by", "set either asc or desc, not both")
	}
	return nil
}
