package chargebeetest

import "testing"

// TestEveryActionHasAHandler checks that the fake implements every action
// of its wire table, and nothing else: an action added to the catalog
// without a handler would answer 501 to the SDK's calls.
func TestEveryActionHasAHandler(t *testing.T) {
	t.Parallel()
	ids := map[string]bool{}
	for _, a := range loadSpec().Actions {
		ids[a.ID] = true
		if handlers[a.ID] == nil {
			t.Errorf("action %s (%s %s) has no handler in the fake", a.ID, a.Method, a.Path)
		}
	}
	if len(ids) == 0 {
		t.Fatal("the wire table has no actions")
	}
	for id := range handlers {
		if !ids[id] {
			t.Errorf("handler for %s, an action the wire table does not have", id)
		}
	}
}
