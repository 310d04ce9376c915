package event_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/event"
	"github.com/jarcoal/httpmock"
)

// Parse the body of a webhook call and act on the customer-domain events
// you care about.
func ExampleParse() {
	body := []byte(`{
		"id": "ev_16BPgETyVrQbiGhA",
		"occurred_at": 1700003600,
		"source": "admin_console",
		"object": "event",
		"api_version": "v2",
		"event_type": "customer_changed",
		"content": {
			"customer": {"id": "acme_corp", "first_name": "Jane", "auto_collection": "on",
				"created_at": 1700000000, "cf_region": "emea", "object": "customer"}
		}
	}`)
	ev, err := event.Parse(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	switch ev.EventType {
	case event.CustomerCreated, event.CustomerChanged:
		c := ev.Content.Customer
		fmt.Println(ev.ID, ev.EventType, c.ID, c.CustomFields["cf_region"], ev.OccurredAt)
	default:
		fmt.Println("ignored", ev.EventType)
	}

	// What is not an event is refused with a *event.ParseError.
	_, err = event.Parse([]byte(`[]`))
	var pe *event.ParseError
	fmt.Println(errors.As(err, &pe), err)
	// Output:
	// ev_16BPgETyVrQbiGhA customer_changed acme_corp emea 2023-11-14T23:13:20Z
	// true event: not an event: not a JSON object
}

// Poll the events API for the customer changes since a point in time, oldest
// first.
func ExampleService_List() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponderWithQuery(http.MethodGet, "https://acme-test.chargebee.com/api/v2/events",
		"event_type[in]=%5B%22customer_created%22%2C%22customer_changed%22%5D&occurred_at[after]=1700000000&sort_by[asc]=occurred_at&limit=100",
		httpmock.NewStringResponder(200, `{"list":[
			{"event":{"id":"ev_1","occurred_at":1700000100,"source":"api","api_version":"v2","event_type":"customer_created",
				"content":{"customer":{"id":"acme_corp","created_at":1700000100}}}},
			{"event":{"id":"ev_2","occurred_at":1700000200,"source":"portal","api_version":"v2","event_type":"customer_changed",
				"content":{"customer":{"id":"acme_corp","created_at":1700000100}}}}]}`))
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		fmt.Println(err)
		return
	}
	events := event.NewService(cb)
	req := event.NewListRequest().
		SetEventType(chargebee.EnumFilter{In: []string{string(event.CustomerCreated), string(event.CustomerChanged)}}).
		SetOccurredAt(chargebee.TimestampFilter{After: 1700000000}).
		SetSortBy(chargebee.SortAsc("occurred_at")).
		SetLimit(100)
	for e, err := range events.List(context.Background(), req) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(e.Event.ID, e.Event.EventType, e.Event.Source, e.Event.Content.Customer.ID)
	}
	// Output:
	// ev_1 customer_created api acme_corp
	// ev_2 customer_changed portal acme_corp
}
