package customer

import (
	"encoding/json"
	"fmt"
)

// missingKey reports a 2xx response without a top-level key the action
// always returns. It surfaces as a *chargebee.DecodeError from the call.
func missingKey(action, key string) error {
	return fmt.Errorf("customer: response of %s has no %q", action, key)
}

// CreateResult is the response of Service.Create.
type CreateResult struct {
	// Customer is the created customer.
	Customer *Customer `json:"customer"`
	// Card is the customer's card, when one was added.
	Card *Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *CreateResult) UnmarshalJSON(b []byte) error {
	type plain CreateResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.create", "customer")
	}
	return nil
}

// RetrieveResult is the response of Service.Retrieve.
type RetrieveResult struct {
	// Customer is the customer.
	Customer *Customer `json:"customer"`
	// Card is the customer's card, when it has one.
	Card *Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *RetrieveResult) UnmarshalJSON(b []byte) error {
	type plain RetrieveResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.retrieve", "customer")
	}
	return nil
}

// UpdateResult is the response of Service.Update.
type UpdateResult struct {
	// Customer is the updated customer.
	Customer *Customer `json:"customer"`
	// Card is the customer's card, when it has one.
	Card *Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *UpdateResult) UnmarshalJSON(b []byte) error {
	type plain UpdateResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.update", "customer")
	}
	return nil
}

// UpdatePaymentMethodResult is the response of Service.UpdatePaymentMethod.
type UpdatePaymentMethodResult struct {
	// Customer is the updated customer.
	Customer *Customer `json:"customer"`
	// Card is the customer's card, when the payment method is a card.
	Card *Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *UpdatePaymentMethodResult) UnmarshalJSON(b []byte) error {
	type plain UpdatePaymentMethodResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.update_payment_method", "customer")
	}
	return nil
}

// UpdateBillingInfoResult is the response of Service.UpdateBillingInfo.
type UpdateBillingInfoResult struct {
	// Customer is the updated customer.
	Customer *Customer `json:"customer"`
	// Card is the customer's card, when it has one.
	Card *Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *UpdateBillingInfoResult) UnmarshalJSON(b []byte) error {
	type plain UpdateBillingInfoResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.update_billing_info", "customer")
	}
	return nil
}

// AssignPaymentRoleResult is the response of Service.AssignPaymentRole.
type AssignPaymentRoleResult struct {
	// Customer is the customer with its new primary/backup payment sources.
	Customer *Customer `json:"customer"`
	// PaymentSource is the payment source whose role was assigned.
	PaymentSource *PaymentSource `json:"payment_source"`
}

// UnmarshalJSON decodes the response and fails when "customer" or
// "payment_source" is missing.
func (r *AssignPaymentRoleResult) UnmarshalJSON(b []byte) error {
	type plain AssignPaymentRoleResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.assign_payment_role", "customer")
	}
	if r.PaymentSource == nil {
		return missingKey("customer.assign_payment_role", "payment_source")
	}
	return nil
}

// RecordExcessPaymentResult is the response of Service.RecordExcessPayment.
type RecordExcessPaymentResult struct {
	// Customer is the customer with its new excess payments balance.
	Customer *Customer `json:"customer"`
	// Transaction is the recorded payment.
	Transaction *Transaction `json:"transaction"`
}

// UnmarshalJSON decodes the response and fails when "customer" or
// "transaction" is missing.
func (r *RecordExcessPaymentResult) UnmarshalJSON(b []byte) error {
	type plain RecordExcessPaymentResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.record_excess_payment", "customer")
	}
	if r.Transaction == nil {
		return missingKey("customer.record_excess_payment", "transaction")
	}
	return nil
}

// CollectPaymentResult is the response of Service.CollectPayment.
type CollectPaymentResult struct {
	// Customer is the customer.
	Customer *Customer `json:"customer"`
	// Transaction is the payment made; check its Status.
	Transaction *Transaction `json:"transaction"`
}

// UnmarshalJSON decodes the response and fails when "customer" or
// "transaction" is missing.
func (r *CollectPaymentResult) UnmarshalJSON(b []byte) error {
	type plain CollectPaymentResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.collect_payment", "customer")
	}
	if r.Transaction == nil {
		return missingKey("customer.collect_payment", "transaction")
	}
	return nil
}

// DeleteResult is the response of Service.Delete.
type DeleteResult struct {
	// Customer is the customer as it was deleted (Deleted is true).
	Customer *Customer `json:"customer"`
	// Card is the customer's card, when it had one.
	Card *Card `json:"card,omitempty"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *DeleteResult) UnmarshalJSON(b []byte) error {
	type plain DeleteResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.delete", "customer")
	}
	return nil
}

// MoveResult is the response of Service.Move.
type MoveResult struct {
	// ResourceMigration tracks the move, which runs in the background.
	ResourceMigration *ResourceMigration `json:"resource_migration"`
}

// UnmarshalJSON decodes the response and fails when "resource_migration"
// is missing.
func (r *MoveResult) UnmarshalJSON(b []byte) error {
	type plain MoveResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.ResourceMigration == nil {
		return missingKey("customer.move", "resource_migration")
	}
	return nil
}

// ChangeBillingDateResult is the response of Service.ChangeBillingDate.
type ChangeBillingDateResult struct {
	// Customer is the customer with its new billing date settings.
	Customer *Customer `json:"customer"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *ChangeBillingDateResult) UnmarshalJSON(b []byte) error {
	type plain ChangeBillingDateResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.change_billing_date", "customer")
	}
	return nil
}

// MergeResult is the response of Service.Merge.
type MergeResult struct {
	// Customer is the customer merged into (to_customer_id).
	Customer *Customer `json:"customer"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *MergeResult) UnmarshalJSON(b []byte) error {
	type plain MergeResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.merge", "customer")
	}
	return nil
}

// ClearPersonalDataResult is the response of Service.ClearPersonalData.
type ClearPersonalDataResult struct {
	// Customer is the customer; PiiCleared tells how far clearing is.
	Customer *Customer `json:"customer"`
}

// UnmarshalJSON decodes the response and fails when "customer" is missing.
func (r *ClearPersonalDataResult) UnmarshalJSON(b []byte) error {
	type plain ClearPersonalDataResult
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Customer == nil {
		return missingKey("customer.clear_personal_data", "customer")
	}
	return nil
}

// ListEntry is one entry of a customer list page.
type ListEntry struct {
	// Customer is the listed customer.
	Customer *Customer `json:"customer"`
	// Card is the customer's card, when it has one.
	Card *Card `json:"card,omitempty"`
}

// listResponse is the body of a list call; List is a pointer so that a
// missing "list" key is told apart from an empty page.
type listResponse struct {
	List       *[]ListEntry `json:"list"`
	NextOffset string       `json:"next_offset"`
}

// UnmarshalJSON decodes a list page and fails when "list", or the
// customer of an entry, is missing. Entries are checked here rather than by
// a method on ListEntry so that a page is decoded in one pass.
func (r *listResponse) UnmarshalJSON(b []byte) error {
	type plain listResponse
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.List == nil {
		return missingKey("customer.list", "list")
	}
	for i := range *r.List {
		if (*r.List)[i].Customer == nil {
			return fmt.Errorf("customer: response of customer.list has no \"customer\" in list[%d]", i)
		}
	}
	return nil
}
