// Package wirekeys derives, from the catalog, what API v1 takes of each
// action that exists in both API versions. It is the one derivation of the
// v1 keys: internal/gen writes them into the SDK (the v1Keys table of
// package customer) and chargebeetest/internal/specgen into the fake
// server's wirespec.json.
package wirekeys

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Variant is the API v1 form of a catalog action.
type Variant struct {
	// V2Action is the catalog action, customer.update.
	V2Action string
	// V1Action names its v1 form, customer_v1.update.
	V1Action string
	// Keys are the wire keys API v1 takes, in catalog order: parameters,
	// then filter operators. They are the action's keys without the
	// catalog's v2_only_params.
	Keys []string
	// Required are keys API v1 requires although the action does not
	// (the catalog's x_v1_required).
	Required []string
	// RequiredUnless are keys of one object API v1 requires when the
	// object is sent without another of its keys (x_v1_required_unless).
	RequiredUnless []Unless
	// FromDiff is true for the actions of v1_v2_param_diff, false for the
	// actions marked x_in_v1 (which take no parameters).
	FromDiff bool
}

// Unless is a rule of x_v1_required_unless: when their object is sent
// and Unless is not, Keys are required.
type Unless struct {
	Keys   []string `json:"keys"`
	Unless string   `json:"unless"`
}

// catalog is the part of catalog.json the derivation reads.
type catalog struct {
	Actions []struct {
		ID     string `json:"id"`
		XInV1  bool   `json:"x_in_v1"`
		Params []struct {
			Wire string `json:"wire"`
		} `json:"params"`
		Filters []struct {
			Operators []struct {
				Wire string `json:"wire"`
			} `json:"operators"`
		} `json:"filters"`
	} `json:"actions"`
	Diff []struct {
		V2Action   string   `json:"v2_action"`
		V2Only     []string `json:"v2_only_params"`
		V1Required []string `json:"x_v1_required"`
		V1Unless   []Unless `json:"x_v1_required_unless"`
	} `json:"v1_v2_param_diff"`
}

// V1Variants returns the v1 form of every action of the catalog raw that
// API v1 has: those of v1_v2_param_diff, then those marked x_in_v1. A
// v2-only or v1-required key the action does not have is an error.
func V1Variants(raw []byte) ([]Variant, error) {
	var c catalog
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("reading catalog: %w", err)
	}
	keys := map[string][]string{}
	for _, a := range c.Actions {
		var k []string
		for _, p := range a.Params {
			k = append(k, p.Wire)
		}
		for _, f := range a.Filters {
			for _, o := range f.Operators {
				k = append(k, o.Wire)
			}
		}
		keys[a.ID] = k
	}
	var out []Variant
	for _, d := range c.Diff {
		all, ok := keys[d.V2Action]
		if !ok {
			return nil, fmt.Errorf("v1 diff names unknown action %q", d.V2Action)
		}
		v := Variant{V2Action: d.V2Action, V1Action: v1Name(d.V2Action), Required: d.V1Required, RequiredUnless: d.V1Unless, FromDiff: true}
		for _, k := range all {
			if !slices.Contains(d.V2Only, k) {
				v.Keys = append(v.Keys, k)
			}
		}
		for _, k := range d.V2Only {
			if !slices.Contains(all, k) {
				return nil, fmt.Errorf("%s: v2-only key %q is not among the action's keys", d.V2Action, k)
			}
		}
		required := slices.Clone(d.V1Required)
		for _, u := range d.V1Unless {
			required = append(append(required, u.Keys...), u.Unless)
		}
		for _, k := range required {
			if !slices.Contains(v.Keys, k) {
				return nil, fmt.Errorf("%s: x_v1_required key %q is not a v1 key of the action", d.V2Action, k)
			}
		}
		out = append(out, v)
	}
	for _, a := range c.Actions {
		if a.XInV1 {
			out = append(out, Variant{V2Action: a.ID, V1Action: v1Name(a.ID), Keys: keys[a.ID]})
		}
	}
	return out, nil
}

// v1Name names the v1 form of a customer action: customer.update becomes
// customer_v1.update.
func v1Name(id string) string { return strings.Replace(id, ".", "_v1.", 1) }
