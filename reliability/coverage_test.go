package reliability_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestAllActionsCoverTheWireTable checks that allActions, which every suite
// of this package runs over, holds each action of the resource packages
// that the fake's wire table lists (the events API has suites of its own),
// so that an action added to the catalog cannot escape them.
func TestAllActionsCoverTheWireTable(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../chargebeetest/wirespec.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Actions []struct {
			ID string `json:"id"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, a := range allActions() {
		covered[a.fake] = true
	}
	n := 0
	for _, a := range table.Actions {
		if strings.HasPrefix(a.ID, "event.") || strings.HasPrefix(a.ID, "event_v1.") {
			continue
		}
		n++
		if !covered[a.ID] {
			t.Errorf("action %s is in the wire table but not in allActions", a.ID)
		}
	}
	if n < 40 {
		t.Fatalf("only %d actions in the wire table", n)
	}
}
