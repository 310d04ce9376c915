package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestExtraModelsAreDescribed checks that every attribute of the models
// outside the upstream catalog (x_extra_models, and the models of
// events.json) has a description of its own, so that none is documented
// with the text of a customer attribute of the same name.
func TestExtraModelsAreDescribed(t *testing.T) {
	t.Parallel()
	var c, e catalog
	for name, into := range map[string]*catalog{"catalog.json": &c, "events.json": &e} {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, into); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, models := range []map[string]model{c.Extra.Models, e.Models} {
		for key, m := range models {
			if m.Key != key {
				t.Errorf("model %q has key %q", key, m.Key)
			}
			for _, a := range m.Attributes {
				n++
				if _, ok := descriptions[key+":"+a.Name]; !ok {
					t.Errorf("%s:%s has no description", key, a.Name)
				}
			}
		}
	}
	if n < 120 {
		t.Errorf("only %d attributes in the extra models; the sections were not read", n)
	}
}

// TestAddRefusesAModelDefinedTwice checks that a model of events.json or of
// x_extra_models cannot silently replace a catalog model.
func TestAddRefusesAModelDefinedTwice(t *testing.T) {
	t.Parallel()
	c := catalog{Models: map[string]model{"customer": {Key: "customer"}}}
	e := catalog{Models: map[string]model{"customer": {Key: "customer"}}}
	if err := c.add([]byte(`{}`), &e); err == nil || !strings.Contains(err.Error(), `"customer" is defined twice`) {
		t.Errorf("add: err = %v, want customer defined twice", err)
	}
	c = catalog{Models: map[string]model{"customer": {Key: "customer"}}}
	c.Extra.Models = map[string]model{"transaction": {Key: "transaction"}}
	if err := c.add([]byte(`{}`), &catalog{}); err != nil || c.Models["transaction"].Key != "transaction" {
		t.Errorf("add: err = %v, models %v; want transaction merged", err, c.Models)
	}
}

// TestEventTypeDoc checks the doc of the event Type constants, made from
// events.json's event_types: the Content members and the API versions.
func TestEventTypeDoc(t *testing.T) {
	t.Parallel()
	c := catalog{
		Models: map[string]model{"content": {Attributes: []attribute{
			{Name: "customer", GoField: "Customer"}, {Name: "card", GoField: "Card"}, {Name: "subscription", GoField: "Subscription"},
		}}},
		EventTypes: []eventType{
			{Type: "customer_deleted", Content: []string{"customer", "card", "subscription"}, APIVersions: []string{"v1", "v2"}},
			{Type: "card_expiry_reminder", Content: []string{"customer", "card"}, APIVersions: []string{"v2"}, V1Name: "card_expiring"},
			{Type: "card_expiring", Content: []string{"card"}, APIVersions: []string{"v1"}},
			{Type: "hierarchy_created", Content: []string{"customer"}, APIVersions: []string{"v2"}},
			{Type: "card_added", Content: []string{"payment_source"}, APIVersions: []string{"v2"}},
		},
	}
	for _, tc := range []struct{ enum, value, want, err string }{
		{"Type", "customer_deleted", "CustomerDeleted: a customer was deleted; Subscription holds its subscriptions (content: Customer, Card, Subscription). Also in API v1.", ""},
		{"Type", "card_expiry_reminder", "CardExpiryReminder: a card is about to expire (content: Customer, Card). API v1 calls it CardExpiring.", ""},
		{"Type", "card_expiring", "CardExpiring: a card is about to expire (content: Card). API v1 only. API v2 calls it CardExpiryReminder.", ""},
		{"Type", "hierarchy_created", "HierarchyCreated: a customer was linked into a hierarchy (content: Customer).", ""},
		{"Source", "api", "", ""},
		{"Type", "subscription_created", "", "no event_types entry"},
		{"Type", "card_added", "", "content key payment_source"},
	} {
		got, err := eventTypeDoc(&c, tc.enum, tc.value)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err = %v, want %q", tc.value, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s.%s: got %q, %v\nwant %q", tc.enum, tc.value, got, err, tc.want)
		}
	}
}
