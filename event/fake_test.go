package event_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/event"
)

// The events service against the SDK's fake: what the fake records for a
// few changes lists, filters, pages and retrieves through the typed
// service.
func TestServiceAgainstTheFake(t *testing.T) {
	t.Parallel()
	srv, err := chargebeetest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	cb := srv.Client()
	res, err := customer.NewService(cb).Create(ctx, customer.NewCreateRequest().SetFirstName("Ann").
		SetCustomField("cf_region", "emea"))
	if err != nil {
		t.Fatal(err)
	}
	id := res.Customer.ID
	if _, err := customer.NewService(cb).Update(ctx, id, customer.NewUpdateRequest().SetLastName("Lee")); err != nil {
		t.Fatal(err)
	}
	if _, err := credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID(id).SetAmount(500).SetDescription("bonus")); err != nil {
		t.Fatal(err)
	}

	events := event.NewService(cb)
	var got []*event.Event
	for e, err := range events.List(ctx, event.NewListRequest().SetLimit(1).SetSortBy(chargebee.SortAsc("occurred_at"))) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Event)
	}
	want := []event.Type{event.CustomerCreated, event.CustomerChanged, event.PromotionalCreditsAdded}
	if len(got) != len(want) {
		t.Fatalf("listed %d events, want %d", len(got), len(want))
	}
	for i, ev := range got {
		if ev.EventType != want[i] || ev.APIVersion != chargebee.APIv2 || ev.Content.Customer == nil || ev.Content.Customer.ID != id {
			t.Fatalf("event %d: %+v", i, ev)
		}
	}
	if got[0].Content.Customer.CustomFields["cf_region"] != "emea" || got[1].Content.Customer.LastName != "Lee" {
		t.Fatalf("content: %+v / %+v", got[0].Content.Customer, got[1].Content.Customer)
	}
	if pc := got[2].Content.PromotionalCredit; pc == nil || pc.Amount != 500 || pc.Type != credits.TypeIncrement {
		t.Fatalf("promotional credit: %+v", pc)
	}

	page, err := events.ListPage(ctx, event.NewListRequest().SetEventType(chargebee.EnumFilter{Is: string(event.CustomerChanged)}))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].Event.ID != got[1].ID {
		t.Fatalf("filtered page: %+v", page)
	}

	one, err := events.Retrieve(ctx, got[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	if one.Event.ID != got[2].ID || one.Event.EventType != event.PromotionalCreditsAdded {
		t.Fatalf("retrieved %+v", one.Event)
	}
	if _, err := events.Retrieve(ctx, "ev_unknown"); !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("unknown id: %v, want chargebee.ErrNotFound", err)
	}
}

// TestPollingFromTheLastSecond shows why the README polls from the second
// of the last event handled: an event recorded in that same second after a
// poll is missed by occurred_at[after]=last and found by after=last-1.
func TestPollingFromTheLastSecond(t *testing.T) {
	t.Parallel()
	at := time.Unix(1_800_000_000, 0) // every change happens in this second
	srv, err := chargebeetest.Start(chargebeetest.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	cb := srv.Client()
	customers := customer.NewService(cb)
	poll := func(after chargebee.Timestamp) (ids []string) {
		t.Helper()
		req := event.NewListRequest().SetOccurredAt(chargebee.TimestampFilter{After: after}).SetSortBy(chargebee.SortAsc("occurred_at"))
		for e, err := range event.NewService(cb).List(ctx, req) {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.Event.ID)
		}
		return ids
	}
	if _, err := customers.Create(ctx, customer.NewCreateRequest().SetFirstName("Ann")); err != nil {
		t.Fatal(err)
	}
	first := poll(chargebee.Timestamp(at.Unix() - 60))
	if len(first) != 1 {
		t.Fatalf("first poll: %v", first)
	}
	last := chargebee.Timestamp(at.Unix()) // OccurredAt of the last event handled
	if _, err := customers.Create(ctx, customer.NewCreateRequest().SetFirstName("Bob")); err != nil {
		t.Fatal(err)
	}
	if got := poll(last); len(got) != 0 {
		t.Fatalf("after=last lists %v; the README would not need the earlier second", got)
	}
	if got := poll(last - 1); len(got) != 2 || got[0] != first[0] || got[1] == first[0] {
		t.Fatalf("after=last-1 lists %v, want %s and the new event", got, first[0])
	}
}
