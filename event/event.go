// Package event reads Chargebee events: the typed Event document of the
// customer-domain events, Parse for the body of a webhook call, and a
// Service for the events API (list and retrieve).
//
// An event records a change on the site. The same JSON document is an entry
// of the events API and the body of a webhook call, so both decode into
// Event:
//
//	ev, err := event.Parse(body)
//	if err != nil { ... } // not an event: *event.ParseError
//	switch ev.EventType {
//	case event.CustomerChanged:
//		fmt.Println(ev.Content.Customer.ID)
//	}
//
// Event types and sources this package has no constant for decode as sent,
// so a new kind of event never breaks a receiver; compare EventType with the
// constants and ignore the rest.
//
// To receive webhooks, see the webhook package, which authenticates,
// de-duplicates and parses the calls before handing each Event to your code.
//
// See https://apidocs.chargebee.com/docs/api/events.
package event

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
)

// Type is the kind of an event, its event_type. Values without a constant
// here decode as sent.
type Type string

// The customer-domain event types. Unless noted, each exists in API v2 only.
const (
	// CustomerCreated: a customer was created (content: Customer, Card).
	// Also in API v1.
	CustomerCreated Type = "customer_created"
	// CustomerChanged: a customer's attributes changed (content: Customer,
	// Card). Also in API v1.
	CustomerChanged Type = "customer_changed"
	// CustomerDeleted: a customer was deleted (content: Customer, Card and
	// the customer's subscriptions as raw JSON in Subscription). Also in
	// API v1.
	CustomerDeleted Type = "customer_deleted"
	// CustomerMovedIn: a customer was copied into this site from another
	// one (content: Customer, Card).
	CustomerMovedIn Type = "customer_moved_in"
	// CustomerMovedOut: a customer was moved from this site to another one
	// (content: Customer, Card).
	CustomerMovedOut Type = "customer_moved_out"
	// CustomerBusinessEntityChanged: a customer moved to another business
	// entity (content: BusinessEntityTransfer, Customer).
	CustomerBusinessEntityChanged Type = "customer_business_entity_changed"
	// CustomerEntitlementsUpdated: a customer's entitlements changed
	// (content: ImpactedCustomer).
	CustomerEntitlementsUpdated Type = "customer_entitlements_updated"
	// HierarchyCreated: a customer was linked into a hierarchy (content:
	// Customer).
	HierarchyCreated Type = "hierarchy_created"
	// HierarchyDeleted: a customer was unlinked from a hierarchy (content:
	// Customer).
	HierarchyDeleted Type = "hierarchy_deleted"
	// PromotionalCreditsAdded: promotional credits were added (content:
	// Customer, PromotionalCredit).
	PromotionalCreditsAdded Type = "promotional_credits_added"
	// PromotionalCreditsDeducted: promotional credits were deducted
	// (content: Customer, PromotionalCredit).
	PromotionalCreditsDeducted Type = "promotional_credits_deducted"
	// CardAdded: a card was added (content: Customer, Card). Also in API
	// v1.
	CardAdded Type = "card_added"
	// CardUpdated: a card was updated (content: Customer, Card). Also in
	// API v1.
	CardUpdated Type = "card_updated"
	// CardDeleted: a card was deleted (content: Customer, Card). Also in
	// API v1.
	CardDeleted Type = "card_deleted"
	// CardExpired: a card expired (content: Customer, Card). Also in API
	// v1.
	CardExpired Type = "card_expired"
	// CardExpiryReminder: a card is about to expire (content: Customer,
	// Card). API v1 calls it CardExpiring.
	CardExpiryReminder Type = "card_expiry_reminder"
	// CardExpiring is the API v1 name of CardExpiryReminder (content:
	// Customer, Card). API v1 only.
	CardExpiring Type = "card_expiring"
)

// Source says where the change an event records was made. Values without
// a constant here decode as sent.
type Source string

// Values of Source.
const (
	SourceAdminConsole    Source = "admin_console"
	SourceAPI             Source = "api"
	SourceBulkOperation   Source = "bulk_operation"
	SourceScheduledJob    Source = "scheduled_job"
	SourceHostedPage      Source = "hosted_page"
	SourcePortal          Source = "portal"
	SourceSystem          Source = "system"
	SourceNone            Source = "none"
	SourceJSAPI           Source = "js_api"
	SourceMigration       Source = "migration"
	SourceExternalService Source = "external_service"
)

// WebhookStatus is the delivery state of an event's webhook calls. Chargebee
// deprecates it on the event in favour of the status of each entry of
// Webhooks. Values without a constant here decode as sent.
type WebhookStatus string

// Values of WebhookStatus.
const (
	WebhookStatusNotConfigured WebhookStatus = "not_configured"
	WebhookStatusScheduled     WebhookStatus = "scheduled"
	WebhookStatusSucceeded     WebhookStatus = "succeeded"
	WebhookStatusReScheduled   WebhookStatus = "re_scheduled"
	WebhookStatusFailed        WebhookStatus = "failed"
	WebhookStatusSkipped       WebhookStatus = "skipped"
	WebhookStatusNotApplicable WebhookStatus = "not_applicable"
	WebhookStatusDisabled      WebhookStatus = "disabled"
	WebhookStatusRateLimited   WebhookStatus = "rate_limited"
)

// Event is one Chargebee event: an entry of the events API and the body of a
// webhook call.
//
// See https://apidocs.chargebee.com/docs/api/events#event_attributes.
type Event struct {
	// ID identifies the event (id); it is the key to de-duplicate
	// webhook deliveries on.
	ID string `json:"id"`
	// OccurredAt is when the change happened (occurred_at).
	OccurredAt chargebee.Timestamp `json:"occurred_at"`
	// Source is where the change was made (source).
	Source Source `json:"source"`
	// User names who made the change (user), when known. It may be an
	// e-mail address: treat it as personal data.
	User string `json:"user,omitempty"`
	// OriginUser names the user on whose behalf the change was made
	// (origin_user), when known. Treat it as personal data.
	OriginUser string `json:"origin_user,omitempty"`
	// EventType is the kind of event (event_type).
	EventType Type `json:"event_type"`
	// APIVersion is the API version Content is shaped for (api_version).
	APIVersion chargebee.APIVersion `json:"api_version"`
	// WebhookStatus is the delivery state of the event's webhook calls
	// (webhook_status, deprecated by Chargebee in favour of Webhooks).
	WebhookStatus WebhookStatus `json:"webhook_status,omitempty"`
	// WebhookFailureReason says why delivery failed
	// (webhook_failure_reason, deprecated by Chargebee), when it did.
	WebhookFailureReason string `json:"webhook_failure_reason,omitempty"`
	// Webhooks is the delivery state per configured webhook (webhooks);
	// present once the first call completed or timed out.
	Webhooks []Webhook `json:"webhooks,omitempty"`
	// Content holds the resources the event is about (content).
	Content Content `json:"content"`
	// Object is "event".
	Object string `json:"object,omitempty"`
}

// Webhook is the delivery state of an event at one configured webhook.
type Webhook struct {
	// ID identifies the webhook configuration (id).
	ID string `json:"id"`
	// WebhookStatus is the delivery state at that webhook (webhook_status).
	WebhookStatus WebhookStatus `json:"webhook_status"`
	// Object is "webhook".
	Object string `json:"object,omitempty"`
}

// Content holds the resources an event is about, keyed on the wire by
// resource name. Which members are set depends on the event type (see the
// Type constants); the others are nil.
type Content struct {
	// Customer is the customer (content.customer), with its custom fields.
	Customer *customer.Customer `json:"customer,omitempty"`
	// Card is the customer's card (content.card), when it has one.
	Card *customer.Card `json:"card,omitempty"`
	// PromotionalCredit is the credit entry recorded
	// (content.promotional_credit).
	PromotionalCredit *credits.PromotionalCredit `json:"promotional_credit,omitempty"`
	// BusinessEntityTransfer describes a move between business entities
	// (content.business_entity_transfer).
	BusinessEntityTransfer *BusinessEntityTransfer `json:"business_entity_transfer,omitempty"`
	// ImpactedCustomer describes changed entitlements
	// (content.impacted_customer).
	ImpactedCustomer *ImpactedCustomer `json:"impacted_customer,omitempty"`
	// Subscription is content.subscription as sent: subscriptions are
	// outside this SDK, so it is kept as raw JSON (an array of
	// subscriptions in CustomerDeleted events).
	Subscription json.RawMessage `json:"subscription,omitempty"`
}

// BusinessEntityTransfer records a resource moving from one business entity
// to another.
type BusinessEntityTransfer struct {
	// ID identifies the transfer (id).
	ID string `json:"id"`
	// ResourceType is the kind of resource moved (resource_type).
	ResourceType TransferResourceType `json:"resource_type"`
	// ResourceID is the id of the resource moved (resource_id).
	ResourceID string `json:"resource_id"`
	// ActiveResourceID is the id of the resource now active
	// (active_resource_id).
	ActiveResourceID string `json:"active_resource_id"`
	// DestinationBusinessEntityID is the entity moved to
	// (destination_business_entity_id).
	DestinationBusinessEntityID string `json:"destination_business_entity_id"`
	// SourceBusinessEntityID is the entity moved from
	// (source_business_entity_id).
	SourceBusinessEntityID string `json:"source_business_entity_id"`
	// ReasonCode says why (reason_code).
	ReasonCode TransferReasonCode `json:"reason_code"`
	// CreatedAt is when the transfer was made (created_at).
	CreatedAt chargebee.Timestamp `json:"created_at"`
	// Object is "business_entity_transfer".
	Object string `json:"object,omitempty"`
}

// TransferResourceType is the kind of resource a BusinessEntityTransfer
// moved. Values without a constant here decode as sent.
type TransferResourceType string

// Values of TransferResourceType.
const (
	TransferResourceCustomer     TransferResourceType = "customer"
	TransferResourceSubscription TransferResourceType = "subscription"
)

// TransferReasonCode says why a BusinessEntityTransfer was made. Values
// without a constant here decode as sent.
type TransferReasonCode string

// Values of TransferReasonCode.
const (
	TransferReasonCorrection TransferReasonCode = "correction"
)

// ImpactedCustomer describes a change to a customer's entitlements.
type ImpactedCustomer struct {
	// ActionType says what changed (action_type).
	ActionType string `json:"action_type,omitempty"`
	// Download is where to fetch the details of the change (download).
	Download *Download `json:"download,omitempty"`
	// Object is "impacted_customer".
	Object string `json:"object,omitempty"`
}

// Download is a file Chargebee makes available for a limited time.
type Download struct {
	// DownloadURL is the address of the file (download_url).
	DownloadURL string `json:"download_url"`
	// ValidTill is when the address stops working (valid_till).
	ValidTill chargebee.Timestamp `json:"valid_till"`
	// MIMEType is the file's media type (mime_type).
	MIMEType string `json:"mime_type,omitempty"`
}

// ParseError reports a document that is not an event: empty, not a JSON
// object (null, an array, a string, ...), malformed JSON, or an object
// without id or event_type. Its text never quotes the document.
type ParseError struct {
	// Reason says what is wrong, for example "no id".
	Reason string
	// Err is the JSON decoding error, when there was one.
	Err error
}

// Error returns "event: not an event: " and the reason.
func (e *ParseError) Error() string { return "event: not an event: " + e.Reason }

// Unwrap returns the JSON decoding error, if any.
func (e *ParseError) Unwrap() error { return e.Err }

// Parse decodes one event document, such as the body of a webhook call. It
// fails with a *ParseError unless body is a JSON object with a non-empty id
// and event_type. Unknown event types, sources and attributes are accepted:
// types and sources are kept as sent, other attributes ignored.
func Parse(body []byte) (*Event, error) {
	i := 0
	for i < len(body) && isSpace(body[i]) {
		i++
	}
	if i == len(body) {
		return nil, &ParseError{Reason: "empty document"}
	}
	if body[i] != '{' {
		return nil, &ParseError{Reason: "not a JSON object"}
	}
	ev := new(Event)
	if err := json.Unmarshal(body, ev); err != nil {
		return nil, &ParseError{Reason: jsonReason(err), Err: err}
	}
	switch {
	case ev.ID == "":
		return nil, &ParseError{Reason: "no id"}
	case ev.EventType == "":
		return nil, &ParseError{Reason: "no event_type"}
	}
	return ev, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// jsonReason describes a decoding error without quoting the document.
func jsonReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return typ.Field + " has the wrong JSON type"
	case errors.As(err, &typ):
		return "a value has the wrong JSON type"
	}
	return "invalid JSON"
}
