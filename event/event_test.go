package event_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/event"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseRejectsWhatIsNotAnEvent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body, reason string
	}{
		{"empty", "", "empty document"},
		{"blank", " \n\t ", "empty document"},
		{"null", "null", "not a JSON object"},
		{"array", `[{"id":"ev_1","event_type":"customer_created"}]`, "not a JSON object"},
		{"string", `"ev_1"`, "not a JSON object"},
		{"number", `42`, "not a JSON object"},
		{"no id", `{"event_type":"customer_created","content":{}}`, "no id"},
		{"empty id", `{"id":"","event_type":"customer_created"}`, "no id"},
		{"no event_type", `{"id":"ev_1","content":{}}`, "no event_type"},
		{"empty object", `{}`, "no id"},
		{"truncated", `{"id":"ev_1","event_type":"customer_cr`, "malformed JSON at byte"},
		{"trailing garbage", `{"id":"ev_1","event_type":"customer_created"} x`, "malformed JSON at byte"},
		{"id of the wrong type", `{"id":17,"event_type":"customer_created"}`, "id has the wrong JSON type"},
		{"content of the wrong type", `{"id":"ev_1","event_type":"customer_created","content":{"customer":"secret@example.com"}}`, "content.customer has the wrong JSON type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ev, err := event.Parse([]byte(tc.body))
			if ev != nil {
				t.Fatalf("Parse returned an event: %+v", ev)
			}
			var pe *event.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want *event.ParseError", err, err)
			}
			if !strings.HasPrefix(pe.Reason, tc.reason) {
				t.Fatalf("reason %q, want it to start with %q", pe.Reason, tc.reason)
			}
			if want := "event: not an event: " + pe.Reason; err.Error() != want {
				t.Fatalf("Error() = %q, want %q", err.Error(), want)
			}
			if strings.Contains(err.Error(), "example.com") || strings.Contains(err.Error(), "ev_1") {
				t.Fatalf("error quotes the document: %q", err)
			}
		})
	}
}

func TestParseCustomerChanged(t *testing.T) {
	t.Parallel()
	ev, err := event.Parse(fixture(t, "customer_changed.json"))
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID != "ev_evt_changed_1" || ev.EventType != event.CustomerChanged || ev.Source != event.SourceAdminConsole ||
		ev.OccurredAt != 1700003600 || ev.APIVersion != chargebee.APIv2 || ev.User != "ops@example.com" ||
		ev.WebhookStatus != event.WebhookStatusScheduled || ev.Object != "event" {
		t.Fatalf("envelope: %+v", ev)
	}
	if want := []event.Webhook{{ID: "whv2_evt_1", WebhookStatus: event.WebhookStatusScheduled, Object: "webhook"}}; !reflect.DeepEqual(ev.Webhooks, want) {
		t.Fatalf("Webhooks = %+v", ev.Webhooks)
	}
	c := ev.Content.Customer
	if c == nil || c.ID != "cust_evt_1" || c.Email != "test.person@example.com" || c.PromotionalCredits != 1500 ||
		c.BillingAddress == nil || c.BillingAddress.City != "Springfield" || len(c.Contacts) != 1 || c.Contacts[0].ID != "ct_evt_1" {
		t.Fatalf("customer: %+v", c)
	}
	wantCF := map[string]any{"cf_account_manager": "Team West", "cf_region": "us-central", "cf_seats_purchased": "12"}
	if !reflect.DeepEqual(c.CustomFields, wantCF) {
		t.Fatalf("CustomFields = %v, want %v", c.CustomFields, wantCF)
	}
	card := ev.Content.Card
	if card == nil || card.Last4 != "1111" || card.CustomerID != "cust_evt_1" || card.ExpiryYear != 2030 || card.Status != customer.CardStatus("valid") {
		t.Fatalf("card: %+v", card)
	}
	if ev.Content.PromotionalCredit != nil || ev.Content.BusinessEntityTransfer != nil || ev.Content.ImpactedCustomer != nil || ev.Content.Subscription != nil {
		t.Fatalf("content members the event does not carry are set: %+v", ev.Content)
	}
}

func TestParseContentOfEachShape(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file  string
		typ   event.Type
		check func(t *testing.T, ev *event.Event)
	}{
		{"customer_deleted.json", event.CustomerDeleted, func(t *testing.T, ev *event.Event) {
			if ev.Content.Customer == nil || !ev.Content.Customer.Deleted || ev.Content.Customer.CustomFields["cf_region"] != "eu-west" {
				t.Fatalf("customer: %+v", ev.Content.Customer)
			}
			var subs []struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(ev.Content.Subscription, &subs); err != nil || len(subs) != 2 || subs[1].ID != "sub_2" {
				t.Fatalf("subscription %s: %v %+v", ev.Content.Subscription, err, subs)
			}
		}},
		{"customer_business_entity_changed.json", event.CustomerBusinessEntityChanged, func(t *testing.T, ev *event.Event) {
			want := &event.BusinessEntityTransfer{ID: "bet_1", ResourceType: event.TransferResourceCustomer, ResourceID: "cust_evt_2",
				ActiveResourceID: "cust_evt_3", DestinationBusinessEntityID: "be_dest", SourceBusinessEntityID: "be_src",
				ReasonCode: event.TransferReasonCorrection, CreatedAt: 1700010790, Object: "business_entity_transfer"}
			if !reflect.DeepEqual(ev.Content.BusinessEntityTransfer, want) || ev.Content.Customer == nil || ev.Content.Customer.ID != "cust_evt_2" {
				t.Fatalf("content: %+v", ev.Content)
			}
		}},
		{"customer_entitlements_updated.json", event.CustomerEntitlementsUpdated, func(t *testing.T, ev *event.Event) {
			want := &event.ImpactedCustomer{ActionType: "updated", Object: "impacted_customer", Download: &event.Download{
				DownloadURL: "https://downloads.example.com/ent/1.json", ValidTill: 1700018000, MIMEType: "application/json"}}
			if !reflect.DeepEqual(ev.Content.ImpactedCustomer, want) || ev.Content.Customer != nil {
				t.Fatalf("content: %+v", ev.Content)
			}
		}},
		{"promotional_credits_added.json", event.PromotionalCreditsAdded, func(t *testing.T, ev *event.Event) {
			pc := ev.Content.PromotionalCredit
			if pc == nil || pc.ID != "pc_1" || pc.Type != credits.TypeIncrement || pc.Amount != 500 || pc.ClosingBalance != 500 ||
				pc.CreditType != credits.CreditTypeReferralRewards || pc.CreatedAt != 1700017990 {
				t.Fatalf("promotional credit: %+v", pc)
			}
		}},
		{"v1_card_expiring.json", event.CardExpiring, func(t *testing.T, ev *event.Event) {
			if ev.APIVersion != chargebee.APIv1 || ev.Content.Card == nil || ev.Content.Card.Last4 != "4242" || ev.Content.Customer.ID != "cust_v1" {
				t.Fatalf("event: %+v", ev)
			}
		}},
		{"unknown_type.json", event.Type("subscription_teleported"), func(t *testing.T, ev *event.Event) {
			if ev.Source != event.Source("brand_new_source") || string(ev.Content.Subscription) == "" || ev.Content.Customer != nil {
				t.Fatalf("event: %+v", ev)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			ev, err := event.Parse(fixture(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if ev.EventType != tc.typ {
				t.Fatalf("EventType = %q, want %q", ev.EventType, tc.typ)
			}
			tc.check(t, ev)
		})
	}
}

// An event encoded again decodes to the same value: the models keep every
// field they decode, custom fields included.
func TestEventRoundTrip(t *testing.T) {
	t.Parallel()
	ev, err := event.Parse(fixture(t, "customer_changed.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	again, err := event.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ev, again) {
		t.Fatalf("round trip changed the event:\n%+v\n%+v", ev, again)
	}
}

// Parse decodes exactly what encoding/json decodes into the same structs.
func TestParseMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	body := fixture(t, "customer_changed.json")
	ev, err := event.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	var plain event.Event
	if err := json.Unmarshal(body, &plain); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ev, &plain) {
		t.Fatal("Parse and json.Unmarshal disagree")
	}
}

func TestEveryCustomerDomainTypeHasAConstant(t *testing.T) {
	t.Parallel()
	// The event types of EVENTS.md, v2 and v1.
	want := []string{
		"customer_created", "customer_changed", "customer_deleted", "customer_moved_in", "customer_moved_out",
		"customer_business_entity_changed", "customer_entitlements_updated", "hierarchy_created", "hierarchy_deleted",
		"promotional_credits_added", "promotional_credits_deducted", "card_added", "card_updated", "card_deleted",
		"card_expired", "card_expiry_reminder", "card_expiring",
	}
	got := []event.Type{
		event.CustomerCreated, event.CustomerChanged, event.CustomerDeleted, event.CustomerMovedIn, event.CustomerMovedOut,
		event.CustomerBusinessEntityChanged, event.CustomerEntitlementsUpdated, event.HierarchyCreated, event.HierarchyDeleted,
		event.PromotionalCreditsAdded, event.PromotionalCreditsDeducted, event.CardAdded, event.CardUpdated, event.CardDeleted,
		event.CardExpired, event.CardExpiryReminder, event.CardExpiring,
	}
	for i := range want {
		if string(got[i]) != want[i] {
			t.Errorf("constant %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"customer_changed.json", "customer_deleted.json", "unknown_type.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("null"))
	f.Add([]byte(`{"id":"a","event_type":"b","content":{"customer":{"cf_x":1}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, err := event.Parse(b)
		if (ev == nil) == (err == nil) {
			t.Fatalf("Parse returned event %v and error %v", ev, err)
		}
		if err != nil {
			var pe *event.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T, want *event.ParseError", err)
			}
			return
		}
		if ev.ID == "" || ev.EventType == "" {
			t.Fatalf("accepted an event without id or type: %+v", ev)
		}
	})
}
