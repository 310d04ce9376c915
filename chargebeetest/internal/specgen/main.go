// Command specgen writes chargebeetest/wirespec.json, the table of wire keys
// the fake server accepts, from the copy of the API catalog in
// internal/gen/catalog.json and from internal/gen/events.json (the events
// API actions, compiled from api/EVENTS.md in the catalog's format, since
// the catalog covers the customer actions only; internal/gen reads it too).
//
// The fake reads only wirespec.json; the catalog copy in internal/gen and
// events.json are needed only to regenerate it, with
// go generate ./chargebeetest. A test fails when the committed table is
// stale.
//
// Besides the 35 catalogued actions it writes the v1 variants of the
// customer actions that exist in both API versions, as package
// internal/gen/wirekeys derives them for the SDK too: the v2 keys minus
// the keys the catalog lists as v2-only, with the keys API v1 alone
// requires (x_v1_required).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"

	"github.com/billingkit/chargebee-go/internal/gen/wirekeys"
)

type catalog struct {
	Actions []struct {
		ID           string  `json:"id"`
		APIVersion   string  `json:"api_version"`
		HTTPMethod   string  `json:"http_method"`
		Path         string  `json:"path"`
		CustomFields bool    `json:"custom_fields_allowed"`
		Idempotent   *bool   `json:"idempotency_key_supported"`
		Params       []param `json:"params"`
		Filters      []struct {
			Operators []struct {
				Wire      string   `json:"wire"`
				ValueType string   `json:"value_type"`
				Enum      []string `json:"enum"`
				MinLength int      `json:"min_length"`
			} `json:"operators"`
		} `json:"filters"`
	} `json:"actions"`
	V1Customer []struct {
		Name string `json:"name"`
	} `json:"v1_customer_model"`
}

type param struct {
	Wire          string   `json:"wire"`
	Type          string   `json:"type"`
	Format        string   `json:"format"`
	Group         *string  `json:"group"`
	GroupKind     string   `json:"group_kind"`
	Required      bool     `json:"required"`
	GroupRequired *bool    `json:"group_required"`
	Min           *int64   `json:"min"`
	Max           *int64   `json:"max"`
	MinLength     int      `json:"min_length"`
	MaxLength     int      `json:"max_length"`
	Enum          []string `json:"enum"`
}

// Output shapes; field order is the order written.
type outParam struct {
	Wire          string   `json:"wire"`
	Type          string   `json:"type"`
	Format        string   `json:"format,omitempty"`
	Group         string   `json:"group,omitempty"`
	Kind          string   `json:"kind,omitempty"`
	Required      bool     `json:"required,omitempty"`
	GroupRequired bool     `json:"group_required,omitempty"`
	Min           *int64   `json:"min,omitempty"`
	Max           *int64   `json:"max,omitempty"`
	MinLength     int      `json:"min_length,omitempty"`
	MaxLength     int      `json:"max_length,omitempty"`
	Enum          []string `json:"enum,omitempty"`
}

type outFilter struct {
	Wire      string   `json:"wire"`
	Type      string   `json:"type"`
	MinLength int      `json:"min_length,omitempty"`
	Enum      []string `json:"enum,omitempty"`
}

type outAction struct {
	ID           string
	Version      string
	Method       string
	Path         string
	CustomFields bool
	Params       []outParam
	Filters      []outFilter
}

func main() {
	in := flag.String("in", "internal/gen/catalog.json", "catalog.json to read")
	events := flag.String("events", "", "events.json to read: more actions in the catalog's format")
	out := flag.String("out", "chargebeetest/wirespec.json", "file to write")
	flag.Parse()
	raw, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var extra []byte
	if *events != "" {
		if extra, err = os.ReadFile(*events); err != nil {
			log.Fatal(err)
		}
	}
	spec, err := generate(raw, extra)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, spec, 0o644); err != nil {
		log.Fatal(err)
	}
}

// generate returns the wire table for the catalog raw and the extra
// actions of events (in the catalog's format; nil for none). An action id
// defined twice is an error.
func generate(raw, events []byte) ([]byte, error) {
	var c catalog
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, err
	}
	if events != nil {
		var e catalog
		if err := json.Unmarshal(events, &e); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		c.Actions = append(c.Actions, e.Actions...)
	}
	var actions []outAction
	byID := map[string]int{}
	for _, a := range c.Actions {
		if _, dup := byID[a.ID]; dup {
			return nil, fmt.Errorf("action %s is defined twice", a.ID)
		}
		oa := outAction{ID: a.ID, Version: a.APIVersion, Method: a.HTTPMethod, Path: a.Path, CustomFields: a.CustomFields}
		for _, p := range a.Params {
			oa.Params = append(oa.Params, convert(p))
		}
		for _, f := range a.Filters {
			for _, o := range f.Operators {
				oa.Filters = append(oa.Filters, outFilter{Wire: o.Wire, Type: o.ValueType, MinLength: o.MinLength, Enum: o.Enum})
			}
		}
		byID[a.ID] = len(actions)
		actions = append(actions, oa)
	}
	// v1 variants of the customer actions present in both versions.
	variants, err := wirekeys.V1Variants(raw)
	if err != nil {
		return nil, err
	}
	for _, v := range variants {
		v2 := actions[byID[v.V2Action]]
		v1 := outAction{ID: v.V1Action, Version: "v1", Method: v2.Method, Path: v2.Path, CustomFields: v2.CustomFields}
		for _, p := range v2.Params {
			if slices.Contains(v.Required, p.Wire) {
				p.Required, p.GroupRequired = true, true
			}
			if slices.Contains(v.Keys, p.Wire) {
				v1.Params = append(v1.Params, p)
			}
		}
		for _, f := range v2.Filters {
			if slices.Contains(v.Keys, f.Wire) {
				v1.Filters = append(v1.Filters, f)
			}
		}
		actions = append(actions, v1)
	}

	var b bytes.Buffer
	b.WriteString("{\n\"v1_customer_attributes\": ")
	var names []string
	for _, a := range c.V1Customer {
		names = append(names, a.Name)
	}
	writeJSON(&b, names)
	b.WriteString(",\n\"actions\": [\n")
	for i, a := range actions {
		fmt.Fprintf(&b, "{\"id\": %q, \"version\": %q, \"method\": %q, \"path\": %q, \"custom_fields\": %t,\n \"params\": [", a.ID, a.Version, a.Method, a.Path, a.CustomFields)
		for j, p := range a.Params {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  ")
			writeJSON(&b, p)
		}
		b.WriteString("],\n \"filters\": [")
		for j, f := range a.Filters {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  ")
			writeJSON(&b, f)
		}
		b.WriteString("]}")
		if i < len(actions)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n}\n")
	if !json.Valid(b.Bytes()) {
		return nil, fmt.Errorf("generated invalid JSON")
	}
	return b.Bytes(), nil
}

func convert(p param) outParam {
	o := outParam{Wire: p.Wire, Type: p.Type, Format: p.Format, Kind: p.GroupKind, Required: p.Required,
		Min: p.Min, Max: p.Max, MinLength: p.MinLength, MaxLength: p.MaxLength, Enum: p.Enum}
	if p.Group != nil {
		o.Group = *p.Group
	}
	if p.GroupRequired != nil {
		o.GroupRequired = *p.GroupRequired
	}
	if o.Format == "unix-time" {
		o.Format = ""
	}
	return o
}

func writeJSON(b *bytes.Buffer, v any) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		log.Fatal(err)
	}
	b.Truncate(b.Len() - 1) // drop the encoder's newline
}
