package relationship

import (
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/api"
)

// PortalAccess is a level of access in the Self-Serve Portal, used by the
// portal_* settings of ParentAccountAccessParams and ChildAccountAccessParams.
// It is the customer package's type, so the settings read back from a
// customer.Customer compare directly with these constants.
type PortalAccess = customer.PortalAccess

// PortalAccess values.
const (
	// PortalAccessYes allows viewing and editing (or downloading).
	PortalAccessYes = customer.PortalAccessYes
	// PortalAccessViewOnly allows viewing only.
	PortalAccessViewOnly = customer.PortalAccessViewOnly
	// PortalAccessNo allows neither.
	PortalAccessNo = customer.PortalAccessNo
)

// maxIDLength is the longest customer id the relationship actions accept in
// parent_id, payment_owner_id and invoice_owner_id.
const maxIDLength = 50

// LinkRequest holds the parameters of Service.Link, which places a customer
// (the child) under a parent. Every field is optional for Chargebee; which
// customers may be payment and invoice owners is checked by Chargebee, and
// its error, with the offending param, is returned as a *chargebee.Error.
//
// For UseDefaultHierarchySettings, ParentAccountAccess and ChildAccountAccess
// "parent" usually means the payment owner; when PaymentOwnerID is the child
// itself, it means the parent named by ParentID.
type LinkRequest struct {
	// ParentID is the customer to become the child's immediate parent
	// (parent_id, at most 50 characters). It must differ from the child.
	ParentID *string `url:"parent_id,omitempty"`
	// PaymentOwnerID is the customer whose payment sources pay the child's
	// invoices (payment_owner_id, at most 50 characters).
	PaymentOwnerID *string `url:"payment_owner_id,omitempty"`
	// InvoiceOwnerID is the customer the child's invoices are raised
	// against (invoice_owner_id, at most 50 characters).
	InvoiceOwnerID *string `url:"invoice_owner_id,omitempty"`
	// UseDefaultHierarchySettings applies the access settings configured in
	// Chargebee Billing instead of those in this request
	// (use_default_hierarchy_settings; Chargebee's default is true).
	UseDefaultHierarchySettings *bool `url:"use_default_hierarchy_settings,omitempty"`
	// ParentAccountAccess sets what the parent can see and receive of the
	// child (parent_account_access[...]).
	ParentAccountAccess *ParentAccountAccessParams `url:"parent_account_access,omitempty"`
	// ChildAccountAccess sets what the child can see and receive of itself
	// (child_account_access[...]).
	ChildAccountAccess *ChildAccountAccessParams `url:"child_account_access,omitempty"`
}

// NewLinkRequest returns an empty LinkRequest.
func NewLinkRequest() *LinkRequest { return &LinkRequest{} }

// SetParentID sets parent_id.
func (r *LinkRequest) SetParentID(v string) *LinkRequest { r.ParentID = &v; return r }

// SetPaymentOwnerID sets payment_owner_id.
func (r *LinkRequest) SetPaymentOwnerID(v string) *LinkRequest { r.PaymentOwnerID = &v; return r }

// SetInvoiceOwnerID sets invoice_owner_id.
func (r *LinkRequest) SetInvoiceOwnerID(v string) *LinkRequest { r.InvoiceOwnerID = &v; return r }

// SetUseDefaultHierarchySettings sets use_default_hierarchy_settings.
func (r *LinkRequest) SetUseDefaultHierarchySettings(v bool) *LinkRequest {
	r.UseDefaultHierarchySettings = &v
	return r
}

// SetParentAccountAccess sets parent_account_access[...].
func (r *LinkRequest) SetParentAccountAccess(v *ParentAccountAccessParams) *LinkRequest {
	r.ParentAccountAccess = v
	return r
}

// SetChildAccountAccess sets child_account_access[...].
func (r *LinkRequest) SetChildAccountAccess(v *ChildAccountAccessParams) *LinkRequest {
	r.ChildAccountAccess = v
	return r
}

// Validate checks the lengths of the customer ids. That parent_id differs
// from the child is checked by Service.Link, which knows the child.
func (r *LinkRequest) Validate() error {
	if r == nil {
		return nil
	}
	return api.First(
		api.MaxLen("parent_id", r.ParentID, maxIDLength),
		api.MaxLen("payment_owner_id", r.PaymentOwnerID, maxIDLength),
		api.MaxLen("invoice_owner_id", r.InvoiceOwnerID, maxIDLength),
	)
}

// clone returns a shallow copy of r with its nested params copied too, so
// that the caller's request is never changed.
func (r *LinkRequest) clone() *LinkRequest {
	if r == nil {
		return &LinkRequest{}
	}
	c := *r
	if r.ParentAccountAccess != nil {
		p := *r.ParentAccountAccess
		c.ParentAccountAccess = &p
	}
	if r.ChildAccountAccess != nil {
		p := *r.ChildAccountAccess
		c.ChildAccountAccess = &p
	}
	return &c
}

// ParentAccountAccessParams sets the parent's access to a child
// (parent_account_access[...]).
type ParentAccountAccessParams struct {
	// PortalEditChildSubscriptions: whether the parent can view and edit
	// (yes), only view (view_only) or not see (no) the child's subscriptions
	// in the Self-Serve Portal.
	PortalEditChildSubscriptions *PortalAccess `url:"portal_edit_child_subscriptions,omitempty"`
	// PortalDownloadChildInvoices: whether the parent can view and download
	// (yes), only view (view_only) or not see (no) the child's invoices in
	// the Self-Serve Portal.
	PortalDownloadChildInvoices *PortalAccess `url:"portal_download_child_invoices,omitempty"`
	// SendSubscriptionEmails sends the child's subscription emails to the
	// parent.
	SendSubscriptionEmails *bool `url:"send_subscription_emails,omitempty"`
	// SendPaymentEmails sends the child's payment emails to the parent.
	SendPaymentEmails *bool `url:"send_payment_emails,omitempty"`
	// SendInvoiceEmails sends the child's invoice emails to the parent.
	SendInvoiceEmails *bool `url:"send_invoice_emails,omitempty"`
}

// NewParentAccountAccessParams returns empty ParentAccountAccessParams.
func NewParentAccountAccessParams() *ParentAccountAccessParams {
	return &ParentAccountAccessParams{}
}

// SetPortalEditChildSubscriptions sets
// parent_account_access[portal_edit_child_subscriptions].
func (p *ParentAccountAccessParams) SetPortalEditChildSubscriptions(v PortalAccess) *ParentAccountAccessParams {
	p.PortalEditChildSubscriptions = &v
	return p
}

// SetPortalDownloadChildInvoices sets
// parent_account_access[portal_download_child_invoices].
func (p *ParentAccountAccessParams) SetPortalDownloadChildInvoices(v PortalAccess) *ParentAccountAccessParams {
	p.PortalDownloadChildInvoices = &v
	return p
}

// SetSendSubscriptionEmails sets parent_account_access[send_subscription_emails].
func (p *ParentAccountAccessParams) SetSendSubscriptionEmails(v bool) *ParentAccountAccessParams {
	p.SendSubscriptionEmails = &v
	return p
}

// SetSendPaymentEmails sets parent_account_access[send_payment_emails].
func (p *ParentAccountAccessParams) SetSendPaymentEmails(v bool) *ParentAccountAccessParams {
	p.SendPaymentEmails = &v
	return p
}

// SetSendInvoiceEmails sets parent_account_access[send_invoice_emails].
func (p *ParentAccountAccessParams) SetSendInvoiceEmails(v bool) *ParentAccountAccessParams {
	p.SendInvoiceEmails = &v
	return p
}

// ChildAccountAccessParams sets a child's access to its own account
// (child_account_access[...]).
type ChildAccountAccessParams struct {
	// PortalEditSubscriptions: whether the child can view and edit (yes) or
	// only view (view_only) its subscriptions in the Self-Serve Portal.
	// Chargebee does not list "no" for this setting.
	PortalEditSubscriptions *PortalAccess `url:"portal_edit_subscriptions,omitempty"`
	// PortalDownloadInvoices: whether the child can view and download (yes),
	// only view (view_only) or not see (no) its invoices in the Self-Serve
	// Portal.
	PortalDownloadInvoices *PortalAccess `url:"portal_download_invoices,omitempty"`
	// SendSubscriptionEmails sends subscription emails to the child.
	SendSubscriptionEmails *bool `url:"send_subscription_emails,omitempty"`
	// SendPaymentEmails sends payment emails to the child.
	SendPaymentEmails *bool `url:"send_payment_emails,omitempty"`
	// SendInvoiceEmails sends invoice emails to the child.
	SendInvoiceEmails *bool `url:"send_invoice_emails,omitempty"`
}

// NewChildAccountAccessParams returns empty ChildAccountAccessParams.
func NewChildAccountAccessParams() *ChildAccountAccessParams {
	return &ChildAccountAccessParams{}
}

// SetPortalEditSubscriptions sets child_account_access[portal_edit_subscriptions].
func (p *ChildAccountAccessParams) SetPortalEditSubscriptions(v PortalAccess) *ChildAccountAccessParams {
	p.PortalEditSubscriptions = &v
	return p
}

// SetPortalDownloadInvoices sets child_account_access[portal_download_invoices].
func (p *ChildAccountAccessParams) SetPortalDownloadInvoices(v PortalAccess) *ChildAccountAccessParams {
	p.PortalDownloadInvoices = &v
	return p
}

// SetSendSubscriptionEmails sets child_account_access[send_subscription_emails].
func (p *ChildAccountAccessParams) SetSendSubscriptionEmails(v bool) *ChildAccountAccessParams {
	p.SendSubscriptionEmails = &v
	return p
}

// SetSendPaymentEmails sets child_account_access[send_payment_emails].
func (p *ChildAccountAccessParams) SetSendPaymentEmails(v bool) *ChildAccountAccessParams {
	p.SendPaymentEmails = &v
	return p
}

// SetSendInvoiceEmails sets child_account_access[send_invoice_emails].
func (p *ChildAccountAccessParams) SetSendInvoiceEmails(v bool) *ChildAccountAccessParams {
	p.SendInvoiceEmails = &v
	return p
}

// UpdateSettingsRequest holds the parameters of Service.UpdateSettings, which
// changes the access settings of a customer already in a hierarchy. All
// fields are optional.
type UpdateSettingsRequest struct {
	// UseDefaultHierarchySettings applies the access settings configured in
	// Chargebee Billing instead of those in this request
	// (use_default_hierarchy_settings; Chargebee's default is true).
	UseDefaultHierarchySettings *bool `url:"use_default_hierarchy_settings,omitempty"`
	// ParentAccountAccess sets the parent's access to the customer
	// (parent_account_access[...]).
	ParentAccountAccess *ParentAccountAccessParams `url:"parent_account_access,omitempty"`
	// ChildAccountAccess sets the customer's access to its own account
	// (child_account_access[...]).
	ChildAccountAccess *ChildAccountAccessParams `url:"child_account_access,omitempty"`
}

// NewUpdateSettingsRequest returns an empty UpdateSettingsRequest.
func NewUpdateSettingsRequest() *UpdateSettingsRequest { return &UpdateSettingsRequest{} }

// SetUseDefaultHierarchySettings sets use_default_hierarchy_settings.
func (r *UpdateSettingsRequest) SetUseDefaultHierarchySettings(v bool) *UpdateSettingsRequest {
	r.UseDefaultHierarchySettings = &v
	return r
}

// SetParentAccountAccess sets parent_account_access[...].
func (r *UpdateSettingsRequest) SetParentAccountAccess(v *ParentAccountAccessParams) *UpdateSettingsRequest {
	r.ParentAccountAccess = v
	return r
}

// SetChildAccountAccess sets child_account_access[...].
func (r *UpdateSettingsRequest) SetChildAccountAccess(v *ChildAccountAccessParams) *UpdateSettingsRequest {
	r.ChildAccountAccess = v
	return r
}

// Validate always succeeds: the action has no required parameters, lengths
// or ranges. Enum values are left to Chargebee.
func (r *UpdateSettingsRequest) Validate() error { return nil }

// ListDetailRequest holds the parameters of Service.ListDetail and
// Service.ListDetailPage. HierarchyOperationType is required.
type ListDetailRequest struct {
	// Limit is the page size, 1 to 100 (limit).
	Limit *int32 `url:"limit,omitempty"`
	// Offset is the next_offset of the previous page (offset, at most 1000
	// characters). ListDetail sets it itself.
	Offset *string `url:"offset,omitempty"`
	// HierarchyOperationType selects the part of the hierarchy to list
	// (hierarchy_operation_type, required).
	HierarchyOperationType *HierarchyType `url:"hierarchy_operation_type,omitempty"`
}

// NewListDetailRequest returns an empty ListDetailRequest; set the required
// part of the hierarchy with SetHierarchyOperationType.
func NewListDetailRequest() *ListDetailRequest { return &ListDetailRequest{} }

// SetLimit sets limit.
func (r *ListDetailRequest) SetLimit(v int32) *ListDetailRequest { r.Limit = &v; return r }

// SetOffset sets offset.
func (r *ListDetailRequest) SetOffset(v string) *ListDetailRequest { r.Offset = &v; return r }

// SetHierarchyOperationType sets hierarchy_operation_type.
func (r *ListDetailRequest) SetHierarchyOperationType(v HierarchyType) *ListDetailRequest {
	r.HierarchyOperationType = &v
	return r
}

// Validate checks that hierarchy_operation_type is given and that limit and
// offset are in range.
func (r *ListDetailRequest) Validate() error {
	if r == nil {
		return api.Invalid("hierarchy_operation_type", "is required")
	}
	var t *string
	if r.HierarchyOperationType != nil {
		s := string(*r.HierarchyOperationType)
		t = &s
	}
	return api.First(
		api.RequiredString("hierarchy_operation_type", t),
		api.Limit(r.Limit),
		api.Offset(r.Offset),
	)
}

// hierarchyParams is the query of Service.Hierarchy.
type hierarchyParams struct {
	Type HierarchyType `url:"hierarchy_operation_type"`
}

// Validate checks that hierarchy_operation_type is given.
func (p *hierarchyParams) Validate() error {
	if p.Type == "" {
		return api.Invalid("hierarchy_operation_type", "is required")
	}
	return nil
}
