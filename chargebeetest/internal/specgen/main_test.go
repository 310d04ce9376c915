package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestWireSpecIsCurrent fails when chargebeetest/wirespec.json differs from
// what the generator makes of internal/gen/catalog.json. Run
// go generate ./chargebeetest to update it.
func TestWireSpecIsCurrent(t *testing.T) {
	raw, err := os.ReadFile("../../../internal/gen/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	events, err := os.ReadFile("../../../internal/gen/events.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(raw, events)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../wirespec.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("chargebeetest/wirespec.json is stale: run go generate ./chargebeetest")
	}
}

// TestEventsActions checks that the events API actions of events.json reach
// the table with their filters, and that an id defined twice is refused.
func TestEventsActions(t *testing.T) {
	raw, err := os.ReadFile("../../../internal/gen/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	events, err := os.ReadFile("../../../internal/gen/events.json")
	if err != nil {
		t.Fatal(err)
	}
	out, err := generate(raw, events)
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Actions []struct {
			ID      string `json:"id"`
			Version string `json:"version"`
			Path    string `json:"path"`
			Params  []struct {
				Wire string `json:"wire"`
			} `json:"params"`
			Filters []struct {
				Wire string `json:"wire"`
				Type string `json:"type"`
			} `json:"filters"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(out, &spec); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range spec.Actions {
		if a.Path != "/events" && a.Path != "/events/{event-id}" {
			continue
		}
		var keys []string
		for _, p := range a.Params {
			keys = append(keys, p.Wire)
		}
		for _, f := range a.Filters {
			keys = append(keys, f.Wire+":"+f.Type)
		}
		got[a.ID+" "+a.Version] = strings.Join(keys, " ")
	}
	want := map[string]string{
		"event.list v2": "limit offset start_time end_time" +
			" id[is]:string id[is_not]:string id[starts_with]:string id[in]:json_array of string id[not_in]:json_array of string" +
			" webhook_status[is]:enum webhook_status[is_not]:enum webhook_status[in]:json_array of enum webhook_status[not_in]:json_array of enum" +
			" event_type[is]:string event_type[is_not]:string event_type[in]:json_array of string event_type[not_in]:json_array of string" +
			" source[is]:enum source[is_not]:enum source[in]:json_array of enum source[not_in]:json_array of enum" +
			" occurred_at[after]:timestamp occurred_at[before]:timestamp occurred_at[on]:timestamp occurred_at[between]:json_array[2] of timestamps" +
			" sort_by[asc]:enum sort_by[desc]:enum",
		"event.retrieve v2":    "",
		"event_v1.list v1":     "limit offset start_time end_time webhook_status event_type",
		"event_v1.retrieve v1": "",
	}
	if len(got) != len(want) {
		t.Errorf("events actions: got %d, want %d: %v", len(got), len(want), got)
	}
	for id, keys := range want {
		if got[id] != keys {
			t.Errorf("%s keys:\n got %q\nwant %q", id, got[id], keys)
		}
	}

	if _, err := generate(raw, raw); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("catalog given twice: err = %v, want an action defined twice", err)
	}
}
