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
	if n < 90 {
		t.Errorf("only %d attributes in the extra models; the sections were not read", n)
	}
}

// TestAddRefusesAModelDefinedTwice checks that a model of events.json or of
// x_extra_models cannot silently replace a catalog model.
func TestAddRefusesAModelDefinedTwice(t *testing.T) {
	t.Parallel()
	c := catalog{Models: map[string]model{"customer": {Key: "customer"}}}
	e := catalog{Models: map[string]model{"customer": {Key: "customer"}}}
	if err := c.add(&e); err == nil || !strings.Contains(err.Error(), `"customer" is defined twice`) {
		t.Errorf("add: err = %v, want customer defined twice", err)
	}
	c = catalog{Models: map[string]model{"customer": {Key: "customer"}}}
	c.Extra.Models = map[string]model{"transaction": {Key: "transaction"}}
	if err := c.add(&catalog{}); err != nil || c.Models["transaction"].Key != "transaction" {
		t.Errorf("add: err = %v, models %v; want transaction merged", err, c.Models)
	}
}
