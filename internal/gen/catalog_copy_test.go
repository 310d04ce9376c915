package main

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// addedAttributes are the whole attributes this copy of the catalog adds to
// the upstream models, marked "x_added" (from the API v1 schemas; tests of
// customer and credits decode them). A refresh that keeps only the x_
// fields of attributes the upstream catalog has would drop them.
var addedAttributes = []string{"card.reference_id", "customer.account_credits"}

// TestCatalogKeepsItsAddedAttributes fails when a refresh of catalog.json
// lost the attributes this copy adds, or added one without the x_added
// mark that tells the next refresh to keep it.
func TestCatalogKeepsItsAddedAttributes(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Models map[string]struct {
			Attributes []struct {
				Name       string `json:"name"`
				APIVersion string `json:"api_version"`
				XAdded     bool   `json:"x_added"`
			} `json:"attributes"`
		} `json:"models"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	var added []string
	for name, m := range c.Models {
		for _, a := range m.Attributes {
			if a.XAdded {
				added = append(added, name+"."+a.Name)
			} else if a.APIVersion != "" {
				// Upstream attributes carry no api_version: this one is ours.
				t.Errorf("%s.%s has an api_version but no \"x_added\": true; a refresh would drop it", name, a.Name)
			}
		}
	}
	slices.Sort(added)
	if !slices.Equal(added, addedAttributes) {
		t.Errorf("attributes marked x_added: %q, want %q; restore those a catalog refresh dropped (CONTRIBUTING.md, Refresh the catalog)", added, addedAttributes)
	}
}
