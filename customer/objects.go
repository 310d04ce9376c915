package customer

import "github.com/billingkit/chargebee-go"

// The objects in this file are returned next to a customer by some actions.
// They are not part of the customer catalog; they carry the attributes a
// caller needs to continue (ids, status, amounts, types). Attributes not
// modelled here are ignored when decoding.

// PaymentSource is a payment source of a customer, as returned by
// AssignPaymentRole.
//
// See https://apidocs.chargebee.com/docs/api/payment_sources.
type PaymentSource struct {
	// ID is the payment source's id (pass it as payment_source_id).
	ID string `json:"id"`
	// CustomerID is the customer the payment source belongs to.
	CustomerID string `json:"customer_id"`
	// Type is the kind of payment source (card, direct_debit, ...).
	Type PaymentMethodType `json:"type"`
	// Status is the state of the payment source.
	Status PaymentMethodStatus `json:"status"`
	// ReferenceID is the gateway's reference for the payment source.
	ReferenceID string `json:"reference_id,omitempty"`
	// Gateway is the payment gateway that stores it.
	Gateway Gateway `json:"gateway,omitempty"`
	// GatewayAccountID is the gateway account that stores it.
	GatewayAccountID string `json:"gateway_account_id,omitempty"`
	// IPAddress is the IP address the payment source was added from.
	IPAddress string `json:"ip_address,omitempty"`
	// IssuingCountry is the ISO 3166 alpha-2 country that issued it.
	IssuingCountry string `json:"issuing_country,omitempty"`
	// BusinessEntityID is the business entity of the payment source.
	BusinessEntityID string `json:"business_entity_id,omitempty"`
	// Deleted is true once the payment source is deleted.
	Deleted bool `json:"deleted"`
	// CreatedAt is when it was created (Unix seconds).
	CreatedAt chargebee.Timestamp `json:"created_at"`
	// UpdatedAt is when it was last changed (Unix seconds).
	UpdatedAt chargebee.Timestamp `json:"updated_at,omitempty"`
	// ResourceVersion changes on every update of the payment source.
	ResourceVersion int64 `json:"resource_version,omitempty"`
	// Card holds the card details for card payment sources.
	Card *PaymentSourceCard `json:"card,omitempty"`
	// BankAccount holds the bank account details for direct debit.
	BankAccount *PaymentSourceBankAccount `json:"bank_account,omitempty"`
	// Paypal holds the PayPal account details.
	Paypal *PaymentSourcePaypal `json:"paypal,omitempty"`
	// Object is "payment_source".
	Object string `json:"object,omitempty"`
}

// PaymentSourceCard is the card of a card payment source.
type PaymentSourceCard struct {
	// FirstName is the cardholder's first name.
	FirstName string `json:"first_name,omitempty"`
	// LastName is the cardholder's last name.
	LastName string `json:"last_name,omitempty"`
	// IIN is the issuer identification number (first digits).
	IIN string `json:"iin,omitempty"`
	// Last4 is the last four digits of the number.
	Last4 string `json:"last4,omitempty"`
	// Brand is the card brand.
	Brand CardType `json:"brand,omitempty"`
	// FundingType is how the card is funded.
	FundingType FundingType `json:"funding_type,omitempty"`
	// ExpiryMonth is the expiry month.
	ExpiryMonth int32 `json:"expiry_month,omitempty"`
	// ExpiryYear is the expiry year.
	ExpiryYear int32 `json:"expiry_year,omitempty"`
	// MaskedNumber is the number with all but the last digits masked.
	MaskedNumber string `json:"masked_number,omitempty"`
	// Object is "card".
	Object string `json:"object,omitempty"`
}

// PaymentSourceBankAccount is the bank account of a direct debit payment
// source.
type PaymentSourceBankAccount struct {
	// Last4 is the last four digits of the account number or IBAN.
	Last4 string `json:"last4,omitempty"`
	// NameOnAccount is the account holder's name.
	NameOnAccount string `json:"name_on_account,omitempty"`
	// FirstName is the account holder's first name.
	FirstName string `json:"first_name,omitempty"`
	// LastName is the account holder's last name.
	LastName string `json:"last_name,omitempty"`
	// BankName is the bank's name.
	BankName string `json:"bank_name,omitempty"`
	// MandateID is the direct debit mandate.
	MandateID string `json:"mandate_id,omitempty"`
	// AccountType is the type of account.
	AccountType BankAccountType `json:"account_type,omitempty"`
	// Email is the account holder's e-mail address.
	Email string `json:"email,omitempty"`
	// Object is "bank_account".
	Object string `json:"object,omitempty"`
}

// PaymentSourcePaypal is the PayPal account of a PayPal payment source.
type PaymentSourcePaypal struct {
	// Email is the PayPal account's e-mail address.
	Email string `json:"email,omitempty"`
	// AgreementID is the PayPal billing agreement.
	AgreementID string `json:"agreement_id,omitempty"`
	// Object is "paypal".
	Object string `json:"object,omitempty"`
}

// TransactionType is the kind of a transaction.
type TransactionType string

// Values of TransactionType.
const (
	TransactionTypeAuthorization   TransactionType = "authorization"
	TransactionTypePayment         TransactionType = "payment"
	TransactionTypeRefund          TransactionType = "refund"
	TransactionTypePaymentReversal TransactionType = "payment_reversal"
)

// TransactionStatus is the state of a transaction.
type TransactionStatus string

// Values of TransactionStatus.
const (
	TransactionStatusInProgress     TransactionStatus = "in_progress"
	TransactionStatusSuccess        TransactionStatus = "success"
	TransactionStatusVoided         TransactionStatus = "voided"
	TransactionStatusFailure        TransactionStatus = "failure"
	TransactionStatusTimeout        TransactionStatus = "timeout"
	TransactionStatusNeedsAttention TransactionStatus = "needs_attention"
	TransactionStatusLateFailure    TransactionStatus = "late_failure"
)

// Transaction is a payment, as returned by RecordExcessPayment and
// CollectPayment.
//
// See https://apidocs.chargebee.com/docs/api/transactions.
type Transaction struct {
	// ID is the transaction's id.
	ID string `json:"id"`
	// CustomerID is the customer the transaction belongs to.
	CustomerID string `json:"customer_id,omitempty"`
	// SubscriptionID is the subscription it was made for, if any.
	SubscriptionID string `json:"subscription_id,omitempty"`
	// Type is the kind of transaction.
	Type TransactionType `json:"type"`
	// Status is the state of the transaction; collect_payment may return
	// in_progress for asynchronous payment methods.
	Status TransactionStatus `json:"status,omitempty"`
	// PaymentMethod is how the payment was made.
	PaymentMethod TransactionPaymentMethod `json:"payment_method"`
	// Amount is the amount in the currency's minor unit (cents).
	Amount int64 `json:"amount,omitempty"`
	// AmountUnused is the part of Amount not applied to invoices (minor
	// units); for an excess payment, the customer's new excess.
	AmountUnused int64 `json:"amount_unused,omitempty"`
	// AmountCapturable is what an authorization can still capture (minor
	// units).
	AmountCapturable int64 `json:"amount_capturable,omitempty"`
	// CurrencyCode is the ISO 4217 currency of the amounts.
	CurrencyCode string `json:"currency_code"`
	// ExchangeRate converts the currency to the site's base currency.
	ExchangeRate float64 `json:"exchange_rate,omitempty"`
	// Date is when the payment was made (Unix seconds).
	Date chargebee.Timestamp `json:"date,omitempty"`
	// SettledAt is when the payment settled (Unix seconds).
	SettledAt chargebee.Timestamp `json:"settled_at,omitempty"`
	// VoidedAt is when the transaction was voided (Unix seconds).
	VoidedAt chargebee.Timestamp `json:"voided_at,omitempty"`
	// Gateway is the gateway that processed it.
	Gateway Gateway `json:"gateway"`
	// GatewayAccountID is the gateway account that processed it.
	GatewayAccountID string `json:"gateway_account_id,omitempty"`
	// PaymentSourceID is the payment source charged.
	PaymentSourceID string `json:"payment_source_id,omitempty"`
	// IDAtGateway is the gateway's id of the transaction.
	IDAtGateway string `json:"id_at_gateway,omitempty"`
	// ReferenceNumber is the reference number of an offline payment.
	ReferenceNumber string `json:"reference_number,omitempty"`
	// CustomPaymentMethodID is the custom payment method used, if any.
	CustomPaymentMethodID string `json:"custom_payment_method_id,omitempty"`
	// InitiatorType says who started an on-session (3-D Secure) payment;
	// empty means the merchant.
	InitiatorType PaymentInitiator `json:"initiator_type,omitempty"`
	// ThreeDSecure is true when the payment went through 3-D Secure.
	ThreeDSecure bool `json:"three_d_secure,omitempty"`
	// ErrorCode is the gateway's error code of a failed transaction.
	ErrorCode string `json:"error_code,omitempty"`
	// ErrorText is the gateway's error message of a failed transaction.
	ErrorText string `json:"error_text,omitempty"`
	// MaskedCardNumber is the masked number of the card charged.
	MaskedCardNumber string `json:"masked_card_number,omitempty"`
	// ReferenceTransactionID is the transaction this one refers to.
	ReferenceTransactionID string `json:"reference_transaction_id,omitempty"`
	// RefundedTxnID is the payment a refund refunds.
	RefundedTxnID string `json:"refunded_txn_id,omitempty"`
	// ReferenceAuthorizationID is the authorization a payment captures.
	ReferenceAuthorizationID string `json:"reference_authorization_id,omitempty"`
	// ReversalTransactionID is the transaction that reversed this payment,
	// if any.
	ReversalTransactionID string `json:"reversal_transaction_id,omitempty"`
	// LinkedInvoices are the invoices the payment was applied to.
	LinkedInvoices []LinkedInvoice `json:"linked_invoices,omitempty"`
	// LinkedRefunds are the refunds of a payment that is not applied to an
	// invoice.
	LinkedRefunds []LinkedRefund `json:"linked_refunds,omitempty"`
	// PaymentMethodDetails describes the payment method used, as the text
	// Chargebee sends (a JSON document for some payment methods).
	PaymentMethodDetails string `json:"payment_method_details,omitempty"`
	// BusinessEntityID is the business entity of the transaction.
	BusinessEntityID string `json:"business_entity_id,omitempty"`
	// Deleted is true once the transaction is deleted.
	Deleted bool `json:"deleted"`
	// UpdatedAt is when it was last changed (Unix seconds).
	UpdatedAt chargebee.Timestamp `json:"updated_at,omitempty"`
	// ResourceVersion changes on every update of the transaction.
	ResourceVersion int64 `json:"resource_version,omitempty"`
	// Object is "transaction".
	Object string `json:"object,omitempty"`
}

// LinkedInvoice is an invoice a payment was applied to.
type LinkedInvoice struct {
	// InvoiceID is the invoice.
	InvoiceID string `json:"invoice_id"`
	// AppliedAmount is the part of the payment applied (minor units).
	AppliedAmount int64 `json:"applied_amount"`
	// AppliedAt is when it was applied (Unix seconds).
	AppliedAt chargebee.Timestamp `json:"applied_at"`
	// InvoiceDate is the invoice's date (Unix seconds).
	InvoiceDate chargebee.Timestamp `json:"invoice_date,omitempty"`
	// InvoiceTotal is the invoice's total (minor units), as API v2 sends it.
	InvoiceTotal int64 `json:"invoice_total,omitempty"`
	// InvoiceAmount is the invoice's total (minor units), as API v1 sends
	// it.
	InvoiceAmount int64 `json:"invoice_amount,omitempty"`
	// InvoiceStatus is the invoice's status (paid, payment_due, ...).
	InvoiceStatus string `json:"invoice_status"`
}

// LinkedRefund is a refund of a payment.
type LinkedRefund struct {
	// TxnID is the refund transaction.
	TxnID string `json:"txn_id"`
	// TxnStatus is the state of the refund.
	TxnStatus TransactionStatus `json:"txn_status"`
	// TxnDate is when the refund was made (Unix seconds).
	TxnDate chargebee.Timestamp `json:"txn_date"`
	// TxnAmount is the amount refunded (minor units).
	TxnAmount int64 `json:"txn_amount"`
	// Object is "linked_refund".
	Object string `json:"object,omitempty"`
}

// ResourceMigrationStatus is the state of a resource migration.
type ResourceMigrationStatus string

// Values of ResourceMigrationStatus.
const (
	ResourceMigrationStatusScheduled ResourceMigrationStatus = "scheduled"
	ResourceMigrationStatusFailed    ResourceMigrationStatus = "failed"
	ResourceMigrationStatusSucceeded ResourceMigrationStatus = "succeeded"
)

// ResourceMigration tracks the copy of a resource from another site, as
// returned by Move. The move runs in the background: Status starts as
// scheduled.
//
// See https://apidocs.chargebee.com/docs/api/resource_migrations.
type ResourceMigration struct {
	// FromSite is the site the resource is copied from.
	FromSite string `json:"from_site"`
	// EntityType is the kind of resource ("customer").
	EntityType string `json:"entity_type"`
	// EntityID is the resource's id on the source site.
	EntityID string `json:"entity_id"`
	// Status is the state of the migration.
	Status ResourceMigrationStatus `json:"status"`
	// Errors describes why a failed migration failed.
	Errors string `json:"errors,omitempty"`
	// CreatedAt is when the migration was requested (Unix seconds).
	CreatedAt chargebee.Timestamp `json:"created_at"`
	// UpdatedAt is when its status last changed (Unix seconds).
	UpdatedAt chargebee.Timestamp `json:"updated_at"`
	// Object is "resource_migration".
	Object string `json:"object,omitempty"`
}
