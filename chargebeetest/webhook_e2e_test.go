package chargebeetest_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/relationship"
	"github.com/billingkit/chargebee-go/webhook"
)

// TestWebhookEndToEnd has the fake deliver every event of a run of changes
// twice and out of order, with one failed processing, to a
// webhook.NewHandler with a deduper: each event must be processed exactly
// once, with the content the fake recorded.
func TestWebhookEndToEnd(t *testing.T) {
	t.Parallel()
	var (
		mu        sync.Mutex
		processed = map[string]int{}
		order     []string
		got       = map[string]*event.Event{}
		failed    bool
	)
	h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
		mu.Lock()
		defer mu.Unlock()
		// The first hierarchy_created fails once: the handler answers 500,
		// the fake retries, and the retry is processed.
		if ev.EventType == event.HierarchyCreated && !failed {
			failed = true
			return errors.New("database unavailable")
		}
		processed[ev.ID]++
		order = append(order, ev.ID)
		got[ev.ID] = ev
		return nil
	}, webhook.WithBasicAuth("hook_user", "hook_password"), webhook.WithDeduper(webhook.NewMemoryDeduper(0)))
	if err != nil {
		t.Fatal(err)
	}
	hook := httptest.NewServer(h)
	defer hook.Close()

	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{
		URL: hook.URL, Username: "hook_user", Password: "hook_password",
		RetryWaits: []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond},
	}))
	s.DeliverDuplicates(true)
	s.DeliverOutOfOrder(true)

	ctx := context.Background()
	cb := s.Client()
	customers := customer.NewService(cb)
	rels := relationship.NewService(cb)
	cr := credits.NewService(cb)
	for _, id := range []string{"parent", "child"} {
		if _, err := customers.Create(ctx, customer.NewCreateRequest().SetID(id).SetFirstName(id)); err != nil {
			t.Fatal(err)
		}
	}
	steps := []func() error{
		func() error {
			_, err := customers.Update(ctx, "child", customer.NewUpdateRequest().SetCompany("Acme"))
			return err
		},
		func() error {
			_, err := rels.Link(ctx, "child", relationship.NewLinkRequest().SetParentID("parent"))
			return err
		},
		func() error {
			_, err := cr.Add(ctx, credits.NewAddRequest().SetCustomerID("parent").SetAmount(700).SetDescription("welcome"))
			return err
		},
		func() error {
			_, err := cr.Deduct(ctx, credits.NewDeductRequest().SetCustomerID("parent").SetAmount(200).SetDescription("used"))
			return err
		},
		func() error {
			s.SetEntitlements("child", chargebeetest.Entitlement{FeatureID: "seats", Value: "3", IsEnabled: true})
			return nil
		},
		func() error {
			_, err := rels.Unlink(ctx, "child")
			return err
		},
		func() error {
			_, err := customers.Delete(ctx, "child", nil)
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if n := len(s.Deliveries()); n != 0 {
		t.Fatalf("%d deliveries while out-of-order delivery holds them", n)
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := s.WaitWebhooks(wctx); err != nil {
		t.Fatal(err)
	}

	// Every event the fake recorded was processed exactly once.
	var ids []string
	for _, raw := range s.Events() {
		ev, err := event.Parse(raw)
		if err != nil {
			t.Fatalf("the fake's event does not parse: %v: %s", err, raw)
		}
		ids = append(ids, ev.ID)
		mu.Lock()
		n, p := processed[ev.ID], got[ev.ID]
		mu.Unlock()
		if n != 1 {
			t.Errorf("%s %s processed %d times, want 1", ev.ID, ev.EventType, n)
			continue
		}
		if p.EventType != ev.EventType || p.OccurredAt != ev.OccurredAt || p.Source != ev.Source {
			t.Errorf("%s: handler got %s/%d/%s, the fake recorded %s/%d/%s", ev.ID, p.EventType, p.OccurredAt, p.Source, ev.EventType, ev.OccurredAt, ev.Source)
		}
		checkContent(t, p)
	}
	want := "customer_created customer_created customer_changed hierarchy_created promotional_credits_added" +
		" promotional_credits_deducted customer_entitlements_updated hierarchy_deleted customer_deleted"
	var types []string
	for _, id := range ids {
		types = append(types, string(got[id].EventType))
	}
	if strings.Join(types, " ") != want {
		t.Fatalf("event types %s, want %s", strings.Join(types, " "), want)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(processed) != len(ids) {
		t.Fatalf("processed %d distinct events, the fake recorded %d", len(processed), len(ids))
	}
	// Out of order: the newest event came first.
	rev := slices.Clone(ids)
	slices.Reverse(rev)
	if order[0] != rev[0] || order[len(order)-1] != ids[0] {
		t.Errorf("processing order %v, want newest first", order)
	}

	// Each event went out twice; every copy ended with a 200, the
	// hierarchy_created copy that failed after a retry.
	final := map[string]int{}
	copies := map[string]int{}
	retried := 0
	for _, d := range s.Deliveries() {
		key := d.EventID + "#" + string(rune('0'+d.Copy))
		final[key] = d.Status
		copies[d.EventID] = max(copies[d.EventID], d.Copy)
		if d.Attempt > 1 {
			retried++
		}
	}
	for _, id := range ids {
		if copies[id] != 2 || final[id+"#1"] != 200 || final[id+"#2"] != 200 {
			t.Errorf("%s: %d copies, final answers %d and %d", id, copies[id], final[id+"#1"], final[id+"#2"])
		}
	}
	if retried != 1 {
		t.Errorf("%d retries, want 1 (the failed hierarchy_created)", retried)
	}
}

// checkContent checks that the typed content holds what the event type
// carries (api/EVENTS.md).
func checkContent(t *testing.T, ev *event.Event) {
	t.Helper()
	c := ev.Content
	switch ev.EventType {
	case event.CustomerCreated, event.CustomerChanged, event.CustomerDeleted, event.HierarchyCreated, event.HierarchyDeleted:
		if c.Customer == nil || c.Customer.ID == "" {
			t.Errorf("%s %s: no customer", ev.ID, ev.EventType)
		}
		if ev.EventType == event.HierarchyCreated && (c.Customer.Relationship == nil || c.Customer.Relationship.ParentID != "parent") {
			t.Errorf("%s hierarchy_created: relationship %+v", ev.ID, c.Customer.Relationship)
		}
	case event.PromotionalCreditsAdded, event.PromotionalCreditsDeducted:
		pc := c.PromotionalCredit
		if c.Customer == nil || pc == nil || pc.CustomerID != "parent" || c.Customer.PromotionalCredits != pc.ClosingBalance {
			t.Errorf("%s %s: customer %+v, credit %+v", ev.ID, ev.EventType, c.Customer, pc)
		}
	case event.CustomerEntitlementsUpdated:
		ic := c.ImpactedCustomer
		if ic == nil || ic.Download == nil || !strings.Contains(ic.Download.DownloadURL, "/downloads/"+ev.ID+"/") {
			t.Errorf("%s impacted_customer: %+v", ev.ID, ic)
		}
	}
}

// TestEventServiceOnFake reads the fake's events with the SDK's event
// service: filters, paging and retrieve, in both API versions.
func TestEventServiceOnFake(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	ctx := context.Background()
	customers := customer.NewService(s.Client())
	for _, id := range []string{"a", "b", "c"} {
		if _, err := customers.Create(ctx, customer.NewCreateRequest().SetID(id)); err != nil {
			t.Fatal(err)
		}
		if _, err := customers.Update(ctx, id, customer.NewUpdateRequest().SetCompany("Acme")); err != nil {
			t.Fatal(err)
		}
	}
	events := event.NewService(s.Client())
	req := event.NewListRequest().
		SetEventType(chargebee.EnumFilter{Is: string(event.CustomerChanged)}).
		SetSortBy(chargebee.SortAsc("occurred_at")).
		SetLimit(2)
	var seen []string
	for e, err := range events.List(ctx, req) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, e.Event.ID+":"+e.Event.Content.Customer.ID)
	}
	if strings.Join(seen, " ") != "ev_2:a ev_4:b ev_6:c" {
		t.Fatalf("customer_changed events: %v", seen)
	}
	if n := len(s.RequestsFor("event.list")); n != 2 {
		t.Fatalf("%d list requests for 3 events at limit 2, want 2", n)
	}
	res, err := events.Retrieve(ctx, "ev_3")
	if err != nil || res.Event.EventType != event.CustomerCreated || res.Event.Content.Customer.ID != "b" {
		t.Fatalf("retrieve: %+v %v", res, err)
	}
	if _, err := events.Retrieve(ctx, "ev_404"); !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("retrieve of an unknown event: %v", err)
	}

	v1 := event.NewService(s.ClientV1())
	seen = nil
	for e, err := range v1.List(ctx, event.NewListRequest().SetEventTypeV1(event.CustomerCreated)) {
		if err != nil {
			t.Fatal(err)
		}
		if e.Event.APIVersion != chargebee.APIv1 {
			t.Fatalf("v1 event with api_version %q", e.Event.APIVersion)
		}
		seen = append(seen, e.Event.ID)
	}
	if strings.Join(seen, " ") != "ev_5 ev_3 ev_1" {
		t.Fatalf("v1 customer_created events: %v", seen)
	}
}
