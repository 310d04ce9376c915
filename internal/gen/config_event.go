package main

import (
	"fmt"
	"slices"
	"strings"
)

// The events API, from events.json: the Event model and its enums,
// ListRequest (with the plain filters of API v1 beside the operators of
// API v2, see v1OnlyFields), List, ListPage and Retrieve. Package event
// keeps Parse.
var eventPackage = &pkgSpec{
	Name:    "event",
	DocsURL: "https://apidocs.chargebee.com/docs/api/events",
	Enums: map[string]string{
		"event.source":                           "Source",
		"event.event_type":                       "Type",
		"event.api_version":                      "chargebee.APIVersion",
		"event.webhook_status":                   "WebhookStatus",
		"webhook.webhook_status":                 "WebhookStatus",
		"business_entity_transfer.resource_type": "TransferResourceType",
		"business_entity_transfer.reason_code":   "TransferReasonCode",
		"webhook_status":                         "WebhookStatus",
		"event_type":                             "Type",
	},
	EnumDocs: []enumSpec{
		{"Type", "Type is the kind of an event, its event_type. The constants are the customer-domain event types; unless noted, each exists in API v2 only."},
		{"Source", "Source says where the change an event records was made."},
		{"WebhookStatus", "WebhookStatus is the delivery state of an event's webhook calls. Chargebee deprecates it on the event in favour of the status of each entry of Webhooks."},
		{"TransferResourceType", "TransferResourceType is the kind of resource a BusinessEntityTransfer moved."},
		{"TransferReasonCode", "TransferReasonCode says why a BusinessEntityTransfer was made."},
	},
	ConstPrefix: map[string]string{"Type": "", "TransferResourceType": "TransferResource", "TransferReasonCode": "TransferReason"},
	ValueDoc:    eventTypeDoc,
	Models: []modelSpec{
		{"event", "Event", "Event is one Chargebee event: an entry of the events API and the body of a webhook call.\n\nSee https://apidocs.chargebee.com/docs/api/events#event_attributes."},
		{"webhook", "Webhook", "Webhook is the delivery state of an event at one configured webhook."},
		{"content", "Content", "Content holds the resources an event is about, keyed on the wire by resource name. Which members are set depends on the event type (see the Type constants); the others are nil."},
		{"business_entity_transfer", "BusinessEntityTransfer", "BusinessEntityTransfer records a resource moving from one business entity to another."},
		{"impacted_customer", "ImpactedCustomer", "ImpactedCustomer describes a change to a customer's entitlements."},
		{"download", "Download", "Download is a file Chargebee makes available for a limited time."},
	},
	ModelTypes: map[string]string{
		"customer":           "customer.Customer",
		"card":               "customer.Card",
		"promotional_credit": "credits.PromotionalCredit",
	},
	Fields: map[string]fieldSpec{
		"event": {"*Event", "the event"},
	},
	Requests: []requestSpec{{
		Action: "event.list", Name: "ListRequest", Method: "List",
		Doc: "ListRequest holds the paging and filters of Service.List and Service.ListPage (GET /events). Every field is optional; filters are combined with AND.\n\n" +
			"The two API versions filter differently. API v2 takes bracketed operators, field[operator]=value (ID, WebhookStatus, EventType, Source, OccurredAt, SortBy). API v1 takes plain values instead, webhook_status=x and event_type=x (WebhookStatusV1, EventTypeV1). Both take Limit, Offset, StartTime and EndTime. Setting a field the client's API version does not take fails in Service.ListPage before anything is sent, with a *chargebee.ValidationError.",
	}},
	Actions: []actionSpec{
		{
			Action: "event.list", Method: "List", Request: "ListRequest", Result: "ListEntry", Anchor: "list_events",
			Doc: "the events matching req; a filter the client's API version does not take (see ListRequest) fails before anything is sent",
		},
		{
			Action: "event.retrieve", Method: "Retrieve", IDArg: "id", Result: "RetrieveResult", Anchor: "retrieve_an_event",
			Doc: "Retrieve returns one event by its id. An id the site does not know fails with a *chargebee.Error matching chargebee.ErrNotFound.",
		},
	},
}

// eventSummaries say what happened, per event type.
var eventSummaries = map[string]string{
	"customer_created":                 "a customer was created",
	"customer_changed":                 "a customer's attributes changed",
	"customer_deleted":                 "a customer was deleted; Subscription holds its subscriptions",
	"customer_moved_in":                "a customer was copied into this site from another one",
	"customer_moved_out":               "a customer was moved from this site to another one",
	"customer_business_entity_changed": "a customer moved to another business entity",
	"customer_entitlements_updated":    "a customer's entitlements changed",
	"hierarchy_created":                "a customer was linked into a hierarchy",
	"hierarchy_deleted":                "a customer was unlinked from a hierarchy",
	"promotional_credits_added":        "promotional credits were added",
	"promotional_credits_deducted":     "promotional credits were deducted",
	"card_added":                       "a card was added",
	"card_updated":                     "a card was updated",
	"card_deleted":                     "a card was deleted",
	"card_expired":                     "a card expired",
	"card_expiry_reminder":             "a card is about to expire",
	"card_expiring":                    "a card is about to expire",
}

// eventTypeDoc documents a Type constant from events.json's event_types:
// what happened, the Content members set, and the API versions.
func eventTypeDoc(c *catalog, enum, value string) (string, error) {
	if enum != "Type" {
		return "", nil
	}
	i := slices.IndexFunc(c.EventTypes, func(t eventType) bool { return t.Type == value })
	summary, ok := eventSummaries[value]
	if i < 0 || !ok {
		return "", fmt.Errorf("event type %s: no event_types entry or no summary", value)
	}
	t := c.EventTypes[i]
	var members []string
	for _, key := range t.Content {
		j := slices.IndexFunc(c.Models["content"].Attributes, func(a attribute) bool { return a.Name == key })
		if j < 0 {
			return "", fmt.Errorf("event type %s: content key %s is not in the content model", value, key)
		}
		members = append(members, c.Models["content"].Attributes[j].GoField)
	}
	doc := fmt.Sprintf("%s: %s (content: %s).", camel(value), summary, strings.Join(members, ", "))
	switch v := strings.Join(t.APIVersions, ","); {
	case t.V1Name != "":
		doc += " API v1 calls it " + camel(t.V1Name) + "."
	case v == "v1,v2":
		doc += " Also in API v1."
	case v == "v1":
		doc += " API v1 only."
		for _, other := range c.EventTypes {
			if other.V1Name == value {
				doc += " API v2 calls it " + camel(other.Type) + "."
			}
		}
	}
	return doc, nil
}
